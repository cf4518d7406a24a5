"""Exit codes of the command line, and which error kinds the user fixes (exit 2)."""

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
USAGE_KINDS = frozenset({"input", "config", "auth", "model_not_found"})  # fix, don't retry
STOP_KINDS = frozenset({"config", "auth", "model_not_found"})  # every article would fail so

# Library messages name a parameter (``model=``, ``mode='md_json'``); the command line names
# its option. Only these names are rewritten, and only in that spelling.
_OPTIONS = {
    "api_key": "--api-key",
    "base_url": "--base-url",
    "model": "--model",
    "engine": "--engine",
    "mode": "--mode",
    "jobs": "--jobs",
    "rpm": "--rpm",
    "tpm": "--tpm",
    "timeout": "--timeout",
    "deadline": "--deadline",
    "max_bytes": "--max-bytes",
    "max_attempts": "--max-attempts",
    "workers": "--workers",
}


def for_cli(message: str) -> str:
    """A library message as the command line says it: ``model=`` becomes ``--model``,
    ``mode='md_json'`` becomes ``--mode md_json``."""
    import re

    def option(match: re.Match[str]) -> str:
        flag = _OPTIONS[match.group(1)]
        return f"{flag} {match.group(2)}" if match.group(2) else flag

    names = "|".join(_OPTIONS)
    return re.sub(rf"(?<![\w-])({names})=(?:'([^']*)')?", option, message)
