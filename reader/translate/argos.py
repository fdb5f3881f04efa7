"""The argos engine, from the caller's side: a worker process that holds the model.

The reader and the CLI never import argostranslate: they start
`python -m reader.translate.worker`, send it batches as JSON lines and read
the English back. A crash of the worker is an error for the batch in flight;
everything translated before it is already stored.

Two threads read the worker's pipes: one queues its stdout lines (so waiting
for "ready" can time out, and a killed worker wakes the waiting caller with
end-of-file), one keeps the last lines of its stderr for error messages.
"""

from __future__ import annotations

import contextlib
import json
import queue
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Sequence
from typing import IO, Any

from reader.i18n import _, decimal
from reader.translate.engine import EngineCancelled, TranslationEngineError
from reader.translate.models import InstalledModel, find_model

START_TIMEOUT = 120.0
"""Seconds the worker may take to load its model and say "ready" (a real model is slow)."""
WORKER_COMMAND: Sequence[str] = (sys.executable, "-m", "reader.translate.worker")
"""The worker, started with the package folder as its last argument (`command` overrides)."""
STDERR_SETTLE = 1.0
"""Seconds to wait for a worker's last stderr lines after it exited."""


class ArgosEngine:
    """argostranslate in a worker process; one request at a time.

    `cancel()` may be called from any thread while another waits in `start()`
    or `translate()`: it kills the worker, and the waiting call raises.
    """

    name = "argos"
    status = "machine"

    def __init__(
        self,
        model: InstalledModel | None = None,
        *,
        env: dict[str, str] | None = None,
        start_timeout: float = START_TIMEOUT,
        command: Sequence[str] | None = None,
    ):
        self.installed = model or find_model()
        self.model = self.installed.name
        self.start_timeout = start_timeout
        self._command = [
            *(WORKER_COMMAND if command is None else command),
            str(self.installed.path),
        ]
        self._env = env
        self._process: subprocess.Popen[str] | None = None
        self._stdout: queue.Queue[str | None] = queue.Queue()
        self._stderr: deque[str] = deque(maxlen=20)
        self._stderr_reader: threading.Thread | None = None
        self._lock = threading.Lock()
        """One request at a time."""
        self._state = threading.Lock()
        """Guards `_process` and `_cancelled` between a run and `cancel()`."""
        self._cancelled = False
        self._next_id = 0

    @property
    def pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None else None

    def start(self) -> None:
        """Start the worker and wait (at most `start_timeout` s) until its model is loaded.

        A worker that died is not restarted behind the caller's back: the run
        stops with its exit status, and the next run resumes from the cache.
        """
        with self._state:
            if self._cancelled:
                raise EngineCancelled()
            if self._process is not None:
                exited = self._process.poll()
                if exited is None:
                    return
            else:
                exited = None
                self._process = subprocess.Popen(
                    self._command,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    encoding="utf-8",
                    env=self._env,
                    bufsize=1,
                )
            process = self._process
        if exited is not None:
            raise self._stopped(exited)
        assert process.stdout is not None and process.stderr is not None
        self._stdout = queue.Queue()
        self._stderr.clear()
        threading.Thread(
            target=_queue_lines,
            args=(process.stdout, self._stdout),
            daemon=True,
            name="argos-stdout",
        ).start()
        self._stderr_reader = threading.Thread(
            target=self._drain, args=(process.stderr,), daemon=True, name="argos-stderr"
        )
        self._stderr_reader.start()
        try:
            ready = self._read(timeout=self.start_timeout)
        except queue.Empty:
            process.kill()
            process.wait()
            raise self._not_ready() from None
        if ready.get("event") != "ready":
            raise TranslationEngineError(
                _("translation worker failed: cannot load {path}: {reason}").format(
                    path=self.installed.path, reason=ready.get("message")
                )
            )

    def _not_ready(self) -> TranslationEngineError:
        """The error for a worker that never said "ready": the wait and its last words."""
        timeout = self.start_timeout
        seconds = f"{timeout:.0f}" if timeout == round(timeout) else decimal(timeout)
        tail = self._stderr_tail()
        if not tail:
            return TranslationEngineError(
                _("translation worker did not start within {seconds} s; it was stopped").format(
                    seconds=seconds
                )
            )
        message = _("translation worker did not start within {seconds} s; it was stopped: {stderr}")
        return TranslationEngineError(message.format(seconds=seconds, stderr=tail))

    def _stopped(self, code: int) -> TranslationEngineError:
        """The error for a worker that exited: its status and its last words on stderr."""
        if self._cancelled:
            return EngineCancelled()
        tail = self._stderr_tail()
        if not tail:
            return TranslationEngineError(
                _("translation worker stopped (exit status {code})").format(code=code)
            )
        return TranslationEngineError(
            _("translation worker stopped (exit status {code}): {stderr}").format(
                code=code, stderr=tail
            )
        )

    def _stderr_tail(self) -> str:
        """The worker's last three stderr lines, once it has exited and they are all read."""
        if self._stderr_reader is not None:
            self._stderr_reader.join(timeout=STDERR_SETTLE)
        return " | ".join(list(self._stderr)[-3:])

    def _drain(self, stream: IO[str]) -> None:
        with stream:
            for line in stream:
                self._stderr.append(line.rstrip())

    def _read(self, timeout: float | None = None) -> dict[str, Any]:
        """The worker's next message; `queue.Empty` after `timeout` seconds of silence."""
        line = self._stdout.get(timeout=timeout)
        if line is None:  # end of file: the worker exited (or was killed)
            assert self._process is not None
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

    def cancel(self) -> None:
        """Stop at once, from any thread: the worker is killed, the batch in flight dropped.

        The waiting `start()` or `translate()` raises `EngineCancelled`, and so
        does every later call; `close()` still tidies up.
        """
        with self._state:
            self._cancelled = True
            process = self._process
        if process is not None:
            process.kill()  # a no-op once the process has exited

    def close(self) -> None:
        with self._state:
            process, self._process = self._process, None
        if process is None:
            return
        try:
            if process.poll() is None and process.stdin is not None:
                process.stdin.write(json.dumps({"op": "quit"}) + "\n")
                process.stdin.flush()
            process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()
        if process.stdin is not None:
            with contextlib.suppress(OSError):  # the pipe broke with the worker: nothing to flush
                process.stdin.close()


def _queue_lines(stream: IO[str], lines: queue.Queue[str | None]) -> None:
    """Every line the worker writes, then `None` at end of file."""
    try:
        with stream:
            for line in stream:
                lines.put(line)
    finally:
        lines.put(None)
