"""What a person sees of the library's log: the CLI decides, the library only logs.

One line per notice on stderr (``summarizer: ...``), printed above the progress bar while one
is shown. In a batch, warnings about one article (log records carrying ``input``) are not
printed one by one: they are in that article's ``run.warnings`` and the totals count them.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

_above: Callable[[str], None] | None = None
_batch = False


class NoticeHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        try:
            if _batch and getattr(record, "input", None) is not None:
                return  # counted from the records, a few shown at the end
            message = self.format(record)
            if _above is not None:
                _above(message)
            else:
                sys.stderr.write(message + "\n")
                sys.stderr.flush()
        except Exception:  # a notice must never break a run
            self.handleError(record)


def install(debug: bool) -> None:
    """Our handler on the "summarizer" logger (each run starts with no bar, not a batch)."""
    show_above(None)
    batch_mode(False)
    handler = NoticeHandler()
    handler.setFormatter(logging.Formatter("summarizer: %(message)s"))
    ours = logging.getLogger("summarizer")
    ours.handlers[:] = [handler]
    ours.setLevel(logging.DEBUG if debug else logging.WARNING)
    ours.propagate = False
    # instructor logs every failed attempt at ERROR; we report through our own errors.
    for noisy in ("instructor", "openai", "httpx2", "httpcore2"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if debug else logging.CRITICAL + 1)


def show_above(printer: Callable[[str], None] | None) -> None:
    """Print notices through ``printer`` (above a progress bar); None: straight to stderr."""
    global _above
    _above = printer


def batch_mode(on: bool) -> None:
    """In a batch, per-article warnings are counted, not printed."""
    global _batch
    _batch = on
