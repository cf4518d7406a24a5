"""Shared test support: a guard against the network, the seed article, fixture replays."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer.http.exchanges import Replay
from summarizer.testing.server import DevServer

ROOT = Path(__file__).resolve().parent.parent
SEED_PATH = ROOT / "seeds" / "trump-zelensky-patriot-call.txt"
FIXTURES = ROOT / "fixtures" / "scripted"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


class NetworkBlocked(RuntimeError):
    pass


LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Fail any test that opens a network connection (Unix sockets stay allowed).

    Tests marked ``loopback`` may reach 127.0.0.1 (the project's own test server), nothing else.
    """
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo
    loopback_ok = request.node.get_closest_marker("loopback") is not None

    def allowed(address: Any) -> bool:
        host = address[0] if isinstance(address, tuple) else None
        return loopback_ok and host in LOOPBACK

    def guarded(self: socket.socket, address: Any) -> Any:
        if self.family == getattr(socket, "AF_UNIX", None) or allowed(address):
            return real_connect(self, address)
        raise NetworkBlocked(f"test tried to reach the network: {address!r}")

    def guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if loopback_ok and host in LOOPBACK:
            return real_getaddrinfo(host, *args, **kwargs)
        raise NetworkBlocked(f"test tried to resolve {host!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's own LLM configuration."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_MODEL", "SUMMARIZER_ENGINE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def private_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Each test has its own cache directory, never the developer's."""
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(cache_dir))
    return cache_dir


@pytest.fixture(scope="session")
def seed() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


def fixture_path(name: str) -> Path:
    return FIXTURES / f"{name}.json"


def fixture_data(name: str) -> dict[str, Any]:
    return json.loads(fixture_path(name).read_text(encoding="utf-8"))


def replay(name: str) -> Replay:
    """A Replay of fixtures/scripted/<name>.json."""
    return Replay.from_file(fixture_path(name))


@pytest.fixture
def devserver() -> Iterator[Callable[..., DevServer]]:
    """Start the project's OpenAI-compatible test server (127.0.0.1); stopped after the test.

    Tests that use it need ``@pytest.mark.loopback``.
    """
    started: list[DevServer] = []

    def start(**options: Any) -> DevServer:
        server = DevServer(**options).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
