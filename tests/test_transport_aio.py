"""The aiohttp transport under httpx2 (summarizer/http/aio.py), against a small HTTP server on
127.0.0.1 that misbehaves on request: each failure must surface as the httpx2 exception that
httpx2's own transport raises for it, so retries, error kinds and messages do not change."""

from __future__ import annotations

import asyncio
import gzip
import json
import socket
from collections.abc import Awaitable, Callable
from typing import Any

import httpx2
import pytest

from summarizer.batch import asummarize_many
from summarizer.http.aio import AiohttpTransport, default_async_transport
from summarizer.http.transport import AsyncResilientTransport, RetryPolicy
from summarizer.testing.server import sample_article
from tests.conftest import NetworkBlocked

pytestmark = pytest.mark.loopback

BODY = json.dumps({"ok": True}).encode()


class Server:
    """One asyncio HTTP/1.1 server; the path says how to answer."""

    def __init__(self) -> None:
        self.connections = 0
        self.request_lines: list[str] = []
        self.cookie_lines: list[list[str]] = []
        self.header_names: list[list[str]] = []
        self.port = 0
        self._server: asyncio.Server | None = None

    async def __aenter__(self) -> Server:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                self.request_lines.append(lines[0])
                self.cookie_lines.append([v for v in lines[1:] if v.lower().startswith("cookie:")])
                self.header_names.append([v.split(":")[0] for v in lines[1:] if v])
                headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
                length = int({k.lower(): v for k, v in headers.items()}.get("content-length", 0))
                body = await reader.readexactly(length) if length else b""
                if not await self._answer(lines[0].split()[1], body, writer):
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def _answer(self, path: str, body: bytes, writer: asyncio.StreamWriter) -> bool:
        """Answer one request; False closes the connection."""

        def send(status: str, content: bytes, *extra: str) -> None:
            head = [f"HTTP/1.1 {status}", f"Content-Length: {len(content)}", *extra]
            writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + content)

        if path.startswith("http://"):  # a proxy's request line names the whole URL
            send("200 OK", json.dumps({"proxied": path}).encode(), "Content-Type: text/plain")
        elif path == "/echo":
            send("201 Created", body, "Content-Type: application/json", "X-Seen: yes")
        elif path == "/cookie":
            send("200 OK", BODY, "Set-Cookie: session=abc; Path=/")
        elif path == "/gzip":
            send("200 OK", gzip.compress(BODY), "Content-Encoding: gzip")
        elif path == "/slow":
            await asyncio.sleep(2)
            send("200 OK", BODY)
        elif path == "/drop":
            return False
        elif path == "/short":  # promises 100 bytes, sends 10, hangs up
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
            await writer.drain()
            return False
        else:
            send("200 OK", BODY, "Content-Type: application/json")
        await writer.drain()
        return True


TRANSPORTS: dict[str, Callable[[], httpx2.AsyncBaseTransport]] = {
    "aiohttp": AiohttpTransport,
    "httpx2": httpx2.AsyncHTTPTransport,
}


def run(test: Callable[[Server], Awaitable[Any]]) -> Any:
    async def main() -> Any:
        async with Server() as server:
            return await test(server)

    return asyncio.run(main())


def test_the_default_async_transport_is_aiohttp() -> None:
    assert isinstance(default_async_transport(), AiohttpTransport)


def test_requests_and_answers_pass_through_and_connections_are_kept_alive() -> None:
    async def test(server: Server) -> None:
        async with httpx2.AsyncClient(transport=AiohttpTransport()) as client:
            for i in range(5):
                answer = await client.post(server.url("/echo"), json={"i": i, "text": "é"})
                assert answer.status_code == 201 and answer.reason_phrase == "Created"
                assert answer.json() == {"i": i, "text": "é"}
                assert answer.headers["x-seen"] == "yes"
            many = await asyncio.gather(*(client.get(server.url("/ok")) for _ in range(20)))
            assert all(a.json() == {"ok": True} for a in many)
        assert server.connections <= 20  # the five in a row shared one connection
        assert server.request_lines[0] == "POST /echo HTTP/1.1"
        assert server.header_names[0][:2] == ["Host", "Accept"]  # as httpx2 spells them

    run(test)


def test_a_compressed_answer_is_decoded_by_httpx2() -> None:
    async def test(server: Server) -> None:
        async with httpx2.AsyncClient(transport=AiohttpTransport()) as client:
            answer = await client.get(server.url("/gzip"))
        assert answer.json() == {"ok": True}
        assert answer.headers["content-encoding"] == "gzip"

    run(test)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/slow", httpx2.ReadTimeout),
        ("/drop", httpx2.RemoteProtocolError),
        ("/short", httpx2.RemoteProtocolError),
        ("refused", httpx2.ConnectError),
    ],
)
@pytest.mark.parametrize("name", sorted(TRANSPORTS))
def test_failures_are_the_httpx2_exceptions_of_httpx2s_own_transport(
    name: str, path: str, expected: type[Exception]
) -> None:
    async def test(server: Server) -> None:
        url = f"http://127.0.0.1:{closed_port()}/" if path == "refused" else server.url(path)
        async with httpx2.AsyncClient(transport=TRANSPORTS[name](), timeout=0.3) as client:
            with pytest.raises(expected) as caught:
                await client.get(url)
        assert "\n" not in str(caught.value)

    run(test)


def test_a_connection_refused_is_worded_as_the_os_says() -> None:
    async def test(server: Server) -> None:
        async with httpx2.AsyncClient(transport=AiohttpTransport()) as client:
            with pytest.raises(httpx2.ConnectError, match=r"^\[Errno \d+\] Connection refused$"):
                await client.get(f"http://127.0.0.1:{closed_port()}/")

    run(test)


def test_our_retries_recover_a_dropped_connection_through_aiohttp() -> None:
    async def test(server: Server) -> None:
        attempts = []

        class Counting(AiohttpTransport):
            async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
                attempts.append(request.url.path)
                if len(attempts) == 1:  # the first attempt hangs up
                    request = httpx2.Request("GET", server.url("/drop"))
                return await super().handle_async_request(request)

        resilient = AsyncResilientTransport(Counting(), RetryPolicy(attempts=3, backoff=0.01))
        async with httpx2.AsyncClient(transport=resilient) as client:
            answer = await client.get(server.url("/ok"))
        assert answer.json() == {"ok": True} and len(attempts) == 2

    run(test)


def test_proxies_come_from_the_environment_but_never_for_loopback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def test(server: Server) -> None:
        monkeypatch.setenv("HTTP_PROXY", server.url(""))
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        async with httpx2.AsyncClient(transport=AiohttpTransport()) as client:
            # the proxy is asked for the remote host: nothing here resolves or reaches it
            proxied = await client.get("http://news.example/feed?a=%2F")
            direct = await client.get(server.url("/ok"))  # 127.0.0.1 itself: not proxied
        assert proxied.json() == {"proxied": "http://news.example/feed?a=%2F"}
        assert direct.json() == {"ok": True}
        assert server.request_lines[-1] == "GET /ok HTTP/1.1"

        # NO_PROXY, or trust_env=False: straight to the host (the test's network guard stops it)
        monkeypatch.setenv("NO_PROXY", "news.example")
        async with httpx2.AsyncClient(transport=AiohttpTransport()) as client:
            with pytest.raises(NetworkBlocked):
                await client.get("http://news.example/feed")
        monkeypatch.delenv("NO_PROXY")
        async with httpx2.AsyncClient(transport=AiohttpTransport(trust_env=False)) as client:
            with pytest.raises(NetworkBlocked):
                await client.get("http://news.example/feed")
        assert len(server.request_lines) == 2  # the proxy saw the first request only

    run(test)


def test_one_transport_serves_successive_event_loops() -> None:
    transport = AiohttpTransport()

    async def once(server: Server) -> None:
        async with httpx2.AsyncClient(transport=transport) as client:
            assert (await client.get(server.url("/ok"))).json() == {"ok": True}

    async def twice(server: Server) -> None:  # the client's close closed the transport too
        client = httpx2.AsyncClient(transport=transport)
        assert (await client.get(server.url("/ok"))).json() == {"ok": True}

    run(once)
    run(twice)  # a new loop: a new session, the old one let go without a warning
    run(twice)
    asyncio.run(transport.aclose())


def test_a_batch_against_the_test_server_goes_through_aiohttp(devserver: Any) -> None:
    server = devserver()

    async def batch() -> list[Any]:
        items = [(f"a{i}", sample_article(i)) for i in range(6)]
        return [
            o
            async for o in asummarize_many(
                items, engine="llm", api_key="sk-test", base_url=server.base_url, jobs=3
            )
        ]

    outcomes = asyncio.run(batch())
    assert [o.summary is not None for o in outcomes] == [True] * 6
    assert server.counts["requests"] == 6


def test_cookies_are_httpx2s_alone() -> None:
    async def test(server: Server) -> None:
        async with httpx2.AsyncClient(transport=AiohttpTransport()) as client:
            await client.get(server.url("/cookie"))
            await client.get(server.url("/ok"))
        assert server.cookie_lines == [[], ["Cookie: session=abc"]]  # once, not twice

    run(test)
