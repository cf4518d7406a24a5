"""``summarizer batch prepare|submit|status|collect``: provider batch jobs and ``vllm run-batch``.

Options are parsed here; the work is :mod:`summarizer.jobs`. Imports are made inside each
command, so ``summarizer --help`` stays fast.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from summarizer.errors import InputError, SummarizerError

if TYPE_CHECKING:
    from summarizer.config import Settings

EXIT_RUNNING = 3  # collect: some batches have not finished yet

batch_app = typer.Typer(
    name="batch",
    help="Batch jobs: write requests for a provider's Batch API or vllm run-batch, submit "
    "them, follow them, and collect the results with the same guarantees as `run`.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class PrepareMode(StrEnum):
    """The modes a request file can be written in: one, fixed (``auto`` probes a live server,
    which a file cannot do)."""

    tools = "tools"
    json_schema = "json_schema"
    json = "json"
    md_json = "md_json"


class ReaskOpt(StrEnum):
    online = "online"
    batch = "batch"


ModelOpt = Annotated[
    str | None,
    typer.Option("--model", "-m", envvar="SUMMARIZER_MODEL", metavar="MODEL", help="Model name."),
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        envvar="OPENAI_BASE_URL", metavar="URL", help="Any OpenAI-compatible server's /v1 URL."
    ),
]
ApiKeyOpt = Annotated[
    str | None,
    typer.Option(envvar="OPENAI_API_KEY", show_default=False, metavar="KEY", help="API key."),
]
CacheOpt = Annotated[
    bool, typer.Option(help="Use the result cache (SUMMARIZER_CACHE_DIR to move it).")
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks and library logs.")]


def _fail(error: BaseException, debug: bool) -> NoReturn:
    from summarizer.cli.main import _fail as fail
    from summarizer.cli.main import exit_code_for
    from summarizer.errors import EXIT_FAILED

    if debug:
        raise error
    if isinstance(error, SummarizerError):
        message = str(error)
        if message.startswith("No API key"):  # the batch commands have no --engine
            message = (
                "No API key: set OPENAI_API_KEY or give --api-key; for your own server (vLLM, "
                "Ollama, llama.cpp) give --base-url URL or set OPENAI_BASE_URL"
            )
        fail(message, exit_code_for(error))
    fail(
        f"internal error ({type(error).__name__}): {error}; rerun with --debug for details",
        EXIT_FAILED,
    )


def _settings(**options: Any) -> Settings:
    from summarizer.config import Settings

    return Settings.resolve(engine="llm", **options)


def _client(settings: Settings, rpm: float | None = None, tpm: float | None = None) -> Any:
    """The client for the Files and Batches API and online re-asks (made when needed)."""
    from summarizer.jobs.provider import client_for

    return client_for(settings, rpm=rpm, tpm=tpm)


def _cache(use: bool) -> Any:
    if not use:
        return None
    from summarizer.engines.llm.cache import Cache

    return Cache().open()


def _setup(debug: bool) -> None:
    from summarizer.cli import notices

    notices.install(debug)


@batch_app.command("prepare")
def prepare_command(
    articles: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ARTICLE",
            hidden=True,  # described in the command's help (typer would add <list[str]>)
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="The request file (more parts: OUT.2.jsonl, OUT.3.jsonl...).",
        ),
    ] = Path("requests.jsonl"),
    jsonl: Annotated[
        list[Path] | None,
        typer.Option(
            metavar="FILE",
            help='A JSONL file of {"id": ..., "text": ...} records (the text may also be under '
            '"article", "content" or "body"; repeatable).',
        ),
    ] = None,
    model: ModelOpt = None,
    mode: Annotated[
        PrepareMode,
        typer.Option(
            metavar="[tools|json_schema|json|md_json]",
            help="How the model is asked for structure (one mode for the whole file).",
        ),
    ] = PrepareMode.tools,
    base_url: BaseUrlOpt = None,
    allow_private_urls: Annotated[
        bool,
        typer.Option(
            "--allow-private-urls", help="Fetch URLs on this machine or its private network too."
        ),
    ] = False,
    cache: CacheOpt = True,
    max_requests: Annotated[
        int, typer.Option(min=1, metavar="N", help="Requests per file (the provider's limit).")
    ] = 50_000,
    max_file_mb: Annotated[
        float,
        typer.Option(min=0.001, metavar="MB", help="Megabytes per file (the provider's limit)."),
    ] = 200.0,
    debug: DebugOpt = False,
) -> None:
    """Write one batch request per article (OpenAI batch JSONL), a manifest beside each file.

    ARTICLE: article files, directories or quoted globs; - for stdin.

    Articles whose result is already in the cache get no request. The files run on OpenAI's
    Batch API (`batch submit`) or on `vllm run-batch -i FILE -o RESULTS`.
    """
    _setup(debug)
    try:
        from summarizer.io.sources import collect as sources
        from summarizer.io.sources import refuse_jsonl_articles
        from summarizer.jobs.requestfiles import prepare

        inputs = list(articles or [])
        files = [str(p) for p in jsonl or []]
        if not inputs and not files:
            raise InputError("no articles given: name files, a directory, - for stdin, or --jsonl")
        refuse_jsonl_articles(inputs)
        _not_in_flight(output)
        store = _cache(cache)
        from summarizer.cli.codes import for_cli
        from summarizer.cli.runner import terminate_as_interrupt

        settings = _settings(
            model=model, mode=mode.value, base_url=base_url, allow_private_urls=allow_private_urls
        )
        with terminate_as_interrupt():  # SIGTERM as Ctrl-C: no partial request file is left
            report = prepare(
                sources(inputs, files),
                output,
                settings,
                cache=store,
                max_requests=max_requests,
                max_file_bytes=int(max_file_mb * 1024 * 1024),
                say=for_cli,
            )
        if not report.requests and report.failed:
            raise InputError(_none_readable(report))
    except Exception as error:
        _fail(error, debug)
    if not report.requests:
        typer.echo(
            f"summarizer: no request file written: all {report.cached:,} article(s) are already "
            "in the cache (`summarizer run` with the same --model gives their records from it)",
            err=True,
        )
        return
    for problem in report.problems:  # which inputs will be error records, and why
        typer.echo(f"summarizer: unreadable: {problem}", err=True)
    if report.failed > len(report.problems):
        typer.echo(f"summarizer: ... and {report.failed - len(report.problems):,} more", err=True)
    typer.echo(f"summarizer: {report.line()}", err=True)
    for path in report.files:
        typer.echo(str(path))


def _none_readable(report: Any) -> str:
    """Why no request was written: the unreadable inputs (one: its own message)."""
    if report.failed == 1 and not report.cached:
        return str(report.problems[0])
    shown = "; ".join(report.problems) + ("; ..." if report.failed > len(report.problems) else "")
    cached = f" ({report.cached:,} already in the cache)" if report.cached else ""
    return f"no request file written: {report.failed:,} input(s) unreadable{cached}: {shown}"


def _not_in_flight(output: Path) -> None:
    """Preparing over request files that a job still needs would orphan its results: they
    would match no request of the new files (each file's requests carry its own tag)."""
    import json

    from summarizer.jobs.provider import default_job_path

    job = default_job_path(output)
    try:
        runs = json.loads(job.read_text(encoding="utf-8")).get("runs") or []
    except (OSError, ValueError, AttributeError):
        return  # no job (or not one of ours): nothing to lose
    if any(isinstance(run, dict) and not run.get("collected") for run in runs):
        raise InputError(
            f"{output} was submitted as the job {job}, which is not collected yet: collect it "
            f"first (summarizer batch collect --job {job} -o FILE), or prepare into another "
            "file with -o"
        )


@batch_app.command("submit")
def submit_command(
    requests: Annotated[
        list[Path],
        typer.Argument(
            metavar="REQUESTS.jsonl",
            hidden=True,  # described in the command's help (typer would add <list[Path]>)
        ),
    ],
    job: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE", help="The job state file (default: beside the first request file)."
        ),
    ] = None,
    api_key: ApiKeyOpt = None,
    base_url: BaseUrlOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Upload the request files and start a batch for each; write the job state file.

    REQUESTS.jsonl: request files written by `batch prepare`.
    """
    _setup(debug)
    from summarizer.cli.runner import terminate_as_interrupt

    path = None
    try:
        from summarizer.jobs import provider

        settings = _settings(api_key=api_key, base_url=base_url)
        path = job or provider.default_job_path(requests[0])
        with terminate_as_interrupt(), _client(settings) as client:
            state = provider.submit(requests, path, client, settings)
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM: what the job file holds
        if path is None or not path.exists():
            raise  # nothing submitted: said as for any command
        _submit_interrupted(path)
    except Exception as error:
        _fail(error, debug)
    typer.echo(f"summarizer: {state.line()}; job file {path}", err=True)


def _submit_interrupted(path: Path) -> NoReturn:
    """An interrupted submit: the job file holds each batch started so far (it is saved after
    each), and the same command submits the rest."""
    from summarizer.cli.codes import EXIT_INTERRUPTED, EXIT_TERMINATED, TERMINATED
    from summarizer.cli.main import _interrupt_reported
    from summarizer.jobs import provider

    _interrupt_reported.append(True)
    try:
        runs = provider.JobState.load(path).runs
        held = f"the {sum(run.batch_id is not None for run in runs)} batch(es) started so far"
    except InputError:  # (not a job file: submit refused it before sending anything)
        held = "what was started so far"
    how = "terminated (SIGTERM)" if TERMINATED else "interrupted"
    typer.echo(
        f"summarizer: {how}: the job file {path} holds {held}; "
        "run the same command again to submit the rest (a batch being created at that moment "
        "may have started without being recorded: check the provider's list of batches)",
        err=True,
    )
    raise typer.Exit(EXIT_TERMINATED if TERMINATED else EXIT_INTERRUPTED)


@batch_app.command("status")
def status_command(
    job: Annotated[
        Path,
        typer.Argument(
            metavar="JOB",
            hidden=True,  # described in the command's help (typer would add <path>)
        ),
    ],
    api_key: ApiKeyOpt = None,
    base_url: BaseUrlOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Ask the provider how each batch of the job is doing.

    JOB: the job state file `batch submit` wrote.
    """
    _setup(debug)
    from summarizer.cli.runner import terminate_as_interrupt

    try:
        from summarizer.jobs import provider

        state = provider.JobState.load(job)
        settings = _settings(api_key=api_key, base_url=base_url or state.base_url)
        with terminate_as_interrupt(), _client(settings) as client:
            provider.refresh(state, client, settings)
    except Exception as error:
        _fail(error, debug)
    for run in state.runs:
        counts = run.counts
        progress = f"{counts.get('completed', 0):,} completed, {counts.get('failed', 0):,} failed"
        progress += f" of {counts['total']:,}" if counts.get("total") else ""
        why = f" ({run.errors[0]})" if run.errors else ""
        typer.echo(f"{run.batch_id}\tround {run.round}\t{run.status}\t{progress}{why}")
    typer.echo(f"summarizer: {state.line()}", err=True)


def _said(report: Any, job: Path | None) -> None:
    typer.echo(f"summarizer: {report.line()}", err=True)
    for path in report.reask_files:
        where = "submitted" if job is not None else "run it, then collect its results"
        typer.echo(f"summarizer: re-ask batch {path} ({where})", err=True)


@batch_app.command("collect")
def collect_command(
    results: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="RESULTS",
            hidden=True,  # described in the command's help (typer would add <list[Path]>)
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="FILE", help="JSON Lines: one record per input."),
    ] = Path("summaries.jsonl"),
    requests: Annotated[
        list[Path] | None,
        typer.Option(metavar="FILE", help="The request files the results answer (repeatable)."),
    ] = None,
    job: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="The job state file: fetch finished batches' results."),
    ] = None,
    reask: Annotated[
        ReaskOpt,
        typer.Option(
            metavar="[online|batch]",
            help="Answers that fail validation: ask again online, or as a new batch.",
        ),
    ] = ReaskOpt.online,
    wait: Annotated[
        bool, typer.Option("--wait", help="With --job: wait until every batch ends.")
    ] = False,
    poll: Annotated[
        float,
        typer.Option(min=0.0, metavar="SECONDS", help="Seconds between status checks."),
    ] = 60.0,
    jobs: Annotated[
        int, typer.Option(min=1, metavar="N", help="Online re-asks in flight at once.")
    ] = 8,
    rpm: Annotated[
        float | None,
        typer.Option(envvar="SUMMARIZER_RPM", metavar="N", help="Online re-asks per minute."),
    ] = None,
    tpm: Annotated[
        float | None,
        typer.Option(envvar="SUMMARIZER_TPM", metavar="N", help="Online re-ask tokens/min."),
    ] = None,
    max_attempts: Annotated[
        int, typer.Option(min=1, metavar="N", help="Model calls per article, re-asks included.")
    ] = 3,
    model: ModelOpt = None,
    api_key: ApiKeyOpt = None,
    base_url: BaseUrlOpt = None,
    cache: CacheOpt = True,
    self_hosted: Annotated[
        bool,
        typer.Option(
            "--self-hosted", help="Results from your own cluster: priced as online, not batch."
        ),
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Parse, ground and re-ask every answer; write one record per input to --output.

    RESULTS: results files produced elsewhere (vllm run-batch output, a provider's output
    and error files); with --requests. Leave out with --job.

    Inputs that already have a record in --output are skipped, so collecting again (after a
    re-ask batch, or a kill) leaves every input exactly once. Exit 0 when every input is
    summarized, 1 when some failed, 3 when batches are still running.
    """
    _setup(debug)
    from summarizer.cli.runner import terminate_as_interrupt

    written: list[Any] = []  # the reports of the rounds collected, for an interruption
    try:
        with terminate_as_interrupt():
            report, running = _collect(
                results, output, requests, job, reask, wait, poll, jobs, rpm, tpm, max_attempts,
                model, api_key, base_url, cache, self_hosted, written,
            )  # fmt: skip
    except KeyboardInterrupt as stop:  # Ctrl-C, or SIGTERM: say what was written
        _interrupted(stop, written, output)
    except Exception as error:
        _fail(error, debug)
    if report is None and not running:
        typer.echo(
            "summarizer: nothing new to collect: every batch of the job is collected", err=True
        )
    if report is not None:
        _said(report, job)
    if running:
        typer.echo(
            f"summarizer: {len(running)} batch(es) still running: collect again later, or "
            "use --wait",
            err=True,
        )
        raise typer.Exit(EXIT_RUNNING)
    raise typer.Exit(report.exit_code() if report is not None else 0)


def _interrupted(stop: KeyboardInterrupt, written: list[Any], output: Path) -> NoReturn:
    """What an interrupted collect wrote, and the command that finishes it (the same one:
    collecting again skips the inputs summarized and redoes the rest)."""
    import sys

    from summarizer.cli.codes import EXIT_INTERRUPTED, EXIT_TERMINATED, TERMINATED
    from summarizer.cli.main import _interrupt_reported
    from summarizer.cli.runner import key_given
    from summarizer.jobs.results import CollectInterrupted

    _interrupt_reported.append(True)
    reports = [*written, *([stop.report] if isinstance(stop, CollectInterrupted) else [])]
    records = sum(r.records for r in reports)
    summaries = sum(r.summaries for r in reports)
    how = "terminated (SIGTERM)" if TERMINATED else "interrupted"
    typer.echo(
        f"summarizer: {how}: {records:,} records written to {output} ({summaries:,} "
        f"summarized, {records - summaries:,} failed); the rest has no record yet",
        err=True,
    )
    argv = sys.argv[1:]
    command = _without_key(argv) if argv[:2] == ["batch", "collect"] else None
    typer.echo(
        "summarizer: to finish, run the same command again"
        + (f": {command}" if command else " (inputs already summarized are skipped)"),
        err=True,
    )
    if key_given(argv):
        typer.echo(
            "summarizer: (the API key is left out of it: add --api-key KEY again, or set "
            "OPENAI_API_KEY)",
            err=True,
        )
    raise typer.Exit(EXIT_TERMINATED if TERMINATED else EXIT_INTERRUPTED)


def _without_key(argv: list[str]) -> str:
    import shlex

    from summarizer.cli.runner import without_api_key

    return shlex.join(["summarizer", *without_api_key(argv)])


def _collect(
    results: list[Path] | None,
    output: Path,
    requests: list[Path] | None,
    job: Path | None,
    reask: ReaskOpt,
    wait: bool,
    poll: float,
    jobs: int,
    rpm: float | None,
    tpm: float | None,
    max_attempts: int,
    model: str | None,
    api_key: str | None,
    base_url: str | None,
    cache: bool,
    self_hosted: bool,
    written: list[Any],
) -> tuple[Any, list[Any]]:
    """The collect command's work: (the last round's report, the batches still running)."""
    from summarizer.jobs import provider
    from summarizer.jobs.results import collect

    settings = _settings(model=model, api_key=api_key, base_url=base_url, max_attempts=max_attempts)
    store = _cache(cache)
    if job is not None:
        if results or requests:
            raise InputError("give either --job, or RESULTS files with --requests")
        state = provider.JobState.load(job)
        settings = _settings(
            model=model or state.model,
            api_key=api_key,
            base_url=base_url or state.base_url,  # the server the job was submitted to
            max_attempts=max_attempts,
        )
        with _client(settings, rpm, tpm) as client:
            if wait:
                provider.wait(state, client, settings, poll=poll)
            report = provider.collect_job(
                state, client, settings, output, reask=reask.value, cache=store, jobs=jobs
            )
            while wait and report is not None and report.reask_files:
                _said(report, job)  # this round; then wait for the re-ask batch it submitted
                written.append(report)
                provider.wait(state, client, settings, poll=poll)
                report = provider.collect_job(
                    state, client, settings, output, reask=reask.value, cache=store, jobs=jobs
                )
        running = [run for run in state.runs if not run.finished]
    else:
        if not results or not requests:
            raise InputError("name the RESULTS files and their --requests files (or --job)")
        from summarizer.jobs.provider import limiter_for

        report = collect(
            results, requests, output, settings, reask=reask.value, cache=store, jobs=jobs,
            limiter=limiter_for(rpm, tpm), batch_results=not self_hosted,
        )  # fmt: skip
        running = []
    return report, running
