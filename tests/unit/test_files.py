"""Reading what a user gives without blocking, whatever the path turns out to be."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest

from reader.files import open_regular


def _opened_in_time(path: Path) -> tuple[bool, object]:
    """`open_regular(path)` in a thread: (returned within 5 s, its result)."""
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(open_regular(path)), daemon=True)
    thread.start()
    thread.join(timeout=5)
    return (not thread.is_alive(), result[0] if result else None)


def test_a_regular_file_is_opened_for_reading(tmp_path: Path) -> None:
    path = tmp_path / "teks.txt"
    path.write_bytes(b"isi berkas")
    stream = open_regular(path)
    assert stream is not None
    with stream:
        assert stream.read() == b"isi berkas"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_without_a_writer_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipa"
    os.mkfifo(path)
    finished, result = _opened_in_time(path)
    assert finished and result is None


def test_a_device_is_refused(tmp_path: Path) -> None:
    finished, result = _opened_in_time(Path("/dev/null"))
    assert finished and result is None


def test_a_socket_cannot_be_opened_and_says_so_as_oserror(tmp_path: Path) -> None:
    path = tmp_path / "soket"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        with pytest.raises(OSError):
            open_regular(path)
    finally:
        server.close()


def test_a_missing_file_raises_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        open_regular(tmp_path / "tidak-ada.txt")
