"""An ``httpx2`` transport over aiohttp: what the async OpenAI client sends through.

The openai SDK speaks ``httpx2``; our retries, pacing and deadline
(:class:`summarizer.http.transport.AsyncResilientTransport`) wrap the transport that moves the
bytes. httpx2's own (httpcore2, h11 and anyio, in Python) cost about as much CPU per request as
grounding an answer; aiohttp's connection pool and C parser cost a fraction of it. openai
documents ``DefaultAioHttpClient`` for this, but that is a whole client, with no documented
transport to put under our retries; :class:`AiohttpTransport` is that transport, over aiohttp's
public ``ClientSession`` API:

- one keep-alive pool per transport (``httpx2.Limits``: the connection limit and keep-alive
  expiry), made in the event loop that first uses it;
- the request's httpx2 timeouts (connect, read, pool) become aiohttp's, and every failure
  becomes the httpx2 exception httpx2's own transport raises in the same case
  (``ConnectError``, ``ConnectTimeout``, ``ReadTimeout``, ``RemoteProtocolError``...), so
  that retries, error kinds and messages are the same whichever transport sent;
- ``HTTP_PROXY`` / ``HTTPS_PROXY`` / ``ALL_PROXY`` and ``NO_PROXY`` from the environment, as
  the openai SDK's default client reads them (loopback addresses are never proxied);
- the answer is read whole and handed to httpx2 as it came (``Content-Encoding`` included),
  so httpx2 decodes it exactly as it decodes its own transport's.

:func:`default_async_transport` is this transport when aiohttp is installed, else httpx2's.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import ssl
import urllib.request
from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx2

if TYPE_CHECKING:
    import aiohttp

LIMITS = httpx2.Limits(max_connections=1000, max_keepalive_connections=100)


def default_async_transport(limits: httpx2.Limits = LIMITS) -> httpx2.AsyncBaseTransport:
    """aiohttp under httpx2 when aiohttp is installed, else httpx2's own transport."""
    try:
        import aiohttp  # noqa: F401
    except ImportError:  # pragma: no cover - aiohttp is a dependency; kept for slim installs
        return httpx2.AsyncHTTPTransport(limits=limits)
    return AiohttpTransport(limits=limits)


class AiohttpTransport(httpx2.AsyncBaseTransport):
    """Sends ``httpx2`` requests with an ``aiohttp.ClientSession`` (see the module docstring).

    ``verify``: verify TLS certificates (an ``ssl.SSLContext`` of your own, True or False);
    ``trust_env``: take proxies from the environment.
    """

    def __init__(
        self,
        *,
        limits: httpx2.Limits = LIMITS,
        verify: ssl.SSLContext | bool = True,
        trust_env: bool = True,
    ) -> None:
        self._limits = limits
        self._verify = verify
        self._ssl: ssl.SSLContext | None = None
        self._proxies = _env_proxies() if trust_env else {}
        self._bypass: dict[str, bool] = {}
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        import aiohttp
        import yarl

        session = await self._session_here()
        url = request.url
        try:
            body: bytes | None = request.content
        except httpx2.RequestNotRead:  # a streamed upload: read it, and say its length
            body = await request.aread()
            request.headers.pop("transfer-encoding", None)
            request.headers["content-length"] = str(len(body))
        timeout = request.extensions.get("timeout") or {}
        connect, pool, read = timeout.get("connect"), timeout.get("pool"), timeout.get("read")
        with _as_httpx2(request):
            async with session.request(
                request.method,
                yarl.URL(str(url), encoded=True),  # httpx2 has quoted it already
                headers=[
                    (k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw
                ],
                data=body or None,
                allow_redirects=False,  # httpx2 follows redirects itself
                timeout=aiohttp.ClientTimeout(
                    total=None,
                    connect=None if connect is None or pool is None else connect + pool,
                    sock_connect=connect,
                    sock_read=read,
                ),
                ssl=self._ssl_for(url),
                proxy=self._proxy_for(url),
            ) as answer:
                content = await answer.read()
                status, headers, reason = answer.status, answer.raw_headers, answer.reason
        extensions: dict[str, object] = {"http_version": b"HTTP/1.1"}
        if reason:
            extensions["reason_phrase"] = reason.encode("latin-1", "replace")
        return httpx2.Response(
            status,
            headers=list(headers),
            stream=httpx2.ByteStream(content),  # as sent: httpx2 decodes Content-Encoding
            request=request,
            extensions=extensions,
        )

    async def aclose(self) -> None:
        session, self._session = self._session, None
        if session is not None and not session.closed:
            await session.close()

    # -- internals -------------------------------------------------------------------------

    async def _session_here(self) -> aiohttp.ClientSession:
        """The session of the running event loop (a session belongs to one loop)."""
        import aiohttp

        loop = asyncio.get_running_loop()
        session = self._session
        if session is not None and self._loop is loop and not session.closed:
            return session
        limits = self._limits
        connector = aiohttp.TCPConnector(
            limit=limits.max_connections or 0,
            limit_per_host=0,
            keepalive_timeout=limits.keepalive_expiry or 0,  # 0: no keep-alive, as in httpx2
            force_close=limits.keepalive_expiry == 0,
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            auto_decompress=False,  # httpx2 decodes, as for its own transport
            trust_env=False,  # proxies are chosen here (netrc credentials are never sent)
            cookie_jar=aiohttp.DummyCookieJar(),  # httpx2 keeps the cookies, as it does anyway
            skip_auto_headers=("User-Agent",),  # httpx2's headers are sent as they are
        )
        self._loop = loop
        fresh = self._session
        if session is not None:  # made in a loop that has ended: nothing of it can be reused
            # (closed after the new one is in place, so that a request arriving meanwhile
            # takes the new session instead of making and leaking another one)
            with contextlib.suppress(Exception):  # its connections belong to that loop
                await session.close()
        return fresh

    def _ssl_for(self, url: httpx2.URL) -> ssl.SSLContext | bool:
        if url.scheme != "https":
            return True  # aiohttp's default; no TLS on this connection
        if self._ssl is None:  # as httpx2 verifies: certifi, SSL_CERT_FILE, SSL_CERT_DIR
            self._ssl = (
                self._verify
                if isinstance(self._verify, ssl.SSLContext)
                else httpx2.create_ssl_context(verify=self._verify)
            )
        return self._ssl

    def _proxy_for(self, url: httpx2.URL) -> str | None:
        proxy = self._proxies.get(url.scheme) or self._proxies.get("all")
        if proxy is None:
            return None
        host = url.host
        if host not in self._bypass:
            self._bypass[host] = _loopback(host) or bool(urllib.request.proxy_bypass(host))
        return None if self._bypass[host] else proxy


def _env_proxies() -> dict[str, str]:
    """The environment's proxies by scheme (``http``, ``https``, ``all``)."""
    found = urllib.request.getproxies_environment()
    return {k: v for k, v in found.items() if k in {"http", "https", "all"} and v}


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@contextlib.contextmanager
def _as_httpx2(request: httpx2.Request) -> Iterator[None]:
    """aiohttp's exceptions as the httpx2 exceptions httpx2's transport raises."""
    import aiohttp

    try:
        yield
    except aiohttp.ConnectionTimeoutError as exc:
        raise httpx2.ConnectTimeout(_message(exc, "timed out connecting"), request=request) from exc
    except TimeoutError as exc:  # aiohttp.SocketTimeoutError and asyncio.wait_for alike
        raise httpx2.ReadTimeout(_message(exc, "timed out reading"), request=request) from exc
    except (aiohttp.ClientProxyConnectionError, aiohttp.ClientHttpProxyError) as exc:
        raise httpx2.ProxyError(_message(exc, "proxy error"), request=request) from exc
    except aiohttp.ClientConnectorError as exc:  # refused, unreachable, DNS, TLS
        raise httpx2.ConnectError(_os_message(exc), request=request) from exc
    except aiohttp.ServerDisconnectedError as exc:
        raise httpx2.RemoteProtocolError(
            "Server disconnected without sending a response.", request=request
        ) from exc
    except aiohttp.ClientPayloadError as exc:
        raise httpx2.RemoteProtocolError(
            f"peer closed connection without sending complete message body ({exc})",
            request=request,
        ) from exc
    except (aiohttp.InvalidURL, aiohttp.NonHttpUrlClientError) as exc:
        raise httpx2.UnsupportedProtocol(_message(exc, "invalid URL"), request=request) from exc
    except aiohttp.ClientResponseError as exc:  # the answer is not HTTP we can read
        raise httpx2.RemoteProtocolError(_message(exc, "invalid answer"), request=request) from exc
    except (aiohttp.ClientOSError, aiohttp.ClientConnectionError) as exc:
        raise httpx2.ReadError(_os_message(exc), request=request) from exc
    except aiohttp.ClientError as exc:
        raise httpx2.RemoteProtocolError(_message(exc, "HTTP error"), request=request) from exc


def _message(exc: BaseException, default: str) -> str:
    return str(exc).strip() or default


def _os_message(exc: aiohttp.ClientConnectionError) -> str:
    """``[Errno 111] Connection refused``, as httpx2 words an OS error (asyncio's own words
    name the address, which the caller's message already does)."""
    import os

    error = getattr(exc, "os_error", exc)
    number = getattr(error, "errno", None)
    if isinstance(error, ssl.SSLError) or not isinstance(number, int):
        # (aiohttp words a reset while sending as '[Errno None] Can not write request body …')
        return _message(error, type(exc).__name__).removeprefix("[Errno None] ")
    if number > 0:
        return f"[Errno {number}] {os.strerror(number)}"
    return f"[Errno {number}] {getattr(error, 'strerror', None) or error}"  # a DNS failure
