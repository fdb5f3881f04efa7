"""The streamed plain-text import gives what the whole-text pipeline gives, in pieces."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.documents import Block
from reader.ingest.clean import CleanReport, NoticeStream, remove_notices
from reader.ingest.pipeline import ingest_extracted, ingest_file
from reader.ingest.read import read_file
from reader.ingest.stream import BlockSpool, Limits, ingest_text_file
from reader.library import Library, ParagraphInput

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
TINY = Limits(read_bytes=97, header_window=1 << 20, segment_lines=7)
"""Pieces small enough that every stage crosses many piece edges."""


def _whole(path: Path) -> tuple[list[Block], str | None, list[object], dict[str, object]]:
    result = ingest_extracted(read_file(path))
    return list(result.blocks), result.title, list(result.removals), result.meta


def _streamed(
    path: Path, limits: Limits | None = None
) -> tuple[list[Block], str | None, list[object], dict[str, object]]:
    result = ingest_text_file(path, max_bytes=1 << 26, limits=limits)
    assert result is not None
    return list(result.blocks), result.title, list(result.report.removals), result.meta


def _paged(text: str, every: int) -> str:
    lines = text.split("\n")
    return "\n".join(
        line + ("\f" if i % every == every - 1 else "") for i, line in enumerate(lines)
    )


@pytest.mark.parametrize("limits", [None, TINY], ids=["default", "tiny-pieces"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.stem[:3])
def test_streamed_seed_is_the_whole_text_result(
    seed: Path, limits: Limits | None, tmp_path: Path
) -> None:
    variants = {
        "plain.txt": seed.read_text(encoding="utf-8"),
        "paged.txt": _paged(seed.read_text(encoding="utf-8"), 40),
        "crlf.txt": seed.read_text(encoding="utf-8").replace("\n", "\r\n"),
    }
    for name, text in variants.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8", newline="")
        assert _streamed(path, limits) == _whole(path), name


def test_streamed_text_keeps_removal_order_and_notices(tmp_path: Path) -> None:
    pages = [
        f"Jurnal Uji Hubungan Internasional | {n}\n\nIsi halaman {n} berlanjut di sini"
        f" tanpa titik\n\n{n}"
        for n in range(1, 8)
    ]
    pages[0] += "\nCopyright 2020 penulis, e-mail: penulis@contoh.ac.id\n"
    path = tmp_path / "jurnal.txt"
    path.write_text("\f".join(pages) + "\f", encoding="utf-8")
    blocks, title, removals, meta = _streamed(path, TINY)
    assert (blocks, title, removals, meta) == _whole(path)
    assert meta["notices"]
    assert {removal.reason for removal in removals} >= {  # type: ignore[attr-defined]
        "page-number",
        "running-header",
        "notice",
    }


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "",
                    "12",
                    "BAB II",
                    "Pasal 3",
                    "(1) Setiap orang berhak atas pekerjaan.",
                    "Jurnal Ilmu Sosial | 45",
                    "A. Latar Belakang",
                    "Tabel 1. Jumlah penduduk",
                    "negara-",
                    "negara itu berdaulat.",
                    "Penelitian ini membahas hubungan kedua negara secara rinci",
                    "DAFTAR PUSTAKA",
                    "Ali, A. (2019). Judul buku. Jakarta: Penerbit.",
                    "\f",
                ]
            ),
            st.text(alphabet="abcde ABC.,-1\t", max_size=70),
        ),
        max_size=120,
    )
)
def test_streamed_equals_whole_on_generated_text(lines: list[str], tmp_path: Path) -> None:
    text = "\n".join(lines)
    path = tmp_path / "acak.txt"
    path.write_text(text, encoding="utf-8")
    streamed = ingest_text_file(path, max_bytes=1 << 20, limits=TINY)
    if streamed is None:  # empty, or not plain text: the whole path reads it
        return
    assert (
        list(streamed.blocks),
        streamed.title,
        list(streamed.report.removals),
        streamed.meta,
    ) == _whole(path)


def test_streaming_leaves_other_files_to_the_whole_reader(tmp_path: Path) -> None:
    cases = {
        "legacy.txt": "Kalimat café.\n".encode("cp1252"),
        "escape.txt": b"Teks \x1b]0;judul\x07 biasa.\n",
        "front.txt": b"---\ntitle: X\n---\nIsi.\n",
        "page.html": b"<html><body><p>Isi.</p></body></html>",
        "utf16.txt": "Isi teks.\n".encode("utf-16"),
        "empty.txt": b" \n\n",
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert ingest_text_file(path, max_bytes=1 << 20) is None, name
    assert ingest_file(tmp_path / "legacy.txt").legacy_lines == 1


def test_streamed_text_over_the_limit_is_left_to_the_whole_reader(tmp_path: Path) -> None:
    path = tmp_path / "besar.txt"
    path.write_text("Kalimat panjang.\n" * 100, encoding="utf-8")
    assert ingest_text_file(path, max_bytes=100) is None


@given(text=st.text(max_size=3000), cut=st.integers(min_value=1, max_value=500))
def test_notice_stream_cuts_what_the_whole_text_cut(text: str, cut: int) -> None:
    text += " Copyright 2021, hubungi: penulis@kampus.ac.id lalu " + text
    whole_report, stream_report = CleanReport(), CleanReport()
    expected = remove_notices(text, whole_report)
    stream = NoticeStream(stream_report)
    pieces = [stream.feed(text[i : i + cut]) for i in range(0, len(text), cut)]
    assert "".join(pieces) + stream.finish() == expected
    assert stream_report.removals == whole_report.removals


def test_block_spool_reads_back_in_order_and_by_index() -> None:
    spool = BlockSpool()
    blocks = [Block(kind="paragraph", text=f"Paragraf {i} “kutip”", lang="id") for i in range(30)]
    for block in blocks:
        spool.append(block)
    assert len(spool) == 30
    assert list(spool) == blocks
    assert list(spool) == blocks  # read again
    assert spool[3] == blocks[3] and spool[-1] == blocks[-1]
    assert spool[:5] == blocks[:5]
    assert [pair[0] for pair in zip(spool, spool, strict=True)] == blocks  # two readers at once
    with pytest.raises(IndexError):
        spool[30]
    spool.close()


def test_library_writes_a_long_document_in_batches(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib.db")
    spool = BlockSpool()
    for i in range(1203):
        spool.append(Block(kind="paragraph", text=f"Paragraf nomor {i}.", lang="id"))
    fields: dict[str, Any] = {
        "authors": [],
        "source": None,
        "year": None,
        "lang": "id",
        "origin": "imported",
        "path": None,
        "meta": {},
    }
    document = library.save_document(
        slug="panjang", title="Panjang", sha256="a", paragraphs=spool, **fields
    )
    rows = library.conn.execute(
        "SELECT seq, text FROM paragraphs WHERE document_id = ? ORDER BY seq", [document.id]
    ).fetchall()
    assert [text for _, text in rows] == [block.text for block in spool]
    assert [seq for seq, _ in rows] == list(range(1, 1204))
    # An update keeps the rows of unchanged paragraphs and writes the new ones in batches.
    kept = library.conn.execute(
        "SELECT id FROM paragraphs WHERE document_id = ? AND seq = 2", [document.id]
    ).fetchone()[0]
    again = [ParagraphInput(kind="paragraph", text="Baru.", lang="id")] + [
        ParagraphInput(kind=b.kind, text=b.text, lang=b.lang) for b in spool
    ]
    library.save_document(slug="panjang", title="Panjang", sha256="b", paragraphs=again, **fields)
    assert (
        library.conn.execute("SELECT seq FROM paragraphs WHERE id = ?", [kept]).fetchone()[0] == 3
    )
    assert library.paragraph_count(document.id) == 1204
    library.close()
