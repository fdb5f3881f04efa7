"""File → Extracted: every format, misnamed files, and every way a file can fail to import."""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import re
import time
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from fpdf import FPDF
from pypdf import PdfWriter

from reader.documents import Block
from reader.errors import DocumentFormatError, FileTooLarge, UserError
from reader.ingest import read as read_module
from reader.ingest.read import DEFAULT_MAX_BYTES, ImportFailed, read_file

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PAGE_ONE = "Kerja sama pertahanan Indonesia dan Australia meningkat."
PAGE_TWO = "Halaman kedua membahas diplomasi maritim."


def _failure(path: Path, **kwargs: Any) -> str:
    """The one-line message `read_file` fails with."""
    with pytest.raises(ImportFailed) as raised:
        read_file(path, **kwargs)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message.removeprefix(f"{path}: ")


def _blocks(*specs: tuple[str, str, int]) -> list[Block]:
    return [Block(kind=kind, text=text, lang="id", level=level) for kind, text, level in specs]


def _pdf(path: Path, pages: list[str], *, title: str | None = None) -> Path:
    pdf = FPDF()
    if title:
        pdf.set_title(title)
    pdf.set_font("helvetica", size=12)
    for text in pages:
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 10, text)
    pdf.output(str(path))
    return path


# --- reading the file itself ---------------------------------------------------------------


def test_import_failed_is_a_user_error() -> None:
    assert issubclass(ImportFailed, UserError)
    assert DEFAULT_MAX_BYTES == 50 * 1024 * 1024


def test_missing_file(tmp_path: Path) -> None:
    assert _failure(tmp_path / "tidak-ada.txt") == "no such file; check the path"


def test_directory(tmp_path: Path) -> None:
    assert "is a directory" in _failure(tmp_path)


def test_permission_denied_by_chmod(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    path = tmp_path / "rahasia.txt"
    path.write_text("teks", encoding="utf-8")
    path.chmod(0)
    try:
        assert _failure(path).startswith("permission denied; make the file readable")
    finally:
        path.chmod(0o600)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "rahasia.txt"
    path.write_text("teks", encoding="utf-8")
    real_open = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    assert _failure(path).startswith("permission denied; make the file readable")


def test_over_the_default_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "besar.txt"
    with path.open("wb") as file:
        file.truncate(63 * 1024 * 1024)  # sparse: the size check must not read it
    assert _failure(path) == "is 63 MB, over the 50 MB limit"


def test_over_a_given_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 2000)
    assert _failure(path, max_bytes=1024) == "is 2 KB, over the 1 KB limit"
    assert read_file(path, max_bytes=2000).pages == ["x" * 2000]


def test_the_size_error_is_typed_and_names_no_flag(tmp_path: Path) -> None:
    """The reader has no flags: the CLI adds its own remedy from the error's fields."""
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 2000)
    with pytest.raises(FileTooLarge) as raised:
        read_file(path, max_bytes=1024)
    assert (raised.value.name, raised.value.size, raised.value.limit) == (str(path), 2000, 1024)
    assert isinstance(raised.value, ImportFailed)
    assert "--" not in str(raised.value)


def test_a_file_that_grows_past_the_limit_while_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "tumbuh.txt"
    path.write_bytes(b"x" * 100)
    real_open = Path.open

    def grown(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == path:  # after the size check, before the read
            with real_open(self, "ab") as file:
                file.write(b"x" * 200)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", grown)
    with pytest.raises(FileTooLarge) as raised:
        read_file(path, max_bytes=200)
    assert str(raised.value) == f"{path}: is over the 200 bytes limit"
    assert (raised.value.size, raised.value.limit) == (201, 200)


@pytest.mark.parametrize("content", [b"", b"  \n\n\t "])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "kosong.pdf"
    path.write_bytes(content)
    assert _failure(path).startswith("the file is empty")


def test_png_renamed_txt(tmp_path: Path) -> None:
    path = tmp_path / "gambar.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100))
    assert _failure(path).startswith("looks like a binary file (PNG image), not text")


def test_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(b"teks biasa\x00\x01\x02 lalu biner\x00")
    assert _failure(path).startswith("looks like a binary file (NUL bytes), not text")


def test_a_fifo_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    path = tmp_path / "pipa.txt"
    os.mkfifo(path)  # opening it would wait for a writer forever
    assert _failure(path) == "is not a regular file; give the path of a document file"


def test_a_device_is_refused_before_it_is_read() -> None:
    with pytest.raises(ImportFailed, match="is not a regular file"):
        read_file(Path(os.devnull))


def test_a_file_swapped_for_a_fifo_after_the_check_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "tukar.txt"
    path.write_text("teks", encoding="utf-8")
    fifo = tmp_path / "pipa"
    os.mkfifo(fifo)
    real_open = Path.open

    def nonblocking(name: str, flags: int) -> int:
        return os.open(name, flags | os.O_NONBLOCK)

    def swapped(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == path:  # between the stat and the open, a FIFO took the file's place
            return open(fifo, "rb", opener=nonblocking)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", swapped)
    assert _failure(path) == "is not a regular file; give the path of a document file"


def test_the_digest_is_of_the_bytes_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Isi teks.\n")
    assert read_file(path).sha256 == hashlib.sha256(b"Isi teks.\n").hexdigest()


def test_escapes_in_the_file_name_are_not_echoed(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as raised:
        read_file(tmp_path / "\x1b[31mmerah.txt")
    assert "\x1b" not in str(raised.value)
    assert "merah.txt: no such file" in str(raised.value)


# --- plain text -----------------------------------------------------------------------------


def test_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "catatan.txt"
    path.write_text("Baris satu.\nBaris dua.\n", encoding="utf-8")
    extracted = read_file(path)
    assert extracted.source_format == "txt"
    assert extracted.pages == ["Baris satu.\nBaris dua.\n"]
    assert extracted.blocks is None
    assert extracted.title is None


def test_form_feeds_split_pages(tmp_path: Path) -> None:
    path = tmp_path / "halaman.txt"
    path.write_bytes(b"Halaman satu.\n\fHalaman dua.\n\f")
    assert read_file(path).pages == ["Halaman satu.\n", "Halaman dua.\n"]


def test_brackets_stay_and_escapes_go(tmp_path: Path) -> None:
    path = tmp_path / "terminal.txt"
    path.write_bytes(b"[red]bukan markup[/red] \x1b[2J\x1b[31mmerah\x1b[0m\x07\x08 [1]\n")
    assert read_file(path).pages == ["[red]bukan markup[/red] merah [1]\n"]


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + "Kebijakan “bebas aktif”.\r\n".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "Kebijakan “bebas aktif”.\r\n".encode("utf-16-be"),
        codecs.BOM_UTF8 + "Kebijakan “bebas aktif”.\r\n".encode(),
        b"Kebijakan \x93bebas aktif\x94.\r\n",  # cp1252
    ],
)
def test_text_encodings(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "kebijakan.txt"
    path.write_bytes(data)
    assert read_file(path).pages == ["Kebijakan “bebas aktif”.\n"]


def test_latin1_text(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Déjà vu: naïve résumé, café.".encode("latin-1"))
    assert read_file(path).pages == ["Déjà vu: naïve résumé, café."]


def test_unknown_extension_with_text_is_text(tmp_path: Path) -> None:
    path = tmp_path / "README"
    path.write_text("Teks tanpa ekstensi.", encoding="utf-8")
    assert read_file(path).pages == ["Teks tanpa ekstensi."]


def test_rtf_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "surat.txt"
    path.write_text(r"{\rtf1\ansi Halo}", encoding="ascii")
    assert "RTF document; save it as DOCX or plain text" in _failure(path)


# --- PDF -----------------------------------------------------------------------------------


def test_pdf_pages_and_title(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "laporan.pdf", [PAGE_ONE, PAGE_TWO], title="Laporan Pertahanan")
    extracted = read_file(path)
    assert extracted.source_format == "pdf"
    assert extracted.pages == [PAGE_ONE, PAGE_TWO]
    assert extracted.title == "Laporan Pertahanan"
    assert extracted.meta["page_count"] == 2


def test_pdf_is_recognised_by_content_whatever_its_name(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "laporan.pdf", [PAGE_ONE])
    misnamed = tmp_path / "laporan.txt"
    path.rename(misnamed)
    assert read_file(misnamed).pages == [PAGE_ONE]


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 80, 40, style="F")  # a "scan": marks, no text
    pdf.add_page()
    path = tmp_path / "pindaian.pdf"
    pdf.output(str(path))
    assert _failure(path) == (
        "has no text layer: run OCR first (e.g. ocrmypdf) and import the result"
    )


def test_encrypted_pdf(tmp_path: Path) -> None:
    plain = _pdf(tmp_path / "plain.pdf", [PAGE_ONE])
    writer = PdfWriter(clone_from=plain)
    writer.encrypt("rahasia")
    path = tmp_path / "terkunci.pdf"
    writer.write(path)
    assert _failure(path) == "is encrypted; remove the password and try again"


def test_pdf_with_only_an_owner_password_opens(tmp_path: Path) -> None:
    plain = _pdf(tmp_path / "plain.pdf", [PAGE_ONE])
    writer = PdfWriter(clone_from=plain)
    writer.encrypt("", owner_password="pemilik")
    path = tmp_path / "dibatasi.pdf"
    writer.write(path)
    assert read_file(path).pages == [PAGE_ONE]


def test_pdf_encrypted_with_aes_and_only_an_owner_password_opens(tmp_path: Path) -> None:
    pytest.importorskip("cryptography")  # pypdf needs it to write AES; PDFium reads it alone
    plain = _pdf(tmp_path / "plain.pdf", [PAGE_ONE])
    writer = PdfWriter(clone_from=plain)
    writer.encrypt("", owner_password="pemilik", algorithm="AES-256")
    path = tmp_path / "aes.pdf"
    writer.write(path)
    assert read_file(path).pages == [PAGE_ONE]


def test_truncated_pdf(tmp_path: Path) -> None:
    data = _pdf(tmp_path / "utuh.pdf", [PAGE_ONE, PAGE_TWO]).read_bytes()
    path = tmp_path / "terpotong.pdf"
    path.write_bytes(data[: len(data) // 3])
    assert re.fullmatch(r"cannot read this PDF \(.+\); it may be damaged", _failure(path))


@pytest.mark.parametrize("data", [b"ini bukan PDF\n" * 10, bytes(range(256)) * 4])
def test_garbage_named_pdf(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "rusak.pdf"
    path.write_bytes(data)
    assert re.fullmatch(r"cannot read this PDF \(.+\); it may be damaged", _failure(path))


def test_pdf_with_a_broken_xref_is_repaired_without_printing(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    data = _pdf(tmp_path / "utuh.pdf", [PAGE_ONE]).read_bytes()
    path = tmp_path / "xref.pdf"
    path.write_bytes(re.sub(rb"startxref\s+\d+", b"startxref\n99999", data))
    extracted = read_file(path)  # PDFium repairs the cross-reference table quietly
    assert extracted.pages == [PAGE_ONE]
    assert capfd.readouterr().err == ""


def test_pdf_soft_hyphen_at_a_line_break_is_a_hyphen_elsewhere_nothing() -> None:
    text = "kebijak\u00ad\r\nan luar ne\u00adgeri\x1b[1m"
    assert read_module._pdf_page_text(text) == "kebijak-\nan luar negeri"


@pytest.mark.skipif(not DEJAVU.exists(), reason="DejaVu Sans is not installed")
def test_pdf_with_unicode_text(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(DEJAVU))
    pdf.set_font("DejaVu", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 10, "Politik “bebas aktif” — café")
    path = tmp_path / "unicode.pdf"
    pdf.output(str(path))
    assert read_file(path).pages == ["Politik “bebas aktif” — café"]


# --- DOCX ----------------------------------------------------------------------------------


def _docx(path: Path) -> Path:
    document = docx.Document()
    document.core_properties.title = "Judul di Properti"
    document.add_paragraph("Diplomasi Pertahanan Indonesia", style="Title")
    document.add_heading("Pendahuluan", level=1)
    document.add_paragraph("Paragraf   pertama\ttentang [diplomasi].")
    document.add_paragraph("")
    document.add_heading("Latar Belakang", level=2)
    document.add_paragraph("Tabel 1.1 Anggaran pertahanan 2020-2024")
    document.add_paragraph("Tabel 1 menunjukkan kenaikan anggaran.")
    document.add_paragraph("Sumber: Kementerian Pertahanan", style="Caption")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Tahun"
    table.cell(0, 1).text = "Nilai"
    table.cell(1, 0).text = "2024"
    table.cell(1, 0).merge(table.cell(1, 1))
    document.add_paragraph("Figure 2: Peta kawasan")
    document.add_paragraph("Penutup.")
    document.save(str(path))
    return path


def test_docx_blocks_in_order(tmp_path: Path) -> None:
    extracted = read_file(_docx(tmp_path / "makalah.docx"))
    assert extracted.source_format == "docx"
    assert extracted.pages is None
    assert extracted.title == "Diplomasi Pertahanan Indonesia"
    assert extracted.blocks == _blocks(
        ("heading", "Diplomasi Pertahanan Indonesia", 1),
        ("heading", "Pendahuluan", 1),
        ("paragraph", "Paragraf pertama tentang [diplomasi].", 0),
        ("heading", "Latar Belakang", 2),
        ("caption", "Tabel 1.1 Anggaran pertahanan 2020-2024", 0),
        ("paragraph", "Tabel 1 menunjukkan kenaikan anggaran.", 0),
        ("caption", "Sumber: Kementerian Pertahanan", 0),
        ("paragraph", "Tahun", 0),
        ("paragraph", "Nilai", 0),
        ("paragraph", "2024", 0),  # a merged cell, once
        ("caption", "Figure 2: Peta kawasan", 0),
        ("paragraph", "Penutup.", 0),
    )


def test_docx_title_from_core_properties(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "Judul  Properti"
    document.add_paragraph("Isi dokumen.")
    path = tmp_path / "properti.docx"
    document.save(str(path))
    assert read_file(path).title == "Judul Properti"


def test_docx_style_based_on_a_heading_is_a_heading(tmp_path: Path) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    style = document.styles.add_style("Bab Khusus", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Heading 2"]
    document.add_paragraph("Bab Dua", style="Bab Khusus")
    document.add_paragraph("Isi.")
    path = tmp_path / "gaya.docx"
    document.save(str(path))
    assert read_file(path).blocks == _blocks(("heading", "Bab Dua", 2), ("paragraph", "Isi.", 0))


def test_docx_is_recognised_by_content(tmp_path: Path) -> None:
    path = _docx(tmp_path / "makalah.docx")
    misnamed = tmp_path / "makalah.bin"
    path.rename(misnamed)
    assert read_file(misnamed).source_format == "docx"


def test_docx_without_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("   ")
    path = tmp_path / "kosong.docx"
    document.save(str(path))
    assert _failure(path) == "has no text to import"


@pytest.mark.parametrize("data", [b"PK\x03\x04 rusak" * 20, b"bukan zip sama sekali"])
def test_corrupt_docx(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "rusak.docx"
    path.write_bytes(data)
    assert re.fullmatch(r"cannot read this DOCX \(.+\); it may be damaged", _failure(path))


def test_docx_with_broken_xml(tmp_path: Path) -> None:
    good = _docx(tmp_path / "baik.docx").read_bytes()
    path = tmp_path / "xml.docx"
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[:100] if item.filename == "word/document.xml" else data)
    assert re.fullmatch(r"cannot read this DOCX \(.+\); it may be damaged", _failure(path))


def test_zip_that_is_not_a_document(tmp_path: Path) -> None:
    path = tmp_path / "arsip.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("catatan.txt", "halo")
    assert _failure(path) == (
        "is a ZIP archive, not a document; unzip it and import the file inside"
    )


def test_spreadsheet_is_named(tmp_path: Path) -> None:
    path = tmp_path / "angka.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert _failure(path).startswith("is an Excel workbook, not a document")


def test_docx_that_unpacks_far_beyond_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bom.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", " " * 2_000_000)
    assert path.stat().st_size < 100_000
    assert _failure(path, max_bytes=100_000) == (
        "unpacks to 1.9 MB, over ten times the 97.7 KB limit"
    )
    with pytest.raises(FileTooLarge) as raised:
        read_file(path, max_bytes=100_000)
    assert raised.value.limit == 100_000 and raised.value.size > 10 * 100_000


# --- HTML ----------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="windows-1252"><title>Judul &amp; Halaman</title>
<style>p { color: red }</style><script>var x = "<p>bukan teks</p>";</script></head>
<body><header><nav><ul><li>Beranda</li></ul></nav></header>
<article><header><h1>Judul   Artikel</h1></header>
<p>Paragraf \x93kutip\x94 caf\xe9 <b>tebal</b> dan&nbsp;spasi
 baris.<br>Setelah br.</p>
Teks bebas di article
<div>Teks div <span>inline</span></div>
<ul><li>Satu</li><li>Dua <ul><li>Dua a</li></ul></li></ul>
<figure><img alt="peta"><figcaption>Gambar 1 Peta</figcaption></figure>
<table><tr><th>Tahun</th><td>2024</td></tr></table>
<h2>Sub bagian</h2><pre>kode   di
pre</pre><blockquote><p>Kutipan</p></blockquote><dl><dt>Istilah</dt><dd>Arti</dd></dl>
<noscript>aktifkan js</noscript><template><p>templat</p></template>
</article><footer>Hak cipta</footer></body></html>"""


def test_html_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.ingest.formats import html as html_reader

    monkeypatch.setattr(html_reader, "_is_web_page", lambda text: False)  # our tokenizer alone
    path = tmp_path / "artikel.html"
    path.write_bytes(PAGE.encode("latin-1"))
    extracted = read_file(path)
    assert extracted.source_format == "html"
    assert extracted.title == "Judul & Halaman"
    assert extracted.blocks == _blocks(
        ("heading", "Judul Artikel", 1),
        ("paragraph", "Paragraf “kutip” café tebal dan spasi baris. Setelah br.", 0),
        ("paragraph", "Teks bebas di article", 0),
        ("paragraph", "Teks div inline", 0),
        ("paragraph", "Satu", 0),
        ("paragraph", "Dua", 0),
        ("paragraph", "Dua a", 0),
        ("caption", "Gambar 1 Peta", 0),
        ("paragraph", "Tahun", 0),
        ("paragraph", "2024", 0),
        ("heading", "Sub bagian", 2),
        ("paragraph", "kode di pre", 0),
        ("paragraph", "Kutipan", 0),
        ("paragraph", "Istilah", 0),
        ("paragraph", "Arti", 0),
    )


def test_html_fragment_in_a_txt_file(tmp_path: Path) -> None:
    path = tmp_path / "potongan.txt"
    path.write_text("<p>Satu</p><p>Dua &lt;tiga&gt; [x]</p>", encoding="utf-8")
    extracted = read_file(path)
    assert extracted.source_format == "html"
    assert extracted.title is None
    assert extracted.blocks == _blocks(("paragraph", "Satu", 0), ("paragraph", "Dua <tiga> [x]", 0))


def test_html_by_extension_with_bare_text(tmp_path: Path) -> None:
    path = tmp_path / "teks.htm"
    path.write_text("Teks awal <h1>Judul</h1> teks akhir", encoding="utf-8")
    extracted = read_file(path)
    assert extracted.title == "Judul"
    assert extracted.blocks == _blocks(
        ("paragraph", "Teks awal", 0), ("heading", "Judul", 1), ("paragraph", "teks akhir", 0)
    )


def test_unclosed_skipped_tags_end_with_their_parent(tmp_path: Path) -> None:
    path = tmp_path / "rusak.html"
    path.write_text("<html><nav><ul><li>Menu</nav><p>Isi</p></html>", encoding="utf-8")
    assert read_file(path).blocks == _blocks(("paragraph", "Isi", 0))


def test_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "kosong.html"
    path.write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    assert _failure(path) == "has no text to import"


FLOODS = {
    "end tags": ("", "</p>"),
    "end tags over open blocks": ("<li>" * 70_000, "</p>"),
    "end divs over open divs": ("<div>" * 60_000, "</div>"),
    "end tags in skipped elements": ("<svg>" * 70_000, "</x>"),
    "unclosed start tags": ("", "<p"),
    "unclosed end tags": ("", "</p"),
    "unclosed comments": ("", "<!--"),
    "marked sections": ("", "<!["),
    "unclosed quotes": ("", "<a b='"),
    "bare ampersands": ("", "&#"),
    "line breaks": ("", "<br>"),
    "raw-text elements never closed": ("", "<title><script><style><textarea>"),
    "raw-text elements closed": ("", "<title>a</title><script>b</script>"),
}


@pytest.mark.parametrize("case", list(FLOODS))
def test_html_floods_read_in_linear_time(case: str) -> None:
    """600 KB of one construct. End tags over open blocks searched the stack each (118 s);
    html.parser rescanned from every unclosed `<` (minutes)."""
    before, unit = FLOODS[case]
    text = "<p>Isi awal.</p>" + before + unit * ((600_000 - len(before)) // len(unit))
    started = time.monotonic()
    blocks = read_module._read_html(text, "banjir.html").blocks
    assert time.monotonic() - started < 5
    assert blocks is not None and blocks[0].text == "Isi awal."


def test_html_raw_text_comments_and_declarations() -> None:
    text = (
        "<!DOCTYPE html><?xml version='1.0'?><html><head><title>A &lt;b&gt; <i>c</i></title>"
        "<style>p > a { x: '</p>' }</style><script>if (a < b && c) { '<p>no</p>' }</SCRIPT >"
        "</head><body><!-- <p>komentar</p> --><p>Satu <![CDATA[x]]> dua</p>"
        "<p title='a > b' data-x=\"<p>\">Tiga</p><p>Empat < lima &amp; 5 > 4</p></body></html>"
    )
    extracted = read_module._read_html(text, "a.html")
    assert extracted.title == "A <b> <i>c</i>"
    assert extracted.blocks == _blocks(
        ("paragraph", "Satu dua", 0),
        ("paragraph", "Tiga", 0),
        ("paragraph", "Empat < lima & 5 > 4", 0),
    )


def test_html_cut_off_inside_markup_keeps_the_text_before() -> None:
    for tail in ("<p class='x", "<!-- komentar", "<p", "</", "<script>var x"):
        blocks = read_module._read_html("<p>Teks utuh.</p>" + tail, "a.html").blocks
        assert blocks == _blocks(("paragraph", "Teks utuh.", 0)), tail


@pytest.mark.parametrize(
    "label", ["base64", "hex", "zlib", "rot13", "undefined", "uu", "bz2", "quopri", "idna"]
)
def test_meta_charset_naming_no_text_encoding_is_ignored(tmp_path: Path, label: str) -> None:
    path = tmp_path / "a.html"
    path.write_bytes(f'<meta charset="{label}"><p>Café “kutip”.</p>'.encode("cp1252"))
    assert read_file(path).blocks == _blocks(("paragraph", "Café “kutip”.", 0))


# --- Markdown -------------------------------------------------------------------------------


def test_texts_format_markdown(tmp_path: Path) -> None:
    path = tmp_path / "dokumen.id.md"
    path.write_text(
        '---\ntitle: "Judul Uji"\nauthors: ["Penulis"]\nyear: 2024\nlang: id\n---\n\n'
        "# Pendahuluan\n\nParagraf satu\nberlanjut.\n\n"
        "<!-- kind=caption -->\nTabel 1 Data\n\n<!-- lang=en -->\nAn English paragraph.\n",
        encoding="utf-8",
    )
    extracted = read_file(path)
    assert extracted.source_format == "md"
    assert extracted.title == "Judul Uji"
    assert extracted.meta["year"] == 2024
    assert extracted.meta["authors"] == ["Penulis"]
    assert extracted.blocks == [
        Block("heading", "Pendahuluan", "id", 1),
        Block("paragraph", "Paragraf satu berlanjut.", "id", 0),
        Block("caption", "Tabel 1 Data", "id", 0),
        Block("paragraph", "An English paragraph.", "en", 0),
    ]


def test_malformed_texts_format_says_what_to_fix(tmp_path: Path) -> None:
    path = tmp_path / "salah.md"
    path.write_text("---\nlang: id\n---\n\nTeks.\n", encoding="utf-8")
    with pytest.raises(DocumentFormatError, match="front matter needs 'title'"):
        read_file(path)


def test_plain_markdown(tmp_path: Path) -> None:
    path = tmp_path / "catatan.md"
    path.write_text(
        "# Judul Utama #\n"
        "Paragraf langsung di bawah\njudul, dua baris.\n\n"
        "## Daftar\n\n"
        "- butir satu\n  lanjutan butir\n* butir dua\n+ butir tiga\n\n"
        "1. langkah pertama\n2) langkah kedua\n\n"
        "Pada tahun\n2024. Tahun itu penting.\n\n"
        "> Kutipan **tebal**, *miring* dan `kode`\n> berlanjut.\n\n"
        "Lihat [situs](https://contoh.id) dan ![gambar](a.png), [1] dan snake_case_name.\n\n"
        "---\n\n"
        "Sub Setext\n----------\n\n"
        "```\nkode   blok\n\nbaris *dua*\n```\n\n"
        "<!-- komentar -->\n\n"
        "Bintang \\*bukan miring\\* tetap.\n",
        encoding="utf-8",
    )
    extracted = read_file(path)
    assert extracted.title == "Judul Utama"
    assert extracted.blocks == _blocks(
        ("heading", "Judul Utama", 1),
        ("paragraph", "Paragraf langsung di bawah judul, dua baris.", 0),
        ("heading", "Daftar", 2),
        ("paragraph", "butir satu lanjutan butir", 0),
        ("paragraph", "butir dua", 0),
        ("paragraph", "butir tiga", 0),
        ("paragraph", "1. langkah pertama", 0),
        ("paragraph", "2) langkah kedua", 0),
        ("paragraph", "Pada tahun 2024. Tahun itu penting.", 0),
        ("paragraph", "Kutipan tebal, miring dan kode berlanjut.", 0),
        ("paragraph", "Lihat situs dan gambar, [1] dan snake_case_name.", 0),
        ("heading", "Sub Setext", 2),
        ("paragraph", "kode blok baris *dua*", 0),
        ("paragraph", "Bintang *bukan miring* tetap.", 0),
    )


def test_markdown_with_another_tools_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "pos.md"
    path.write_text(
        "---\ntitle: Judul Jekyll\ndate: 2024-01-01\n---\n\nIsi pos.\n", encoding="utf-8"
    )
    extracted = read_file(path)
    assert extracted.title == "Judul Jekyll"
    assert extracted.blocks == _blocks(("paragraph", "Isi pos.", 0))


def test_markdown_content_in_a_txt_file(tmp_path: Path) -> None:
    path = tmp_path / "catatan.txt"
    path.write_text("\n# Judul\n\nIsi catatan.\n", encoding="utf-8")
    extracted = read_file(path)
    assert extracted.source_format == "md"
    assert extracted.blocks == _blocks(("heading", "Judul", 1), ("paragraph", "Isi catatan.", 0))


def test_hash_without_space_is_not_a_heading(tmp_path: Path) -> None:
    path = tmp_path / "tagar.txt"
    path.write_text("#tagar bukan judul\n", encoding="utf-8")
    assert read_file(path).source_format == "txt"


def test_markdown_block_text_is_normalized(tmp_path: Path) -> None:
    path = tmp_path / "kotor.md"
    path.write_bytes("Teks\x1b[31m merah\x1b[0m dan e\u0301\u00ad.\n".encode())
    assert read_file(path).blocks == _blocks(("paragraph", "Teks merah dan é.", 0))
