"""Writing `-o` outputs: a device or pipe is written into, never replaced by a file."""

from __future__ import annotations

import os
import threading

from akq_cli.core.files import atomic_write_bytes


def test_a_named_pipe_is_written_into_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    atomic_write_bytes(fifo, "评审意见\n".encode())
    reader.join(10)
    assert got == ["评审意见\n".encode()]
    assert fifo.is_fifo()  # still a pipe, as /dev/null stays a device
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_symlink_to_a_file_stays_a_symlink(tmp_path):
    target = tmp_path / "report.md"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    atomic_write_bytes(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"


def test_a_regular_file_is_replaced_atomically(tmp_path):
    path = tmp_path / "a" / "b.txt"
    atomic_write_bytes(path, b"one")
    atomic_write_bytes(path, b"two")
    assert path.read_bytes() == b"two" and sorted(p.name for p in path.parent.iterdir()) == ["b.txt"]
