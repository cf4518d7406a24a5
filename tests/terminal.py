"""Run the real ``summarizer`` program in a pseudo-terminal, as a person does in a shell.

The process gets a pty of a given size as its stderr (and as its stdout unless stdout goes to
a file, as with ``> out.jsonl``); what it draws is fed to a VT100 emulator (pyte), so tests
assert on the screen a person would see, not on raw bytes. ``interrupt`` sends SIGINT to the
program's process group, as Ctrl-C does, once a condition holds.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyte


def summarizer_command() -> list[str]:
    """The installed console script beside this Python (what a user runs), else ``-m``."""
    script = Path(sys.executable).with_name("summarizer")
    return [str(script)] if script.exists() else [sys.executable, "-m", "summarizer"]


@dataclass
class Session:
    """What a person saw and what the program left behind."""

    code: int
    screen: list[str]  # the final screen, one string per row, trailing blanks stripped
    frames: list[str] = field(default_factory=list)  # the screen after each burst of output
    raw: bytes = b""
    stdout_file: Path | None = None

    @property
    def text(self) -> str:
        return "\n".join(line for line in self.screen if line)

    def records(self) -> list[str]:
        assert self.stdout_file is not None
        return self.stdout_file.read_text(encoding="utf-8").splitlines()


def run_in_terminal(
    args: Sequence[str],
    *,
    cols: int = 80,
    rows: int = 40,
    stdout: Path | None = None,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    interrupt: Callable[[Session], bool] | None = None,
    timeout: float = 60.0,
    typed: bytes | None = None,
    interrupt_with: signal.Signals = signal.SIGINT,
    interrupt_group: bool = True,
) -> Session:
    """Run ``summarizer ARGS`` with a ``cols`` x ``rows`` terminal on stderr.

    ``stdout``: a file to redirect standard output to (``> FILE``); None keeps it on the
    terminal. ``interrupt``: called with the session so far after each burst of output; when
    it returns True the program gets SIGINT once (Ctrl-C), or ``interrupt_with`` (SIGTERM:
    ``kill``, ``timeout``), sent to its process group or, without ``interrupt_group``, to the
    program alone (as ``kill PID`` does). ``typed``: the terminal is standard
    input too, and these keys are typed into it (``\x04`` at a line's start is Ctrl-D).
    """
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    screen = pyte.Screen(cols, rows)
    stream = pyte.ByteStream(screen)
    full_env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    full_env.update({"TERM": "xterm-256color", **(env or {})})
    out_fh = stdout.open("wb") if stdout is not None else None
    try:
        proc = subprocess.Popen(
            [*summarizer_command(), *args],
            stdin=(
                slave
                if typed is not None
                else subprocess.PIPE
                if stdin is not None
                else subprocess.DEVNULL
            ),
            stdout=out_fh if out_fh is not None else slave,
            stderr=slave,
            env=full_env,
            cwd=cwd,
            start_new_session=True,  # its own process group, the foreground job of this tty
        )
    finally:
        os.close(slave)
        if out_fh is not None:
            out_fh.close()
    if typed is not None:
        os.write(master, typed)  # held by the terminal until the program reads it
    if stdin is not None:
        assert proc.stdin is not None
        proc.stdin.write(stdin)
        proc.stdin.close()
    session = Session(code=-1, screen=[], stdout_file=stdout)
    interrupted = False
    end = time.monotonic() + timeout
    try:
        while True:
            if time.monotonic() > end:
                os.killpg(proc.pid, signal.SIGKILL)
                raise AssertionError(f"summarizer did not finish in {timeout}s:\n{session.text}")
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: every process holding the terminal has closed it
                    chunk = b""
                if not chunk:
                    break
                session.raw += chunk
                stream.feed(chunk)
                session.screen = [line.rstrip() for line in screen.display]
                session.frames.append("\n".join(session.screen))
            elif proc.poll() is not None and not _readable(master):
                break
            if interrupt is not None and not interrupted and interrupt(session):
                if interrupt_group:
                    os.killpg(proc.pid, interrupt_with)
                else:
                    os.kill(proc.pid, interrupt_with)
                interrupted = True
        session.code = proc.wait(timeout=max(1.0, end - time.monotonic()))
    finally:
        os.close(master)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    session.screen = [line.rstrip() for line in screen.display]
    return session


def _readable(fd: int) -> bool:
    ready, _, _ = select.select([fd], [], [], 0)
    return bool(ready)
