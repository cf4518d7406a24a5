"""The command line: parse options, call the library, print. Errors: one line and an exit code."""

from __future__ import annotations

import contextlib
import errno
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
import typer.core

from summarizer.cli import report
from summarizer.cli.codes import EXIT_INTERRUPTED, EXIT_TERMINATED, STOP_KINDS, TERMINATED, for_cli
from summarizer.cli.jobs import batch_app
from summarizer.errors import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    ConfigError,
    InputError,
    SummarizerError,
)
from summarizer.io.inputs import MAX_BYTES

app = typer.Typer(
    name="summarizer",
    help="Structured, verifiable summaries of news articles.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help, wrapped at word boundaries to the terminal's width
    context_settings={"max_content_width": 120},
)
app.add_typer(batch_app)  # summarizer batch prepare|submit|status|collect


class EngineOpt(StrEnum):
    auto = "auto"
    llm = "llm"
    offline = "offline"


class ModeOpt(StrEnum):
    auto = "auto"
    tools = "tools"
    json_schema = "json_schema"
    json = "json"
    md_json = "md_json"


class FormatOpt(StrEnum):
    json = "json"
    markdown = "markdown"
    text = "text"
    html = "html"


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
    return error.exit_code


def _given(ctx: typer.Context, name: str, value: str | None) -> str | None:
    """``value`` when it was given on the command line, None when it came from the env."""
    source = ctx.get_parameter_source(name)
    return None if source is not None and source.name == "ENVIRONMENT" else value


# what a full disk or a dead device says when the records are written
_WRITE_ERRORS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS, errno.EBADF}
)


def _fail_internal(error: Exception, debug: bool) -> NoReturn:
    if debug:
        raise error
    _fail(
        f"internal error ({type(error).__name__}): {error}; rerun with --debug for details",
        EXIT_FAILED,
    )


def _fail(message: str, code: int) -> NoReturn:
    one_line = message.replace("\r", "\\r").replace("\n", "\\n")  # a file named "a\nb"
    typer.echo(f"summarizer: error: {for_cli(one_line)}", err=True)
    raise typer.Exit(code)


@app.command()
def run(
    ctx: typer.Context,
    articles: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ARTICLE",
            hidden=True,  # described in the command's help (typer would add <list[str]>)
            help="Article files, web pages (.html, http(s) URLs), directories or quoted globs "
            "('news/*.txt'); - for stdin.",
            show_default=False,
        ),
    ] = None,
    jsonl: Annotated[
        list[Path] | None,
        typer.Option(
            metavar="FILE",
            help='A JSONL file of {"id": ..., "text": ...} or {"id": ..., "url": ...} records '
            '(the text may also be under "article", "content" or "body"; repeatable).',
        ),
    ] = None,
    engine: Annotated[
        EngineOpt,
        typer.Option(
            envvar="SUMMARIZER_ENGINE",
            metavar="[auto|llm|offline]",
            help="auto: the LLM when OPENAI_API_KEY or OPENAI_BASE_URL is set, else offline.",
        ),
    ] = EngineOpt.auto,
    model: Annotated[
        str | None,
        typer.Option(
            "--model", "-m", envvar="SUMMARIZER_MODEL", metavar="MODEL", help="Model name."
        ),
    ] = None,
    mode: Annotated[
        ModeOpt,
        typer.Option(
            metavar="[auto|tools|json_schema|json|md_json]",
            help="How to ask for structure. auto: tools, else json_schema, json, md_json, "
            "whichever the server accepts (remembered per server and model).",
        ),
    ] = ModeOpt.auto,
    api_key: Annotated[
        str | None,
        typer.Option(envvar="OPENAI_API_KEY", show_default=False, metavar="KEY", help="API key."),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            envvar="OPENAI_BASE_URL", metavar="URL", help="Any OpenAI-compatible server's /v1 URL."
        ),
    ] = None,
    output_format: Annotated[
        FormatOpt | None,
        typer.Option(
            "--format",
            "-f",
            metavar="[json|markdown|text|html]",
            help="One article: json, markdown, text or html (default: text on a terminal, "
            "else json). Several: JSON Lines, or review pages with -f html -o DIR.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write here instead of stdout (several articles: JSON Lines into a new or "
            "empty file, or --resume to continue one).",
        ),
    ] = None,
    jobs: Annotated[int, typer.Option(min=1, metavar="N", help="Articles in flight at once.")] = 8,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="N",
            help="Processes sharing the work (default: one per CPU offline, else 1).",
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option(help="Skip inputs that already have a summary in --output.")
    ] = False,
    ordered: Annotated[
        bool, typer.Option(help="Write records in input order (default: as they finish).")
    ] = False,
    rpm: Annotated[
        float | None,
        typer.Option(
            envvar="SUMMARIZER_RPM", metavar="N", help="Client-side limit: requests per minute."
        ),
    ] = None,
    tpm: Annotated[
        float | None,
        typer.Option(
            envvar="SUMMARIZER_TPM", metavar="N", help="Client-side limit: tokens per minute."
        ),
    ] = None,
    cache: Annotated[
        bool, typer.Option(help="Reuse stored results (SUMMARIZER_CACHE_DIR to move it).")
    ] = True,
    max_attempts: Annotated[
        int, typer.Option(min=1, metavar="N", help="Model calls per article, re-asks included.")
    ] = 3,
    timeout: Annotated[
        float,
        typer.Option(
            min=0.1,
            metavar="SECONDS",
            help="Seconds per HTTP request (a local model on a CPU may need 600).",
        ),
    ] = 120.0,
    max_output_tokens: Annotated[
        int | None,
        typer.Option(
            min=16,
            metavar="N",
            help="Output limit per request, sent as max_tokens [default: 4096].",
        ),
    ] = None,
    retry_timeouts: Annotated[
        bool | None,
        typer.Option(
            "--retry-timeouts/--no-retry-timeouts",
            show_default=False,
            help="Send a timed-out request again [default: yes, except to a local server, "
            "which may still be generating it].",
        ),
    ] = None,
    context_window: Annotated[
        int | None,
        typer.Option(
            min=512,
            metavar="N",
            help="The model's window in tokens (default: asked of the server, or known).",
        ),
    ] = None,
    deadline: Annotated[
        float | None,
        typer.Option(
            min=0.1,
            metavar="SECONDS",
            help="Seconds per article, all retries and re-asks included.",
        ),
    ] = None,
    max_bytes: Annotated[
        int, typer.Option(min=1, metavar="BYTES", help="Largest article accepted, in bytes.")
    ] = MAX_BYTES,
    record: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE", help="Record the HTTP exchanges to this JSON file (secrets scrubbed)."
        ),
    ] = None,
    replay: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="Answer from recorded exchanges in this JSON file, not the network.",
        ),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option(
            help="Progress bar on stderr (default: when stderr is a terminal and the records "
            "do not go to that same terminal)."
        ),
    ] = None,
    allow_private_urls: Annotated[
        bool,
        typer.Option(
            "--allow-private-urls", help="Fetch URLs on this machine or its private network too."
        ),
    ] = False,
    include_text: Annotated[
        bool,
        typer.Option(
            "--include-text", help="Add the article text that the offsets index to each result."
        ),
    ] = False,
    debug: Annotated[bool, typer.Option(help="Show tracebacks and library logs.")] = False,
) -> None:
    """Summarize news articles into structured, verifiable summaries.

    ARTICLE is a file (page.html.gz too), - for stdin, a directory (its .txt, .md, .html
    files, and those .gz) or a quoted glob ('news/**/*.txt').

    One article prints one summary; several (or a directory, a glob, --jsonl) print JSON Lines,
    one record per article as each finishes: a summary, or an error record saying why not.
    """
    from summarizer.cli import notices, runner

    notices.install(debug)

    try:
        options = runner.RunOptions(
            engine=engine.value,
            # settings from the environment are left to the library to read, so that its
            # messages name the variable that was used, and the option only when it was given
            model=_given(ctx, "model", model),
            mode=mode.value,
            api_key=_given(ctx, "api_key", api_key),
            base_url=_given(ctx, "base_url", base_url),
            max_attempts=max_attempts,
            timeout=timeout,
            deadline=deadline,
            max_bytes=max_bytes,
            max_output_tokens=max_output_tokens,
            context_window=context_window,
            retry_timeouts=retry_timeouts,
            jobs=jobs,
            workers=workers,
            ordered=ordered,
            rpm=rpm,
            tpm=tpm,
            use_cache=cache,
            record=record,
            replay=replay,
            allow_private_urls=allow_private_urls,
            include_text=include_text,
        )
        inputs = list(articles or [])
        jsonl_files = [str(p) for p in jsonl or []]
        if not inputs and not jsonl_files:
            raise InputError("no articles given: name files, a directory, - for stdin, or --jsonl")
        from summarizer.io.sources import refuse_jsonl_articles

        refuse_jsonl_articles(inputs)
        if "-" in inputs and sys.stdin.isatty():  # else a person sees nothing happen
            typer.echo(
                "summarizer: reading the article from standard input (end with Ctrl-D)", err=True
            )
        pages = output_format is FormatOpt.html and report.html_dir(output)  # -o DIR: pages
        if not pages and runner.is_single(inputs, jsonl_files, output, resume):
            fmt = (output_format.value if output_format else None) or (
                "text" if output is None and sys.stdout.isatty() else "json"
            )
            runner.run_single(inputs[0], options, fmt, output)
            return
        if output_format not in (None, FormatOpt.json) and not pages:
            from summarizer.io.sources import nothing_in

            for given in inputs:  # a pattern that matches nothing is not several articles
                if (problem := nothing_in(given)) is not None:
                    raise InputError(f"{given}: {problem}")
            raise ConfigError(_several_articles(output_format, output))
        if resume and output is None:
            raise ConfigError("--resume needs --output FILE (the results of the earlier run)")
        show = progress if progress is not None else runner.progress_by_default(output)
        notices.batch_mode(True)
        batch = report.run_html_batch if pages else runner.run_batch
        with runner.terminate_as_interrupt():
            totals = batch(inputs, jsonl_files, options, output, resume, show)
    except SummarizerError as error:
        if debug:
            raise
        _fail(str(error), exit_code_for(error))
    except BrokenPipeError:  # `summarizer run DIR | head -1`: the reader has what it wanted
        _quiet_stdout()
        raise typer.Exit(EXIT_BROKEN_PIPE) from None
    except OSError as error:  # writing the records failed: `> /dev/full`, a full disk
        if debug or error.errno not in _WRITE_ERRORS:
            _fail_internal(error, debug)
        if output is None:
            _quiet_stdout()  # what is still buffered would fail again at exit
        where = "standard output" if output is None else str(output)
        _fail(f"cannot write {where}: {error.strerror or error}", EXIT_USAGE)
    except Exception as error:  # a bug: still one line unless asked for the traceback
        _fail_internal(error, debug)
    for line in [*totals.warning_lines(), *totals.failure_lines()]:
        typer.echo(f"summarizer: {line}" if not line.startswith(" ") else line, err=True)
    if totals.interrupted:
        _interrupt_reported.append(True)
        how = "terminated (SIGTERM)" if TERMINATED else "interrupted"
        if totals.unreachable:
            how = "stopped"
            typer.echo(
                f"summarizer: the model's server could not be reached "
                f"({runner.UNREACHABLE_AFTER} connection failures in a row, nothing summarized): "
                "check OPENAI_BASE_URL or --base-url, and that the server is running",
                err=True,
            )
        elif totals.stopped_by is not None:
            how = "stopped"
            typer.echo(
                f"summarizer: every article failed the same way ({runner.UNREACHABLE_AFTER} "
                f"{totals.stopped_by} errors in a row, nothing summarized): fix what the error "
                "above says, then finish the run",
                err=True,
            )
        typer.echo(f"summarizer: {how}: {totals.line()}", err=True)
        on_command_line = {
            name
            for name in ("engine", "model", "base_url")
            if (source := ctx.get_parameter_source(name)) is not None
            and source.name == "COMMANDLINE"
            and not (name == "engine" and engine is EngineOpt.auto)
        }
        argv = sys.argv[1:]
        command = runner.resume_command(argv, output, runner.decided_by(totals, on_command_line))
        if command is not None:
            typer.echo(f"summarizer: to finish, run: {command}", err=True)
            if runner.key_given(argv):
                typer.echo(
                    "summarizer: (the API key is left out of it: add --api-key KEY again, "
                    "or set OPENAI_API_KEY)",
                    err=True,
                )
        else:
            typer.echo(
                "summarizer: the records went to standard output; to be able to resume, "
                "write them to a file with -o FILE (then --resume finishes an interrupted run)",
                err=True,
            )
    else:
        typer.echo(f"summarizer: {totals.line()}", err=True)
    raise typer.Exit(totals.exit_code())


def _several_articles(output_format: FormatOpt, output: Path | None) -> str:
    """Why a batch cannot be written in ``output_format`` to ``output``, and the fix."""
    if output_format is not FormatOpt.html:
        return (
            "several articles are written as JSON Lines, or as review pages with -f html -o "
            f"DIR: drop --format {output_format.value}"
        )
    if output is None:
        return "several articles' review pages go to a folder: add -o DIR"
    return (
        f"-o {output} names an .html file, but several articles' review pages go to a "
        "folder: give -o a folder (a name without .html), or drop -f html for JSON Lines"
    )


@app.command("eval")
def eval_command(
    gold: Annotated[
        str,
        typer.Argument(
            metavar="GOLD.jsonl",
            hidden=True,  # described in the command's help (typer would add <str>)
        ),
    ],
    predictions: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Also write the predictions here, one JSON line each."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object with every figure.")
    ] = False,
    speakers: Annotated[
        bool, typer.Option("--speakers", help="List every distinct speaker produced, with counts.")
    ] = False,
    rules: Annotated[
        bool, typer.Option("--rules", help="Score each attribution rule on its own.")
    ] = False,
    engine: Annotated[
        str,
        typer.Option(
            metavar="[offline|llm]", help="llm: any model on any OpenAI-compatible server."
        ),
    ] = "offline",
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            "-m",
            envvar="SUMMARIZER_MODEL",
            metavar="MODEL",
            help="Model (--engine llm).",
        ),
    ] = None,
    api_key: Annotated[
        str | None,
        typer.Option(
            envvar="OPENAI_API_KEY", show_default=False, metavar="KEY", help="API key (llm)."
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(envvar="OPENAI_BASE_URL", metavar="URL", help="Server's /v1 URL (llm)."),
    ] = None,
    mode: Annotated[
        str, typer.Option(metavar="MODE", help="Structured-output mode (llm).")
    ] = "auto",
    timeout: Annotated[
        float | None, typer.Option(min=0.1, metavar="SECONDS", help="Seconds per request.")
    ] = None,
    max_output_tokens: Annotated[
        int | None, typer.Option(min=16, metavar="N", help="Output limit.")
    ] = None,
) -> None:
    """Score the offline engine's (or a model's) quotes, attributions and speakers against
    annotated news.

    GOLD.jsonl: annotated JSONL (PolNeAR with attributions, or GUM quote_spans).
    """
    from summarizer.evaluation.quotes import evaluate, load_jsonl, offline_extract

    llm = None
    unreachable: tuple[type[Exception], ...] = ()  # (the LLM engine's; imported with it)
    try:
        extract: Any = offline_extract
        if engine not in ("offline", "llm"):
            raise ConfigError(f"unknown engine {engine!r}: use offline or llm")
        if engine == "llm":
            from summarizer.config import Settings
            from summarizer.evaluation.llm import UNREACHABLE_AFTER, LLMExtract, ServerNeverReached

            settings = Settings.resolve(
                engine="llm",
                model=model,
                api_key=api_key,
                base_url=base_url,
                mode=mode,
                timeout=timeout,
                max_output_tokens=max_output_tokens,
            )
            unreachable = (ServerNeverReached,)
            extract = llm = LLMExtract(
                settings, stop_on=STOP_KINDS, unreachable_after=UNREACHABLE_AFTER
            )
        docs = load_jsonl(gold)
        wall = llm is not None  # a model's speed is its requests' time, not this process's CPU
        collector: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
        if not wall:
            # the offline engine runs as in a batch's worker processes, its collector included:
            # its articles per second are what a batch gets from each core
            from summarizer.batch import collected_as_worker

            collector = collected_as_worker()
        with collector:
            if predictions is None:
                score = evaluate(docs, extract, wall_clock=wall)
            else:
                with predictions.open("w", encoding="utf-8") as out:
                    score = evaluate(docs, extract, out, wall_clock=wall)
    except SummarizerError as error:
        _fail(str(error), exit_code_for(error))
    except OSError as error:
        _fail(f"cannot write {predictions}: {error.strerror or error}", EXIT_USAGE)
    except unreachable as error:  # as `run` stops: one line, not every article retried
        _fail(
            f"the model's server could not be reached ({error}): check OPENAI_BASE_URL or "
            "--base-url, and that the server is running",
            EXIT_FAILED,
        )
    finally:
        if llm is not None:
            llm.close()
    if llm is not None:
        typer.echo(llm.line(), err=as_json)  # --json: stdout is the one JSON object
        if llm.articles and sum(llm.failures.values()) == llm.articles:  # scores of nothing
            kinds = ", ".join(f"{kind}: {n}" for kind, n in llm.failures.most_common())
            _fail(
                f"every article failed ({kinds}), so there is nothing to score: "
                "check --base-url, --model and the server",
                EXIT_FAILED,
            )
    r = score.as_dict() | (llm.as_dict() if llm is not None else {})
    if as_json:
        if rules:
            r["rules"] = score.rules_dict()
        if speakers:
            r["speakers"] = dict(score.speakers.most_common())
        typer.echo(json.dumps(r))  # a figure that does not apply is null
        return
    if speakers:
        for name, n in sorted(score.speakers.items(), key=lambda kv: kv[0].lower()):
            typer.echo(f"{n:5d}  {name}")
        return
    if rules:
        for what, table in score.rules_dict().items():
            for rule, c in table.items():
                line = f"{what:12s} {rule:28s} P {c['precision']:.3f}"
                typer.echo(f"{line}  tp {c['tp']:4d}  fp {c['fp']:3d}")
        return
    f = {k: "n/a" if v is None else f"{v:.3f}" for k, v in r.items() if isinstance(v, float | None)}
    typer.echo(
        f"{r['articles']} articles: quote P {f['quote_precision']} R {f['quote_recall']} "
        f"F1 {f['quote_f1']}; speaker accuracy {f['speaker_accuracy']}, strict "
        f"{f['speaker_accuracy_strict']} (against the mention "
        f"{f['speaker_accuracy_strict_mention']}; {r['speaker_scored']} scored); "
        f"attributions P {f['attribution_precision']} R {f['attribution_recall']} "
        f"F1 {f['attribution_f1']}, unquoted F1 {f['attribution_f1_unquoted']}; "
        + (
            f"{r['articles_per_wall_s']} articles/s by the wall clock"
            if llm is not None
            else f"{r['articles_per_s']} articles/s"
        )
    )


app.command("report")(report.report)

from summarizer.cli import web  # noqa: E402 - registers `extract` and `eval-extract`

web.register(app)


_interrupt_reported: list[bool] = []  # a batch has said what it did before stopping


def main() -> None:
    """The console script: usage errors are one line, like every other error."""
    args = sys.argv[1:] or ["--help"]
    try:
        code = app(args, standalone_mode=False)
    except (typer.Abort, KeyboardInterrupt):  # Ctrl-C outside a batch, or while loading
        code = EXIT_INTERRUPTED
    except typer.TyperException as error:  # a bad option or value, an unknown command
        help_context = getattr(error, "ctx", None)
        if type(error).__name__ == "NoArgsIsHelpError" and help_context is not None:
            typer.echo(help_context.get_help())  # `summarizer batch`: its help, as `summarizer`
            sys.exit(EXIT_OK)
        message = getattr(error, "format_message", error.__str__)().replace("Value error, ", "")
        typer.echo(f"summarizer: error: {_one_line(message)}", err=True)
        code = getattr(error, "exit_code", EXIT_USAGE)
    except BrokenPipeError:  # `summarizer extract PAGE | head -1`
        _quiet_stdout()
        code = EXIT_BROKEN_PIPE
    except Exception as error:  # a bug in a command with no net of its own: still one line
        if "--debug" in args:
            raise
        typer.echo(
            f"summarizer: error: internal error ({type(error).__name__}): {_one_line(str(error))}",
            err=True,
        )
        code = EXIT_FAILED
    if code == EXIT_INTERRUPTED and not _interrupt_reported:  # Ctrl-C before a batch ran
        how = "terminated (SIGTERM)" if TERMINATED else "interrupted"
        typer.echo(f"summarizer: {how}; nothing was written", err=True)
    if code == EXIT_INTERRUPTED and TERMINATED:
        code = EXIT_TERMINATED
    sys.exit(code if isinstance(code, int) else EXIT_OK)


EXIT_BROKEN_PIPE = 141  # as shells report a process ended by SIGPIPE


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush of a closed pipe does
    not print a traceback (the recipe of Python's signal documentation)."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _one_line(message: str) -> str:
    return " ".join(message.split())


from summarizer.cli import support as _support  # noqa: E402, F401  (check-support, eval-support)


class _Command(typer.core.TyperCommand):
    """A command whose usage line names a required argument as click does (``PAGE``), not as
    typer writes it (``{PAGE}``: read as literal braces to type, or a choice of one)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        import re

        pieces = super().collect_usage_pieces(ctx)
        return [re.sub(r"^\{(.+)\}(\.\.\.)?$", r"\1\2", piece) for piece in pieces]


for _typer in (app, batch_app):  # every command, those registered by the modules above too
    for _info in _typer.registered_commands:
        if _info.cls in (None, typer.core.TyperCommand):
            _info.cls = _Command
