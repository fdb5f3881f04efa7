"""A held-out corpus: texts and furniture the import rules were never tuned on.

    python -m bench.corpus build --unseen OUT_DIR
    python bench/fidelity.py --corpus OUT_DIR --no-seeds

The import rules were written while looking at the files of `bench.corpus.FILES`
(and the fixtures copied from them), so their scores there say little about
other files. These four sources (`unseen_sources/`: a statute excerpt, a public
health article, a speech with footnotes, a news story) were written after the
rules were frozen, and are set in the same kinds of layout with other running
headers, footers, journal lines and fonts. Their score is the honest one; a rule
changed because of it makes them seen, and the next held-out set must be new.
"""

from __future__ import annotations

from pathlib import Path

from bench.corpus import (
    Entry,
    hard_returns_layout,
    news_layout,
    render,
    speech_page,
    weasy_layout,
)
from bench.corpus.model import Furniture, Source

SOURCES = Path(__file__).resolve().parent / "unseen_sources"
UU14_HEADER = "UU Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik"


def _bold_headings(source: Source, target: Path, _: Path) -> list[Furniture]:
    return render.fpdf_pdf(source, target, header="", statute=False)


def _styled_docx(source: Source, target: Path, _: Path) -> list[Furniture]:
    return render.docx_styled(source, target, header=UU14_HEADER)


def _libreoffice(source: Source, target: Path, folder: Path) -> list[Furniture] | None:
    return render.libreoffice_pdf(folder / "uu14-word.docx", target, header=UU14_HEADER)


UU14 = "uu-14-2008-kip"
ARTICLE = "artikel-imunisasi"
SPEECH = "sambutan-pangan"
NEWS = "berita-banjir"

FILES = [
    Entry(
        "uu14-salinan.pdf",
        UU14,
        "statute, 'SALINAN' header, 'Hal. N'",
        weasy_layout("SALINAN", "Hal. {n}", statute=True),
    ),
    Entry("uu14-word.docx", UU14, "DOCX with styles", _styled_docx),
    Entry(
        "uu14-libreoffice.pdf",
        UU14,
        "Word to PDF (LibreOffice)",
        _libreoffice,
        after="uu14-word.docx",
        libreoffice=True,
    ),
    Entry(
        "uu14-tanda-hubung.pdf",
        UU14,
        "statute, A5, U+2010 hyphens, '- N -'",
        weasy_layout(UU14_HEADER, "- {n} -", css=render.HYPHEN_CSS, statute=True),
    ),
    Entry(
        "uu14-baris.docx", UU14, "DOCX, hard return per line (66 columns)", hard_returns_layout(66)
    ),
    Entry(
        "imunisasi-dua-kolom.pdf",
        ARTICLE,
        "two columns, journal header",
        weasy_layout(
            "Jurnal Kesehatan Masyarakat Nusantara, Vol. 12, No. 1, Maret 2025",
            "{n}",
            css=render.TWO_COLUMN_CSS,
        ),
    ),
    Entry("imunisasi-judul-tebal.pdf", ARTICLE, "bold headings, no numbers", _bold_headings),
    Entry(
        "imunisasi-baris.docx",
        ARTICLE,
        "DOCX, hard return per line (90 columns)",
        hard_returns_layout(90),
    ),
    Entry(
        "sambutan-catatan-kaki.pdf",
        SPEECH,
        "footnotes, 'Halaman N'",
        weasy_layout("Pekan Pangan Lokal", "Halaman {n}", footnotes=True),
    ),
    Entry("sambutan-portal.html", SPEECH, "web page, notes at end", speech_page),
    Entry("banjir-berita.html", NEWS, "news page, boilerplate", news_layout(False)),
    Entry("banjir-br.html", NEWS, "news page, <br><br>", news_layout(True)),
]
