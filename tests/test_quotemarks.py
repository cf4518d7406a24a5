from summarizer.text.quotemarks import find_quoted_spans


def contents(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quoted_spans(text)]


def test_curly_double_quotes_and_apostrophes_inside() -> None:
    text = "“They’re going to need them,” Trump said of Putin’s war."
    assert contents(text) == ["They’re going to need them,"]


def test_straight_double_quotes() -> None:
    text = 'She said "the plan is dead on arrival" and left. He said "no".'
    assert contents(text) == ["the plan is dead on arrival", "no"]


def test_british_single_quotes_are_not_confused_with_apostrophes() -> None:
    text = "The minister said: ‘We won’t back down’. The ’90s were different, it’s said."
    assert contents(text) == ["We won’t back down"]


def test_guillemets_with_french_spacing_and_german_marks() -> None:
    assert contents("Il a dit « c’est fini » hier.") == [" c’est fini "]
    assert contents("Er sagte „Wir schaffen das“ gestern.") == ["Wir schaffen das"]


def test_quote_running_over_paragraphs() -> None:
    text = "“First paragraph of the speech.\n“Second paragraph,” she said."
    assert contents(text) == ["First paragraph of the speech.", "Second paragraph,"]
    first = find_quoted_spans(text)[0]
    assert not first.closed


def test_quote_running_over_paragraphs_keeps_every_sentence() -> None:
    text = "“We will win. We will fund the roads too.\n\n“The next vote is in May,” she added."
    assert contents(text)[0] == "We will win. We will fund the roads too."


def test_a_stray_opening_mark_runs_to_its_first_sentence_end_only() -> None:
    """An opening mark never closed, with no quotation opening the next paragraph: the quote is
    its first sentence, never the narration after it."""
    text = (
        "Ana Ruiz said “we will not cut the budget. The council then voted on roads.\n\n"
        "The next meeting is in May."
    )
    assert contents(text) == ["we will not cut the budget."]
    assert contents("He said “we will win. Then he left") == ["we will win."]  # (at the end)


def test_no_quotes() -> None:
    assert find_quoted_spans("Nothing quoted here, isn’t it?") == []


def test_german_and_danish_reversed_guillemets() -> None:
    assert contents("»Wir schaffen das«, sagte die Kanzlerin.") == ["Wir schaffen das"]
    assert contents("Han sagde: »Det er slut«, og gik.") == ["Det er slut"]
    assert contents("Sie schrieb: ›Nie wieder‹ und ging.") == ["Nie wieder"]


def test_swedish_and_finnish_guillemets_point_the_same_way() -> None:
    assert contents("Hon sa: »Vi är klara» i går.") == ["Vi är klara"]


def test_single_guillemets_and_low_single_quotes() -> None:
    assert contents("Il a dit ‹ non › deux fois.") == [" non "]
    assert contents("Er sagte ‚vielleicht‘ und ging.") == ["vielleicht"]


def test_japanese_corner_brackets_without_spaces() -> None:
    text = "首相は「増税はしない」と述べた。記者は『確認中』と書いた。"
    assert contents(text) == ["増税はしない", "確認中"]


def test_chinese_corner_brackets_and_nested_white_brackets() -> None:
    text = "他說：「我們會說『不』，然後離開。」"
    assert contents(text) == ["我們會說『不』，然後離開。"]


def test_chinese_double_angle_brackets() -> None:
    assert contents("他在《人民日报》上写道。") == ["人民日报"]
    assert contents("그는 〈우리는 간다〉라고 말했다.") == ["우리는 간다"]


def test_a_french_closing_guillemet_never_opens_a_quote() -> None:
    text = "« Premier paragraphe du discours.\n« Deuxième », a-t-elle dit. Après » rien."
    assert contents(text) == [" Premier paragraphe du discours.", " Deuxième "]


def test_the_next_mark_is_what_searching_for_its_class_finds() -> None:
    """Marks are looked up in the positions ``str.find`` gave, as searching the text for a
    character class of them would find them."""
    import random
    import re

    from summarizer.text.quotemarks import _CLOSERS, _OPENERS, _Marks

    rnd = random.Random(3)
    alphabet = [*"ab ,.\n'\"", *_OPENERS, *"”’»«›‹」』》〉“"]
    for _ in range(2000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        marks = _Marks(text)
        for chars in (_OPENERS, *_CLOSERS.values()):
            pattern = re.compile("[" + re.escape(chars) + "]")
            for at in range(len(text) + 1):
                found = pattern.search(text, at)
                assert marks.next(chars, at) == (found.start() if found else -1), (text, at)
