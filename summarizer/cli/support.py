"""``summarizer check-support`` and ``summarizer eval-support``: the support checker on the
command line (registered by one import in ``cli/main.py``; heavy imports stay in the commands).
"""

from __future__ import annotations

import contextlib
import json
from datetime import date
from typing import Annotated

import typer

from summarizer.cli.main import _fail, app, exit_code_for
from summarizer.errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE, InputError, SummarizerError


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--published {value!r}: expected a date as YYYY-MM-DD") from None


@app.command("check-support")
def check_support_command(
    article: Annotated[
        str,
        typer.Argument(
            metavar="ARTICLE",
            hidden=True,  # described in the command's help (typer would add <str>)
        ),
    ],
    text: Annotated[
        list[str],
        typer.Option(
            "--text",
            "-t",
            metavar="TEXT",
            help="Text to check against the article (repeatable; not empty).",
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-MM-DD",
            help="The article's publication date (supports 'Friday').",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the names, numbers, dates and quotes of a text that the article does not support.

    ARTICLE: the article file (- for stdin).

    Exit 0 when everything is supported, 1 when something is not, 2 for bad input.
    """
    from summarizer.io.inputs import prepare_article, read_article
    from summarizer.text.support import ArticleSupport

    if any(not t.strip() for t in text):  # nothing to check is no check that passed
        _fail("--text is empty: give the text to check against the article", EXIT_USAGE)
    try:
        # the article as the engines see it: a saved web page is reduced to its article, not
        # checked against its markup and scripts (where any number or name may stand)
        prepared = prepare_article(read_article(article), article)
        day = _parse_date(published)
        if day is None and prepared.source is not None and prepared.source.published:
            with contextlib.suppress(InputError):  # the page's own date, when it is one
                day = _parse_date(prepared.source.published[:10])
        support = ArticleSupport(prepared.text, day)
    except SummarizerError as error:
        _fail(str(error), exit_code_for(error))
    results = [(t, support.check(t)) for t in text]
    if as_json:
        typer.echo(
            json.dumps(
                [
                    {
                        "text": t,
                        "unsupported": [
                            {
                                "kind": u.kind,
                                "term": u.term,
                                "start": u.start,
                                "end": u.end,
                                "reason": u.reason,
                            }
                            for u in found
                        ],
                    }
                    for t, found in results
                ],
                ensure_ascii=False,
            )
        )
    else:
        for t, found in results:
            if len(results) > 1:
                typer.echo(t)
            if not found:
                typer.echo("  supported: every name, number, date and quote is in the article")
            for u in found:
                typer.echo(f"  {u.kind:<6} '{u.term}' [{u.start}:{u.end}] {u.reason}")
    raise typer.Exit(EXIT_FAILED if any(found for _, found in results) else EXIT_OK)


@app.command("eval-support")
def eval_support_command(
    path: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            hidden=True,  # described in the command's help (typer would add <str>)
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Score the support checker against human factuality labels (FRANK format).

    FILE: FRANK-format JSONL (article + system summaries + labels).
    """
    from summarizer.evaluation.support import evaluate, load_frank, table

    try:
        cases = load_frank(path)
    except SummarizerError as error:
        _fail(str(error), exit_code_for(error) if not isinstance(error, InputError) else EXIT_USAGE)
    score = evaluate(cases)
    if as_json:
        r = score.as_dict()
        keys = ("precision", "recall", "false_positive_rate", "per_error_type", "summaries_per_s")
        typer.echo(json.dumps({k: r[k] for k in keys} | {"summaries": r["summaries"]}))
    else:
        typer.echo(table(score))
