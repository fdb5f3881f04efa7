"""A corpus of hostile and broken inputs, each imported through the real `dwibahasa import`.

Every case says whether importing is right (exit 0) or not (exit 1); either way
nothing is a traceback, no control character reaches the terminal, and the
run is quick. A failure is exactly one line on stderr and leaves the library as
it was. Cases cover what exhausted resources (YAML alias bombs, HTML floods,
long lines), what crashed (charsets that are no text encodings, odd front
matter), what was garbled silently (UTF-8 mixed with cp1252), and plain bad
files (empty, binary, truncated, not a file at all).

Last, a property test feeds random bytes under every suffix to `read_file`.
"""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import struct
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import UserError
from reader.ingest.read import read_file
from reader.service import ReadingService
from tests.conftest import TEXTS, Invoke

UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
GARBLED = ("Ã", "Â", "\ufffd")
SENTENCE = "Kerja sama pertahanan Indonesia dan Australia meningkat pada tahun ini."
FLOOD_BYTES = 600_000


# --- how each file is made --------------------------------------------------------------------


def _text(name: str, text: str) -> Callable[[Path], Path]:
    return _bytes(name, text.encode("utf-8"))


def _bytes(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _front(
    fields: str, *, body: str = SENTENCE, name: str = "dokumen.md"
) -> Callable[[Path], Path]:
    return _text(name, f"---\n{fields}\n---\n\n{body}\n")


def _alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines)


def _html(body: str, *, head: str = "", name: str = "halaman.html") -> Callable[[Path], Path]:
    return _text(name, f"<html><head>{head}</head><body><p>{SENTENCE}</p>{body}</body></html>")


def _flood(unit: str, *, before: str = "") -> Callable[[Path], Path]:
    """A page whose body is `unit` repeated to about 600 KB (after `before`, if any)."""
    count = (FLOOD_BYTES - len(before)) // len(unit)
    return _html(before + unit * count, name="banjir.html")


def _charset(label: str, *, http_equiv: bool = False) -> Callable[[Path], Path]:
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={label}">'
        if http_equiv
        else f'<meta charset="{label}">'
    )
    page = f"<html><head>{meta}</head><body><p>Café “kutip” di Jakarta.</p></body></html>"
    return _bytes("charset.html", page.encode("cp1252"))


def _fifo(folder: Path) -> Path:
    path = folder / "pipa.txt"
    os.mkfifo(path)  # opening it for reading would wait for a writer forever
    return path


def _fifo_beside_a_texts_file(folder: Path) -> Path:
    source = folder / "dokumen.id.md"
    source.write_text(f"---\ntitle: Dokumen\nlang: id\n---\n\n{SENTENCE}\n", encoding="utf-8")
    os.mkfifo(folder / "dokumen.en.md")
    return source


def _directory(folder: Path) -> Path:
    path = folder / "map.txt"
    path.mkdir()
    return path


def _device(folder: Path) -> Path:
    return Path(os.devnull)


def _missing(folder: Path) -> Path:
    return folder / "\x1b[31mtidak-ada\x07.txt"


def _sparse(folder: Path) -> Path:
    path = folder / "besar.txt"
    with path.open("wb") as file:
        file.truncate(2 * 1024 * 1024)  # the size check must refuse it without reading it
    return path


def _pdf_bytes() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 10, SENTENCE)
    return bytes(pdf.output())


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(SENTENCE)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _truncated(name: str, build: Callable[[], bytes], keep: float) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        data = build()
        return _bytes(name, data[: int(len(data) * keep)])(folder)

    return make


def _encrypted_docx(folder: Path) -> Path:
    """A DOCX whose document.xml says it is encrypted (flag bit 0, in both of its headers)."""
    data = bytearray(_docx_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        offset = archive.start_dir
        for info in archive.infolist():
            name_length, extra, comment = struct.unpack_from("<HHH", data, offset + 28)
            if info.filename == "word/document.xml":
                for at in (offset + 8, info.header_offset + 6):
                    struct.pack_into("<H", data, at, struct.unpack_from("<H", data, at)[0] | 1)
            offset += 46 + name_length + extra + comment
    return _bytes("terkunci.docx", bytes(data))(folder)


def _docx_bomb(folder: Path) -> Path:
    bomb = _zip_bytes({"word/document.xml": b" " * (20 * 1024 * 1024)})  # 20 KB on disk
    return _bytes("bom.docx", bomb)(folder)


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return buffer.getvalue()


def _long_line(folder: Path) -> Path:
    """1 MB of sentences on one line: splitting them used to rescan the line at each period
    (about eight minutes)."""
    return _text("satu-baris.txt", " ".join([SENTENCE] * 14_000))(folder)


# --- the corpus -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    make: Callable[[Path], Path]
    ok: bool
    expect: str = ""
    """On failure, words of the error; on success, words of a stored paragraph."""
    args: tuple[str, ...] = ()
    summary: str = ""
    """Words the import line must say (the report of lines that were not UTF-8)."""
    meta: dict[str, Any] | None = None
    """Metadata the stored document must hold (as JSON gives it back)."""
    seconds: float = 20.0
    """Generous, for a loaded machine: what this corpus once made quadratic took minutes."""


CASES: dict[str, Case] = {
    # Small inputs that used to exhaust CPU or memory.
    "yaml alias bomb": Case(_front(f"title: Bom\nlang: id\n{_alias_bomb()}"), False, "aliases"),
    "yaml alias bomb, jekyll": Case(_front(f"title: Bom\n{_alias_bomb()}"), False, "aliases"),
    "yaml merge key": Case(
        _front("title: T\nlang: id\nbase: &b {x: 1}\nother:\n  <<: *b"), False, "aliases"
    ),
    "front matter of 70 KB": Case(
        _front("title: T\nlang: id\nnote: " + "a" * 70_000), False, "longer than 64 KB"
    ),
    "front matter nested deeply": Case(
        _front("title: T\nlang: id\nx: " + "[" * 5000), False, "not valid YAML"
    ),
    "html close-tag flood": Case(_flood("</p>"), True, SENTENCE),
    "html close-tag flood over open blocks": Case(
        _flood("</p>", before="<li>" * 70_000), True, SENTENCE
    ),
    "html div flood": Case(_flood("</div>", before="<div>" * 50_000), True, SENTENCE),
    "html unclosed tag flood": Case(_flood("<p"), True, SENTENCE),
    "html unclosed end-tag flood": Case(_flood("</p"), True, SENTENCE),
    "html comment flood": Case(_flood("<!--"), True, SENTENCE),
    "html marked-section flood": Case(_flood("<!["), True, SENTENCE),
    "html unclosed quote flood": Case(_flood("<a b='"), True, SENTENCE),
    "html skipped-element flood": Case(_flood("</x>", before="<svg>" * 70_000), True, SENTENCE),
    "one line of 1 MB": Case(_long_line, True, "Kerja sama pertahanan"),
    "one word of 2 MB": Case(_text("kata.txt", "x" * 2_000_000), True, "xxxxxxxx"),
    "one hyphenated word of 2 MB": Case(
        _text("kata.txt", "x" * 1_000_000 + "-" + "x" * 1_000_000), True, "xxxxxxxx"
    ),
    # Front matter that used to be a traceback, or reach the library unstorable.
    "front matter huge integer": Case(
        _front("title: T\nlang: id\nyear: " + "9" * 5000), False, "longer than 100 digits"
    ),
    "front matter date key": Case(
        _front("title: T\nlang: id\n2024-01-31: terbit"), False, "keys must be text"
    ),
    "front matter number key, jekyll": Case(
        _front("title: T\n2024: terbit"), False, "keys must be text"
    ),
    "front matter binary value": Case(
        _front("title: T\nlang: id\nblob: !!binary aGVsbG8="), False, "cannot be stored"
    ),
    "front matter infinite number": Case(
        _front("title: T\nlang: id\nskor: .inf"), False, "cannot be stored"
    ),
    "front matter python object": Case(
        _front("title: T\nlang: id\nx: !!python/object/apply:os.system ['true']"),
        False,
        "not valid YAML",
    ),
    "front matter title that is a list": Case(
        _front("title: [a, b]\nlang: id"), False, "title must be text"
    ),
    "front matter date value": Case(
        _front("title: Bertanggal\nlang: id\npublished: 2024-01-31\nupdated: 2024-02-01 10:00:00"),
        True,
        SENTENCE,
        meta={"published": "2024-01-31", "updated": "2024-02-01T10:00:00"},
    ),
    "jekyll date": Case(_front("title: Pos\ndate: 2024-01-31\ntags: [a]"), True, SENTENCE),
    # Charsets that are no text encodings: ignored, the bytes decide.
    **{
        f"meta charset {label}": Case(_charset(label), True, "Café “kutip”")
        for label in ("base64", "hex", "zlib", "rot13", "undefined", "uu", "bz2", "quopri")
    },
    **{
        f"meta charset {label}": Case(_charset(label), True, "Café “kutip”")
        for label in ("idna", "utf-7", "unicode_escape", "cp037", "x-no-such-thing")
    },
    "http-equiv charset base64": Case(_charset("base64", http_equiv=True), True, "Café"),
    "bom with a base64 charset": Case(
        _bytes(
            "bom.html",
            b'\xef\xbb\xbf<html><head><meta charset="base64"></head><p>Caf\xc3\xa9 ok.</p>',
        ),
        True,
        "Café ok.",
    ),
    # Wrong or mixed encodings: decoded, never garbled silently.
    "declared utf-8, really cp1252": Case(_charset("utf-8"), True, "Café “kutip”"),
    "declared cp1252, really utf-8": Case(
        _bytes(
            "utf8.html",
            '<meta charset="windows-1252"><p>Café “kutip” di Jakarta.</p>'.encode(),
        ),
        True,
        "Café “kutip”",
    ),
    "utf-8 with cp1252 lines": Case(
        _bytes(
            "campuran.txt",
            b"Kopi di caf\xc3\xa9 itu enak.\n\nIa na\xefve sekali \x93katanya\x94.\n\n"
            b"Kutipan \xe2\x80\x9cini\xe2\x80\x9d benar.\n",
        ),
        True,
        "Ia naïve sekali “katanya”.",
        summary="1 line was not UTF-8 and was read as cp1252",
    ),
    "cp1252 with a utf-8 line": Case(
        _bytes("campuran.txt", b"Caf\xe9 satu.\n\nCaf\xe9 dua.\n\nCaf\xc3\xa9 tiga.\n"),
        True,
        "Café tiga.",
        summary="2 lines were not UTF-8 and were read as cp1252",
    ),
    "utf-16 without a bom": Case(
        _bytes("u16.txt", (SENTENCE + "\n").encode("utf-16-le")), True, SENTENCE
    ),
    "undecodable bytes": Case(
        _bytes("acak.txt", bytes(range(0x80, 0x100)) * 40), False, "cannot tell its text encoding"
    ),
    # Markup and escapes are text, shown safely.
    "brackets and ansi escapes": Case(
        _bytes(
            "nakal.txt",
            b"Teks [bold]tebal[/bold] dan [link=x]tautan[/link] \x1b[31mmerah\x1b[0m\x07 "
            b"\x1b]0;judul\x07\xc2\x9b2J selesai.\n",
        ),
        True,
        "Teks [bold]tebal[/bold] dan [link=x]tautan[/link] merah selesai.",
    ),
    "escapes in a heading": Case(
        _text("judul.md", "# Judul \x1b[2J\x1b[H[red]besar[/red]\n\nIsi paragraf.\n"),
        True,
        "Judul [red]besar[/red]",
    ),
    "escapes in a missing file's name": Case(_missing, False, "tidak-ada.txt: no such file"),
    # Not a document at all.
    "empty file": Case(_bytes("kosong.txt", b""), False, "the file is empty"),
    "only whitespace": Case(_bytes("kosong.md", b"  \n\t\r\n"), False, "the file is empty"),
    "only escapes": Case(_bytes("kosong.txt", b"\x1b[0m\x07\n"), False, "the file is empty"),
    "png": Case(_bytes("gambar.txt", b"\x89PNG\r\n\x1a\n" + bytes(300)), False, "PNG image"),
    "nul bytes": Case(_bytes("nul.txt", b"teks biasa\x00 lalu biner\x00" * 30), False, "NUL bytes"),
    "random binary": Case(
        _bytes("acak.bin", bytes((n * 7919 + 13) % 256 for n in range(5000))), False, "binary"
    ),
    "rtf": Case(_bytes("dok.txt", b"{\\rtf1\\ansi Halo}"), False, "RTF"),
    "html without text": Case(
        _text("kosong.html", "<html><script>x()</script></html>"), False, "no text"
    ),
    "markdown of front matter only": Case(_front("title: T", body=""), False, "no text"),
    "truncated pdf": Case(_truncated("potong.pdf", _pdf_bytes, 0.5), False, "PDF"),
    "truncated docx": Case(_truncated("potong.docx", _docx_bytes, 0.5), False, "DOCX"),
    "truncated zip": Case(
        _truncated("arsip.zip", lambda: _zip_bytes({"a.txt": b"x" * 999}), 0.6), False, "ZIP"
    ),
    "zip that is no document": Case(
        _bytes("arsip.txt", _zip_bytes({"a.txt": b"isi"})), False, "ZIP archive"
    ),
    "docx with an encrypted member": Case(_encrypted_docx, False, "cannot read this DOCX"),
    "docx zip bomb": Case(
        _docx_bomb, False, "unpacks to 20 MB, over ten times", args=("--max-size", "1")
    ),
    "html named pdf": Case(_html("", name="halaman.pdf"), False, "cannot read this PDF"),
    "over the size limit": Case(_sparse, False, "over the 1 MB limit", args=("--max-size", "1")),
    # Not a regular file: refused before it is opened.
    "fifo": Case(_fifo, False, "is not a regular file"),
    "fifo as the english beside a texts file": Case(
        _fifo_beside_a_texts_file, False, "is not a regular file"
    ),
    "device": Case(_device, False, "is not a regular file"),
    "directory": Case(_directory, False, "is a directory"),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library with the bundled texts, made once: each case starts from a copy."""
    path = tmp_path_factory.mktemp("template") / "library.db"
    ReadingService.open(path, texts_dir=TEXTS).close()
    return path


@pytest.fixture
def library(template: Path, db_path: Path) -> Iterator[Path]:
    with sqlite3.connect(template) as source, sqlite3.connect(db_path) as target:
        source.backup(target)
    yield db_path


def _state(db: Path) -> tuple[list[tuple[Any, ...]], int]:
    with sqlite3.connect(db) as connection:
        documents = connection.execute(
            "SELECT slug, sha256, updated_at FROM documents ORDER BY slug"
        ).fetchall()
        paragraphs = connection.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
    return documents, paragraphs


def _imported(db: Path) -> tuple[list[str], dict[str, Any]]:
    with sqlite3.connect(db) as connection:
        [(document_id, meta)] = connection.execute(
            "SELECT id, meta FROM documents WHERE origin = 'imported'"
        ).fetchall()
        texts = [
            row[0]
            for row in connection.execute(
                "SELECT text FROM paragraphs WHERE document_id = ? ORDER BY seq", (document_id,)
            )
        ]
    return texts, json.loads(meta)


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_input(dwibahasa: Invoke, library: Path, tmp_path: Path, case: str) -> None:
    spec = CASES[case]
    folder = tmp_path / "masukan"
    folder.mkdir()
    path = spec.make(folder)
    before = _state(library)
    started = time.monotonic()
    code, out, err = dwibahasa("import", str(path), *spec.args)
    elapsed = time.monotonic() - started
    assert elapsed < spec.seconds, f"{case} took {elapsed:.1f} s"
    assert "Traceback" not in out + err
    assert not UNSAFE.search(out.replace("\n", "")), out
    assert not UNSAFE.search(err.replace("\n", "")), err
    if not spec.ok:
        assert code == 1, (out, err)
        lines = err.splitlines()
        assert len(lines) == 1, err
        assert lines[0].startswith("dwibahasa: error: ")
        assert spec.expect.lower() in err.lower(), err
        assert out == ""
        assert _state(library) == before
        return
    assert (code, err) == (0, ""), err
    assert len(out.splitlines()) == 1 and ": imported '" in out
    assert spec.summary in out
    texts, meta = _imported(library)
    assert any(spec.expect in text for text in texts), texts[:3]
    for text in texts:
        assert not UNSAFE.search(text)
        assert not any(mark in text for mark in GARBLED), text[:200]
    for key, value in (spec.meta or {}).items():
        assert meta[key] == value


def test_the_corpus_covers_every_kind() -> None:
    assert len(CASES) >= 60
    assert sum(not case.ok for case in CASES.values()) >= 25


def test_an_unreadable_file_is_one_line(
    dwibahasa: Invoke, library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root reads any file, so the refusal is simulated where the file is opened."""
    path = tmp_path / "rahasia.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    real_open = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    before = _state(library)
    code, out, err = dwibahasa("import", str(path))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"dwibahasa: error: {path}: permission denied; make the file readable (chmod u+r)"
        " and try again"
    ]
    assert _state(library) == before


def test_an_unreadable_file_is_one_line_as_a_user_sees_it(
    dwibahasa: Invoke, library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "rahasia.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    real_access, real_open = os.access, Path.open

    def no_access(target: Any, mode: int, **kwargs: Any) -> bool:
        return False if Path(str(target)) == path else real_access(target, mode, **kwargs)

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(os, "access", no_access)  # what chmod 000 means to anyone but root
    monkeypatch.setattr(Path, "open", refuse)
    code, _, err = dwibahasa("import", str(path))
    assert (code, len(err.splitlines())) == (1, 1), err
    assert "permission denied" in err


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_by_chmod(dwibahasa: Invoke, library: Path, tmp_path: Path) -> None:
    path = tmp_path / "rahasia.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    path.chmod(0)
    try:
        code, _, err = dwibahasa("import", str(path))
    finally:
        path.chmod(0o600)
    assert (code, len(err.splitlines())) == (1, 1), err


# --- random bytes, every format -----------------------------------------------------------------

SUFFIXES = [".txt", ".md", ".html", ".pdf", ".docx", ".text", ".htm", ".bin", ""]
PREFIXES = [
    b"",
    b"%PDF-1.4\n",
    b"PK\x03\x04",
    b"<html><body><p>",
    b"---\nlang: id\ntitle: ",
    b"---\ntitle: ",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"{\\rtf1",
    b"# Judul\n\n",
]
MARKUP = st.text(alphabet="<>/!?-=\"'&#;:[]*&_ `\n\tabpxliv\x1b\x9b", max_size=400)


def _docx_with(document_xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


FILES = st.one_of(
    st.tuples(st.sampled_from(PREFIXES), st.binary(max_size=2000)).map(b"".join),
    st.tuples(st.sampled_from(PREFIXES), MARKUP).map(lambda pair: pair[0] + pair[1].encode()),
    st.binary(max_size=1000).map(_docx_with),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=FILES, suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_are_read_or_refused_in_one_line(
    tmp_path: Path, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"acak{suffix}"
    path.write_bytes(data)
    started = time.monotonic()
    try:
        extracted = read_file(path)
    except UserError as error:
        message = str(error)
        assert "\n" not in message and "\x1b" not in message
    else:
        assert extracted.blocks is not None or extracted.pages is not None
    assert time.monotonic() - started < 5


@settings(max_examples=200)
@given(MARKUP)
def test_any_markup_is_read_as_html_in_linear_time(markup: str) -> None:
    from reader.ingest.read import _HtmlBlocks, _parse_html

    handler = _HtmlBlocks()
    _parse_html(markup * 50, handler)  # whatever it holds, it is tokenized without an error
    handler.close()
    for block in handler.blocks:
        assert block.text and not UNSAFE.search(block.text)
