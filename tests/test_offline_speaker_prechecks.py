"""The cheap tests and shortcuts of speaker resolution give what the full checks give: each
shortcut is compared with the check it stands for, on invented phrases and random strings."""

from __future__ import annotations

import random
import sys

from summarizer.engines.offline import attribution
from summarizer.text import lexicon as lex
from tests.randomtext import random_phrases

# characters that lowercasing, splitting or ``isdigit`` treat apart: dotted and dotless i, long
# s, the Kelvin sign, digits that are no ASCII ones, spaces that are no ASCII ones
_ALPHABET = " ,.;:'’‘“”\"«»()-–—―%\n\tabdelnorstyACDELRSTY0159İıſ\u212a²٣①\u00a0\u2009"
_WORDS = [
    "the", "a", "an", "as", "said", "Ana", "Ruiz", "ANA", "RUIZ", "officials", "released",
    "commissioned", "the", "his", "to", "close", "him", "also", "cynically", "family",
    "Certainly", "ITALY", "Lee’s", "Lee's", "''", "’’", "--", "—", "(R-Utah)", "Mr.", "U.S.",
    "52", "22%", "percent", "“", "”", '"', "«", "who", "asked", "not", "be", "named", ",",
]  # fmt: skip


def _random_strings(n: int, seed: int) -> list[str]:
    joiners, endings = (" ", "  ", ", ", "\u00a0"), ("", " ", ",")
    return random_phrases(
        _WORDS, _ALPHABET, n, seed, most_parts=7, most_letters=6, joiners=joiners, endings=endings
    )


_TEXTS = _random_strings(4000, 41)


def test_lowercasing_makes_no_space_nor_mark_that_was_not_there() -> None:
    # what the shortcuts rely on: a phrase's words lowercased are the phrase lowercased and
    # split; a mark, a digit or 'l', 'y' or 'L', 'Y' is in a lowercased word only if the word
    # holds it (or, for 'l' and 'y', 'L' and 'Y'); a lowercase word lowercases to itself
    marks = set(",.'’%\"“”«»-–—0123456789LY")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        lowered = char.lower()
        assert lowered.isspace() == char.isspace() or not lowered, hex(code)
        if lowered != char:
            assert not char.isspace() and not any(c.isspace() for c in lowered), hex(code)
            assert marks.isdisjoint(lowered), hex(code)
            assert not char.islower(), hex(code)
        if lowered.endswith(("l", "y")):
            assert char in "lLyY", hex(code)
    for text in _TEXTS:
        assert text.lower().split() == [w.lower() for w in text.split()], text


def test_last_cut_mark_as_each_mark_looked_for() -> None:
    for text in _TEXTS:
        found = attribution._LAST_CUT_MARK.match(text)
        assert (found.end() - 1 if found else -1) == max(map(text.rfind, attribution._CUT_MARKS))


def test_a_subject_with_no_mark_at_its_ends_is_not_stripped() -> None:
    for text in _TEXTS:
        np = " ".join(text.split())
        if (
            np
            and np[0] not in attribution._NP_END_MARKS
            and np[-1] not in attribution._NP_END_MARKS
            and "''" not in np
            and "’’" not in np
        ):
            assert attribution._strip_np(np) == np, np
    assert attribution.np_before_cue("Ana Ruiz ") == "Ana Ruiz"
    assert attribution.np_before_cue("In June, Ana Ruiz (D-Ore.)") == "Ana Ruiz"


def test_trailing_adverb_of_a_lowercase_word_as_is_adverb() -> None:
    for text in _TEXTS:
        for word in text.split():
            if word.islower():
                fast = word.endswith("ly") and len(word) > 4 and word not in lex.LY_NOUNS
                assert fast == attribution.is_adverb(word), word
    assert attribution.np_before_cue("Gingrich cynically") == "Gingrich"
    assert attribution.np_before_cue("the family") == "the family"


def test_digit_as_isdigit_of_each_character() -> None:
    for text in [*_TEXTS, "²", "٣ officials", "①", "52", ""]:
        assert attribution._has_digit(text) == any(map(str.isdigit, text)), text


def test_quotation_mark_of_an_ascii_phrase_as_the_full_test() -> None:
    for text in _TEXTS:
        full = not attribution._QUOTATION_MARKS.isdisjoint(text) or "''" in text or "’’" in text
        if text.isascii():
            assert ('"' in text or "''" in text) == full, text
    assert not attribution.looks_like_speaker('Ana "the hammer" Ruiz')
    assert not attribution.looks_like_speaker("Ana ’’the hammer’’ Ruiz")
    assert not attribution.looks_like_speaker("Ana «the hammer» Ruiz")


def test_as_among_the_words_as_in_the_words_joined() -> None:
    for text in _TEXTS:
        low = [w.lower().strip(",.") for w in text.split()]
        assert ("as" in low) == (" as " in f" {' '.join(low)} "), text
    assert not attribution.looks_like_speaker("the software as the company")
    assert attribution.looks_like_speaker("Ana Ruiz")


def test_shouted_heading_needs_a_first_word_in_capitals() -> None:
    for text in _TEXTS:
        words = text.split()
        letters = [w for w in words if any(map(str.isalpha, w))]
        shouted = len(letters) >= 2 and all(map(str.isupper, letters))
        if words and words[0][:1].isalpha() and not words[0].isupper():
            assert not shouted, text
    assert attribution._unglued("PLAYERS HE LIKES") == ""
    assert attribution._unglued("— PLAYERS HE LIKES") == ""
    assert attribution._unglued("Ana Ruiz") == "Ana Ruiz"


def test_sentence_adverb_needs_a_word_ending_in_ly() -> None:
    for text in _TEXTS:
        for word in text.split():
            if attribution.is_adverb(word.lower()):
                assert word.endswith(attribution._LY), word
    assert attribution._sentence_adverb("Certainly")
    assert attribution._sentence_adverb("CERTAINLY") == attribution._sentence_adverb("Certainly")
    assert not attribution._sentence_adverb("Reilly")


def test_cleaned_speakers() -> None:
    # (through each shortcut of :func:`clean_speaker` and :func:`_unglued`)
    cases = {
        "federal prosecutors in April": "federal prosecutors",
        "a report released on Monday": "a report released on Monday",
        "Richard Pryor.": "Richard Pryor",
        "John Roberts Jr.": "John Roberts Jr.",
        "World leaders and diplomats almost": "World leaders and diplomats",
        "voters to reject the plan": "",
        "sources close to him": "sources close to him",
        "The tourists kept both men calm": "",
        "China The researchers": "The researchers",
        "ESPNcricinfo But Stewart": "Stewart",
        "Certainly McHenry": "McHenry",
        "Selina Meyer in the hit comedy": "Selina Meyer",
        "newsShe": "",  # (a pronoun: nobody)
    }
    for speaker, shown in cases.items():
        attribution.clean_speaker.cache_clear()
        assert attribution.clean_speaker(speaker) == shown, speaker


def _title_case_by_words(paragraph: str) -> bool:
    """What :func:`attribution._is_title_case` stands for, word by word."""
    words = paragraph.split()
    capitalized = sum(1 for w in words if w[0].isupper())
    return len(words) >= 4 and capitalized >= 0.7 * len(words)


def test_title_case_as_counted_word_by_word() -> None:
    rng = random.Random(42)
    heads = ["The", "Levee", "Will", "Hold", "ÉCOLE", "Ünal", "of", "the", "and", "“Ana", "‘Lee"]
    paragraphs = [*_TEXTS, "Levee Will Hold Tonight", "The levee will hold", "Ünal Ruiz Wins Race"]
    for _ in range(4000):
        words = [
            rng.choice(heads)
            if rng.random() < 0.6
            else "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 5)))
            for _ in range(rng.randint(0, 12))
        ]
        paragraphs.append(rng.choice([" ", "\u00a0", "\u2009", "  ", "\t"]).join(words))
    for paragraph in paragraphs:
        assert attribution._is_title_case(paragraph) == _title_case_by_words(paragraph), paragraph
    assert attribution._is_title_case("Mayor Ana Ruiz Wins The Vote")
    assert not attribution._is_title_case("Ana Ruiz won the vote on Monday")


def test_abbreviation_needs_a_full_stop() -> None:
    for text in _TEXTS:
        for word in text.split():
            if "." not in word:
                assert not attribution._ABBREV.match(word), word
    assert attribution._body_of_run("The Justice Department") == "Justice Department"
    assert attribution._body_of_run("the U.S. Senate") == "U.S. Senate"
    assert attribution._body_of_run("Ana Ruiz") is None


def test_bodies_and_people() -> None:
    # (through the shortcuts of :func:`attribution._is_body`: a joint, a title or a role)
    assert attribution._is_body(["the", "White", "House"])
    assert attribution._is_body(["Department", "of", "Justice"])
    assert not attribution._is_body(["campaign", "spokesman", "Brian", "Fallon"])
    assert not attribution._is_body(["Clinton", "campaign", "spokesman"])
    assert not attribution._is_body(["MSNBC", "host", "Chris", "Matthews"])
    assert not attribution._is_body(["Ana", "Ruiz"])
