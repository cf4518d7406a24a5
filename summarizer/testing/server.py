"""A small OpenAI-compatible server on 127.0.0.1, for tests and benchmarks (standard library).

It answers ``POST /v1/chat/completions`` like a capable model would: it finds the article in
the request and returns a grounded summary built by the offline engine, in the shape the
request asks for (a tool call, a JSON schema answer, or a fenced JSON block). It can be slow
(``latency``), enforce a request rate (``rpm``: 429 with ``Retry-After`` beyond it), and inject
faults (:class:`Faults`): 429 with or without ``Retry-After``, 500, 503, a dropped or reset
connection, an answer slower than the client's timeout, truncated JSON, JSON missing required
fields, a fabricated quote, ``finish_reason: "length"``, an empty answer and a refusal. It honours
``max_tokens``, and can take on the quirks of a real server (``personality``: rejects
``json_schema``, ignores tools, cuts long prompts silently...; see
:mod:`summarizer.testing.personalities`).

    python -m summarizer.testing.server --latency 0.3 --rpm 600    # prints its base URL
    python -m summarizer.testing.server --personality ollama       # Ollama's quirks
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import random
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from summarizer.engines.llm.prompts import article_in_body
from summarizer.testing.batches import BatchFaults, BatchStore
from summarizer.testing.notes import draft_from_notes, notes_in
from summarizer.testing.personalities import PERSONALITIES, Personality

FAULT_KINDS = (
    "429",
    "429_no_retry_after",
    "500",
    "503",
    "drop",
    "reset",
    "slow",
    "truncated_json",
    "missing_fields",
    "fabricated_quote",
    "length",
    "empty",
    "refusal",
)


@dataclass
class Faults:
    """Which requests fail, and how.

    ``rate``: the share of requests that get a fault, drawn from ``kinds`` with a seeded RNG.
    ``script``: faults for the first requests of each article, in order (``None``: answer well),
    which makes a test's outcome exact whatever the concurrency.
    """

    rate: float = 0.0
    kinds: tuple[str, ...] = FAULT_KINDS
    seed: int = 0
    script: dict[str, list[str | None]] = field(default_factory=dict)  # article marker -> faults
    slow_s: float = 2.0  # how long a "slow" answer takes
    _rng: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        unknown = set(self.kinds) - set(FAULT_KINDS)
        if unknown:
            raise ValueError(f"unknown fault kinds: {sorted(unknown)}")
        self._rng = random.Random(self.seed)

    def pick(self, article: str, attempt: int) -> str | None:
        for marker, plan in self.script.items():
            if marker in article:
                return plan[attempt] if attempt < len(plan) else None
        if self.rate and self._rng.random() < self.rate:
            return self._rng.choice(self.kinds)
        return None


class _Bucket:
    def __init__(self, rpm: float) -> None:
        self.rate = rpm / 60.0
        self.capacity = 2.0  # a little slack for network jitter, no real burst
        self.level = self.capacity
        self.updated = time.monotonic()
        self.lock = threading.Lock()

    def take(self) -> float | None:
        """None when a request may pass, else the seconds until one may."""
        with self.lock:
            now = time.monotonic()
            self.level = min(self.capacity, self.level + (now - self.updated) * self.rate)
            self.updated = now
            if self.level >= 1.0:
                self.level -= 1.0
                return None
            return (1.0 - self.level) / self.rate


class DevServer:
    """``with DevServer(latency=0.05) as server: ... server.base_url ...``"""

    def __init__(
        self,
        *,
        latency: float = 0.0,
        rpm: float | None = None,
        faults: Faults | None = None,
        port: int = 0,
        personality: Personality | None = None,
        batch_faults: BatchFaults | None = None,
    ) -> None:
        self.latency = latency
        self.batches = BatchStore(batch_faults)  # the Files and Batches endpoints
        self.faults = faults or Faults()
        self.personality = personality or Personality()  # a real server's quirks, if any
        self.bucket = _Bucket(rpm) if rpm else None
        self.counts: Counter[str] = Counter()  # "requests", "ok", each fault kind, "rate_limited"
        self.attempts: Counter[str] = Counter()  # per article: requests seen
        self._lock = threading.Lock()
        self._answered = 0  # requests that got past the personality's refusals
        # bound now, so the port is known before start(); served by one asyncio loop in a thread
        self._sock = socket.create_server(("127.0.0.1", port), backlog=512)
        self._loop = asyncio.new_event_loop()
        self._thread: threading.Thread | None = None
        self._server: asyncio.Server | None = None

    @property
    def base_url(self) -> str:
        host, port = self._sock.getsockname()[:2]
        return f"http://{host!s}:{port}/v1"

    def start(self) -> DevServer:
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._serve, sock=self._sock), self._loop
        ).result()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(timeout=10)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)
            self._loop.close()
        self._sock.close()

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in others:  # connections still open, answers still sleeping
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)

    def __enter__(self) -> DevServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- answering ---------------------------------------------------------------------

    def decide(self, body: dict[str, Any], arrived: float) -> tuple[str, Any, float]:
        """(fault or "ok", payload, when to send it) for one request: the work, not the wait."""
        body = self.personality.seen(body)
        article = _article_of(body)
        with self._lock:
            self.counts["requests"] += 1
            answer_no, self._answered = self._answered, self._answered + 1
            attempt = self.attempts[article]
            self.attempts[article] += 1
        if self.bucket is not None:
            wait = self.bucket.take()
            if wait is not None:
                with self._lock:
                    self.counts["rate_limited"] += 1
                return "rate_limited", wait, arrived
        fault = self.faults.pick(article, attempt)
        with self._lock:
            self.counts[fault or "ok"] += 1
        answer = _completion(body, article, fault)
        self.personality.shape(body, answer, answer_no)
        completion = json.dumps(answer).encode()
        return fault or "ok", completion, arrived + self.latency  # latency includes the work

    # -- HTTP/1.1, just enough for the OpenAI SDK ----------------------------------------

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            while True:
                line = await reader.readline()
                if not line.strip():
                    break
                arrived = time.monotonic()
                method, path = line.decode("latin-1").split(" ")[:2]
                headers = {}
                while (header := await reader.readline()).strip():
                    name, _, value = header.decode("latin-1").partition(":")
                    headers[name.strip().lower()] = value.strip()
                raw = await reader.readexactly(int(headers.get("content-length") or 0))
                if path.startswith(("/v1/files", "/v1/batches")):
                    status, payload = await self.batches.respond(method, path, headers, raw)
                    kind = "application/octet-stream" if isinstance(payload, bytes) else None
                    await _send(writer, status, payload, content_type=kind or "application/json")
                elif not await self._respond(method, path, raw, arrived, writer):
                    break
        except (ConnectionError, asyncio.IncompleteReadError, ValueError):
            pass  # the client went away, or sent something this server does not speak
        finally:
            writer.close()

    async def _respond(
        self, method: str, path: str, raw: bytes, arrived: float, writer: asyncio.StreamWriter
    ) -> bool:
        """Answer one request; False when the connection is to be dropped."""
        if method == "GET" and path.rstrip("/").endswith("/_stats"):
            with self._lock:
                return await _send(writer, 200, dict(self.counts))
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            return await _send(writer, 400, {"error": {"message": "request body is not JSON"}})
        found = self.personality.discovery(method, path, body)
        if found is not None:
            with self._lock:
                self.counts["window_asked"] += 1
            return await _send(writer, 200, found)
        if method != "POST" or not path.endswith("/chat/completions"):
            return await _send(writer, 404, {"error": {"message": f"no route {path}"}})
        refused = self.personality.refuse(body)
        if refused is not None:
            with self._lock:
                self.counts["requests"] += 1
                self.counts["refused"] += 1
            return await _send(writer, *refused)
        try:
            outcome, payload, when = self.decide(body, arrived)
        except Exception as exc:  # a bug here: an answer that says so, not a dropped line
            failed = {"error": {"message": f"the test server failed: {exc}", "type": "server"}}
            return await _send(writer, 500, failed)
        if outcome == "rate_limited":
            ms = str(int(max(0.001, float(payload)) * 1000) + 1)
            limited = {"error": {"message": "rate limit reached", "type": "requests"}}
            return await _send(writer, 429, limited, {"retry-after-ms": ms, "retry-after": "1"})
        await asyncio.sleep(max(0.0, when - time.monotonic()))
        error = {"error": {"message": "the server had an error"}}
        if outcome == "429":
            return await _send(writer, 429, error, {"retry-after-ms": "20"})
        if outcome == "429_no_retry_after":
            return await _send(writer, 429, error)
        if outcome in {"500", "503"}:
            return await _send(writer, int(outcome), error)
        if outcome == "drop":
            return False
        if outcome == "reset":  # the connection reset (TCP RST), not closed: a crashed server
            sock = writer.get_extra_info("socket")
            if sock is not None:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()
            return False
        if outcome == "slow":
            await asyncio.sleep(self.faults.slow_s)
        if outcome == "truncated_json":
            payload = payload[: len(payload) // 2]
        return await _send(writer, 200, payload)


async def _send(
    writer: asyncio.StreamWriter,
    status: int,
    payload: Any,
    headers: dict[str, str] | None = None,
    content_type: str = "application/json",
) -> bool:
    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    head = [f"HTTP/1.1 {status} {HTTPStatus(status).phrase}", f"content-type: {content_type}"]
    head += [f"content-length: {len(data)}", *(f"{k}: {v}" for k, v in (headers or {}).items())]
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + data)
    await writer.drain()
    return True


def _article_of(body: dict[str, Any]) -> str:
    return article_in_body(body) or ""


def _notes_of(body: dict[str, Any]) -> list[dict[str, Any]] | None:
    for message in body.get("messages", []):
        content = message.get("content")
        if message.get("role") == "user" and isinstance(content, str):
            found = notes_in(content)
            if found is not None:
                return found
    return None


@functools.lru_cache(maxsize=4096)
def _draft_json(article: str) -> str:
    """The draft for an article, computed once: long benchmark runs repeat articles."""
    return json.dumps(draft_for(article))


def draft_for(article: str) -> dict[str, Any]:
    """What a capable model answers: a grounded draft, here built by the offline engine."""
    from summarizer.engines.offline.engine import summarize_offline
    from summarizer.errors import InputError

    try:
        result = summarize_offline(article, input_name="request")
    except InputError:  # no sentence (a long article's part that is a caption or a list)
        return _draft_of_no_sentences(article)

    def cited(item: Any, *fields: str) -> dict[str, Any]:
        """The draft's fields of ``item``, with its located evidence as plain text."""
        return {**item.model_dump(include=set(fields)), "evidence": [e.text for e in item.evidence]}

    return {
        "language": result.language or "en",
        "summary": {
            "headline": result.summary.headline,
            "text": result.summary.text,
            "key_points": [cited(kp, "point") for kp in result.summary.key_points],
        },
        "stances": [
            cited(st, "actor", "role", "topic", "position", "stance")
            for st in result.stances
            if st.evidence
        ],
        "quotes": [
            q.model_dump(include={"text", "speaker", "speaker_kind", "cue"}) for q in result.quotes
        ],
        "open_questions": [
            cited(oq, "question", "kind", "why") for oq in result.open_questions if oq.evidence
        ],
    }


def _draft_of_no_sentences(article: str) -> dict[str, Any]:
    """What a model answers to a text with no sentence to summarize: its first line as the
    one key point (verbatim, so that it is grounded), nothing else."""
    line = next((ln.strip() for ln in article.splitlines() if ln.strip()), "")
    points = [{"point": line, "evidence": [line]}] if line else []
    return {
        "language": "en",
        "summary": {"headline": line[:80], "text": line, "key_points": points},
        "stances": [],
        "quotes": [],
        "open_questions": [],
    }


_CITIES = ("Maple Falls", "Port Ellis", "Carden", "New Hollis", "Brayton", "Ostrava Bay")
_FIRST = ("Ana", "Tom", "Lena", "Marcus", "Priya", "Jonas", "Claire", "Omar", "Nadia", "Felix")
_LAST = ("Ruiz", "Berg", "Holt", "Okafor", "Marsh", "Lindqvist", "Duarte", "Keane", "Sato")


def sample_article(i: int) -> str:
    """A short, plausible news article, different for each ``i`` (for tests and benchmarks)."""
    city = _CITIES[i % len(_CITIES)]
    mayor = f"{_FIRST[i % len(_FIRST)]} {_LAST[i % len(_LAST)]}"
    critic = f"{_FIRST[(i + 3) % len(_FIRST)]} {_LAST[(i + 5) % len(_LAST)]}"
    millions, bridges = 10 + i % 90, 2 + i % 7
    return (
        f"{city} approves {millions}-million plan to repair {bridges} bridges\n\n"
        f"{city} - The city council on Tuesday approved a {millions}-million dollar plan to "
        f"repair {bridges} bridges, after months of debate over costs (article {i}).\n\n"
        f"“This is the most important investment we will make this decade,” Mayor {mayor} "
        "said after the vote.\n\n"
        "Opponents said the plan relies on federal grants that have not been confirmed. "
        f"“We are spending money we may never receive,” council member {critic} told "
        "reporters.\n\n"
        "According to a city engineer who asked not to be named, work may begin in the "
        "spring if the grants arrive.\n"
    )


def _completion(body: dict[str, Any], article: str, fault: str | None) -> dict[str, Any]:
    notes = None if article else _notes_of(body)  # a long article's final request
    draft: dict[str, Any] = (
        draft_from_notes(notes) if notes is not None else json.loads(_draft_json(article))
    )  # a fresh copy to alter
    finish = "stop"
    if fault == "missing_fields":
        draft.pop("summary")
        draft.pop("quotes")
    elif fault == "fabricated_quote":
        draft["quotes"].append(
            {
                "text": "We will rebuild every bridge by Christmas",
                "speaker": draft["quotes"][0]["speaker"] if draft["quotes"] else "The mayor",
                "speaker_kind": "named",
                "cue": "said",
            }
        )
    arguments = json.dumps(draft)
    if fault == "length":
        arguments, finish = arguments[: len(arguments) // 2], "length"
    content: str | None
    tool_calls = None
    if fault in {"empty", "refusal"}:
        content = "" if fault == "empty" else "I'm sorry, but I can't help with that request."
    elif body.get("tools"):
        name = body["tools"][0]["function"]["name"]
        content = None
        tool_calls = [
            {
                "id": "call_dev_1",
                "type": "function",
                "function": {"name": name, "arguments": arguments},
            }
        ]
        finish = "tool_calls" if finish == "stop" else finish
    elif (body.get("response_format") or {}).get("type") in {"json_schema", "json_object"}:
        content = arguments
    else:
        content = f"```json\n{arguments}\n```"
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if tool_calls:
        message["tool_calls"] = tool_calls
    if fault == "refusal":
        message["refusal"] = content
    prompt_tokens = len(json.dumps(body)) // 4
    completion_tokens = len(arguments) // 4
    return {
        "id": "chatcmpl-dev",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "dev"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds per answer")
    parser.add_argument("--rpm", type=float, default=None, help="requests per minute enforced")
    parser.add_argument("--fault-rate", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--slow-s", type=float, default=2.0, help="how long a 'slow' answer takes")
    parser.add_argument(
        "--personality", choices=sorted(PERSONALITIES), default="openai", help="a server's quirks"
    )
    parser.add_argument("--batch-reask-rate", type=float, default=0.0, help="batch: made-up quotes")
    parser.add_argument("--batch-error-rate", type=float, default=0.0, help="batch: failed lines")
    args = parser.parse_args()
    server = DevServer(
        latency=args.latency,
        rpm=args.rpm,
        faults=Faults(rate=args.fault_rate, seed=args.seed, slow_s=args.slow_s),
        port=args.port,
        personality=PERSONALITIES[args.personality],
        batch_faults=BatchFaults(
            reask_rate=args.batch_reask_rate, error_rate=args.batch_error_rate
        ),
    ).start()
    print(server.base_url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
