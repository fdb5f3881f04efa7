"""Loaded by worker processes in tests (PYTHONPATH): any network use raises at once.

Proves that translating with argostranslate reaches for nothing outside the machine.
"""

import socket


def _refuse(*args: object, **kwargs: object) -> None:
    raise OSError("network access is blocked in Dwibahasa's tests")


socket.socket.connect = _refuse  # type: ignore[method-assign,assignment]
socket.socket.connect_ex = _refuse  # type: ignore[method-assign,assignment]
socket.getaddrinfo = _refuse  # type: ignore[assignment]
socket.create_connection = _refuse  # type: ignore[assignment]
