"""LibreTranslate for tests: the real server with the tiny model, and a scriptable stand-in.

The real one runs from its own virtual environment (`.ci/libretranslate`
makes `.venv-lt`; `DWIBAHASA_LT_COMMAND` names another `libretranslate`), on
127.0.0.1, with the tiny id→en package (and a tiny en→id one, so that
LibreTranslate, seeing two packages, never tries to download any) in a
packages folder of its own. The stand-in (stdlib `http.server` in a thread)
answers like LibreTranslate and can be told to fail: 429s, 5xx, malformed
replies, a batch limit, a refused key, or silence.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.conftest import REPO

LT_COMMAND_ENV = "DWIBAHASA_LT_COMMAND"
START_TIMEOUT = 90.0
LANGUAGES = [
    {"code": "en", "name": "English", "targets": ["en", "id"]},
    {"code": "id", "name": "Indonesian", "targets": ["en", "id"]},
]


def libretranslate_command() -> str | None:
    """`$DWIBAHASA_LT_COMMAND`, else `.venv-lt/bin/libretranslate`, if it exists."""
    configured = os.environ.get(LT_COMMAND_ENV)
    if configured:
        return configured if shutil.which(configured) else None
    local = REPO / ".venv-lt" / "bin" / "libretranslate"
    return str(local) if local.exists() else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def install_packages(folder: Path, id_en: Path) -> None:
    """The tiny id→en package, and the same weights labelled en→id, unzipped in `folder`."""
    from tests.argos_model import build_package

    folder.mkdir(parents=True, exist_ok=True)
    en_id = build_package(
        folder.parent / "tiny-en_id.argosmodel",
        metadata_overrides={
            "from_code": "en",
            "to_code": "id",
            "from_name": "English",
            "to_name": "Indonesian",
            "code": "translate-en_id",
        },
    )
    for archive, name in ((id_en, "translate-id_en-tiny"), (en_id, "translate-en_id-tiny")):
        with tempfile.TemporaryDirectory(dir=folder.parent) as unpacked:
            with zipfile.ZipFile(archive) as package:
                package.extractall(unpacked)
            [top] = Path(unpacked).iterdir()
            shutil.move(str(top), folder / name)


@dataclass
class RealServer:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_real_server(
    command: str,
    home: Path,
    model: Path | None = None,
    *,
    packages: Path | None = None,
    threads: int = 2,
) -> RealServer:
    """LibreTranslate on a free loopback port with `model` (the tiny one) or the unpacked
    `packages`; waits until it answers."""
    home.mkdir(parents=True, exist_ok=True)
    if packages is None:
        assert model is not None
        packages = home / "argos-packages"
        if not packages.exists():
            install_packages(packages, model)
    env = {key: value for key, value in os.environ.items() if not key.startswith("DWIBAHASA_")}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
        ARGOS_PACKAGES_DIR=str(packages),
        ARGOS_DEVICE_TYPE="cpu",
        PYTHONWARNINGS="ignore",
    )
    port = free_port()
    log = home / f"libretranslate-{port}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                command,
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--load-only",
                "id,en",
                "--disable-web-ui",
                "--disable-files-translation",
                "--threads",
                str(threads),
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=home,
        )
    server = RealServer(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(server.url + "/languages", timeout=2) as reply:
                if reply.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
    raise RuntimeError(f"LibreTranslate did not start on {server.url}:\n{tail}")


Reply = tuple[int, Any, dict[str, str]]
"""(status, JSON body or raw bytes, extra headers)."""


def english(texts: list[str]) -> list[str]:
    """What the stand-in's translation of each text is: `EN(...)`."""
    return [f"EN({text})" for text in texts]


@dataclass
class StandIn:
    """A LibreTranslate look-alike; `translate(payload)` decides each /translate reply."""

    languages: Any = field(default_factory=lambda: LANGUAGES)
    languages_status: int = 200
    translate: Callable[[dict[str, Any]], Reply] | None = None
    requests: list[dict[str, Any]] = field(default_factory=list)
    """Every /translate payload received, in order."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def reply(self, payload: dict[str, Any]) -> Reply:
        with self.lock:
            self.requests.append(payload)
        if self.translate is not None:
            return self.translate(payload)
        return 200, {"translatedText": english(list(payload["q"]))}, {}

    def sentences(self) -> list[str]:
        with self.lock:
            return [text for payload in self.requests for text in payload["q"]]


def _handler(stand_in: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def _send(self, status: int, body: Any, headers: dict[str, str]) -> None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path == "/languages":
                self._send(stand_in.languages_status, stand_in.languages, {})
            else:
                self._send(404, {"error": "Not Found"}, {})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            payload = json.loads(self.rfile.read(length) or b"{}")
            if self.path != "/translate":
                self._send(404, {"error": "Not Found"}, {})
                return
            status, body, headers = stand_in.reply(payload)
            self._send(status, body, headers)

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up (a cancelled request) is expected here."""


def serve(stand_in: StandIn) -> Iterator[StandIn]:
    server = _QuietServer(("127.0.0.1", 0), _handler(stand_in))
    stand_in.server = server
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield stand_in
    finally:
        server.shutdown()
        server.server_close()
