"""JSON Lines output that survives being killed: one ``write`` per record, and resume.

Each record is written with a single ``os.write`` on a file opened for appending, so a run
killed at any moment leaves whole lines behind (at most the last one torn, when the kernel
was interrupted mid-write). :func:`prepare_resume` keeps the successful records of an earlier
run, drops its error records (those inputs run again) and any torn last line, and returns the
inputs that are done.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import IO

from summarizer.errors import InputError


def cannot_write(path: Path | str, exc: OSError) -> str:
    """``cannot write PATH: why``, naming the missing folder when that is why (``-o
    reports/a.json`` before ``reports/`` exists said only 'No such file or directory')."""
    parent = Path(path).parent
    if isinstance(exc, FileNotFoundError) and not parent.exists():
        return f"cannot write {path}: the folder {parent} does not exist"
    return f"cannot write {path}: {exc.strerror or exc}"


class JsonlWriter:
    """Appends one line per record to ``path`` (or writes to ``stream``), flushed each time."""

    def __init__(self, path: Path | None = None, stream: IO[str] | None = None) -> None:
        self.path = path
        self._stream = stream if path is None else None
        self._fd: int | None = None
        if path is not None:
            try:
                self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            except OSError as exc:
                raise InputError(cannot_write(path, exc)) from None

    def write(self, line: str) -> None:
        data = line.rstrip("\n") + "\n"
        with whole_line():
            if self._fd is None:
                stream = self._stream or sys.stdout
                stream.write(data)
                stream.flush()
                return
            raw = data.encode("utf-8")
            try:
                while raw:
                    written = os.write(self._fd, raw)
                    raw = raw[written:]
            except OSError as exc:  # a full disk, a lost mount: stop the batch with a clear line
                raise InputError(f"cannot write {self.path}: {exc.strerror or exc}") from None

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


@contextlib.contextmanager
def whole_line() -> Iterator[None]:
    """Ctrl-C (SIGINT) waits until the line is out, so an interrupted run leaves no torn line:
    the signal is held back while the line is written (and, around it, counted) and handled
    right after. So is SIGTERM while a Python handler of it is set (the command line's turns
    it into a Ctrl-C).

    Held by a handler of ours for that moment, not by masking the signal: the kernel may hand
    SIGINT to any thread that does not mask it (a progress bar's, a worker pool's), and Python
    then raises it in the main thread wherever that thread is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    if signal.getsignal(signal.SIGINT) is None:  # a handler set outside Python: keep it
        if not hasattr(signal, "pthread_sigmask"):
            yield
            return
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        return
    pending: list[tuple[int, FrameType | None]] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        pending.append((signum, frame))

    handlers = {signal.SIGINT: signal.signal(signal.SIGINT, hold)}
    if callable(signal.getsignal(signal.SIGTERM)):  # SIGTERM handled as Ctrl-C (the CLI's)
        handlers[signal.SIGTERM] = signal.signal(signal.SIGTERM, hold)
    try:
        yield
    finally:
        for held_signal, handler in handlers.items():
            signal.signal(held_signal, handler)
        if pending:
            signum, frame = pending[0]
            previous = handlers[signal.Signals(signum)]
            if callable(previous):
                previous(signum, frame)
            elif previous == signal.SIG_DFL:
                signal.raise_signal(signum)


def prepare_resume(path: Path) -> set[str]:
    """The inputs already summarized in ``path``; the file is left holding just those."""
    if not path.exists():
        return set()
    done: set[str] = set()
    kept: list[bytes] = []
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path} to resume: {exc.strerror or exc}") from None
    lines = data.split(b"\n")
    complete, torn = lines[:-1], lines[-1]  # the part after the last newline is torn (or empty)
    for raw in complete:
        try:
            record = json.loads(raw)
        except ValueError:
            continue  # a torn line from a kill in the middle of a write
        if not isinstance(record, dict) or "summary" not in record or "input" not in record:
            continue  # an error record: that input runs again
        name = str(record["input"])
        if name not in done:
            done.add(name)
            kept.append(raw)
    if len(kept) != len(complete) or torn.strip():
        tmp = path.with_name(path.name + ".resume-tmp")
        tmp.write_bytes(b"".join(line + b"\n" for line in kept))
        os.replace(tmp, path)
    return done
