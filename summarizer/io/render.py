"""Turn an ``ArticleSummary`` into JSON, Markdown or plain text for a terminal."""

from __future__ import annotations

from summarizer.schema import ArticleSummary

FORMATS = ("json", "markdown", "text")


def to_json(result: ArticleSummary, *, indent: int | None = 2) -> str:
    return result.model_dump_json(indent=indent)


def _cite(spans: list[tuple[int, int]]) -> str:
    return ", ".join(f"[{s}:{e}]" for s, e in spans)


def to_markdown(result: ArticleSummary) -> str:
    s = result.summary
    lines = [f"# {s.headline}", "", s.text, "", "## Key points", ""]
    for kp in s.key_points:
        lines.append(f"- {kp.point} — {_cite([(e.start, e.end) for e in kp.evidence])}")
    if result.stances:
        lines += ["", "## Stances", ""]
        for st in result.stances:
            lines.append(
                f"- **{st.actor}** ({st.role}) — *{st.stance}* on {st.topic}: {st.position}"
            )
    if result.quotes:
        lines += ["", "## Quotes", ""]
        for q in result.quotes:
            lines.append(f"- “{q.text}” — {q.speaker} ({q.cue}) [{q.start}:{q.end}, {q.match}]")
    if result.open_questions:
        lines += ["", "## Open questions", ""]
        for oq in result.open_questions:
            lines.append(f"- **{oq.kind}**: {oq.question} {oq.why}")
    lines += ["", "---", "", _run_line(result)]
    for w in result.run.warnings:
        lines.append(f"- warning: {w}")
    return "\n".join(lines) + "\n"


def to_text(result: ArticleSummary) -> str:
    s = result.summary
    lines = [s.headline, "=" * min(len(s.headline), 79), "", s.text, "", "Key points:"]
    lines += [f"  * {kp.point}" for kp in s.key_points]
    if result.stances:
        lines += ["", "Stances:"]
        lines += [f"  * {st.actor} [{st.stance}]: {st.position}" for st in result.stances]
    if result.quotes:
        lines += ["", "Quotes:"]
        lines += [f"  * {q.speaker}: “{q.text}” [{q.start}:{q.end}]" for q in result.quotes]
    if result.open_questions:
        lines += ["", "Open questions:"]
        lines += [f"  * ({oq.kind}) {oq.question}" for oq in result.open_questions]
    lines += ["", _run_line(result)]
    lines += [f"  warning: {w}" for w in result.run.warnings]
    return "\n".join(lines) + "\n"


def _run_line(result: ArticleSummary) -> str:
    r = result.run
    model = f" {r.model} via {r.base_url_host}," if r.model else ""
    return (
        f"{r.engine}:{model} {r.attempts} call(s), {r.usage.total_tokens} tokens, "
        f"{r.latency_s:.2f}s, prompt {r.prompt_version}"
    )


def render(result: ArticleSummary, fmt: str) -> str:
    if fmt == "json":
        return to_json(result) + "\n"
    if fmt == "markdown":
        return to_markdown(result)
    return to_text(result)
