"""The Files and Batches endpoints of the test server: OpenAI's Batch API, small and in memory.

``POST /v1/files`` (multipart upload, ``purpose=batch``), ``GET /v1/files/{id}`` and
``GET /v1/files/{id}/content``; ``POST /v1/batches``, ``GET /v1/batches/{id}`` and
``POST /v1/batches/{id}/cancel``. A batch moves one step each time it is retrieved:
``validating`` → ``in_progress`` → ``completed`` (or ``expired``, or ``failed`` when its input
file is not a valid batch file). Its answers come from the same draft builder the chat endpoint
uses (:func:`summarizer.testing.server.draft_for`), and :class:`BatchFaults` decides which of
them need a re-ask (a made-up quote), which requests fail (error-file lines with an HTTP status,
as the provider writes them) and whether the batch expires part-way.

:func:`answer_file` does the same work from one local file to another, without HTTP: what a
self-hosted batch runner produces (``vllm run-batch`` writes one file, errors included).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

# what the chat endpoint's fault names mean for a batch line
REASK_FAULT = "fabricated_quote"


@dataclass
class BatchFaults:
    """Which batch lines go wrong, decided per ``custom_id`` (stable whatever the order).

    ``reask_rate``: the share of first answers with a made-up quote (validation fails, the
    article needs a re-ask). ``error_rate``: the share of requests that fail (an error-file line
    with status 500). ``expire_after``: the batch expires after this many lines; the rest are
    ``batch_expired`` error lines. Re-asked articles (a second request for the same article)
    are answered well.
    """

    reask_rate: float = 0.0
    error_rate: float = 0.0
    expire_after: int | None = None
    seed: int = 0

    def _draw(self, custom_id: str, salt: str) -> float:
        digest = hashlib.sha256(f"{self.seed}:{salt}:{custom_id}".encode()).digest()
        return int.from_bytes(digest[:8], "big") / 2**64

    def error(self, custom_id: str) -> bool:
        return self.error_rate > 0 and self._draw(custom_id, "error") < self.error_rate

    def reask(self, custom_id: str) -> bool:
        return self.reask_rate > 0 and self._draw(custom_id, "reask") < self.reask_rate


@dataclass
class Answered:
    """What answering one batch file produced."""

    output: bytes = b""
    errors: bytes = b""
    counts: Counter[str] = field(default_factory=Counter)  # completed, failed, reask, expired
    problems: list[dict[str, Any]] = field(default_factory=list)  # a malformed input file


def _line_problems(lineno: int, line: dict[str, Any], endpoint: str, seen: set[str]) -> str | None:
    custom_id = line.get("custom_id")
    if not isinstance(custom_id, str) or not custom_id:
        return "custom_id is missing"
    if custom_id in seen:
        return f"custom_id {custom_id!r} is not unique"
    if line.get("method") != "POST":
        return "method must be POST"
    if line.get("url") != endpoint:
        return f"url must be {endpoint}"
    if not isinstance(line.get("body"), dict):
        return "body must be an object"
    return None


def answer_lines(
    lines: Iterable[bytes],
    faults: BatchFaults,
    *,
    endpoint: str = "/v1/chat/completions",
    seen_articles: Counter[str] | None = None,
    one_file: bool = False,
) -> Iterator[tuple[str, dict[str, Any]]]:
    """("output" | "errors" | "problem", record) for each line of a batch input file.

    ``seen_articles`` counts requests per article across batches, so a re-ask is answered well.
    ``one_file``: errors are written the way ``vllm run-batch`` writes them (one file).
    """
    from summarizer.testing.server import _article_of, _completion

    seen: set[str] = set()
    articles = seen_articles if seen_articles is not None else Counter()
    for lineno, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
        except ValueError:
            yield "problem", {"code": "invalid_json", "line": lineno, "message": "not JSON"}
            continue
        problem = _line_problems(lineno, line, endpoint, seen) if isinstance(line, dict) else "?"
        if problem is not None:
            yield "problem", {"code": "invalid_request", "line": lineno, "message": problem}
            continue
        custom_id = line["custom_id"]
        seen.add(custom_id)
        body = line["body"]
        request_id = "req_" + hashlib.sha256(custom_id.encode()).hexdigest()[:16]
        record_id = "batch_req_" + request_id[4:]
        if faults.expire_after is not None and len(seen) > faults.expire_after:
            error = {
                "code": "batch_expired",
                "message": "This request could not be executed before the completion window "
                "expired.",
            }
            yield "errors", {"id": record_id, "custom_id": custom_id, "response": None,
                             "error": error}  # fmt: skip
            continue
        if faults.error(custom_id):
            message = {"message": "The server had an error processing your request.",
                       "type": "server_error", "param": None, "code": None}  # fmt: skip
            if one_file:  # vllm run-batch: status and the error beside an empty body
                response = {"status_code": 500, "request_id": request_id, "body": None}
                yield "errors", {"id": record_id, "custom_id": custom_id, "response": response,
                                 "error": message["message"]}  # fmt: skip
            else:
                response = {"status_code": 500, "request_id": request_id,
                            "body": {"error": message}}  # fmt: skip
                yield "errors", {"id": record_id, "custom_id": custom_id, "response": response,
                                 "error": None}  # fmt: skip
            continue
        article = _article_of(body)
        first = articles[article] == 0
        articles[article] += 1
        fault = REASK_FAULT if first and faults.reask(custom_id) else None
        completion = _completion(body, article, fault)
        completion["id"] = "chatcmpl-" + request_id[4:]
        response = {"status_code": 200, "request_id": request_id, "body": completion}
        yield "output", {"id": record_id, "custom_id": custom_id, "response": response,
                         "error": None, "_fault": fault}  # fmt: skip


def _dump(record: dict[str, Any]) -> bytes:
    record.pop("_fault", None)
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def answer_file(
    requests: IO[bytes],
    output: IO[bytes],
    faults: BatchFaults | None = None,
    *,
    errors: IO[bytes] | None = None,
) -> Counter[str]:
    """Answer a batch input file into ``output`` (and ``errors``; without it, errors go to
    ``output`` the way ``vllm run-batch`` writes them). Streams: one line at a time."""
    counts: Counter[str] = Counter()
    for where, record in answer_lines(requests, faults or BatchFaults(), one_file=errors is None):
        if where == "problem":
            counts["problem"] += 1
            continue
        if record.get("_fault"):
            counts["reask"] += 1
        counts["completed" if where == "output" else "failed"] += 1
        (output if where == "output" or errors is None else errors).write(_dump(record))
    return counts


def _multipart(content_type: str, raw: bytes) -> dict[str, tuple[str | None, bytes]]:
    """The parts of a multipart/form-data body: name -> (filename, data)."""
    boundary = content_type.partition("boundary=")[2].strip().strip('"').encode()
    if not boundary:
        raise ValueError("no multipart boundary")
    parts: dict[str, tuple[str | None, bytes]] = {}
    for chunk in raw.split(b"--" + boundary)[1:]:
        if chunk.startswith(b"--"):
            break
        head, _, data = chunk.partition(b"\r\n\r\n")
        disposition = next(
            (
                header
                for header in head.decode("latin-1").split("\r\n")
                if header.lower().startswith("content-disposition")
            ),
            "",
        )
        fields = dict(
            (k.strip(), v.strip().strip('"'))
            for k, _, v in (p.partition("=") for p in disposition.split(";")[1:])
        )
        parts[fields.get("name", "")] = (fields.get("filename"), data.removesuffix(b"\r\n"))
    return parts


class BatchStore:
    """The files and batches of one test server, and how its batches go."""

    def __init__(self, faults: BatchFaults | None = None) -> None:
        self.faults = faults or BatchFaults()
        self.files: dict[str, dict[str, Any]] = {}
        self.contents: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.counts: Counter[str] = Counter()  # uploads, batches, completed, failed, reask...
        self.articles: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._next = 0

    def _id(self, prefix: str) -> str:
        with self._lock:
            self._next += 1
            return f"{prefix}-dev{self._next:06d}"

    def add_file(self, filename: str, purpose: str, data: bytes) -> dict[str, Any]:
        file_id = self._id("file")
        info = {
            "id": file_id,
            "object": "file",
            "bytes": len(data),
            "created_at": int(time.time()),
            "filename": filename,
            "purpose": purpose,
            "status": "processed",
        }
        self.files[file_id] = info
        self.contents[file_id] = data
        return info

    async def respond(
        self, method: str, path: str, headers: dict[str, str], raw: bytes
    ) -> tuple[int, Any]:
        """(HTTP status, JSON payload or bytes) for a request under /v1/files or /v1/batches."""
        parts = path.split("?")[0].rstrip("/").split("/")
        at = parts.index("files") if "files" in parts else parts.index("batches")
        resource, rest = parts[at], parts[at + 1 :]
        if resource == "files":
            return self._files(method, rest, headers, raw)
        if method == "POST" and not rest:
            return self._create(raw)
        if method == "GET" and len(rest) == 1 and rest[0] in self.batches:
            return 200, await self._advance(rest[0])
        if method == "POST" and len(rest) == 2 and rest[1] == "cancel" and rest[0] in self.batches:
            batch = self.batches[rest[0]]
            if batch["status"] in {"validating", "in_progress"}:
                batch.update(status="cancelled", cancelled_at=int(time.time()))
            return 200, batch
        return 404, _error(f"no batch route {method} {path}", "not_found")

    def _files(
        self, method: str, rest: list[str], headers: dict[str, str], raw: bytes
    ) -> tuple[int, Any]:
        if method == "POST" and not rest:
            try:
                form = _multipart(headers.get("content-type", ""), raw)
            except ValueError as exc:
                return 400, _error(str(exc), "invalid_request_error")
            filename, data = form.get("file", (None, b""))
            purpose = form.get("purpose", (None, b""))[1].decode()
            if filename is None or purpose != "batch":
                return 400, _error("upload a file with purpose=batch", "invalid_request_error")
            self.counts["uploads"] += 1
            return 200, self.add_file(filename, purpose, data)
        if method == "GET" and rest and rest[0] in self.files:
            if rest[1:] == ["content"]:
                return 200, self.contents[rest[0]]
            if not rest[1:]:
                return 200, self.files[rest[0]]
        return 404, _error("No such File object", "invalid_request_error")

    def _create(self, raw: bytes) -> tuple[int, Any]:
        try:
            params = json.loads(raw)
        except ValueError:
            return 400, _error("request body is not JSON", "invalid_request_error")
        input_file_id = params.get("input_file_id")
        if input_file_id not in self.files:
            return 400, _error(f"no file {input_file_id!r}", "invalid_request_error")
        if params.get("completion_window") != "24h":
            return 400, _error("completion_window must be 24h", "invalid_request_error")
        batch_id = self._id("batch")
        now = int(time.time())
        self.batches[batch_id] = {
            "id": batch_id,
            "object": "batch",
            "endpoint": params.get("endpoint", "/v1/chat/completions"),
            "errors": None,
            "input_file_id": input_file_id,
            "completion_window": "24h",
            "status": "validating",
            "output_file_id": None,
            "error_file_id": None,
            "created_at": now,
            "expires_at": now + 86400,
            "request_counts": {"total": 0, "completed": 0, "failed": 0},
            "metadata": params.get("metadata"),
        }
        self.counts["batches"] += 1
        return 200, self.batches[batch_id]

    async def _advance(self, batch_id: str) -> dict[str, Any]:
        """Each retrieve moves a running batch one step on."""
        batch = self.batches[batch_id]
        now = int(time.time())
        if batch["status"] == "validating":
            batch.update(status="in_progress", in_progress_at=now)
        elif batch["status"] == "in_progress":
            data = self.contents[batch["input_file_id"]]
            answered = await asyncio.to_thread(self._answer, data, batch["endpoint"])
            if answered.problems:
                batch.update(
                    status="failed",
                    failed_at=now,
                    errors={"object": "list", "data": answered.problems[:100]},
                )
                return batch
            counts = answered.counts
            if answered.output:
                batch["output_file_id"] = self.add_file(
                    f"{batch_id}_output.jsonl", "batch_output", answered.output
                )["id"]
            if answered.errors:
                batch["error_file_id"] = self.add_file(
                    f"{batch_id}_error.jsonl", "batch_output", answered.errors
                )["id"]
            total = counts["completed"] + counts["failed"]
            batch["request_counts"] = {
                "total": total,
                "completed": counts["completed"],
                "failed": counts["failed"],
            }
            if counts["expired"]:
                batch.update(status="expired", expired_at=now)
            else:
                batch.update(status="completed", finalizing_at=now, completed_at=now)
        return batch

    def _answer(self, data: bytes, endpoint: str) -> Answered:
        answered = Answered()
        output: list[bytes] = []
        errors: list[bytes] = []
        for where, record in answer_lines(
            data.splitlines(), self.faults, endpoint=endpoint, seen_articles=self.articles
        ):
            if where == "problem":
                answered.problems.append(record)
                continue
            if record.get("_fault"):
                answered.counts["reask"] += 1
            if (
                where == "errors"
                and record["error"]
                and record["error"].get("code") == ("batch_expired")
            ):
                answered.counts["expired"] += 1
            answered.counts["completed" if where == "output" else "failed"] += 1
            (output if where == "output" else errors).append(_dump(record))
        answered.output, answered.errors = b"".join(output), b"".join(errors)
        with self._lock:
            self.counts.update(answered.counts)
        return answered


def _error(message: str, kind: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": None}}
