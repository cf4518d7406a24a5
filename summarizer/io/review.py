"""The review page: one self-contained HTML file per article, and an index for a batch.

The page shows the article as the engines saw it, every quote highlighted in its speaker's
colour and every evidence span underlined, beside the summary, key points, stances, quotes by
speaker and open questions. Selecting an item (click or keyboard focus) highlights its spans
and scrolls to them; hovering a span says which items cite it. Everything comes from the
result's offsets, checked against the article (``article[start:end] == text``) before it is
marked: a span that does not match is reported, never drawn in the wrong place.

Safety: every string from the article or the model is HTML-escaped; the page carries no data
in scripts, loads nothing (a Content-Security-Policy allows only its own inline style and
script, by hash) and works from ``file://``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.io.output import cannot_write
from summarizer.io.render import (
    cue_first,
    reported,
    source_line,
    speaker_groups,
    unsupported_of,
)

PALETTE = 8  # speaker colours c0..c7 in page.css; more speakers reuse them in turn
_STANCE_CLASS = {"supports": "sup", "opposes": "opp", "mixed": "mix", "neutral": "neu"}


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _asset(name: str) -> str:
    return resources.files("summarizer.io").joinpath("review_assets", name).read_text("utf-8")


def _csp(style: str, script: str) -> str:
    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")

    return (
        "default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; "
        f"style-src 'sha256-{digest(style)}'; script-src 'sha256-{digest(script)}'"
    )


def _document(title: str, body: str, script_name: str, kind: str, lang: str = "en") -> str:
    style = _asset("page.css")
    script = _asset(script_name)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_csp(style, script))}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{_e(title)}</title>\n<style>{style}</style>\n</head>\n"
        f'<body class="{kind}">\n{body}\n<script>{script}</script>\n</body>\n</html>\n'
    )


# ---------------------------------------------------------------------------------------------
# One article
# ---------------------------------------------------------------------------------------------


@dataclass
class _Item:
    """Something in the side panel that cites spans of the article."""

    id: str
    label: str
    spans: list[dict[str, Any]]
    quote: int | None = None  # the quote's own index, for quote items
    located: list[tuple[int, int]] = field(default_factory=list)


def _check(article: str | None, items: list[_Item]) -> tuple[str | None, list[str]]:
    """Locate each item's spans in ``article``; a span whose text is not at its offsets is a
    problem. When most spans fail, the text is not the one summarized: it is not shown."""
    if article is None:
        return None, []
    problems, total = [], 0
    for item in items:
        for span in item.spans:
            total += 1
            s, e, text = span.get("start"), span.get("end"), span.get("text")
            if isinstance(s, int) and isinstance(e, int) and _at(article, s, e, text):
                item.located.append((s, e))
                continue
            problems.append(f"{item.label}: the text at [{s}:{e}] is not the one cited")
    if problems and len(problems) * 2 >= total:
        for item in items:
            item.located.clear()
        return None, [
            f"the article text does not match this summary ({len(problems)} of {total} spans "
            "differ): it changed since the summary was made, so it is not shown"
        ]
    return article, problems


def _at(article: str, start: int, end: int, text: object) -> bool:
    return 0 <= start < end <= len(article) and article[start:end] == text


def _items(result: dict[str, Any]) -> list[_Item]:
    quotes = result.get("quotes") or []
    items: list[_Item] = []
    for i, kp in enumerate(result["summary"].get("key_points") or []):
        items.append(_Item(f"kp-{i}", f"Key point {i + 1}", list(kp.get("evidence") or [])))
    for i, st in enumerate(result.get("stances") or []):
        items.append(_Item(f"st-{i}", f"Stance: {st.get('actor')}", list(st.get("evidence") or [])))
    for i, q in enumerate(quotes):
        label = f"Quote {i + 1}: {q.get('speaker')}"
        items.append(_Item(f"q-{i}", label, [q], quote=i))
    for i, at in enumerate(reported(result.get("attributions"), quotes)):
        items.append(_Item(f"at-{i}", f"Reported speech {i + 1}", _attribution_spans(at)))
    for i, oq in enumerate(result.get("open_questions") or []):
        items.append(_Item(f"oq-{i}", f"Open question {i + 1}", list(oq.get("evidence") or [])))
    return items


def _attribution_spans(at: dict[str, Any]) -> list[dict[str, Any]]:
    """The located parts of a reported-speech attribution (content, source, cue), if any."""
    spans = [at[k] for k in ("content", "source", "cue") if isinstance(at.get(k), dict)]
    if not spans and isinstance(at.get("start"), int):
        spans = [at]
    return [s for s in spans if isinstance(s.get("start"), int)]


def _marked_article(article: str, items: list[_Item], colours: dict[int, int]) -> str:
    """The article, escaped, its cited stretches wrapped in ``<span class="m">`` segments that
    say which items cite them (``data-cites``) and where they start (``data-start``)."""
    cuts = {0, len(article)}
    starts: dict[int, list[int]] = {}  # a cut -> the items whose spans begin (or end) there
    ends: dict[int, list[int]] = {}
    for n, item in enumerate(items):
        for s, e in item.located:
            cuts.update((s, e))
            starts.setdefault(s, []).append(n)
            ends.setdefault(e, []).append(n)
    points = sorted(cuts)
    active: dict[int, int] = {}  # item -> how many of its spans cover the current stretch
    out: list[str] = []
    for a, b in pairwise(points):  # one sweep: an article with thousands of spans stays fast
        for n in ends.get(a, ()):
            active[n] -= 1
            if not active[n]:
                del active[n]
        for n in starts.get(a, ()):
            active[n] = active.get(n, 0) + 1
        citing = [items[n] for n in sorted(active)]
        text = _e(article[a:b]).replace("\r", "&#13;")  # a browser would read CR LF as LF
        if not citing:
            out.append(text)
            continue
        classes = ["m"]
        quote = next((it.quote for it in citing if it.quote is not None), None)
        if quote is not None:
            classes += ["q", f"c{colours.get(quote, 0)}"]
        if any(it.quote is None for it in citing):
            classes.append("ev")
        ids = " ".join(it.id for it in citing)
        tip = " · ".join(it.label for it in citing)
        out.append(
            f'<span class="{" ".join(classes)}" data-cites="{ids}" data-start="{a}" '
            f'data-tip="{_e(tip)}">{text}</span>'
        )
    return "".join(out)


def _badge(text: str, cls: str = "") -> str:
    return f'<span class="badge {cls}">{_e(text)}</span>'


def _unsupported_html(item: dict[str, Any]) -> str:
    terms = unsupported_of(item)
    if not terms:
        return ""
    shown = ", ".join(
        f'<span class="term" title="{_e(t.reason)}">{_e(t.shown())}</span>' for t in terms
    )
    return f'<p class="unsup">Not in the article: {shown}</p>'


def _spans_note(item: _Item, with_article: bool, quotes: Sequence[dict[str, Any]]) -> str:
    """Under an item: how many passages it cites; without the article, their words."""
    if item.quote is not None:
        return ""
    if with_article:
        n, missing = len(item.located), len(item.spans) - len(item.located)
        note = f"{n} passage{'s' if n != 1 else ''}" if n else "no passage located"
        if item.id.startswith("at-") and n:
            note = "speaker, cue and what was said marked"
        if missing and n:
            note += f", {missing} not located"
        return f'<p class="cites">▸ {_e(note)}</p><div class="pe">{_words(item, quotes)}</div>'
    return _words(item, quotes)


def _words(item: _Item, quotes: Sequence[dict[str, Any]]) -> str:
    """The words an item cites (on paper, and on screen when the article is not at hand)."""
    parts = []
    for span in item.spans:
        ref = span.get("quote")
        who = ""
        if isinstance(ref, int) and 0 <= ref < len(quotes):
            who = f' <span class="who">({_e(quotes[ref].get("speaker"))})</span>'
        parts.append(f"<blockquote>{_e(span.get('text', ''))}{who}</blockquote>")
    return "".join(parts)


def _li(item: _Item, inner: str, extra_class: str = "") -> str:
    return (
        f'<li class="item {extra_class}" id="{item.id}" tabindex="0" '
        f'data-label="{_e(item.label)}">{inner}</li>'
    )


def page(result: dict[str, Any], article: str | None, *, note: str | None = None) -> str:
    """The review page of one ``ArticleSummary`` (as JSON data) over the text it indexes.

    ``article`` None (not at hand) shows each item's evidence words instead of the article;
    ``note`` says why, at the top."""
    return _page(result, article, note)[0]


def _page(result: dict[str, Any], article: str | None, note: str | None) -> tuple[str, bool]:
    """The page, and whether it shows the article (it does not when the text does not match
    the offsets)."""
    summary = result["summary"]
    quotes: list[dict[str, Any]] = list(result.get("quotes") or [])
    items = _items(result)
    article, problems = _check(article, items)
    by_id = {it.id: it for it in items}
    groups = speaker_groups(quotes)
    colours = {i: n % PALETTE for n, (_, idx) in enumerate(groups) for i in idx}
    with_article = article is not None

    warnings = [str(w) for w in (result.get("run") or {}).get("warnings") or []]
    if note:
        warnings.insert(0, note)
    warnings += problems
    flagged = [it for it in items if unsupported_of(_source_of(result, it))]
    if any("unsupported" in w for w in warnings):  # the run said so already, term by term
        flagged = []
    elif unsupported_of(summary):
        warnings.append("the summary text names things the article does not: see below")
    if flagged:
        warnings.append(
            f"{len(flagged)} item(s) name things the article does not: "
            + ", ".join(it.label for it in flagged)
        )

    head = [f'<header class="top"><p class="kicker">Review · {_e(result.get("input", ""))}</p>']
    head.append(f"<h1>{_e(summary.get('headline', ''))}</h1>")
    head.append(_source_html(result.get("source"), str(summary.get("headline") or "")))
    head.append(_warnings_html(warnings))
    head.append(_run_html(result.get("run") or {}))
    head.append("</header>")

    attributions = reported(result.get("attributions"), result.get("quotes"))
    side: list[str] = ['<nav class="jump" aria-label="Sections">']
    sections = [
        ("s-kp", "Key points", len(summary.get("key_points") or [])),
        ("s-st", "Stances", len(result.get("stances") or [])),
        ("s-q", "Quotes", len(quotes)),
        ("s-at", "Reported speech", len(attributions)),
        ("s-oq", "Questions", len(result.get("open_questions") or [])),
    ]
    if article is not None:
        side.append('<a href="#article-col">Article</a>')
    side += [f'<a href="#{a}">{t} <b>{n}</b></a>' for a, t, n in sections if n or a == "s-kp"]
    side.append("</nav>")
    side.append('<section><h2 id="s-sum">Summary</h2>')
    side.append(f'<p class="sumtext">{_e(summary.get("text", ""))}</p>')
    side.append(_unsupported_html(summary) + "</section>")

    def cites(it: _Item) -> str:
        return _spans_note(it, with_article, quotes)

    def kp_html(it: _Item, kp: dict[str, Any]) -> str:
        return f"<p>{_e(kp.get('point', ''))}</p>{_unsupported_html(kp)}{cites(it)}"

    def st_html(it: _Item, st: dict[str, Any]) -> str:
        label = str(st.get("stance", ""))
        role = f", {_e(st['role'])}" if st.get("role") else ""
        return (
            f'<p class="who"><strong>{_e(st.get("actor", ""))}</strong>{role} '
            f"{_badge(label, 'st ' + _STANCE_CLASS.get(label, ''))}</p>"
            f'<p class="topic">on {_e(st.get("topic", ""))}</p>'
            f"<p>{_e(st.get('position', ''))}</p>{_unsupported_html(st)}{cites(it)}"
        )

    def at_html(it: _Item, at: dict[str, Any]) -> str:
        return _attribution_html(at) + cites(it)

    def oq_html(it: _Item, oq: dict[str, Any]) -> str:
        return (
            f"<p>{_badge(str(oq.get('kind', '')), 'kind')} {_e(oq.get('question', ''))}</p>"
            f'<p class="why">{_e(oq.get("why", ""))}</p>{_unsupported_html(oq)}{cites(it)}'
        )

    side.append(_section("s-kp", "Key points", by_id, "kp", summary.get("key_points"), kp_html))
    side.append(_section("s-st", "Stances", by_id, "st", result.get("stances"), st_html))
    if quotes:
        side.append(
            f'<section><h2 id="s-q">Quotes <small>{len(quotes)} from {len(groups)} '
            f"speaker{'s' if len(groups) != 1 else ''}</small></h2>"
        )
        for n, (speaker, indexes) in enumerate(groups):
            kinds = sorted({str(quotes[i].get("speaker_kind", "")) for i in indexes})
            side.append(
                f'<div class="group"><h3><span class="chip c{n % PALETTE}"></span>'
                f"{_e(speaker)} {''.join(_badge(k) for k in kinds)} "
                f'<span class="count">{len(indexes)}</span></h3><ul class="items">'
            )
            for i in indexes:
                side.append(_quote_li(by_id[f"q-{i}"], quotes[i], colours[i]))
            side.append("</ul></div>")
        side.append("</section>")
    side.append(_section("s-at", "Reported speech", by_id, "at", attributions, at_html))
    side.append(
        _section("s-oq", "Open questions", by_id, "oq", result.get("open_questions"), oq_html)
    )

    if article is not None:
        legend = "".join(
            f'<span class="lg"><span class="chip c{n % PALETTE}"></span>{_e(sp)}</span>'
            for n, (sp, _) in enumerate(groups)
        )
        main = (
            '<article id="article-col"><h2 class="col">Article <small>as the engines saw it; '
            'quotes coloured by speaker, <span class="ev-key">evidence underlined</span>'
            f'</small></h2><p class="legend">{legend}</p>'
            f'<div id="article" class="text">{_marked_article(article, items, colours)}</div>'
            "</article>"
        )
    else:
        main = (
            '<article id="article-col"><h2 class="col">Article</h2><p class="missing">'
            "The article text is not at hand, so nothing can be highlighted; each item shows "
            "the words it cites.</p></article>"
        )
    body = (
        "\n".join(head)
        + f'\n<div class="cols">\n{main}\n<aside id="side">'
        + "\n".join(side)
        + "</aside>\n</div>\n"
        + '<div id="tip" role="tooltip" hidden></div>'
        + '<button id="back" type="button" hidden>↑ back to the item</button>'
        + '<p id="status" class="sr" aria-live="polite"></p>'
    )
    lang = str(result.get("language") or "en")
    title = str(summary.get("headline") or "Review")
    return _document(title, body, "page.js", "review", lang), with_article


def _section(
    anchor: str,
    title: str,
    by_id: dict[str, _Item],
    prefix: str,
    entries: Sequence[dict[str, Any]] | None,
    inner: Callable[[_Item, dict[str, Any]], str],
) -> str:
    """A side-panel section: a list item per entry (numbered for key points)."""
    if not entries and prefix != "kp":
        return ""
    tag = "ol" if prefix == "kp" else "ul"
    rows = "".join(
        _li(by_id[f"{prefix}-{i}"], inner(by_id[f"{prefix}-{i}"], entry))
        for i, entry in enumerate(entries or [])
    )
    return f'<section><h2 id="{anchor}">{title}</h2><{tag} class="items">{rows}</{tag}></section>'


def _source_of(result: dict[str, Any], item: _Item) -> dict[str, Any]:
    kind, _, n = item.id.partition("-")
    lists = {
        "kp": result["summary"].get("key_points") or [],
        "st": result.get("stances") or [],
        "oq": result.get("open_questions") or [],
    }
    return dict(lists[kind][int(n)]) if kind in lists else {}


def _quote_li(item: _Item, q: dict[str, Any], colour: int) -> str:
    match = str(q.get("match", ""))
    meta = (
        f'<p class="meta">{_badge(str(q.get("cue", "")), "cue")}'
        f"{_badge(match, 'match ' + match)}{_badge('found by ' + str(q.get('found_by', '')))}"
        "</p>"
    )
    inner = f'<blockquote class="qt c{colour}">{_e(q.get("text", ""))}</blockquote>{meta}'
    return _li(item, inner, "quote")


def _attribution_html(at: dict[str, Any]) -> str:
    def text_of(value: Any) -> str:
        return str(value.get("text", "")) if isinstance(value, dict) else str(value or "")

    speaker = text_of(at.get("speaker") or at.get("source"))
    content = text_of(at.get("content") or at.get("text"))
    cue = text_of(at.get("cue"))
    kind = at.get("kind")
    who = f"<strong>{_e(speaker)}</strong> {_e(cue)}"
    if cue_first(cue):  # 'According to Reuters'
        who = f"{_e(cue[:1].upper() + cue[1:])} <strong>{_e(speaker)}</strong>"
    return f'<p class="who">{who} {_badge(str(kind)) if kind else ""}</p><p>{_e(content)}</p>'


def _source_html(source: Any, headline: str = "") -> str:
    """The page's facts under the headline; its title only when the headline is not that
    title already (the offline engine's headline is the page's title)."""
    if not isinstance(source, dict) or not any(source.values()):
        return ""
    parts = []
    if source.get("title") and str(source["title"]).split() != headline.split():
        parts.append(f'<span class="title">{_e(source["title"])}</span>')
    line = source_line(source)
    if line:
        parts.append(_e(line))
    if source.get("language"):
        parts.append(_e(f"language: {source['language']}"))
    url = str(source.get("url") or "")
    if url:
        if re.match(r"https?://", url, re.IGNORECASE):
            parts.append(f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(url)}</a>')
        else:
            parts.append(_e(url))
    return f'<p class="source">{" · ".join(parts)}</p>'


def _warnings_html(warnings: Sequence[str]) -> str:
    if not warnings:
        return '<p class="ok">No warnings: every quote and piece of evidence was located.</p>'
    lis = "".join(f"<li>{_e(w)}</li>" for w in warnings)
    return (
        f'<section class="warnings" role="alert"><h2>{len(warnings)} '
        f"warning{'s' if len(warnings) != 1 else ''}</h2><ul>{lis}</ul></section>"
    )


def run_facts(run: dict[str, Any]) -> list[tuple[str, str]]:
    usage = run.get("usage") or {}
    facts = [("engine", str(run.get("engine", "")))]
    if run.get("model"):
        facts.append(("model", f"{run['model']} via {run.get('base_url_host') or '?'}"))
    if run.get("mode"):
        facts.append(("mode", str(run["mode"])))
    facts.append(("calls", str(run.get("attempts", 0))))
    tokens = f"{usage.get('total_tokens', 0):,}"
    if usage.get("total_tokens"):
        prompt, completion = usage.get("prompt_tokens", 0), usage.get("completion_tokens", 0)
        tokens += f" ({prompt:,} in, {completion:,} out)"
    facts.append(("tokens", tokens + (" from cache" if run.get("cached") else "")))
    for key in ("cost", "cost_usd"):
        if run.get(key) is not None:
            facts.append(("cost", f"${float(run[key]):.4f}"))
    facts.append(("time", f"{float(run.get('latency_s', 0)):.2f} s"))
    facts.append(("prompt", str(run.get("prompt_version", ""))))
    return facts


def _run_html(run: dict[str, Any]) -> str:
    facts = "".join(f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in run_facts(run))
    return f'<dl class="run">{facts}</dl>'


# ---------------------------------------------------------------------------------------------
# A batch: the index
# ---------------------------------------------------------------------------------------------


@dataclass
class Entry:
    """One line of a batch: a summary (with its page's file name) or an error record."""

    input: str
    page: str | None = None
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    short: str = ""  # the input without the folder all the batch's inputs share


def _shorten(entries: Sequence[Entry]) -> None:
    paths = [e.input for e in entries]
    common = ""
    if len(paths) > 1 and all("/" in p and "://" not in p for p in paths):
        try:
            common = os.path.commonpath([p.rsplit("/", 1)[0] for p in paths]).rstrip("/") + "/"
        except ValueError:  # absolute and relative paths mixed
            common = ""
    for e in entries:
        e.short = e.input[len(common) :] if common and e.input.startswith(common) else e.input


def index(entries: Sequence[Entry], title: str = "Batch review") -> str:
    """The batch's ``index.html``: a sortable table of its articles and a table of speakers."""
    _shorten(entries)
    done = [e for e in entries if e.result is not None]
    failed = [e for e in entries if e.error is not None]
    tokens = sum(_tokens(e.result) for e in done)
    rows = []
    for n, e in enumerate(entries, 1):
        rows.append(_index_row(n, e))
    head = (
        f'<header class="top"><p class="kicker">Review</p><h1>{_e(title)}</h1>'
        f'<p class="source">{len(entries)} article{"s" if len(entries) != 1 else ""}: '
        f"{len(done)} summarized, {len(failed)} failed; {tokens:,} tokens</p></header>"
    )
    cols = [
        ("#", "num"),
        ("Input", "text"),
        ("Headline", "text"),
        ("Key points", "num"),
        ("Quotes", "num"),
        ("Stances", "num"),
        ("Questions", "num"),
        ("Warnings", "num"),
        ("Failure", "text"),
        ("Tokens", "num"),
    ]
    ths = "".join(
        f'<th scope="col" aria-sort="none"><button type="button" data-col="{i}" '
        f'data-type="{kind}">{_e(name)}</button></th>'
        for i, (name, kind) in enumerate(cols)
    )
    table = (
        '<section class="wide"><h2>Articles <small>click a column to sort</small></h2>'
        f'<div class="scroll"><table id="articles" class="sortable"><thead><tr>{ths}</tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table></div></section>"
    )
    body = head + table + _speakers_table(done)
    return _document(title, f'<main class="index">{body}</main>', "index.js", "index")


def _tokens(result: dict[str, Any] | None) -> int:
    if not result:
        return 0
    return int(((result.get("run") or {}).get("usage") or {}).get("total_tokens") or 0)


def _index_row(n: int, e: Entry) -> str:
    def td(value: object, sort: object = None, cls: str = "") -> str:
        attr = f' data-sort="{_e(sort)}"' if sort is not None else ""
        klass = f' class="{cls}"' if cls else ""
        return f"<td{attr}{klass}>{value}</td>"

    if e.result is None:
        err = e.error or {}
        kind, message = str(err.get("kind", "")), str(err.get("message", ""))
        return (
            '<tr class="failed">'
            + td(n, n)
            + td(_e(e.short), e.input, "input")
            + td("", "")
            + "".join(td("", -1) for _ in range(5))
            + td(f"{_badge(kind, 'err')} {_e(message)}", kind)
            + td("", 0)
            + "</tr>"
        )
    r = e.result
    summary = r["summary"]
    warning_list = (r.get("run") or {}).get("warnings") or []
    warnings = len(warning_list)
    link = f'<a href="{_e(e.page)}">{_e(summary.get("headline", ""))}</a>' if e.page else ""
    site = source_line(r.get("source"))
    if site:
        link += f'<br><small class="site">{_e(site)}</small>'

    counts = [
        len(summary.get("key_points") or []),
        len(r.get("quotes") or []),
        len(r.get("stances") or []),
        len(r.get("open_questions") or []),
    ]
    return (
        "<tr>"
        + td(n, n)
        + td(f'<span title="{_e(e.input)}">{_e(e.short)}</span>', e.input, "input")
        + td(link, summary.get("headline", ""))
        + "".join(td(c, c, "n") for c in counts)
        + td(
            f'<span title="{_e(chr(10).join(map(str, warning_list)))}">{warnings}</span>',
            warnings,
            "n warn" if warnings else "n",
        )
        + td("", "")
        + td(f"{_tokens(r):,}", _tokens(r), "n")
        + "</tr>"
    )


def _speakers_table(done: Iterable[Entry]) -> str:
    speakers: dict[str, dict[str, Any]] = {}
    for e in done:
        assert e.result is not None
        quotes = e.result.get("quotes") or []
        for speaker, indexes in speaker_groups(quotes):
            key = " ".join(speaker.lower().split())
            row = speakers.setdefault(
                key, {"name": speaker, "kinds": set(), "quotes": 0, "where": []}
            )
            row["kinds"].update(str(quotes[i].get("speaker_kind", "")) for i in indexes)
            row["quotes"] += len(indexes)
            row["where"].append((e, f"q-{indexes[0]}", len(indexes)))
    if not speakers:
        return ""
    ordered = sorted(speakers.values(), key=lambda r: (-r["quotes"], r["name"].lower()))
    rows = []
    for row in ordered:
        links = ", ".join(
            (f'<a href="{_e(e.page)}#{anchor}">{_e(e.short)}</a>' if e.page else _e(e.short))
            + (f" ({n})" if n > 1 else "")
            for e, anchor, n in row["where"]
        )
        rows.append(
            f'<tr><td data-sort="{_e(row["name"])}">{_e(row["name"])}</td>'
            f"<td>{' '.join(_badge(k) for k in sorted(row['kinds']))}</td>"
            f'<td class="n" data-sort="{row["quotes"]}">{row["quotes"]}</td>'
            f'<td class="n" data-sort="{len(row["where"])}">{len(row["where"])}</td>'
            f"<td>{links}</td></tr>"
        )
    cols = [("Speaker", "text"), ("Kind", "text"), ("Quotes", "num"), ("Articles", "num")]
    ths = "".join(
        f'<th scope="col" aria-sort="none"><button type="button" data-col="{i}" '
        f'data-type="{kind}">{name}</button></th>'
        for i, (name, kind) in enumerate(cols)
    )
    return (
        '<section class="wide"><h2>Speakers <small>who is quoted, how often, where</small></h2>'
        f'<div class="scroll"><table id="speakers" class="sortable"><thead><tr>{ths}'
        f'<th scope="col">Where</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        "</section>"
    )


def page_name(n: int, input_name: str) -> str:
    """A safe, unique file name for the ``n``-th article's page."""
    stem = re.sub(r"\.(txt|text|md|html?|jsonl?)$", "", input_name.rsplit("/", 1)[-1], flags=re.I)
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.")[:60] or "article"
    return f"{n:04d}-{slug}.html"


# ---------------------------------------------------------------------------------------------
# Writing a batch's pages
# ---------------------------------------------------------------------------------------------

ArticleFor = Callable[[dict[str, Any]], str | None]


@dataclass
class ReportTotals:
    pages: int = 0
    failed: int = 0
    without_article: int = 0
    skipped_lines: int = 0

    def line(self, out_dir: Path) -> str:
        parts = [f"{self.pages:,} page{'s' if self.pages != 1 else ''}"]
        if self.failed:
            parts.append(f"{self.failed:,} failed article(s) listed")
        if self.without_article:
            parts.append(f"{self.without_article:,} without their article text")
        if self.skipped_lines:
            parts.append(f"{self.skipped_lines} unreadable line(s) skipped")
        return f"review: {', '.join(parts)}; open {out_dir / 'index.html'}"


def read_records(path: Path) -> tuple[list[dict[str, Any]], int]:
    """The records of a ``summarizer run`` output (summaries and error records), and how many
    lines were not records (a line torn by a kill, anything else)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    records, skipped = [], 0
    for line in raw.splitlines():
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            skipped += 1
            continue
        ok = isinstance(record, dict) and "input" in record
        if ok and any(isinstance(record.get(k), dict) for k in ("summary", "error")):
            records.append(record)
        else:
            skipped += 1
    if not records and skipped:
        raise InputError(f"{path}: no summary or error records in it (is it summarizer output?)")
    return records, skipped


def write_report(
    records: Sequence[dict[str, Any]],
    out_dir: Path,
    article_for: ArticleFor,
    title: str = "Batch review",
) -> ReportTotals:
    """One page per summary in ``out_dir`` and an ``index.html`` listing them all.

    ``article_for(record)`` gives the text the record's offsets index, or None when it is not
    at hand (it may raise :class:`InputError`, whose message the page shows)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create {out_dir}: {exc.strerror or exc}") from None
    totals = ReportTotals()
    entries = []
    for n, record in enumerate(records, 1):
        name = str(record.get("input", ""))
        if not isinstance(record.get("summary"), dict):
            entries.append(Entry(input=name, error=dict(record.get("error") or {})))
            totals.failed += 1
            continue
        note = None
        try:
            article = article_for(record)
            if article is None:
                note = (
                    f"the article text of {name!r} is not at hand (a run with --include-text "
                    "keeps it in each record)"
                )
        except InputError as exc:
            article, note = None, f"the article text could not be read: {exc}"
        html_text, shown = _page(record, article, note)
        totals.without_article += not shown
        file_name = page_name(n, name)
        _write(out_dir / file_name, html_text)
        entries.append(Entry(input=name, page=file_name, result=record))
        totals.pages += 1
    _write(out_dir / "index.html", index(entries, title=title))
    return totals


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(cannot_write(path, exc)) from None
