"""The quicker ways of reported speech give what the plain ones they replace give: each plain
way is written out here and compared with the quick one over passages of our own and varied
invented strings."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, fields, replace

from summarizer.engines.offline import coordinated, reported
from summarizer.engines.offline.attribution import Attributor
from summarizer.text.words import Words
from tests.randomtext import random_phrases

_ALPHABET = " ,.;:!?'’“”\"\n—–-abdehilnorstuwyACLRT0"
_WORDS = ["said", "Lee", "Ana Ruiz", "the", "that", "-", ",", " ", "\n", "—", "x", "aid", "Lees"]


def _random_texts(n: int, seed: int) -> list[str]:
    return random_phrases(
        _WORDS, _ALPHABET, n, seed, most_parts=12, most_letters=5, joiners=(" ", "", ", ")
    )


def _trim_by_characters(text: str, start: int, end: int) -> tuple[int, int]:
    """What :func:`reported._trim` gave before it stripped slices."""
    while start < end and text[start] in " ,;:—–-\n":
        start += 1
    while end > start and text[end - 1] in " ,.;:!?\n":
        end -= 1
    return start, end


def test_trim_as_character_by_character() -> None:
    for text in _random_texts(400, 1):
        n = len(text)
        for start in range(0, n + 2):
            for end in range(max(0, start - 2), n + 1):
                assert reported._trim(text, start, end) == _trim_by_characters(text, start, end)
    assert reported._trim(" , Lee said. ", 0, 13) == (3, 11)


@dataclass
class _Quote:
    start: int
    end: int


def _nearest_by_scan(text: str, q: _Quote, phrase: str) -> tuple[int, int] | None:
    """What :func:`reported._nearest` gave before it searched outward from the quote."""
    if not phrase:
        return None
    lo, hi = max(0, q.start - 300), min(len(text), q.end + 200)
    best = None
    at = text.find(phrase, lo, hi)
    while at >= 0:
        end = at + len(phrase)
        whole = (at == 0 or not text[at - 1].isalnum()) and (
            end >= len(text) or not text[end].isalnum()
        )
        if whole and not q.start - 1 <= at < q.end + 1:
            distance = at - q.end if at >= q.end else q.start - at
            if best is None or distance < best[0]:
                best = (distance, at)
        at = text.find(phrase, at + 1, hi)
    return (best[1], best[1] + len(phrase)) if best else None


def test_nearest_as_a_scan_of_every_occurrence() -> None:
    rng = random.Random(2)
    texts = _random_texts(300, 3)
    for _ in range(40):
        texts.append("".join(rng.choice("aid s,Lee") for _ in range(rng.randint(300, 900))))
    for text in texts:
        n = len(text)
        for _ in range(30):
            start = rng.randint(0, n)
            q = _Quote(start, rng.randint(start, min(n, start + rng.choice([0, 3, 40, 400]))))
            for phrase in ("said", "Lee", "aid", "s", "a", " ", ",", "Ana Ruiz", ""):
                got = reported._nearest(text, q, phrase)  # type: ignore[arg-type]
                assert got == _nearest_by_scan(text, q, phrase), (text, q, phrase)
    text = "Lee said it. Lee"
    assert reported._nearest(text, _Quote(5, 8), "Lee") == (0, 3)  # as near: the one before
    assert reported._nearest(text, _Quote(6, 9), "Lee") == (13, 16)


def _rule_mask_by_names(verb: str) -> int:
    """What :func:`reported._rule_mask` gave before it set its bits one by one."""
    wanted = {
        "according_to": verb == "according to",
        "subject_cue_clause": verb in reported._REPORTING,
        "participle_clause": verb.endswith("ing") or verb == "calling for",
        "subject_attitude_verb": verb in reported._STANCE
        or reported._ACT.fullmatch(verb) is not None,
        "coordinated_cue": verb in coordinated.SECOND,
        "relative_cue": verb in coordinated.RELATIVE,
    }
    return sum(1 << i for i, (name, _) in enumerate(reported.RULES) if wanted.get(name))


def test_rule_mask_as_by_the_rules_names() -> None:
    verbs = {"according to", "vetoed", "sent", "bed", "x", "saying", "telling", "calling for"}
    verbs |= coordinated.SECOND | coordinated.RELATIVE | reported._STANCE
    for verb in sorted(verbs):
        assert reported._rule_mask.__wrapped__(verb) == _rule_mask_by_names(verb), verb


def _cue_words_plain(attributor: Attributor, words: Words) -> reported.Verbs:
    """What :func:`reported.cue_words` gave before it tested each match as it came."""
    text = attributor.text
    outside = reported._outside_quotations(attributor)
    verbs = [
        (a, b, v.lower())
        for a, b, v in (
            (m.start(), m.end(), m.group())
            for m in reported._ANY_CUE.lexicon.finditer(words, outside)
        )
        if not (reported._after_determiner(text, a) and not reported._after_aspect(text, a))
        and not (v.endswith("s") and reported._PLURAL_AGREES.match(text, b))
        and not (v == "thanks" and text.startswith(" to ", b))
        and not (v == "think" and text.startswith(" tank", b))
    ]
    have = {a for a, _, _ in verbs}
    verbs = sorted(
        verbs
        + [
            (m.start("v"), m.end("v"), m["v"])
            for m in reported._act_verbs(words, outside, have)
            if m.start("v") not in have
        ]
    )
    if "According to" in text:
        verbs = sorted(
            verbs
            + [(m.start(), m.end(), "according to") for m in re.finditer("According to", text)]
        )
    return verbs


_CUE_PIECES = [
    "the", "a", "new", "Lee's", "Lee’s", "27", "2015", "in", "in 2015", "of", "claims", "claim",
    "said", "says", "report", "reports", "views", "were", "are", "have", "thanks to", "think",
    "tank", "by saying", "to insist", "continues to insist", "percent said", "19 percent", "Lee",
    "vetoed", "He", "warned", "“We will,”", "According to", "according to", ",", ".", "\n",
]  # fmt: skip


def test_cue_words_as_each_cue_tested_after_the_matches() -> None:
    rng = random.Random(5)
    texts = [
        "Lee said the claims were false. The report shows a new claim, and 27 said no.",
        "In 2015 said the board. Lee's warning came. “We will,” he said. According to Ray, no.",
    ]
    for _ in range(400):
        texts.append(" ".join(rng.choice(_CUE_PIECES) for _ in range(rng.randint(1, 30))))
    for text in texts:
        words = reported.word_index(text)
        attributor = Attributor(text, words=words)
        assert reported.cue_words(attributor, words) == _cue_words_plain(attributor, words), text


def test_content_changed_as_by_dataclasses_replace() -> None:
    assert [f.name for f in fields(reported.RuleAttribution)] == [
        "kind", "speaker", "speaker_kind", "source", "cue", "content", "rule",
    ]  # fmt: skip
    assert [f.name for f in fields(reported._Found)] == ["source", "cue", "content", "act"]
    a = reported.RuleAttribution("indirect", "Lee", "named", (0, 3), (4, 8), (9, 20), "x")
    assert reported._with_content(a, (9, 15)) == replace(a, content=(9, 15))
    assert reported._with_content(a, (9, 15), "mixed") == replace(a, content=(9, 15), kind="mixed")
    for act in (False, True):
        found = reported._Found((0, 3), (4, 8), (9, 20), act=act)
        assert reported._found_with(found, (9, 12)) == replace(found, content=(9, 12))
