"""The argos engine, from the caller's side: a worker process that holds the model.

The reader and the CLI never import argostranslate: they start
`python -m reader.translate.worker`, send it batches as JSON lines and read
the English back. A crash of the worker is an error for the batch in flight;
everything translated before it is already stored.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Sequence
from typing import IO, Any

from reader.i18n import _
from reader.translate.engine import TranslationEngineError
from reader.translate.models import InstalledModel, find_model

START_TIMEOUT = 120.0


class ArgosEngine:
    """argostranslate in a worker process; one request at a time."""

    name = "argos"
    status = "machine"

    def __init__(self, model: InstalledModel | None = None, *, env: dict[str, str] | None = None):
        self.installed = model or find_model()
        self.model = self.installed.name
        self._env = env
        self._process: subprocess.Popen[str] | None = None
        self._stderr: deque[str] = deque(maxlen=20)
        self._lock = threading.Lock()
        self._next_id = 0

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self) -> None:
        """Start the worker and wait until its model is loaded.

        A worker that died is not restarted behind the caller's back: the run
        stops with its exit status, and the next run resumes from the cache.
        """
        if self._process is not None:
            code = self._process.poll()
            if code is None:
                return
            raise self._stopped(code)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "reader.translate.worker", str(self.installed.path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=self._env,
            bufsize=1,
        )
        assert self._process.stderr is not None
        threading.Thread(
            target=self._drain, args=(self._process.stderr,), daemon=True, name="argos-stderr"
        ).start()
        ready = self._read()
        if ready.get("event") != "ready":
            raise TranslationEngineError(
                _("translation worker failed: cannot load {path}: {reason}").format(
                    path=self.installed.path, reason=ready.get("message")
                )
            )

    def _stopped(self, code: int) -> TranslationEngineError:
        """The error for a worker that exited: its status and its last words on stderr."""
        tail = " | ".join(list(self._stderr)[-3:])
        if not tail:
            return TranslationEngineError(
                _("translation worker stopped (exit status {code})").format(code=code)
            )
        return TranslationEngineError(
            _("translation worker stopped (exit status {code}): {stderr}").format(
                code=code, stderr=tail
            )
        )

    def _drain(self, stream: IO[str]) -> None:
        for line in stream:
            self._stderr.append(line.rstrip())

    def _read(self) -> dict[str, Any]:
        assert self._process is not None and self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line:
            raise self._stopped(self._process.wait())
        message: dict[str, Any] = json.loads(line)
        return message

    def translate(
        self, texts: Sequence[str], *, options: dict[str, Any] | None = None
    ) -> list[str | None]:
        with self._lock:
            self.start()
            assert self._process is not None and self._process.stdin is not None
            self._next_id += 1
            request = {"op": "translate", "id": self._next_id, "texts": list(texts)}
            request.update(options or {})
            try:
                self._process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
                self._process.stdin.flush()
            except (BrokenPipeError, OSError):
                self._read()  # raises with the worker's exit status
            reply = self._read()
            if reply.get("event") != "result":
                raise TranslationEngineError(
                    _("translation failed: {reason}").format(reason=reply.get("message"))
                )
            return list(reply["texts"])

    def close(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        try:
            if process.poll() is None and process.stdin is not None:
                process.stdin.write(json.dumps({"op": "quit"}) + "\n")
                process.stdin.flush()
                process.stdin.close()
            process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()

    def kill(self) -> None:
        """Stop the worker at once (cancel): the batch in flight is dropped."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
