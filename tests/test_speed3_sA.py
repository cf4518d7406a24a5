"""Shortcuts of the third speed round (helper sA), each compared with the check it stands for
on invented and random inputs."""

from __future__ import annotations

import random
import re

import pytest

from summarizer.text.lexicon import trie_pattern
from tests.randomtext import random_strings

_PASSAGE = (
    "The boy's mother told the BBC that her son was safe. A spokeswoman for the council, "
    "a grandmother of three, said the housewife's ex-wife and the stepmother2 were not there. "
    "Officials sent the reps a govt memo; the senator, a sen. and the gov. met a front-runner, "
    "the front-runners, two analysts, an analyst’s aide, aides_ and the officials' allies. "
    "Senators, Reps and anchors, the anchorman, an activist-led group, chairman é officer."
)


def _alternation(words: frozenset[str]) -> re.Pattern[str]:
    """The expression as the module wrote it before: the words joined, as they are."""
    return re.compile(rf"\b(?:{'|'.join(sorted(words))})\b")


def _lexicons() -> dict[str, frozenset[str]]:
    from summarizer.engines.offline.attribution import _ROLE_HEADS
    from summarizer.text import lexicon as lex

    return {
        "anonymous": frozenset(lex.ANONYMOUS_HEADS),
        "f": frozenset(lex.FEMININE_NOUNS),
        "m": frozenset(lex.MASCULINE_NOUNS),
        "": frozenset(_ROLE_HEADS - lex.FEMININE_NOUNS - lex.MASCULINE_NOUNS),
    }


def _texts(words: frozenset[str], seed: int) -> list[str]:
    """The passage, and random strings of the words, pieces of them and what may stand beside
    a word (a letter, a digit, '_', a letter beyond ASCII, a dot, a line break)."""
    pieces = [*sorted(words)[:40], "sen", "rep", "gov", "front", "s", "t", "x", "é", "2", "_"]
    pieces += [" ", " ", ".", "-", "’", "'", "\n", "runner", "analyst", "aide", "ally"]
    return [_PASSAGE, *random_strings(pieces, 1500, seed)]


@pytest.mark.parametrize("which", ["anonymous", "f", "m", ""])
def test_tries_find_what_the_alternations_find(which: str) -> None:
    """A trie finds a word where the alternation does, '.' of 'sen.' any character ('sent')."""
    words = _lexicons()[which]
    plain = _alternation(words)
    trie = re.compile(rf"\b(?:{trie_pattern(words, any_dot=True)})\b")
    for text in _texts(words, 11):
        for lo in range(0, len(text), 3):
            for hi in (lo, lo + 4, lo + 9, lo + 30, len(text)):
                hi = min(hi, len(text))
                expected = plain.search(text, lo, hi) is not None
                assert (trie.search(text, lo, hi) is not None) == expected, (text, lo, hi)
                # (a match where the alternation matches: the same place, a word as long or
                # another word the alternation also matches there)
                if expected:
                    here = plain.search(text, lo, hi)
                    assert here is not None
                    assert trie.match(text, here.start(), hi) is not None


def test_the_module_finds_what_the_alternations_find() -> None:
    """An unnamed source's head and a role's noun (of either sex) are found in a span where
    the alternations of their words find one, '.' of 'sen.' any character."""
    from summarizer.engines.offline import attribution as A

    lexicons = _lexicons()
    anonymous, role = _alternation(lexicons["anonymous"]), _alternation(lexicons[""])
    for text in _texts(lexicons["anonymous"] | lexicons[""], 17):
        for lo in range(0, len(text), 4):
            for hi in (lo + 5, lo + 20, len(text)):
                hi = min(hi, len(text))
                found = anonymous.search(text[lo:hi]) is not None
                assert (A._ANONYMOUS_HEADS.search(text[lo:hi]) is not None) == found
                assert A._has_sexed_noun(text, lo, hi, "") == (
                    role.search(text, lo, hi) is not None
                ), (text, lo, hi)


def test_trie_of_invented_words() -> None:
    words = ["a", "ab", "abc", "a.c", "b-d", "x y", "o’k", "o'k", "zz."]
    plain = re.compile(rf"\b(?:{'|'.join(words)})\b")
    trie = re.compile(rf"\b(?:{trie_pattern(words, any_dot=True)})\b")
    pieces = ["a", "b", "c", "d", ".", "-", " ", "x", "y", "o", "’", "'", "k", "z", "\n", "é"]
    for text in random_strings(pieces, 4000, 5):
        for lo in range(len(text)):
            assert (plain.search(text, lo) is None) == (trie.search(text, lo) is None), text
    with pytest.raises(ValueError):
        trie_pattern(["a(b"], any_dot=True)


# -- the names of the people, read in one pass ----------------------------------------------


def _maps_as_before(people: list[tuple[int, str, tuple[str, ...]]]) -> dict[str, object]:
    """What each of the context's maps of names was, computed as it was, a pass each."""
    from summarizer.engines.offline.attribution import _HONOURS, first_name_gender
    from summarizer.text import lexicon as lex

    full: dict[str, str] = {}
    for _, name, _ in people:
        parts = name.split()
        if len(parts) >= 2:
            full.setdefault(parts[-1], name)
            full.setdefault(parts[0], name)
    by_surname: dict[str, list[tuple[int, str]]] = {}
    for pos, name, _ in people:
        by_surname.setdefault(name.split()[-1], []).append((pos, name))
    names: dict[str, list[str]] = {}
    for _, name, _ in people:
        parts = name.split()
        if len(parts) >= 2 and name not in names.get(parts[-1], []):
            names.setdefault(parts[-1], []).append(name)
    guess: dict[str, str] = {}
    for _, name, titles in people:
        for t in titles:
            if t in lex.FEMININE:
                guess.setdefault(name, "f")
            elif t in lex.MASCULINE:
                guess.setdefault(name, "m")
        by_first = first_name_gender(name) if len(name.split()) >= 2 else None
        if by_first:
            guess.setdefault(name, by_first)
        elif (honour := _HONOURS.get(name.split(None, 1)[0])) and " " in name:
            guess.setdefault(name, honour)
    return {
        "people_starts": [p for p, _, _ in people],
        "people_names": frozenset(name for _, name, _ in people),
        "surnames": frozenset(name.split()[-1] for _, name, _ in people),
        "full_names": full,
        "people_by_surname": by_surname,
        "names_by_surname": names,
        "gender": guess,
    }


def _random_people(rng: random.Random) -> list[tuple[int, str, tuple[str, ...]]]:
    words = ["Ana", "Mary", "John", "Ruiz", "Lee", "Dame", "Sir", "Lord", "Lady", "Park"]
    words += ["Barbara", "Peter", "Smith", "Berg", "Obama", "Michelle", "Kim", "Jo", "Van"]
    titles = ["mrs.", "mr.", "ms.", "sen.", "president", "congressman", "congresswoman", "dr."]
    titles += ["queen", "king", "mayor", "sir", "dame", "lady", "lord", "chairwoman", "rev."]
    known = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) for _ in range(8)]
    out, pos = [], 0
    for _ in range(rng.randint(0, 30)):
        pos += rng.randint(1, 50)
        name = rng.choice(known)
        out.append((pos, name, tuple(rng.sample(titles, rng.randint(0, 2)))))
    return out


def test_people_index_as_the_passes_it_stands_for() -> None:
    """The context's maps of names, read in one pass, are what a pass each made of them: on
    invented people (titles of either sex, honours, first names, a name mentioned again with
    another title) and random ones."""
    from summarizer.engines.offline.attribution import Context

    invented = [
        (0, "Ana Ruiz", ("mrs.",)),
        (10, "Ruiz", ()),
        (20, "Dame Barbara", ()),
        (30, "John Lee", ()),
        (40, "Lee", ("sen.",)),
        (50, "Kim Park", ()),
        (60, "Kim Park", ("mr.",)),
        (70, "Sir Peter Lampl", ()),
        (80, "Michelle Obama", ()),
        (90, "Obama", ("president",)),
        (95, "Ana Berg", ("congressman",)),
        (99, "Ana Berg", ("mrs.",)),
    ]
    rng = random.Random(17)
    for people in [invented, [], *(_random_people(rng) for _ in range(3000))]:
        ctx = Context("An article.")
        ctx.__dict__["people"] = people
        for name, value in _maps_as_before(people).items():
            got = getattr(ctx, name)
            assert got == value, (name, people)
            if isinstance(value, dict):
                assert list(got) == list(value), (name, people)  # (the same order)


# -- a passage's first cue, from the search for its last ----------------------------------------


def test_first_cue_as_a_search_of_the_sentence_before() -> None:
    """A passage's first cue (taken from the search :attr:`Passage.last_cue` makes) is what a
    search of the sentence before the passage finds: a noun's cue word too ('the states'), a
    cue after 'was', a hyphen or 'who asked' (the expression's own tests) and none at all."""
    from summarizer.engines.offline.attribution import _CUE_RE, Passage, _after_article
    from summarizer.text.quotemarks import QuotedSpan

    invented = [
        "",
        "Lee said",
        "the states said that",
        "one of the states suing the agency said",
        "it was said that he told",
        "a well-said remark, she added",
        "a council member who asked not to be named said",
        "Ruiz, who says little, then told reporters",
        "no cue here at all",
    ]
    pieces = ["said", "says", "told", "the ", "states", "was ", "-", " ", "a", "Lee", ",", "é"]
    for before in [*invented, *random_strings(pieces, 3000, 23)]:
        passage = Passage(QuotedSpan(0, 1, "“", True), 0, 0, 0, before, "", "")
        expected = _CUE_RE.search(before)
        first = passage.first_cue
        if expected is None:
            assert first is None, before
        else:
            assert first is not None and first.span() == expected.span(), before
        # (and the last cue as before: the last cue word that is not a noun)
        last = None
        for c in _CUE_RE.finditer(before):
            if not _after_article(before, c.start()):
                last = c
        got = passage.last_cue
        assert (got.span() if got else None) == (last.span() if last else None), before
