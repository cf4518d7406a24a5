"""What ``summarizer run`` does, apart from parsing options: one article, or a batch.

A batch streams JSON Lines (one record per article, written and flushed as each finishes),
resumes from an earlier output, shows progress on stderr and ends with one line of totals.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.batch import BatchOptions, Outcome, Progress, asummarize_many
from summarizer.config import DEFAULT_JOBS, Settings
from summarizer.errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE, ConfigError, ErrorKind, InputError
from summarizer.io.sources import collect, is_pattern

if TYPE_CHECKING:
    import httpx2

    from summarizer.engines.llm.cache import Cache
    from summarizer.http.exchanges import Recording
    from summarizer.http.ratelimit import RateLimiter
    from summarizer.io.output import JsonlWriter
    from summarizer.io.sources import Source


@dataclass(frozen=True)
class RunOptions:
    """What ``summarizer run`` was asked for: the settings (resolved once, by
    :meth:`settings`) and how to run the batch. None: the library's default."""

    engine: str | None = None
    model: str | None = None
    mode: str | None = None
    api_key: str | None = None
    base_url: str | None = None
    max_attempts: int | None = None
    timeout: float | None = None
    deadline: float | None = None
    max_bytes: int | None = None
    jobs: int = DEFAULT_JOBS
    workers: int = 1
    ordered: bool = False
    rpm: float | None = None
    tpm: float | None = None
    use_cache: bool = True
    record: Path | None = None
    replay: Path | None = None
    allow_private_urls: bool = False
    include_text: bool = False

    def settings(self) -> Settings:
        from summarizer.http.fetch import default_cache_dir

        return Settings.resolve(
            allow_private_urls=self.allow_private_urls,
            include_text=self.include_text,
            # fetched pages are kept unless --no-cache, whatever the engine
            page_cache_dir=str(default_cache_dir()) if self.use_cache else None,
            engine=self.engine,
            model=self.model,
            mode=self.mode,
            api_key=self.api_key,
            base_url=self.base_url,
            max_attempts=self.max_attempts,
            timeout=self.timeout,
            deadline=self.deadline,
            max_bytes=self.max_bytes,
        )

    def limiter(self) -> RateLimiter | None:
        if self.rpm is None and self.tpm is None:
            return None
        from summarizer.http.ratelimit import RateLimiter

        return RateLimiter(rpm=self.rpm, tpm=self.tpm)

    def cache(self) -> Cache | None:
        """The cache (opened on first use); None for ``--no-cache``, a replay, or offline."""
        if not self.use_cache or self.replay is not None or self.engine == "offline":
            return None  # a replay is not the model's word; offline results are not cached
        from summarizer.engines.llm.cache import Cache

        return Cache()

    def transport(self) -> Recording | httpx2.MockTransport | None:
        """The replay or recorder to send through, or None for the network."""
        if self.record and self.replay:
            raise ConfigError("--record and --replay cannot be used together")
        if self.replay:
            from summarizer.http.exchanges import Replay

            return Replay.from_file(self.replay).transport()
        if self.record:
            from summarizer.http.exchanges import Recorder

            return Recorder(self.record).transport()
        return None


def is_single(inputs: list[str], jsonl: list[str], output: Path | None, resume: bool) -> bool:
    """One article file (or stdin) and nothing that asks for a batch."""
    if len(inputs) != 1 or jsonl or resume:
        return False
    if output is not None and output.suffix == ".jsonl":
        return False
    given = inputs[0]
    return given == "-" or not (Path(given).is_dir() or is_pattern(given))


def run_single(article: str, options: RunOptions, fmt: str, output: Path | None) -> None:
    from summarizer import api
    from summarizer.io.inputs import is_url, read_article
    from summarizer.io.render import render, terminal_style

    settings = options.settings()
    url = article if is_url(article) else None
    text = None if url else read_article(article, max_bytes=settings.max_bytes)
    cache = options.cache()
    try:
        result = api.summarize(
            text,
            settings,
            url=url,
            input_name=article,
            transport=options.transport(),
            limiter=options.limiter(),
            cache=cache,
        )
    finally:
        if cache is not None:
            cache.close()
    style = terminal_style(sys.stdout) if output is None and fmt == "text" else (None, False)
    rendered = render(result, fmt, article=text, width=style[0], color=style[1])
    if output is None:
        sys.stdout.write(rendered)
    else:
        write_file(output, rendered)


def write_file(path: Path, text: str) -> None:
    try:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None


@dataclass
class Totals:
    progress: Progress
    skipped: int = 0
    usage_failures: int = 0

    def line(self) -> str:
        p = self.progress
        ok = p.done - p.failed
        parts = [f"{p.done} articles: {ok} summarized"]
        if p.cached:
            parts[0] += f" ({p.cached} from cache)"
        parts.append(f"{p.failed} failed")
        if self.skipped:
            parts.append(f"{self.skipped} already done (--resume)")
        return ", ".join(parts) + f"; {p.tokens:,} tokens; {p.elapsed:.1f}s"

    def exit_code(self) -> int:
        """0: all summarized; 1: some failed (rerun with --resume); 2: only bad inputs or
        settings failed (fix them first)."""
        failed = self.progress.failed
        if failed == 0:
            return EXIT_OK
        return EXIT_USAGE if failed == self.usage_failures else EXIT_FAILED


def run_batch(
    inputs: list[str],
    jsonl: list[str],
    options: RunOptions,
    output: Path | None,
    resume: bool,
    show_progress: bool,
) -> Totals:
    from summarizer.io.output import JsonlWriter, prepare_resume

    if options.workers > 1 and (options.record or options.replay):
        raise ConfigError("--record and --replay work in one process: drop --workers")
    if output is not None and not resume and output.exists() and output.stat().st_size:
        raise ConfigError(
            f"{output} already holds results: add --resume to continue that run, "
            "or write to a new file"
        )
    settings = options.settings()
    sources = collect(inputs, jsonl)
    done = prepare_resume(output) if resume and output is not None else set()
    totals = Totals(Progress(total=sum(1 for s in sources if s.name not in done)))
    totals.skipped = len(sources) - totals.progress.total
    writer = JsonlWriter(output)
    cache = options.cache()
    batch = BatchOptions(
        jobs=options.jobs,
        ordered=options.ordered,
        skip=frozenset(done),
        transport=options.transport(),
        limiter=options.limiter(),
        cache=cache,
    )
    try:
        if options.workers > 1:
            from summarizer.batch import summarize_many

            # the worker processes are forked here, before the progress bar starts a thread
            outcomes = summarize_many(
                sources,
                settings,
                workers=options.workers,
                jobs=batch.jobs,
                ordered=batch.ordered,
                skip=batch.skip,
                transport=batch.transport,
                limiter=batch.limiter,
                cache=batch.cache,
            )
            with _Report(writer, totals, show_progress) as report:
                for outcome in outcomes:
                    totals.progress.record(outcome)  # the workers count in their own process
                    report.add(outcome)
        else:
            asyncio.run(_drive(sources, settings, batch, writer, totals, show_progress))
    finally:
        writer.close()
        if cache is not None:
            cache.close()
    return totals


async def _drive(
    sources: list[Source],
    settings: Settings,
    batch: BatchOptions,
    writer: JsonlWriter,
    totals: Totals,
    show_progress: bool,
) -> None:
    with _Report(writer, totals, show_progress) as report:
        async for outcome in asummarize_many(
            sources,
            settings,
            jobs=batch.jobs,
            ordered=batch.ordered,
            skip=batch.skip,
            transport=batch.transport,
            limiter=batch.limiter,
            cache=batch.cache,
            progress=totals.progress,
            on_start=report.started,
        ):
            report.add(outcome)


class _Report:
    """Writes each outcome's line, counts it, and keeps the progress bar current."""

    def __init__(self, writer: Any, totals: Totals, show_progress: bool) -> None:
        self.writer, self.totals = writer, totals
        self.bar = _Bar(totals.progress) if show_progress else None

    def __enter__(self) -> _Report:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar:
            self.bar.stop()

    def started(self, _source: Any) -> None:
        if self.bar:
            self.bar.refresh()

    def add(self, outcome: Outcome) -> None:
        self.writer.write(outcome.to_json())
        _count(outcome, self.totals)
        if self.bar:
            self.bar.refresh()


def _count(outcome: Outcome, totals: Totals) -> None:
    if outcome.error is not None and ErrorKind.of(outcome.error.error.kind).is_usage:
        totals.usage_failures += 1


class _Bar:
    """A rich progress bar on stderr: done / failed / in flight, tokens, ETA."""

    def __init__(self, progress: Progress) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as RichProgress

        self.progress = progress
        self.rich = RichProgress(
            BarColumn(),
            TextColumn("{task.completed}/{task.total} done"),
            TextColumn("{task.fields[failed]} failed, {task.fields[in_flight]} in flight"),
            TextColumn("{task.fields[tokens]:,} tokens"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.rich.add_task(
            "summarizing", total=progress.total, failed=0, in_flight=0, tokens=0
        )
        self.rich.start()

    def refresh(self) -> None:
        p = self.progress
        self.rich.update(
            self.task, completed=p.done, failed=p.failed, in_flight=p.in_flight, tokens=p.tokens
        )

    def stop(self) -> None:
        self.rich.stop()
