"""``-f text`` on a real terminal: the real ``summarizer`` process on a pseudo-terminal.

Wrapped to the terminal's width (80 and 160 columns) without breaking words, styled only on a
terminal, plain with ``NO_COLOR``, plain and unwrapped when redirected.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from tests.conftest import SEED_PATH, fixture_path

ANSI = re.compile(r"\x1b\[[0-9;]*m")
_SCRIPT = Path(sys.executable).parent / "summarizer"
COMMAND = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "summarizer"]
ARGS = ["run", str(SEED_PATH), "--engine", "llm", "--replay", str(fixture_path("seed_happy_tools"))]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(TERM="xterm-256color", **extra)
    return env


def run_on_terminal(columns: int, **env: str) -> tuple[int, str]:
    """Run summarizer with stdout on a terminal ``columns`` wide; its screen output."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    proc = subprocess.Popen(
        [*COMMAND, *ARGS],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=subprocess.PIPE,
        env=_env(**env),
    )
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            proc.kill()
            pytest.fail("summarizer printed nothing for 60 s")
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the process closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.wait(timeout=30) == 0, proc.stderr.read() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    return proc.returncode, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.fixture(scope="module")
def summary() -> dict[str, object]:
    out = subprocess.run(
        [*COMMAND, *ARGS, "-f", "json"], capture_output=True, env=_env(), check=True, text=True
    )
    data: dict[str, object] = json.loads(out.stdout)
    return data


@pytest.mark.parametrize("columns", [80, 160])
def test_text_is_wrapped_to_the_terminal_and_styled(columns: int, summary: dict) -> None:  # type: ignore[type-arg]
    _, screen = run_on_terminal(columns)
    assert "\x1b[" in screen  # styled on a terminal
    plain = ANSI.sub("", screen)
    lines = plain.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert max(len(line) for line in lines) > columns - 15  # and uses the width it has
    # no word is cut: the summary paragraph reads back whole, and every quote with its speaker
    joined = " ".join(line.strip() for line in lines)
    assert summary["summary"]["text"] in joined  # type: ignore[index]
    for q in summary["quotes"]:  # type: ignore[attr-defined]
        assert f"“{q['text']}” [{q['cue']} · {q['match']} · {q['found_by']}]" in joined
        assert f"{q['speaker']} ({q['speaker_kind']})" in plain


def test_no_color_keeps_the_wrapping_and_drops_the_styles() -> None:
    _, screen = run_on_terminal(80, NO_COLOR="1")
    assert "\x1b[" not in screen
    assert max(len(line) for line in screen.splitlines()) <= 80


def test_redirected_text_is_plain_and_unwrapped(summary: dict) -> None:  # type: ignore[type-arg]
    out = subprocess.run(
        [*COMMAND, *ARGS, "-f", "text"], capture_output=True, env=_env(), check=True, text=True
    )
    assert "\x1b[" not in out.stdout
    assert summary["summary"]["text"] in out.stdout.splitlines()  # type: ignore[index]
