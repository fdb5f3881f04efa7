"""The LibreTranslate engine: a shared server holds the model, Dwibahasa sends it sentences.

One server (or several behind a load balancer) serves a whole class, so no
reader needs argostranslate or a model of their own. Sentence splitting stays
ours, as in the local worker: each paragraph is cut with Dwibahasa's
Indonesian splitter, the sentences of a batch go out as `q` lists of a few
sentences each on a few connections at once, and the English comes back
joined per paragraph, so both engines see the same sentences.

Only the standard library speaks HTTP here (`http.client`, the layer under
urllib, so that `cancel()` can shut the sockets of requests in flight). A
request is idempotent, so a timeout, a dropped connection or a 5xx is retried
a few times with back-off; HTTP 429 waits as long as the server's
`Retry-After` asks (or backs off); a batch the server finds too large is
split in halves and retried. The API key goes in the request body and is
never printed, logged or stored.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from reader.errors import UserError
from reader.i18n import _
from reader.safe_text import display_text
from reader.translate.engine import EngineCancelled, TranslationEngineError

URL_ENV = "DWIBAHASA_LT_URL"
API_KEY_ENV = "DWIBAHASA_LT_API_KEY"
SOURCE, TARGET = "id", "en"
TIMEOUT = 60.0
"""Seconds one request may take (connecting, or waiting for the English)."""
CONCURRENCY = 3
"""Requests in flight at once, per reader."""
SENTENCES_PER_REQUEST = 8
CHARS_PER_REQUEST = 4000
BATCH_PARAGRAPHS = 12
"""Paragraphs per stored batch: enough sentences to keep `CONCURRENCY` requests busy."""
RETRIES = 3
"""Extra tries for a request that timed out, lost its connection or met a 5xx."""
RATE_LIMIT_TRIES = 8
"""Tries for a request the server answers with 429 (too many requests)."""
BACKOFF = 1.0
"""First wait before a retry, doubled each time, at most `MAX_WAIT` seconds."""
MAX_WAIT = 30.0
MESSAGE_LIMIT = 200


class LibreTranslateError(TranslationEngineError):
    """The server cannot translate for us; the message is one line for the user."""


class _TooLarge(Exception):
    """The server's limit on one request (texts or characters) was exceeded."""


@dataclass(frozen=True)
class ServerAddress:
    """Where the server is: `http://host:port/prefix`, with any user:password removed."""

    scheme: str
    host: str
    port: int | None
    path: str

    @property
    def netloc(self) -> str:
        """`host:port` as given: the part of the URL provenance keeps."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}" if self.port else host

    def display(self) -> str:
        return f"{self.scheme}://{self.netloc}{self.path}"

    @classmethod
    def parse(cls, url: str) -> ServerAddress:
        text = url.strip()
        if "://" not in text:
            text = "http://" + text
        try:
            parts = urlsplit(text)
            port = parts.port
        except ValueError:
            parts, port = None, None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise UserError(
                _("not a LibreTranslate server address: {url} (use http://host:port)").format(
                    url=display_text(url)
                )
            )
        return cls(parts.scheme, parts.hostname, port, parts.path.rstrip("/"))


class LibreTranslateEngine:
    """Indonesian→English through a LibreTranslate server; thread-safe, cancellable.

    Nothing is sent until the first batch; then `/languages` is checked once
    (a LibreTranslate server that offers id→en) and every batch is cut into
    requests sent `concurrency` at a time.
    """

    name = "libretranslate"
    status = "machine"
    batch_paragraphs = BATCH_PARAGRAPHS

    def __init__(
        self,
        url: str,
        *,
        split: Callable[[str], list[str]],
        api_key: str | None = None,
        timeout: float = TIMEOUT,
        concurrency: int = CONCURRENCY,
        sentences_per_request: int = SENTENCES_PER_REQUEST,
        chars_per_request: int = CHARS_PER_REQUEST,
        retries: int = RETRIES,
        rate_limit_tries: int = RATE_LIMIT_TRIES,
        backoff: float | None = None,
        max_wait: float = MAX_WAIT,
    ) -> None:
        self.address = ServerAddress.parse(url)
        self._split = split
        """Dwibahasa's sentence splitter (the worker's), given by the caller's layer."""
        self.model = f"{SOURCE}-{TARGET}@{self.address.netloc}"
        """The cache key and provenance: the language pair the server offers, and its host."""
        self._api_key = api_key or None
        self.timeout = timeout
        self.concurrency = max(1, concurrency)
        self.sentences_per_request = max(1, sentences_per_request)
        self.chars_per_request = max(1, chars_per_request)
        self.retries = retries
        self.rate_limit_tries = rate_limit_tries
        self.backoff = BACKOFF if backoff is None else backoff
        self.max_wait = max_wait
        self.languages: list[dict[str, Any]] | None = None
        """The server's `/languages`, once checked."""
        self._cancelled = threading.Event()
        self._lock = threading.Lock()
        self._connections: set[http.client.HTTPConnection] = set()
        self._local = threading.local()
        self._pool: ThreadPoolExecutor | None = None

    def __repr__(self) -> str:  # never the API key
        return f"LibreTranslateEngine({self.address.display()!r})"

    # The Engine interface ------------------------------------------------------

    def translate(self, texts: Sequence[str]) -> list[str | None]:
        self._check_cancelled()
        self.start()
        owners: list[int] = []
        sentences: list[str] = []
        for index, paragraph in enumerate(texts):
            for sentence in self._split(paragraph) or ([paragraph] if paragraph else []):
                owners.append(index)
                sentences.append(sentence)
        english = self._translate_sentences(sentences)
        joined: list[list[str]] = [[] for _ in texts]
        for owner, text in zip(owners, english, strict=True):
            joined[owner].append(text)
        return [" ".join(parts) for parts in joined]

    def cancel(self) -> None:
        """Stop at once, from any thread: requests in flight lose their sockets."""
        self._cancelled.set()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            _shut(connection)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
            connections = list(self._connections)
        for connection in connections:
            _shut(connection)
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    # The server ----------------------------------------------------------------

    def start(self) -> None:
        """Check once that the server is LibreTranslate and offers id→en."""
        if self.languages is not None:
            return
        status, body = self._send_with_retries("GET", "/languages", None)
        where = self.address.display()
        if status != 200:
            raise LibreTranslateError(
                _("{url} is not a LibreTranslate server (GET /languages: HTTP {status})").format(
                    url=where, status=status
                )
            )
        languages = _json(body)
        if not isinstance(languages, list) or not all(
            isinstance(item, dict) and isinstance(item.get("code"), str) for item in languages
        ):
            raise LibreTranslateError(
                _(
                    "{url} is not a LibreTranslate server (its /languages is not a language list)"
                ).format(url=where)
            )
        source = next((item for item in languages if item["code"] == SOURCE), None)
        targets = source.get("targets") if source is not None else None
        if not isinstance(targets, list) or TARGET not in targets:
            offered = ", ".join(display_text(str(item["code"])) for item in languages[:20])
            raise LibreTranslateError(
                _(
                    "LibreTranslate at {url} does not offer Indonesian→English"
                    " (its languages: {languages}); install translate-id_en on the server"
                ).format(url=where, languages=offered or "-")
            )
        self.languages = languages

    def _translate_sentences(self, sentences: list[str]) -> list[str]:
        requests = self._requests(sentences)
        if not requests:
            return []
        if len(requests) == 1:
            return self._translate_request(requests[0])
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(
                    max_workers=self.concurrency, thread_name_prefix="libretranslate"
                )
            pool = self._pool
        futures: list[Future[list[str]]] = [
            pool.submit(self._translate_request, request) for request in requests
        ]
        done, pending = wait(futures, return_when=FIRST_EXCEPTION)
        for future in done:
            error = future.exception()
            if error is not None:  # the others of this batch are not wanted
                for other in pending:
                    other.cancel()
                raise error
        english = [text for future in futures for text in future.result()]
        self._check_cancelled()
        return english

    def _requests(self, sentences: list[str]) -> list[list[str]]:
        """Sentences grouped into requests of at most so many sentences and characters."""
        requests: list[list[str]] = []
        current: list[str] = []
        size = 0
        for sentence in sentences:
            if current and (
                len(current) >= self.sentences_per_request
                or size + len(sentence) > self.chars_per_request
            ):
                requests.append(current)
                current, size = [], 0
            current.append(sentence)
            size += len(sentence)
        if current:
            requests.append(current)
        return requests

    def _translate_request(self, sentences: list[str]) -> list[str]:
        """One `q` list, split in halves while the server finds it too large."""
        self._check_cancelled()
        payload: dict[str, Any] = {"q": sentences, "source": SOURCE, "target": TARGET}
        payload["format"] = "text"
        if self._api_key:
            payload["api_key"] = self._api_key
        try:
            status, body = self._send_with_retries("POST", "/translate", payload)
            return self._english(status, body, len(sentences))
        except _TooLarge:
            if len(sentences) == 1:
                raise LibreTranslateError(
                    _(
                        "LibreTranslate at {url} refuses a sentence of {count} characters"
                        " as too long (its --char-limit)"
                    ).format(url=self.address.display(), count=len(sentences[0]))
                ) from None
            half = len(sentences) // 2
            return self._translate_request(sentences[:half]) + self._translate_request(
                sentences[half:]
            )

    def _english(self, status: int, body: bytes, count: int) -> list[str]:
        where = self.address.display()
        reply = _json(body)
        message = _error_message(reply)
        if status == 200:
            texts = reply.get("translatedText") if isinstance(reply, dict) else None
            if (
                not isinstance(texts, list)
                or len(texts) != count
                or not all(isinstance(text, str) for text in texts)
            ):
                raise LibreTranslateError(
                    _("LibreTranslate at {url} sent a reply that is not a translation").format(
                        url=where
                    )
                )
            return [str(text) for text in texts]
        if status == 413 or (status == 400 and "exceeds" in message.lower()):
            raise _TooLarge()
        if status in (401, 403) or (status == 400 and "api key" in message.lower()):
            raise LibreTranslateError(
                _(
                    "LibreTranslate at {url} refused the API key ({message}); check {variable}"
                ).format(url=where, message=message or status, variable=API_KEY_ENV)
            )
        if status == 404:
            raise LibreTranslateError(
                _("{url} is not a LibreTranslate server (POST /translate: HTTP {status})").format(
                    url=where, status=status
                )
            )
        if status == 429:
            raise LibreTranslateError(
                _("LibreTranslate at {url} kept refusing: too many requests ({message})").format(
                    url=where, message=message or status
                )
            )
        raise LibreTranslateError(
            _("LibreTranslate at {url} failed (HTTP {status}): {message}").format(
                url=where, status=status, message=message or "-"
            )
        )

    # HTTP ----------------------------------------------------------------------

    def _send_with_retries(
        self, method: str, path: str, payload: dict[str, Any] | None
    ) -> tuple[int, bytes]:
        """Status and body; retried on network errors, 5xx (a few times) and 429 (longer)."""
        failures = 0
        limited = 0
        while True:
            self._check_cancelled()
            try:
                status, body, retry_after = self._send(method, path, payload)
            except (OSError, http.client.HTTPException) as error:
                self._check_cancelled()
                failures += 1
                if failures > self.retries:
                    raise LibreTranslateError(
                        _("cannot reach LibreTranslate at {url}: {reason}").format(
                            url=self.address.display(), reason=_reason(error)
                        )
                    ) from None
                self._pause(self._backoff(failures))
                continue
            if status == 429:
                limited += 1
                if limited >= self.rate_limit_tries:
                    return status, body
                self._pause(retry_after if retry_after is not None else self._backoff(limited))
                continue
            if status in (500, 502, 503, 504):
                failures += 1
                if failures > self.retries:
                    return status, body
                self._pause(retry_after if retry_after is not None else self._backoff(failures))
                continue
            return status, body

    def _backoff(self, attempt: int) -> float:
        return float(min(self.max_wait, self.backoff * 2 ** (attempt - 1)))

    def _pause(self, seconds: float) -> None:
        if self._cancelled.wait(min(max(seconds, 0.0), self.max_wait)):
            raise EngineCancelled()

    def _send(
        self, method: str, path: str, payload: dict[str, Any] | None
    ) -> tuple[int, bytes, float | None]:
        connection = self._connection()
        body = None if payload is None else json.dumps(payload, ensure_ascii=False).encode()
        headers = {"Accept": "application/json", "User-Agent": "dwibahasa"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        try:
            connection.request(method, self.address.path + path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        except BaseException:
            self._drop(connection)
            raise
        if response.will_close:
            self._drop(connection)
        return response.status, data, _retry_after(response.getheader("Retry-After"))

    def _connection(self) -> http.client.HTTPConnection:
        """This thread's connection to the server (kept alive between requests)."""
        connection: http.client.HTTPConnection | None = getattr(self._local, "connection", None)
        if connection is not None:
            return connection
        factory: Callable[..., http.client.HTTPConnection] = (
            http.client.HTTPSConnection
            if self.address.scheme == "https"
            else http.client.HTTPConnection
        )
        connection = factory(self.address.host, self.address.port, timeout=self.timeout)
        with self._lock:
            self._connections.add(connection)
        self._local.connection = connection
        if self._cancelled.is_set():
            _shut(connection)
        return connection

    def _drop(self, connection: http.client.HTTPConnection) -> None:
        self._local.connection = None
        with self._lock:
            self._connections.discard(connection)
        connection.close()

    def _check_cancelled(self) -> None:
        if self._cancelled.is_set():
            raise EngineCancelled()


def _shut(connection: http.client.HTTPConnection) -> None:
    """Wake a thread blocked on this connection: its read fails at once."""
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _json(body: bytes) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def _error_message(reply: Any) -> str:
    """The server's `{"error": ...}` as one short, printable line."""
    if not isinstance(reply, dict) or not isinstance(reply.get("error"), str):
        return ""
    text = " ".join(display_text(reply["error"]).split())
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"


def _retry_after(value: str | None) -> float | None:
    """`Retry-After` in seconds (an HTTP date counts as unknown)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _reason(error: BaseException) -> str:
    if isinstance(error, ConnectionRefusedError):
        return _("connection refused")
    if isinstance(error, socket.gaierror):
        return _("unknown host")
    if isinstance(error, TimeoutError | socket.timeout):
        return _("no answer (timed out)")
    text = " ".join(display_text(str(error)).split()) or type(error).__name__
    return text[:MESSAGE_LIMIT]
