"""The offline summary's own fast paths (its assembly, stances and open questions) give what the
plainer code they replace gives."""

from __future__ import annotations

import random
import re
import textwrap

import pytest

from summarizer.engines.offline import stances
from summarizer.engines.offline.engine import _verbatim, build_offline
from summarizer.engines.offline.reported import RuleAttribution
from summarizer.schema import ArticleSummary
from summarizer.text.wrapping import unwrap

PARAGRAPHS = [
    "The harbour board on Tuesday voted to sell the old ferry terminal to a private developer "
    "for $12 million, ending a dispute that had divided the town for most of the decade.",
    "“We have waited long enough for somebody to take this building off our hands,” said "
    "Mara Quint, who chairs the board, after the meeting in the town hall.",
    "Quint said the developer plans to open a market hall on the ground floor and that the "
    "sale could bring forty new jobs to the waterfront by the spring.",
    "Owen Tallis, a fisherman who has moored at the terminal for thirty years, criticised the "
    "sale as rushed. “Nobody asked the people who actually use the quay,” he told reporters.",
    "A spokesperson for the developer did not respond to a request for comment on Tuesday.",
]
FLAT = "Harbour board sells ferry terminal\n\n" + "\n\n".join(PARAGRAPHS)
WRAPPED = "Harbour board sells ferry terminal\n\n" + "\n\n".join(
    textwrap.fill(p, 60) for p in PARAGRAPHS
)


def test_a_wrapped_text_is_validated_once_as_the_flat_summary_read_back() -> None:
    """A hard-wrapped text's summary, its spans read from the text as given before the one
    validation, is the flat text's validated summary read back with ``model_dump`` and its spans
    replaced (the way it was made before), field for field."""
    assert unwrap(WRAPPED) == FLAT and unwrap(WRAPPED) is not WRAPPED
    new = build_offline(WRAPPED, input_name="a")[0]
    flat = build_offline(FLAT, input_name="a")[0]
    old = ArticleSummary.model_validate(_verbatim(flat.model_dump(), WRAPPED))
    for summary in (new, old, flat):
        summary.run.latency_s = 0.0
    assert new.model_dump_json() == old.model_dump_json()
    assert new.model_dump_json() != flat.model_dump_json()  # (the wrapped spans differ)
    # every kind of span is there, and some hold a line break
    assert new.quotes and new.attributions and new.stances and new.open_questions
    spans = [q for q in new.quotes] + [e for s in new.stances for e in s.evidence]
    spans += [e for q in new.open_questions for e in q.evidence]
    spans += [e for p in new.summary.key_points for e in p.evidence]
    spans += [s for a in new.attributions for s in (a.source, a.cue, a.content) if s]
    assert all(WRAPPED[s.start : s.end] == s.text for s in spans)
    assert any("\n" in s.text for s in spans)


NEGATIONS = (
    "The board did not respond. Quint has not yet said why. The owners didn’t immediately "
    "reply, and Tallis can't comment; he never answered, cannot speak and won't talk. A knot "
    "was tied, nevertheless the notice said it would not, and he wasn't snotty about it."
)


def test_a_verb_is_negated_as_the_expression_alone_finds() -> None:
    """:func:`stances._negated` (the expression tried only where a negation's word is) finds
    what the expression alone finds before each word of a text."""
    found = 0
    for m in re.finditer(r"\S+", NEGATIONS):
        cue = m.start()
        plain = stances._NEGATION_BEFORE.search(NEGATIONS, max(0, cue - 40), cue)
        assert stances._negated(NEGATIONS, cue) == (plain.start() if plain else None)
        found += plain is not None
    assert found >= 8


@pytest.mark.parametrize(
    "claim",
    ["", " ", ": “We", "him: “The plan", ", and confirmed that", "but — then", "and", "x: ", ",,"],
)
def test_a_leading_label_is_cut_as_the_substitution_cuts_it(claim: str) -> None:
    label = stances._LEADING_LABEL.match(claim)
    assert label is not None
    assert (claim[label.end() :] or claim) == (stances._LEADING_LABEL.sub("", claim) or claim)


def _plain_main_claim(text: str, items: list[RuleAttribution]) -> RuleAttribution:
    """:func:`stances._main_claim` as it was written before it looked for a claim with a verb
    of saying first."""
    if len(items) == 1:
        return items[0]
    claims = [a for a in items if stances._is_claim(text, a)]
    items = claims or items
    first_reported = None
    for a in items:
        if a.kind != "direct":
            if stances._of_saying(text[a.cue[0] : a.cue[1]].lower()):
                return a
            if first_reported is None:
                first_reported = a
    if first_reported is not None:
        return first_reported
    return max(items, key=lambda a: a.content[1] - a.content[0])


def test_the_main_claim_is_the_one_the_plain_rules_choose() -> None:
    """Every choice of up to four attributions, in every order: direct or not, with a verb of
    saying or another, a claim or a circumstance ('while visiting …') or two words."""
    contents = ["the plan will fail in May", "while visiting the plant", "to resign", "he is"]
    cues = ["said", "decided", "saying"]
    text, items = "", []
    for kind in ("direct", "indirect"):
        for cue in cues:
            for content in contents:
                c = len(text)
                text += f"{cue} "
                s = len(text)
                text += f"{content}. "
                items.append(
                    RuleAttribution(
                        kind,
                        "Ana Ruiz",
                        "named",
                        None,
                        (c, c + len(cue)),
                        (s, s + len(content)),
                        "r",
                    )
                )
    rng = random.Random(7)
    for _ in range(3000):
        some = rng.sample(items, rng.randint(1, 4))
        assert stances._main_claim(text, some) is _plain_main_claim(text, some)
