"""What the command line adds to the library's errors: the exit code of an interrupted run,
the kinds that stop a batch at once, and messages that name its options."""

from summarizer.errors import ErrorKind

EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT
EXIT_TERMINATED = 143  # SIGTERM (kill, timeout, a scheduler), as shells report it
#: set when SIGTERM stopped the run: handled as Ctrl-C, reported as what it was
TERMINATED: list[bool] = []
# every other article of the batch would fail the same way: stop at the first
STOP_KINDS = frozenset({ErrorKind.CONFIG, ErrorKind.AUTH, ErrorKind.MODEL_NOT_FOUND})

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
    "context_window": "--context-window",
    "max_output_tokens": "--max-output-tokens",
    "max_bytes": "--max-bytes",
    "max_attempts": "--max-attempts",
    "workers": "--workers",
    "allow_private_urls": "--allow-private-urls",  # said as allow_private_urls=True
}


def for_cli(message: str) -> str:
    """A library message as the command line says it: ``model=`` becomes ``--model``,
    ``mode='md_json'`` becomes ``--mode md_json``, ``allow_private_urls=True`` becomes
    ``--allow-private-urls``."""
    import re

    def option(match: re.Match[str]) -> str:
        flag = _OPTIONS[match.group(1)]
        return f"{flag} {match.group(2)}" if match.group(2) else flag

    names = "|".join(_OPTIONS)
    return re.sub(rf"(?<![\w-])({names})=(?:'([^']*)'|True\b)?", option, message)
