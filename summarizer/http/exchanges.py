"""Record and replay OpenAI-format HTTP exchanges, so that every test runs offline.

A fixture file is JSON::

    {"scripted": true, "description": "...",
     "exchanges": [{"request": {"method": "POST", "path": "/v1/chat/completions", "json": {...}},
                    "response": {"status": 200, "headers": {...}, "json": {...}}}]}

``scripted`` is true for exchanges written by hand (no model produced them) and false for
recorded ones. Recording keeps no request headers at all and only harmless response headers,
so Authorization, cookies and organisation/project ids never reach a file.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import httpx2

from summarizer.errors import ConfigError

_KEPT_RESPONSE_HEADERS = ("content-type", "retry-after")
_KEPT_RESPONSE_PREFIXES = ("x-ratelimit-",)


def load_fixture(path: str | Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"replay file not found: {path}") from None
    except (OSError, ValueError) as exc:
        raise ConfigError(f"replay file {path} is not readable JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("exchanges"), list):
        raise ConfigError(f"replay file {path} has no 'exchanges' list")
    return data


class Replay:
    """Answers each request with the next recorded response, in order; keeps the requests."""

    def __init__(self, exchanges: list[dict[str, Any]]) -> None:
        self._pending = list(exchanges)
        self._lock = threading.Lock()
        self.requests: list[dict[str, Any]] = []

    @classmethod
    def from_file(cls, path: str | Path) -> Replay:
        return cls(load_fixture(path)["exchanges"])

    @property
    def remaining(self) -> int:
        return len(self._pending)

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        body = request.content
        with self._lock:
            self.requests.append(
                {
                    "method": request.method,
                    "path": request.url.path,
                    "json": json.loads(body) if body else None,
                }
            )
            if not self._pending:
                return httpx2.Response(
                    400, json={"error": {"message": "replay: no recorded exchange left"}}
                )
            exchange = self._pending.pop(0)
        expected = exchange.get("request", {})
        if expected.get("path") and not request.url.path.endswith(
            expected["path"].rsplit("/v1", 1)[-1]
        ):
            return httpx2.Response(
                400,
                json={
                    "error": {
                        "message": f"replay: expected {expected['path']}, got {request.url.path}"
                    }
                },
            )
        response = exchange["response"]
        return httpx2.Response(
            response.get("status", 200),
            headers=response.get("headers") or {"content-type": "application/json"},
            json=response.get("json"),
        )

    def transport(self) -> httpx2.MockTransport:
        """A transport (sync and async alike) that answers from the exchanges."""
        return httpx2.MockTransport(self)

    def sync_client(self) -> httpx2.Client:
        return httpx2.Client(transport=httpx2.MockTransport(self))

    def async_client(self) -> httpx2.AsyncClient:
        return httpx2.AsyncClient(transport=httpx2.MockTransport(self))


def _scrub_headers(headers: httpx2.Headers) -> dict[str, str]:
    return {
        k: v
        for k, v in headers.items()
        if k.lower() in _KEPT_RESPONSE_HEADERS or k.lower().startswith(_KEPT_RESPONSE_PREFIXES)
    }


class Recorder:
    """Writes every exchange that passes through to ``path`` (rewritten after each one)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.exchanges: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def record(self, request: httpx2.Request, response: httpx2.Response) -> None:
        body = request.content
        try:
            payload = response.json()
        except ValueError:
            payload = {"_text": response.text}
        with self._lock:
            self.exchanges.append(
                {
                    "request": {
                        "method": request.method,
                        "path": request.url.path,
                        "json": json.loads(body) if body else None,
                    },
                    "response": {
                        "status": response.status_code,
                        "headers": _scrub_headers(response.headers),
                        "json": payload,
                    },
                }
            )
            document = {
                "scripted": False,
                "description": "Recorded with summarizer --record; headers scrubbed.",
                "exchanges": self.exchanges,
            }
            self.path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")

    def transport(self) -> Recording:
        """A transport (sync and async alike) that sends to the network and records."""
        return Recording(self)


class Recording(httpx2.BaseTransport, httpx2.AsyncBaseTransport):
    """Sends through ``inner`` (the network by default), sync or async, and records each
    exchange."""

    def __init__(self, recorder: Recorder, inner: httpx2.MockTransport | None = None) -> None:
        self._recorder = recorder
        self._sync: httpx2.BaseTransport = inner or httpx2.HTTPTransport()
        self._async: httpx2.AsyncBaseTransport = inner or httpx2.AsyncHTTPTransport()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        response = self._sync.handle_request(request)
        response.read()
        self._recorder.record(request, response)
        return response

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        response = await self._async.handle_async_request(request)
        await response.aread()
        self._recorder.record(request, response)
        return response

    def close(self) -> None:
        self._sync.close()

    async def aclose(self) -> None:
        await self._async.aclose()
