"""Translating through LibreTranslate: a real server with the tiny model, from the CLI and
the reader; faults mid-run through a stand-in server (stopped, erroring), nothing lost."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.config import config_path
from reader.service import ReadingService
from reader.tui.app import make_app
from reader.tui.screens.reader import ReaderScreen
from tests.conftest import REPO, Invoke, assert_one_line_error
from tests.libretranslate_server import (
    RealServer,
    Reply,
    StandIn,
    english,
    libretranslate_command,
    serve,
    start_real_server,
)

SEED = REPO / "tests" / "fixtures" / "seeds" / "000_30c59ca8d7ef7bf9.txt"
SIZE = (140, 40)


@pytest.fixture(scope="session")
def lt_server(
    tmp_path_factory: pytest.TempPathFactory, tiny_model_file: Path
) -> Iterator[RealServer]:
    """A real LibreTranslate on 127.0.0.1 serving the tiny id→en model, for the session."""
    command = libretranslate_command()
    if command is None:
        pytest.skip(
            "LibreTranslate is not installed: run .ci/libretranslate (makes .venv-lt)"
            " or set DWIBAHASA_LT_COMMAND"
        )
    server = start_real_server(command, tmp_path_factory.mktemp("libretranslate"), tiny_model_file)
    yield server
    server.stop()


@pytest.fixture
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process may talk to 127.0.0.1 only: no request leaves the machine."""
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if host not in ("127.0.0.1", "::1", "localhost"):
            raise OSError(f"network access to {host} is blocked in Dwibahasa's tests")
        real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries wait milliseconds, not seconds, here."""
    from reader.translate import libretranslate

    monkeypatch.setattr(libretranslate, "BACKOFF", 0.01)


@pytest.fixture
def journal(service: ReadingService) -> ReadingService:
    service.import_file(SEED, slug="jurnal")
    return service


def _english(service: ReadingService) -> list[tuple[str | None, str | None, str | None]]:
    rows = service.rows(service.resolve("jurnal"))
    return [(row.english_status, row.english_engine, row.english_model) for row in rows]


def test_cli_translates_through_a_real_server_with_provenance_and_cache(
    journal: ReadingService, dwibahasa: Invoke, lt_server: RealServer, loopback_only: None
) -> None:
    host = lt_server.url.removeprefix("http://")
    code, out, err = dwibahasa(
        "translate", "jurnal", "--engine", "libretranslate", "--url", lt_server.url
    )
    assert code == 0, err
    assert f"translated (libretranslate id-en@{host})" in out
    machine = {row for row in _english(journal) if row[0] not in ("original", "reference")}
    assert machine == {("machine", "libretranslate", f"id-en@{host}")}

    code, out, err = dwibahasa("translate", "jurnal", "--url", lt_server.url)  # --url implies it
    assert code == 0 and "nothing to translate" in out, out + err
    # English from the server is not re-sent to the local engine (no model needed) ...
    code, out, err = dwibahasa("translate", "jurnal", "--engine", "argos")
    assert code == 0 and "nothing to translate" in out, out + err


def test_json_report_names_engine_and_model(
    journal: ReadingService, dwibahasa: Invoke, lt_server: RealServer, loopback_only: None
) -> None:
    import json

    code, out, err = dwibahasa("translate", "jurnal", "--json", "--url", lt_server.url)
    assert code == 0, err
    [report] = json.loads(out)
    assert report["engine"] == "libretranslate"
    assert report["model"] == "id-en@" + lt_server.url.removeprefix("http://")
    assert report["translated"] == report["needed"] > 0


async def test_reader_translates_through_the_configured_server(
    journal: ReadingService, lt_server: RealServer, loopback_only: None
) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'[translate]\nengine = "libretranslate"\nurl = "{lt_server.url}"\n', encoding="utf-8"
    )
    app = make_app(journal, document=journal.resolve("jurnal"), at=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("T")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert screen._translation is None
        assert all(row.english for row in screen.parallel.rows)
    machine = {engine for status, engine, _model in _english(journal) if status == "machine"}
    assert machine == {"libretranslate"}
    assert None not in {status for status, _e, _m in _english(journal)}


def test_no_server_named_is_one_line(journal: ReadingService, dwibahasa: Invoke) -> None:
    code, out, err = dwibahasa("translate", "jurnal", "--engine", "libretranslate")
    assert_one_line_error(code, out, err)
    assert "no LibreTranslate server named" in err and "DWIBAHASA_LT_URL" in err


def test_unreachable_server_is_one_line_and_writes_nothing(
    journal: ReadingService, dwibahasa: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.libretranslate_server import free_port

    monkeypatch.setenv("DWIBAHASA_LT_URL", f"http://127.0.0.1:{free_port()}")
    code, _out, err = dwibahasa("translate", "jurnal", "--engine", "libretranslate")
    assert "cannot reach LibreTranslate" in err and "connection refused" in err, err
    assert code == 1 and "Traceback" not in err
    assert "machine" not in {status for status, _e, _m in _english(journal)}


def _failing_after(requests: int, stand_in: StandIn, failure: Reply) -> None:
    def reply(payload: dict[str, Any]) -> Reply:
        if len(stand_in.requests) > requests:
            return failure
        return 200, {"translatedText": english(payload["q"])}, {}

    stand_in.translate = reply


def test_server_error_mid_run_keeps_finished_batches_and_resumes(
    journal: ReadingService, dwibahasa: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    for stand_in in serve(StandIn()):
        monkeypatch.setenv("DWIBAHASA_LT_URL", stand_in.url)
        monkeypatch.setenv("DWIBAHASA_LT_API_KEY", "top-secret")
        _failing_after(8, stand_in, (500, {"error": "Cannot translate text: out of memory"}, {}))
        code, out, err = dwibahasa("translate", "jurnal", "--engine", "libretranslate")
        assert code == 1
        assert "failed (HTTP 500): Cannot translate text: out of memory" in err
        assert "top-secret" not in out + err
        statuses = [status for status, _e, _m in _english(journal)]
        assert statuses.count("machine") > 0 and None in statuses

        stand_in.translate = None  # the server recovers: the run resumes where it stopped
        sent_before = len(stand_in.sentences())
        code, out, err = dwibahasa("translate", "jurnal", "--engine", "libretranslate")
        assert code == 0, err
        assert None not in {status for status, _e, _m in _english(journal)}
        resent = stand_in.sentences()[sent_before:]
        assert len(resent) < sent_before, "finished batches were not sent again"


def test_server_stopped_mid_run_keeps_finished_batches(
    journal: ReadingService, dwibahasa: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    for stand_in in serve(StandIn()):
        monkeypatch.setenv("DWIBAHASA_LT_URL", stand_in.url)

        def stop_after_some(payload: dict[str, Any], stand_in: StandIn = stand_in) -> Reply:
            if len(stand_in.requests) > 12:
                assert stand_in.server is not None
                stand_in.server.socket.close()  # nobody answers new connections any more
                raise ConnectionAbortedError("stopped")  # and this request gets no reply
            return 200, {"translatedText": english(payload["q"])}, {}

        stand_in.translate = stop_after_some
        code, _out, err = dwibahasa("translate", "jurnal", "--engine", "libretranslate")
        assert code == 1 and "Traceback" not in err
        assert err.splitlines()[-1].startswith("dwibahasa: error: cannot reach LibreTranslate")
        statuses = [status for status, _e, _m in _english(journal)]
        assert statuses.count("machine") > 0 and None in statuses
