"""The review pages in a real browser: headless Chromium driven by Playwright, from file://.

Skipped, with the reason, when Playwright or Chromium is missing (``.ci/run`` installs both:
Debian's ``chromium`` package and the ``playwright`` pip package of the test extra; Playwright
never downloads a browser here). Screenshots of each page at 1280x800 and 390x844 are saved
under ``build/review/`` for a person to look at.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.cli.main import app
from tests.conftest import ROOT, SEED_PATH, fixture_path
from tests.review_inputs import INJECTION

CHROMIUM = os.environ.get("SUMMARIZER_TEST_CHROMIUM") or shutil.which("chromium") or ""
SHOTS = ROOT / "build" / "review"
SIZES = ((1280, 800), (390, 844))
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

_REQUIRED = bool(os.environ.get("SUMMARIZER_REQUIRE_BROWSER"))  # set by .ci/run


def _missing(reason: str) -> None:
    if _REQUIRED:
        pytest.fail(f"SUMMARIZER_REQUIRE_BROWSER is set but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


try:
    from playwright import sync_api
except ImportError:
    _missing("playwright is not installed (pip install -e '.[test]')")
if not CHROMIUM:
    _missing("no Chromium browser installed (apt-get install chromium)")

runner = CliRunner()


def _run(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code in (0, 2), result.stderr
    return result


@pytest.fixture(scope="module")
def browser(site: dict[str, Any]) -> Iterator[Any]:
    """Started after the pages are written: Playwright's sync API holds an event loop, and a
    batch run starts its own."""
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The seed's page (LLM fixture), and a batch of three (one fails) with its index."""
    tmp = tmp_path_factory.mktemp("review")
    seed_html = tmp / "seed.html"
    replay = ("--replay", str(fixture_path("seed_happy_tools")))
    _run("run", str(SEED_PATH), *replay, "-f", "html", "-o", str(seed_html))
    seed_json = json.loads(_run("run", str(SEED_PATH), *replay, "-f", "json").stdout)
    news = tmp / "news"
    news.mkdir()
    shutil.copy(SEED_PATH, news / "seed.txt")
    (news / "injection.txt").write_text(INJECTION, encoding="utf-8")
    (news / "short.txt").write_text("Too short to summarize.", encoding="utf-8")
    batch = tmp / "batch"
    _run("run", str(news), "--engine", "offline", "-f", "html", "-o", str(batch))
    records = {
        Path(r["input"]).name: r
        for r in map(json.loads, (batch / "results.jsonl").read_text().splitlines())
    }
    return {"seed_html": seed_html, "seed": seed_json, "batch": batch, "records": records}


def _page(browser: Any, width: int = 1280, height: int = 800) -> Any:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def _watch(page: Any) -> dict[str, list[str]]:
    """Record what a page does that an inert page never does."""
    seen: dict[str, list[str]] = {"dialogs": [], "requests": [], "errors": []}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    return seen


def _quote_texts(page: Any) -> dict[int, dict[str, Any]]:
    """For each quote id, the start of its first segment and the text of all its segments."""
    result: dict[int, dict[str, Any]] = page.evaluate(
        """() => {
          const out = {};
          for (const m of document.querySelectorAll('#article .m.q')) {
            for (const id of m.dataset.cites.split(' ')) {
              if (!id.startsWith('q-')) continue;
              const n = Number(id.slice(2));
              out[n] = out[n] || {start: Number(m.dataset.start), text: '', bg: ''};
              out[n].text += m.textContent;
              out[n].bg = getComputedStyle(m).backgroundColor;
            }
          }
          return out;
        }"""
    )
    return {int(k): v for k, v in result.items()}


def _screenshots(browser: Any, url: str, name: str, click: str | None = None) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        page = _page(browser, width, height)
        page.goto(url)
        if click:
            page.click(click)
            page.wait_for_timeout(700)  # the smooth scroll
        path = SHOTS / f"{name}-{width}x{height}.png"
        page.screenshot(path=str(path))
        assert path.stat().st_size > 10_000
        page.context.close()


def test_seed_page_every_quote_highlighted_at_its_offsets(
    browser: Any, site: dict[str, Any], seed: str
) -> None:
    page = _page(browser)
    seen = _watch(page)
    page.goto(site["seed_html"].as_uri())
    assert page.eval_on_selector("#article", "e => e.textContent") == seed
    found = _quote_texts(page)
    quotes = site["seed"]["quotes"]
    assert sorted(found) == list(range(len(quotes)))
    for i, q in enumerate(quotes):
        assert found[i]["start"] == q["start"]
        assert found[i]["text"] == seed[q["start"] : q["end"]] == q["text"]
        assert found[i]["bg"] not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted
    assert seen == {"dialogs": [], "requests": [site["seed_html"].as_uri()], "errors": []}
    page.context.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_clicking_a_key_point_highlights_and_scrolls_to_its_evidence(
    browser: Any, site: dict[str, Any], seed: str, size: tuple[int, int]
) -> None:
    page = _page(browser, *size)
    page.goto(site["seed_html"].as_uri())
    kps = site["seed"]["summary"]["key_points"]
    last = len(kps) - 1  # the last one's evidence is far down the article
    marks = page.locator(f'#article .m[data-cites~="kp-{last}"]')
    sync_api.expect(marks.first).not_to_be_in_viewport()
    page.click(f"#kp-{last}")
    sync_api.expect(page.locator(f"#kp-{last}")).to_have_class("item on")
    sync_api.expect(marks.first).to_be_in_viewport()
    on = page.eval_on_selector_all("#article .m.on", "ms => ms.map(m => m.textContent).join('')")
    assert on == "".join(e["text"] for e in kps[last]["evidence"])
    for e in kps[last]["evidence"]:
        assert seed[e["start"] : e["end"]] == e["text"]
    # the highlight is visible: a different background from an unselected mark
    assert (
        page.eval_on_selector("#article .m.on", "m => getComputedStyle(m).backgroundColor")
        == "rgb(253, 224, 71)"
    )
    page.context.close()


def test_keyboard_focus_selects_an_item_and_hover_says_who_cites_a_span(
    browser: Any, site: dict[str, Any]
) -> None:
    page = _page(browser)
    page.goto(site["seed_html"].as_uri())
    page.focus("#oq-0")
    sync_api.expect(page.locator("#oq-0")).to_have_class("item on")
    n = len(site["seed"]["open_questions"][0]["evidence"])
    sync_api.expect(page.locator('#article .m.on[data-cites~="oq-0"]')).to_have_count(n)
    page.keyboard.press("Escape")
    sync_api.expect(page.locator("#article .m.on")).to_have_count(0)
    # hover the first quote: the tooltip names the quote and the stance that cites it
    first = page.locator('#article .m[data-cites~="q-1"]').first
    first.hover()
    tip = page.locator("#tip")
    sync_api.expect(tip).to_be_visible()
    sync_api.expect(tip).to_contain_text("Quote 2: Donald Trump")
    sync_api.expect(page.locator("#q-1")).to_have_class("item quote cited")
    page.context.close()


def test_injection_page_is_inert(browser: Any, site: dict[str, Any]) -> None:
    record = site["records"]["injection.txt"]
    url = next(site["batch"].glob("*-injection.html")).as_uri()
    page = _page(browser)
    seen = _watch(page)
    page.goto(url)
    page.wait_for_timeout(300)
    assert page.eval_on_selector("#article", "e => e.textContent") == INJECTION
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => document.scripts.length") == 1
    assert page.locator("img, iframe, link, object, embed").count() == 0
    assert page.locator("body").is_visible()  # the injected style did not hide it
    for i, q in enumerate(record["quotes"]):
        assert _quote_texts(page)[i]["text"] == q["text"] == INJECTION[q["start"] : q["end"]]
    page.click("#q-0")
    page.locator("#article .m.on").first.hover()
    assert seen == {"dialogs": [], "requests": [url], "errors": []}
    page.context.close()


def test_batch_index_sorts_lists_failures_and_links_to_pages(
    browser: Any, site: dict[str, Any]
) -> None:
    page = _page(browser)
    seen = _watch(page)
    page.goto((site["batch"] / "index.html").as_uri())
    rows = page.locator("#articles tbody tr")
    sync_api.expect(rows).to_have_count(3)
    sync_api.expect(page.locator("#articles tr.failed")).to_contain_text("input")

    def column(n: int) -> list[str]:
        texts: list[str] = page.eval_on_selector_all(
            "#articles tbody tr", f"rs => rs.map(r => r.cells[{n}].textContent)"
        )
        return texts

    quotes = {name: len(r.get("quotes") or []) for name, r in site["records"].items()}
    page.click("#articles th:nth-child(5) button")  # Quotes, ascending
    page.click("#articles th:nth-child(5) button")  # descending
    assert page.get_attribute("#articles th:nth-child(5)", "aria-sort") == "descending"
    assert column(4)[0] == str(max(quotes.values()))
    sync_api.expect(page.locator("#speakers")).to_contain_text("Donald Trump")
    page.click("#articles a:has-text('Donald Trump')")
    page.wait_for_url("**/*-seed.html")
    page.click("#kp-0")
    sync_api.expect(page.locator('#article .m.on[data-cites~="kp-0"]').first).to_be_in_viewport()
    assert seen["dialogs"] == [] and seen["errors"] == []
    assert all(u.startswith("file://") for u in seen["requests"])
    page.context.close()


def test_screenshots_for_a_person_to_look_at(browser: Any, site: dict[str, Any]) -> None:
    _screenshots(browser, site["seed_html"].as_uri(), "seed", click="#st-0")
    _screenshots(browser, (site["batch"] / "index.html").as_uri(), "index")
    _screenshots(browser, next(site["batch"].glob("*-injection.html")).as_uri(), "injection")
    assert len(list(SHOTS.glob("*.png"))) >= 6
