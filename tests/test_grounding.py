import random
import re

import pytest

from summarizer.text.grounding import _NAME_FILLER, Article, normalize, strip_marks

ARTICLE = (
    "Speaking aboard Air Force One, Trump described the call as “good”.\n"
    "“They’re going to need them for defence… They’re going to need something because "
    "they’re being hit pretty hard,” Trump said.\n"
    "“I was very unhappy with my call with President Putin. He wants to go all the way, "
    "just keep killing people – it’s no good,” Trump said.\n"
    "Germany  has since said it is in discussions to procure additional Patriot systems."
)


@pytest.fixture
def article() -> Article:
    return Article(ARTICLE)


def test_exact(article: Article) -> None:
    found = article.locate("in discussions to procure")
    assert found is not None and found.match == "exact"
    assert ARTICLE[found.start : found.end] == "in discussions to procure"


def test_normalized_typography_maps_back_to_the_source_span(article: Article) -> None:
    needle = (
        "They're going to need them for defence... They're going to need something because "
        "they're being hit pretty hard"
    )
    found = article.locate(needle)
    assert found is not None and found.match == "normalized"
    assert ARTICLE[found.start : found.end] == (
        "They’re going to need them for defence… They’re going to need something because "
        "they’re being hit pretty hard"
    )


def test_normalized_dash_and_whitespace(article: Article) -> None:
    found = article.locate("just keep killing people - it's no good")
    assert found is not None and found.match == "normalized"
    assert ARTICLE[found.start : found.end] == "just keep killing people – it’s no good"
    found = article.locate("Germany has since said")
    assert found is not None and ARTICLE[found.start : found.end] == "Germany  has since said"


def test_fuzzy_repairs_to_the_articles_words(article: Article) -> None:
    # one word transcribed differently: located, and the span is the article's text
    found = article.locate(
        "I was very unhappy with my call with President Putin. "
        "He wants to go all the way, just keep killing folks"
    )
    assert found is not None and found.match == "fuzzy"
    text = ARTICLE[found.start : found.end]
    assert text.startswith("I was very unhappy") and "killing people" in text


def test_elision_is_not_a_match(article: Article) -> None:
    assert (
        article.locate("They’re going to need them for defence ... they’re being hit pretty hard")
        is None
    )


def test_invented_text_is_not_found(article: Article) -> None:
    assert article.locate("We will send Ukraine everything it needs right away") is None
    assert article.locate("") is None


def test_quote_must_stand_inside_quotation_marks(article: Article) -> None:
    found, reason = article.locate_quote("good")
    assert found is not None and reason is None
    assert ARTICLE[found.start - 1 : found.end + 1] == "“good”"
    found, reason = article.locate_quote("in discussions to procure additional Patriot systems")
    assert found is None and reason is not None and "not inside quotation marks" in reason


def test_quote_with_its_marks_is_stripped_to_the_words(article: Article) -> None:
    found, _ = article.locate_quote("“good”")
    assert found is not None and ARTICLE[found.start : found.end] == "good"


def test_quote_occurrence_inside_marks_is_preferred() -> None:
    text = "The word good appears here. He called it “good”."
    found, _ = Article(text).locate_quote("good")
    assert found is not None and text[found.start - 1] == "“"


def test_names_in_article(article: Article) -> None:
    assert article.names_in_article("President Putin")
    assert article.names_in_article("Trump")
    assert not article.names_in_article("Joe Biden")
    assert not article.names_in_article("the")


def test_seed_quotes_all_locate(seed: str) -> None:
    a = Article(seed)
    for span in a.quoted_spans:
        words = seed[span.start : span.end].strip(" ,.")
        found, reason = a.locate_quote(words)
        assert found is not None, reason
        assert seed[found.start : found.end] == words


def test_normalize() -> None:
    assert normalize("“Hi”  –\u00a0it’s…") == '"Hi" - it\'s...'


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("»Wir schaffen das«, sagte die Kanzlerin am Montag.", "Wir schaffen das"),
        ("首相は「増税はしない」と述べた。", "増税はしない"),
        ("他說：「我們會說『不』，然後離開。」", "我們會說『不』，然後離開。"),
        # the model's marks differ from the article's
        ("他說：「我們會說『不』，然後離開。」", "「我們會說“不”，然後離開。」"),
        ("Han sagde: ›Det er slut‹, og gik.", "Det er slut"),
    ],
)  # fmt: skip
def test_quotes_are_accepted_inside_every_scripts_marks(text: str, quote: str) -> None:
    found, problem = Article(text).locate_quote(quote)
    assert problem is None and found is not None
    assert text[found.start : found.end].strip("「」") == quote.strip("「」").replace(
        "“", "『"
    ).replace("”", "』")


def test_a_japanese_paraphrase_is_not_a_quote() -> None:
    found, problem = Article("首相は増税はしないと述べた。「確認中」").locate_quote("増税はしない")
    assert found is None and problem is not None and "reporter's wording" in problem


def test_the_vocabulary_is_every_word_lower_cased_as_word_by_word() -> None:
    text = (
        "ΟΔΟΣ Σοφίας: İstanbul’s mayor met O’Neill's team; DON’T panic, said the U.S. envoy "
        "in Straße 5."
    )
    words = [w.lower().replace("’", "'") for w in re.findall(r"\w+(?:['’]\w+)*", text)]
    expected = set(words) | {w[:-2] for w in words if w.endswith("'s")}
    assert Article(text).vocabulary == expected
    assert "οδος" in expected and "o'neill" in expected and "don't" in expected
    assert Article("").vocabulary == set() and Article("— …").vocabulary == set()


def test_a_located_string_is_looked_up_once_and_callers_get_their_own_list(
    article: Article,
) -> None:
    first = article.locate_all("Trump said")
    assert [ARTICLE[f.start : f.end] for f in first] == ["Trump said", "Trump said"]
    first.clear()  # the caller's list: the article's answer is not changed
    again = article.locate_all("Trump said")
    assert len(again) == 2 and again[0].match == "exact"
    assert article.locate_all("  Trump said ") == again  # stripped, as before
    assert article.locate_all("Putin wants peace", fuzzy=False) == []
    assert article.names_in_article("President Putin") and article.names_in_article("Putin")
    assert not article.names_in_article("Macron") and not article.names_in_article("the")


def test_a_word_is_found_as_written_exactly_when_it_is_in_the_vocabulary() -> None:
    """has_word (a search of the text first) answers as the vocabulary does, on texts and
    words made at random of letters, digits, apostrophes, marks and case-changing letters."""
    rng = random.Random(7)
    alphabet = "aAbBsS _'’.-,“”1İıßΣσς\nçÇ\u0307"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        vocabulary = Article(text).vocabulary
        probes = "".join(rng.choice(alphabet) for _ in range(30)) + " " + text
        article = Article(text)
        for word in re.findall(r"\w+(?:['’]\w+)*", probes):
            expected = word.lower().replace("’", "'") in vocabulary
            assert article.has_word(word) == expected, (text, word)
    # "İstanbul" lower-cased is two words of the pattern ("i", "stanbul"): not the word
    assert not Article("in i\u0307stanbul today").has_word("\u0130stanbul")
    assert "vocabulary" not in vars(article := Article("Mayor Ana Ruiz: a plan, O’Neill said."))
    assert article.names_in_article("Mayor Ana Ruiz") and article.contains_words("said")
    assert article.names_in_article("O’Neill mayor") and "vocabulary" not in vars(article)
    assert not article.names_in_article("Ana Ruiz Jr") and "vocabulary" in vars(article)


def test_names_are_answered_as_by_the_vocabulary() -> None:
    """names_in_article and contains_words (a name found whole, or word by word, as written
    first) answer as the vocabulary does, on texts and names made at random."""
    rng = random.Random(8)
    pieces = ["Ana", "ana", "Ruiz", "'s", "’", "O", "Neill", "the", "Mr", "U.S.", " ", " ", "-"]
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 14)))
        name = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 6)))
        vocabulary = Article(text).vocabulary
        keys = [w.lower().replace("’", "'") for w in re.findall(r"\w+(?:['’]\w+)*", name)]
        significant = [k for k in keys if k not in _NAME_FILLER]
        expected = bool(significant) and all(k in vocabulary for k in significant)
        assert Article(text).names_in_article(name) == expected, (text, name)
        in_vocabulary = bool(keys) and all(k in vocabulary for k in keys)
        assert Article(text).contains_words(name) == in_vocabulary, (text, name)


def test_a_quote_found_word_for_word_is_the_first_span_inside_quote_marks() -> None:
    """locate_quote (the first occurrence tried alone first) answers as a look at every span
    does, on texts and quotes made at random."""
    rng = random.Random(9)
    pieces = ["“", "”", '"', "we", "We", " ", " ", "go", ".", "\u00a0"]
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 16)))
        needle = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 5)))
        article = Article(text)
        spans = Article(text).locate_all(strip_marks(needle))
        inside = [s for s in spans if article.inside_quote_marks(s.start, s.end)]
        found, problem = article.locate_quote(needle)
        assert found == (inside[0] if inside else None), (text, needle)
        assert (problem is None) == bool(inside)
