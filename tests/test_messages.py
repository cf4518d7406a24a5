"""What people are told: the library stays quiet and names its parameters, the command line
names its options; each message names the setting that was actually used."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import ConfigError, SummarizationFailed, SummarizerError, summarize
from summarizer.cli.main import app
from tests.conftest import ROOT, SEED_PATH, fixture_path
from tests.stubserver import StubServer, completion

cli = CliRunner()


def run_cli(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return cli.invoke(app, ["run", *args], env=env)


def one_line_error(result, code: int) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("summarizer: error: ")
    return lines[0]


def python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**clean, **env},
        cwd=ROOT,
        timeout=60,
    )


QUIET = """
from summarizer import summarize
from summarizer.http.exchanges import Replay
text = open({seed!r}, encoding="utf-8").read()
summarize(text)                                    # no LLM configured: offline
r = Replay.from_file({fixture!r})                  # re-asked: instructor logs each attempt
summarize(text, engine="llm", transport=r.transport())
try:
    summarize("Hi.")
except Exception as e:
    print(type(e).__name__)
"""


def test_the_library_prints_nothing(tmp_path: Path) -> None:
    code = QUIET.format(
        seed=str(SEED_PATH), fixture=str(fixture_path("seed_fabricated_then_fixed"))
    )
    done = python(code, SUMMARIZER_CACHE_DIR=str(tmp_path))
    assert done.stderr == ""
    assert done.stdout.strip().splitlines()[-1] in ("InputError", "SummarizationFailed")


def test_an_application_that_configures_logging_still_sees_the_notices(tmp_path: Path) -> None:
    code = (
        "import logging; logging.basicConfig(level=logging.WARNING)\n"
        f"from summarizer import summarize; summarize(open({str(SEED_PATH)!r}).read())"
    )
    done = python(code, SUMMARIZER_CACHE_DIR=str(tmp_path))
    assert "WARNING:summarizer:no LLM configured" in done.stderr


def test_library_messages_name_parameters_and_variables_the_cli_its_options(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(ConfigError) as caught:
        summarize(SEED_PATH.read_text(), engine="llm")
    message = str(caught.value)
    assert "api_key=" in message and "OPENAI_API_KEY" in message and "--" not in message
    assert "engine='offline'" in message
    line = one_line_error(run_cli(str(SEED_PATH), "--engine", "llm"), 2)
    assert "--api-key" in line and "--engine offline" in line and "api_key=" not in line


@pytest.mark.loopback
@pytest.mark.parametrize("given", ["argument", "environment"])
def test_an_unknown_model_names_where_it_was_set(given: str) -> None:
    body = {"error": {"message": "The model `nope` does not exist"}}
    with StubServer(404, body) as server:
        env = {"SUMMARIZER_MODEL": "nope"} if given == "environment" else {}
        kwargs = {"model": "nope"} if given == "argument" else {}
        os.environ.update(env)
        try:
            with pytest.raises(SummarizerError) as caught:
                summarize(SEED_PATH.read_text(), base_url=server.base_url, **kwargs)
        finally:
            for name in env:
                del os.environ[name]
        args = ["-m", "nope"] if given == "argument" else []
        line = one_line_error(
            run_cli(str(SEED_PATH), "--base-url", server.base_url, "--no-cache", *args, env=env),
            2,
        )
    assert caught.value.kind == "model_not_found"
    if given == "argument":
        assert "model=" in str(caught.value) and "SUMMARIZER_MODEL" not in str(caught.value)
        assert "--model" in line
    else:
        assert "SUMMARIZER_MODEL" in str(caught.value) and "model=" not in str(caught.value)
        assert "SUMMARIZER_MODEL" in line and "--model" not in line


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.loopback
def test_a_refused_connection_names_the_option_or_the_variable_and_the_port() -> None:
    url = f"http://127.0.0.1:{closed_port()}/v1"
    flag = one_line_error(run_cli(str(SEED_PATH), "--base-url", url, "--no-cache"), 1)
    env = one_line_error(run_cli(str(SEED_PATH), "--no-cache", env={"OPENAI_BASE_URL": url}), 1)
    address = url.removeprefix("http://").removesuffix("/v1")
    assert f"cannot reach {address}" in flag and f"cannot reach {address}" in env
    assert "--base-url" in flag and "OPENAI_BASE_URL" not in flag
    assert "OPENAI_BASE_URL" in env and "--base-url" not in env


@pytest.mark.loopback
def test_prose_instead_of_a_tool_call_suggests_another_mode() -> None:
    prose = completion("Sure! Here is a summary of the article: the president said...")
    with StubServer(200, prose) as server:
        with pytest.raises(SummarizationFailed) as caught:
            summarize(SEED_PATH.read_text(), base_url=server.base_url, mode="tools")
        line = one_line_error(
            run_cli(str(SEED_PATH), "--base-url", server.base_url, "--mode", "tools"), 1
        )
    assert "prose" in str(caught.value) and "mode='json_schema'" in str(caught.value)
    assert "--mode json_schema" in line and "--mode md_json" in line


@pytest.mark.loopback
def test_a_server_traceback_is_one_line() -> None:
    trace = (
        'Traceback (most recent call last):\n  File "server.py", line 12, in handle\n'
        "    model.generate(prompt)\nRuntimeError: CUDA out of memory"
    )
    with StubServer(400, {"error": {"message": trace}}) as server:
        line = one_line_error(run_cli(str(SEED_PATH), "--base-url", server.base_url), 1)
    assert "HTTP 400" in line and "RuntimeError: CUDA out of memory" in line


@pytest.mark.parametrize(
    ("args", "which"),
    [(["--mode", "json_schema"], "mode: recorded tools, this request json_schema")],
)
def test_a_replay_that_does_not_match_says_so(args: list[str], which: str) -> None:
    fixture = str(fixture_path("seed_happy_tools"))
    line = one_line_error(run_cli(str(SEED_PATH), "--replay", fixture, *args), 2)
    assert which in line and "nothing was contacted" in line
    assert "api.openai.com" not in line


def test_a_replay_of_another_article_says_so(tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(
        "The city council voted on Tuesday to repair the old bridge over the river, "
        "the mayor said.\n"
    )
    fixture = str(fixture_path("seed_happy_tools"))
    line = one_line_error(run_cli(str(other), "--replay", fixture), 2)
    assert "article: not the one recorded" in line and "nothing was contacted" in line
