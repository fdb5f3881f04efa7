"""`dwibahasa import` on real-world files: every format, and every kind of bad input."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import REPO, Invoke, assert_one_line_error

SEEDS = REPO / "tests" / "fixtures" / "seeds"
PARAGRAPHS = [
    "Diplomasi pertahanan adalah alat kebijakan luar negeri. Ia membangun kepercayaan.",
    "Kerja sama keamanan kedua negara meningkat sejak 2021. Latihan bersama digelar.",
]


def _library_counts(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as connection:
        documents = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
        paragraphs = connection.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
    return documents, paragraphs


def _pdf(path: Path, pages: list[list[str]]) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.multi_cell(0, 6, line)
            pdf.ln(2)
    pdf.output(str(path))
    return path


def _docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("Diplomasi Pertahanan Indonesia", level=0)
    document.add_heading("PENDAHULUAN", level=1)
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def test_import_text_file_with_pdf_damage(dwibahasa: Invoke, tmp_path: Path) -> None:
    code, out, err = dwibahasa("import", str(SEEDS / "003_6ecca5270ea43959.txt"), "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)[0]
    assert report["status"] == "new"
    assert "page numbers" in report["removed"]
    shown = json.loads(dwibahasa("show", report["slug"], "--range", "1-2", "--json")[1])
    assert shown[0]["kind"] == "heading" and shown[0]["id"].startswith("BAB IV")
    assert shown[1]["id"].startswith("Isu kemanan di semenanjung Korea")


def test_text_that_kept_no_line_breaks_says_its_paragraphs_are_guessed(
    dwibahasa: Invoke,
) -> None:
    code, out, err = dwibahasa("import", str(SEEDS / "000_30c59ca8d7ef7bf9.txt"))
    assert (code, err) == (0, "")
    assert out.strip().endswith("paragraph breaks guessed: the file kept no line breaks")
    code, out, _ = dwibahasa(
        "import", "--dry-run", "--json", str(SEEDS / "000_30c59ca8d7ef7bf9.txt")
    )
    assert json.loads(out)["paragraphs_guessed"] is True


def test_text_with_line_breaks_does_not_say_its_paragraphs_are_guessed(
    dwibahasa: Invoke,
) -> None:
    code, out, err = dwibahasa("import", str(SEEDS / "003_6ecca5270ea43959.txt"), "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)[0]["paragraphs_guessed"] is False
    _, out, _ = dwibahasa("import", str(SEEDS / "003_6ecca5270ea43959.txt"))
    assert "guessed" not in out


def test_reimporting_the_same_content_names_the_document(dwibahasa: Invoke) -> None:
    seed = str(SEEDS / "003_6ecca5270ea43959.txt")
    dwibahasa("import", seed, "--slug", "bab-empat")
    code, out, _ = dwibahasa("import", seed)
    assert code == 0
    assert "already imported as 'bab-empat'" in out


def test_changed_file_becomes_a_new_version(
    dwibahasa: Invoke, tmp_path: Path, db_path: Path
) -> None:
    path = tmp_path / "catatan.txt"
    path.write_text("\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    dwibahasa("import", str(path))
    path.write_text("\n\n".join([PARAGRAPHS[0], "Paragraf baru. Isinya.", PARAGRAPHS[1]]) + "\n")
    code, out, _ = dwibahasa("import", str(path), "--json")
    report = json.loads(out)[0]
    assert (code, report["status"], report["version"]) == (0, "updated", 2)
    assert _library_counts(db_path) == (3, 40 + 46 + 3)


def test_import_pdf_keeps_pages_apart_and_drops_page_numbers(
    dwibahasa: Invoke, tmp_path: Path
) -> None:
    topics = ["Latihan gabungan", "Kunjungan kapal", "Dialog strategis"]
    pages = [  # paragraphs long enough to wrap, as a PDF's would
        [
            f"Jurnal Uji | {n}",
            f"{topic} dibahas di sini. {PARAGRAPHS[0]} {PARAGRAPHS[1]} Demikian.",
            f"{PARAGRAPHS[1]} {PARAGRAPHS[0]} {topic} selesai.",
            str(n),
        ]
        for n, topic in enumerate(topics, 1)
    ]
    path = _pdf(tmp_path / "makalah.pdf", pages)
    code, out, err = dwibahasa("import", str(path), "--dry-run", "--json")
    assert (code, err) == (0, "")
    preview = json.loads(out)
    assert preview["format"] == "pdf"
    texts = [p["text"] for p in preview["paragraphs"]]
    assert not any("Jurnal Uji" in t for t in texts)
    assert not any(t.strip().isdigit() for t in texts)
    assert [t.split(" dibahas")[0] for t in texts if " dibahas" in t] == topics
    assert len(texts) == 6


def test_import_docx_keeps_its_headings(dwibahasa: Invoke, tmp_path: Path) -> None:
    code, out, _ = dwibahasa("import", str(_docx(tmp_path / "esai.docx")), "--dry-run", "--json")
    preview = json.loads(out)
    assert code == 0
    assert preview["title"] == "Diplomasi Pertahanan Indonesia"
    kinds = [(p["kind"], p["text"][:11]) for p in preview["paragraphs"]]
    assert ("heading", "PENDAHULUAN") in kinds
    assert [k for k, _ in kinds].count("paragraph") == 2


def test_import_html_reads_blocks_not_markup(dwibahasa: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "artikel.html"
    path.write_text(
        "<!doctype html><html><head><title>Artikel</title><script>x()</script></head><body>"
        f"<h1>Judul [b]besar[/b]</h1><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></body></html>",
        encoding="utf-8",
    )
    code, out, _ = dwibahasa("import", str(path), "--dry-run", "--json")
    preview = json.loads(out)
    assert code == 0
    assert preview["paragraphs"][0] == {
        "kind": "heading",
        "text": "Judul [b]besar[/b]",
        "lang": "id",
    }
    assert not any("x()" in p["text"] for p in preview["paragraphs"])


def test_english_paragraphs_are_marked(dwibahasa: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "abstrak.txt"
    english = "This article analyses the defence diplomacy of Indonesia and its regional effects."
    path.write_text(f"{english}\n\n{PARAGRAPHS[0]}\n", encoding="utf-8")
    preview = json.loads(dwibahasa("import", str(path), "--dry-run", "--json")[1])
    assert [p["lang"] for p in preview["paragraphs"]] == ["en", "id"]


BAD_INPUTS = {
    "missing": (lambda d: d / "tidak-ada.txt", "no such file"),
    "directory": (lambda d: d, "is a directory"),
    "empty": (lambda d: _write(d / "kosong.txt", b"   \n\n"), "empty"),
    "binary": (lambda d: _write(d / "gambar.txt", b"\x89PNG\r\n\x1a\n" + bytes(200)), "binary"),
    "nul bytes": (lambda d: _write(d / "nul.txt", b"teks\x00biasa " * 20), "binary"),
    "not a pdf": (lambda d: _write(d / "rusak.pdf", b"%PDF-1.4\n garbage"), "PDF"),
    "corrupt docx": (lambda d: _write(d / "rusak.docx", b"PK\x03\x04 not a zip"), "DOCX"),
    "too big": (lambda d: _write(d / "besar.txt", b"kata " * 300_000), "--max-size"),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_one_line_and_changes_nothing(
    dwibahasa: Invoke, tmp_path: Path, db_path: Path, case: str
) -> None:
    make, expected = BAD_INPUTS[case]
    dwibahasa("list")  # creates the library with the bundled texts
    before = _library_counts(db_path)
    folder = tmp_path / "masukan"
    folder.mkdir()
    args = ["import", str(make(folder))]
    if case == "too big":
        args += ["--max-size", "1"]
    code, out, err = dwibahasa(*args)
    assert_one_line_error(code, out, err)
    assert expected.lower() in err.lower()
    assert _library_counts(db_path) == before


def test_text_no_encoding_explains_is_refused(dwibahasa: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path / "acak.txt", bytes(range(0x80, 0x100)) * 40)
    code, out, err = dwibahasa("import", str(path))
    assert_one_line_error(code, out, err)


def test_text_with_markup_escapes_and_controls_imports_literally(
    dwibahasa: Invoke, tmp_path: Path
) -> None:
    path = _write(
        tmp_path / "nakal.txt",
        b"Teks [b]tebal[/b] dan [link=x]tautan[/link] \x1b[31mmerah\x1b[0m\x07 selesai.\n",
    )
    code, out, _ = dwibahasa("import", str(path), "--dry-run", "--json")
    assert code == 0
    text = json.loads(out)["paragraphs"][0]["text"]
    assert text == "Teks [b]tebal[/b] dan [link=x]tautan[/link] merah selesai."


def test_several_files_import_the_good_and_report_the_bad(
    dwibahasa: Invoke, tmp_path: Path
) -> None:
    good = tmp_path / "baik.txt"
    good.write_text(PARAGRAPHS[0] + "\n", encoding="utf-8")
    code, out, err = dwibahasa("import", str(tmp_path / "hilang.txt"), str(good))
    assert code == 0
    assert "imported 'baik'" in out
    assert err.count("\n") == 1 and "hilang.txt" in err


def test_lines_that_are_not_utf8_are_decoded_and_reported(
    dwibahasa: Invoke, tmp_path: Path
) -> None:
    path = _write(
        tmp_path / "campuran.txt",
        b"Kopi di caf\xc3\xa9 itu enak.\n\nIa na\xefve sekali \x93katanya\x94.\n",
    )
    code, out, err = dwibahasa("import", str(path))
    assert (code, err) == (0, "")
    assert out.rstrip().endswith("; 1 line was not UTF-8 and was read as cp1252")
    shown = json.loads(dwibahasa("show", "campuran", "--json")[1])
    assert [row["id"] for row in shown] == [
        "Kopi di café itu enak.",
        "Ia naïve sekali “katanya”.",
    ]
    report = json.loads(dwibahasa("import", str(path), "--dry-run", "--json")[1])
    assert report["removed"] == "1 line was not UTF-8 and was read as cp1252"
