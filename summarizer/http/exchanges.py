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
import re
import threading
from pathlib import Path
from typing import Any

import httpx2

from summarizer.errors import ConfigError

_ARTICLE = re.compile(r"<<<ARTICLE\n(.*)\nARTICLE>>>", re.S)
_KEPT_RESPONSE_HEADERS = ("content-type", "retry-after")
_KEPT_RESPONSE_PREFIXES = ("x-ratelimit-",)
_RECORDED_HEAD = {
    "scripted": False,
    "description": "Recorded with summarizer --record; headers scrubbed.",
    "exchanges": [],
}
_RECORDED_TAIL = b"\n  ]\n}\n"


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

    def __init__(
        self,
        exchanges: list[dict[str, Any]],
        *,
        mode: str | None = None,
        article: str | None = None,
        article_name: str | None = None,
    ) -> None:
        self._pending = list(exchanges)
        self._held = len(exchanges)
        self._lock = threading.Lock()
        self.requests: list[dict[str, Any]] = []
        self.mode, self.article, self.article_name = mode, article, article_name

    @classmethod
    def from_file(cls, path: str | Path) -> Replay:
        data = load_fixture(path)
        name = data.get("article") if isinstance(data.get("article"), str) else None
        return cls(
            data["exchanges"],
            mode=data.get("mode"),
            article=_read_beside(name, Path(path)) if name else None,
            article_name=name,
        )

    @property
    def remaining(self) -> int:
        return len(self._pending)

    @property
    def base_url(self) -> str | None:
        """The server the recording was made with (``http://127.0.0.1:8080/v1``), when its
        chat requests say (recordings made before they did do not)."""
        given = [(e.get("request") or {}).get("url") for e in self._pending]
        urls: list[str] = [url for url in given if isinstance(url, str)]
        for url in urls:  # the window probes are made from it too: /v1/models, root + /props
            if url.endswith(_CHAT):
                return url[: -len(_CHAT)]
        for url in urls:
            if url.endswith("/models"):
                return url[: -len("/models")]
        for url in urls:
            if url.endswith("/props"):
                return url[: -len("/props")] + "/v1"
        return None

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        if _is_probe(request):
            return self._probe(request)
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
                raise ReplayMismatch(
                    f"the replayed recording has no exchange left (it holds {self._held}): "
                    "this run asks more of the model than was recorded; nothing was contacted"
                )
            exchange = self._pending[0]
            problem = self._mismatch(exchange.get("request") or {}, self.requests[-1]["json"])
            if problem is not None:
                raise ReplayMismatch(
                    f"the replayed recording does not match this request ({problem}); "
                    "nothing was contacted"
                )
            self._pending.pop(0)
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

    def _probe(self, request: httpx2.Request) -> httpx2.Response:
        """A request for the server's context window: answered as recorded when the recording
        holds it next (the run that was recorded asked it there), else "not found", as a server
        that does not say (a recording made without it, or before probes were recorded)."""
        with self._lock:
            recorded = (self._pending[0].get("request") or {}) if self._pending else {}
            if recorded.get("method") == request.method and recorded.get("path") == (
                request.url.path
            ):
                response = self._pending.pop(0)["response"]
                return httpx2.Response(
                    response.get("status", 200),
                    headers=response.get("headers") or {"content-type": "application/json"},
                    json=response.get("json"),
                )
        return httpx2.Response(404, json={"error": {"message": "not in the replayed recording"}})

    def _mismatch(self, recorded: dict[str, Any], sent: Any) -> str | None:
        """Which of mode, model or article differs from the recording, if any (an article
        that contains the recorded one, with a line added, still matches)."""
        if not isinstance(sent, dict):
            return None
        wanted: dict[str, Any] = recorded["json"] if isinstance(recorded.get("json"), dict) else {}
        mode = _mode_of(sent)
        recorded_mode = _mode_of(wanted) if wanted else self.mode
        if recorded_mode and mode != recorded_mode:
            return f"mode: recorded {recorded_mode}, this request {mode}"
        if wanted.get("model") and sent.get("model") != wanted["model"]:
            return f"model: recorded {wanted['model']}, this request {sent.get('model')}"
        article = _article_of(sent)
        recorded_article = _article_of(wanted) if wanted else self.article
        if (
            article is not None
            and recorded_article is not None
            and recorded_article.strip() not in article
        ):
            of = f", which is {self.article_name}" if self.article_name else ""
            return f"article: not the one recorded{of}"
        return None

    def transport(self) -> httpx2.MockTransport:
        """A transport (sync and async alike) that answers from the exchanges."""
        return httpx2.MockTransport(self)

    def sync_client(self) -> httpx2.Client:
        return httpx2.Client(transport=httpx2.MockTransport(self))

    def async_client(self) -> httpx2.AsyncClient:
        return httpx2.AsyncClient(transport=httpx2.MockTransport(self))


class ReplayMismatch(ConfigError):
    """A replayed recording cannot answer this request; nothing is sent anywhere."""


_CHAT = "/chat/completions"
# the requests that ask a server for its context window (summarizer.http.window.probes)
_PROBE_PATHS = ("/props", "/models", "/api/show")


def _is_probe(request: httpx2.Request) -> bool:
    return request.url.path.endswith(_PROBE_PATHS)


def _public_url(url: httpx2.URL) -> str:
    """The URL without credentials, query or fragment: ``http://127.0.0.1:8080/v1/...``."""
    host = f"[{url.host}]" if ":" in url.host else url.host
    port = f":{url.port}" if url.port else ""
    return f"{url.scheme}://{host}{port}{url.path}"


def _mode_of(request: dict[str, Any]) -> str:
    """The structured-output mode a chat request was made in."""
    if request.get("tools"):
        return "tools"
    response_format = request.get("response_format")
    if isinstance(response_format, dict) and response_format.get("type") == "json_schema":
        return "json_schema"
    return "md_json"


def _article_of(request: dict[str, Any]) -> str | None:
    for message in request.get("messages") or []:
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, str) and (found := _ARTICLE.search(content)):
            return found.group(1)
    return None


def _read_beside(name: str, fixture: Path) -> str | None:
    """The article a fixture names, looked for from here and from the fixture's folders up."""
    for base in (Path.cwd(), *fixture.resolve().parents):
        candidate = base / name
        if candidate.is_file():
            try:
                return candidate.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None
    return None


def _scrub_headers(headers: httpx2.Headers) -> dict[str, str]:
    return {
        k: v
        for k, v in headers.items()
        if k.lower() in _KEPT_RESPONSE_HEADERS or k.lower().startswith(_KEPT_RESPONSE_PREFIXES)
    }


class Recorder:
    """Writes every exchange that passes through to ``path``, a fixture file that is whole
    JSON after each exchange. Each exchange is written once: the file's closing brackets are
    overwritten by the next one, so a long batch costs the same per exchange and keeps none of
    them in memory."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.count = 0  # exchanges written
        self._end = 0  # where the closing brackets start, in bytes
        self._lock = threading.Lock()

    def record(self, request: httpx2.Request, response: httpx2.Response) -> None:
        body = request.content
        try:
            payload = response.json()
        except ValueError:
            payload = {"_text": response.text}
        exchange = {
            "request": {
                "method": request.method,
                "url": _public_url(request.url),  # the server, so that a replay names it
                "path": request.url.path,
                "json": json.loads(body) if body else None,
            },
            "response": {
                "status": response.status_code,
                "headers": _scrub_headers(response.headers),
                "json": payload,
            },
        }
        item = json.dumps(exchange, indent=2, ensure_ascii=False).replace("\n", "\n    ")
        with self._lock:
            try:
                self._append(("    " + item).encode())
            except OSError as exc:
                raise ConfigError(
                    f"cannot write the recorded exchanges to {self.path} "
                    f"({exc.strerror or exc}): give --record a writable file"
                ) from exc

    def _append(self, item: bytes) -> None:
        """The same bytes as ``json.dumps(document, indent=2)`` of every exchange so far."""
        if self.count == 0:
            head = json.dumps(_RECORDED_HEAD, indent=2, ensure_ascii=False)[: -len("[]\n}")]
            with self.path.open("wb") as out:
                out.write(f"{head}[\n".encode() + item)
                self._end = out.tell()
                out.write(_RECORDED_TAIL)
        else:
            with self.path.open("r+b") as out:
                out.seek(self._end)
                out.write(b",\n" + item)
                self._end = out.tell()
                out.write(_RECORDED_TAIL)
                out.truncate()
        self.count += 1

    def transport(self) -> Recording:
        """A transport (sync and async alike) that sends to the network and records."""
        return Recording(self)


class Recording(httpx2.BaseTransport, httpx2.AsyncBaseTransport):
    """Sends through ``inner`` (the network by default), sync or async, and records each
    exchange."""

    def __init__(self, recorder: Recorder, inner: httpx2.MockTransport | None = None) -> None:
        self._recorder = recorder
        self._inner = inner
        self._sync: httpx2.BaseTransport = inner or httpx2.HTTPTransport()
        self._async: httpx2.AsyncBaseTransport = inner or httpx2.AsyncHTTPTransport()

    def probe_transport(self) -> Recording:
        """A transport for a short-lived client (the context-window probes) that records into
        the same file; closing it leaves this one open."""
        return Recording(self._recorder, self._inner)

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
