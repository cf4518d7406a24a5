"""Reading an article from a path or stdin, with one clear error for each way that fails."""

from __future__ import annotations

import sys
from pathlib import Path

from summarizer.errors import InputError

MAX_BYTES = 5_000_000  # a news article is tens of kilobytes; this is a safety limit


def read_article(path: str, *, max_bytes: int = MAX_BYTES) -> str:
    """The text of ``path`` (``-`` reads stdin), decoded as UTF-8."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        p = Path(path)
        if p.is_dir():
            raise InputError(f"{path}: is a directory, not an article file")
        try:
            with p.open("rb") as fh:
                data = fh.read(max_bytes + 1)
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except PermissionError:
            raise InputError(f"{path}: permission denied") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise InputError(f"{path}: larger than the {max_bytes:,}-byte limit")
    if b"\x00" in data:
        raise InputError(f"{path}: binary content, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not UTF-8 text (byte {exc.start}): convert it to UTF-8"
        ) from None
    if not text.strip():
        raise InputError(f"{path}: the article is empty")
    return text
