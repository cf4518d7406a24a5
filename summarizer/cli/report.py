"""``summarizer report OUT.jsonl -o DIR`` and ``run ... -f html -o DIR``: review pages.

Each summary's page needs the text its offsets index. It is read again from where the run
read it: the input's file, or its record in a ``--jsonl`` file, through the same decoding and
HTML reduction as the run. A text that no longer matches the offsets is not shown (the page
says so).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from summarizer.errors import ConfigError, InputError, SummarizerError
from summarizer.io.inputs import MAX_BYTES

if TYPE_CHECKING:
    from summarizer.cli.runner import RunOptions, Totals
    from summarizer.io.review import ReportTotals
    from summarizer.io.sources import Source

RESULTS = "results.jsonl"  # where ``run -f html -o DIR`` keeps its records (for --resume)


def report(
    results: Annotated[
        Path,
        typer.Argument(
            metavar="RESULTS.jsonl",
            hidden=True,  # described in the command's help (typer would add <path>)
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="Folder for index.html and one page per article.",
        ),
    ],
    jsonl: Annotated[
        list[Path] | None,
        typer.Option(
            metavar="FILE",
            help="The --jsonl file(s) the run read, to show those articles' text.",
        ),
    ] = None,
    max_bytes: Annotated[
        int, typer.Option(min=1, metavar="BYTES", help="Largest article read, in bytes.")
    ] = MAX_BYTES,
) -> None:
    """Write review pages for a batch's results: an index and one page per article.

    RESULTS.jsonl: the JSON Lines a `summarizer run` wrote.
    """
    from summarizer.io.review import read_records

    try:
        records, skipped = read_records(results)
        totals = write_pages(
            records, output, [], [str(p) for p in jsonl or []], max_bytes, title=results.name
        )
    except SummarizerError as error:
        typer.echo(f"summarizer: error: {error}", err=True)
        raise typer.Exit(2) from None
    totals.skipped_lines = skipped
    typer.echo(f"summarizer: {totals.line(output)}", err=True)


def html_dir(output: Path | None) -> bool:
    """Whether ``-f html -o OUTPUT`` names a folder (anything but a ``.html`` file)."""
    return output is not None and output.suffix.lower() not in (".html", ".htm")


def run_html_batch(
    inputs: list[str],
    jsonl: list[str],
    options: RunOptions,
    out_dir: Path | None,
    resume: bool,
    show_progress: bool,
) -> Totals:
    """``run ... -f html -o DIR``: the batch's records go to ``DIR/results.jsonl`` (so
    ``--resume`` works as usual), then its pages and index are written beside them."""
    from summarizer.cli.runner import run_batch
    from summarizer.io.review import read_records

    assert out_dir is not None  # html_dir(output) held
    for given in inputs:  # its pages would be read as articles by the next run (--resume)
        if out_dir.is_dir() and Path(given).is_dir() and out_dir.samefile(given):
            raise ConfigError(
                f"-o {out_dir} is also an input folder: its review pages would become "
                "articles of the next run; write them to another folder"
            )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create {out_dir}: {exc.strerror or exc}") from None
    results = out_dir / RESULTS
    # the records keep the text their offsets index, so the pages need read nothing again
    options = replace(options, include_text=True)
    totals = run_batch(inputs, jsonl, options, results, resume, show_progress)
    records, _ = read_records(results)
    limit = options.max_bytes or MAX_BYTES
    pages = write_pages(records, out_dir, inputs, jsonl, limit, title=_named(inputs + jsonl))
    typer.echo(f"summarizer: {pages.line(out_dir)}", err=True)
    return totals


def _named(inputs: list[str]) -> str:
    """What a batch summarized, for its review's title: 'news', 'a.txt and 2 more'."""
    if not inputs:
        return "a batch"
    first = "standard input" if inputs[0] == "-" else inputs[0].rstrip("/")
    return first if len(inputs) == 1 else f"{first} and {len(inputs) - 1} more"


def write_pages(
    records: Sequence[dict[str, Any]],
    out_dir: Path,
    inputs: list[str],
    jsonl: list[str],
    max_bytes: int,
    title: str = "a batch",
) -> ReportTotals:
    """The review pages of ``records`` in ``out_dir``, under 'Review of ``title``' (what was
    summarized, or the results file read)."""
    from summarizer.io.inputs import prepare_article
    from summarizer.io.review import write_report
    from summarizer.io.sources import Source, collect

    found = collect(inputs, jsonl)
    for source in found:  # a --jsonl file named to give the articles' text cannot be read
        if source.name in jsonl and source.problem is not None and source.path is None:
            raise InputError(f"--jsonl {source.name}: {source.problem}")
    sources: dict[str, Source] = {s.name: s for s in found if s.problem is None}

    def article_for(record: dict[str, Any]) -> str | None:
        name = str(record.get("input", ""))
        included = record.get("text")  # a run that kept the article's text in its records
        if isinstance(included, str):
            return included
        source = sources.get(name)
        if source is None and name != "-" and Path(name).is_file():
            source = Source(name=name, path=name)
        if source is None or source.url is not None:
            return None  # stdin, or a page on the web (not fetched again): --include-text
        return prepare_article(source.read(max_bytes), name).text

    with _quiet():
        return write_report(records, out_dir, article_for, title=f"Review of {title}")


@contextmanager
def _quiet() -> Iterator[None]:
    """Re-reading articles repeats the run's notices (HTML input, Latin-1): keep them quiet."""
    ours = logging.getLogger("summarizer")
    level = ours.level
    ours.setLevel(logging.ERROR)
    try:
        yield
    finally:
        ours.setLevel(level)
