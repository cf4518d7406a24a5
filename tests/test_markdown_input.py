"""A Markdown article is read as the text a reader sees: no emphasis, link or image marks."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from summarizer import summarize
from summarizer.cli.main import app
from summarizer.io.markdown import markdown_text

STORY = """# Council approves new budget for schools

*By Jane Reporter*

The city council on Monday approved a budget that adds **$4 million** for schools, after a
[heated debate](https://example.com/debate) that lasted more than six hours.

"We will not cut the school budget this year," said _Ana Ruiz_, the council's chair. "The
roads plan will have to wait."

![The council in session](https://example.com/photo.jpg)

Critics said the plan was rushed. ***Tom Berg***, a member of the opposition, said the vote
"ignored the public" and that the council would regret it.

- The budget passed by six votes to three.
- The next meeting is in May.

| Item | Amount |
|------|--------|
| Schools | $4 million |
"""


def test_markdown_text_drops_the_marks_and_keeps_the_words() -> None:
    text, title = markdown_text(STORY)
    assert title == "Council approves new budget for schools"
    for mark in ("**", "_Ana", "](", "![", "# ", "- The", "|---"):
        assert mark not in text
    assert "adds $4 million for schools, after a heated debate that lasted" in text  # one line
    assert "The council in session" not in text  # an image's alternative text
    assert "\n\nThe budget passed by six votes to three.\n\nThe next meeting is in May." in text
    assert "Schools | $4 million" in text


def test_a_markdown_file_is_summarized_as_its_text(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(path), "--engine", "offline", "-f", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["summary"]["headline"] == "Council approves new budget for schools"
    points = [k["point"] for k in summary["summary"]["key_points"]]
    assert points[0].startswith("The city council on Monday approved a budget that adds $4")
    assert not any("*" in p or "](" in p for p in points)
    speakers = {q["speaker"] for q in summary["quotes"]}
    assert speakers == {"Ana Ruiz", "Tom Berg"}


def test_the_library_reads_markdown_by_its_name() -> None:
    result = summarize(STORY, engine="offline", input_name="story.md")
    assert {q.speaker for q in result.quotes} == {"Ana Ruiz", "Tom Berg"}
    plain = summarize(STORY, engine="offline", input_name="story.txt")  # a .txt: as written
    assert "_Ana Ruiz_" in {q.speaker for q in plain.quotes}
