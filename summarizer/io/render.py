"""Turn an ``ArticleSummary`` into JSON, Markdown, text for a terminal, or the HTML review page.

Markdown and text are for reading: each quote is shown in its sentence (when the article is
at hand) and each piece of evidence by its words; the offsets stay in the JSON. Text is
wrapped to a width and styled (bold, colour) only when asked, which the command line does on a
terminal that does not set ``NO_COLOR``.
"""

from __future__ import annotations

import os
import re
import shutil
import textwrap
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from summarizer.schema import ArticleSummary
from summarizer.text.sentences import sentences

FORMATS = ("json", "markdown", "text", "html")
CONTEXT_CHARS = 160  # at most this much of the sentence on each side of a quote


def to_json(result: ArticleSummary, *, indent: int | None = 2) -> str:
    return result.model_dump_json(indent=indent)


# ---------------------------------------------------------------------------------------------
# What the human formats share: a quote in its sentence, quotes grouped by speaker
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InContext:
    """A quote in its sentence: ``before + quote + after`` is a stretch of the article."""

    before: str
    quote: str
    after: str


class Contexts:
    """Finds the sentence around a span of one article (sentences split once)."""

    def __init__(self, article: str | None) -> None:
        self.article = article
        self._sents = sentences(article) if article else []
        self._starts = [s for s, _ in self._sents]

    def around(self, start: int, end: int, text: str) -> InContext:
        a = self.article
        if a is None or not self._sents or not (0 <= start < end <= len(a)) or a[start:end] != text:
            return InContext("", text, "")
        first = self._sents[max(0, bisect_right(self._starts, start) - 1)]
        last = self._sents[max(0, bisect_right(self._starts, max(start, end - 1)) - 1)]
        lo, hi = min(first[0], start), max(last[1], end)
        before, after = a[lo:start], a[end:hi]
        if len(before) > CONTEXT_CHARS:
            before = "…" + before[-CONTEXT_CHARS:].split(" ", 1)[-1]
        if len(after) > CONTEXT_CHARS:
            after = after[:CONTEXT_CHARS].rsplit(" ", 1)[0] + "…"
        return InContext(_flat(before), a[start:end], _flat(after))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def speaker_groups(quotes: Sequence[Any]) -> list[tuple[str, list[int]]]:
    """Quote indexes grouped by speaker (case and spacing ignored), most quoted first."""
    groups: dict[str, tuple[str, list[int]]] = {}
    for i, q in enumerate(quotes):
        speaker = q["speaker"] if isinstance(q, dict) else q.speaker
        key = " ".join(speaker.lower().split())
        groups.setdefault(key, (speaker, []))[1].append(i)
    return sorted(groups.values(), key=lambda g: (-len(g[1]), g[1][0]))


@dataclass(frozen=True)
class Unsupported:
    """A term of the model's own wording that the article does not support."""

    term: str
    kind: str = ""
    field: str = ""
    reason: str = ""

    def shown(self) -> str:
        where = f"{self.field}: " if self.field in ("headline", "text") else ""
        return f"{where}“{self.term}”" + (f" ({self.kind})" if self.kind else "")


def unsupported_of(item: Any) -> list[Unsupported]:
    """The terms an item's support check flagged (``unsupported``), if any."""
    if isinstance(item, dict):
        value = item.get("unsupported")
    else:
        value = getattr(item, "unsupported", None)
    out = []
    for v in value or []:
        d = v if isinstance(v, dict) else v.model_dump() if hasattr(v, "model_dump") else None
        if d is None:
            out.append(Unsupported(str(v)))
        else:
            out.append(
                Unsupported(
                    str(d.get("term", "")),
                    str(d.get("kind") or ""),
                    str(d.get("field") or ""),
                    str(d.get("reason") or ""),
                )
            )
    return out


def reported(attributions: Any, quotes: Any = ()) -> list[Any]:
    """The attributions that are not among ``quotes`` (indirect or mixed reported speech, and a
    direct one no quote covers: a quotation in double apostrophes, ''…'')."""
    spans = [_span_of(q) for q in quotes or []]
    out = []
    for at in attributions or []:
        kind = at.get("kind") if isinstance(at, dict) else getattr(at, "kind", None)
        if kind == "direct":
            content = at.get("content") if isinstance(at, dict) else getattr(at, "content", None)
            start, end = _span_of(content)
            if any(s < end and start < e for s, e in spans):
                continue  # shown as a quote
        out.append(at)
    return out


def _span_of(item: Any) -> tuple[int, int]:
    """(start, end) of a quote or a located span, as a model or as its JSON (-1, -1: none)."""
    if isinstance(item, dict):
        start, end = item.get("start"), item.get("end")
    else:
        start, end = getattr(item, "start", None), getattr(item, "end", None)
    return (start, end) if isinstance(start, int) and isinstance(end, int) else (-1, -1)


def source_line(source: Any) -> str:
    """``site · by A, B · published`` from a ``source`` block (missing parts left out)."""
    if not source:
        return ""
    s = source if isinstance(source, dict) else source.model_dump()
    authors = s.get("authors") or []
    parts = [
        str(s.get("site") or ""),
        ("by " + ", ".join(str(a) for a in authors)) if authors else "",
        str(s.get("published") or ""),
    ]
    return " · ".join(p for p in parts if p)


def _extra(result: ArticleSummary, name: str) -> Any:
    """A field another part of the project may add (``source``, ``attributions``)."""
    return getattr(result, name, None)


# ---------------------------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    """Article and model text as literal Markdown (no emphasis, links or HTML from it)."""
    return _MD_SPECIAL.sub(r"\\\1", _flat(text))


def _md_evidence(spans: Iterable[Any], quotes: Sequence[Any], indent: str = "  ") -> list[str]:
    """Blockquotes under a list item, indented to its content (``1. `` takes 3 spaces, ``- ``
    2), so that CommonMark keeps them inside the item."""
    lines = []
    for e in spans:
        ref = getattr(e, "quote", None)
        note = ""
        if ref is not None and 0 <= ref < len(quotes):
            note = f" *(quote of {_md(quotes[ref].speaker)})*"
        lines.append(f"{indent}> {_md(e.text)}{note}")
    return lines


def _md_unsupported(item: Any, indent: str = "  ") -> list[str]:
    terms = unsupported_of(item)
    if not terms:
        return []
    return [f"{indent}- **not in the article:** " + ", ".join(_md(t.shown()) for t in terms)]


def to_markdown(result: ArticleSummary, article: str | None = None) -> str:
    s = result.summary
    ctx = Contexts(article)
    lines = [f"# {_md(s.headline)}", ""]
    source = _extra(result, "source")
    if source_line(source):
        lines += [f"*{_md(source_line(source))}*", ""]
    if result.run.warnings:
        lines += ["> **Warnings**", ">"]
        lines += [f"> - {_md(w)}" for w in result.run.warnings]
        lines.append("")
    lines += [_md(s.text), ""]
    lines += _md_unsupported(s)
    lines += ["## Key points", ""]
    for i, kp in enumerate(s.key_points, 1):
        marker = f"{i}. "
        lines.append(f"{marker}{_md(kp.point)}")
        lines += _md_unsupported(kp, " " * len(marker))
        lines += _md_evidence(kp.evidence, result.quotes, " " * len(marker))
        lines.append("")
    if result.stances:
        lines += ["## Stances", ""]
        for st in result.stances:
            lines.append(
                f"- **{_md(st.actor)}** ({_md(st.role)}) — *{st.stance}* on {_md(st.topic)}: "
                f"{_md(st.position)}"
            )
            lines += _md_unsupported(st)
            lines += _md_evidence(st.evidence, result.quotes)
        lines.append("")
    if result.quotes:
        lines += ["## Quotes", ""]
        for speaker, indexes in speaker_groups(result.quotes):
            kind = result.quotes[indexes[0]].speaker_kind
            lines += [f"### {_md(speaker)} ({kind})", ""]
            for i in indexes:
                q = result.quotes[i]
                c = ctx.around(q.start, q.end, q.text)
                lines.append(f"- “{_md(q.text)}” — *{_md(q.cue)}, {q.match}, {q.found_by}*")
                if c.before or c.after:
                    shown = f"{_md(c.before)}**{_md(c.quote)}**{_md(c.after)}".strip()
                    lines.append(f"  > {shown}")
            lines.append("")
    attributions = reported(_extra(result, "attributions"), result.quotes)
    if attributions:
        lines += ["## Reported speech", ""]
        for at in attributions:
            lines.append(f"- {_md(_attribution_line(at))}")
        lines.append("")
    if result.open_questions:
        lines += ["## Open questions", ""]
        for oq in result.open_questions:
            lines.append(f"- **{oq.kind}**: {_md(oq.question)} {_md(oq.why)}")
            lines += _md_unsupported(oq)
            lines += _md_evidence(oq.evidence, result.quotes)
        lines.append("")
    lines += ["---", "", _md(_run_line(result))]
    return "\n".join(lines) + "\n"


def _attribution_line(at: Any) -> str:
    """One reported-speech attribution as ``speaker cue: content`` (its fields may vary)."""
    a = at if isinstance(at, dict) else at.model_dump()
    speaker = a.get("speaker") or a.get("source") or "?"
    if isinstance(speaker, dict):
        speaker = speaker.get("text", "?")
    content = a.get("content") or a.get("text") or ""
    if isinstance(content, dict):
        content = content.get("text", "")
    cue = a.get("cue") or ""
    if isinstance(cue, dict):
        cue = cue.get("text", "")
    kind = "act" if a.get("rule") == "subject_act" else a.get("kind")  # 'Lee vetoed …': a deed
    tail = f" ({kind})" if kind else ""
    if cue_first(cue):
        return f"{cue[:1].upper()}{cue[1:]} {speaker}: {content}{tail}"
    return f"{speaker} {cue}: {content}{tail}".replace(" :", ":")


def cue_first(cue: str) -> bool:
    """Whether a reported-speech cue reads before its source: 'According to Reuters', not
    'Reuters according to' (in text, Markdown and the review page alike)."""
    return cue.lower().startswith("according to")


# ---------------------------------------------------------------------------------------------
# Text for a terminal
# ---------------------------------------------------------------------------------------------

_BOLD, _DIM, _ITALIC = "1", "2", "3"
_RED, _GREEN, _YELLOW, _CYAN = "31", "32", "33", "36"
_SPEAKER_COLOURS = ("36", "35", "34", "32", "33", "96", "95", "94")
_STANCE_COLOURS = {"supports": _GREEN, "opposes": _RED, "mixed": _YELLOW}


def terminal_style(stream: IO[str]) -> tuple[int | None, bool]:
    """(width, colour) for text written to ``stream``: the terminal's width and colour when it
    is a terminal (no colour when ``NO_COLOR`` is set or ``TERM=dumb``); else no wrapping."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    if not tty:
        return None, False
    width = shutil.get_terminal_size((80, 24)).columns
    color = not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    return max(width, 20), color


class _Text:
    """Lines wrapped to a width (or not), with ANSI styles only when colour is on."""

    def __init__(self, width: int | None, color: bool) -> None:
        self.width, self.color = width, color
        self.lines: list[str] = []

    def s(self, text: str, *codes: str) -> str:
        if not self.color or not text or not codes:
            return text
        return f"\x1b[{';'.join(codes)}m{text}\x1b[0m"

    def para(
        self,
        text: str,
        indent: str = "",
        hang: str | None = None,
        styles: Sequence[tuple[str, tuple[str, ...]]] = (),
        whole: tuple[str, ...] = (),
    ) -> None:
        """``text`` wrapped with ``indent`` on the first line and ``hang`` on the rest;
        ``styles``: (substring, codes) to style where they fall; ``whole``: codes for all."""
        text = _flat(text).strip()
        hang = indent if hang is None else hang
        if self.width is None:
            wrapped = [indent + text]
        else:
            wrapped = textwrap.wrap(
                text,
                width=self.width,
                initial_indent=indent,
                subsequent_indent=hang,
                break_on_hyphens=False,
            ) or [indent]
        if self.color:
            wrapped = [self._style_line(line, styles, whole) for line in wrapped]
        self.lines += wrapped

    def _style_line(
        self, line: str, styles: Sequence[tuple[str, tuple[str, ...]]], whole: tuple[str, ...]
    ) -> str:
        lead = len(line) - len(line.lstrip(" "))
        body = line[lead:]
        marks: list[tuple[int, int, tuple[str, ...]]] = []
        for sub, codes in styles:
            # a styled stretch may be cut by the wrap: style the part on this line
            for piece in _pieces(sub):
                at = body.find(piece)
                end = at + len(piece)
                if at >= 0 and piece and not any(s < end and at < e for s, e, _ in marks):
                    marks.append((at, end, codes))
        out, pos = [], 0
        for start, end, codes in sorted(marks):
            out.append(self.s(body[pos:start], *whole))
            out.append(self.s(body[start:end], *(whole + codes)))
            pos = end
        out.append(self.s(body[pos:], *whole))
        return line[:lead] + "".join(out)

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def heading(self, text: str) -> None:
        self.blank()
        self.lines.append(self.s(text, _BOLD))


def _pieces(sub: str) -> list[str]:
    """``sub`` and, when wrapping cuts it, its leading and trailing word runs."""
    words = sub.split()
    out = [sub]
    for n in range(len(words) - 1, 0, -1):
        out += [" ".join(words[:n]), " ".join(words[-n:])]
    return out


def to_text(
    result: ArticleSummary,
    article: str | None = None,
    *,
    width: int | None = None,
    color: bool = False,
) -> str:
    s = result.summary
    t = _Text(width, color)
    ctx = Contexts(article)
    t.para(s.headline, whole=(_BOLD,))
    source = source_line(_extra(result, "source"))
    if source:
        t.para(source, whole=(_DIM,))
    t.lines.append("=" * min(len(s.headline), width or 79, 79))
    if result.run.warnings:
        t.heading(f"Warnings ({len(result.run.warnings)}):")
        for w in result.run.warnings:
            t.para(f"! {w}", "  ", "    ", styles=[("!", (_YELLOW, _BOLD))])
    t.blank()
    t.para(s.text)
    _text_unsupported(t, s, "  ")
    t.heading("Key points:")
    for i, kp in enumerate(s.key_points, 1):
        t.para(f"{i}. {kp.point}", "  ", "     ")
        _text_unsupported(t, kp, "     ")
        _text_evidence(t, kp.evidence, result, "     ")
    if result.stances:
        t.heading("Stances:")
        for st in result.stances:
            who = f"{st.actor} ({st.role})" if st.role else st.actor
            label = f"[{st.stance}]"
            t.para(
                f"• {who} {label} on {st.topic}: {st.position}",
                "  ",
                "    ",
                styles=[(st.actor, (_BOLD,)), (label, (_STANCE_COLOURS.get(st.stance, _DIM),))],
            )
            _text_unsupported(t, st, "    ")
            _text_evidence(t, st.evidence, result, "    ")
    if result.quotes:
        groups = speaker_groups(result.quotes)
        t.heading(f"Quotes: {len(result.quotes)} from {len(groups)} speaker(s)")
        for n, (speaker, indexes) in enumerate(groups):
            kind = result.quotes[indexes[0]].speaker_kind
            colour = _SPEAKER_COLOURS[n % len(_SPEAKER_COLOURS)]
            t.para(f"{speaker} ({kind})", "  ", "  ", styles=[(speaker, (_BOLD, colour))])
            for i in indexes:
                q = result.quotes[i]
                c = ctx.around(q.start, q.end, q.text)
                how = f"[{q.cue} · {q.match} · {q.found_by}]"
                t.para(
                    f"• “{q.text}” {how}",
                    "    ",
                    "      ",
                    styles=[(_flat(q.text), (colour,)), (how, (_DIM,))],
                )
                if c.before or c.after:
                    shown = f"{c.before}{c.quote}{c.after}".strip()
                    t.para(
                        f"↳ {shown}",
                        "      ",
                        "        ",
                        styles=[(_flat(c.quote), (_ITALIC,))],
                        whole=(_DIM,),
                    )
    attributions = reported(_extra(result, "attributions"), result.quotes)
    if attributions:
        t.heading("Reported speech:")
        for at in attributions:
            t.para(f"• {_attribution_line(at)}", "  ", "    ")
    if result.open_questions:
        t.heading("Open questions:")
        for oq in result.open_questions:
            tag = f"({oq.kind})"
            t.para(f"• {tag} {oq.question}", "  ", "    ", styles=[(tag, (_CYAN,))])
            t.para(oq.why, "    ", "    ", whole=(_DIM,))
            _text_unsupported(t, oq, "    ")
            _text_evidence(t, oq.evidence, result, "    ")
    t.blank()
    t.para(_run_line(result), whole=(_DIM,))
    return "\n".join(t.lines) + "\n"


def _text_evidence(t: _Text, spans: Iterable[Any], result: ArticleSummary, indent: str) -> None:
    for e in spans:
        ref = getattr(e, "quote", None)
        who = ""
        if ref is not None and 0 <= ref < len(result.quotes):
            who = f" ({result.quotes[ref].speaker})"
        t.para(f"▸ {_in_marks(e.text)}{who}", indent, indent + "  ", whole=(_DIM,))


def _in_marks(text: str) -> str:
    """A piece of evidence between quotation marks, unless it opens and closes with its own
    (a whole quotation: ‘“We will rebuild.”’, not ‘““We will rebuild.””’); between single
    marks when it holds double ones of its own, as quotations nest (‘Lee said: “We will
    rebuild.”’, not ‘“Lee said: “We will rebuild.””’)."""
    if len(text) >= 2 and text[0] in '“"' and text[-1] in '”"':
        return text
    if any(mark in text for mark in '“”"'):
        return f"‘{text}’"
    return f"“{text}”"


def _text_unsupported(t: _Text, item: Any, indent: str) -> None:
    terms = unsupported_of(item)
    if terms:
        line = "not in the article: " + ", ".join(x.shown() for x in terms)
        t.para(f"! {line}", indent, indent + "  ", whole=(_RED,))


def _run_line(result: ArticleSummary) -> str:
    r = result.run
    model = f" {r.model} via {r.base_url_host}," if r.model else ""
    cached = ", from cache" if r.cached else ""
    return (
        f"{r.engine}:{model} {r.attempts} call(s), {r.usage.total_tokens:,} tokens{cached}, "
        f"{r.latency_s:.2f}s, prompt {r.prompt_version}"
    )


def render(
    result: ArticleSummary,
    fmt: str,
    *,
    article: str | None = None,
    width: int | None = None,
    color: bool = False,
) -> str:
    """``result`` in ``fmt``; ``article`` (the text the offsets index; else the result's own
    ``text`` when it has one) adds each quote's sentence to Markdown and text, and the
    marked-up article to HTML."""
    if article is None:
        article = result.text
    if fmt == "json":
        return to_json(result) + "\n"
    if fmt == "markdown":
        return to_markdown(result, article)
    if fmt == "html":
        from summarizer.io.review import page

        return page(result.model_dump(mode="json"), article)
    return to_text(result, article, width=width, color=color)
