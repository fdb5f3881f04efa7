"""`dwibahasa export`: aligned paragraphs as TMX 1.4b (read back by translate-toolkit),
TSV and DOCX, each pair with where its English came from; and from the reader's palette."""

from __future__ import annotations

import csv
import datetime
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.export_pairs import ExportPair, pairs_of, to_tmx, to_tsv
from reader.library import DocumentRecord
from reader.service import ReadingService
from reader.tui.app import make_app
from reader.tui.screens.export_dialog import ExportScreen
from tests.conftest import Invoke, assert_one_line_error

THESIS = "aliansi-strategis-korea-as"
NOW = datetime.datetime(2026, 11, 22, 8, 30, tzinfo=datetime.UTC)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _with_reviewed_and_machine(service: ReadingService) -> DocumentRecord:
    """The thesis with ¶3 reviewed by a person (the rest is reference English)."""
    document = service.resolve(THESIS)
    service.review_english(document, 3, "A person's reviewed English.")
    return document


def test_tmx_is_read_back_by_translate_toolkit(
    dwibahasa: Invoke, service: ReadingService, tmp_path: Path
) -> None:
    tmx = pytest.importorskip("translate.storage.tmx")
    _with_reviewed_and_machine(service)
    output = tmp_path / "bab4.tmx"
    code, _, err = dwibahasa("export", THESIS, "-o", str(output))
    assert code == 0, err
    assert "wrote 40 paragraph pairs" in err
    store = tmx.tmxfile.parsestring(output.read_bytes())
    assert len(store.units) == 40
    assert store.getsourcelanguage() == "id"
    third = store.units[2]
    assert third.getid() == f"{THESIS}-3"
    assert third.target == "A person's reviewed English."
    rows = service.rows(service.resolve(THESIS), 3, 3)
    assert third.source == rows[0].text


def test_tmx_has_the_14b_structure_and_the_source_of_each_english(
    service: ReadingService,
) -> None:
    document = _with_reviewed_and_machine(service)
    data = to_tmx(document, pairs_of(service.rows(document, 1, 5)), now=NOW)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM')
    root = ET.fromstring(data)
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header, body = list(root)
    for attribute in (
        "creationtool",
        "creationtoolversion",
        "segtype",
        "o-tmf",
        "adminlang",
        "srclang",
        "datatype",
    ):
        assert header.get(attribute), attribute
    assert header.get("srclang") == "id" and header.get("creationdate") == "20261122T083000Z"
    units = list(body)
    sources = []
    for unit in units:
        assert unit.tag == "tu"
        children = [child.tag for child in unit]
        assert children == sorted(children, key=lambda tag: tag == "tuv")  # props, then tuvs
        assert [tuv.get(XML_LANG) for tuv in unit.findall("tuv")] == ["id", "en"]
        sources.append(unit.find("prop[@type='x-dwibahasa-source']").text)  # type: ignore[union-attr]
    assert sources == ["reference", "reference", "reviewed", "reference", "reference"]


@given(st.text(max_size=60))
def test_tmx_escapes_any_text_and_stays_well_formed(text: str) -> None:
    document = DocumentRecord(1, "uji", "T", [], None, None, "id", "", "imported", None, {})
    pair = ExportPair(1, "paragraph", "Satu " + text, text + " one", "machine", "argos", "m")
    root = ET.fromstring(to_tmx(document, [pair], now=NOW))
    assert root.find("body/tu/tuv/seg") is not None


def test_tsv_has_one_line_per_pair_and_guards_formulas() -> None:
    pairs = [
        ExportPair(1, "paragraph", '=HYPERLINK("x")', "One\tline", "reviewed", "human", ""),
        ExportPair(2, "heading", "BAB II", "+CHAPTER II", "machine", "argos", "id_en 1.9"),
    ]
    rows = list(csv.reader(io.StringIO(to_tsv(pairs).decode("utf-8")), delimiter="\t"))
    assert rows[0] == ["seq", "kind", "source", "engine", "model", "id", "en"]
    assert rows[1][5].startswith("'=") and rows[2][6].startswith("'+")
    assert rows[2][2] == "machine" and len(rows) == 3


def test_docx_is_a_table_with_the_source_column(dwibahasa: Invoke, tmp_path: Path) -> None:
    output = tmp_path / "bab4.docx"
    code, _, err = dwibahasa("export", THESIS, "--range", "1-4", "-o", str(output))
    assert code == 0, err
    table = docx.Document(str(output)).tables[0]
    assert len(table.rows) == 5 and len(table.columns) == 4
    assert table.rows[1].cells[3].text == "reference"


def test_source_filter_and_stdout(dwibahasa: Invoke, service: ReadingService) -> None:
    _with_reviewed_and_machine(service)
    code, out, _ = dwibahasa("export", THESIS, "--format", "tsv", "--source", "reviewed")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2 and lines[1].startswith("3\tparagraph\treviewed")


def test_paragraphs_without_english_are_left_out(
    dwibahasa: Invoke, service: ReadingService, tmp_path: Path
) -> None:
    from tests.conftest import write_document

    service.import_file(write_document(tmp_path, "kosong", ["Satu.", "Dua."]))
    code, out, _ = dwibahasa("export", "kosong", "--format", "tsv")
    assert code == 0 and out.splitlines() == ["seq\tkind\tsource\tengine\tmodel\tid\ten"]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--format", "docx"], "-o FILE.docx"),
        (["-o", "hasil.pdf"], "say the format"),
        (["--range", "90-99", "--format", "tsv"], "range"),
    ],
)
def test_export_refusals_are_one_line(
    dwibahasa: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], needle: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = dwibahasa("export", THESIS, *args)
    assert_one_line_error(code, out, err)
    assert needle in err


def test_existing_output_needs_force(dwibahasa: Invoke, tmp_path: Path) -> None:
    output = tmp_path / "a.tmx"
    output.write_text("keep", encoding="utf-8")
    code, out, err = dwibahasa("export", THESIS, "-o", str(output))
    assert_one_line_error(code, out, err)
    assert output.read_text(encoding="utf-8") == "keep"
    assert dwibahasa("export", THESIS, "-o", str(output), "--force")[0] == 0


async def test_reader_palette_exports_the_document(
    service: ReadingService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(service, document=service.resolve(THESIS))
    async with app.run_test(size=(120, 36)) as pilot:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Export aligned text" in titles
        command = next(
            c for c in app.get_system_commands(app.screen) if c.title == "Export aligned text"
        )
        command.callback()
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.click("#confirm")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    assert (tmp_path / f"{THESIS}.tmx").read_bytes().startswith(b"<?xml")
