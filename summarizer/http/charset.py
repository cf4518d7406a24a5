"""Charset labels read as browsers read them (the WHATWG Encoding Standard): a page labelled
``iso-8859-1``, ``latin1`` or ``us-ascii`` is decoded as windows-1252, so that its bytes
0x80-0x9F are the curly quotes and dashes the page meant (“ ” ‘ ’ –  —), not C1 control
characters. Used for fetched pages and for saved ones alike."""

from __future__ import annotations

import codecs

# Python's names for the labels that WHATWG maps to windows-1252
_READ_AS_WINDOWS_1252 = frozenset({"iso8859-1", "ascii", "cp1252"})
_UNKNOWN_TO_PYTHON = {"x-cp1252": "cp1252"}
# the five bytes windows-1252 leaves undefined: WHATWG maps each to the code point of its value
_UNDEFINED_1252 = {0xDC00 + b: b for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


def codec_for_label(label: str) -> str | None:
    """The Python codec for a charset label (``ISO-8859-1`` -> ``cp1252``), None if unknown."""
    name = label.strip().lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        found = _UNKNOWN_TO_PYTHON.get(name)
        if found is None:
            return None
        codec = found
    return "cp1252" if codec in _READ_AS_WINDOWS_1252 else codec


def decode(data: bytes, codec: str, errors: str = "strict") -> str:
    """``data`` decoded with ``codec``; windows-1252 as WHATWG defines it (every byte decodes)."""
    if codecs.lookup(codec).name == "cp1252":
        return data.decode("cp1252", "surrogateescape").translate(_UNDEFINED_1252)
    return data.decode(codec, errors)
