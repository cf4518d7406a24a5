"""Articles longer than the model's window: read in parts, then summarized from the notes.

Each part (a :class:`summarizer.text.chunks.Chunk`, with a little of the text before it as
context) is asked for with ``prompts/chunk.md`` and grounded in its own text; its quotes and
evidence are shifted to the whole article's offsets. The final request (``prompts/final.md``)
carries notes from every part (key points, stances and open questions, each with its evidence,
verbatim from the article) and its answer is grounded against the whole article. The quotes
are the parts' own: the final answer does not repeat them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

from summarizer.engines.llm import prompts
from summarizer.engines.llm.ground import Grounded, LocatedQuote
from summarizer.text.chunks import Chunk
from summarizer.text.grounding import Located

_PLACEHOLDER = re.compile(r"\{\{ (\w+) \}\}")


def _fill(template: str, values: dict[str, str]) -> str:
    """``template`` with each ``{{ name }}`` replaced in one pass: a value is never scanned for
    placeholders, so an article's own braces stay text."""
    text = template[:-1] if template.endswith("\n") else template
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def part_prompt(text: str, chunk: Chunk, number: int, parts: int) -> str:
    """The user message for part ``number`` (from 1) of ``parts``."""
    return _fill(
        prompts.load("chunk"),
        {
            "part": str(number),
            "parts": str(parts),
            "context": prompts.as_data(text[chunk.context_start : chunk.start].strip())
            or "(the article starts here)",
            "article": prompts.as_data(text[chunk.start : chunk.end]),
        },
    )


def final_prompt(notes: list[str], parts: int) -> str:
    """The user message of the final request."""
    notes_text = prompts.as_data("\n".join(notes))
    return _fill(prompts.load("final"), {"parts": str(parts), "notes": notes_text})


def _shift(located: Located, offset: int) -> Located:
    return replace(located, start=located.start + offset, end=located.end + offset)


@dataclass(frozen=True)
class Part:
    """A part's grounded answer, its offsets already those of the whole article."""

    number: int
    grounded: Grounded

    @classmethod
    def of(cls, number: int, grounded: Grounded, offset: int) -> Part:
        shifted = replace(
            grounded,
            quotes=tuple(LocatedQuote(q.draft, _shift(q.span, offset)) for q in grounded.quotes),
            key_points=tuple(
                replace(kp, evidence=tuple(_shift(s, offset) for s in kp.evidence))
                for kp in grounded.key_points
            ),
            stances=tuple(
                replace(st, evidence=tuple(_shift(s, offset) for s in st.evidence))
                for st in grounded.stances
            ),
            open_questions=tuple(
                replace(oq, evidence=tuple(_shift(s, offset) for s in oq.evidence))
                for oq in grounded.open_questions
            ),
        )
        return cls(number, shifted)


def notes(parts: list[Part], text: str, max_chars: int) -> list[str]:
    """One JSON line per note, taken in turn from every part (first the key points, then
    stances, then open questions) while they fit in ``max_chars``: each part has its say even
    when not everything fits. Evidence is cut from the article at the located offsets."""

    def evidence(spans: tuple[Located, ...]) -> list[str]:
        return [text[s.start : s.end] for s in spans[:2]]

    queues: list[list[dict[str, object]]] = []
    for part in parts:
        g = part.grounded
        queue: list[dict[str, object]] = [
            {"part": part.number, "type": "key_point", "text": kp.draft.point,
             "evidence": evidence(kp.evidence)}
            for kp in g.key_points
        ]  # fmt: skip
        queue += [
            {"part": part.number, "type": "stance", "actor": st.draft.actor,
             "role": st.draft.role, "topic": st.draft.topic, "stance": st.draft.stance,
             "text": st.draft.position, "evidence": evidence(st.evidence)}
            for st in g.stances
        ]  # fmt: skip
        queue += [
            {"part": part.number, "type": "open_question", "kind": oq.draft.kind,
             "text": oq.draft.question, "why": oq.draft.why, "evidence": evidence(oq.evidence)}
            for oq in g.open_questions
        ]  # fmt: skip
        queues.append(queue)
    lines: list[str] = []
    used = 0
    order = [
        [json.dumps(note, ensure_ascii=False) for note in queues[i]] for i in spread(len(queues))
    ]
    while any(order):
        for waiting in order:
            # a note too long for the room left never fits later (the room only shrinks): the
            # part gives its next note that fits, in its turn (when only a few notes fit, they
            # still come from parts spread over the article, not from its beginning)
            waiting[:] = [line for line in waiting if used + len(line) + 1 <= max_chars]
            if not waiting:
                continue
            line = waiting.pop(0)
            lines.append(line)
            used += len(line) + 1
    return lines


def spread(n: int) -> list[int]:
    """0..n-1 in an order that covers the range evenly from the start (0, n/2, n/4, 3n/4...):
    when only some parts' notes fit, they come from the whole article, not its beginning."""
    order: list[int] = []
    seen: set[int] = set()
    k = 0
    while len(order) < n:
        fraction, denominator, i = 0.0, 1.0, k
        while i:  # van der Corput: k's binary digits mirrored after the point
            denominator *= 2
            fraction += (i % 2) / denominator
            i //= 2
        index = int(fraction * n)
        if index not in seen:
            seen.add(index)
            order.append(index)
        k += 1
    return order


def combine(final: Grounded, parts: list[Part]) -> Grounded:
    """The final answer with every part's quotes (each passage once, in article order) and
    every part's warnings."""
    quotes: dict[tuple[int, int], LocatedQuote] = {}
    for part in parts:
        for quote in part.grounded.quotes:
            quotes.setdefault((quote.span.start, quote.span.end), quote)
    for quote in final.quotes:
        quotes.setdefault((quote.span.start, quote.span.end), quote)
    warnings = [w for part in parts for w in part.grounded.warnings] + list(final.warnings)
    return replace(
        final,
        quotes=tuple(quotes[k] for k in sorted(quotes)),
        warnings=tuple(warnings),
    )
