"""The API key never lands anywhere: output, errors, logs, --debug, recordings, the cache.

Every run here uses a canary key; afterwards every byte the runs wrote is searched for it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli.main import app
from summarizer.config import Settings
from summarizer.testing.server import Faults, sample_article

pytestmark = pytest.mark.loopback
CANARY = "sk-canary-3f9a1c7e5b2d4f60a8e1"
cli = CliRunner()


def everything_written(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


def test_the_key_is_in_no_artefact(devserver, tmp_path: Path, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("OPENAI_API_KEY", CANARY)
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    caplog.set_level("DEBUG")
    article = tmp_path / "article.txt"
    article.write_text(sample_article(1), encoding="utf-8")
    good = devserver()
    failing = devserver(faults=Faults(rate=1.0, kinds=("500",)))
    transcript = []
    runs = [
        # a summary, recorded, with debug logging on; then the same from the cache
        ["run", str(article), "--base-url", good.base_url, "--record",
         str(tmp_path / "rec.json"), "--debug", "--no-cache"],
        ["run", str(article), "--base-url", good.base_url, "-o", str(tmp_path / "one.json")],
        ["run", str(article), "--base-url", good.base_url, "-f", "markdown"],
        # a batch with error records, and a failing single run with its error line
        ["run", str(article), str(tmp_path / "missing.txt"), "--base-url", failing.base_url,
         "-o", str(tmp_path / "batch.jsonl"), "--timeout", "1", "--no-cache"],
        ["run", str(article), "--base-url", failing.base_url, "--no-cache"],
    ]  # fmt: skip
    for args in runs:
        result = cli.invoke(app, args)
        transcript.append(result.stdout + result.stderr)
    # --debug on a failure shows the traceback (and the library's logs), still without the key
    result = cli.invoke(app, ["run", str(article), "--base-url", failing.base_url, "--debug",
                              "--no-cache"])  # fmt: skip
    assert result.exception is not None
    import traceback

    transcript.append("".join(traceback.format_exception(result.exception)))
    transcript.append(caplog.text)

    written = everything_written(tmp_path)
    assert (tmp_path / "rec.json").exists() and (tmp_path / "cache").exists()
    assert b"summary" in written  # the runs did write their results
    assert CANARY.encode() not in written
    assert CANARY not in "".join(transcript)
    assert "error" in transcript[3] + transcript[4]


def test_recording_scrubs_authorization_cookies_and_organisation_ids(tmp_path: Path) -> None:
    import httpx2

    from summarizer.http.exchanges import Recorder, Recording

    def provider(request: httpx2.Request) -> httpx2.Response:
        assert request.headers["authorization"] == f"Bearer {CANARY}"
        return httpx2.Response(
            200,
            json={"choices": []},
            headers={
                "set-cookie": "__cf_bm=secret-cookie; path=/",
                "openai-organization": "org-SECRETORG",
                "openai-project": "proj_SECRETPROJ",
                "x-request-id": "req_123",
                "x-ratelimit-remaining-requests": "499",
                "retry-after": "1",
            },
        )

    rec = tmp_path / "rec.json"
    client = httpx2.Client(transport=Recording(Recorder(rec), httpx2.MockTransport(provider)))
    client.post(
        "https://api.example.test/v1/chat/completions",
        json={"model": "m"},
        headers={"authorization": f"Bearer {CANARY}", "cookie": "session=abc",
                 "openai-organization": "org-SECRETORG", "openai-project": "proj_SECRETPROJ"},
    )  # fmt: skip
    text = rec.read_text()
    for secret in (CANARY, "secret-cookie", "session=abc", "SECRETORG", "SECRETPROJ", "req_123"):
        assert secret not in text
    assert "x-ratelimit-remaining-requests" in text and "retry-after" in text


def test_settings_repr_hides_the_key() -> None:
    settings = Settings.resolve(api_key=CANARY)
    assert CANARY not in repr(settings) and CANARY not in str(settings)
