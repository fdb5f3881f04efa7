"""No escape sequence or control character from a user's data ever reaches the terminal.

Glossary terms (imported from CSV or JSON, or stored by an older version that
kept them raw), document slugs and titles, and file names are all text that
other people wrote. Every command and screen that shows them must paint them
as plain, inert text: nothing may retitle the terminal, clear it, ring it,
reverse its text, or be read as Rich markup.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import click
import pytest
from textual.widgets import DataTable, OptionList

from glossary.termbase import FIELDS
from reader.service import ReadingService
from reader.tui.app import make_app
from reader.tui.screens.glossary import GlossaryScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.reader import ReaderScreen
from reader.tui.screens.terms import TermScreen
from reader.tui.widgets.bars import TitleBar
from tests.conftest import Invoke

# Stated here on its own, not imported from the code under test.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

# Each goes at the end of a text: 0x9B followed by a letter is an 8-bit CSI taking the letter.
EVIL = {
    "osc-title": "\x1b]0;pwned\x07",
    "clear-screen": "\x1b[2J",
    "bell": "\x07",
    "c1-csi": "\x9b",
    "bidi-override": "\u202e",
    "nul": "\x00",
}
ALL_EVIL = "".join(EVIL.values())
MARKUP = "[b]tebal[/b] [@click=app.quit]keluar[/]"


# The styles our own commands print (click.style bold, dim, and the reset after them).
OWN_STYLES = re.compile(r"\x1b\[[012]m")


@pytest.fixture(autouse=True)
def as_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every escape in the output, as click does on a terminal.

    Writing to a pipe (as under capture), click strips CSI sequences itself,
    which would hide a `\\x1b[2J` that a terminal receives.
    """
    monkeypatch.setattr(click.utils, "should_strip_ansi", lambda *args: False)


def assert_inert(*outputs: str) -> None:
    """No control character (but newline and tab) and no escape in any output."""
    for output in outputs:
        found = UNSAFE.search(OWN_STYLES.sub("", output))
        assert found is None, f"{found.group()!r} reached the terminal in {output!r}"


def term_row(evil: str) -> dict[str, str]:
    row = dict.fromkeys(FIELDS, "")
    row.update(
        id="racun-uji",
        id_term=f"istilah racun{evil}",
        en=f"poison term{evil}",
        domain="acronyms",
        id_variants=f"racun lain{evil}",
        definition_id=f"Definisi {MARKUP}{evil}",
        definition_en=f"Definition.{evil}",
        notes=f"{evil}",
    )
    return row


def glossary_file(folder: Path, evil: str, format: str) -> Path:
    """A one-term glossary whose every text ends in `evil`; its name holds `evil` too."""
    in_name = evil.replace("\x00", "")  # a file name cannot hold NUL
    path = folder / f"racun{in_name}.{format}"
    row = term_row(evil)
    if format == "csv":
        buffer = io.StringIO(newline="")
        writer = csv.DictWriter(buffer, FIELDS)
        writer.writeheader()
        writer.writerow(row)
        path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    else:
        term: dict[str, Any] = dict(row)
        for name in ("id_variants", "en_variants", "related"):
            term[name] = [row[name]] if row[name] else []
        document = {"format": "dwibahasa-glossary", "version": 1, "terms": [term]}
        path.write_text(json.dumps(document), encoding="utf-8")
    return path


# --- the CLI -------------------------------------------------------------------------------


@pytest.mark.parametrize("format", ["csv", "json"])
@pytest.mark.parametrize("evil", list(EVIL.values()), ids=list(EVIL))
def test_imported_terms_and_their_file_name_print_inert(
    dwibahasa: Invoke, tmp_path: Path, evil: str, format: str
) -> None:
    path = glossary_file(tmp_path, evil, format)
    code, out, err = dwibahasa("glossary", "import", str(path))
    assert code == 0, err
    assert_inert(out, err)
    assert "1 term (1 new, 0 updated)" in out
    assert re.search(r"; removed (\d+ terminal escape sequences?|\d+ control characters?)", out)

    for command in (
        ("glossary", "list"),
        ("glossary", "list", "--json"),
        ("glossary", "show", "racun-uji"),
        ("glossary", "show", "racun-uji", "--json"),
    ):
        code, out, err = dwibahasa(*command)
        assert code == 0, (command, err)
        assert_inert(out, err)
        assert "istilah racun" in out
    code, out, _ = dwibahasa("glossary", "show", "racun-uji")
    assert MARKUP in out  # shown as written, nothing interpreted

    text = tmp_path / "teks.txt"
    text.write_text("Ada istilah racun di sini.\n", encoding="utf-8")
    code, out, err = dwibahasa("glossary", "match", str(text))
    assert code == 0 and "istilah racun" in out
    assert_inert(out, err)


@pytest.mark.parametrize("format", ["csv", "json", "tbx"])
@pytest.mark.parametrize("evil", list(EVIL.values()), ids=list(EVIL))
def test_exports_of_imported_terms_are_inert_and_csv_json_round_trip_the_cleaned_values(
    dwibahasa: Invoke, tmp_path: Path, evil: str, format: str
) -> None:
    assert dwibahasa("glossary", "import", str(glossary_file(tmp_path, evil, "json")))[0] == 0
    before = json.loads(dwibahasa("glossary", "list", "--json")[1])
    mine = next(term for term in before if term["id"] == "racun-uji")
    assert (mine["id_term"], mine["en"], mine["id_variants"], mine["notes"]) == (
        "istilah racun",
        "poison term",
        ["racun lain"],
        "",
    )

    code, out, err = dwibahasa("glossary", "export", "--format", format)
    assert code == 0, err
    assert_inert(out.replace("\r\n", "\n"), err)  # CSV rows end in CRLF, as RFC 4180 has it
    if format == "tbx":
        assert "istilah racun" in out
        return
    exported = tmp_path / f"ekspor.{format}"
    exported.write_text(out, encoding="utf-8", newline="")
    code, out, err = dwibahasa("glossary", "import", str(exported))
    assert code == 0, err
    assert "0 new, 0 updated" in out and "removed" not in out
    assert json.loads(dwibahasa("glossary", "list", "--json")[1]) == before


@pytest.mark.parametrize("evil", list(EVIL.values()), ids=list(EVIL))
def test_document_slug_title_and_file_name_print_inert(
    dwibahasa: Invoke, tmp_path: Path, evil: str
) -> None:
    in_name = evil.replace("\x00", "")
    source = tmp_path / f"dokumen{in_name}.txt"
    source.write_text(
        "Diplomasi pertahanan adalah alat kebijakan luar negeri.\n\n"
        "Paragraf kedua tentang keamanan nasional.\n",
        encoding="utf-8",
    )
    code, out, err = dwibahasa("import", str(source), "--slug", f"racun{evil}")
    assert code == 1 and "is not a short name" in err  # a slug is a short name, nothing else
    assert_inert(out, err)
    slug = "racun"
    code, out, err = dwibahasa(
        "import", str(source), "--slug", slug, "--title", f"Judul {MARKUP}{evil}"
    )
    assert code == 0, err
    assert_inert(out, err)
    assert "imported 'racun" in out

    for command in (
        ("list",),
        ("list", "--json"),
        ("show", slug),
        ("show", slug, "--json"),
        ("search", "kedua"),
        ("glossary", "check", slug),
        ("glossary", "show", "diplomasi-pertahanan"),
    ):
        code, out, err = dwibahasa(*command)
        assert code == 0, (command, err)
        assert_inert(out, err)
    code, out, _ = dwibahasa("list")
    assert f"racun  Judul {MARKUP}" in out
    listed = json.loads(dwibahasa("list", "--json")[1])
    assert slug in [document["slug"] for document in listed]  # scripts get the exact value

    code, out, err = dwibahasa("import", str(source), "--dry-run", "--title", f"T{evil}")
    assert code == 0, err
    assert_inert(out, err)


def test_a_file_name_with_an_undecodable_byte_prints_as_a_replacement_character(
    dwibahasa: Invoke, tmp_path: Path
) -> None:
    # How Python hands over the byte 0x9B (an 8-bit CSI) of a file name: a lone surrogate.
    path = glossary_file(tmp_path, "", "csv")
    strange = path.with_name("racun\udc9b.csv")
    try:
        path.rename(strange)
    except (UnicodeEncodeError, OSError):
        pytest.skip("the file system refuses the name")
    code, out, err = dwibahasa("glossary", "import", str(strange))
    assert code == 0, err
    assert_inert(out, err)
    assert "racun\ufffd.csv: 1 term" in out
    code, out, err = dwibahasa("glossary", "import", str(strange.with_name("tiada\udc9b.csv")))
    assert code == 1
    assert_inert(out, err)


# --- the terminal UI -----------------------------------------------------------------------

SIZE = (160, 50)
EVIL_TERM = f"istilah [b]racun[/b]{ALL_EVIL}"
EVIL_TITLE = f"Judul [b]tebal[/b] [@click=app.quit]x[/]{ALL_EVIL}"


@pytest.fixture
def poisoned(service: ReadingService, tmp_path: Path) -> ReadingService:
    """A library whose term and document carry escapes, as an older version stored them."""
    glossary = service.glossary
    term = glossary.termbase().get("diplomasi-pertahanan")
    assert term is not None
    data = {
        **term.to_dict(),
        "id_term": EVIL_TERM,
        "en": f"defence [i]diplomacy[/i]{ALL_EVIL}",
        "definition_id": f"Definisi{ALL_EVIL}",
        "notes": f"\x1b]0;pwned\x07{MARKUP}",
    }
    source = tmp_path / "racun.txt"
    source.write_text(
        "Diplomasi pertahanan adalah alat kebijakan luar negeri.\n\n"
        "Paragraf kedua tentang diplomasi pertahanan.\n",
        encoding="utf-8",
    )
    service.import_file(source, slug="racun")
    with service.library.transaction() as db:  # raw, as an older version wrote them
        db.execute(
            "UPDATE glossary_terms SET data = ? WHERE id = ?",
            [json.dumps(data, ensure_ascii=False), term.id],
        )
        db.execute("UPDATE glossary_state SET value = value + 1 WHERE key = 'version'")
        db.execute(
            "UPDATE documents SET title = ?, slug = ?, authors = ? WHERE slug = 'racun'",
            [EVIL_TITLE, f"racun{ALL_EVIL}", json.dumps([f"Penulis{ALL_EVIL}"])],
        )
    return service


def painted(app: Any) -> str:
    """The screen as painted (an SVG screenshot: every character that reached it)."""
    return str(app.export_screenshot())


def assert_screen_inert(app: Any) -> str:
    screen = painted(app)
    assert_inert(screen)
    return screen


async def test_glossary_screen_and_term_panel_paint_stored_terms_inert(
    poisoned: ReadingService,
) -> None:
    app = make_app(poisoned)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        table = screen.query_one(DataTable)
        row = table.get_row("diplomasi-pertahanan")
        assert str(row[0]) == "istilah [b]racun[/b]"  # literal, not bold
        assert str(row[1]) == "defence [i]diplomacy[/i]"
        table.move_cursor(row=table.get_row_index("diplomasi-pertahanan"))
        await pilot.pause()
        detail = str(screen.query_one("#glossary-detail").render())
        assert "istilah [b]racun[/b]" in detail and MARKUP in detail
        assert_inert(detail)
        shown = assert_screen_inert(app)
        assert "[b]racun[/b]" in shown

        await pilot.press("enter")
        await pilot.pause()
        panel = app.screen
        assert isinstance(panel, TermScreen)
        terms = panel.query_one("#term-list", OptionList)
        assert "[b]racun[/b]" in str(terms.get_option_at_index(0).prompt)
        occurrences = panel.query_one("#occurrences", OptionList)
        labels = [
            str(occurrences.get_option_at_index(i).prompt) for i in range(occurrences.option_count)
        ]
        assert any(label.startswith("racun ¶") for label in labels)
        assert_inert(*labels)
        assert_screen_inert(app)
        await pilot.press("escape")


async def test_library_table_and_title_bar_paint_stored_titles_inert(
    poisoned: ReadingService,
) -> None:
    app = make_app(poisoned)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        table = screen.query_one(DataTable)
        index = next(
            i for i, summary in enumerate(screen._summaries) if summary.document.title == EVIL_TITLE
        )
        cells = [str(cell) for cell in table.get_row_at(index)]
        assert cells[0] == "Judul [b]tebal[/b] [@click=app.quit]x[/]"
        assert cells[-1] == "racun"
        table.move_cursor(row=index)
        await pilot.pause()
        assert "Penulis" in str(screen.query_one("#details").render())
        assert_screen_inert(app)

        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        title = str(reader.query_one(TitleBar).render())
        assert title.startswith("Judul [b]tebal[/b] [@click=app.quit]x[/]")
        assert_inert(title)
        assert "[b]tebal[/b]" in assert_screen_inert(app)

        bar = reader.query_one(TitleBar)  # given raw text, the bar cleans it itself
        bar.show_document(EVIL_TITLE, f"Penulis{ALL_EVIL}")
        await pilot.pause()
        title = str(bar.render())
        assert title.startswith("Judul [b]tebal[/b]") and "Penulis" in title
        assert_inert(title)
        assert_screen_inert(app)
