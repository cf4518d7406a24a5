"""Bad and awkward input: decoded when the fix is clear, else one clear error."""

from __future__ import annotations

import pytest

from summarizer import summarize
from summarizer.errors import InputError
from summarizer.io.inputs import decode_bytes, prepare_article, read_article
from summarizer.text.language import detect_language

ARTICLE = (
    "The council approved the budget on Tuesday after a long debate.\n\n"
    "“We will not raise taxes this year,” Mayor Ana Ruiz said after the vote.\n"
)


def test_windows_1252_is_decoded_when_clearly_text() -> None:
    text = decode_bytes(ARTICLE.encode("cp1252"), "a.txt")
    assert text == ARTICLE
    result = summarize(text, engine="offline")
    [quote] = result.quotes
    assert text[quote.start : quote.end] == "We will not raise taxes this year"


def test_latin_1_accents_are_decoded() -> None:
    text = "Le maire a déclaré que la réforme était nécessaire pour la ville et ses habitants."
    assert decode_bytes(text.encode("latin-1"), "a.txt") == text


def test_utf16_with_bom_is_decoded() -> None:
    assert decode_bytes(ARTICLE.encode("utf-16"), "a.txt") == ARTICLE


@pytest.mark.parametrize(
    "data",
    [b"\xff\xfe\x00\xd8bad", ARTICLE.encode("utf-16")[:-1]],
    ids=["lone-surrogate", "odd-length"],
)
def test_broken_utf16_gives_a_clear_error(data: bytes) -> None:
    with pytest.raises(InputError, match=r"a.txt: starts with a UTF-16 .* convert it to UTF-8"):
        decode_bytes(data, "a.txt")


def test_undecodable_bytes_give_a_clear_error() -> None:
    data = b"The mayor said the plan was fine and would pass. " + b"\x81\x8d\x8f\x90\x9d"
    with pytest.raises(InputError, match=r"a.txt: not UTF-8 .* convert it to UTF-8"):
        decode_bytes(data, "a.txt")


def test_the_size_limit_is_in_the_message(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 50)
    with pytest.raises(InputError, match=r"larger than the 1,000-byte limit .*max_bytes="):
        read_article(str(path), max_bytes=1000)


def test_text_without_sentences_is_refused() -> None:
    text = decode_bytes(b"12 34 56 78 90\n--- | ---\n", "table.txt")
    with pytest.raises(InputError, match="no sentences to summarize"):
        prepare_article(text, "table.txt")
    with pytest.raises(InputError, match="no sentences to summarize"):
        summarize(text, engine="offline")


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        (ARTICLE, "en"),
        ("Der Bürgermeister sagte am Dienstag, dass die Stadt die Steuern nicht erhöhen werde "
         "und die Pläne für die Brücken auch im nächsten Jahr weiter verfolgt.", "de"),
        ("El alcalde dijo el martes que la ciudad no subirá los impuestos y que los planes "
         "para los puentes se mantendrán el próximo año.", "es"),
        ("Мэр заявил во вторник, что город не будет повышать налоги в этом году.", "und-Cyrl"),
    ],
)  # fmt: skip
def test_language_is_labelled(text: str, tag: str) -> None:
    assert detect_language(text) == tag


def test_offline_summary_of_another_language_says_so() -> None:
    text = (
        "Der Stadtrat hat am Dienstag den Haushalt beschlossen. „Wir werden die Steuern in "
        "diesem Jahr nicht erhöhen“, sagte Bürgermeisterin Anna Ruiz nach der Abstimmung. "
        "Die Opposition kritisierte die Pläne und sagte, die Zuschüsse seien nicht sicher."
    )
    result = summarize(text, engine="offline")
    assert result.language == "de"
    assert any("not in English (de)" in w for w in result.run.warnings)
    for q in result.quotes:
        assert text[q.start : q.end] == q.text


def test_a_guessed_charset_is_in_run_warnings_single_and_batch(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A batch prints no log line per article: the guess must reach the record itself."""
    from summarizer import summarize_many
    from summarizer.io.sources import Source

    data = ARTICLE.replace("Ruiz", "Ruíz").encode("cp1252")
    path = tmp_path / "latin.txt"
    path.write_bytes(data)
    note = "not UTF-8; decoded as Windows-1252 (Latin-1)"
    assert note in summarize(data, engine="offline").run.warnings
    [outcome] = list(
        summarize_many([Source(name="latin.txt", path=str(path))], engine="offline", workers=1)
    )
    assert outcome.summary is not None
    assert outcome.summary.run.warnings.count(note) == 1
