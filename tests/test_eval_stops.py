"""``summarizer eval --engine llm`` stops at the first error every article would share (a
rejected key, an unknown model), as ``summarizer run`` does, instead of asking for each one."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli.main import app
from tests.stubserver import StubServer

ARTICLE = "“The levee will hold,” Mayor Ana Ruiz said on Monday. The river crested at noon."


def _gold(tmp_path: Path, n: int) -> Path:
    gold = tmp_path / "gold.jsonl"
    span = {"start": 1, "end": 20, "text": ARTICLE[1:20]}
    gold.write_text(
        "".join(
            json.dumps({"doc_id": f"d{i}", "text": ARTICLE, "quote_spans": [span]}) + "\n"
            for i in range(n)
        ),
        encoding="utf-8",
    )
    return gold


@pytest.mark.loopback
@pytest.mark.parametrize(
    ("status", "code"),
    [(401, "invalid_api_key"), (404, "model_not_found")],
)
def test_eval_stops_at_the_first_article_a_setting_fails(
    tmp_path: Path, status: int, code: str
) -> None:
    gold = _gold(tmp_path, 6)
    body = {"error": {"message": "rejected", "code": code}}
    with StubServer(status, body) as server:
        args = ["eval", str(gold), "--engine", "llm", "-m", "local"]
        args += ["--base-url", server.base_url, "--json"]
        result = CliRunner().invoke(app, args, env={"OPENAI_API_KEY": "sk-bad"})
    assert result.exit_code == 2, result.output
    err = result.stderr.strip()
    assert len(err.splitlines()) == 1 and err.startswith("summarizer: error: "), err
    assert "Traceback" not in result.output and result.stdout == ""
    assert server.requests <= 2  # the first article (its mode settling), not every one
