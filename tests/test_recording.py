"""``--record``: the fixture file is whole JSON after every exchange, in the documented format,
written once per exchange (not rewritten whole), and a failed write is not a network error."""

from __future__ import annotations

import json
from pathlib import Path

import httpx2
import pytest

from summarizer.errors import ConfigError, ErrorKind
from summarizer.http.exchanges import Recorder, Recording, load_fixture


def _provider(request: httpx2.Request) -> httpx2.Response:
    asked = json.loads(request.content)["n"]
    return httpx2.Response(200, json={"answer": asked, "text": "line one\nline “two”"})


def test_the_file_is_the_whole_document_after_every_exchange(tmp_path: Path) -> None:
    rec = tmp_path / "rec.json"
    recorder = Recorder(rec)
    client = httpx2.Client(transport=Recording(recorder, httpx2.MockTransport(_provider)))
    sent = []
    for n in range(4):
        client.post("https://api.example.test/v1/chat/completions", json={"n": n})
        sent.append(n)
        document = json.loads(rec.read_text(encoding="utf-8"))
        assert [x["request"]["json"]["n"] for x in document["exchanges"]] == sent
        assert [x["response"]["json"]["answer"] for x in document["exchanges"]] == sent
        # byte for byte what one json.dumps of the document writes (the fixture format)
        whole = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        assert rec.read_text(encoding="utf-8") == whole
    assert document["scripted"] is False and recorder.count == 4
    assert load_fixture(rec)["exchanges"] == document["exchanges"]  # the loader replay uses


def test_exchanges_are_not_kept_in_memory(tmp_path: Path) -> None:
    recorder = Recorder(tmp_path / "rec.json")
    client = httpx2.Client(transport=Recording(recorder, httpx2.MockTransport(_provider)))
    client.post("https://api.example.test/v1/chat/completions", json={"n": 1})
    assert not any(isinstance(v, list) for v in vars(recorder).values())


def test_a_failed_write_is_a_config_error_naming_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "gone"
    folder.mkdir()
    rec = folder / "rec.json"
    client = httpx2.Client(transport=Recording(Recorder(rec), httpx2.MockTransport(_provider)))
    client.post("https://api.example.test/v1/chat/completions", json={"n": 1})
    rec.unlink()
    folder.rmdir()
    with pytest.raises(ConfigError) as caught:
        client.post("https://api.example.test/v1/chat/completions", json={"n": 2})
    assert caught.value.kind is ErrorKind.CONFIG
    assert str(rec) in str(caught.value) and "--record" in str(caught.value)
