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


def test_the_command_to_finish_an_interrupted_batch_leaves_the_key_out(
    devserver,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    """Ctrl-C or SIGTERM prints the command that finishes the run (a scheduler logs it): the
    key given with --api-key is not in it."""
    import shlex
    import signal

    from tests.terminal import Session, run_in_terminal

    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    server = devserver(latency=0.25)
    news = tmp_path / "news"
    news.mkdir()
    for i in range(6):
        (news / f"a{i}.txt").write_text(sample_article(i), encoding="utf-8")
    out = tmp_path / "out.jsonl"

    def two_done(_: Session) -> bool:
        return out.exists() and out.read_bytes().count(b"\n") >= 2

    given = [("SIGINT", ["--api-key", CANARY]), ("SIGTERM", [f"--api-key={CANARY}"])]
    for signal_name, key_args in given:
        out.unlink(missing_ok=True)
        session = run_in_terminal(
            ["run", str(news), "-o", str(out), "--jobs", "1", "--no-cache", *key_args,
             "--base-url", server.base_url],
            interrupt=two_done,
            interrupt_with=signal.Signals[signal_name],
            cols=250,
        )  # fmt: skip
        said = session.raw.decode("utf-8").replace("\r\n", "\n")
        assert "to finish, run:" in said, said
        assert CANARY not in said
        assert "the API key is left out of it" in said and "OPENAI_API_KEY" in said
    command = next(line for line in said.splitlines() if "to finish, run:" in line)
    argv = shlex.split(command.split("run: ", 1)[1])
    assert "--api-key" not in " ".join(argv)
    monkeypatch.setenv("OPENAI_API_KEY", CANARY)  # as the hint says
    finish = run_in_terminal(argv[1:], cols=250)
    assert finish.code == 0, finish.text
    assert CANARY not in finish.text
    assert len(out.read_text().splitlines()) == 6
