"""Shortcuts of the third speed round in reported speech, each compared with the full check it
stands for, on invented and random inputs."""

from __future__ import annotations

import random

from summarizer.engines.offline import reported
from summarizer.engines.offline.attribution import Attributor
from summarizer.text.words import Words
from tests.randomtext import random_spans, random_strings

# pieces of sentences that end with a closing cue, and their near misses: a comma inside a
# closing quote mark ('“…,” Lee said'), apostrophes, spaces of every kind after a comma
_PIECES = ["The levee will hold", "It rained", " ", ",", ", ", ",” ", ',"', ",'' ", ",’’ "]
_PIECES += [",’’", ",''", ",\u00a0", ",\x1c", ",\u2009", ",'", "''", "’’", "”", "“", "\n", "x"]
_PIECES += ["said", "says", "told Reuters", "Lee", "the mayor", "Ana Ruiz, a lawyer,", "found"]
_PIECES += ["has ", " said", " the mayor said", " said Lee", ".", "saidx", " on Monday"]


def _closing_cue_matches(text: str, s: int, e: int) -> bool:
    sentence = text[s:e].rstrip()
    return bool(
        reported._CLOSING_CUE.search(sentence) or reported._CLOSING_CUE_INVERTED.search(sentence)
    )


def test_a_closing_cue_matches_only_after_a_comma_then_a_space() -> None:
    rng = random.Random(31)
    texts = random_strings(_PIECES, 4000, 31)
    texts += [
        "“It will hold,” Lee said.",
        "“It will hold,” Lee said, “and more.”",
        "''It will hold,'' Lee said.",
        "It will hold,’’ the mayor said.",
        "It will hold,\u00a0the mayor said.",
    ]
    matched = skipped = 0
    for text in texts:
        closing = reported.ClosingVerbs(Words(text, reported._VOCABULARY))
        for s, e in random_spans(text, rng, 6):
            if _closing_cue_matches(text, s, e):
                matched += 1
                assert closing.after_comma(s, e), (text, s, e)
            elif closing.between(s, e) and text.find(",", s, e) >= 0:
                skipped += not closing.after_comma(s, e)
    assert matched > 300 and skipped > 300  # (closing cues, and commas that open none)


def test_a_comma_inside_a_closing_quote_mark_opens_no_closing_cue() -> None:
    text = "“It will hold,” Lee said. It will hold, Lee said."
    closing = reported.ClosingVerbs(Words(text, reported._VOCABULARY))
    first = text.index(" It")
    assert closing.between(0, first) and not closing.after_comma(0, first)
    assert closing.after_comma(first, len(text))


def _sentence_rules_plain(
    attributor: Attributor, verbs: reported.Verbs, closing: reported.ClosingVerbs
) -> list[tuple[str, tuple[int, int], tuple[int, int], tuple[int, int]]]:
    """The hits of every sentence with a cue, each sentence looked at (none skipped after the
    last cue), as (rule, source, cue, content)."""
    text = attributor.text
    out = []
    for s, e in reported._split_apostrophe_quotes(text, attributor.ctx.sentences):
        here = [v for v in verbs if s <= v[0] < e]
        if not here:
            continue
        for name, hit in reported._hits(text, s, e, here, closing):
            c_start, c_end = hit.content
            if reported._in_reduced_relative(text, s, hit) or c_end <= c_start:
                continue
            if reported._inside_quotation(text, c_start, c_end):
                continue
            if attributor.resolve(text[hit.source[0] : hit.source[1]], hit.source[0])[0]:
                out.append(("subject_act" if hit.act else name, hit.source, hit.cue, hit.content))
    return out


_ARTICLE = [
    "Lee said the levee will hold. ",
    "“It will hold,” Lee said. ",
    "The mayor, who opposed the plan, warned that the river was rising. ",
    "Officials vetoed the bill and said it would cost jobs. ",
    "It rained. ",
    "\n\n",
    "Ana Ruiz praised the plan, citing its cost. ",
    "“We have sandbags.” ",
    "The plan is dead, Schiff said. ",
    "He added: “",
    "” ",
    "''We will rebuild,'' Ana Ruiz said. ",  # (sentences split where '' opens or closes)
    "Ruiz said ''the dam is safe'' and left. ",
]


def test_the_sentences_after_the_last_cue_are_not_looked_at() -> None:
    """The attributions of the rules, sentence by sentence, stopping at the last cue, as when
    every sentence is looked at."""
    found = 0
    for text in ["".join(_ARTICLE), *random_strings(_ARTICLE, 300, 43)]:
        attributor = Attributor(text)
        attributor.quotes()  # (as attributions() does first: the speakers quoted are known)
        words = Words(text, reported._VOCABULARY)
        verbs = reported.cue_words(attributor, words)
        closing = reported.ClosingVerbs(words)
        got = [
            (a.rule, a.source, a.cue, a.content)
            for a in reported._sentence_rules(attributor, verbs, closing)
        ]
        assert got == _sentence_rules_plain(attributor, verbs, closing), text
        found += len(got)
    assert found > 500
