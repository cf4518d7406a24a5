"""A small OpenAI-compatible server on 127.0.0.1, for tests and benchmarks (standard library).

It answers ``POST /v1/chat/completions`` like a capable model would: it finds the article in
the request and returns a grounded summary built by the offline engine, in the shape the
request asks for (a tool call, a JSON schema answer, or a fenced JSON block). It can be slow
(``latency``), enforce a request rate (``rpm``: 429 with ``Retry-After`` beyond it), and inject
faults (:class:`Faults`): 429 with or without ``Retry-After``, 500, 503, a dropped connection,
an answer slower than the client's timeout, truncated JSON, JSON missing required fields, a
fabricated quote, ``finish_reason: "length"``, an empty answer and a refusal.

    python -m summarizer.devserver --latency 0.3 --rpm 600    # prints its base URL
"""

from __future__ import annotations

import argparse
import json
import random
import re
import socket
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

FAULT_KINDS = (
    "429",
    "429_no_retry_after",
    "500",
    "503",
    "drop",
    "slow",
    "truncated_json",
    "missing_fields",
    "fabricated_quote",
    "length",
    "empty",
    "refusal",
)
_ARTICLE = re.compile(r"<<<ARTICLE\n(.*)\nARTICLE>>>", re.S)


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


class _Server(ThreadingHTTPServer):
    request_queue_size = 512  # the default backlog of 5 drops connections under --jobs 32


class DevServer:
    """``with DevServer(latency=0.05) as server: ... server.base_url ...``"""

    def __init__(
        self,
        *,
        latency: float = 0.0,
        rpm: float | None = None,
        faults: Faults | None = None,
        port: int = 0,
    ) -> None:
        self.latency = latency
        self.faults = faults or Faults()
        self.bucket = _Bucket(rpm) if rpm else None
        self.counts: Counter[str] = Counter()  # "requests", "ok", each fault kind, "rate_limited"
        self.prompt_chars: list[int] = []  # request sizes, for overhead figures
        self.attempts: Counter[str] = Counter()  # per article: requests seen
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", port), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def start(self) -> DevServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> DevServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- answering ---------------------------------------------------------------------

    def answer(self, body: dict[str, Any], arrived: float | None = None) -> tuple[str, Any]:
        """(fault or "ok", payload) for one request, ``latency`` seconds after it arrived."""
        arrived = time.monotonic() if arrived is None else arrived
        article = _article_of(body)
        with self._lock:
            self.counts["requests"] += 1
            attempt = self.attempts[article]
            self.attempts[article] += 1
        if self.bucket is not None:
            wait = self.bucket.take()
            if wait is not None:
                with self._lock:
                    self.counts["rate_limited"] += 1
                return "rate_limited", wait
        fault = self.faults.pick(article, attempt)
        with self._lock:
            self.counts[fault or "ok"] += 1
        completion = json.dumps(_completion(body, article, fault)).encode()  # bytes, ready
        remaining = self.latency - (time.monotonic() - arrived)
        if remaining > 0:
            time.sleep(remaining)  # the answer's latency includes the time spent writing it
        return fault or "ok", completion


def _article_of(body: dict[str, Any]) -> str:
    for message in body.get("messages", []):
        content = message.get("content")
        if message.get("role") == "user" and isinstance(content, str):
            m = _ARTICLE.search(content)
            if m:
                return m.group(1)
    return ""


def draft_for(article: str) -> dict[str, Any]:
    """What a capable model answers: a grounded draft, here built by the offline engine."""
    from summarizer.offline import summarize_offline

    result = summarize_offline(article, input_name="request")
    return {
        "language": result.language or "en",
        "summary": {
            "headline": result.summary.headline,
            "text": result.summary.text,
            "key_points": [
                {"point": kp.point, "evidence": [e.text for e in kp.evidence]}
                for kp in result.summary.key_points
            ],
        },
        "stances": [
            {
                "actor": st.actor,
                "role": st.role,
                "topic": st.topic,
                "position": st.position,
                "stance": st.stance,
                "evidence": [e.text for e in st.evidence],
            }
            for st in result.stances
            if st.evidence
        ],
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "speaker_kind": q.speaker_kind, "cue": q.cue}
            for q in result.quotes
        ],
        "open_questions": [
            {
                "question": oq.question,
                "kind": oq.kind,
                "why": oq.why,
                "evidence": [e.text for e in oq.evidence],
            }
            for oq in result.open_questions
            if oq.evidence
        ],
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
    draft = draft_for(article)
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
    elif (body.get("response_format") or {}).get("type") == "json_schema":
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


def _handler_for(server: DevServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            # headers and body go out in separate writes: without this, Nagle's algorithm and
            # the client's delayed ACK add ~40 ms to every answer
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def parse_request(self) -> bool:
            # the request line has just been read: the answer's latency counts from here, not
            # from when this thread next gets the interpreter to itself
            self.arrived = time.monotonic()
            return super().parse_request()

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

        def do_GET(self) -> None:
            if self.path.rstrip("/").endswith("/_stats"):
                with server._lock:
                    self._send(200, dict(server.counts))
            else:
                self._send(404, {"error": {"message": f"no route {self.path}"}})

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length)
            if not self.path.endswith("/chat/completions"):
                self._send(404, {"error": {"message": f"no route {self.path}"}})
                return
            try:
                body = json.loads(raw)
            except ValueError:
                self._send(400, {"error": {"message": "request body is not JSON"}})
                return
            with server._lock:
                server.prompt_chars.append(len(raw))
            outcome, payload = server.answer(body, self.arrived)
            if outcome == "rate_limited":
                wait = max(0.001, float(payload))
                self._send(
                    429,
                    {"error": {"message": "rate limit reached", "type": "requests"}},
                    {"retry-after-ms": str(int(wait * 1000) + 1), "retry-after": "1"},
                )
            elif outcome == "429":
                self._send(429, {"error": {"message": "slow down"}}, {"retry-after-ms": "20"})
            elif outcome == "429_no_retry_after":
                self._send(429, {"error": {"message": "slow down"}})
            elif outcome in {"500", "503"}:
                self._send(int(outcome), {"error": {"message": "the server had an error"}})
            elif outcome == "drop":
                self.close_connection = True
                self.connection.close()
            elif outcome == "slow":
                time.sleep(server.faults.slow_s)
                self._send_raw(200, payload)
            elif outcome == "truncated_json":
                self._send_raw(200, payload[: len(payload) // 2])
            else:
                self._send_raw(200, payload)

        def _send(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
            self._send_raw(status, json.dumps(payload).encode(), headers=headers)

        def _send_raw(
            self, status: int, data: bytes, headers: dict[str, str] | None = None
        ) -> None:
            try:
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (its timeout): nothing to do

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds per answer")
    parser.add_argument("--rpm", type=float, default=None, help="requests per minute enforced")
    parser.add_argument("--fault-rate", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--slow-s", type=float, default=2.0, help="how long a 'slow' answer takes")
    args = parser.parse_args()
    # many threads sleep out their latency while others compute: hand the GIL over often, so
    # a woken thread does not wait the default 5 ms per switch
    sys.setswitchinterval(0.0005)
    server = DevServer(
        latency=args.latency,
        rpm=args.rpm,
        faults=Faults(rate=args.fault_rate, seed=args.seed, slow_s=args.slow_s),
        port=args.port,
    ).start()
    print(server.base_url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
