"""A realistic corpus for measuring imports: public Indonesian texts as people receive them.

    python -m bench.corpus build OUT_DIR [--only NAME,...] [--no-libreoffice]

Each entry of `FILES` turns one source of `sources/` into one file (a PDF in
some layout, a DOCX, a web page) and writes beside it `<file>.expected.md`:
the blocks a careful reader would make of it, and the furniture (headers,
page numbers, boilerplate) around them (see `bench.corpus.model`). Building is
deterministic: the same files, byte for byte, every time, except the
LibreOffice export (LibreOffice stamps its own dates and identifiers).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import render
from bench.corpus.model import Expected, Furniture, Source, expected_blocks, load_source
from bench.corpus.model import render_expected as render_expected_md

SOURCES = Path(__file__).resolve().parent / "sources"
UU20_HEADER = "UU No. 20 Tahun 2003 tentang Sistem Pendidikan Nasional"


@dataclass(frozen=True)
class Entry:
    """One corpus file: its name, its source, its layout and how to make it."""

    name: str
    source: str
    layout: str
    make: Callable[[Source, Path, Path], list[Furniture] | None]
    """(source, target, output folder) → furniture, or None when a tool is missing."""
    after: str = ""
    """A file this one is made from (built first)."""
    libreoffice: bool = False
    """Made by LibreOffice (left out with `--no-libreoffice`)."""


Make = Callable[[Source, Path, Path], list[Furniture]]


def weasy_layout(
    header: str, footer: str, *, css: str = "", statute: bool = False, footnotes: bool = False
) -> Make:
    """A WeasyPrint PDF with this running header and footer (`{n}`: the page number)."""

    def make(source: Source, target: Path, _: Path) -> list[Furniture]:
        return render.weasy_pdf(
            source,
            target,
            header=header,
            footer=footer,
            extra_css=css,
            statute=statute,
            footnotes=footnotes,
        )

    return make


def hard_returns_layout(width: int = 78) -> Make:
    """A DOCX pasted line by line, lines of about `width` characters."""

    def make(source: Source, target: Path, _: Path) -> list[Furniture]:
        return render.docx_hard_returns(source, target, width=width)

    return make


def news_layout(br: bool) -> Make:
    """The corpus's news site; `br`: paragraphs as `<br><br>` in one block."""

    def make(source: Source, target: Path, _: Path) -> list[Furniture]:
        return render.news_html(source, target, br_paragraphs=br)

    return make


def speech_page(source: Source, target: Path, _: Path) -> list[Furniture]:
    """A speech on an official portal, its notes listed at the end."""
    return render.speech_html(source, target)


def _statute_pdf(source: Source, target: Path, _: Path) -> list[Furniture]:
    return render.weasy_pdf(
        source,
        target,
        header="PRESIDEN REPUBLIK INDONESIA",
        footer="- {n} -",
        statute=True,
    )


def _hyphenated_pdf(source: Source, target: Path, _: Path) -> list[Furniture]:
    return render.weasy_pdf(
        source,
        target,
        header="UU 32/2009 tentang Perlindungan dan Pengelolaan Lingkungan Hidup",
        footer="Halaman {n}",
        extra_css=render.HYPHEN_CSS,
        statute=True,
    )


def _footnotes_pdf(source: Source, target: Path, _: Path) -> list[Furniture]:
    return render.weasy_pdf(
        source,
        target,
        header="Sambutan pada Peringatan Hari Pendidikan Nasional",
        footer="Halaman {n}",
        footnotes=True,
    )


def _two_column_pdf(source: Source, target: Path, _: Path) -> list[Furniture]:
    return render.weasy_pdf(
        source,
        target,
        header="Jurnal Ekonomi dan Kebijakan Pendidikan, Vol. 7, No. 2, Oktober 2024",
        footer="{n}",
        extra_css=render.TWO_COLUMN_CSS,
    )


def _bold_headings_pdf(source: Source, target: Path, _: Path) -> list[Furniture]:
    return render.fpdf_pdf(source, target, header="", statute=False)


def _uud_pdf(source: Source, target: Path, _: Path) -> list[Furniture]:
    return render.fpdf_pdf(source, target, header="UUD NRI Tahun 1945", statute=True)


def _styled_docx(header: str) -> Callable[[Source, Path, Path], list[Furniture]]:
    def make(source: Source, target: Path, _: Path) -> list[Furniture]:
        return render.docx_styled(source, target, header=header)

    return make


def _libreoffice(source: Source, target: Path, folder: Path) -> list[Furniture] | None:
    return render.libreoffice_pdf(folder / "uu20-word.docx", target, header=UU20_HEADER)


FILES = [
    Entry("uu20-statuta.pdf", "uu-20-2003-sisdiknas", "statute, running header", _statute_pdf),
    Entry("uu20-word.docx", "uu-20-2003-sisdiknas", "DOCX with styles", _styled_docx(UU20_HEADER)),
    Entry(
        "uu20-libreoffice.pdf",
        "uu-20-2003-sisdiknas",
        "Word to PDF (LibreOffice)",
        _libreoffice,
        after="uu20-word.docx",
        libreoffice=True,
    ),
    Entry("uu32-tanda-hubung.pdf", "uu-32-2009-pplh", "statute, U+2010 hyphens", _hyphenated_pdf),
    Entry(
        "uu32-baris.docx", "uu-32-2009-pplh", "DOCX, hard return per line", hard_returns_layout()
    ),
    Entry("uud1945-fpdf.pdf", "uud-1945", "statute (fpdf2), Halaman N", _uud_pdf),
    Entry("uud1945-word.docx", "uud-1945", "DOCX with styles", _styled_docx("UUD NRI Tahun 1945")),
    Entry("pidato-catatan-kaki.pdf", "pidato-hardiknas", "footnotes", _footnotes_pdf),
    Entry("pidato-portal.html", "pidato-hardiknas", "web page, notes at end", speech_page),
    Entry("artikel-dua-kolom.pdf", "artikel-belanja-pendidikan", "two columns", _two_column_pdf),
    Entry(
        "artikel-judul-tebal.pdf",
        "artikel-belanja-pendidikan",
        "bold headings, no numbers",
        _bold_headings_pdf,
    ),
    Entry(
        "artikel-baris.docx",
        "artikel-belanja-pendidikan",
        "DOCX, hard return per line",
        hard_returns_layout(),
    ),
    Entry("berita-literasi.html", "berita-literasi", "news page, boilerplate", news_layout(False)),
    Entry("berita-mangrove.html", "berita-mangrove", "news page, <br><br>", news_layout(True)),
]
FIXTURES = [
    "uu20-statuta.pdf",
    "uu20-word.docx",
    "uu20-libreoffice.pdf",
    "uu32-tanda-hubung.pdf",
    "uu32-baris.docx",
    "pidato-catatan-kaki.pdf",
    "artikel-dua-kolom.pdf",
    "artikel-judul-tebal.pdf",
    "artikel-baris.docx",
    "berita-literasi.html",
    "berita-mangrove.html",
]
"""The subset copied into `tests/fixtures/realistic/`."""
NOT_REPRODUCIBLE = {"uu20-libreoffice.pdf"}
"""Files whose bytes differ between builds (their text and expected structure do not)."""


def expected_path(path: Path) -> Path:
    return path.with_name(path.name + ".expected.md")


def build(
    out_dir: Path,
    *,
    only: list[str] | None = None,
    libreoffice: bool = True,
    files: list[Entry] | None = None,
    sources: Path = SOURCES,
) -> list[str]:
    """Write the corpus (or the files named in `only`) into `out_dir`; the names written.

    `files` and `sources` name another set of entries and the folder of their sources
    (the held-out corpus of `bench.corpus.unseen`); the default is this corpus.
    """
    entries = FILES if files is None else files
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = {e.name for e in entries} if only is None else set(only)
    unknown = wanted - {e.name for e in entries}
    if unknown:
        raise ValueError(f"no such corpus file: {', '.join(sorted(unknown))}")
    for entry in entries:  # what a wanted file is made from comes with it
        if entry.name in wanted and entry.after:
            wanted.add(entry.after)
    if not libreoffice:
        wanted -= {e.name for e in entries if e.libreoffice}
    root = Path(__file__).resolve().parent.parent.parent
    written: list[str] = []
    manifest = []
    for entry in entries:
        if entry.name not in wanted:
            continue
        source_file = sources / f"{entry.source}.md"
        source = load_source(source_file)
        target = out_dir / entry.name
        furniture = entry.make(source, target, out_dir)
        if furniture is None:
            print(f"skipped {entry.name}: the tool that makes it is not installed")
            continue
        notes = sorted(source.notes)
        expected = Expected(
            meta={
                "title": source.title,
                "file": entry.name,
                "source": source_file.relative_to(root).as_posix(),
                "layout": entry.layout,
                "provenance": source.meta.get("provenance", ""),
                "licence": source.meta.get("licence", ""),
            },
            blocks=expected_blocks(source),
            furniture=furniture,
            optional=[str(n) for n in notes] * 2,  # the call in the text and the note's number
        )
        expected_path(target).write_text(render_expected_md(expected), encoding="utf-8")
        written.append(entry.name)
        manifest.append({"file": entry.name, "source": entry.source, "layout": entry.layout})
    (out_dir / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return written
