"""What a capable model answers to the final request of a long article: a summary built from
the notes taken on its parts (``prompts/final.md``), citing only the notes' own evidence.

The test server answers requests that carry ``<<<NOTES`` instead of an article with
:func:`draft_from_notes`.
"""

from __future__ import annotations

import json
import re
from typing import Any

NOTES = re.compile(r"<<<NOTES\n(.*)\nNOTES>>>", re.S)


def notes_in(message: str) -> list[dict[str, Any]] | None:
    """The notes (one JSON object a line) in a final request's user message, else None."""
    m = NOTES.search(message)
    if m is None:
        return None
    found = []
    for line in m.group(1).splitlines():
        try:
            note = json.loads(line)
        except ValueError:
            continue
        if isinstance(note, dict):
            found.append(note)
    return found


def draft_from_notes(notes: list[dict[str, Any]]) -> dict[str, Any]:
    """A summary of the whole article: key points spread over the parts, every stance and open
    question once, no quotes."""
    points = [n for n in notes if n.get("type") == "key_point" and n.get("evidence")]
    by_part: dict[Any, list[dict[str, Any]]] = {}
    for note in points:
        by_part.setdefault(note.get("part"), []).append(note)
    spread = [group[0] for group in by_part.values()]  # the first point of each part
    chosen = (spread[:: max(1, len(spread) // 6)] or points)[:6]
    stances: dict[str, dict[str, Any]] = {}
    for note in notes:
        if note.get("type") == "stance" and note.get("evidence"):
            stances.setdefault(note.get("actor", ""), note)
    questions = [n for n in notes if n.get("type") == "open_question" and n.get("evidence")][:5]
    first = chosen[0]["text"] if chosen else "A long article"
    return {
        "language": "en",
        "summary": {
            "headline": " ".join(str(first).split()[:15]),
            "text": " ".join(str(n["text"]) for n in chosen[:3]),
            "key_points": [{"point": n["text"], "evidence": n["evidence"][:2]} for n in chosen],
        },
        "stances": [
            {
                "actor": n.get("actor", ""),
                "role": n.get("role", ""),
                "topic": n.get("topic", ""),
                "position": n.get("text", ""),
                "stance": n.get("stance", "unclear"),
                "evidence": n["evidence"][:2],
            }
            for n in stances.values()
        ],
        "quotes": [],
        "open_questions": [
            {
                "question": n.get("text", ""),
                "kind": n.get("kind", "unresolved"),
                "why": n.get("why", ""),
                "evidence": n["evidence"][:2],
            }
            for n in questions
        ],
    }
