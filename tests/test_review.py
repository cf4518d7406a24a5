"""The review page, the batch report and the readable formats, without a browser.

The page is parsed with the standard library's HTML parser, which reads it as a browser's
tokenizer does: what it finds as tags is what a browser would build.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer import ArticleSummary
from summarizer.cli.main import app
from summarizer.io.render import render, to_markdown, to_text
from summarizer.io.review import page, page_name
from tests.conftest import SEED_PATH, fixture_path
from tests.review_inputs import INJECTION

runner = CliRunner()


class _Page(HTMLParser):
    """Tags, the text inside ``#article``, and the quote segments' text by quote."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.depth = 0  # > 0 inside #article
        self.article: list[str] = []
        self.cites: list[str] = []  # the data-cites of the open segments
        self.segments: list[tuple[int, str, str]] = []  # (start, cites, text)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in ("script", "style"):
            self._in = tag
        if self.depth:
            self.depth += 1
            if "data-cites" in a:
                self.cites.append(f"{a['data-start']}|{a['data-cites']}")
        elif a.get("id") == "article":
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        self._in = None
        if self.depth:
            self.depth -= 1
            if self.cites and self.depth >= 1:
                self.cites.pop()

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "style":
            self.styles.append(data)
        if self.depth:
            self.article.append(data)
            if self.cites:
                start, cites = self.cites[-1].split("|", 1)
                self.segments.append((int(start), cites, data))


def parse(html_text: str) -> _Page:
    p = _Page()
    p.feed(html_text)
    p.close()
    return p


def _run(*args: str) -> Any:
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def seed_result() -> dict[str, Any]:
    result = _run(
        "run", str(SEED_PATH), "--replay", str(fixture_path("seed_happy_tools")), "-f", "json"
    )
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _quote_spans(p: _Page, i: int) -> tuple[int, str]:
    mine = [(s, t) for s, c, t in p.segments if f"q-{i}" in c.split()]
    return mine[0][0], "".join(t for _, t in mine)


def test_the_page_shows_the_article_whole_with_each_quote_at_its_offsets(
    seed: str, seed_result: dict[str, Any]
) -> None:
    p = parse(page(seed_result, seed))
    assert "".join(p.article) == seed  # the article as the engines saw it, every character
    for i, q in enumerate(seed_result["quotes"]):
        start, text = _quote_spans(p, i)
        assert (start, text) == (q["start"], seed[q["start"] : q["end"]])
    cited = {c for _, cites, _ in p.segments for c in cites.split()}
    kps = seed_result["summary"]["key_points"]
    assert {f"kp-{i}" for i in range(len(kps))} <= cited
    items = {a.get("id") for tag, a in p.tags if "item" in (a.get("class") or "").split()}
    assert {f"q-{i}" for i in range(len(seed_result["quotes"]))} <= items
    assert {f"oq-{i}" for i in range(len(seed_result["open_questions"]))} <= items


def test_the_page_is_self_contained_and_allows_only_its_own_style_and_script(
    seed: str, seed_result: dict[str, Any]
) -> None:
    html_text = page(seed_result, seed)
    p = parse(html_text)
    csp = next(a["content"] for t, a in p.tags if a.get("http-equiv") == "Content-Security-Policy")
    assert csp is not None and "default-src 'none'" in csp
    for body, kind in ((p.scripts, "script"), (p.styles, "style")):
        (only,) = body
        digest = base64.b64encode(hashlib.sha256(only.encode()).digest()).decode()
        assert f"{kind}-src 'sha256-{digest}'" in csp
    for tag, attrs in p.tags:
        assert tag not in ("img", "iframe", "link", "object", "embed")
        assert not (tag == "script" and attrs.get("src"))
        assert not any(k.startswith("on") or k == "style" for k in attrs)


def test_injection_attempts_in_the_article_and_the_output_stay_text(tmp_path: Path) -> None:
    article = tmp_path / "injection.txt"
    article.write_text(INJECTION, encoding="utf-8")
    out = tmp_path / "injection.html"
    result = _run("run", str(article), "--engine", "offline", "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    html_text = out.read_text(encoding="utf-8")
    p = parse(html_text)
    assert "".join(p.article) == INJECTION  # all of it is text, shown as written
    assert [t for t, _ in p.tags].count("script") == 1  # ours
    assert [t for t, _ in p.tags].count("style") == 1
    assert not any(t in ("img", "iframe", "link") for t, _ in p.tags)
    assert not any(k.startswith("on") for _, attrs in p.tags for k in attrs)
    assert "<script>window.__pwned" not in html_text
    assert "&lt;script&gt;window.__pwned" in html_text


def test_a_summary_field_with_markup_is_escaped_everywhere(seed: str) -> None:
    data = json.loads(
        _run(
            "run", str(SEED_PATH), "--replay", str(fixture_path("seed_happy_tools")), "-f", "json"
        ).stdout
    )
    evil = '"><img src=x onerror=alert(1)><script>alert(2)</script>'
    data["summary"]["headline"] = evil
    data["quotes"][0]["speaker"] = evil
    data["stances"][0]["actor"] = evil
    data["run"]["warnings"] = [evil]
    data["source"] = {"title": evil, "authors": [evil], "url": "javascript:alert(3)"}
    data["language"] = evil
    p = parse(page(data, seed))
    assert [t for t, _ in p.tags].count("script") == 1
    assert not any(t == "img" for t, _ in p.tags)
    assert not any(a.get("href", "").startswith("javascript") for _, a in p.tags if a.get("href"))


def test_an_article_that_does_not_match_the_offsets_is_not_shown(
    seed: str, seed_result: dict[str, Any]
) -> None:
    html_text = page(seed_result, "Something else entirely. " * 100)
    assert 'id="article"' not in html_text
    assert "does not match this summary" in html_text
    p = parse(html_text)
    assert not p.segments
    # without the article, each item shows the words it cites
    assert seed_result["summary"]["key_points"][0]["evidence"][0]["text"] in html_text


def test_fields_other_helpers_add_are_shown_when_present(
    seed: str, seed_result: dict[str, Any]
) -> None:
    data = json.loads(json.dumps(seed_result))
    data["source"] = {
        "title": "Trump: Ukraine needs Patriots",
        "authors": ["A. Writer"],
        "published": "2025-07-04",
        "site": "Example News",
        "url": "https://news.example/a",
        "language": "en",
    }
    point = data["summary"]["key_points"][0]["point"] = "Trump spoke to Zelensky from Ohio."
    ohio = {
        "field": "point",
        "kind": "name",
        "term": "Ohio",
        "start": point.index("Ohio"),
        "end": point.index("Ohio") + 4,
        "reason": "no such name in the article",
    }
    data["summary"]["key_points"][0]["unsupported"] = [ohio]
    content = "he and Trump had agreed to strengthen Ukraine’s air defences"
    at = seed.index(content)
    data["attributions"] = [
        {
            "kind": "indirect",
            "speaker": "Zelensky",
            "content": {"text": content, "start": at, "end": at + len(content)},
        }
    ]
    html_text = page(data, seed)
    assert "Example News · by A. Writer · 2025-07-04" in html_text
    assert 'href="https://news.example/a"' in html_text
    assert '<span class="title">Trump: Ukraine needs Patriots</span>' in html_text
    # the page's title is not said twice when it is the headline (the offline engine's)
    same = json.loads(json.dumps(data))
    same["summary"]["headline"] = "Trump:  Ukraine needs Patriots"
    same_html = page(same, seed)
    assert "<h1>Trump:  Ukraine needs Patriots</h1>" in same_html
    assert '<span class="title">' not in same_html
    assert "Example News · by A. Writer · 2025-07-04" in same_html
    assert "Not in the article: " in html_text and "“Ohio” (name)" in html_text
    result = ArticleSummary.model_validate({k: v for k, v in data.items() if k != "attributions"})
    assert "not in the article: “Ohio” (name)" in to_text(result, seed)
    assert "**not in the article:** “Ohio” (name)" in to_markdown(result, seed)
    assert "name things the article does not" in html_text  # a warning at the top
    p = parse(html_text)
    cited = "".join(t for _, c, t in p.segments if "at-0" in c.split())
    assert cited == content
    assert "Reported speech" in html_text


def test_report_writes_a_page_per_summary_and_an_index_with_failures(
    tmp_path: Path, seed: str
) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "seed.txt").write_text(seed, encoding="utf-8")
    (news / "short.txt").write_text("Too short.", encoding="utf-8")
    records = [
        {"id": "jsonl-1", "text": INJECTION},
    ]
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = _run("run", str(news), "--jsonl", str(jsonl), "--engine", "offline", "-o", str(out))
    assert result.exit_code == 2  # the short article is an input error
    report_dir = tmp_path / "review"
    result = _run("report", str(out), "-o", str(report_dir), "--jsonl", str(jsonl))
    assert result.exit_code == 0, result.stderr
    assert "2 pages, 1 failed article(s) listed" in result.stderr
    index_html = (report_dir / "index.html").read_text(encoding="utf-8")
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    pages = sorted(p.name for p in report_dir.glob("0*.html"))
    assert len(pages) == 2
    for name in pages:
        assert f'href="{name}"' in index_html
        p = parse((report_dir / name).read_text(encoding="utf-8"))
        assert "".join(p.article) in (seed, INJECTION)  # both texts found again
    failed = next(r for r in lines if "error" in r)
    assert 'tr class="failed"' in index_html and failed["error"]["kind"] in index_html
    assert "Speakers" in index_html and "Donald Trump" in index_html
    assert "<title>Review of out.jsonl</title>" in index_html  # the results read, not 'review'

    # without the --jsonl file, that record's page says its text is not at hand
    again = _run("report", str(out), "-o", str(tmp_path / "review2"))
    assert again.exit_code == 0 and "1 without their article text" in again.stderr


def test_run_html_to_a_folder_writes_results_pages_and_index(tmp_path: Path, seed: str) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(seed, encoding="utf-8")
    (news / "b.txt").write_text(INJECTION, encoding="utf-8")
    out = tmp_path / "site"
    result = _run("run", str(news), "--engine", "offline", "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "0001-a.html",
        "0002-b.html",
        "index.html",
        "results.jsonl",
    ]
    assert "review: 2 pages" in result.stderr
    index_html = (out / "index.html").read_text(encoding="utf-8")
    assert f"<title>Review of {news}</title>" in index_html  # what was summarized, not 'site'
    # the records are there to resume from
    again = _run("run", str(news), "--engine", "offline", "-f", "html", "-o", str(out), "--resume")
    assert again.exit_code == 0, again.stderr
    assert "2 already done" in again.stderr


def test_report_refuses_a_file_that_is_not_output(tmp_path: Path) -> None:
    bad = tmp_path / "x.jsonl"
    bad.write_text("hello\n{}\n", encoding="utf-8")
    result = _run("report", str(bad), "-o", str(tmp_path / "r"))
    assert result.exit_code == 2
    assert result.stderr.startswith("summarizer: error: ")
    assert "no summary or error" in result.stderr
    missing = _run("report", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "r"))
    assert missing.exit_code == 2 and "cannot read" in missing.stderr


def test_page_names_are_safe_and_unique() -> None:
    assert page_name(3, "news/a b/<x>.html") == "0003-x.html"
    assert page_name(12, "../../etc/passwd") == "0012-passwd.html"
    assert page_name(1, "") == "0001-article.html"


# ---------------------------------------------------------------------------------------------
# Markdown and text: readable, no bare offsets
# ---------------------------------------------------------------------------------------------


def test_markdown_shows_quotes_in_their_sentence_and_evidence_words(
    seed: str, seed_result: dict[str, Any]
) -> None:
    result = ArticleSummary.model_validate(seed_result)
    md = to_markdown(result, seed)
    assert not re.search(r"\[\d+:\d+\]", md)  # offsets stay in the JSON
    context = "Speaking aboard Air Force One, Trump described the call with Zelensky as “**good**”"
    assert f"  > {context}" in md
    assert "### Donald Trump (named)" in md
    kp_evidence = result.summary.key_points[1].evidence[0].text
    assert f"  > {kp_evidence}" in md


def test_markdown_escapes_what_would_be_markup() -> None:
    data = json.loads(
        _run("run", str(SEED_PATH), "--replay", str(fixture_path("seed_happy_tools"))).stdout
    )
    data["summary"]["headline"] = "<script>x</script> *bold* [link](http://x)"
    md = to_markdown(ArticleSummary.model_validate(data))
    assert "# \\<script\\>x\\</script\\> \\*bold\\* \\[link\\](http://x)" in md


def test_text_wraps_to_the_width_without_breaking_words(
    seed: str, seed_result: dict[str, Any]
) -> None:
    result = ArticleSummary.model_validate(seed_result)
    for width in (60, 80, 160):
        text = to_text(result, seed, width=width)
        lines = text.splitlines()
        assert max(len(line) for line in lines) <= width
        assert "\x1b[" not in text
        joined = " ".join(line.strip() for line in lines)
        assert result.summary.text in joined
    wide = to_text(result, seed, width=160).splitlines()
    assert max(len(line) for line in wide) > 100  # it uses the width it has


def test_text_colour_only_when_asked(seed: str, seed_result: dict[str, Any]) -> None:
    result = ArticleSummary.model_validate(seed_result)
    coloured = to_text(result, seed, width=100, color=True)
    assert "\x1b[1m" in coloured
    plain = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    assert plain == to_text(result, seed, width=100)  # colour adds nothing but styles
    assert "• “very good” [told Reuters · exact · llm]" in plain  # each quote with its speaker
    assert "A source familiar with the Trump-Zelensky call (anonymous)" in plain


def test_render_html_needs_nothing_but_the_result(seed_result: dict[str, Any]) -> None:
    result = ArticleSummary.model_validate(seed_result)
    html_text = render(result, "html")
    assert "The article text is not at hand" in html_text


def test_html_for_a_batch_without_a_folder_says_how(tmp_path: Path, seed: str) -> None:
    (tmp_path / "a.txt").write_text(seed, encoding="utf-8")
    (tmp_path / "b.txt").write_text(seed, encoding="utf-8")
    result = _run("run", str(tmp_path), "--engine", "offline", "-f", "html")
    assert result.exit_code == 2
    assert result.stderr.startswith("summarizer: error: ") and "-o DIR" in result.stderr
    one = _run("run", str(tmp_path / "a.txt"), "--engine", "offline", "-f", "html")
    assert one.exit_code == 0 and one.stdout.startswith("<!DOCTYPE html>")


_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Bridge vote | Town News</title>
<meta property="og:site_name" content="Town News"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council approves the bridge</h1>
<p>The mayor said “we will build the bridge next year, whatever it costs” on Monday at the
council meeting, after a long debate about the budget.</p>
<p>Critics disagreed, calling the plan “a waste of money and time for everyone” in a statement
released by the opposition group later that evening.</p>
<p>The council will meet again next month to discuss the schedule and the contractors.</p>
</article><footer>Copyright Town News</footer></body></html>
"""


def test_a_web_page_is_shown_as_the_text_its_offsets_index(tmp_path: Path) -> None:
    page_file = tmp_path / "bridge.html"
    page_file.write_text(_PAGE, encoding="utf-8")
    as_json = _run("run", str(page_file), "--engine", "offline", "-f", "json", "--include-text")
    assert as_json.exit_code == 0, as_json.stderr
    data = json.loads(as_json.stdout)
    assert data["quotes"] and "<p>" not in data["text"]
    out = tmp_path / "bridge-review.html"
    result = _run("run", str(page_file), "--engine", "offline", "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    p = parse(out.read_text(encoding="utf-8"))
    assert "".join(p.article) == data["text"]  # the extracted text, not the markup
    for i, q in enumerate(data["quotes"]):
        assert _quote_spans(p, i) == (q["start"], q["text"])
    # a report reads the page again and extracts the same text
    records = tmp_path / "out.jsonl"
    records.write_text(json.dumps({k: v for k, v in data.items() if k != "text"}) + "\n")
    report = _run("report", str(records), "-o", str(tmp_path / "r"))
    assert report.exit_code == 0 and "without their article text" not in report.stderr
    (page_html,) = (tmp_path / "r").glob("0001-*.html")
    assert "".join(parse(page_html.read_text(encoding="utf-8")).article) == data["text"]


def test_markdown_evidence_stays_inside_its_list_item(
    seed: str, seed_result: dict[str, Any]
) -> None:
    """Rendered by a CommonMark parser, every evidence blockquote and "not in the article" line
    is inside the item (key point, stance, question, quote) it belongs to, and the key points
    are one numbered list."""
    from markdown_it import MarkdownIt

    data = json.loads(json.dumps(seed_result))
    point = data["summary"]["key_points"][0]["point"] = "Trump spoke to Zelensky from Ohio."
    at = point.index("Ohio")
    flagged = {"field": "point", "kind": "name", "term": "Ohio", "start": at, "end": at + 4}
    data["summary"]["key_points"][0]["unsupported"] = [{**flagged, "reason": "not named"}]
    result = ArticleSummary.model_validate(data)
    depth, placed = 0, []  # (token type, inside how many list items)
    for token in MarkdownIt("commonmark").parse(to_markdown(result, seed)):
        depth += {"list_item_open": 1, "list_item_close": -1}.get(token.type, 0)
        placed.append((token.type, depth))
    spans = [e for kp in result.summary.key_points for e in kp.evidence]
    spans += [e for st in result.stances for e in st.evidence]
    spans += [e for oq in result.open_questions for e in oq.evidence]
    quotes = [d for t, d in placed if t == "blockquote_open"]
    assert len(quotes) >= len(spans) > 0 and all(quotes)  # none outside an item
    assert [t for t, _ in placed].count("ordered_list_open") == 1  # not a list per key point
    assert ("bullet_list_open", 1) in placed  # "not in the article" under its key point


def test_a_long_article_with_thousands_of_spans_renders_in_linear_time() -> None:
    """Each stretch of the article used to be checked against every item's spans: a 230 KB
    article with 2,000 quotes and attributions took 15 s of CPU for its page."""
    import time

    sentence = "“We will fix bridge {i} this year,” Mayor Ana Ruiz said on Tuesday. "
    article, quotes = "", []
    for i in range(3000):
        start = len(article) + 1
        article += sentence.format(i=i)
        end = article.index("”", start)
        quotes.append({"text": article[start:end], "start": start, "end": end,
                       "speaker": "Ana Ruiz", "speaker_kind": "named", "cue": "said",
                       "match": "exact", "found_by": "offline"})  # fmt: skip
    result = {"input": "long.txt", "summary": {"headline": "Bridges", "text": "Bridges.",
              "key_points": [{"point": "All of it.", "evidence": [
                  {"text": article[:-1], "start": 0, "end": len(article) - 1}]}]},
              "quotes": quotes, "run": {"engine": "offline", "warnings": []}}  # fmt: skip
    started = time.process_time()
    html = page(result, article)
    assert time.process_time() - started < 3.0  # was about 12 s on the development machine
    assert html.count('data-cites="kp-0 q-') == 3000  # every quote, inside the key point


def test_reported_speech_lists_a_direct_attribution_that_no_quote_shows() -> None:
    from summarizer import summarize
    from summarizer.io.render import reported, to_markdown

    text = (
        "The vote was held.\n\n''The levee will not hold,'' said Ada Quill, an engineer.\n\n"
        "“We will rebuild,” said Tom Hale."
    )
    result = summarize(text, engine="offline")
    assert [q.speaker for q in result.quotes] == ["Tom Hale"]
    listed = reported(result.attributions, result.quotes)
    assert [(a.speaker, a.kind) for a in listed] == [("Ada Quill", "direct")]
    assert "Ada Quill said: The levee will not hold (direct)" in to_markdown(result)


def test_an_act_is_labelled_as_one_among_reported_speech() -> None:
    from summarizer import summarize
    from summarizer.io.render import to_markdown

    text = (
        "The council met on Monday.\n\nMayor Ana Ruiz vetoed the levee budget on Tuesday.\n\n"
        "“We cannot afford it,” Ruiz said."
    )
    result = summarize(text, engine="offline")
    assert [a.rule for a in result.attributions if a.kind != "direct"] == ["subject_act"]
    assert "Ana Ruiz vetoed: the levee budget on Tuesday (act)" in to_markdown(result)


def test_according_to_reads_before_its_source_among_reported_speech() -> None:
    from summarizer import summarize
    from summarizer.io.render import to_markdown, to_text

    text = (
        "The plant closed in March.\n\nAccording to the union, the owners had planned the "
        "closure for a year.\n\n“We were not told,” said Ada Quill, a welder."
    )
    result = summarize(text, engine="offline")
    line = "According to the union: the owners had planned the closure for a year (indirect)"
    assert line in to_markdown(result)
    assert line in to_text(result, text, width=200)
    assert "According to <strong>the union</strong>" in page(result.model_dump(), text)


def test_text_view_does_not_double_the_marks_of_a_whole_quotation() -> None:
    from summarizer import summarize

    article = (
        "Bridge repairs\n\nThe city will close the river bridge for repairs. A city spokesperson "
        "said in a statement that “the bridge will reopen in May and the work will cost less "
        "than planned.” Mayor Ana Ruiz said on Monday that the repairs were overdue."
    )
    text = to_text(summarize(article, engine="offline"), article)
    assert "▸ “the bridge will reopen in May" in text, text  # the stance's evidence, marked once
    assert "▸ ““" not in text, text
    assert "▸ “the repairs were overdue”" in text  # evidence without marks gets them


def test_text_view_nests_the_marks_of_evidence_that_ends_in_a_quotation() -> None:
    from summarizer.io.render import _in_marks

    said = "Ana Ruiz said: “We will rebuild.”"
    assert _in_marks(said) == f"‘{said}’"  # not “Ana Ruiz said: “We will rebuild.””
    opens = "“We will rebuild,” Ana Ruiz said."
    assert _in_marks(opens) == f"‘{opens}’"
    assert _in_marks("“We will rebuild.”") == "“We will rebuild.”"
    assert _in_marks("the repairs were overdue") == "“the repairs were overdue”"
