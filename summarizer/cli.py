"""The command line: parse options, call the library, print. Errors: one line and an exit code."""

from __future__ import annotations

import json
import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from summarizer.errors import ConfigError, InputError, SummarizerError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    name="summarizer",
    help="Structured, verifiable summaries of news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class EngineOpt(StrEnum):
    auto = "auto"
    llm = "llm"
    offline = "offline"


class ModeOpt(StrEnum):
    tools = "tools"
    json_schema = "json_schema"
    md_json = "md_json"


class FormatOpt(StrEnum):
    json = "json"
    markdown = "markdown"
    text = "text"


def _version(value: bool) -> None:
    if value:
        from summarizer import __version__

        typer.echo(f"summarizer {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Structured, verifiable summaries of news articles."""


def exit_code_for(error: SummarizerError) -> int:
    return EXIT_USAGE if isinstance(error, InputError | ConfigError) else EXIT_FAILED


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"summarizer: error: {message}", err=True)
    raise typer.Exit(code)


def _setup_logging(debug: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("summarizer: %(message)s"))
    ours = logging.getLogger("summarizer")
    ours.handlers[:] = [handler]
    ours.setLevel(logging.DEBUG if debug else logging.WARNING)
    ours.propagate = False
    # instructor logs every failed attempt at ERROR; we report through our own errors.
    for noisy in ("instructor", "openai", "httpx2", "httpcore2"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if debug else logging.CRITICAL + 1)


@app.command()
def run(
    article: Annotated[str, typer.Argument(help="Article file to summarize, or - for stdin.")],
    engine: Annotated[
        EngineOpt,
        typer.Option(
            envvar="SUMMARIZER_ENGINE",
            help="auto: the LLM when OPENAI_API_KEY or OPENAI_BASE_URL is set, else offline.",
        ),
    ] = EngineOpt.auto,
    model: Annotated[
        str | None,
        typer.Option("--model", "-m", envvar="SUMMARIZER_MODEL", help="Model name."),
    ] = None,
    mode: Annotated[
        ModeOpt, typer.Option(help="How instructor asks for structure.")
    ] = ModeOpt.tools,
    api_key: Annotated[
        str | None,
        typer.Option(envvar="OPENAI_API_KEY", show_default=False, help="API key."),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(envvar="OPENAI_BASE_URL", help="Any OpenAI-compatible server's /v1 URL."),
    ] = None,
    output_format: Annotated[
        FormatOpt | None,
        typer.Option(
            "--format", "-f", help="Output format (default: text on a terminal, else json)."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    max_attempts: Annotated[
        int, typer.Option(min=1, help="Model calls per article, re-asks included.")
    ] = 3,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds per HTTP request.")] = 120.0,
    record: Annotated[
        Path | None,
        typer.Option(help="Record the HTTP exchanges to this JSON file (secrets scrubbed)."),
    ] = None,
    replay: Annotated[
        Path | None,
        typer.Option(help="Answer from recorded exchanges in this JSON file, not the network."),
    ] = None,
    debug: Annotated[bool, typer.Option(help="Show tracebacks and library logs.")] = False,
) -> None:
    """Summarize one news article into a structured, verifiable summary."""
    _setup_logging(debug)
    from summarizer import api
    from summarizer.inputs import read_article
    from summarizer.render import render

    fmt = (output_format.value if output_format else None) or (
        "text" if output is None and sys.stdout.isatty() else "json"
    )
    try:
        text = read_article(article)
        http_client = _http_client(record, replay)
        result = api.summarize(
            text,
            input_name=article,
            engine=engine.value,
            model=model,
            mode=mode.value,
            api_key=api_key,
            base_url=base_url,
            max_attempts=max_attempts,
            timeout=timeout,
            http_client=http_client,
        )
        rendered = render(result, fmt)
        if output is None:
            sys.stdout.write(rendered)
        else:
            _write(output, rendered)
    except SummarizerError as error:
        if debug:
            raise
        _fail(str(error), exit_code_for(error))
    except Exception as error:  # a bug: still one line unless asked for the traceback
        if debug:
            raise
        _fail(
            f"internal error ({type(error).__name__}): {error}; rerun with --debug for details",
            EXIT_FAILED,
        )


@app.command("eval")
def eval_command(
    gold: Annotated[
        str, typer.Argument(help="Annotated JSONL (PolNeAR with attributions, or GUM quote_spans).")
    ],
    predictions: Annotated[
        Path | None, typer.Option(help="Also write the predictions here, one JSON line each.")
    ] = None,
) -> None:
    """Score the offline engine's quotes and speakers against annotated news."""
    from summarizer.evaluate import evaluate, load_jsonl, offline_extract

    try:
        docs = load_jsonl(gold)
        if predictions is None:
            score = evaluate(docs, offline_extract)
        else:
            with predictions.open("w", encoding="utf-8") as out:
                score = evaluate(docs, offline_extract, out)
    except SummarizerError as error:
        _fail(str(error), exit_code_for(error))
    except OSError as error:
        _fail(f"cannot write {predictions}: {error.strerror or error}", EXIT_USAGE)
    r = score.as_dict()
    typer.echo(json.dumps(r))
    typer.echo(
        f"{r['articles']} articles: quote P {r['precision']:.3f} R {r['recall']:.3f} "
        f"F1 {r['f1']:.3f}, speaker accuracy {r['speaker_accuracy']:.3f} "
        f"({r['speaker_scored']} scored), {r['articles_per_second']} articles/s",
        err=True,
    )


def _http_client(record: Path | None, replay: Path | None) -> Any:
    if record and replay:
        raise ConfigError("--record and --replay cannot be used together")
    if replay:
        from summarizer.exchanges import Replay

        return Replay.from_file(replay).sync_client()
    if record:
        from summarizer.exchanges import Recorder

        return Recorder(record).sync_client()
    return None


def _write(path: Path, text: str) -> None:
    try:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None


def main() -> None:
    app()
