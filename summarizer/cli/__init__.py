"""The command line: ``summarizer`` (the only package importing typer and rich)."""

from __future__ import annotations

import os
import signal
from types import FrameType


def main() -> None:
    """The console script. Loading the command line takes a few tenths of a second; a Ctrl-C
    then is reported as any other interrupt (one line, exit 130), not as a traceback from
    whichever module was being imported."""
    previous = signal.signal(signal.SIGINT, _interrupted_while_loading)
    try:
        from summarizer.cli.main import main as run
    finally:
        signal.signal(signal.SIGINT, previous)
    run()


def _interrupted_while_loading(signum: int, frame: FrameType | None) -> None:
    os.write(2, b"summarizer: interrupted; nothing was written\n")
    os._exit(130)  # nothing was read or written yet (summarizer.cli.codes.EXIT_INTERRUPTED)
