"""The LibreTranslate client against a stand-in server: batching, faults, cancelling."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.errors import UserError
from reader.ingest.sentences import split_sentences
from reader.translate.engine import EngineCancelled
from reader.translate.libretranslate import (
    LibreTranslateEngine,
    LibreTranslateError,
    ServerAddress,
)
from tests.libretranslate_server import LANGUAGES, Reply, StandIn, english, free_port, serve

PARAGRAPHS = [
    "Saya makan nasi. Dia pergi ke pasar.",
    "Selamat pagi.",
    "Prof. Budi mengajar di Jakarta. Mahasiswa belajar keras! Apakah mereka lulus?",
]


@pytest.fixture
def stand_in() -> Iterator[StandIn]:
    yield from serve(StandIn())


def make(url: str, **options: Any) -> LibreTranslateEngine:
    options.setdefault("backoff", 0.01)
    options.setdefault("timeout", 5.0)
    return LibreTranslateEngine(url, split=split_sentences, **options)


def expected(paragraph: str) -> str:
    return " ".join(english(split_sentences(paragraph)))


def test_paragraphs_go_out_as_our_sentences_and_come_back_joined(stand_in: StandIn) -> None:
    engine = make(stand_in.url, sentences_per_request=2, concurrency=3)
    try:
        result = engine.translate(PARAGRAPHS)
    finally:
        engine.close()
    assert result == [expected(p) for p in PARAGRAPHS]
    sentences = [s for p in PARAGRAPHS for s in split_sentences(p)]
    assert sorted(stand_in.sentences()) == sorted(sentences)
    assert all(len(payload["q"]) <= 2 for payload in stand_in.requests)
    assert {(p["source"], p["target"], p["format"]) for p in stand_in.requests} == {
        ("id", "en", "text")
    }


@pytest.fixture(scope="module")
def shared() -> Iterator[StandIn]:
    yield from serve(StandIn())


@settings(max_examples=40)
@given(
    paragraphs=st.lists(st.text(max_size=40), max_size=6),
    per_request=st.integers(1, 4),
    chars=st.integers(1, 50),
)
def test_every_paragraph_gets_its_own_english_whatever_the_grouping(
    shared: StandIn, paragraphs: list[str], per_request: int, chars: int
) -> None:
    engine = make(shared.url, sentences_per_request=per_request, chars_per_request=chars)
    try:
        result = engine.translate(paragraphs)
    finally:
        engine.close()
    assert result == [
        " ".join(english(split_sentences(p) or ([p] if p else []))) for p in paragraphs
    ]


def test_the_model_names_the_pair_and_the_host() -> None:
    engine = make("http://lt.kampus.ac.id:5000/")
    assert engine.name == "libretranslate"
    assert engine.model == "id-en@lt.kampus.ac.id:5000"
    assert make("https://user:secret@lt.example.org/api").model == "id-en@lt.example.org"
    assert make("localhost:5000").address.display() == "http://localhost:5000"


@pytest.mark.parametrize("url", ["ftp://host", "http://", "", "http://host:notaport"])
def test_a_bad_address_is_a_user_error(url: str) -> None:
    with pytest.raises(UserError, match="not a LibreTranslate server address"):
        ServerAddress.parse(url)


def test_the_api_key_is_sent_in_the_body_and_never_shown(stand_in: StandIn) -> None:
    def refuse(payload: dict[str, Any]) -> Reply:
        return 403, {"error": "Invalid API key"}, {}

    engine = make(stand_in.url, api_key="s3cret-key")
    engine.translate(["Satu."])
    assert stand_in.requests[-1]["api_key"] == "s3cret-key"
    stand_in.translate = refuse
    with pytest.raises(LibreTranslateError) as caught:
        engine.translate(["Dua."])
    message = str(caught.value)
    assert "refused the API key" in message and "DWIBAHASA_LT_API_KEY" in message
    assert "s3cret-key" not in message + repr(engine)
    engine.close()


def test_unreachable_server_is_one_line() -> None:
    engine = make(f"http://127.0.0.1:{free_port()}", retries=1)
    with pytest.raises(LibreTranslateError, match=r"cannot reach LibreTranslate.*refused"):
        engine.translate(["Satu."])


@pytest.mark.parametrize(
    ("status", "languages", "message"),
    [
        (404, {"error": "Not Found"}, "is not a LibreTranslate server"),
        (200, b"<html>hello</html>", "is not a LibreTranslate server"),
        (200, {"languages": []}, "is not a LibreTranslate server"),
        (200, [{"code": "fr", "name": "French", "targets": ["en"]}], "does not offer"),
        (200, [{"code": "id", "name": "Indonesian", "targets": ["fr"]}], "does not offer"),
    ],
)
def test_a_server_that_is_not_libretranslate_or_lacks_id_en(
    status: int, languages: Any, message: str
) -> None:
    for stand_in in serve(StandIn(languages=languages, languages_status=status)):
        engine = make(stand_in.url)
        with pytest.raises(LibreTranslateError, match=message):
            engine.translate(["Satu."])
        assert stand_in.requests == []


def test_429_waits_as_told_then_goes_on(stand_in: StandIn) -> None:
    calls = {"n": 0}

    def limited(payload: dict[str, Any]) -> Reply:
        calls["n"] += 1
        if calls["n"] <= 3:
            return 429, {"error": "Too many requests"}, {"Retry-After": "0"}
        return 200, {"translatedText": english(payload["q"])}, {}

    stand_in.translate = limited
    engine = make(stand_in.url, concurrency=1)
    assert engine.translate(["Satu. Dua."]) == [expected("Satu. Dua.")]
    assert calls["n"] == 4


def test_endless_429_gives_up_with_one_line(stand_in: StandIn) -> None:
    stand_in.translate = lambda payload: (429, {"error": "Slowdown"}, {"Retry-After": "0"})
    engine = make(stand_in.url, rate_limit_tries=3)
    with pytest.raises(LibreTranslateError, match="too many requests \\(Slowdown\\)"):
        engine.translate(["Satu."])
    assert len(stand_in.requests) == 3


def test_a_request_too_large_is_split_and_retried(stand_in: StandIn) -> None:
    def batch_limit(payload: dict[str, Any]) -> Reply:
        texts = payload["q"]
        if len(texts) > 2:
            return (
                400,
                {"error": f"Invalid request: request ({len(texts)}) exceeds text limit (2)"},
                {},
            )
        return 200, {"translatedText": english(texts)}, {}

    stand_in.translate = batch_limit
    engine = make(stand_in.url, sentences_per_request=8, concurrency=1)
    assert engine.translate(PARAGRAPHS) == [expected(p) for p in PARAGRAPHS]


def test_a_single_sentence_too_long_is_an_error(stand_in: StandIn) -> None:
    stand_in.translate = lambda payload: (
        400,
        {"error": "Invalid request: request (900) exceeds text limit (100)"},
        {},
    )
    with pytest.raises(LibreTranslateError, match="refuses a sentence of 5 characters"):
        make(stand_in.url).translate(["Satu."])


def test_server_errors_are_retried_then_reported(stand_in: StandIn) -> None:
    calls = {"n": 0}

    def flaky(payload: dict[str, Any]) -> Reply:
        calls["n"] += 1
        if calls["n"] == 1:
            return 503, {"error": "busy"}, {}
        return 200, {"translatedText": english(payload["q"])}, {}

    stand_in.translate = flaky
    assert make(stand_in.url).translate(["Satu."]) == [expected("Satu.")]
    stand_in.translate = lambda payload: (500, {"error": "Cannot translate text: boom"}, {})
    with pytest.raises(LibreTranslateError, match=r"failed \(HTTP 500\): Cannot translate"):
        make(stand_in.url, retries=2).translate(["Satu."])


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        {"translatedText": "one string"},
        {"translatedText": ["too", "many"]},
        {"translatedText": [1]},
        {"nothing": True},
    ],
)
def test_malformed_replies_are_errors(stand_in: StandIn, body: Any) -> None:
    stand_in.translate = lambda payload: (200, body, {})
    with pytest.raises(LibreTranslateError, match="not a translation"):
        make(stand_in.url).translate(["Satu."])


def test_control_characters_from_the_server_never_reach_the_message(stand_in: StandIn) -> None:
    stand_in.translate = lambda payload: (500, {"error": "bad\x1b[31m red\nline"}, {})
    with pytest.raises(LibreTranslateError) as caught:
        make(stand_in.url, retries=0).translate(["Satu."])
    assert "\x1b" not in str(caught.value) and "\n" not in str(caught.value)


def test_cancel_stops_a_request_in_flight_at_once(stand_in: StandIn) -> None:
    release = threading.Event()

    def slow(payload: dict[str, Any]) -> Reply:
        release.wait(10)
        return 200, {"translatedText": english(payload["q"])}, {}

    stand_in.translate = slow
    engine = make(stand_in.url, timeout=30.0)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            engine.translate(["Satu. Dua. Tiga."])
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    while not stand_in.requests:
        time.sleep(0.01)
    started = time.monotonic()
    engine.cancel()
    thread.join(5)
    release.set()
    assert time.monotonic() - started < 2
    assert not thread.is_alive()
    assert len(errors) == 1 and isinstance(errors[0], EngineCancelled)
    with pytest.raises(EngineCancelled):
        engine.translate(["Empat."])
    engine.close()


def test_cancel_during_back_off_stops_at_once(stand_in: StandIn) -> None:
    stand_in.translate = lambda payload: (429, {"error": "wait"}, {"Retry-After": "20"})
    engine = make(stand_in.url, max_wait=20.0)
    threading.Timer(0.3, engine.cancel).start()
    started = time.monotonic()
    with pytest.raises(EngineCancelled):
        engine.translate(["Satu."])
    assert time.monotonic() - started < 3


def test_languages_are_checked_once(stand_in: StandIn) -> None:
    engine = make(stand_in.url)
    engine.translate(["Satu."])
    stand_in.languages = []  # a later change is not looked at again
    engine.translate(["Dua."])
    assert engine.languages == LANGUAGES


def test_ctrl_c_while_waiting_for_a_batch_stops_the_engine_at_once(
    stand_in: StandIn, service: Any
) -> None:
    """KeyboardInterrupt in the caller's thread: the request in flight is abandoned."""
    from reader.translation import translate_document

    release = threading.Event()

    def slow(payload: dict[str, Any]) -> Reply:
        release.wait(10)
        return 200, {"translatedText": english(payload["q"])}, {}

    stand_in.translate = slow
    service.import_file(
        Path(__file__).resolve().parents[1] / "fixtures" / "seeds" / "000_30c59ca8d7ef7bf9.txt",
        slug="jurnal",
    )
    document = service.resolve("jurnal")
    engine = make(stand_in.url, timeout=30.0)

    def interrupt(progress: Any) -> None:
        threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT)).start()  # Ctrl-C

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        translate_document(service.library, document, engine, on_progress=interrupt)
    release.set()
    assert time.monotonic() - started < 3
    engine.close()
