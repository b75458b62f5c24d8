"""Servers started by the benchmark and the scale test get ports no client socket takes."""

import socket

from devtools.bench import stack


def test_ports_are_free_and_below_the_range_for_outgoing_connections():
    first = stack.free_port_run(8)
    assert stack.SERVER_PORTS_FROM <= first and first + 8 <= stack._first_ephemeral_port()
    for port in range(first, first + 8):
        with socket.socket() as server:
            server.bind(("127.0.0.1", port))


def test_a_taken_port_is_not_handed_out(monkeypatch):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        assert not stack._is_free(port)
    candidates = iter([port, port + 1])
    monkeypatch.setattr(stack.random, "randint", lambda low, high: next(candidates))
    monkeypatch.setattr(stack, "_is_free", lambda p: p != port)
    assert stack.free_port() == port + 1


def test_without_the_kernels_range_linuxs_default_is_assumed(monkeypatch, tmp_path):
    monkeypatch.setattr(stack, "EPHEMERAL_RANGE_FILE", tmp_path / "mangler")
    assert stack._first_ephemeral_port() == 32768
