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


def test_no_quotes() -> None:
    assert find_quoted_spans("Nothing quoted here, isn’t it?") == []
