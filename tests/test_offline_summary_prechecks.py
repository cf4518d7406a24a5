"""The offline summary's cheaper passes (stances' main topic, the engine's boilerplate test, the
open questions' scans) give what the plainer code they replace gives, over varied invented
texts."""

from __future__ import annotations

import random
import re

from summarizer.engines.offline import engine, stances
from summarizer.text.sentences import DATELINE
from summarizer.text.words import lowered

# words to invent texts from: names, stop words, verbs, words that lower unusually (a final
# sigma, a dotted capital I), words with marks that belong to words and that do not
WORDS = [
    *("the", "a", "of", "and", "said", "will", "could", "Harbour", "harbour", "board"),
    *("Board", "ferry", "Ferry", "terminal", "sale", "sales", "deal", "deal’s", "dealer"),
    *("re-sale", "Wells", "Fargo", "fargo", "coach", "Mara", "Quint", "voted", "sold"),
    *("ΟΔΟΣ", "οδος", "Σίσυφος", "İstanbul", "istanbul", "KOΣ", "x_deal", "deal-", "3deal"),
    *("town", "Town", "TOWN", "market", "hall", "Hall", "market hall", "new", "jobs"),
]
MARKS = [" ", " ", " ", "  ", ", ", ". ", "\n", "’", "'", "-", "(", ") ", "_", "é", "—"]


def _plain_whole_word_count(low_text: str, word: str) -> int:
    """:func:`stances._whole_word_count` as it was written before."""

    def in_word(ch: str) -> bool:
        return ch.isalnum() or ch in "_’'-"

    n = 0
    at = low_text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not in_word(low_text[at - 1])) and (
            end == len(low_text) or not in_word(low_text[end])
        ):
            n += 1
        at = low_text.find(word, end)
    return n


_PLAIN_WORD = re.compile(r"[A-Za-z][\w’'-]*")


def _plain_chunks(text: str, start: int, end: int, names: set[str]) -> list[list[str]]:
    """:func:`stances._chunks` as it was written before it read each word's mark with it (empty
    runs and all)."""
    chunks: list[list[str]] = [[]]
    before = ""
    for m in _PLAIN_WORD.finditer(text, start, end):
        word = m.group()
        low = word.lower()
        if (
            low in stances._STOP
            or word in names
            or stances.is_adverb(low)
            or stances._is_verb(word, low)
            or (before in stances._BEFORE_VERB and word.islower())
        ):
            chunks.append([])
        else:
            chunks[-1].append(word)
        before = low
        if text[m.end() : m.end() + 1] in ",;:":
            chunks.append([])
    return chunks


def _plain_main_topic(text: str, lead: tuple[int, int], names: set[str]) -> str:
    """:func:`stances.main_topic` as it was written before it lowered each word once."""
    start = lead[0]
    dateline = DATELINE.match(text[start : lead[1]])
    if dateline:
        start += dateline.end()
    chunks = _plain_chunks(text, start, min(lead[1], start + 400), names)
    wanted = {w.lower() for chunk in chunks for w in chunk}
    low_text = lowered(text)
    counts = {w: _plain_whole_word_count(low_text, w) for w in wanted if len(w) >= 3}
    counts.update({w: 0 for w in wanted if len(w) < 3})
    best, best_score = "", 0.0
    for chunk in chunks:
        for size in (3, 2, 1):
            for i in range(0, len(chunk) - size + 1):
                words = chunk[i : i + size]
                scores = [counts[w.lower()] for w in words]
                if 0 in scores:
                    continue
                if size > 1 and words[0].islower() and words[1][:1].isupper():
                    continue
                score = sum(scores) * (1 + 0.5 * (size - 1))
                if score <= best_score:
                    continue
                if size > 1 and low_text.count(" ".join(words).lower()) < 2:
                    score /= 2
                if score > best_score:
                    best, best_score = " ".join(words), score
    return best


def _invented(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(WORDS) + rng.choice(MARKS) for _ in range(n))


def test_whole_word_counts_are_the_plain_counts() -> None:
    rng = random.Random(11)
    for _ in range(3000):
        text = lowered(_invented(rng, rng.randint(0, 30)))
        word = rng.choice(WORDS).lower()
        assert stances._whole_word_count(text, word) == _plain_whole_word_count(text, word)


def test_the_main_topic_is_the_one_the_plain_scoring_chooses() -> None:
    """Leads of invented words (repeated phrases, capitals, names left out, words that lower
    to more characters or to a final sigma) in invented articles."""
    rng = random.Random(5)
    for _ in range(3000):
        lead = _invented(rng, rng.randint(1, 25))
        text = lead + "\n\n" + _invented(rng, rng.randint(0, 60))
        names = set(rng.sample(["Mara", "Quint", "Wells", "Harbour"], rng.randint(0, 2)))
        span = (0, len(lead))
        assert stances.main_topic(text, span, names) == _plain_main_topic(text, span, names)


def _plain_is_boilerplate(sentence: str) -> bool:
    """:func:`engine._is_boilerplate` as it was written before it looked for a slash first."""
    return bool(
        (sentence[:1] in engine._BOILERPLATE_FIRST and engine._BOILERPLATE.match(sentence))
        or ("/" in sentence[:31] and engine._CREDIT.match(sentence))
        or (sentence[:3] == "By " and engine._BYLINE.match(sentence))
        or "://" in sentence
        or "pic.twitter.com/" in sentence
    )


SENTENCE_PARTS = [
    *("Follow us on", "By Jane Reporter", "By Monday", "Photo: AP", "Image:", "Reuters"),
    *("/Getty", "/Reuters", " /AP", "https://t.co/x", "pic.twitter.com/ab", "pic.twitter.com"),
    *("http:/", ":/", "/", "//", " the board voted", "Copyright 2024", "read more", "12 March"),
    *("2024", ", ", " ", "—", "é", "Share this", "sign up", "a/b", "x" * 25, "İmage: "),
]


def test_the_boilerplate_test_is_the_plain_one() -> None:
    rng = random.Random(3)
    for _ in range(20000):
        sentence = "".join(rng.choice(SENTENCE_PARTS) for _ in range(rng.randint(0, 6)))
        assert engine._is_boilerplate(sentence) == _plain_is_boilerplate(sentence), sentence


def test_the_runs_of_content_words_are_the_plain_ones_that_hold_words() -> None:
    """The runs cut at the same words and marks, a mark past the end of the range included
    ('… the board, Quint said' read up to 'board')."""
    rng = random.Random(9)
    for _ in range(3000):
        text = _invented(rng, rng.randint(0, 30))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        names = set(rng.sample(["Mara", "Quint", "Wells", "Harbour"], rng.randint(0, 2)))
        plain = [run for run in _plain_chunks(text, start, end, names) if run]
        assert stances._chunks(text, start, end, names) == plain


CLAIM_PARTS = [
    *("“", "”", '"', ",", ".", " ", "  ", "\n", "We had to", "Lee said", "‘", "’", "It was"),
    *(",”", ".”", ',"', '."', "” ", '" ', " “", ' "', "x" * 40, "hard"),
]


def test_the_quotations_are_joined_as_the_plain_expression_joins_them() -> None:
    rng = random.Random(13)
    for _ in range(20000):
        claim = "".join(rng.choice(CLAIM_PARTS) for _ in range(rng.randint(0, 9)))
        plain = stances._BETWEEN_QUOTATIONS.sub(" … ", claim)
        assert stances._quotations_joined(claim) == plain, claim
