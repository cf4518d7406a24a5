"""The cheap tests tried before an expression give what the expression alone gives: each is a
condition every match needs, so skipping the expression when it fails changes nothing."""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Iterator

import pytest

from summarizer.engines.offline import attribution, engine, reported
from summarizer.text.words import Words
from tests.randomtext import random_spans

# passages of our own with the constructions the expressions look for, and their near misses
_PASSAGES = [
    "Lee attacked the plan, saying it would cost jobs.",
    "The levee was built by ",
    "The board met before ",
    "He spoke after and ",
    "Ana Ruiz, without  ",
    "''Ana Ruiz''",
    "’’the council’’ ",
    "a 'quoted' word",
    "Follow us on Twitter",
    "ſign up for our newsletter",
    "İmage: a levee at dawn",
    "(Reporting by Ana Ruiz)",
    "Read more about the levee.",
    "The mayor said the levee will hold.",
    "According to the council, the levee will hold.",
    "The levee will hold, according to the council.",
    "\"We will rebuild,\" the mayor said. ''We have sandbags.'' The council agreed.",
    "He said.  ’’We will not sign.’’ Then he left.",
    "",
]
_ALPHABET = " ,.;:'’‘“”\"\n\tabdefhilnorstuwyACFIRSTſİı()"


def _random_strings(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = [
            rng.choice(["by", "before", "after", "while", "without", "and", "said", "''", "’’"])
            if rng.random() < 0.4
            else "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 6)))
            for _ in range(rng.randint(0, 8))
        ]
        out.append(rng.choice([" ", "", ", "]).join(words) + rng.choice(["", " ", "\n", ", "]))
    return out


_TEXTS = _PASSAGES + _random_strings(3000, 16)


def test_double_apostrophes_dropped_as_by_the_expression() -> None:
    for text in _TEXTS:
        expected = attribution._DOUBLE_APOSTROPHES.sub("", text)
        assert attribution._without_double_apostrophes(text) == expected, text
    assert attribution._without_double_apostrophes("''Ana Ruiz''") == "Ana Ruiz"


def test_participle_lead_as_the_expression() -> None:
    for text in _TEXTS:
        assert reported._participle_lead(text) == bool(reported._PARTICIPLE_LEAD.search(text))
    assert reported._participle_lead("Lee attacked the plan, ")
    assert not reported._participle_lead("Lee attacked the plan ")


def test_boilerplate_first_character_as_the_expression() -> None:
    for text in _TEXTS:
        if engine._BOILERPLATE.match(text):
            assert text[:1] in engine._BOILERPLATE_FIRST, text


def test_boilerplate_first_characters_are_every_one_the_expression_starts_with() -> None:
    # every character the expression's first letters match, ignoring case as it does
    first = re.compile("[fracsipew(]", re.I)
    every = {chr(c) for c in range(sys.maxunicode + 1) if first.match(chr(c))}
    assert every == engine._BOILERPLATE_FIRST
    assert engine._is_boilerplate("Follow us on Twitter")
    assert engine._is_boilerplate("ſign up for our newsletter")
    assert not engine._is_boilerplate("The levee will hold.")


def _split_by_expression(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """What :func:`reported._split_apostrophe_quotes` gave before its test for apostrophes."""
    out = []
    for s, e in spans:
        for m in reported._APOSTROPHE_BOUNDARY.finditer(text, s, e):
            out.append((s, m.start()))
            s = m.end()
        out.append((s, e))
    return out


@pytest.mark.parametrize("text", [*_PASSAGES[-3:], *_random_strings(60, 17)])
def test_apostrophe_boundaries_as_the_expression_on_every_span(text: str) -> None:
    text = "''" + text  # (so that the pass looks for boundaries at all)
    n = len(text)
    spans = [(s, e) for s in range(0, n, 3) for e in range(s + 1, n + 1, 5)]
    for span in spans:
        assert reported._split_apostrophe_quotes(text, [span]) == _split_by_expression(text, [span])


_SPEAKERS = [
    "federal prosecutors in April",
    "the Times on Saturday",
    "Ana Ruiz last week",
    "Ana Ruiz last",
    "World leaders all",
    "the council since 2014",
    "the council since 20145",
    "the council in May\n",
    "Lee this morning",
    "Lee inMay",
    "Ana Ruiz",
    "",
    " all",
    "Harbour Cup in 2014.Skipper Tom Quillon",
    "Scroll down for video Gordon Brown",
]


def test_trailing_time_dropped_as_by_the_expression() -> None:
    words = ["in", "on", "at", "last", "this", "since", "all", "both", "May", "Monday", "2014"]
    rng = random.Random(18)
    texts = _SPEAKERS + [
        " ".join(rng.choice([*words, "Lee", "week", "x1"]) for _ in range(rng.randint(0, 5)))
        + rng.choice(["", "\n", " ", "."])
        for _ in range(3000)
    ]
    for text in texts:
        expected = attribution._TRAILING_TIME.sub("", text)
        assert attribution._without_trailing_time(text) == expected, text
    assert attribution._without_trailing_time("Ana Ruiz last week") == "Ana Ruiz"


def test_glued_sentence_needs_a_sentence_end() -> None:
    for text in [*_SPEAKERS, *_TEXTS]:
        if attribution._SENTENCE_ENDS.isdisjoint(text):
            assert attribution._GLUED_SENTENCE.sub("", text) == text
    assert attribution._unglued("Harbour Cup in 2014.Skipper Tom Quillon") == (
        "Skipper Tom Quillon"
    )
    assert attribution._unglued("Scroll down for video Gordon Brown") == "Gordon Brown"


@pytest.mark.parametrize(
    ("sentence", "verb", "content"),
    [
        ("Lee opposed the new levee tax.", "opposed", "the new levee tax"),
        ("Lee said that the levee will hold.", "said", "the levee will hold"),
        ("Lee told reporters the levee will hold.", "told", "the levee will hold"),
        ("Lee insisted in June that the levee would hold.", "insisted", "the levee would hold"),
        ("Lee said in an interview on Monday.", "said", None),  # where, not what
        ("Lee held a press conference on the levee.", "held", None),  # a view only 'holds that'
        ("Lee said last month.", "said", None),  # when, not what
        ("“It holds,” Lee said, referring to the levee.", "said", None),
        ("“It holds,” Lee said, warning that the levee may break.", "said", "the levee may break"),
        ("Lee smiled sheepishly.", "smiled", None),  # an act with nothing acted on
        ("Lee endorsed Ruiz.", "endorsed", "Ruiz"),
    ],
)
def test_what_an_attitude_verb_is_about(sentence: str, verb: str, content: str | None) -> None:
    b = sentence.index(verb) + len(verb)
    found = reported._attitude_content(sentence, b, len(sentence), verb)
    assert (sentence[found[0] : found[1]] if found else None) == content


def test_initial_as_the_expression() -> None:
    rng = random.Random(19)
    words = ["A.", "Z.", "a.", "AB", "A", ".", "É.", "A.,", "A..", "", "1.", "Q.\n", "@.", "[."]
    words += [
        "".join(rng.choice("AZaz.,É@[ ") for _ in range(rng.randint(0, 3))) for _ in range(3000)
    ]
    for word in words:
        assert attribution._is_initial(word) == bool(attribution._INITIAL.fullmatch(word)), word


# pieces of sentences that end with a speaker, and their near misses ('saidx', 'Said', a verb
# glued to a letter or cut by the sentence's end, a verb in the closing cue's list or not)
_VERBS = ["said", "says", "say", "added", "noted", "told Reuters", "wrote", "thinks", "reports"]
_VERBS += ["Said", "saidx", "xsaid", "stated", "announced", "reporter", "believe", "claims"]
_SPEAKERS = ["Lee", "the mayor", "Ana Ruiz", "reporters", "an economist", "who", "he", ""]
_BETWEEN = ["", "has ", "also ", "then "]
_TAILS = ["", " on Monday", " in a statement", ", adding", " Lee", " the mayor, a Democrat"]
_ENDS = ["", ".", ". ", "?", "”", '"', ", ", ",", " ", "\n", "x", "é", "1"]
_GLUE = [", ", ",’’ ", ",” ", ", ", " ", "\u00a0", "—", ",\u00a0"]


def _closing_sentence(rng: random.Random) -> str:
    """A clause, then a speaker and a verb in either order, each part sometimes a near miss."""
    clause = rng.choice(["The levee will hold", "It rained", "We will", "", "x"])
    speaker, verb = rng.choice(_SPEAKERS), rng.choice(_VERBS)
    said = f"{verb} {speaker}" if rng.random() < 0.3 else f"{speaker} {rng.choice(_BETWEEN)}{verb}"
    return clause + rng.choice(_GLUE) + said + rng.choice(_TAILS) + rng.choice(_ENDS)


def _closing_cue_matches(text: str, s: int, e: int) -> bool:
    sentence = text[s:e].rstrip()
    return bool(
        reported._CLOSING_CUE.search(sentence) or reported._CLOSING_CUE_INVERTED.search(sentence)
    )


def _closing_spans(seed: int) -> Iterator[tuple[str, reported.ClosingVerbs, int, int]]:
    """Texts (passages, random strings, sentences with closing cues), each with its closing
    verbs and spans of it: the whole text and eight drawn at random."""
    rng = random.Random(seed)
    texts = [*_PASSAGES, *_random_strings(300, 12)]
    texts += ["".join(_closing_sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(800)]
    for text in texts:
        closing = reported.ClosingVerbs(Words(text, reported._VOCABULARY))
        for s, e in random_spans(text, rng, 8):
            yield text, closing, s, e


def test_closing_verbs_are_found_wherever_a_closing_cue_matches() -> None:
    matched = 0
    for text, closing, s, e in _closing_spans(11):
        if _closing_cue_matches(text, s, e):
            matched += 1
            assert closing.between(s, e), (text, s, e)
    assert matched > 500  # (the sentences do hold closing cues)


def test_a_closing_verb_after_a_comma_is_found_wherever_a_closing_cue_matches() -> None:
    matched = skipped = 0
    for text, closing, s, e in _closing_spans(12):
        if _closing_cue_matches(text, s, e):
            matched += 1
            assert closing.after_comma(s, e), (text, s, e)
        elif closing.between(s, e) and not closing.after_comma(s, e):
            skipped += 1
    assert matched > 500 and skipped > 100  # (closing cues, and verbs before every comma)


def test_a_closing_verb_before_every_comma_is_not_tried() -> None:
    text = "Lee said the levee, if it holds, will last. It will hold, the mayor said. Ray, saidx"
    closing = reported.ClosingVerbs(Words(text, reported._VOCABULARY))
    first, last = text.index(" It"), text.index(" Ray")
    assert closing.between(0, first) and not closing.after_comma(0, first)
    assert closing.after_comma(first, last)
    assert not closing.after_comma(last, len(text))  # 'saidx' is no verb
    assert closing.after_comma(last, len(text) - 1)  # but a sentence may end inside it: 'said'


def test_a_sentence_without_a_closing_verb_is_not_tried() -> None:
    text = "The levee will hold, the mayor promised. It will hold, the mayor said. Ray saidx"
    closing = reported.ClosingVerbs(Words(text, reported._VOCABULARY))
    first, last = text.index(" It"), text.index(" Ray")
    assert not closing.between(0, first)
    assert closing.between(first, last)
    assert not closing.between(last, len(text))  # 'saidx' is no verb
    assert closing.between(last, len(text) - 1)  # but a sentence may end inside it: 'said'


# the verbs' group of an expression: 'said|says?|…|told [\w’'. ]{1,40}|…'
_VERB_GROUP = r"\(\?P<verb>((?:[a-z?]+(?: \[[^]]*\]\{[0-9,]+\})?\|?)+)\)"


def test_the_closing_verbs_are_every_verb_of_the_expressions() -> None:
    verbs = set()
    for pattern in (reported._CLOSING_CUE, reported._CLOSING_CUE_INVERTED):
        group = re.search(_VERB_GROUP, pattern.pattern)
        assert group is not None, pattern.pattern
        for alternative in group.group(1).split("|"):
            word = alternative.split(" ")[0]
            verbs |= {word.replace("?", ""), word.replace("s?", "")}
    assert len(verbs) > 15
    assert {v.encode() for v in verbs} <= reported._CLOSING_VERBS
