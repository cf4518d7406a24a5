"""JSON Lines output that survives being killed: one ``write`` per record, and resume.

Each record is written with a single ``os.write`` on a file opened for appending, so a run
killed at any moment leaves whole lines behind (at most the last one torn, when the kernel
was interrupted mid-write). :func:`prepare_resume` keeps the successful records of an earlier
run, drops its error records (those inputs run again) and any torn last line, and returns the
inputs that are done. A file that is not a batch's results (every complete line a summary or
an error record) is refused, never rewritten.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import IO

from summarizer.errors import ConfigError, InputError


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

    def write(self, line: str | bytes) -> None:
        """``line`` and a newline (``bytes``: the line in UTF-8)."""
        with whole_line():
            if self._fd is None:
                text = line if isinstance(line, str) else line.decode()
                stream = self._stream or sys.stdout
                stream.write(text.rstrip("\n") + "\n")
                stream.flush()
                return
            raw = line if isinstance(line, bytes) else line.encode()
            raw = raw.rstrip(b"\n") + b"\n"
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


def record_kind(record: object) -> str | None:
    """``"summary"`` or ``"error"`` for a record as a batch writes it, else None."""
    if not isinstance(record, dict) or not isinstance(record.get("input"), str):
        return None
    run = record.get("run")
    if (
        isinstance(record.get("summary"), dict)
        and isinstance(run, dict)
        and isinstance(run.get("engine"), str)
    ):
        return "summary"
    error = record.get("error")
    if (
        isinstance(error, dict)
        and isinstance(error.get("kind"), str)
        and isinstance(error.get("message"), str)
    ):
        return "error"
    return None


def not_results(lines: Iterable[bytes]) -> str | None:
    """Why these complete lines are not a batch's results (None when each is a summary or an
    error record, or blank): the first line that is not, said as the file's line number."""
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except ValueError:
            return f"line {number} is not JSON"
        if record_kind(record) is None:
            return f"line {number} is not a summary or error record"
    return None


def results_problem(path: Path, lines: int = 20) -> str | None:
    """Why the file at ``path`` is not a batch's results, judged by its first ``lines``
    complete lines (a torn last line is allowed); None when it is, or is empty."""
    try:
        with path.open("rb") as fh:
            head = [raw for raw in itertools.islice(fh, lines) if raw.endswith(b"\n")]
    except OSError:
        return None  # reading it fails later, and says why
    return not_results(head)


@dataclass
class Earlier:
    """What an earlier run's results hold: the inputs summarized, and by which engines and
    models (``run.engine``, ``run.model`` of each summary)."""

    done: set[str] = field(default_factory=set)
    runs: set[tuple[str, str | None]] = field(default_factory=set)


class NotResults(ConfigError):
    """``--resume`` onto a file that is not a batch's results (left as it is)."""


def read_resume(path: Path, check: Callable[[Earlier], None] | None = None) -> Earlier:
    """The inputs already summarized in ``path``; the file is left holding just those (its
    error records and a torn last line are dropped: those inputs run again). A file that is
    not a batch's results raises :class:`NotResults` and is not touched; nor is it when
    ``check`` (called with what the file holds, before any change) raises."""
    earlier = Earlier()
    if not path.exists():
        return earlier
    kept: list[bytes] = []
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path} to resume: {exc.strerror or exc}") from None
    lines = data.split(b"\n")
    complete, torn = lines[:-1], lines[-1]  # the part after the last newline is torn (or empty)
    for number, raw in enumerate(complete, 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except ValueError:
            record = None
        kind = record_kind(record)
        if kind is None:
            problem = not_results([raw]) or "not a record"
            raise NotResults(problem.replace("line 1", f"line {number}", 1))
        if kind != "summary":
            continue  # an error record: that input runs again
        assert isinstance(record, dict)
        name = record["input"]
        if name not in earlier.done:
            earlier.done.add(name)
            run = record["run"]
            model = run.get("model")
            earlier.runs.add((run["engine"], model if isinstance(model, str) else None))
            kept.append(raw)
    if check is not None:
        check(earlier)
    if len(kept) != len(complete) or torn.strip():
        tmp = path.with_name(path.name + ".resume-tmp")
        tmp.write_bytes(b"".join(line + b"\n" for line in kept))
        os.replace(tmp, path)
    return earlier


def prepare_resume(path: Path) -> set[str]:
    """The inputs already summarized in ``path``; the file is left holding just those
    (:func:`read_resume`)."""
    return read_resume(path).done
