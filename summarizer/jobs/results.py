"""``collect``: a batch's results in, one record per input out, with the online path's guarantees.

Each answer is parsed, validated and grounded against its own article (the engine's own
steps, :mod:`summarizer.jobs.wire`); what validates is assembled into an ``ArticleSummary``,
written and cached. What does not is re-asked with the exact problems: online (``reask=
"online"``, through the usual retries and rate limits) or as a smaller batch of its own
(``reask="batch"``: request files to run and collect like the first). Error lines become error
records; a request with no result at all becomes one too. Every input ends as exactly one
record; usage is summed per article over all rounds.

Results files are read one line at a time; each result finds its request and manifest line by
offset, so memory does not grow with the number of articles.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from summarizer.config import Settings
from summarizer.engines.llm import prompts
from summarizer.engines.llm.engine import LLMEngine
from summarizer.errors import ErrorKind, InputError, ProviderError, SummarizerError
from summarizer.io.output import JsonlWriter
from summarizer.jobs import wire
from summarizer.jobs.files import Part, read_results, split_custom_id
from summarizer.jobs.prices import Spend
from summarizer.jobs.requestfiles import (
    RequestWriter,
    article_key,
    header_for,
    run_tag,
    sha256,
)
from summarizer.schema import ArticleSummary, ErrorInfo, ErrorRecord, SourceInfo, Usage

if TYPE_CHECKING:
    import openai

    from summarizer.engines.llm.cache import Cache
    from summarizer.http.ratelimit import RateLimiter

log = logging.getLogger("summarizer")

Reask = Literal["online", "batch"]


@dataclass
class Collected:
    """What ``collect`` did."""

    model: str
    records: int = 0
    summaries: int = 0
    from_cache: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    reasked: int = 0  # answers that did not validate and were asked again
    reask_requests: int = 0  # requests those re-asks made (online) or wrote (batch)
    pending: int = 0  # articles waiting in a re-ask batch: no record yet
    earlier_errors: int = 0  # error records of earlier collects kept (inputs not collected now)
    interrupted: bool = False  # stopped by Ctrl-C (or SIGTERM): ``records`` were written
    reask_files: list[Path] = field(default_factory=list)
    spend: Spend = field(init=False)

    def __post_init__(self) -> None:
        self.spend = Spend(self.model, Usage(), Usage())

    def line(self) -> str:
        errors = sum(self.errors.values())
        spend = self.spend.as_dict()
        dollars = "" if spend["cost_usd"] is None else f", ${spend['cost_usd']:,.2f}"
        pending = f", {self.pending:,} waiting in a re-ask batch" if self.pending else ""
        earlier = (
            f", {self.earlier_errors:,} failed earlier (their error records are kept)"
            if self.earlier_errors
            else ""
        )
        return (
            f"{self.records:,} records: {self.summaries:,} summarized ({self.from_cache:,} from "
            f"cache), {errors:,} failed{pending}{earlier}; {self.reasked:,} answers re-asked "
            f"({self.reask_requests:,} requests); {spend['tokens']:,} tokens{dollars}"
        )

    def exit_code(self) -> int:
        """1 while the output holds an error record (written now or kept from before)."""
        return 1 if self.errors or self.earlier_errors else 0


class CollectInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped ``collect``: ``report`` says what was written (whole records only;
    collecting again finishes the work)."""

    def __init__(self, report: Collected) -> None:
        super().__init__()
        self.report = report


class _Collector:
    def __init__(
        self,
        settings: Settings,
        out: JsonlWriter,
        done: set[str],
        cache: Cache | None,
        report: Collected,
        stale: set[str] | None = None,
    ) -> None:
        self.settings = settings
        self.out = out
        self.done = done
        self.stale = stale or set()  # inputs whose error record (of an earlier collect) is redone
        self.replaced: set[str] = set()  # those of them this collect has dealt with
        self.cache = cache
        self.report = report
        self.version = prompts.prompt_version()
        self.engine = LLMEngine(settings)
        self.host = settings.base_url_host

    # -- records -------------------------------------------------------------------------

    def summary(self, result: ArticleSummary, text: str | None, entry: dict[str, Any]) -> None:
        if self.cache is not None and text is not None and not result.run.cached:
            from summarizer.engines.llm.cache import cache_key

            key = cache_key(article_key(text, _published(entry)), self.settings, self.version)
            self.cache.put(key, result)
        self.out.write(_with_page(result, entry).model_dump_json())
        self.touch(str(entry.get("input")))
        self.report.records += 1
        self.report.summaries += 1

    def error(self, name: str, kind: ErrorKind | str, message: str) -> None:
        record = ErrorRecord(input=name, error=ErrorInfo(kind=kind, message=message))
        self.out.write(record.model_dump_json())
        self.touch(name)
        self.report.records += 1
        self.report.errors[kind] += 1

    def touch(self, name: str) -> None:
        """``name`` has its record now (or waits in a re-ask): an earlier error record of it
        goes."""
        if name in self.stale:
            self.replaced.add(name)

    # -- inputs with no request ------------------------------------------------------------

    def noted(self, entry: dict[str, Any]) -> None:
        name = str(entry.get("input"))
        if name in self.done:
            return
        if "error" in entry:
            self.error(name, entry["error"]["kind"], entry["error"]["message"])
            return
        hit = self.cache.get(entry["cached"], name) if self.cache is not None else None
        if hit is None:
            self.error(
                name,
                ErrorKind.INPUT,
                f"{name}: was in the cache when the batch was prepared but is not now: "
                "prepare the batch again",
            )
            return
        self.report.from_cache += 1
        self.summary(hit, None, entry)

    # -- answers ---------------------------------------------------------------------------

    def article(self, entry: dict[str, Any], body: dict[str, Any]) -> str | None:
        text = entry.get("text") or prompts.article_in_body(body)
        return text if text is not None and sha256(text) == entry.get("sha256") else None

    def answer(
        self,
        entry: dict[str, Any],
        body: dict[str, Any],
        completion: dict[str, Any],
        *,
        batch: bool,
    ) -> dict[str, Any] | None:
        """Record one answer; returns the re-ask to make when the conversation asks again."""
        name = str(entry.get("input"))
        self.report.spend.add(usage_of(completion), batch=batch)
        text = self.article(entry, body)
        if text is None:
            self.error(
                name, ErrorKind.INPUT, f"{name}: the request's article does not match its manifest"
            )
            return None
        try:
            talk = wire.Talk(self.engine, text, entry.get("history", []), _published(entry))
            extraction = talk.answer(completion)
            if extraction is None:
                self.report.reasked += 1
                pending = {k: v for k, v in entry.items() if k not in {"custom_id", "line"}}
                pending.update(history=talk.history, body=talk.body)
                self.touch(name)
                return pending
            result = wire.finish(extraction, text, name, self.settings, self.host)
        except SummarizerError as exc:
            self.error(name, exc.kind, str(exc) if name in str(exc) else f"{name}: {exc}")
            return None
        except Exception as exc:  # a bug: this article's record says so, the others go on
            log.debug("collecting %s", name, exc_info=True)
            self.error(name, ErrorKind.INTERNAL, f"{name}: internal error ({exc!r})")
            return None
        self.summary(result, text, entry)
        return None


def _published(entry: dict[str, Any]) -> str | None:
    """A web page's publication date, which its requests tell the model."""
    source = entry.get("source")
    published = source.get("published") if isinstance(source, dict) else None
    return str(published) if published else None


def _with_page(result: ArticleSummary, entry: dict[str, Any]) -> ArticleSummary:
    """The summary with its web page's metadata and doubts, as the online path gives them
    (``summarizer.api.with_article``; the cache keeps the engine's result without them)."""
    warnings = [str(w) for w in entry.get("warnings") or ()]
    if not entry.get("source") and not warnings:
        return result
    source = SourceInfo.model_validate(entry["source"]) if entry.get("source") else None
    run = result.run.model_copy(update={"warnings": [*warnings, *result.run.warnings]})
    return result.model_copy(update={"source": source, "run": run})


def usage_of(completion: dict[str, Any]) -> Usage:
    """The usage one answer reports (for the run's totals; each record sums its own)."""
    raw = completion.get("usage") or {}
    prompt = int(raw.get("prompt_tokens") or 0)
    done = int(raw.get("completion_tokens") or 0)
    return Usage(
        prompt_tokens=prompt,
        completion_tokens=done,
        total_tokens=int(raw.get("total_tokens") or prompt + done),
    )


@dataclass
class _Earlier:
    """What ``output`` already holds: the inputs summarized (skipped now) and those that
    failed (collected again: their error records are replaced by what this collect finds)."""

    done: set[str] = field(default_factory=set)
    failed: set[str] = field(default_factory=set)
    size: int = 0  # the bytes those records take; this collect appends after them


def _is_error(record: Any) -> bool:
    return isinstance(record, dict) and "error" in record and "summary" not in record


def _recorded(path: Path) -> _Earlier:
    """What ``path`` holds; a line torn by a kill is cut off. Collecting again never writes an
    input twice, and an error record gives way to the result a later collect finds."""
    earlier = _Earlier()
    if not path.exists():
        return earlier
    try:
        with path.open("r+b") as fh:
            good = 0
            for raw in fh:
                if not raw.endswith(b"\n"):
                    break
                try:
                    record = json.loads(raw)
                    name = str(record["input"])
                except (ValueError, KeyError, TypeError):
                    break
                (earlier.failed if _is_error(record) else earlier.done).add(name)
                good += len(raw)
            fh.truncate(good)
            earlier.size = good
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    earlier.failed -= earlier.done  # a summary after an error (a kill mid-rewrite): it counts
    return earlier


def _drop_replaced(path: Path, earlier: _Earlier, replaced: set[str]) -> None:
    """Take out of ``path`` the earlier error records of inputs that have a newer record (or
    wait in a re-ask batch), and those of inputs summarized; the rest stays in order."""
    if not replaced and not earlier.failed:
        return
    tmp = path.with_name(path.name + ".collect-tmp")
    with path.open("rb") as source, tmp.open("wb") as target:
        read = 0
        for raw in source:
            if read < earlier.size:
                read += len(raw)
                try:
                    record = json.loads(raw)
                except ValueError:
                    record = None
                if _is_error(record):
                    name = str(record.get("input"))
                    if name in replaced or name in earlier.done:
                        continue
            target.write(raw)
    os.replace(tmp, path)


def _refuse_foreign(results: Sequence[Path | str], by_tag: dict[str, Part]) -> None:
    """Results of other request files would all become ``missing_result`` records: refused
    before anything is written."""
    for path in results:
        with contextlib.closing(read_results(Path(path))) as lines:
            first = next(lines, None)
        if first is None:
            continue
        where = split_custom_id(first.custom_id)
        if where is None or where[0] not in by_tag:
            given = ", ".join(str(part.requests) for part in by_tag.values())
            raise InputError(
                f"{path} answers requests that are not in {given} (its first result is "
                f"{first.custom_id!r}): give the request files it answers with --requests"
            )


def collect(
    results: Sequence[Path | str],
    requests: Sequence[Path | str],
    output: Path | str | IO[str],
    settings: Settings | None = None,
    *,
    reask: Reask = "online",
    cache: Cache | None = None,
    client: openai.OpenAI | None = None,
    limiter: RateLimiter | None = None,
    jobs: int = 8,
    reask_output: Path | str | None = None,
    batch_results: bool = True,
) -> Collected:
    """Turn batch ``results`` files (OpenAI output and error files, or ``vllm run-batch``
    output) for the ``requests`` files ``prepare`` wrote into one record per input, appended
    to ``output`` (a path: inputs that already have a record there are skipped).

    Answers that do not validate are re-asked: ``reask="online"`` sends them through
    ``client`` (an ``openai.OpenAI``; by default one for ``settings``, with our retries,
    paced by ``limiter``); ``reask="batch"`` writes them as request files at ``reask_output``
    (default: beside the first requests file, ``*.reask<round>.jsonl``) to run and collect the
    same way.
    ``batch_results``: the results were billed at the batch price (False for a self-hosted run
    priced as online).
    """
    settings = settings or Settings.resolve(engine="llm")
    if reask not in ("online", "batch"):
        raise InputError(f"unknown re-ask mode {reask!r}: use online or batch")
    with contextlib.ExitStack() as opened:  # every file closed again, whatever goes wrong
        parts = [opened.enter_context(Part(Path(p))) for p in requests]
        if not parts:
            raise InputError("no request files: pass the files `summarizer batch prepare` wrote")
        by_tag = {part.tag: part for part in parts}
        if len(by_tag) != len(parts):
            raise InputError("the same request file is given twice (--requests)")
        settings = _as_prepared(settings, parts)
        _refuse_foreign(results, by_tag)
        report = Collected(settings.model)
        path = Path(output) if isinstance(output, str | Path) else None
        earlier = _recorded(path) if path is not None else _Earlier()
        done = earlier.done
        out = JsonlWriter(path) if path is not None else JsonlWriter(stream=output)  # type: ignore[arg-type]
        collector = _Collector(settings, out, done, cache, report, earlier.failed)
        targeted = parts[0].header.get("base_url_host")
        if isinstance(targeted, str):  # records name the server the requests were for
            collector.host = targeted
        if path is not None:  # run last, once the output is closed: interrupted or not
            opened.callback(_finish_output, path, earlier, collector)
        opened.callback(out.close)
        # re-asks waiting for their turn, one JSON line each: never all in memory
        spill = opened.enter_context(tempfile.TemporaryFile())
        try:
            _collect_into(collector, parts, results, by_tag, spill, reask=reask, client=client,
                          jobs=jobs, limiter=limiter, reask_output=reask_output,
                          batch_results=batch_results)  # fmt: skip
        except KeyboardInterrupt:
            report.interrupted = True
            raise CollectInterrupted(report) from None
    return report


def _finish_output(path: Path, earlier: _Earlier, collector: _Collector) -> None:
    _drop_replaced(path, earlier, collector.replaced)
    collector.report.earlier_errors = len(earlier.failed - collector.replaced)


def _collect_into(
    collector: _Collector,
    parts: list[Part],
    results: Sequence[Path | str],
    by_tag: dict[str, Part],
    spill: IO[bytes],
    *,
    reask: Reask,
    client: openai.OpenAI | None,
    jobs: int,
    limiter: RateLimiter | None,
    reask_output: Path | str | None,
    batch_results: bool,
) -> None:
    settings, done = collector.settings, collector.done
    for part in parts:
        for entry in part.entries_without_request():
            collector.noted(entry)
    for path in results:
        for result in read_results(Path(path)):
            _one_result(result, by_tag, collector, spill, batch_results)
    for part in parts:  # requests the results never mentioned
        for request, entry in part.missing():
            name = str(entry.get("input"))
            if name not in done:
                collector.error(
                    name,
                    ErrorKind.MISSING_RESULT,
                    f"{name}: no result for request {request.get('custom_id')} in the "
                    "results files (is the batch finished? were all its files given?)",
                )
    spill.seek(0)
    round_no = max(int(part.header.get("round", 1)) for part in parts)
    if reask == "online":
        _reask_online(spill, collector, settings, client, jobs, limiter)
    else:
        first = Path(reask_output) if reask_output else _reask_name(parts[0].requests, round_no)
        _reask_batch(spill, collector, settings, first, round_no + 1)


def _as_prepared(settings: Settings, parts: list[Part]) -> Settings:
    """The settings the requests were written for: their model and mode name the results and
    key the cache; a prompt changed since then would ground against other rules."""
    version = prompts.prompt_version()
    made = {
        (p.header.get("model"), p.header.get("mode"), p.header.get("prompt_version")) for p in parts
    }
    if len(made) > 1:
        raise InputError("the request files were prepared with different models or prompts")
    model, mode, prepared_version = made.pop()
    prepared_url = parts[0].header.get("base_url")
    if settings.base_url is None and isinstance(prepared_url, str):  # the server they were for
        settings = replace(settings, base_url=prepared_url)
    if prepared_version != version:
        raise InputError(
            f"{parts[0].requests} was prepared with prompt version {prepared_version}, this "
            f"summarizer has {version}: prepare the batch again"
        )
    if (model, mode) != (settings.model, settings.mode):
        log.info("collecting as prepared: model %s, mode %s", model, mode)
    return replace(settings, model=str(model), mode=mode or settings.mode)


def _reask_name(requests: Path, round_no: int) -> Path:
    stem = requests.stem.split(".reask")[0]
    return requests.with_name(f"{stem}.reask{round_no + 1}{requests.suffix or '.jsonl'}")


def _one_result(
    result: Any,
    by_tag: dict[str, Part],
    collector: _Collector,
    spill: IO[bytes],
    batch: bool,
) -> None:
    where = split_custom_id(result.custom_id)
    part = by_tag.get(where[0]) if where else None
    if part is None or where is None:
        log.warning("result %r matches no request file given; skipped", result.custom_id)
        return
    index = where[1] - 1
    found = part.lookup(where[1])
    if found is None or part.done[index]:
        if found is None:
            log.warning("result %r matches no request; skipped", result.custom_id)
        return  # a second result for the same request: the first one counts
    part.done[index] = 1
    request, entry = found
    name = str(entry.get("input"))
    if name in collector.done:
        return
    if result.completion is None:
        collector.error(name, result.error_kind, f"{name}: {result.error_message}")
        return
    pending = collector.answer(entry, request["body"], result.completion, batch=batch)
    if pending is not None:
        spill.write(wire.dumps(pending).encode() + b"\n")


def _pending(spill: IO[bytes]) -> Iterator[dict[str, Any]]:
    for raw in spill:
        yield json.loads(raw)


def _reask_batch(
    spill: IO[bytes], collector: _Collector, settings: Settings, first: Path, round_no: int
) -> None:
    tag = run_tag(first).removesuffix("p") + f"r{round_no}p"
    writer = RequestWriter(first, header_for(settings, round_no), tag_prefix=tag)
    try:
        for item in _pending(spill):
            body = item.pop("body")
            writer.add(wire.dumps(body), item)
    finally:
        writer.close()
    collector.report.pending = writer.report.requests
    collector.report.reask_requests += writer.report.requests
    collector.report.reask_files = writer.report.files


def _reask_online(
    spill: IO[bytes],
    collector: _Collector,
    settings: Settings,
    client: openai.OpenAI | None,
    jobs: int,
    limiter: RateLimiter | None,
) -> None:
    items = _pending(spill)
    first = next(items, None)
    if first is None:
        return
    owned = None
    if client is None:  # made only when an answer needs a re-ask
        from summarizer.engines.llm.client import make_client

        client = owned = make_client(settings, limiter=limiter)
    ask = _asker(client, settings)
    with ThreadPoolExecutor(max_workers=jobs) as pool, owned or contextlib.nullcontext():
        running: dict[Future[dict[str, Any] | Exception], dict[str, Any]] = {}

        def submit(item: dict[str, Any]) -> None:
            running[pool.submit(ask, item)] = item

        try:
            submit(first)
            for item in items:  # at most 2 x jobs in flight: the spill file is never loaded whole
                if len(running) >= 2 * jobs:
                    _settle(running, collector, submit, wait(running, return_when=FIRST_COMPLETED))
                submit(item)
            while running:
                _settle(running, collector, submit, wait(running, return_when=FIRST_COMPLETED))
        except BaseException:  # Ctrl-C: the re-asks not yet sent are not sent
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _settle(
    running: dict[Future[dict[str, Any] | Exception], dict[str, Any]],
    collector: _Collector,
    submit: Callable[[dict[str, Any]], None],
    waited: Any,
) -> None:
    for future in waited.done:
        item = running.pop(future)
        collector.report.reask_requests += 1
        answer = future.result()
        name = str(item.get("input"))
        if isinstance(answer, Exception):
            kind = getattr(answer, "kind", ErrorKind.PROVIDER)
            collector.error(name, kind, f"{name}: {answer}")
            continue
        again = collector.answer(item, item["body"], answer, batch=False)
        if again is not None:
            submit(again)


def _asker(
    client: openai.OpenAI, settings: Settings
) -> Callable[[dict[str, Any]], dict[str, Any] | Exception]:
    def ask(item: dict[str, Any]) -> dict[str, Any] | Exception:
        try:
            return wire.send(client, settings, item["body"])
        except SummarizerError as exc:
            return exc
        except ValueError as exc:
            message = f"the server's answer is not JSON ({exc})"
            return ProviderError(message, kind=ErrorKind.MALFORMED_RESPONSE)

    return ask
