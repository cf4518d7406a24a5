"""Exit codes of the command line, and which error kinds the user fixes (exit 2)."""

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
USAGE_KINDS = frozenset({"input", "config", "auth", "model_not_found"})  # fix, don't retry
STOP_KINDS = frozenset({"config", "auth", "model_not_found"})  # every article would fail so
