"""What ``summarizer run`` does, apart from parsing options: one article, or a batch.

A batch streams JSON Lines (one record per article, written and flushed as each finishes),
resumes from an earlier output, shows progress on stderr and ends with one line of totals.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import shlex
import stat
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.batch import BatchOptions, Outcome, Progress, default_workers, summarize_many
from summarizer.cli import notices
from summarizer.cli.codes import EXIT_INTERRUPTED, EXIT_TERMINATED, STOP_KINDS, TERMINATED, for_cli
from summarizer.config import DEFAULT_JOBS, Settings
from summarizer.errors import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    ConfigError,
    ErrorKind,
    InputError,
    SummarizerError,
)
from summarizer.io.output import cannot_write, results_problem, whole_line
from summarizer.io.sources import collect, is_pattern

if TYPE_CHECKING:
    from collections.abc import Generator, Iterator

    import httpx2

    from summarizer.engines.llm.cache import Cache
    from summarizer.http.exchanges import Recording, Replay
    from summarizer.http.ratelimit import RateLimiter
    from summarizer.io.output import JsonlWriter
    from summarizer.io.sources import Source

_EXAMPLES = 3  # warnings shown after a batch; all of them are in the records


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
    max_output_tokens: int | None = None
    context_window: int | None = None
    retry_timeouts: bool | None = None
    jobs: int = DEFAULT_JOBS
    workers: int | None = None  # None: one per CPU for the offline engine, else 1
    ordered: bool = False
    rpm: float | None = None
    tpm: float | None = None
    use_cache: bool = True
    record: Path | None = None
    replay: Path | None = None
    allow_private_urls: bool = False
    include_text: bool = False

    def settings(self) -> Settings:
        from summarizer.config import default_cache_dir

        return Settings.resolve(
            allow_private_urls=self.allow_private_urls,
            include_text=self.include_text,
            # fetched pages are kept unless --no-cache, whatever the engine
            page_cache_dir=str(default_cache_dir()) if self.use_cache else None,
            engine=self.engine,
            model=self.model,
            mode=self.mode,
            api_key=self.api_key,
            base_url=self.base_url or (self._replay.base_url if self._replay else None),
            max_attempts=self.max_attempts,
            timeout=self.timeout,
            deadline=self.deadline,
            max_bytes=self.max_bytes,
            max_output_tokens=self.max_output_tokens,
            context_window=self.context_window,
            retry_timeouts=self.retry_timeouts,
        )

    @cached_property
    def _replay(self) -> Replay | None:
        """The ``--replay`` file, read once. Its server, as recorded, is the results' server
        (a replay contacts nothing: its results name the server that gave them, not the
        default one) unless --base-url says otherwise."""
        if self.replay is None:
            return None
        from summarizer.http.exchanges import Replay

        return Replay.from_file(self.replay)

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
        if self._replay is not None:
            return self._replay.transport()
        if self.record:
            from summarizer.http.exchanges import Recorder

            _check_writable(self.record, "--record")  # before any request: tokens are spent
            return Recorder(self.record).transport()
        return None


def _not_an_input(output: Path, paths: Iterable[str]) -> None:
    """Refuse to write the results over an article or a --jsonl file being read: the output
    file is replaced (one article) or rewritten (--resume), and the input would be lost."""
    try:
        target = output.stat()
    except OSError:
        return  # not there yet: nothing to overwrite
    for path in dict.fromkeys(paths):
        try:
            found = os.stat(path) if path != "-" else None
        except OSError:
            continue
        if found is not None and (found.st_dev, found.st_ino) == (target.st_dev, target.st_ino):
            raise ConfigError(
                f"-o {output} is also an input ({path}): write the results to another file"
            )


def _check_writable(path: Path, option: str) -> None:
    """A file that will be written during the run can be, or a usage error now (a failed
    write in the middle of a request would pass for a network error)."""
    problem = None
    if path.is_dir():
        problem = "is a directory"
    elif not path.parent.is_dir():
        problem = f"no such directory {path.parent}"
    elif not os.access(path if path.exists() else path.parent, os.W_OK):
        problem = "permission denied"
    if problem is not None:
        raise InputError(f"cannot write {option} {path}: {problem}")


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

    if output is not None:
        _not_an_input(output, [article])
    settings = options.settings()
    if fmt != "json":  # the readable formats show the text the offsets index
        settings = replace(settings, include_text=True)
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
    rendered = render(result, fmt, width=style[0], color=style[1])
    if output is None:
        sys.stdout.write(rendered)
    else:
        write_file(output, rendered)


def write_file(path: Path, text: str) -> None:
    """``text`` in the file at ``path``, whole or not at all (written beside it, then renamed);
    a device or a pipe (``-o /dev/null``, ``-o /dev/stdout``) is written to, never replaced,
    and a symbolic link's file is replaced, not the link."""
    try:
        if path.exists() and not path.is_file():
            with path.open("w", encoding="utf-8") as out:
                out.write(text)
            return
        target = path.resolve() if path.is_symlink() else path
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    except OSError as exc:
        raise InputError(cannot_write(path, exc)) from None


@dataclass
class Totals:
    """What the output holds: counted as each record is written (``progress``, which the
    library keeps as articles finish, drives the bar and the clock)."""

    progress: Progress
    skipped: int = 0
    written: int = 0
    failed: int = 0
    cached: int = 0
    usage_failures: int = 0
    tokens_spent: int = 0  # asked of the model in this run
    tokens_cached: int = 0  # what the results served from the cache had cost
    warnings: int = 0
    examples: list[str] = field(default_factory=list)  # a few warnings, "input: warning"
    failures: list[str] = field(default_factory=list)  # the first failures, "input: message"
    interrupted: bool = False
    unreachable: bool = False  # stopped: the model's server could not be reached at all
    stopped_by: str | None = None  # stopped: every article failed with this kind of error
    engine: str | None = None  # what decides the results: for the command that resumes
    model: str | None = None
    base_url: str | None = None

    def count(self, outcome: Outcome) -> None:
        self.written += 1
        if outcome.error is not None:
            self.failed += 1
            if len(self.failures) < _EXAMPLES:
                info = outcome.error.error
                message = for_cli(info.message).removeprefix(f"{outcome.input}: ")
                self.failures.append(f"{outcome.input} ({info.kind}): {message}")
            if ErrorKind.of(outcome.error.error.kind).is_usage:
                self.usage_failures += 1
        if not outcome.ok:
            return
        facts = outcome.facts  # not ``outcome.summary``: a worker's line is not parsed again
        self.cached += facts.cached
        if facts.cached:
            self.tokens_cached += facts.tokens
        else:
            self.tokens_spent += facts.tokens
        self.warnings += len(facts.warnings)
        for warning in facts.warnings[: max(0, _EXAMPLES - len(self.examples))]:
            self.examples.append(f"{outcome.input}: {warning}")

    def line(self) -> str:
        p = self.progress
        head = _count_of(self.written, "article")
        if self.interrupted:
            head = f"{self.written:,} of {_count_of(p.total, 'article')}"
        parts = [f"{head}: {self.written - self.failed:,} summarized"]
        if self.cached:
            parts[0] += f" ({self.cached:,} from cache)"
        parts.append(f"{self.failed:,} failed")
        if self.skipped:
            parts.append(f"{self.skipped:,} already done (--resume)")
        tokens = f"{self.tokens_spent:,} tokens spent"
        if self.tokens_cached:
            tokens += f", {self.tokens_cached:,} served from cache"
        tail = [tokens]
        if self.warnings:
            tail.append(_count_of(self.warnings, "warning"))
        return ", ".join(parts) + "; " + "; ".join(tail) + f"; {p.elapsed:.1f}s"

    def warning_lines(self) -> list[str]:
        """A few examples of the warnings, not one line per article."""
        return _first(self.warnings, self.examples, "warning", "the records' run.warnings")

    def failure_lines(self) -> list[str]:
        """The first failures, which input and why (all of them are error records)."""
        return _first(self.failed, self.failures, "failure", "the error records")

    def exit_code(self) -> int:
        """0: all summarized; 1: some failed (rerun with --resume), or the model's server could
        not be reached; 2: only bad inputs or settings failed (fix them first); a batch that
        every article failed the same way stopped: that kind's code; 130: interrupted; 143:
        terminated (SIGTERM)."""
        if self.stopped_by is not None:
            return ErrorKind.of(self.stopped_by).exit_code
        if self.unreachable:
            return EXIT_FAILED
        if self.interrupted:
            return EXIT_TERMINATED if TERMINATED else EXIT_INTERRUPTED
        if self.failed == 0:
            return EXIT_OK
        return EXIT_USAGE if self.failed == self.usage_failures else EXIT_FAILED


def _first(total: int, examples: list[str], noun: str, where: str) -> list[str]:
    """A head line counting ``total`` and the ``examples`` under it, indented."""
    if not total:
        return []
    head = (
        f"{total:,} {noun}s in {where}; the first {len(examples)}:"
        if total > len(examples)
        else f"{_count_of(total, noun)} (also in {where}):"
    )
    return [head, *(f"  {example}" for example in examples)]


def _count_of(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def run_batch(
    inputs: list[str],
    jsonl: list[str],
    options: RunOptions,
    output: Path | None,
    resume: bool,
    show_progress: bool,
) -> Totals:
    """Run the batch; Ctrl-C stops it with the totals so far (``Totals.interrupted``)."""
    from summarizer.io.output import JsonlWriter

    if (options.workers or 1) > 1 and (options.record or options.replay):
        raise ConfigError("--record and --replay work in one process: drop --workers")
    if output is not None and output.is_dir():
        raise ConfigError(
            f"{output} is a directory: write the JSON Lines to a file (-o FILE), "
            "or review pages there with -f html -o DIR"
        )
    sources = collect(inputs, jsonl)
    if output is not None:
        _not_an_input(output, [*jsonl, *(s.path for s in sources if s.path is not None)])
    if output is not None and not resume and output.is_file() and output.stat().st_size:
        problem = results_problem(output)
        if problem is None:
            raise ConfigError(
                f"{output} already holds results: add --resume to continue that run, "
                "or write to a new file"
            )
        raise ConfigError(f"{output} exists and is not a results file ({problem}): {_ANOTHER}")
    settings = options.settings()
    given = set(inputs) | set(jsonl)
    for source in sources:  # a directory with no articles, a glob matching nothing
        if source.problem is not None and source.name in given and source.path is None:
            raise InputError(f"{source.name}: {source.problem}")
    if settings.engine != "offline" and (settings.llm_configured or options.replay):
        # imported now, not in the event loop under a bar that would sit at 0 meanwhile
        import summarizer.engines.llm.engine  # noqa: F401
    offline = runs_offline(settings, options)
    watch = None if offline else _ServerWatch(frozenset(s.name for s in sources if s.url))
    ours = ("offline", None) if offline else ("llm", settings.model)
    done = _resume(output, ours) if resume and output is not None else set()
    totals = Totals(Progress(total=sum(1 for s in sources if s.name not in done)))
    totals.engine, totals.model = ours
    totals.base_url = None if offline else settings.base_url
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
        packed=True,  # the records are written as lines: rendered as each article ends
    )
    workers = options.workers or (default_workers() if offline else 1)
    if not offline:
        # what start-up made (modules, classes: some 140,000 objects) outlives the batch: the
        # collector's full passes no longer walk it while the batch runs (unfrozen after it).
        # This program's own choice for its process, never the library's
        gc.freeze()
    try:
        if workers > 1 and totals.progress.total > 1:
            # forked here, before the progress bar starts a thread; the offline engine's
            # records come in input order, as they do from one process
            outcomes = summarize_many(
                sources,
                settings,
                workers=workers,
                jobs=batch.jobs,
                ordered=batch.ordered or offline,
                skip=batch.skip,
                transport=batch.transport,
                limiter=batch.limiter,
                cache=batch.cache,
            )
            # the parent does not see what the worker processes have in flight
            with (
                contextlib.closing(outcomes),  # the workers end at once if writing fails
                _Report(writer, totals, show_progress, in_flight=False, watch=watch) as report,
            ):
                try:
                    for outcome in outcomes:
                        totals.progress.record(outcome)  # the workers count in their own process
                        report.add(outcome)
                except KeyboardInterrupt:
                    for outcome in _finished(outcomes):  # written before the run stops
                        totals.progress.record(outcome)
                        report.add(outcome)
                    raise
        else:
            asyncio.run(_drive(sources, settings, batch, writer, totals, show_progress, watch))
    except KeyboardInterrupt:
        totals.interrupted = True
    except ServerUnreachable as stop:  # stopped as an interruption is: what is done is kept
        totals.interrupted = True
        if stop.kind is ErrorKind.CONNECTION:
            totals.unreachable = True
        else:
            totals.stopped_by = stop.kind.value
    finally:
        writer.close()
        if cache is not None:
            cache.close()
        if not offline:
            gc.unfreeze()
    return totals


_ANOTHER = "choose another -o file (a batch writes its JSON Lines to a new or empty file)"


def _resume(output: Path, ours: tuple[str, str | None]) -> set[str]:
    """The inputs ``output`` already holds summaries of (the file is left holding just
    those); refused, the file untouched, when it is not a batch's results or its summaries
    came from another engine or model than ``ours``."""
    from summarizer.io.output import Earlier, NotResults, read_resume

    def same_run(earlier: Earlier) -> None:
        for theirs in sorted(earlier.runs, key=str):
            if theirs[0] != ours[0] or (theirs[0] == "llm" and theirs[1] != ours[1]):
                raise ConfigError(
                    f"--resume: {output} holds summaries by {_made_by(theirs)}, but this run "
                    f"would use {_made_by(ours)}: give the same --engine and --model as the "
                    "first run, or write to another -o file"
                )

    try:
        return read_resume(output, same_run).done
    except NotResults as exc:
        raise ConfigError(
            f"--resume: {output} is not a results file ({exc}), so it is left as it is: {_ANOTHER}"
        ) from None


def _made_by(run: tuple[str, str | None]) -> str:
    engine, model = run
    if engine == "llm":
        return f"the llm engine with model {model}" if model else "the llm engine"
    return f"the {engine} engine"


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM stops a batch as Ctrl-C does: whole lines only, the totals and the ``--resume``
    command printed (then exit 143)."""
    import signal
    from types import FrameType

    def terminated(signum: int, frame: FrameType | None) -> None:
        TERMINATED.append(True)
        on_interrupt = signal.getsignal(signal.SIGINT)  # asyncio's, ours or Python's
        if callable(on_interrupt):
            on_interrupt(signal.SIGINT, frame)
        else:  # Ctrl-C ignored (a background job): stop all the same
            raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, terminated)
    except ValueError:  # not the main thread (a test's runner): left as it is
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _finished(outcomes: Generator[Outcome, None, None]) -> Iterator[Outcome]:
    """After Ctrl-C: the outcomes the worker processes had finished (``summarize_many`` yields
    them when told of the interruption, unless it already did, having been interrupted
    itself)."""
    try:
        yield outcomes.throw(KeyboardInterrupt())
        yield from outcomes
    except (KeyboardInterrupt, StopIteration):
        return


def runs_offline(settings: Settings, options: RunOptions) -> bool:
    """The offline engine will run: asked for, or ``auto`` with no LLM configured (a record or
    replay file brings its own HTTP)."""
    from summarizer.api import pick_engine

    have_http = bool(options.record or options.replay)
    return pick_engine(settings, have_http, warn=False) == "offline"


def resume_command(
    argv: list[str], output: Path | None, settings: Iterable[str] = ()
) -> str | None:
    """The command that finishes an interrupted run: the same one, with ``--resume`` and the
    output file (``-o``, or the file standard output was redirected to), and ``settings``
    (:func:`decided_by`). Never the API key: ``--api-key`` and its value are left out
    (:func:`without_api_key`). None when the records went somewhere that cannot be resumed from
    (a terminal, a pipe)."""
    args = [a for a in without_api_key(argv) if a != "--resume"]
    args += settings
    if output is None:
        redirected = stdout_file()
        if redirected is None:
            return None
        args += ["-o", redirected]
    return shlex.join(["summarizer", *args, "--resume"])


def without_api_key(argv: list[str]) -> list[str]:
    """``argv`` without ``--api-key KEY`` or ``--api-key=KEY``: a command printed to be run
    again never repeats the key (it lands in logs)."""
    args: list[str] = []
    skip_next = False
    for a in argv:
        if skip_next:
            skip_next = False
        elif a == "--api-key":
            skip_next = True
        elif not a.startswith("--api-key="):
            args.append(a)
    return args


def key_given(argv: list[str]) -> bool:
    """``--api-key`` is on the command line (its value is never repeated)."""
    return any(a == "--api-key" or a.startswith("--api-key=") for a in argv)


def decided_by(totals: Totals, given: set[str]) -> list[str]:
    """The options that decide the results, as the run used them, when they were not on its
    command line (an environment variable, a default that a later environment may change):
    the engine, and for the llm engine the model and the server (never the key; nor the
    server when it could not be reached: the fix is another one)."""
    flags: list[str] = []
    if totals.engine is None:
        return flags
    if "engine" not in given:
        flags += ["--engine", totals.engine]
    if totals.engine == "llm":
        if "model" not in given and totals.model:
            flags += ["--model", totals.model]
        if "base_url" not in given and totals.base_url and not totals.unreachable:
            flags += ["--base-url", totals.base_url]
    return flags


def stdout_file() -> str | None:
    """The regular file standard output is redirected to, when the system says which."""
    try:
        if not stat.S_ISREG(os.fstat(sys.stdout.fileno()).st_mode):
            return None
        path = os.readlink(f"/proc/self/fd/{sys.stdout.fileno()}")
    except (OSError, ValueError):
        return None
    return path if os.path.isabs(path) and os.path.exists(path) else None


async def _drive(
    sources: list[Source],
    settings: Settings,
    batch: BatchOptions,
    writer: JsonlWriter,
    totals: Totals,
    show_progress: bool,
    watch: _ServerWatch | None = None,
) -> None:
    with _Report(writer, totals, show_progress, watch=watch) as report:
        outcomes = batch.run(sources, settings, progress=totals.progress, on_start=report.started)
        # closed at once when writing fails (a closed pipe, a full disk): its workers stop
        async with contextlib.aclosing(outcomes):
            async for outcome in outcomes:
                report.add(outcome)


class _Report:
    """Writes each outcome's line, counts it, and keeps the progress bar current.

    An error that no other article can get past (the key rejected, no such model, settings
    that cannot work) stops the batch at once: it is raised, not written as a record.
    """

    def __init__(
        self,
        writer: Any,
        totals: Totals,
        show_progress: bool,
        *,
        in_flight: bool = True,
        watch: _ServerWatch | None = None,
    ) -> None:
        self.writer, self.totals, self.watch = writer, totals, watch
        self.bar = _Bar(totals.progress, totals, in_flight) if show_progress else None
        self.records_on_terminal = (
            self.bar is not None and writer.path is None and _same_terminal(sys.stdout, sys.stderr)
        )

    def __enter__(self) -> _Report:
        if self.bar is not None:
            notices.show_above(self.bar.print)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar:
            notices.show_above(None)
            self.bar.stop()

    def started(self, _source: Any) -> None:
        if self.bar:
            self.bar.refresh()

    def add(self, outcome: Outcome) -> None:
        if outcome.error is not None and ErrorKind.of(outcome.error.error.kind) in STOP_KINDS:
            info = outcome.error.error
            raise SummarizerError(f"{info.message} (batch stopped)", kind=ErrorKind.of(info.kind))
        line = _record(outcome)
        with whole_line():  # Ctrl-C waits for the count too: every line written is counted
            if self.records_on_terminal:
                assert self.bar is not None
                # above the bar, on the same terminal
                self.bar.print(line if isinstance(line, str) else line.decode())
            else:
                self.writer.write(line)
            self.totals.count(outcome)
        if self.bar:
            self.bar.refresh()
        if self.watch is not None:
            self.watch.see(outcome)


#: connection failures in a row, with nothing summarized yet, that stop a batch: a server that
#: cannot be reached would fail every article the same way (a million error records)
UNREACHABLE_AFTER = 20


class ServerUnreachable(Exception):
    """The model's server could not be reached for :data:`UNREACHABLE_AFTER` articles in a
    row, or refused them all the same way (a wrong key, a model it lacks, a mode it does not
    take), and no article has been summarized by it in this run."""

    def __init__(self, kind: ErrorKind) -> None:
        super().__init__(kind.value)
        self.kind = kind


# kinds of failure that fail every article the same way when the first ones do: a run of
# them with nothing summarized stops the batch (each error record would say the same)
_EVERY_ARTICLE = frozenset(
    {ErrorKind.CONNECTION, ErrorKind.AUTH, ErrorKind.MODEL_NOT_FOUND, ErrorKind.UNSUPPORTED}
)


class _ServerWatch:
    """Stops a batch whose model server cannot be reached at all. A web page that could not
    be fetched says nothing of the model's server; nor does a bad input file; a result from
    the cache does not show that the server can be reached."""

    def __init__(self, pages: frozenset[str]) -> None:
        self.pages = pages  # the inputs fetched from the web (their own connection failures)
        self.streak = 0
        self.kind: ErrorKind | None = None  # (of the streak)
        self.reached = False

    def see(self, outcome: Outcome) -> None:
        if self.reached or outcome.input in self.pages:
            return
        if outcome.error is None:
            self.reached = not outcome.facts.cached
            return
        kind = ErrorKind.of(outcome.error.error.kind)
        if kind in _EVERY_ARTICLE:
            self.streak = self.streak + 1 if kind is self.kind else 1
            self.kind = kind
        elif not kind.is_usage:  # the server answered something else
            self.streak, self.kind = 0, None
        if self.streak >= UNREACHABLE_AFTER and self.kind is not None:
            raise ServerUnreachable(self.kind)


def _record(outcome: Outcome) -> str | bytes:
    """The outcome's JSON line (a summary's in UTF-8, as a worker process rendered it); an
    error record's message names the command's options."""
    if outcome.error is None:
        return outcome.json_bytes()
    info = outcome.error.error
    message = for_cli(info.message)
    if message == info.message:
        return outcome.to_json()
    error = info.model_copy(update={"message": message})
    return outcome.error.model_copy(update={"error": error}).model_dump_json()


def progress_by_default(output: Path | None) -> bool:
    """A bar when stderr is a terminal, unless the records stream onto that same terminal
    (they show the progress themselves, and stay on stdout)."""
    if not sys.stderr.isatty():
        return False
    return output is not None or not _same_terminal(sys.stdout, sys.stderr)


def _same_terminal(a: Any, b: Any) -> bool:
    try:
        if not (a.isatty() and b.isatty()):
            return False
        return bool(os.fstat(a.fileno()).st_rdev == os.fstat(b.fileno()).st_rdev)
    except (OSError, ValueError):
        return False


class _Bar:
    """A rich progress bar on stderr: done / failed / in flight, tokens, ETA.

    It never takes over stdout or stderr (rich's redirection would send records written to a
    redirected stdout to the terminal): notices and, when stdout is this same terminal, records
    are printed above it through :meth:`print`.
    """

    def __init__(self, progress: Progress, totals: Totals, in_flight: bool = True) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as RichProgress

        self.progress, self.totals = progress, totals
        self.console = Console(stderr=True)
        self.rich = RichProgress(
            BarColumn(),
            TextColumn("{task.completed}/{task.total} done"),
            TextColumn(
                "{task.fields[failed]} failed"
                + (", {task.fields[in_flight]} in flight" if in_flight else "")
            ),
            TextColumn("{task.fields[tokens]:,} tokens"),
            TimeRemainingColumn(),
            console=self.console,
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self.task = self.rich.add_task(
            "summarizing", total=progress.total, failed=0, in_flight=0, tokens=0
        )
        self._drawn = 0.0
        self.rich.start()

    def refresh(self) -> None:
        p = self.progress
        now = time.monotonic()
        redraw = now - self._drawn >= 0.1 or p.done == p.total
        if redraw:
            self._drawn = now
        self.rich.update(
            self.task,
            completed=p.done,
            failed=p.failed,
            in_flight=p.in_flight,
            tokens=self.totals.tokens_spent,
            refresh=redraw,
        )

    def print(self, line: str) -> None:
        """One line above the bar, as it is (no markup, no wrapping of ours)."""
        self.console.print(
            line, markup=False, highlight=False, emoji=False, soft_wrap=True, crop=False
        )

    def stop(self) -> None:
        self.rich.stop()
