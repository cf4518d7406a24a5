"""Shared test support: a guard against the network, the seed article, fixture replays."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest

from summarizer.exchanges import Replay

ROOT = Path(__file__).resolve().parent.parent
SEED_PATH = ROOT / "seeds" / "trump-zelensky-patriot-call.txt"
FIXTURES = ROOT / "fixtures" / "scripted"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


class NetworkBlocked(RuntimeError):
    pass


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that opens a network connection (Unix sockets stay allowed)."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        if self.family == getattr(socket, "AF_UNIX", None):
            return real_connect(self, address)
        raise NetworkBlocked(f"test tried to reach the network: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded)
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda *a, **k: (_ for _ in ()).throw(NetworkBlocked(str(a)))
    )


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's own LLM configuration."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_MODEL", "SUMMARIZER_ENGINE"):
        monkeypatch.delenv(name, raising=False)


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
