"""Submit request files to an OpenAI-compatible Files + Batches API, follow them, fetch results.

Everything the later steps need is in a job state file (JSON, rewritten after each change), so
``status`` and ``collect`` work from a new terminal, a day later: for each request file, its
uploaded file, its batch, the batch's status and counts, and where its output and error files
were saved. Downloads stream to disk.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.errors import ConfigError, ErrorKind, InputError, SummarizerError
from summarizer.jobs import wire
from summarizer.jobs.files import Part, is_manifest

if TYPE_CHECKING:
    import openai

    from summarizer.config import Settings
    from summarizer.http.ratelimit import RateLimiter
    from summarizer.jobs.results import Collected

TERMINAL = {"completed", "expired", "failed", "cancelled"}
STATE_VERSION = 1


@dataclass
class BatchRun:
    """One request file on the provider."""

    requests: str
    round: int = 1
    input_file_id: str | None = None
    batch_id: str | None = None
    status: str = "not submitted"
    counts: dict[str, int] = field(default_factory=dict)
    output_file_id: str | None = None
    error_file_id: str | None = None
    results: list[str] = field(default_factory=list)  # downloaded output and error files
    errors: list[str] = field(default_factory=list)  # why the batch failed, if it did
    collected: bool = False

    @property
    def finished(self) -> bool:
        return self.status in TERMINAL


@dataclass
class JobState:
    """The state file of a batch job."""

    path: Path
    base_url_host: str
    model: str
    runs: list[BatchRun] = field(default_factory=list)
    base_url: str | None = None  # the server's /v1 URL (never a key): status and collect ask it

    @classmethod
    def load(cls, path: Path) -> JobState:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            runs = [BatchRun(**run) for run in data["runs"]]
            base_url = data.get("base_url")
            return cls(
                path, data["base_url_host"], data["model"], runs,
                base_url if isinstance(base_url, str) else None,
            )  # fmt: skip
        except FileNotFoundError:
            raise InputError(f"{path}: no such job file (written by `batch submit`)") from None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}: not a job file written by summarizer ({exc})") from None

    def save(self) -> None:
        data = {
            "version": STATE_VERSION,
            "base_url_host": self.base_url_host,
            "base_url": self.base_url,
            "model": self.model,
            "runs": [asdict(run) for run in self.runs],
        }
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, self.path)  # a kill never leaves half a state file

    def line(self) -> str:
        by_status: dict[str, int] = {}
        for run in self.runs:
            by_status[run.status] = by_status.get(run.status, 0) + 1
        done = sum(run.counts.get("completed", 0) for run in self.runs)
        failed = sum(run.counts.get("failed", 0) for run in self.runs)
        total = sum(run.counts.get("total", 0) for run in self.runs)
        statuses = ", ".join(f"{n} {status}" for status, n in sorted(by_status.items()))
        return (
            f"{len(self.runs)} batch(es): {statuses}; requests {done:,} completed, "
            f"{failed:,} failed of {total:,}"
        )


def client_for(
    settings: Settings, *, rpm: float | None = None, tpm: float | None = None
) -> openai.OpenAI:
    """The engine's client for ``settings`` (our retries; ``rpm``/``tpm`` pace online re-asks)."""
    from summarizer.engines.llm.client import make_client

    return make_client(settings, limiter=limiter_for(rpm, tpm))


def limiter_for(rpm: float | None, tpm: float | None) -> RateLimiter | None:
    if rpm is None and tpm is None:
        return None
    from summarizer.http.ratelimit import RateLimiter

    return RateLimiter(rpm=rpm, tpm=tpm)


def default_job_path(requests: Path) -> Path:
    """``requests.job.json`` for ``requests.jsonl`` and its parts ``requests.2.jsonl``..."""
    stem, _, number = requests.stem.rpartition(".")
    base = stem if stem and number.isdigit() else requests.stem
    return requests.with_name(f"{base}.job.json")


def _sdk_call(
    settings: Settings,
    what: str,
    call: Any,
    *args: Any,
    unknown: str | None = None,
    **kwargs: Any,
) -> Any:
    """``call``, its SDK errors made ours; ``unknown``: what a 404 means (the server does not
    know the batch or file: not a missing model)."""
    import openai as sdk

    try:
        return call(*args, **kwargs)
    except sdk.NotFoundError:
        if unknown is None:
            raise
        raise ConfigError(unknown) from None
    except sdk.OpenAIError as exc:
        from summarizer.engines.llm.client import provider_error

        host = settings.base_url_host
        error = provider_error(exc, settings, host)
        kind = error.kind if isinstance(error, SummarizerError) else ErrorKind.PROVIDER
        raise SummarizerError(f"{what}: {error}", kind=kind) from None


def submit(
    requests: list[Path],
    job_path: Path,
    client: openai.OpenAI,
    settings: Settings,
    *,
    round_no: int = 1,
    state: JobState | None = None,
) -> JobState:
    """Upload each request file and start its batch; the state file is saved after each, and
    files already submitted in it are not submitted again. ``state``: the job's state, when
    already loaded."""
    files = [p for p in requests if not is_manifest(p)]
    if not files:
        raise InputError("no request files to submit")
    for path in files:
        Part(path).close()  # a request file with its manifest, or a clear error now
    if state is None:
        state = (
            JobState.load(job_path)
            if job_path.exists()
            else JobState(
                job_path, settings.base_url_host, settings.model, base_url=settings.server
            )
        )
    known = {run.requests: run for run in state.runs}
    for path in files:
        run = known.get(str(path.resolve()))
        if run is None:
            run = BatchRun(requests=str(path.resolve()), round=round_no)
            state.runs.append(run)
        if run.batch_id is not None:
            continue
        if run.input_file_id is None:
            with path.open("rb") as fh:  # streamed by the HTTP client, not read whole
                uploaded = _sdk_call(
                    settings, f"uploading {path}", client.files.create, file=fh, purpose="batch"
                )
            run.input_file_id = uploaded.id
            state.save()
        batch = _sdk_call(
            settings,
            f"creating the batch for {path}",
            client.batches.create,
            input_file_id=run.input_file_id,
            endpoint=wire.ENDPOINT,
            completion_window="24h",
            metadata={"summarizer_requests": path.name[:500]},
        )
        _update(run, batch)
        state.save()
    return state


def _update(run: BatchRun, batch: Any) -> None:
    run.batch_id = batch.id
    run.status = batch.status
    run.output_file_id = batch.output_file_id
    run.error_file_id = batch.error_file_id
    if batch.request_counts is not None:
        counts = batch.request_counts
        run.counts = {"total": counts.total, "completed": counts.completed, "failed": counts.failed}
    if batch.errors is not None and batch.errors.data:
        run.errors = [
            f"line {e.line}: {e.message}" if e.line else str(e.message) for e in batch.errors.data
        ]


def _unknown(state: JobState, settings: Settings, what: str) -> str:
    """Why a server answers 404 for a batch or file of the job: it is not the job's server."""
    asked = settings.server if settings.base_url else settings.base_url_host
    submitted = state.base_url or state.base_url_host
    where = (
        f"the job {state.path} was submitted to {submitted}: give that server with --base-url"
        if submitted not in (asked, settings.base_url_host)
        else f"was the job {state.path} submitted with another API key or project?"
    )
    return f"{asked} has no {what}; {where}"


def refresh(state: JobState, client: openai.OpenAI, settings: Settings) -> JobState:
    """Ask the provider how each unfinished batch is doing."""
    for run in state.runs:
        if run.batch_id is None or run.finished:
            continue
        batch = _sdk_call(
            settings,
            f"retrieving batch {run.batch_id}",
            client.batches.retrieve,
            run.batch_id,
            unknown=_unknown(state, settings, f"batch {run.batch_id}"),
        )
        _update(run, batch)
        state.save()
    return state


def download(state: JobState, client: openai.OpenAI, settings: Settings) -> list[BatchRun]:
    """Save the output and error files of finished batches beside the job file."""
    ready = []
    for run in state.runs:
        if not run.finished or run.collected:
            continue
        if not run.results:
            for kind, file_id in (("output", run.output_file_id), ("errors", run.error_file_id)):
                if file_id is None:
                    continue
                target = state.path.with_name(f"{state.path.stem}.{run.batch_id}.{kind}.jsonl")
                partial = target.with_name(target.name + ".part")
                with _sdk_call(
                    settings,
                    f"downloading {file_id}",
                    client.files.with_streaming_response.content,
                    file_id,
                    unknown=_unknown(state, settings, f"file {file_id}"),
                ) as response:
                    response.stream_to_file(partial)
                os.replace(partial, target)
                run.results.append(str(target))
            state.save()
        ready.append(run)
    return ready


def wait(
    state: JobState,
    client: openai.OpenAI,
    settings: Settings,
    *,
    poll: float,
    timeout: float | None = None,
) -> JobState:
    """Refresh until every batch has finished (or ``timeout`` seconds have passed)."""
    started = time.monotonic()
    while True:
        refresh(state, client, settings)
        if all(run.finished for run in state.runs if run.batch_id is not None):
            return state
        if timeout is not None and time.monotonic() - started > timeout:
            raise SummarizerError(
                f"the batches are still running after {timeout:g}s: {state.line()}"
            )
        time.sleep(poll)


def collect_job(
    state: JobState,
    client: openai.OpenAI,
    settings: Settings,
    output: Path,
    *,
    reask: str = "online",
    cache: Any = None,
    jobs: int = 8,
) -> Collected | None:
    """Collect every finished, not yet collected batch of the job into ``output``; with
    ``reask="batch"`` the re-asks are submitted as the job's next round. None when no batch
    is ready (see :meth:`JobState.line`)."""
    from summarizer.jobs.results import collect

    refresh(state, client, settings)
    ready = download(state, client, settings)
    if not ready:
        return None
    report = collect(
        [Path(p) for run in ready for p in run.results],
        [Path(run.requests) for run in ready],
        output,
        settings,
        reask=reask,  # type: ignore[arg-type]
        cache=cache,
        client=client,
        jobs=jobs,
    )
    for run in ready:
        run.collected = True
    state.save()
    if report.reask_files:
        next_round = max(run.round for run in ready) + 1
        submit(report.reask_files, state.path, client, settings, round_no=next_round, state=state)
    return report
