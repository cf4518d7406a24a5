"""A one-answer HTTP server on 127.0.0.1: every request gets the same status and JSON body.

For the answers the project's test server does not give: a rejected key (401), a model that
answers in prose instead of calling the tool, a server error with a traceback in its body.
``window``: llama.cpp's ``GET /props`` says this context window, after ``window_delay``
seconds (other GETs: 404). ``events``: when each request came (and the window's answer went).
"""

from __future__ import annotations

import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that gave up waiting (a probe's timeout) is no error: nothing is printed,
        so that no traceback from a test's slow answer lands in a later test's stderr."""
        if isinstance(sys.exc_info()[1], BrokenPipeError | ConnectionResetError):
            return
        super().handle_error(request, client_address)


class StubServer:
    def __init__(
        self,
        status: int,
        body: dict[str, Any],
        *,
        window: int | None = None,
        window_delay: float = 0.0,
    ) -> None:
        self.requests = 0
        self.events: list[tuple[str, float]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                self.rfile.read(length)
                stub.requests += 1
                stub.events.append(("POST " + self.path, time.monotonic()))
                self._answer(status, body)

            def do_GET(self) -> None:
                stub.events.append(("GET " + self.path, time.monotonic()))
                if self.path != "/props" or window is None:
                    self._answer(404, {"error": {"message": "not found"}})
                    return
                time.sleep(window_delay)
                stub.events.append(("window said", time.monotonic()))
                self._answer(200, {"default_generation_settings": {"n_ctx": window}})

            def log_message(self, *args: Any) -> None:
                pass

        self._server = _Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def __enter__(self) -> StubServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def completion(
    content: str | None, tool_calls: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """A chat completion whose one message is ``content`` (and ``tool_calls``, if any)."""
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if tool_calls is not None:
        message["tool_calls"] = tool_calls
    return {
        "id": "stub-1",
        "object": "chat.completion",
        "created": 0,
        "model": "stub",
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 5000, "completion_tokens": 40, "total_tokens": 5040},
    }
