"""The OpenAI clients the LLM engine sends through, and what their failures mean to a user.

HTTP failures are retried in one place, :mod:`summarizer.http.transport` (the SDK's own retries
are off). A caller injects HTTP in one of two ways: their own ``openai`` client (used as it is),
or an ``httpx2`` transport (a replay, a recorder) that our retries and pacing wrap.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx2
import openai
import pydantic_core

from summarizer.config import Settings, missing_llm_message
from summarizer.errors import (
    ConfigError,
    DeadlineError,
    ErrorKind,
    ProviderError,
    SummarizerError,
)
from summarizer.http.aio import default_async_transport
from summarizer.http.refusals import quota_exhausted
from summarizer.http.transport import (
    AsyncResilientTransport,
    DeadlineExceeded,
    MalformedResponse,
    ResilientTransport,
)

if TYPE_CHECKING:
    from summarizer.http.ratelimit import RateLimiter

CHAT_COMPLETIONS = "/chat/completions"  # the SDK's path, under the client's base URL
NO_KEY_PLACEHOLDER = "unused"  # local servers ignore the key, the SDK insists on one
_LIMITS = httpx2.Limits(max_connections=1000, max_keepalive_connections=100)

Transport = httpx2.BaseTransport | httpx2.AsyncBaseTransport


def _require_configured(settings: Settings) -> None:
    if not settings.llm_configured:
        raise ConfigError(missing_llm_message())


def make_client(
    settings: Settings,
    *,
    transport: httpx2.BaseTransport | None = None,
    limiter: RateLimiter | None = None,
) -> openai.OpenAI:
    """An OpenAI client for ``settings``, sending through our retrying, paced transport over
    ``transport`` (the network when None; a replay or recorder needs no key)."""
    return make_endpoint(settings, transport=transport, limiter=limiter).client


def make_async_client(
    settings: Settings,
    *,
    transport: httpx2.AsyncBaseTransport | None = None,
    limiter: RateLimiter | None = None,
) -> openai.AsyncOpenAI:
    """The async twin of :func:`make_client`."""
    return make_async_endpoint(settings, transport=transport, limiter=limiter).client


def make_endpoint(
    settings: Settings,
    *,
    transport: httpx2.BaseTransport | None = None,
    limiter: RateLimiter | None = None,
) -> SyncEndpoint:
    """:func:`make_client`'s client and its chat completions endpoint."""
    if transport is None:
        _require_configured(settings)
    http_client = openai.DefaultHttpx2Client(
        transport=ResilientTransport(
            transport or httpx2.HTTPTransport(limits=_LIMITS), settings.retry_policy, limiter
        )
    )
    client = openai.OpenAI(
        api_key=settings.api_key or NO_KEY_PLACEHOLDER,
        base_url=settings.base_url,
        timeout=settings.timeout,
        max_retries=0,
        http_client=http_client,
    )
    return SyncEndpoint(client, http_client)


def make_async_endpoint(
    settings: Settings,
    *,
    transport: httpx2.AsyncBaseTransport | None = None,
    limiter: RateLimiter | None = None,
) -> AsyncEndpoint:
    """:func:`make_async_client`'s client and its chat completions endpoint."""
    if transport is None:
        _require_configured(settings)
    http_client = openai.DefaultAsyncHttpx2Client(
        transport=AsyncResilientTransport(
            transport or default_async_transport(_LIMITS),  # aiohttp under httpx2
            settings.retry_policy,
            limiter,
        )
    )
    client = openai.AsyncOpenAI(
        api_key=settings.api_key or NO_KEY_PLACEHOLDER,
        base_url=settings.base_url,
        timeout=settings.timeout,
        max_retries=0,
        http_client=http_client,
    )
    return AsyncEndpoint(client, http_client)


class ChatEndpoint:
    """The chat completions endpoint of a client we built (:func:`make_endpoint`), posted to
    without the SDK's per-request machinery.

    ``client.post(...)`` builds each request anew: it copies its options twice, merges and
    parses the URL, rebuilds a dozen headers and serializes the body through a custom encoder,
    about 0.6 ms of CPU a request before a byte is sent (a tenth of the client's CPU for an
    article). Here the URL, the headers and the timeout are taken once from the client's public
    properties (``base_url``, ``auth_headers``, ``default_headers``, ``timeout``) and merged
    once with the headers of the ``httpx2`` client the SDK sends with; each request is an
    ``httpx2.Request`` as that client's ``build_request`` makes it (those headers, its cookies,
    the timeout), sent by its documented ``send`` (its cookies and redirects), through our
    retries. Failures are the SDK's documented exceptions, raised as the SDK raises them with
    retries off: a timeout is ``APITimeoutError``, any other failure to send
    ``APIConnectionError`` (the failure as its ``__cause__``), a non-2xx answer the
    ``APIStatusError`` subclass of its status with the SDK's message and body.

    A caller's own ``openai`` client is never used this way: its options (hooks, auth
    providers, custom transports) are the SDK's business, and it is sent with ``post``.
    """

    def __init__(
        self, client: openai.OpenAI | openai.AsyncOpenAI, http: httpx2.Client | httpx2.AsyncClient
    ) -> None:
        base = client.base_url
        self.url = base.copy_with(raw_path=base.raw_path + CHAT_COMPLETIONS.lstrip("/").encode())
        self.host = str(base.host)
        headers = dict(client.auth_headers)
        headers.update((k, v) for k, v in client.default_headers.items() if isinstance(v, str))
        self.headers = httpx2.Headers(headers)
        self.headers["x-stainless-retry-count"] = "0"
        timeout = client.timeout
        read = timeout.read if isinstance(timeout, httpx2.Timeout) else timeout
        if read is not None:
            self.headers["x-stainless-read-timeout"] = str(read)
        self.timeout = timeout
        self.extensions: dict[str, object] = (
            {"sni_hostname": self.url.host.replace("_", "-")} if "_" in self.url.host else {}
        )
        # What ``build_request`` would merge into every request, merged once: the httpx2
        # client's own headers under ours, and the timeout as the request's extension.
        # (Merging 20 headers one by one was half the CPU of building a request.)
        self._http = http
        self._merged = httpx2.Headers(http.headers)
        self._merged.update(self.headers)
        self._extensions = {**self.extensions, "timeout": httpx2.Timeout(timeout).as_dict()}
        # The headers ``httpx2.Request`` gives a POST of bytes, but for its length: the Host
        # first, then ours (the Content-Length goes last). Made once: working them out for
        # each request (a look-up is a pass over the headers) cost 160,000 instructions.
        own = {"host", "content-length", "transfer-encoding"}.intersection(self._merged.keys())
        self._prepared = (
            httpx2.Headers([(b"Host", self.url.netloc), *self._merged.raw])
            if self.url.host and not own
            else None
        )

    def request(self, body: object, content: bytes | None = None) -> httpx2.Request:
        """The POST of ``body``, as the SDK builds it: the same compact UTF-8 JSON (written by
        pydantic's serializer, a sixth of ``json.dumps``'s CPU; our bodies hold no floats,
        whose exponents the two would write differently), and the headers ``httpx2.Request``
        gives it (with the client's cookies, when its jar has any). ``content``: that JSON,
        when the caller wrote it already (:meth:`ModeHandler.body_json`)."""
        if content is None:
            content = pydantic_core.to_json(body)
        cookies = self._http.cookies  # the client's jar, as build_request reads it
        if self._prepared is None or not content or cookies:
            return httpx2.Request(
                "POST",
                self.url,
                headers=self._merged,
                cookies=cookies,
                content=content,
                extensions=self._extensions,
            )
        request = httpx2.Request(
            "POST",
            self.url,
            headers=self._prepared,
            stream=httpx2.ByteStream(content),
            extensions=self._extensions,
        )
        request.headers["Content-Length"] = str(len(content))
        request.read()  # as for content=: the body is there to send again
        return request

    def answer(self, response: httpx2.Response) -> httpx2.Response:
        """``response`` when it is a success, else the SDK's status error for it."""
        if response.is_success:
            return response
        raise status_error(response)


class SyncEndpoint(ChatEndpoint):
    """The endpoint of an ``openai.OpenAI`` client of ours."""

    def __init__(self, client: openai.OpenAI, http: httpx2.Client) -> None:
        super().__init__(client, http)
        self.client, self.http = client, http

    def post(self, body: object, content: bytes | None = None) -> httpx2.Response:
        """POST ``body`` (see :class:`ChatEndpoint`; ``content``: its JSON, when written)."""
        request = self.request(body, content)
        with _sdk_failures(request):
            response = self.http.send(request)
        return self.answer(response)


class AsyncEndpoint(ChatEndpoint):
    """The endpoint of an ``openai.AsyncOpenAI`` client of ours."""

    def __init__(self, client: openai.AsyncOpenAI, http: httpx2.AsyncClient) -> None:
        super().__init__(client, http)
        self.client, self.http = client, http

    async def post(self, body: object, content: bytes | None = None) -> httpx2.Response:
        """The async twin of :meth:`SyncEndpoint.post`."""
        request = self.request(body, content)
        with _sdk_failures(request):
            response = await self.http.send(request)
        return self.answer(response)


@contextlib.contextmanager
def _sdk_failures(request: httpx2.Request) -> Iterator[None]:
    """A failure to send ``request`` as the SDK raises it with its retries off: a timeout is
    ``APITimeoutError``, the SDK's own errors pass, anything else is ``APIConnectionError``
    (the failure is the ``__cause__`` of both)."""
    try:
        yield
    except httpx2.TimeoutException as error:
        raise openai.APITimeoutError(request=request) from error
    except openai.OpenAIError:
        raise
    except Exception as error:
        raise openai.APIConnectionError(request=request) from error


_STATUS_ERRORS: dict[int, type[openai.APIStatusError]] = {
    400: openai.BadRequestError,
    401: openai.AuthenticationError,
    403: openai.PermissionDeniedError,
    404: openai.NotFoundError,
    409: openai.ConflictError,
    422: openai.UnprocessableEntityError,
    429: openai.RateLimitError,
}


def status_error(response: httpx2.Response) -> openai.APIStatusError:
    """The exception the SDK raises for a non-2xx answer (its documented classes by status:
    400 ``BadRequestError`` ... 429 ``RateLimitError``, 5xx ``InternalServerError``), with
    the SDK's message (``Error code: 404 - {...}``) and body (the JSON's ``error`` object)."""
    text = response.text.strip()
    body: object = text
    try:
        body = json.loads(text)
        message = f"Error code: {response.status_code} - {body}"
    except Exception:
        message = text or f"Error code: {response.status_code}"
    data = body.get("error", body) if isinstance(body, dict) else body
    status = response.status_code
    kind = _STATUS_ERRORS.get(status) or (
        openai.InternalServerError if status >= 500 else openai.APIStatusError
    )
    return kind(message, response=response, body=data)


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def provider_error(exc: openai.OpenAIError, settings: Settings, host: str) -> Exception:
    """The error a user can act on, for a failed request to ``host``."""
    if isinstance(exc.__cause__, SummarizerError):  # ours, raised under the SDK (a replay)
        return exc.__cause__
    if isinstance(exc.__cause__, MalformedResponse):
        return ProviderError(
            f"{host} kept sending malformed answers ({exc.__cause__}) after "
            f"{settings.http_attempts} attempts",
            kind=ErrorKind.MALFORMED_RESPONSE,
        )
    if isinstance(exc.__cause__, DeadlineExceeded):
        return DeadlineError(
            f"no answer within the article deadline of {settings.deadline:g}s "
            f"({exc.__cause__}): raise deadline="
        )
    if isinstance(exc, openai.AuthenticationError):
        return ConfigError(
            f"{host} rejected the API key: check {settings.where('api_key')}",
            kind=ErrorKind.AUTH,
        )
    if isinstance(exc, openai.NotFoundError):
        return ConfigError(
            f"{host} has no model {settings.model!r} (or no chat completions endpoint): "
            f"choose one with {settings.where('model')}",
            kind=ErrorKind.MODEL_NOT_FOUND,
        )
    if (isinstance(exc, openai.APIStatusError) and exc.status_code == 402) or (
        isinstance(exc, openai.RateLimitError)
        and (exc.code == "insufficient_quota" or quota_exhausted(str(exc)))
    ):  # 402 Payment Required: the quota exhausted, as some servers say it
        return ConfigError(
            f"{host} says the account has no quota left (billing, not pacing): add credit, "
            f"or use another key with {settings.where('api_key')}",
            kind=ErrorKind.AUTH,
        )
    if isinstance(exc, openai.RateLimitError):
        return ProviderError(
            f"{host} kept rate-limiting after {settings.http_attempts} attempts: "
            "lower jobs= or set rpm=/tpm= under your quota",
            kind=ErrorKind.RATE_LIMITED,
        )
    if isinstance(exc, openai.APITimeoutError):
        return ProviderError(
            f"{host} did not answer within {settings.timeout:g}s: raise timeout=",
            kind=ErrorKind.TIMEOUT,
        )
    if isinstance(exc, openai.APIConnectionError) and _dropped(exc.__cause__):
        return ProviderError(  # reached: it accepted the request, then hung up
            f"{host} closed the connection without an answer ({first_line(exc.__cause__ or exc)}) "
            f"after {settings.http_attempts} attempts: the server may have failed on this "
            "request (see its log)",
            kind=ErrorKind.CONNECTION,
        )
    if isinstance(exc, openai.APIConnectionError):
        return ProviderError(
            f"cannot reach {settings.base_url_address} ({first_line(exc.__cause__ or exc)}): "
            f"check {settings.where('base_url')} and the network",
            kind=ErrorKind.CONNECTION,
        )
    if isinstance(exc, openai.APIStatusError):
        return ProviderError(
            f"{host} answered HTTP {exc.status_code}: {_api_message(exc)}",
            kind=ErrorKind.HTTP_STATUS,
        )
    return ProviderError(f"{host}: {first_line(exc)}")


def _dropped(cause: BaseException | None) -> bool:
    """The server took the request and closed the connection without answering it (whole),
    or reset it: connected, so not unreachable (a failure to connect is a ConnectError)."""
    if isinstance(cause, (httpx2.ReadError, httpx2.WriteError)):
        return True  # '[Errno 104] Connection reset by peer'
    if not isinstance(cause, httpx2.RemoteProtocolError):
        return False
    said = str(cause).lower()
    return "disconnected" in said or "closed connection" in said


def _api_message(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        message = body.get("message") or (body.get("error") or {}).get("message")
        if message:
            return one_line(str(message))
    return one_line(str(exc))


def one_line(text: str, limit: int = 300) -> str:
    """A server's message as one line: some servers send their whole traceback."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if len(lines) > 1 and lines[0].startswith("Traceback"):
        lines = lines[-1:]  # a Python traceback: its last line says what went wrong
    first = lines[0] if lines else "(no message)"
    return first if len(first) <= limit else first[: limit - 1] + "…"
