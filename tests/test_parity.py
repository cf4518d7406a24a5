"""One behaviour for the library and the command line: the same input gives the same JSON, or
the same kind of error, whichever way it goes in (``summarizer run FILE``, ``summarize(...)``,
``summarize_many(...)``, ``summarizer run DIR`` for a batch)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer import InputError, SummarizerError, summarize, summarize_many
from summarizer.cli.main import app
from tests.conftest import SEED_PATH, fixture_path, replay

PLAIN = (
    "The city council voted on Tuesday to repair the old bridge over the river. "
    '"We cannot wait another winter," said Mayor Ana Ruiz, who has pushed for the work since '
    "2019. The repairs will cost about 4 million dollars and start in March.\n"
)
# Windows-1252: curly quotes and an accented name, as an old newsroom system writes them
CP1252 = (
    "Caf\xe9 owner Jos\xe9 Pe\xf1a said on Monday that the new rent rules would close half "
    "the shops on the street. \x93We are already paying too much,\x94 said Pe\xf1a.\n"
).encode("latin-1")
HTML = (
    "<html><head><title>Bridge</title><script>var x = 1;</script></head><body>"
    "<nav>Home | News | Sport</nav><article><h1>Council votes to repair bridge</h1>"
    f"<p>{PLAIN}</p></article><footer>Copyright</footer></body></html>"
)
cli = CliRunner()


def without_timing(data: dict[str, Any]) -> dict[str, Any]:
    data["run"].pop("latency_s", None)
    return data


def through_cli(path: Path, *args: str) -> tuple[int, dict[str, Any] | None, str]:
    """Exit code, the JSON printed (if any), and stderr."""
    result = cli.invoke(app, ["run", str(path), "-f", "json", *args])
    data = json.loads(result.stdout) if result.stdout.strip() else None
    return result.exit_code, data, result.stderr


def kind_of(call: Callable[[], object]) -> str:
    with pytest.raises(SummarizerError) as caught:
        call()
    return caught.value.kind


CASES: dict[str, tuple[str, bytes]] = {
    "plain text": ("plain.txt", PLAIN.encode()),
    "windows-1252 bytes": ("cp1252.txt", CP1252),
    "utf-16 with a BOM": ("utf16.txt", b"\xff\xfe" + PLAIN.encode("utf-16-le")),
    "html": ("page.html", HTML.encode()),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_same_article_gives_the_same_json(tmp_path: Path, case: str) -> None:
    name, data = CASES[case]
    path = tmp_path / name
    path.write_bytes(data)
    code, printed, stderr = through_cli(path, "--engine", "offline")
    assert code == 0, stderr
    assert printed is not None
    expected = without_timing(printed)
    from_bytes = summarize(data, input_name=str(path), engine="offline")
    assert without_timing(from_bytes.model_dump(mode="json")) == expected
    if case == "plain text":  # as text, too (html: below)
        from_text = summarize(data.decode("utf-8"), input_name=str(path), engine="offline")
        assert without_timing(from_text.model_dump(mode="json")) == expected
    (outcome,) = summarize_many([(str(path), data.decode("utf-8", "replace"))], engine="offline")
    if case in ("plain text", "html"):
        assert outcome.summary is not None
        assert without_timing(outcome.summary.model_dump(mode="json")) == expected


def test_html_as_text_gives_the_same_json(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    code, printed, stderr = through_cli(path, "--engine", "offline")
    assert code == 0 and printed is not None, stderr
    from_text = summarize(HTML, input_name=str(path), engine="offline")
    assert without_timing(from_text.model_dump(mode="json")) == without_timing(printed)


def test_the_llm_engine_gives_the_same_json(seed: str) -> None:
    fixture = fixture_path("seed_happy_tools")
    code, printed, stderr = through_cli(SEED_PATH, "--replay", str(fixture))
    assert code == 0, stderr
    assert printed is not None
    as_text = summarize(
        seed, input_name=str(SEED_PATH), transport=replay("seed_happy_tools").transport()
    )
    as_bytes = summarize(
        SEED_PATH.read_bytes(),
        input_name=str(SEED_PATH),
        transport=replay("seed_happy_tools").transport(),
    )
    for result in (as_text, as_bytes):
        assert without_timing(result.model_dump(mode="json")) == without_timing(dict(printed))


BAD: dict[str, bytes] = {
    "short": b"Hi.",
    "seven words": b"One two three four five six seven.",
    "empty": b"  \n",
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "nul bytes": b"some words\x00 and then more words in a row here",
    "not text": b"\x81\x8d\x90\x9d \x81\x8d\x90\x9d \x81\x8d\x90\x9d",
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_article_is_the_same_error_everywhere(tmp_path: Path, case: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(BAD[case])
    code, printed, stderr = through_cli(path, "--engine", "offline")
    assert code == 2 and printed is None
    assert stderr.startswith("summarizer: error: ") and len(stderr.strip().splitlines()) == 1
    assert kind_of(lambda: summarize(BAD[case], engine="offline")) == "input"
    try:
        text = BAD[case].decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and "\x00" not in text and not text.startswith("\x89"):
        assert kind_of(lambda: summarize(text, engine="offline")) == "input"
        (outcome,) = summarize_many([("bad", text)], engine="offline")
        assert outcome.error is not None and outcome.error.error.kind == "input"
    # and in a batch, beside a good article: that article's error record, same kind
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "bad.txt").write_bytes(BAD[case])
    (batch / "good.txt").write_text(PLAIN, encoding="utf-8")
    result = cli.invoke(app, ["run", str(batch), "--engine", "offline"])
    records = {r["input"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert records[str(batch / "bad.txt")]["error"]["kind"] == "input"
    assert "summary" in records[str(batch / "good.txt")]


def test_neither_text_nor_bytes_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"str\) or bytes, not int"):
        summarize(42)  # type: ignore[arg-type]
