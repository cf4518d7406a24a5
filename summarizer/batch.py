"""Many articles at once: ``asummarize_many`` (async) and ``summarize_many`` (a sync iterator).

Up to ``jobs`` articles are in flight together through one shared ``AsyncOpenAI`` client, so
one slow or failing article never holds up the others. Every input yields exactly one
:class:`Outcome`: a summary, or an error record saying why not. Outcomes come as articles
finish (``ordered=False``) or in input order (``ordered=True``, each released as soon as all
before it are done).
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import gc
import logging
import os
import pickle
import queue
import select
import struct
import threading
import time
from collections.abc import AsyncGenerator, Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Unpack

from summarizer.api import (
    Engine,
    OfflineEngine,
    asummarize_article,
    choose_engine,
    pick_engine,
)
from summarizer.config import DEFAULT_JOBS, Overrides, Settings
from summarizer.errors import ConfigError, DeadlineError, ErrorKind, InputError, SummarizerError
from summarizer.io.inputs import Article, load_article, read_article
from summarizer.io.sources import Item, Source, from_texts
from summarizer.io.webpage import looks_like_html
from summarizer.schema import ArticleSummary, ErrorInfo, ErrorRecord

if TYPE_CHECKING:
    import multiprocessing
    import multiprocessing.process

    import httpx2
    import openai

    from summarizer.engines.llm.cache import Cache
    from summarizer.http.ratelimit import RateLimiter

log = logging.getLogger("summarizer")
DEADLINE_GRACE_S = 5.0  # beyond the transport's own deadline checks: a backstop against hangs


class Outcome:
    """One article's result: ``summary`` or ``error``, never both.

    An outcome that comes from a worker process holds the summary as the JSON line that
    process rendered (:meth:`packed`), in UTF-8: the line is written as it is, and the summary
    is parsed from it only when asked for.
    """

    __slots__ = ("_line", "_summary", "error", "facts", "index", "input")

    def __init__(
        self,
        index: int,
        input: str,
        summary: ArticleSummary | None = None,
        error: ErrorRecord | None = None,
    ) -> None:
        self.index = index  # position among the inputs that ran
        self.input = input
        self.error = error
        self._summary = summary
        self._line: bytes | None = None  # the summary's JSON, as pydantic renders it
        self.facts = RunFacts.of(summary)

    @property
    def summary(self) -> ArticleSummary | None:
        if self._summary is None and self._line is not None:
            self._summary = ArticleSummary.model_validate_json(self._line)
        return self._summary

    @property
    def ok(self) -> bool:
        return self._summary is not None or self._line is not None

    def to_json(self) -> str:
        return self.json_bytes().decode()

    def json_bytes(self) -> bytes:
        """:meth:`to_json` in UTF-8, as it is written to a file: a summary's line (some 30 KB)
        is rendered, pickled, sent, loaded and written without ever being decoded and encoded
        again."""
        if self._line is not None:
            return self._line
        record = self._summary if self._summary is not None else self.error
        assert record is not None
        # what ``model_dump_json`` renders, before it decodes the bytes
        return record.__pydantic_serializer__.to_json(record)

    def packed(self, index: int | None = None) -> Outcome:
        """This outcome with its summary as a JSON line: cheap to send to another process
        (a pickled pydantic model costs about five times as much to load as to render)."""
        packed = Outcome(self.index if index is None else index, self.input, error=self.error)
        if self.ok:
            packed._line, packed.facts = self.json_bytes(), self.facts
        return packed

    def __repr__(self) -> str:
        what = f"error={self.error!r}" if self.error is not None else "summary=..."
        return f"Outcome(index={self.index}, input={self.input!r}, {what})"


@dataclass(frozen=True)
class RunFacts:
    """What a batch counts of a summary, without parsing it again."""

    tokens: int = 0
    cached: bool = False
    warnings: tuple[str, ...] = ()

    @classmethod
    def of(cls, summary: ArticleSummary | None) -> RunFacts:
        if summary is None:
            return _NO_FACTS
        run = summary.run
        return cls(run.usage.total_tokens, run.cached, tuple(run.warnings))


_NO_FACTS = RunFacts()


@dataclass
class Progress:
    """Running totals, for a progress bar and the final line."""

    total: int = 0
    done: int = 0
    failed: int = 0
    cached: int = 0
    in_flight: int = 0
    tokens: int = 0
    started: float = field(default_factory=time.perf_counter)

    def record(self, outcome: Outcome) -> None:
        self.done += 1
        if not outcome.ok:
            self.failed += 1
        else:
            self.tokens += outcome.facts.tokens
            self.cached += outcome.facts.cached

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started


class _InOrder:
    """Holds outcomes back until every input before them is out (``ordered=True``)."""

    def __init__(self) -> None:
        self.held: dict[int, Outcome] = {}
        self.next = 0

    def push(self, outcome: Outcome) -> list[Outcome]:
        self.held[outcome.index] = outcome
        ready = []
        while self.next in self.held:
            ready.append(self.held.pop(self.next))
            self.next += 1
        return ready

    def rest(self) -> list[Outcome]:
        """Every outcome still held (an earlier one never came), in input order."""
        rest = [self.held[index] for index in sorted(self.held)]
        self.held.clear()
        return rest


def error_outcome(index: int, name: str, error: BaseException) -> Outcome:
    if isinstance(error, SummarizerError):
        info = ErrorInfo(kind=error.kind, message=str(error))
    else:  # a bug must not lose the batch: it becomes this article's record
        log.debug("%s: internal error", name, exc_info=error, extra={"input": name})
        info = ErrorInfo(
            kind=ErrorKind.INTERNAL, message=f"internal error ({type(error).__name__}): {error}"
        )
    return Outcome(index, name, error=ErrorRecord(input=name, error=info))


async def asummarize_many(
    items: Iterable[Item],
    settings: Settings | None = None,
    *,
    jobs: int = DEFAULT_JOBS,
    ordered: bool = False,
    skip: set[str] | frozenset[str] = frozenset(),
    client: openai.AsyncOpenAI | None = None,
    transport: httpx2.AsyncBaseTransport | None = None,
    limiter: RateLimiter | None = None,
    cache: Cache | None = None,
    progress: Progress | None = None,
    on_start: Callable[[Source], None] | None = None,
    workers: int = 1,
    packed: bool = False,
    **overrides: Unpack[Overrides],
) -> AsyncGenerator[Outcome, None]:
    """Summarize many articles concurrently; yields one :class:`Outcome` per input.

    ``items``: :class:`~summarizer.io.sources.Source` objects, article texts (named ``#1``,
    ``#2``...), or ``(name, text)`` pairs. ``skip``: names already done (``--resume``).
    Settings and the other options as for :func:`summarizer.summarize`; the settings are
    resolved and the engine chosen once for the whole batch. ``workers=N``: N forked
    processes share the inputs, as for :func:`summarize_many` (``on_start`` is then not
    called: the articles start in the other processes). ``packed``: each summary is rendered
    as its JSON line as soon as it is made (:meth:`Outcome.packed`; ``summary`` parses the
    line when asked for): for a consumer that writes the lines, the finished summaries
    waiting for it are then one string each, not some 200 objects for the garbage collector
    to walk.
    """
    if jobs < 1:
        raise ConfigError("jobs= must be at least 1")
    if workers < 1:
        raise ConfigError("workers= must be at least 1")
    _check_client(client, "asummarize_many")
    resolved = Settings.resolve(settings, **overrides)
    if workers > 1:
        options = BatchOptions(jobs, ordered, frozenset(skip), client, transport, limiter, cache)
        # everything that blocks (reading standard input, forking, waiting for outcomes,
        # ending the processes) runs in a thread: the event loop goes on meanwhile
        pool = await _started(
            lambda: _start_processes(list(from_texts(items)), workers, resolved, options)
        )
        progress = progress or Progress()
        try:
            while not pool.done:  # a little at a time
                for outcome in await asyncio.to_thread(pool.receive, 0.2):
                    progress.record(outcome)
                    yield outcome
        finally:
            # shielded: cancelled meanwhile, the thread still ends every process
            await asyncio.shield(asyncio.to_thread(pool.close))
        return
    engine = choose_engine(
        resolved, client=client, transport=transport, limiter=limiter, cache=cache
    )
    try:
        async for outcome in _run(
            engine, resolved, items, jobs, ordered, skip, progress, on_start, packed
        ):
            yield outcome
    finally:
        await engine.aclose()


async def _started(start: Callable[[], _Pool]) -> _Pool:
    """``start()``'s pool, started in a thread; when the caller is cancelled meanwhile, the
    processes are ended as soon as they are up instead of working for nobody."""
    lock = threading.Lock()
    abandoned = False
    handed: list[_Pool] = []  # started and returned: the caller may still miss it

    def run() -> _Pool:
        pool = start()
        with lock:
            if not abandoned:
                handed.append(pool)
                return pool
        pool.close()
        return pool

    try:
        return await asyncio.to_thread(run)
    except asyncio.CancelledError:
        with lock:
            abandoned = True
            missed = list(handed)
        for pool in missed:
            threading.Thread(target=pool.close, name="close workers", daemon=True).start()
        raise


async def _run(
    engine: Engine,
    settings: Settings,
    items: Iterable[Item],
    jobs: int,
    ordered: bool,
    skip: set[str] | frozenset[str],
    progress: Progress | None,
    on_start: Callable[[Source], None] | None,
    packed: bool = False,
) -> AsyncGenerator[Outcome, None]:
    progress = progress or Progress()

    async def summarized(article: Article, name: str) -> ArticleSummary:
        work = asummarize_article(engine, article, name, settings)
        if settings.deadline is None:
            return await work
        try:
            return await asyncio.wait_for(work, settings.deadline + DEADLINE_GRACE_S)
        except TimeoutError:
            raise DeadlineError(
                f"no result within the article deadline of {settings.deadline:g}s"
            ) from None

    async def one(index: int, source: Source) -> Outcome:
        progress.in_flight += 1
        try:
            if on_start is not None:
                on_start(source)
            text = None if source.url is not None else source.read(settings.max_bytes)
            if text is not None and not looks_like_html(text):
                article = load_article(text, source.name, settings)  # plain text: quick
            else:  # a page to fetch or extract: off the event loop
                article = await asyncio.to_thread(
                    load_article, text, source.name, settings, url=source.url
                )
            if blocking:  # one at a time, in the order they came, each once all is out
                async with turn:
                    while not finished.empty():
                        await finished.join()
                    result = await summarized(article, source.name)
            else:
                result = await summarized(article, source.name)
            outcome = Outcome(index, source.name, summary=result)
            return outcome.packed() if packed else outcome
        except Exception as exc:  # every failure becomes this article's error record
            return error_outcome(index, source.name, exc)
        finally:
            progress.in_flight -= 1

    # ``jobs`` workers pull the next input as soon as they finish one, whatever the consumer
    # of the outcomes is doing; the bounded queue holds the consumer's back-pressure.
    todo = (
        (i, source) for i, source in enumerate(s for s in from_texts(items) if s.name not in skip)
    )
    finished: asyncio.Queue[Outcome | None] = asyncio.Queue(maxsize=4 * jobs)
    # The offline engine works without ever letting the event loop run: an outcome already
    # finished would wait in the queue until the next article is done, and an article taken
    # earlier could wait for one taken later. Its articles take turns (a lock is first come,
    # first served), each once the consumer has every outcome before it.
    blocking = isinstance(engine, OfflineEngine)
    turn = asyncio.Lock()

    async def worker() -> None:
        for index, source in todo:  # one shared generator: each input is taken once
            outcome = await one(index, source)
            progress.record(outcome)
            await finished.put(outcome)

    async def all_done(workers: list[asyncio.Task[None]]) -> None:
        try:
            await asyncio.gather(*workers)
        except asyncio.CancelledError:
            raise  # the consumer has gone: nobody waits for the end marker (the queue may be full)
        except BaseException:
            await finished.put(None)  # the consumer ends, then ``await closer`` re-raises this
            raise
        await finished.put(None)

    workers = [asyncio.create_task(worker()) for _ in range(jobs)]
    closer = asyncio.create_task(all_done(workers))
    release = _InOrder() if ordered else None
    try:
        while (outcome := await finished.get()) is not None:
            finished.task_done()
            for ready in release.push(outcome) if release else [outcome]:
                yield ready
        await closer  # re-raises a failure of the machinery itself, never of one article
    finally:
        for task in [*workers, closer]:
            task.cancel()


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs, apart from the settings of each article."""

    jobs: int = DEFAULT_JOBS
    ordered: bool = False
    skip: frozenset[str] = frozenset()
    client: openai.AsyncOpenAI | None = None
    transport: httpx2.AsyncBaseTransport | None = None
    limiter: RateLimiter | None = None
    cache: Cache | None = None
    packed: bool = False  # see asummarize_many

    def run(
        self,
        items: Iterable[Item],
        settings: Settings,
        *,
        progress: Progress | None = None,
        on_start: Callable[[Source], None] | None = None,
    ) -> AsyncGenerator[Outcome, None]:
        return asummarize_many(
            items,
            settings,
            jobs=self.jobs,
            ordered=self.ordered,
            skip=self.skip,
            client=self.client,
            transport=self.transport,
            limiter=self.limiter,
            cache=self.cache,
            progress=progress,
            on_start=on_start,
            packed=self.packed,
        )


def summarize_many(
    items: Iterable[Item],
    settings: Settings | None = None,
    *,
    workers: int = 1,
    jobs: int = DEFAULT_JOBS,
    ordered: bool = False,
    skip: set[str] | frozenset[str] = frozenset(),
    client: openai.AsyncOpenAI | None = None,
    transport: httpx2.AsyncBaseTransport | None = None,
    limiter: RateLimiter | None = None,
    cache: Cache | None = None,
    **overrides: Unpack[Overrides],
) -> Generator[Outcome, None, None]:
    """The sync twin of :func:`asummarize_many`: outcomes stream out as they are ready.

    With ``workers=1`` the async work runs on its own event loop in a background thread, so
    this works from plain scripts and from code that already runs an event loop alike.
    ``workers=N`` splits the inputs over N processes (``jobs`` is shared out among them, and so
    are ``limiter``'s budgets): the client-side work of each request (building it, parsing and
    grounding the answer) then uses more than one core. The processes are forked, so this
    needs a platform with ``fork`` (Linux, macOS).
    """
    if workers < 1:
        raise ConfigError("workers= must be at least 1")
    if jobs < 1:
        raise ConfigError("jobs= must be at least 1")
    _check_client(client, "summarize_many")
    resolved = Settings.resolve(settings, **overrides)
    options = BatchOptions(jobs, ordered, frozenset(skip), client, transport, limiter, cache)
    if workers == 1:
        return _in_thread(items, resolved, options)
    return _in_processes(_start_processes(list(from_texts(items)), workers, resolved, options))


def _check_client(client: object, called: str) -> None:
    """A batch sends its articles together on one event loop: only an ``openai.AsyncOpenAI``
    does (a sync ``openai.OpenAI`` would fail every article, each saying so)."""
    if client is None:
        return
    import openai

    from summarizer.engines.llm.engine import _type_name

    if isinstance(client, openai.AsyncOpenAI):
        return

    raise ConfigError(
        f"client= must be an openai.AsyncOpenAI for {called}() (got {_type_name(client)}): "
        "its articles are sent together from one event loop. Give "
        "openai.AsyncOpenAI(api_key=..., base_url=...), or leave client= out and pass "
        "api_key= and base_url= (summarize() takes an openai.OpenAI, one article at a time)"
    )


def _in_thread(
    items: Iterable[Item], settings: Settings, options: BatchOptions
) -> Generator[Outcome, None, None]:
    out: queue.Queue[Outcome | BaseException | None] = queue.Queue(maxsize=1024)
    stop = threading.Event()

    async def produce() -> None:
        async for outcome in options.run(items, settings):
            while True:  # back-pressure on a slow consumer; give up when it has left
                if stop.is_set():
                    return
                try:
                    out.put(outcome, timeout=0.1)
                    break
                except queue.Full:
                    continue

    def run() -> None:
        try:
            asyncio.run(produce())
            out.put(None)
        except BaseException as exc:  # handed to the consumer's thread
            out.put(exc)

    worker = threading.Thread(target=run, name="summarize_many", daemon=True)
    worker.start()
    try:
        while True:
            item = out.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()


@dataclass(frozen=True)
class _Done:
    """A worker process has finished (``error``: why it failed, if it did)."""

    number: int
    error: str | None


_CHUNK = 16  # outcomes of the offline engine sent to the parent at once
_CHUNK_S = 0.05  # ... and none held back longer than this, whatever the next article takes
_STOP_S = 2.0  # Ctrl-C: how long the parent waits for what the workers have finished
_YOUNG_OBJECTS = 10_000  # the collector of a worker process runs after that many more objects


def _collect_as_worker() -> None:
    """The collector of a process that summarizes article after article (a worker process)."""
    # what the process made before (modules, the offline engine's rules) lives as long as it:
    # the collector's full passes leave it alone, and do not copy the pages a forked worker
    # shares with its parent by writing to every object's header
    gc.freeze()
    # and its young objects wait for 10,000 more, not 700: an article's objects are freed as
    # it ends (few cycles), so the collector, which ran some 1.3 times an article walking
    # what the article was still using, now seldom runs at all
    gc.set_threshold(_YOUNG_OBJECTS)


@contextlib.contextmanager
def collected_as_worker() -> Iterator[None]:
    """Within the ``with``, this process's collector runs as a worker process's does (what
    exists is frozen; young objects are collected after 10,000 more, not 700); as it was after.
    For a program that runs the engine article after article in its own process (``summarizer
    eval``), which then measures the engine as a batch runs it. The library never sets it on
    its caller's process. (A freeze made before the ``with`` is kept, what it froze now with
    what this one did: Python cannot unfreeze a part of what is frozen.)"""
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    _collect_as_worker()
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if not frozen:
            gc.unfreeze()


def default_workers() -> int:
    """One worker process per CPU this process may run on; 1 where processes cannot be
    forked (Windows)."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _start_processes(
    sources: list[Source], workers: int, settings: Settings, options: BatchOptions
) -> _Pool:
    """Start ``workers`` forked processes now, each on its share of the inputs.

    Each process takes every ``workers``-th input (so inputs in order finish about in order)
    and sends back each outcome with its summary rendered as JSON (:meth:`Outcome.packed`),
    through a pipe of its own (:class:`_Pool` reads them).
    """
    import math
    import multiprocessing

    have_http = options.client is not None or options.transport is not None
    settings = replace(settings, engine=pick_engine(settings, have_http))  # once, not per process
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        raise ConfigError("--workers needs a platform that can fork (Linux, macOS)") from None
    if settings.engine == "offline":
        OfflineEngine.preload()
    limiter, cache = options.limiter, options.cache
    if cache is not None and settings.engine != "offline":
        cache.open()  # created before the fork, not raced for by the workers
    # standard input is read here: a worker process's stdin is /dev/null
    todo = [_stdin_read(s, settings) for s in sources if s.name not in options.skip]
    workers = max(1, min(workers, len(todo)))
    shards = [todo[i::workers] for i in range(workers)]
    share = replace(
        options,
        jobs=max(1, math.ceil(options.jobs / workers)),
        ordered=False,
        limiter=limiter.share(workers) if limiter is not None else None,
        cache=None,
    )
    cache_dir = str(cache.directory) if cache is not None else None
    # the parent closes its end (Ctrl-C): send what is finished, then stop. A pipe, not a
    # multiprocessing.Event: a worker that ends while waiting on an Event's lock keeps it
    stop_pipe = stop_read, stop_write = os.pipe()
    processes: list[multiprocessing.process.BaseProcess] = []
    reads: list[int] = []  # the parent's ends of the workers' pipes
    try:
        for i in range(workers):
            read, write = os.pipe()
            reads.append(read)
            _widen(write)
            process = context.Process(
                target=_worker,
                args=(
                    i,
                    workers,
                    shards[i],
                    settings,
                    share,
                    cache_dir,
                    write,
                    reads[:],
                    stop_pipe,
                ),
                daemon=True,
            )
            processes.append(process)
            try:
                process.start()
            finally:
                # the worker's alone, so the pipe ends when it does (forked after this, the
                # next worker does not hold it open)
                os.close(write)
    except BaseException:
        _Pool(processes, reads, options.ordered, stop_write).close()  # those started
        raise
    finally:
        os.close(stop_read)
    return _Pool(processes, reads, options.ordered, stop_write)


def _widen(fd: int) -> None:
    """A pipe that holds a few chunks of outcomes (1 MiB where Linux allows it, 64 KiB
    otherwise): a worker seldom waits for the parent to read."""
    import fcntl

    size = getattr(fcntl, "F_SETPIPE_SZ", None)
    if size is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, size, 1 << 20)


def _stdin_read(source: Source, settings: Settings) -> Source:
    """A source that reads standard input, as its text (or its problem) read now."""
    if source.path != "-" or source.jsonl_offset is not None:
        return source
    try:
        return replace(source, path=None, text=read_article("-", max_bytes=settings.max_bytes))
    except InputError as exc:
        return replace(source, problem=str(exc).removeprefix(f"{source.name}: "))


def _worker(
    number: int,
    workers: int,
    shard: list[Source],
    settings: Settings,
    options: BatchOptions,
    cache_dir: str | None,
    pipe: int,
    reads: list[int],
    stop_pipe: tuple[int, int],
) -> None:
    import signal

    stop, parents_end = stop_pipe
    for fd in (parents_end, *reads):  # the parent's alone: then its pipes end with it
        os.close(fd)
    # Ctrl-C and SIGTERM (sent to the whole group by ``timeout``, a scheduler, a shutdown) are
    # the parent's to handle: it closes ``stop``, and the worker sends what it has finished
    # and ends. Killed by them, a worker could cut a message in half.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _collect_as_worker()
    # a steady stream (the offline engine) goes in chunks; a model's answers one by one
    sender = _Sender(pipe, _CHUNK if settings.engine == "offline" else 1, number, stop)

    async def run() -> None:
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()
        assert task is not None

        def stopped() -> None:  # the parent closed ``stop`` (or ended)
            loop.remove_reader(stop)
            task.cancel()

        loop.add_reader(stop, stopped)
        own = options
        if cache_dir is not None:
            from summarizer.engines.llm.cache import Cache

            own = replace(options, cache=Cache(cache_dir))
        async for outcome in own.run(shard, settings):
            # the index among all inputs: shard ``number`` holds every ``workers``-th input
            sender.add(outcome.packed(outcome.index * workers + number))

    try:
        asyncio.run(run())
        sender.close(None)
    except asyncio.CancelledError:  # told to stop
        sender.close(None)
    except BaseException as exc:  # reported by the parent
        sender.close(f"{type(exc).__name__}: {exc}")


_HEADER = struct.Struct("<Q")  # a message: its length, then the pickled list


class _Sender:
    """A worker process's outcomes on their way to the parent, ``chunk`` at a time, and none
    held back longer than ``_CHUNK_S``: a thread sends what waits while the next article runs
    (a slow one holds up only itself). When the parent closes the pipe ``stop`` (Ctrl-C), the
    thread sends what is finished and the end mark at once, and nothing more is sent. When
    the parent has gone (its end of ``pipe`` closed), nothing more is sent either."""

    def __init__(self, pipe: int, chunk: int, number: int, stop: int) -> None:
        self.pipe, self.chunk, self.number, self.stop = pipe, chunk, number, stop
        self.held: list[Outcome | _Done] = []
        self.lock = threading.Lock()
        self.closed = False
        threading.Thread(target=self._send_waiting, name="send outcomes", daemon=True).start()

    def add(self, outcome: Outcome) -> None:
        with self.lock:
            if self.closed:
                return
            self.held.append(outcome)
            if len(self.held) >= self.chunk:
                self._flush()

    def close(self, error: str | None) -> None:
        """What is held, then the end mark (``error``: why the worker failed)."""
        with self.lock:
            if not self.closed:
                self.held.append(_Done(self.number, error))
                self._flush()
                self.closed = True

    def _flush(self) -> None:  # under the lock
        if not self.held:
            return
        data = pickle.dumps(self.held, protocol=pickle.HIGHEST_PROTOCOL)
        self.held = []
        message = memoryview(_HEADER.pack(len(data)) + data)
        try:
            while message:
                message = message[os.write(self.pipe, message) :]
        except OSError:  # the parent has gone: no one to send to
            self.closed = True

    def _send_waiting(self) -> None:
        while not select.select([self.stop], [], [], _CHUNK_S)[0]:
            with self.lock:
                if self.closed:
                    return
                self._flush()
        self.close(None)


def _in_processes(pool: _Pool) -> Generator[Outcome, None, None]:
    """The pool's outcomes as they arrive; closing this generator ends the processes.

    On Ctrl-C (``KeyboardInterrupt`` raised while it waits, or thrown into it) the outcomes the
    processes have finished still come, in input order, before the interruption goes on."""
    try:
        while not pool.done:
            yield from pool.receive(1.0)
    except KeyboardInterrupt:
        yield from pool.stop()
        raise
    finally:
        pool.close()


class _Pool:
    """The worker processes of a batch and the pipes their outcomes come back through, one
    each: a worker that dies, even in the middle of a message, ends its pipe, and the parent
    learns of it instead of waiting for the rest of the message for ever."""

    def __init__(
        self,
        processes: Sequence[multiprocessing.process.BaseProcess],
        pipes: Sequence[int],
        ordered: bool,
        stop: int | None = None,
    ) -> None:
        self.processes = processes
        self._stop = stop  # the parent's end of the pipe the workers watch: closed to stop them
        self.reading = {fd: (number, bytearray()) for number, fd in enumerate(pipes)}
        self.running = set(range(len(processes)))
        self.release = _InOrder() if ordered else None
        self.failure: str | None = None
        self.pending: list[Outcome] = []  # taken from the pipes, not yet handed out
        atexit.register(self.close)  # before multiprocessing's own, which would wait for them

    @property
    def done(self) -> bool:
        """Every worker has ended, and the batch has not failed (``receive`` raises that)."""
        return not self.running and self.failure is None

    def receive(self, timeout: float, *, stopping: bool = False) -> list[Outcome]:
        """The outcomes that arrived within ``timeout`` seconds (maybe none), in input order
        when ordered; raises when a worker failed or died (``stopping``: such a worker is
        taken as ended, with what it sent)."""
        if self.failure is not None and not stopping:
            raise SummarizerError(self.failure, kind=ErrorKind.INTERNAL)
        readable = select.select(list(self.reading), [], [], timeout)[0]
        with _uninterrupted():  # a message read is a message taken, Ctrl-C or not
            if not readable:  # a worker gone without a word, its pipe held open elsewhere
                dead = [n for n in self.running if not self.processes[n].is_alive()]
                readable = select.select(list(self.reading), [], [], 0)[0] if dead else []
                for number in dead:
                    if not any(self.reading[fd][0] == number for fd in readable):
                        self._ended(number, stopping)
            for fd in readable:
                number, buffer = self.reading[fd]
                data = os.read(fd, 1 << 20)
                if not data:  # the worker's end closed: it has exited
                    os.close(fd)
                    del self.reading[fd]
                    self._ended(number, stopping)
                    continue
                buffer += data
                for items in _messages(buffer):
                    self._take(items, stopping)
        # taken from the pool at once: interrupted before this, they come with the next call
        ready, self.pending = self.pending, []
        if self.failure is not None and not ready and not stopping:
            raise SummarizerError(self.failure, kind=ErrorKind.INTERNAL)
        return ready

    def _take(self, items: list[Outcome | _Done], stopping: bool) -> None:
        for item in items:
            if isinstance(item, _Done):
                self.running.discard(item.number)
                if item.error is not None and not stopping:
                    self.failure = self.failure or f"a worker process failed: {item.error}"
            elif self.release is not None:
                self.pending.extend(self.release.push(item))
            else:
                self.pending.append(item)

    def _ended(self, number: int, stopping: bool) -> None:
        if number in self.running:  # killed, out of memory: stop the batch, not wait for ever
            self.running.discard(number)
            if not stopping:
                self.failure = self.failure or (
                    "a worker process ended without finishing its articles"
                )

    def stop(self) -> list[Outcome]:
        """Tell the workers to stop, and the outcomes they had finished: those that arrive
        within ``_STOP_S``, and those held back for order (after an unfinished one)."""
        self._tell_stop()
        ready: list[Outcome] = []
        end = time.monotonic() + _STOP_S
        while self.running and (left := end - time.monotonic()) > 0:
            ready += self.receive(min(left, 0.2), stopping=True)
        if self.release is not None:
            ready += self.release.rest()
        return ready

    def _tell_stop(self) -> None:
        if self._stop is not None:
            os.close(self._stop)
            self._stop = None

    def close(self) -> None:
        """Stop the workers, wait a little for them to end (:data:`_STOP_S`), kill those
        that did not."""
        atexit.unregister(self.close)
        self._tell_stop()
        for fd in self.reading:  # a worker blocked on a full pipe: its write fails at once
            os.close(fd)
        self.reading.clear()
        end = time.monotonic() + _STOP_S
        for process in self.processes:
            if process.pid is None:
                continue  # never started (the start of another failed)
            process.join(max(0.0, end - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join()


@contextlib.contextmanager
def _uninterrupted() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back (they come after the block) in this thread."""
    import signal

    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _messages(buffer: bytearray) -> Iterator[list[Outcome | _Done]]:
    """The whole messages at the start of ``buffer``, taken out of it."""
    size = _HEADER.size
    while len(buffer) >= size:
        (length,) = _HEADER.unpack_from(buffer)
        if len(buffer) < size + length:
            return
        # loaded where it lies, not copied out first (released before the buffer is cut)
        with memoryview(buffer)[size : size + length] as message:
            items = pickle.loads(message)
        del buffer[: size + length]
        yield items
