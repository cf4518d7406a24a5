"""Review fixes for ``summarizer eval --engine llm``, recording and replay, the test server's
small long-article parts, and ``summarize_many``'s client (evalfix)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.cli.main import app
from summarizer.testing.server import sample_article

runner = CliRunner()


def _gold(tmp_path: Path, n: int) -> Path:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        "".join(
            json.dumps({"doc_id": f"d{i}", "text": sample_article(i), "quote_spans": []}) + "\n"
            for i in range(n)
        ),
        encoding="utf-8",
    )
    return gold


# --- 1: with --json, standard output is exactly one JSON object --------------------------------


@pytest.mark.loopback
def test_eval_json_of_a_model_is_one_json_object_on_stdout(devserver: Any, tmp_path: Path) -> None:
    server = devserver()
    args = ["eval", str(_gold(tmp_path, 2)), "--engine", "llm", "-m", "gpt-4.1-mini"]
    args += ["--base-url", server.base_url, "--json"]
    result = runner.invoke(app, args, env={"OPENAI_API_KEY": ""})
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)  # the whole of it: no prose line before
    assert figures["llm_articles"] == 2
    assert "requests" in result.stderr  # the cost line is still said, on stderr


# --- 2: an unreachable server stops eval; a model's speed is by the wall clock -----------------


@pytest.mark.loopback
def test_eval_stops_when_the_server_cannot_be_reached(tmp_path: Path) -> None:
    gold = _gold(tmp_path, 12)
    args = ["eval", str(gold), "--engine", "llm", "-m", "m"]
    args += ["--base-url", "http://127.0.0.1:9/v1", "--json"]
    started = time.monotonic()
    result = runner.invoke(app, args, env={"OPENAI_API_KEY": "sk-x"})
    took = time.monotonic() - started
    assert result.exit_code == 1, result.output
    err = result.stderr.strip()
    assert len(err.splitlines()) == 1, err
    assert "could not be reached" in err and "--base-url" in err
    assert result.stdout == ""
    assert took < 12 * 1.5  # stopped after 3 articles, not all 12 retried


@pytest.mark.loopback
def test_eval_of_a_model_reports_wall_clock_speed(devserver: Any, tmp_path: Path) -> None:
    server = devserver(latency=0.3)
    args = ["eval", str(_gold(tmp_path, 2)), "--engine", "llm", "-m", "gpt-4.1-mini"]
    args += ["--base-url", server.base_url]
    result = runner.invoke(app, [*args, "--json"], env={"OPENAI_API_KEY": ""})
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["articles_per_s"] is None  # CPU time says nothing of waiting for a server
    assert figures["wall_seconds"] >= 0.6
    assert figures["articles_per_wall_s"] <= 2 / 0.6
    text = runner.invoke(app, args, env={"OPENAI_API_KEY": ""})
    assert "articles/s by the wall clock" in text.stdout


def test_offline_eval_keeps_its_cpu_time_speed(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(_gold(tmp_path, 2)), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert (
        figures["articles_per_s"] > 0
        and figures["articles_per_s"] == figures["articles_per_second"]
    )


def test_offline_eval_runs_the_engine_as_a_worker_process_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from summarizer.evaluation import quotes

    seen: list[tuple[tuple[int, int, int], int]] = []
    extract = quotes.offline_extract

    def watched(text: str) -> dict[str, Any]:
        seen.append((gc.get_threshold(), gc.get_freeze_count()))
        return extract(text)

    monkeypatch.setattr(quotes, "offline_extract", watched)
    before = gc.get_threshold(), gc.get_freeze_count()
    result = runner.invoke(app, ["eval", str(_gold(tmp_path, 2)), "--json"])
    assert result.exit_code == 0, result.output
    # as in a batch's worker processes: what start-up made frozen, young objects collected
    # after 10,000 more (so the articles per second are a worker's); then as it was
    assert [threshold[0] for threshold, _ in seen] == [10_000, 10_000]
    assert all(frozen > 10_000 for _, frozen in seen)
    assert (gc.get_threshold(), gc.get_freeze_count()) == before


def test_the_worker_collector_is_undone_after_an_error_and_keeps_a_freeze_made_before() -> None:
    import gc

    from summarizer.batch import collected_as_worker

    before = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    with pytest.raises(KeyError), collected_as_worker():
        assert gc.get_threshold()[0] == 10_000 and gc.get_freeze_count() > 0
        raise KeyError("an article failed")
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    gc.freeze()  # a program's own freeze, made before: kept
    try:
        frozen = gc.get_freeze_count()
        with collected_as_worker():
            pass
        assert gc.get_freeze_count() >= frozen and gc.get_threshold() == before
    finally:
        gc.unfreeze()


# --- 3: a recording captures the run as it is (window probes included); a replay names the
# server that was recorded ----------------------------------------------------------------------


@pytest.mark.loopback
def test_recording_a_run_makes_the_same_window_decision(devserver: Any, tmp_path: Path) -> None:
    from summarizer.testing.personalities import PERSONALITIES

    server = devserver(personality=PERSONALITIES["ollama"])  # a 4096-token window
    article = tmp_path / "article.txt"
    article.write_text(sample_article(0) * 4, encoding="utf-8")
    args = ["run", str(article), "--base-url", server.base_url, "-m", "qwen2.5:7b"]
    args += ["--mode", "json", "--no-cache"]
    env = {"OPENAI_API_KEY": "sk-x"}
    plain = runner.invoke(app, args, env=env)
    assert plain.exit_code == 2, plain.output  # the window is too small for the prompt
    rec = tmp_path / "rec.json"
    recorded = runner.invoke(app, [*args, "--record", str(rec)], env=env)
    assert recorded.exit_code == plain.exit_code and recorded.stderr == plain.stderr
    exchanges = json.loads(rec.read_text(encoding="utf-8"))["exchanges"]
    assert exchanges[-1]["request"]["path"] == "/api/show"  # the probe that told the window
    replay = ["run", str(article), "-m", "qwen2.5:7b", "--mode", "json", "--replay", str(rec)]
    replayed = runner.invoke(app, replay, env=env)
    assert replayed.exit_code == 2 and replayed.stderr == plain.stderr


@pytest.mark.loopback
def test_a_replay_names_the_server_that_was_recorded(devserver: Any, tmp_path: Path) -> None:
    server = devserver()
    article = tmp_path / "article.txt"
    article.write_text(sample_article(1), encoding="utf-8")
    rec = tmp_path / "rec.json"
    args = ["run", str(article), "-m", "local", "--no-cache", "-f", "json"]
    recorded = runner.invoke(
        app, [*args, "--base-url", server.base_url, "--record", str(rec)], env={}
    )
    assert recorded.exit_code == 0, recorded.output
    replayed = runner.invoke(app, [*args, "--replay", str(rec)], env={})
    assert replayed.exit_code == 0, replayed.output
    live, again = json.loads(recorded.stdout), json.loads(replayed.stdout)
    assert again["run"]["base_url_host"] == live["run"]["base_url_host"] == "127.0.0.1"
    assert again["quotes"] == live["quotes"]
    assert "api_key" not in rec.read_text(encoding="utf-8")


# --- 4: the test server answers a part with no sentence; a dropped connection is not "cannot
# reach" ---------------------------------------------------------------------------------------


def test_the_test_server_drafts_a_text_with_no_sentence() -> None:
    from summarizer.engines.llm.draft import SummaryDraft
    from summarizer.testing.server import draft_for

    draft = draft_for("Photo: Reuters\n")
    SummaryDraft.model_validate(draft)  # a valid answer, grounded in the text
    assert draft["summary"]["key_points"][0]["evidence"] == ["Photo: Reuters"]


@pytest.mark.loopback
@pytest.mark.parametrize("personality", ["ollama-no-tools", "llama-server"])
def test_a_long_article_with_a_part_of_no_sentence_is_summarized(
    devserver: Any, personality: str
) -> None:
    from summarizer import summarize
    from summarizer.testing.articles import long_article
    from summarizer.testing.personalities import PERSONALITIES

    server = devserver(personality=PERSONALITIES[personality])
    text = long_article(5000) + "\n\n" + "Photo: Reuters\n" * 400
    result = summarize(
        text,
        engine="llm",
        model="qwen2.5:7b" if personality.startswith("ollama") else "local",
        base_url=server.base_url,
        mode="json_schema" if personality == "llama-server" else "auto",
        context_window=6000,
        max_attempts=2,
    )
    assert result.run.attempts > 2 and result.quotes  # read in parts, none lost


@pytest.mark.loopback
@pytest.mark.parametrize("fault", ["drop", "reset"])
def test_a_connection_the_server_drops_is_not_called_unreachable(
    devserver: Any, fault: str
) -> None:
    from summarizer import summarize
    from summarizer.errors import SummarizerError
    from summarizer.testing.server import Faults

    server = devserver(faults=Faults(rate=1.0, kinds=(fault,)))
    with pytest.raises(SummarizerError) as raised:
        summarize(sample_article(0), engine="llm", base_url=server.base_url, max_attempts=2)
    message = str(raised.value)
    assert "closed the connection without an answer" in message, message
    assert "cannot reach" not in message and raised.value.kind == "connection"


# --- 5: summarize_many's client= ---------------------------------------------------------------


def test_summarize_many_with_a_sync_client_says_so_for_summarize_many() -> None:
    import openai

    from summarizer import summarize_many
    from summarizer.errors import ConfigError

    client = openai.OpenAI(api_key="sk-x", base_url="http://127.0.0.1:9/v1")
    pairs = [("a", sample_article(0)), ("b", sample_article(1))]
    with pytest.raises(ConfigError) as raised:
        list(summarize_many(pairs, client=client, engine="llm"))
    message = str(raised.value)
    assert "for summarize_many()" in message and "got openai.OpenAI" in message
    assert "asummarize()" not in message


@pytest.mark.loopback
def test_summarize_many_with_an_async_client_still_works(devserver: Any) -> None:
    import openai

    from summarizer import summarize_many

    server = devserver()
    client = openai.AsyncOpenAI(api_key="sk-x", base_url=server.base_url)
    pairs = [("a", sample_article(0)), ("b", sample_article(1))]
    outcomes = list(summarize_many(pairs, client=client, engine="llm"))
    assert [o.error for o in outcomes] == [None, None]
