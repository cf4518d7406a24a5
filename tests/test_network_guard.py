import socket

import pytest

from tests.conftest import NetworkBlocked


def test_guard_blocks_connections() -> None:
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("example.com", 443), timeout=1)


def test_guard_blocks_raw_sockets() -> None:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(NetworkBlocked):
            s.connect(("127.0.0.1", 9))
    finally:
        s.close()


def test_guard_blocks_loopback_unless_marked() -> None:
    with pytest.raises(NetworkBlocked):
        socket.getaddrinfo("localhost", 80)


@pytest.mark.loopback
def test_loopback_marker_allows_only_loopback() -> None:
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("example.com", 443), timeout=1)
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(NetworkBlocked):
            s.connect(("10.0.0.1", 9))
    finally:
        s.close()
