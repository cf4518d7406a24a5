"""``summarizer extract`` (the text a page gives the engines) and ``summarizer eval-extract``."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from summarizer.errors import SummarizerError
from summarizer.io.inputs import MAX_BYTES


class ExtractFormat(StrEnum):
    text = "text"
    json = "json"


def extract(
    page: Annotated[
        str,
        typer.Argument(
            metavar="PAGE",
            hidden=True,  # described in the command's help (typer would add <str>)
        ),
    ],
    output_format: Annotated[
        ExtractFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="[text|json]",
            help="text: the article text; json: text and metadata.",
        ),
    ] = ExtractFormat.text,
    allow_private_urls: Annotated[
        bool,
        typer.Option(
            "--allow-private-urls", help="Fetch URLs on this machine or its private network too."
        ),
    ] = False,
    cache: Annotated[bool, typer.Option(help="Reuse and keep fetched pages.")] = True,
    timeout: Annotated[
        float, typer.Option(min=0.1, metavar="SECONDS", help="Seconds per HTTP request.")
    ] = 30.0,
    max_bytes: Annotated[
        int, typer.Option(min=1, metavar="BYTES", help="Largest page accepted, in bytes.")
    ] = MAX_BYTES,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks and library logs.")
    ] = False,
) -> None:
    """Print the article text of a web page as the engines see it (quote offsets index it).

    PAGE: an .html file, an http(s) URL, or - for stdin.
    """
    from summarizer.cli import notices
    from summarizer.cli.main import _fail, exit_code_for
    from summarizer.errors import EXIT_FAILED, EXIT_USAGE
    from summarizer.io.inputs import is_url, load_article, read_article

    notices.install(debug)
    try:
        from summarizer.config import Settings, default_cache_dir

        settings = Settings.resolve(
            allow_private_urls=allow_private_urls,
            max_bytes=max_bytes,
            timeout=timeout,
            page_cache_dir=str(default_cache_dir()) if cache else None,
        )
        url = page if is_url(page) else None
        text = None if url else read_article(page, max_bytes=max_bytes)
        article = load_article(text, page, settings, url=url)
    except SummarizerError as error:
        if debug:
            raise
        _fail(str(error), exit_code_for(error))
    except OSError as error:
        _fail(f"{page}: {error.strerror or error}", EXIT_USAGE)
    except Exception as error:  # a bug: still one line unless asked for the traceback
        if debug:
            raise
        _fail(
            f"internal error ({type(error).__name__}): {error}; rerun with --debug for details",
            EXIT_FAILED,
        )
    if output_format is ExtractFormat.text:
        sys.stdout.write(article.text)
        return
    source = article.source.model_dump() if article.source is not None else {}
    record = {
        "input": page,
        "title": source.get("title"),
        "authors": source.get("authors", []),
        "published": source.get("published"),
        "site": source.get("site"),
        "url": source.get("url") or (page if is_url(page) else None),
        "language": source.get("language"),
        "text": article.text,
        "warnings": list(article.warnings),
    }
    sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")


def eval_extract(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            hidden=True,  # described in the command's help (typer would add <path>)
        ),
    ],
    predictions: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="Also write {id: {articleBody}} here, for the benchmark's evaluate.py.",
        ),
    ] = None,
    extractor: Annotated[
        str,
        typer.Option(
            metavar="NAME",
            help="summarizer, or one library alone for comparison: readability, "
            "trafilatura, trafilatura-precision or trafilatura-precision-fast.",
        ),
    ] = "summarizer",
) -> None:
    """Score `summarizer extract` with the article-extraction benchmark's metric.

    DIR: a folder with ground-truth.json and html/<id>.html.gz.
    """
    from summarizer.cli import notices
    from summarizer.cli.main import _fail, exit_code_for
    from summarizer.errors import EXIT_USAGE
    from summarizer.evaluation.extract import EXTRACTORS, evaluate_extraction

    if extractor not in EXTRACTORS:
        _fail(f"unknown extractor {extractor!r}: use {', '.join(EXTRACTORS)}", EXIT_USAGE)

    notices.install(False)
    import logging

    logging.getLogger("summarizer").setLevel(logging.ERROR)  # warnings are counted, not shown
    try:
        score, predicted = evaluate_extraction(folder, EXTRACTORS[extractor])
        if predictions is not None:
            predictions.write_text(
                json.dumps({k: {"articleBody": v} for k, v in predicted.items()}),
                encoding="utf-8",
            )
    except SummarizerError as error:
        _fail(str(error), exit_code_for(error))
    except OSError as error:
        _fail(f"cannot write {predictions}: {error.strerror or error}", EXIT_USAGE)
    r = score.as_dict()
    typer.echo(json.dumps(r))
    typer.echo(
        f"{r['pages']} pages: F1 {r['f1']:.3f} P {r['precision']:.3f} R {r['recall']:.3f}, "
        f"{r['pages_below_0.5']} below F1 0.5 "
        f"({len(r['pages_below_0.5_without_warning'])} without a warning), "
        f"{r['warned']} warned, {r['pages_per_second']} pages/s",
        err=True,
    )


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
    app.command("eval-extract")(eval_extract)
