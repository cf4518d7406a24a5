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
    try:
        run()
    finally:
        _forget_caught_interrupts()


def _forget_caught_interrupts() -> None:
    """Let the exit code the command chose stand (130 after a Ctrl-C it reported, 143 after
    SIGTERM).

    CPython (seen on 3.11) marks a KeyboardInterrupt raised inside code that ``exec()`` runs
    from a string as never handled, even when it is caught, and a process started with
    ``python -m`` then ends itself by SIGINT at exit, whatever code it exits with. Libraries
    run such code while their modules load (``dataclasses`` makes each method so), and a batch
    loads some on the way (the HTTP client, when the first request is made): a Ctrl-C landing
    there stopped a run that had said what it wrote, and then killed it. The mark is cleared
    by the next ``exec()`` of a string that runs to its end. (A KeyboardInterrupt that leaves
    the command unhandled is marked again by the interpreter, and still ends it by SIGINT.)"""
    exec("pass")


def _interrupted_while_loading(signum: int, frame: FrameType | None) -> None:
    os.write(2, b"summarizer: interrupted; nothing was written\n")
    os._exit(130)  # nothing was read or written yet (summarizer.cli.codes.EXIT_INTERRUPTED)
