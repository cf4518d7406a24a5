"""Fetching web pages: against a small HTTP server of our own on 127.0.0.1.

Because that server is on loopback, every fetch here passes ``allow_private=True``; the refusal of
loopback, private, link-local and metadata addresses is tested on its own (it needs no server).
"""

from __future__ import annotations

import asyncio
import gzip
import http.server
import json
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import httpx2
import pytest

from summarizer import asummarize, summarize, summarize_many
from summarizer.errors import FetchError, InputError
from summarizer.http import fetch
from summarizer.http.fetch import PageCache, decode_html, fetch_page, public_address
from summarizer.http.transport import RetryPolicy
from summarizer.io.sources import Source

STORY = (
    "<p>The city council of Westbrook approved a new budget on Tuesday after a debate that ran "
    "late into the night, ending months of argument over the town's three bridges.</p>"
    "<p>“We will not raise taxes this year, and we will still fix every bridge,” Mayor Ana Ruiz "
    "said after the vote, which passed by seven votes to four.</p>"
    "<p>Under the plan, the north bridge will be closed for repairs from March, with a ferry for "
    "pedestrians and cyclists, and the two other bridges will follow in the next two years.</p>"
)
PAGE = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
    "<title>Westbrook approves budget</title>"
    "<meta property='article:published_time' content='2024-03-05'></head>"
    f"<body><nav><a href='/'>Home</a></nav><article>{STORY}</article></body></html>"
)
QUICK = RetryPolicy(attempts=2, backoff=0.01)


class _Handler(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[Counter[str]] = Counter()

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:  # one route per case
        path = self.path.split("?")[0]
        self.hits[path] += 1
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/article":
            if self.headers.get("If-None-Match") == '"v1"':
                return self._send(304, b"", {"ETag": '"v1"'})
            return self._send(200, PAGE.encode(), {**html, "ETag": '"v1"'})
        if path == "/redirect":
            return self._send(302, b"", {"Location": "/article"})
        if path == "/loop":
            return self._send(302, b"", {"Location": "/loop"})
        if path == "/missing":
            return self._send(404, b"<html>not here</html>", html)
        if path == "/busy":
            return self._send(503, b"", {**html, "Retry-After": "0"})
        if path == "/slow":
            time.sleep(2)
            return self._send(200, PAGE.encode(), html)
        if path == "/huge":
            return self._send(200, b"<html>" + b"x" * 300_000, html)
        if path == "/huge-chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no length: read until the cap
            self.wfile.write(b"<html>" + b"x" * 300_000)
            self.close_connection = True
            return None
        if path == "/bomb":
            body = gzip.compress(b"<html>" + b" " * 20_000_000)
            return self._send(200, body, {**html, "Content-Encoding": "gzip"})
        if path == "/gzipped":
            return self._send(
                200, gzip.compress(PAGE.encode()), {**html, "Content-Encoding": "gzip"}
            )
        if path == "/pdf":
            return self._send(200, b"%PDF-1.4", {"Content-Type": "application/pdf"})
        if path == "/mislabelled":  # says UTF-8, is Windows-1252
            return self._send(200, PAGE.encode("cp1252"), html)
        if path == "/latin1-label":  # says ISO-8859-1, is UTF-8
            return self._send(200, PAGE.encode(), {"Content-Type": "text/html; charset=iso-8859-1"})
        if path == "/meta-charset":  # no charset in the header; <meta charset> names it
            text = "<html><head><meta charset='windows-1251'></head><body>Мэр заявил</body></html>"
            return self._send(200, text.encode("cp1251"), {"Content-Type": "text/html"})
        return self._send(404, b"", html)


@pytest.fixture
def site() -> Iterator[str]:
    _Handler.hits = Counter()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def get(url: str, **options: object) -> fetch.FetchedPage:
    return fetch_page(url, allow_private=True, policy=QUICK, **options)  # type: ignore[arg-type]


@pytest.mark.loopback
def test_a_page_is_fetched_decoded_and_identified(site: str) -> None:
    page = get(f"{site}/article")
    assert page.html == PAGE and page.final_url == f"{site}/article" and not page.from_cache


@pytest.mark.loopback
def test_redirects_are_followed(site: str) -> None:
    assert get(f"{site}/redirect").final_url == f"{site}/article"
    with pytest.raises(InputError, match="more than 10 redirects"):
        get(f"{site}/loop")


@pytest.mark.loopback
def test_gzip_is_inflated(site: str) -> None:
    assert get(f"{site}/gzipped").html == PAGE


@pytest.mark.loopback
@pytest.mark.parametrize(
    ("path", "error", "message"),
    [
        ("/missing", InputError, r"no such page \(HTTP 404\)"),
        ("/busy", FetchError, r"HTTP 503 after retries"),
        ("/pdf", InputError, r"not a web page \(application/pdf\)"),
        ("/huge", InputError, r"larger than the 100,000-byte limit"),
        ("/huge-chunked", InputError, r"larger than the 100,000-byte limit"),
        ("/bomb", InputError, r"inflates past the 100,000-byte limit"),
    ],
)
def test_each_failure_has_its_own_error(site: str, path: str, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        get(f"{site}{path}", max_bytes=100_000)


@pytest.mark.loopback
def test_a_server_error_is_retried_by_our_policy(site: str) -> None:
    with pytest.raises(FetchError):
        get(f"{site}/busy")
    assert _Handler.hits["/busy"] == QUICK.attempts


@pytest.mark.loopback
def test_a_slow_page_times_out(site: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="no answer in time") as caught:
        get(f"{site}/slow", timeout=0.3)
    assert caught.value.kind == "timeout" and time.monotonic() - started < 1.9


@pytest.mark.loopback
def test_a_refused_connection(site: str) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="cannot connect") as caught:
        get(f"http://127.0.0.1:{port}/")
    assert caught.value.kind == "connection"


@pytest.mark.loopback
def test_charsets(site: str) -> None:
    mislabelled = get(f"{site}/mislabelled")
    assert "“We will not raise taxes" in mislabelled.html
    assert any("says it is UTF-8 but is not" in w for w in mislabelled.warnings)
    relabelled = get(f"{site}/latin1-label")
    assert relabelled.html == PAGE and any("is UTF-8" in w for w in relabelled.warnings)
    assert "Мэр заявил" in get(f"{site}/meta-charset").html


def test_decoding_follows_header_then_meta_then_utf8() -> None:
    body = "<meta charset='iso-8859-7'><p>Ο δήμαρχος</p>".encode("iso-8859-7")
    assert "Ο δήμαρχος" in decode_html(body, "text/html", "u")[0]
    assert decode_html("é".encode(), "text/html", "u") == ("é", [])
    assert decode_html("é".encode("cp1252"), "text/html", "u")[0] == "é"


@pytest.mark.loopback
def test_pages_are_cached_and_revalidated(site: str, tmp_path: Path) -> None:
    cache = PageCache(tmp_path)
    assert not get(f"{site}/article", cache=cache).from_cache
    again = get(f"{site}/article", cache=cache)
    assert again.from_cache and again.html == PAGE
    assert _Handler.hits["/article"] == 1  # a re-run does not fetch again
    entry = cache.get(f"{site}/article")
    assert entry is not None and entry["etag"] == '"v1"'
    cache.put(f"{site}/article", {**entry, "fetched_at": 0})  # stale: ask with the validator
    stale = get(f"{site}/article", cache=cache)
    assert stale.from_cache and stale.html == PAGE and _Handler.hits["/article"] == 2
    # a page cached by a caller allowed to reach 127.0.0.1 is not served to one who is not
    with pytest.raises(InputError, match="allow_private_urls=True"):
        fetch_page(f"{site}/article", cache=cache)


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
     "0.0.0.0", "::1", "fe80::1", "fd00:ec2::254", "::ffff:127.0.0.1", "224.0.0.1"],
)  # fmt: skip
def test_local_and_private_addresses_are_not_public(address: str) -> None:
    assert not public_address(address)


def test_public_addresses_are() -> None:
    assert public_address("93.184.216.34") and public_address("2606:4700::1111")


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8080/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
     "http://10.0.0.5/admin", "http://localhost/"],
)  # fmt: skip
@pytest.mark.loopback  # "localhost" is resolved (to loopback) before it is refused
def test_private_urls_are_refused_naming_the_flag(url: str) -> None:
    with pytest.raises(InputError, match="allow it with allow_private_urls=True"):
        fetch_page(url)


def test_a_redirect_to_a_private_address_is_refused() -> None:
    def answer(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(302, headers={"Location": "http://169.254.169.254/latest/"})

    refused = pytest.raises(InputError, match=r"169\.254\.169\.254.*allow_private_urls=True")
    with httpx2.Client(transport=httpx2.MockTransport(answer)) as client, refused:
        fetch._follow(client, "http://93.184.216.34/news", {}, allow_private=False)


@pytest.mark.loopback
def test_the_address_connected_to_is_checked_too(site: str) -> None:
    """A DNS answer that changes after the check (rebinding) still meets the connected-peer
    check: here the transport is asked directly, as if the name had resolved to a public IP."""
    transport = fetch._GuardedTransport(allow_private=False, max_bytes=10_000)
    with pytest.raises(fetch._Refused, match="allow it with allow_private_urls=True"):
        transport.handle_request(httpx2.Request("GET", f"{site}/article"))
    transport.close()


def test_only_http_urls() -> None:
    with pytest.raises(InputError, match="not an http"):
        fetch_page("file:///etc/passwd")


@pytest.mark.loopback
def test_summarize_url(site: str) -> None:
    result = summarize(url=f"{site}/article", engine="offline", allow_private_urls=True)
    assert result.input == f"{site}/article"
    assert result.source is not None and result.source.published == "2024-03-05"
    assert result.summary.headline == "Westbrook approves budget"
    with pytest.raises(InputError, match=r"allow it with allow_private_urls=True$"):
        summarize(url=f"{site}/article", engine="offline")
    twin = asyncio.run(asummarize(url=f"{site}/article", engine="offline", allow_private_urls=True))
    assert twin.source == result.source and twin.quotes == result.quotes
    [outcome] = summarize_many(
        [Source(name="a", url=f"{site}/article")], engine="offline", allow_private_urls=True
    )
    assert outcome.summary is not None and outcome.summary.source == result.source


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args], capture_output=True, text=True, timeout=60
    )


@pytest.mark.loopback
def test_cli_run_and_extract_a_url(site: str, tmp_path: Path) -> None:
    url = f"{site}/article"
    refused = _cli("run", url, "--engine", "offline")
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        f"summarizer: error: {url}: refused to fetch from 127.0.0.1, a local or private network "
        "address; allow it with --allow-private-urls"
    ]
    ran = _cli("run", url, "--engine", "offline", "-f", "json", "--allow-private-urls")
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout)["source"]["title"] == "Westbrook approves budget"
    shown = _cli("extract", url, "-f", "json", "--allow-private-urls")
    record = json.loads(shown.stdout)
    assert set(record) == {"input", "title", "authors", "published", "site", "url", "language",
                           "text", "warnings"}  # fmt: skip
    assert record["url"] == url and record["language"] == "en"
    assert record["text"].startswith("The city council of Westbrook")
    missing = _cli("extract", f"{site}/missing", "--allow-private-urls")
    assert missing.returncode == 2 and "no such page (HTTP 404)" in missing.stderr


@pytest.mark.loopback
def test_cli_batch_of_url_records(site: str, tmp_path: Path) -> None:
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(
        json.dumps({"id": "a", "url": f"{site}/article"})
        + "\n"
        + json.dumps({"id": "b", "url": f"{site}/missing"})
        + "\n"
    )
    out = tmp_path / "out.jsonl"
    ran = _cli("run", "--jsonl", str(jsonl), "-o", str(out), "--engine", "offline",
               "--allow-private-urls", "--include-text")  # fmt: skip
    records = {r["input"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert ran.returncode == 2, ran.stderr  # only an input failed
    assert records["a"]["source"]["published"] == "2024-03-05"
    text = records["a"]["text"]
    assert all(text[q["start"] : q["end"]] == q["text"] for q in records["a"]["quotes"])
    assert records["b"]["error"]["kind"] == "input"


def test_an_unknown_host_is_named() -> None:
    def nowhere(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with pytest.raises(InputError, match=r"no such host \(news\.invalid\): check the address"):
        fetch_page("https://news.invalid/story", resolver=nowhere)


def test_a_dns_answer_that_leads_to_a_private_address_is_refused() -> None:
    def rebinding(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "10.0.0.7"]  # one private answer is enough to refuse

    with pytest.raises(InputError, match=r"news\.example \(10\.0\.0\.7\).*allow_private_urls=True"):
        fetch_page("https://news.example/story", resolver=rebinding)


@pytest.mark.loopback
def test_a_cli_rerun_does_not_fetch_again_unless_no_cache(site: str, private_cache: Path) -> None:
    url = f"{site}/article"
    uncached = _cli("extract", url, "--allow-private-urls", "--no-cache")
    assert uncached.returncode == 0 and not (private_cache / "pages").exists()
    for _ in range(2):
        again = _cli("run", url, "--engine", "offline", "-f", "json", "--allow-private-urls")
        assert again.returncode == 0, again.stderr
    assert _Handler.hits["/article"] == 2  # the --no-cache run, then one fetch for two runs
    assert len(list((private_cache / "pages").iterdir())) == 1


def test_a_url_of_another_scheme_is_refused_not_read_as_a_file() -> None:
    refused = _cli("extract", "file:///etc/passwd")
    assert refused.returncode == 2
    assert refused.stderr.strip() == "summarizer: error: file:///etc/passwd: not an http(s) URL"
