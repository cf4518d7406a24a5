"""Fetching a web page for ``summarizer run URL`` and ``summarize(url=...)``.

- httpx2 with an honest User-Agent, timeouts, and our retry policy (:mod:`.transport`: 429,
  5xx, dropped connections and timeouts retried with backoff or the server's Retry-After);
- redirects followed by hand (at most :data:`MAX_REDIRECTS`), each hop checked like the first;
- a size cap on the body as it arrives, and on a gzip/deflate body as it inflates (a small
  compressed body that inflates past the cap is refused, not inflated);
- only HTML (or XHTML) is accepted; the charset is taken from the Content-Type header, else from
  the page's ``<meta charset>``, else UTF-8, and a header that is plainly wrong is overruled
  with a warning;
- loopback, private, link-local, cloud-metadata and other non-public addresses are refused
  before connecting (the host's DNS answers are checked) and after (the address actually
  connected to is checked, so a DNS answer that changes in between does not get through),
  unless the caller allows them (``allow_private=True``, ``--allow-private-urls``);
- pages are kept in a small file cache keyed by URL with the response's validators (ETag,
  Last-Modified): a page fetched within :data:`FRESH_S` is served from the cache without a
  request, an older one is revalidated.

Every failure is one :class:`~summarizer.errors.InputError` (a page that cannot be summarized
as asked: bad URL, unknown host, 4xx, not HTML, too big, a private address) or
:class:`~summarizer.errors.FetchError` (may pass on a retry: refused, timed out, 5xx, 429).
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import ipaddress
import json
import logging
import os
import re
import socket
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx2

from summarizer.errors import ErrorKind, FetchError, InputError
from summarizer.http.charset import codec_for_label, decode
from summarizer.http.transport import ResilientTransport, RetryPolicy

log = logging.getLogger("summarizer")

USER_AGENT = "Mozilla/5.0 (compatible; summarizer/0.1; news article summarizer)"
MAX_PAGE_BYTES = 5_000_000
MAX_REDIRECTS = 10
TIMEOUT_S = 30.0
FRESH_S = 24 * 3600.0  # a cached page younger than this is used without asking the server
PRIVATE_FLAG = "allow_private_urls=True"  # the command line says --allow-private-urls
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class FetchedPage:
    """A fetched HTML page, decoded."""

    url: str  # as asked for
    final_url: str  # after redirects
    html: str
    warnings: tuple[str, ...] = ()
    from_cache: bool = False


class _Refused(Exception):
    """Raised inside the transport; turned into the caller's error by :func:`fetch_page`."""

    def __init__(self, error: InputError | FetchError) -> None:
        super().__init__(str(error))
        self.error = error


def public_address(address: str) -> bool:
    """Whether ``address`` (an IP) is on the public internet: not loopback, private,
    link-local (cloud metadata: 169.254.169.254), shared, multicast or reserved."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    """The host's addresses, as the system resolver gives them (raises ``socket.gaierror``)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def _check_host(url: str, host: str, port: int, resolver: Resolver = resolve) -> None:
    """Refuse a host that is, or resolves to, a non-public address."""
    try:
        ipaddress.ip_address(host.split("%")[0])
        addresses = [host]
    except ValueError:
        try:
            addresses = resolver(host, port)
        except socket.gaierror:
            raise InputError(f"{url}: no such host ({host}): check the address") from None
    for address in addresses:
        if not public_address(address):
            raise InputError(_private_message(url, host, address))


def _private_message(url: str, host: str, address: str) -> str:
    where = host if host == address else f"{host} ({address})"
    return (
        f"{url}: refused to fetch from {where}, a local or private network address; "
        f"allow it with {PRIVATE_FLAG}"
    )


class _GuardedTransport(httpx2.BaseTransport):
    """The network transport, checked: the address connected to, the type and size of the
    body, and its decompression. The body arrives decoded, with no Content-Encoding left."""

    def __init__(self, allow_private: bool, max_bytes: int) -> None:
        self.inner = httpx2.HTTPTransport(trust_env=False)
        self.allow_private = allow_private
        self.max_bytes = max_bytes

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        url = str(request.url)
        response = self.inner.handle_request(request)
        try:
            if not self.allow_private:
                self._check_peer(url, response)
            if response.status_code in _REDIRECTS or response.status_code >= 300:
                return httpx2.Response(
                    response.status_code, headers=response.headers, request=request
                )
            body = self._read(url, response)
        finally:
            response.close()
        headers = [
            (k, v)
            for k, v in response.headers.multi_items()
            if k.lower() not in ("content-encoding", "content-length", "transfer-encoding")
        ]
        return httpx2.Response(response.status_code, headers=headers, content=body, request=request)

    def _check_peer(self, url: str, response: httpx2.Response) -> None:
        stream = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        if peer and not public_address(str(peer[0])):
            host = urlsplit(url).hostname or ""
            raise _Refused(InputError(_private_message(url, host, str(peer[0]))))

    def _read(self, url: str, response: httpx2.Response) -> bytes:
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if response.status_code < 300 and kind and kind not in _HTML_TYPES:
            raise _Refused(
                InputError(f"{url}: not a web page ({kind}): summarizer reads HTML pages")
            )
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise _Refused(InputError(_too_big(url, self.max_bytes, f"{int(declared):,} bytes")))
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        inflate = _Inflater(encoding, url)
        body = bytearray()
        for chunk in response.iter_raw():
            body += inflate.feed(chunk, self.max_bytes + 1 - len(body))
            if len(body) > self.max_bytes:
                if encoding in ("gzip", "deflate", "x-gzip"):
                    raise _Refused(
                        InputError(
                            f"{url}: the compressed page inflates past the "
                            f"{self.max_bytes:,}-byte limit; not inflated further "
                            "(raise it with --max-bytes)"
                        )
                    )
                raise _Refused(InputError(_too_big(url, self.max_bytes, "more")))
        return bytes(body)

    def close(self) -> None:
        self.inner.close()


def _too_big(url: str, limit: int, size: str) -> str:
    return (
        f"{url}: the page is larger than the {limit:,}-byte limit ({size}; "
        "raise it with --max-bytes)"
    )


class _Inflater:
    """gzip/deflate decoding that never produces more than it is asked for."""

    def __init__(self, encoding: str, url: str) -> None:
        self.url = url
        if encoding in ("gzip", "x-gzip"):
            self.z: Any = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self.z = zlib.decompressobj()
        elif encoding in ("identity", ""):
            self.z = None
        else:
            raise _Refused(
                InputError(f"{url}: the server sent an unsupported encoding ({encoding})")
            )

    def feed(self, chunk: bytes, room: int) -> bytes:
        if self.z is None:
            return chunk[: max(room, 0) + 1] if len(chunk) > room else chunk
        try:
            out: bytes = self.z.decompress(self.z.unconsumed_tail + chunk, max(room, 1))
        except zlib.error:
            raise _Refused(InputError(f"{self.url}: the compressed page is corrupt")) from None
        if self.z.unconsumed_tail and len(out) >= room:
            return out + b"\0"  # more is waiting: past the cap
        return out


def decode_html(body: bytes, content_type: str, url: str) -> tuple[str, list[str]]:
    """The page's text: the header's charset, else ``<meta charset>``, else UTF-8."""
    warnings: list[str] = []
    header = _charset(content_type)
    meta_match = _META_CHARSET.search(body[:4096])
    meta = _codec(meta_match.group(1).decode("ascii", "replace")) if meta_match else None
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", "replace"), warnings
    declared = header or meta
    if declared in (None, "utf-8"):
        try:
            return body.decode("utf-8"), warnings
        except UnicodeDecodeError:
            if declared == "utf-8":
                fallback = meta if meta not in (None, "utf-8") else "cp1252"
                warnings.append(f"the page says it is UTF-8 but is not; decoded as {fallback}")
                return decode(body, fallback, "replace"), warnings
            return decode(body, "cp1252"), warnings
    assert declared is not None
    if declared in ("cp1252", "latin-1", "iso8859-1", "iso8859-15") and _is_utf8(body):
        warnings.append(f"the page says it is {declared} but is UTF-8; decoded as UTF-8")
        return body.decode("utf-8"), warnings
    return decode(body, declared, "replace"), warnings


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(b > 127 for b in body)


def _charset(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", content_type, re.I)
    return _codec(match.group(1)) if match else None


def _codec(name: str) -> str | None:
    codec = codec_for_label(name)  # as browsers read it: iso-8859-1 is windows-1252
    return codec.replace("_", "-") if codec is not None else None


class PageCache:
    """Fetched pages on disk, one JSON file per URL: the page, its validators, when fetched.
    ``directory``: the cache directory (``summarizer.config.default_cache_dir()``, or
    ``page_cache_dir=``); the pages go in its ``pages`` folder."""

    def __init__(self, directory: Path | str) -> None:
        self.directory = Path(directory) / "pages"

    def _path(self, url: str) -> Path:
        return self.directory / (hashlib.sha256(url.encode("utf-8")).hexdigest() + ".json")

    def get(self, url: str) -> dict[str, Any] | None:
        try:
            entry: dict[str, Any] = json.loads(self._path(url).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return entry if entry.get("url") == url else None

    def put(self, url: str, entry: dict[str, Any]) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            path = self._path(url)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({**entry, "url": url}), encoding="utf-8")
            tmp.replace(path)
        except OSError as exc:
            log.warning("could not store %s in the page cache: %s", url, exc)


def fetch_page(
    url: str,
    *,
    allow_private: bool = False,
    max_bytes: int = MAX_PAGE_BYTES,
    timeout: float = TIMEOUT_S,
    cache: PageCache | None = None,
    policy: RetryPolicy | None = None,
    resolver: Resolver = resolve,
) -> FetchedPage:
    """Fetch the HTML page at ``url`` (http or https). Raises InputError or FetchError.

    ``resolver`` gives a host's addresses for the check of private addresses (the system's
    by default); the connection itself is checked too, whatever it said."""
    _check_url(url)
    cached = cache.get(url) if cache is not None else None
    if cached is not None and not allow_private:
        # a page fetched once with allow_private is not served to a caller without it: the
        # address check runs for the URL asked for and for the one the page came from
        for checked in (url, str(cached.get("final_url") or url)):
            host, port = _check_url(checked)
            _check_host(checked, host, port, resolver)
    if cached is not None and time.time() - float(cached.get("fetched_at", 0)) < FRESH_S:
        return FetchedPage(url, cached["final_url"], cached["html"], from_cache=True)
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
    }
    if cached is not None:
        if cached.get("etag"):
            headers["If-None-Match"] = cached["etag"]
        if cached.get("last_modified"):
            headers["If-Modified-Since"] = cached["last_modified"]
    transport = ResilientTransport(
        _GuardedTransport(allow_private, max_bytes), policy or RetryPolicy()
    )
    with httpx2.Client(
        transport=transport,
        timeout=httpx2.Timeout(timeout, connect=min(timeout, 10.0)),
        follow_redirects=False,
        trust_env=False,
    ) as client:
        response, final_url = _follow(client, url, headers, allow_private, resolver)
    if response.status_code == 304 and cached is not None:
        if cache is not None:
            cache.put(url, {**cached, "fetched_at": time.time()})
        return FetchedPage(url, cached["final_url"], cached["html"], from_cache=True)
    html, warnings = decode_html(
        response.content, response.headers.get("content-type", ""), final_url
    )
    if cache is not None:
        cache.put(
            url,
            {
                "final_url": final_url,
                "html": html,
                "etag": response.headers.get("etag"),
                "last_modified": response.headers.get("last-modified"),
                "fetched_at": time.time(),
            },
        )
    return FetchedPage(url, final_url, html, tuple(warnings))


def _check_url(url: str) -> tuple[str, int]:
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # "Invalid IPv6 URL": an unclosed [
        raise InputError(f"{url}: not a valid URL ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{url}: not an http(s) URL")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise InputError(f"{url}: not a valid URL (bad port)") from None
    return parts.hostname, port


def _follow(
    client: httpx2.Client,
    url: str,
    headers: dict[str, str],
    allow_private: bool,
    resolver: Resolver = resolve,
) -> tuple[httpx2.Response, str]:
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        host, port = _check_url(current)
        if not allow_private:
            _check_host(current, host, port, resolver)
        try:
            response = client.get(current, headers=headers)
        except _Refused as refused:
            raise refused.error from None
        except httpx2.TimeoutException:
            raise FetchError(
                f"{current}: no answer in time (raise --timeout)", kind=ErrorKind.TIMEOUT
            ) from None
        except httpx2.ConnectError as exc:
            raise FetchError(
                f"{current}: cannot connect ({_reason(exc)})", kind=ErrorKind.CONNECTION
            ) from None
        except httpx2.TransportError as exc:
            raise FetchError(
                f"{current}: the connection failed ({_reason(exc)})", kind=ErrorKind.CONNECTION
            ) from None
        if response.status_code in _REDIRECTS:
            target = response.headers.get("location")
            if not target:
                raise InputError(
                    f"{current}: a redirect (HTTP {response.status_code}) with nowhere to go"
                )
            current = urljoin(current, target)
            headers = {k: v for k, v in headers.items() if not k.startswith("If-")}
            continue
        if response.status_code == 304:
            return response, current
        if response.status_code >= 400:
            raise _status_error(current, response.status_code)
        return response, current
    raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _status_error(url: str, status: int) -> InputError | FetchError:
    if status in (404, 410):
        return InputError(f"{url}: no such page (HTTP {status})")
    if status in (401, 403):
        return InputError(
            f"{url}: the site refused access (HTTP {status}); save the page from a browser "
            "and summarize the file"
        )
    if status == 429 or status >= 500:
        return FetchError(
            f"{url}: the site answered HTTP {status} after retries; try again later",
            kind=ErrorKind.HTTP_STATUS,
        )
    return InputError(f"{url}: the site answered HTTP {status}")


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    with contextlib.suppress(Exception):
        if "refused" in text.lower():
            return "connection refused"
    return text.splitlines()[0][:200]
