"""The shared word index finds what scanning the whole text with an expression finds."""

from __future__ import annotations

import random
import re

import pytest

from summarizer.engines.offline import nounphrase, reported
from summarizer.text.words import Lexicon, Words, is_word_char, lowered, vocabulary

_PHRASES = ["said", "says", "Said", "called", "called for", "in favor of", "favor", "angry about"]
_PATTERN = re.compile(
    r"(?<![\w’'-])(?:said|says|Said|called(?: for)?|in favor of|favor|angry(?: about)?)(?![\w’'-])"
)
_LEXICON = Lexicon([*_PHRASES, "angry"], _PATTERN)
_VOCABULARY = vocabulary([*_PHRASES, "angry"])

_PASSAGES = [
    "Lee said the levee would hold, and Ray called for a recount.",
    "The council is in favor of the plan; Ana is in favor, Tom in favour of it.",  # 'favor' alone
    "unsaid, saidx, said’s, -said, _said, 1said, said1, “said” and said.",  # not whole words
    "He was angry about the vote and angry at the mayor; angry aboutness.",
    "Café said: naïve résumé — ‘called’ … called\nfor help",  # letters outside ASCII
    "",
]


def _spans(matches: list[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


@pytest.mark.parametrize("text", _PASSAGES)
def test_lexicon_finds_what_the_expression_finds_over_the_whole_text(text: str) -> None:
    words = Words(text, _VOCABULARY)
    assert _spans(_LEXICON.finditer(words, [(0, len(text))])) == _spans(
        list(_PATTERN.finditer(text))
    )


def test_a_span_sees_the_character_before_it_and_ends_words_at_its_end() -> None:
    text = "xsaid said''said saidsaid called for"
    words = Words(text, _VOCABULARY)
    for lo in range(len(text) + 1):
        for hi in range(lo, len(text) + 1):
            expected = _spans(list(_PATTERN.finditer(text, lo, hi)))
            assert _spans(_LEXICON.finditer(words, [(lo, hi)])) == expected, (lo, hi)


def test_found_words_have_their_offsets_in_order() -> None:
    text = "“Said” — he said, said’s; saying said"
    words = Words(text, vocabulary(["said", "Said"]))
    assert [(at, run.decode()) for at, run in words.found] == [
        (1, "Said"),
        (12, "said"),
        (18, "said"),
        (33, "said"),
    ]
    assert all(text[at : at + len(run)] == run.decode() for at, run in words.found)


def test_runs_ending_in_a_suffix_and_runs_cut_by_a_span() -> None:
    text = "Lee voted; the bed’s edge was Ted-ed. sentence"
    words = Words(text, frozenset())
    letters = re.compile("[A-Za-z]+")
    ending = [letters.match(text, at) for at in words.ending_in(b"ed")]
    assert [m.group() for m in ending if m] == ["voted", "bed", "Ted", "ed"]
    assert words.cut_at(0, text.index("ence")) == (text.index("sent"), b"sent")
    assert words.cut_at(0, len(text)) is None  # the end of the text cuts nothing
    assert words.cut_at(0, text.index(" edge")) is None  # a space is no cut


def test_a_lexicon_needs_words_looked_up_for_its_keys() -> None:
    with pytest.raises(ValueError, match="keys"):
        _LEXICON.finditer(Words("said", vocabulary(["says"])), [(0, 4)])
    with pytest.raises(ValueError, match="ASCII"):
        Lexicon(["naïve"], _PATTERN)


def test_word_characters_are_those_of_the_expressions() -> None:
    word = re.compile(r"[\w’'-]")
    for ch in "aZé9_’'-—–.“” \u00a0\n":
        assert is_word_char(ch) == bool(word.fullmatch(ch)), ch


_PIECES = [
    *("said", "Said", "told", "voted", "needed", "sent", "led", "spoken", "wrote in", "has", "who"),
    *("Lee", "U.S.", "Mr.Lee", "He", "in favor of", "called for", "according to", "claim", "his"),
    *(" that ", " to ", ":", "x", "’", "'", "''", "-", ".", ",", " ", "\n", "“", "é", "1", "—"),
]


def test_the_offline_lexicons_agree_with_their_expressions_on_random_text() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 20)))
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        words = Words(text, reported._VOCABULARY)
        cues = reported._ANY_CUE.lexicon.finditer(words, [(lo, hi)])
        assert _spans(cues) == _spans(list(reported._ANY_CUE.pattern.finditer(text, lo, hi)))
        acts = reported._act_verbs(words, [(lo, hi)])
        assert _spans(acts) == _spans(list(reported._ACT_AFTER_SUBJECT.finditer(text, lo, hi)))
        nouns = nounphrase.NOUNS.finditer(words, [(lo, hi)])
        assert _spans(nouns) == _spans(list(nounphrase._NOUN.finditer(text, lo, hi)))


def test_found_words_are_every_run_of_the_vocabulary_in_random_texts() -> None:
    rng = random.Random(16)
    vocab = vocabulary(["said", "told", "Lee", "a"])
    letters = re.compile("[A-Za-z]+")
    for _ in range(500):
        text = "".join(
            rng.choice(["said", "told", "Lee", "a", " ", "’", "é", "x", "\n", "—", "--", "1"])
            for _ in range(rng.randint(0, 30))
        )
        expected = [
            (m.start(), m.group().encode())
            for m in letters.finditer(text)
            if m.group().encode() in vocab
        ]
        assert Words(text, vocab).found == expected, text


def test_lowered_is_the_lowercase_text_and_shared() -> None:
    text = "İstanbul’s MAYOR Said: ΟΔΟΣ — “Yes”"
    assert lowered(text) == text.lower()
    assert lowered(text) is lowered(text)  # one copy for the passes that read it


@pytest.mark.parametrize(
    "text",
    [
        "The MAYOR said: “We’ll rebuild” — by 2026…",  # beyond ASCII, all left as it is
        "Café OWNER Ana Pérez, naïve résumé",  # lowercase letters beyond ASCII
        "ÉCOLE and Straße, ǅ and Ⅻ",  # capitals beyond ASCII: the Unicode tables
        "ΟΔΟΣ ΣΟΦΟΣ",  # a final sigma, by its context
        "İstanbul",  # lowering makes it longer
        "a\ud800b “lone surrogate”",
        "PLAIN ASCII",
        "",
    ],
)
def test_lowered_is_what_lower_gives_whatever_the_letters(text: str) -> None:
    lowered.cache_clear()
    assert lowered(text) == text.lower()


def test_acts_after_every_kind_of_subject_agree_with_the_expression() -> None:
    pieces = [
        *("he", "He", "she", "They", "they", "who", "had", "have", "also", "then", "later"),
        *("Lee", "U.S.", "O’Brien", "hes", "whom", "alsoo", "voted", "Voted", "vOted", "seed"),
        *("needed", "made", "sent", "Sent", " ", "  ", "\n", ".", "-", "’", "é", "1", "x"),
    ]
    rng = random.Random(27)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 16)))
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        acts = reported._act_verbs(Words(text, reported._VOCABULARY), [(lo, hi)])
        assert _spans(acts) == _spans(list(reported._ACT_AFTER_SUBJECT.finditer(text, lo, hi)))


def test_acts_with_known_verbs_left_out_are_the_others() -> None:
    """Verbs already known as cues are passed over before their subjects are looked for: the
    matches are the others, as when they are left out of every match afterwards."""
    pieces = [
        *("he", "He", "They", "who", "had", "also", "Lee", "U.S.", "O’Brien", "voted", "Voted"),
        *("needed", "made", "sent", "led", "decided", " ", "  ", "\n", ".", "-", "’", "é", "1"),
    ]
    rng = random.Random(31)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 16)))
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        words = Words(text, reported._VOCABULARY)
        every = reported._act_verbs(words, [(lo, hi)])
        starts = list(range(len(text) + 1))
        known = set(rng.sample(starts, rng.randint(0, len(starts))))
        known |= {m.start("v") for m in every if rng.random() < 0.5}
        others = [m for m in every if m.start("v") not in known]
        assert _spans(reported._act_verbs(words, [(lo, hi)], known)) == _spans(others), text
