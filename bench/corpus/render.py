"""Turn a source's blocks into the files people receive: PDFs, DOCX files and web pages.

Every renderer writes one file and returns the furniture it put around the
content (running headers, page numbers, boilerplate), so that the expected
structure knows every word of the file. Renderers are deterministic: fixed
dates, fixed zip timestamps, no random identifiers.
"""

from __future__ import annotations

import datetime
import html
import io
import os
import re
import shutil
import subprocess
import tempfile
import textwrap
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.corpus.model import NOTE_CALL, Block, Furniture, Source, plain

FONTS = Path("/usr/share/fonts/truetype/dejavu")
FIXED_DATE = datetime.datetime(2024, 5, 2, 8, 0, 0, tzinfo=datetime.UTC)
_LABEL = re.compile(r"^(?P<label>\(\d+\)|[a-z]\.|\d+\.)\s+(?P<rest>.*)$", re.S)
_BAB = re.compile(r"^(?P<head>BAB [IVXLC]+) (?P<rest>.+)$")
_BAGIAN = re.compile(r"^(?P<head>Bagian \w+) (?P<rest>.+)$")
_TITLE_BREAKS = re.compile(r" (?=NOMOR |TENTANG |TAHUN 1945$)")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _heading_lines(text: str) -> list[str]:
    """A statute heading as it is printed: 'BAB I' above its title, the title in lines."""
    for pattern in (_BAB, _BAGIAN):
        match = pattern.match(text)
        if match:
            return [match["head"], match["rest"]]
    return _TITLE_BREAKS.split(text)


# --- WeasyPrint (HTML and CSS to PDF) ---------------------------------------------------

BASE_CSS = """
@page { size: A4; margin: 2.6cm 2.4cm 2.6cm 2.4cm;
  @top-center { content: "%(header)s"; font: 8.5pt "DejaVu Sans"; color: #444; }
  @bottom-center { content: %(footer)s; font: 8.5pt "DejaVu Sans"; color: #444; } }
@page :first { @top-center { content: none; } }
body { font: 10.5pt/1.45 "DejaVu Serif"; }
h1 { font-size: 12.5pt; margin: 1.1em 0 0.5em; }
h2 { font-size: 11pt; margin: 0.9em 0 0.4em; }
p { margin: 0 0 0.55em; text-align: justify; }
p.item { padding-left: 2.2em; text-indent: -2.2em; }
p.ref { padding-left: 2em; text-indent: -2em; }
.fn { float: footnote; font-size: 8pt; text-align: left; }
"""
STATUTE_CSS = """
h1, h2 { text-align: center; }
h2 { font-weight: normal; }
"""
HYPHEN_CSS = """
@page { size: A5; margin: 1.9cm 1.6cm 2cm 1.6cm; }
body { font-size: 10pt; }
p { hyphens: auto; }
"""
TWO_COLUMN_CSS = """
@page { margin: 2cm 1.6cm; }
body { font-size: 9.5pt; columns: 2; column-gap: 0.7cm; }
h1:first-child { column-span: all; font-size: 15pt; text-align: center; }
h1 { font-size: 10.5pt; }
p { hyphens: auto; text-indent: 1.2em; margin: 0; }
p.item, p.ref { text-indent: -2em; }
"""


def _blocks_html(source: Source, *, statute: bool, footnotes: bool) -> str:
    notes = source.notes
    out = []
    for block in source.body:
        lang = f' lang="{block.lang}"' if block.lang != "id" else ""
        if block.kind == "heading":
            tag = f"h{min(block.level, 6)}"
            lines = _heading_lines(block.text) if statute else [block.text]
            out.append(f"<{tag}{lang}>" + "<br>".join(_e(x) for x in lines) + f"</{tag}>")
            continue
        text = _e(block.text)
        if footnotes:
            text = NOTE_CALL.sub(
                lambda m: f'<span class="fn">{_e(notes[int(m["n"])].text)}</span>', text
            )
        else:
            text = NOTE_CALL.sub("", text)
        css = {"item": "item", "reference": "ref"}.get(block.kind, "")
        cls = f' class="{css}"' if css else ""
        out.append(f"<p{cls}{lang}>{text}</p>")
    return "\n".join(out)


def weasy_pdf(
    source: Source,
    target: Path,
    *,
    header: str,
    footer: str,
    extra_css: str = "",
    statute: bool = False,
    footnotes: bool = False,
) -> list[Furniture]:
    """A PDF by WeasyPrint. `footer` has `{n}` for the page number, `{m}` (optional) the count."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    # fontTools stamps the subset fonts' `head.modified` with the clock unless this is set.
    os.environ["SOURCE_DATE_EPOCH"] = str(int(FIXED_DATE.timestamp()))
    before, _, after = footer.partition("{n}")
    after, total, last = after.partition("{m}")
    footer_css = f'"{before}" counter(page) "{after}"'
    if total:
        footer_css += f' counter(pages) "{last}"'
    css = BASE_CSS % {"header": header, "footer": footer_css} + extra_css
    if statute:
        css += STATUTE_CSS
    body = _blocks_html(source, statute=statute, footnotes=footnotes)
    page = (
        f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
        f"<title>{_e(source.title)}</title><style>{css}</style></head><body>{body}</body></html>"
    )
    document = HTML(string=page).render()
    document.write_pdf(target, pdf_identifier=b"dwibahasa-corpus", uncompressed_pdf=False)
    furniture = []
    for n in range(1, len(document.pages) + 1):
        if n > 1:
            furniture.append(Furniture("running-header", header))
        furniture.append(Furniture("page-number", footer.format(n=n, m=len(document.pages))))
    return furniture


# --- fpdf2 ------------------------------------------------------------------------------


def fpdf_pdf(
    source: Source, target: Path, *, header: str, statute: bool, footer: str = "Halaman {n}"
) -> list[Furniture]:
    """A PDF by fpdf2: bold headings without numbers, `footer` ('Halaman N') at the foot."""
    from fpdf import FPDF

    furniture: list[Furniture] = []

    class Document(FPDF):
        def header(self) -> None:
            if self.page_no() > 1 and header:
                self.set_font("serif", "", 8)
                self.cell(0, 6, header, align="R", new_x="LMARGIN", new_y="NEXT")
                self.ln(4)
                furniture.append(Furniture("running-header", header))

        def footer(self) -> None:
            self.set_y(-18)
            self.set_font("serif", "", 8)
            label = footer.format(n=self.page_no())
            self.cell(0, 8, label, align="C")
            furniture.append(Furniture("page-number", label))

    pdf = Document(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(source.title)
    pdf.add_font("serif", "", str(FONTS / "DejaVuSerif.ttf"))
    pdf.add_font("serif", "B", str(FONTS / "DejaVuSerif-Bold.ttf"))
    pdf.set_margins(25, 22, 25)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for block in source.body:
        text = plain(block.text)
        if block.kind == "heading":
            pdf.ln(3)
            pdf.set_font("serif", "B", 12 if block.level == 1 else 11)
            lines = _heading_lines(text) if statute else [text]
            pdf.multi_cell(
                width,
                6,
                "\n".join(lines),
                align="C" if statute else "L",
                new_x="LMARGIN",
                new_y="NEXT",
            )
            pdf.ln(2)
            continue
        pdf.set_font("serif", "", 10.5)
        label = _LABEL.match(text) if block.kind == "item" else None
        if label:
            pdf.cell(10, 5.6, label["label"])
            pdf.multi_cell(width - 10, 5.6, label["rest"], align="J")
        else:
            pdf.multi_cell(width, 5.6, text, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(pdf.l_margin)
        pdf.ln(1.5)
    pdf.output(str(target))
    return furniture


# --- DOCX -------------------------------------------------------------------------------


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry dated `FIXED_DATE` (python-docx stamps the clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 5, 2, 8, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def _new_docx(title: str) -> Any:
    import docx

    document = docx.Document()
    properties = document.core_properties
    properties.title = title
    properties.author = "Dwibahasa corpus"
    properties.last_modified_by = "Dwibahasa corpus"
    properties.created = FIXED_DATE.replace(tzinfo=None)
    properties.modified = FIXED_DATE.replace(tzinfo=None)
    properties.revision = 1
    return document


def _page_field(paragraph: Any) -> None:
    """A PAGE field (the page number Word fills in) at the end of `paragraph`."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def docx_styled(
    source: Source, target: Path, *, header: str, footer: str = "Halaman "
) -> list[Furniture]:
    """A Word file with real styles: Heading 1/2, List Paragraph for items, a header/footer.

    The header and footer live in their own parts, outside the body, so they
    are not furniture of the DOCX itself (they are of its PDF export).
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    document = _new_docx(source.title)
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    page_footer = section.footer.paragraphs[0]
    page_footer.text = footer
    page_footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(page_footer)
    for block in source.body:
        text = plain(block.text)
        if block.kind == "heading":
            heading = document.add_heading(text, level=min(block.level, 3))
            heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif block.kind == "item":
            paragraph = document.add_paragraph(text, style="List Paragraph")
            paragraph.paragraph_format.left_indent = Cm(1)
            paragraph.paragraph_format.first_line_indent = Cm(-0.8)
        else:
            paragraph = document.add_paragraph(text)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    buffer = io.BytesIO()
    document.save(buffer)
    target.write_bytes(_fixed_zip(buffer.getvalue()))
    return []


def docx_hard_returns(source: Source, target: Path, *, width: int = 78) -> list[Furniture]:
    """A Word file pasted from a PDF: one paragraph per line, no styles, no blank lines."""
    document = _new_docx(source.title)
    for block in source.body:
        for line in textwrap.wrap(plain(block.text), width=width, break_on_hyphens=False):
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    target.write_bytes(_fixed_zip(buffer.getvalue()))
    return []


def libreoffice_pdf(
    docx_file: Path, target: Path, *, header: str, footer: str = "Halaman {n}"
) -> list[Furniture] | None:
    """`docx_file` exported to PDF by LibreOffice, or None when `soffice` is not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix="dwibahasa-lo-") as scratch:
        profile = Path(scratch) / "profile"
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                scratch,
                str(docx_file),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.move(str(Path(scratch) / f"{docx_file.stem}.pdf"), target)
    from pypdf import PdfReader

    pages = len(PdfReader(target).pages)
    furniture = []
    for n in range(1, pages + 1):
        furniture.append(Furniture("running-header", header))
        furniture.append(Furniture("page-number", footer.format(n=n)))
    return furniture


# --- Web pages --------------------------------------------------------------------------

NEWS_SITE = "Warta Nusantara"
NEWS_NAV = "Beranda Nasional Daerah Pendidikan Lingkungan Ekonomi Olahraga Indeks"
COOKIE = (
    "Situs ini menggunakan cookie untuk meningkatkan pengalaman Anda. Dengan melanjutkan "
    "penelusuran, Anda menyetujui kebijakan privasi kami."
)
SHARE = "Bagikan artikel ini: Facebook Twitter WhatsApp Salin tautan"
AD = "ADVERTISEMENT"
READ_ALSO = "Baca juga: Guru Honorer di Daerah Terpencil Kini Dapat Tunjangan Tambahan"
POPULAR = [
    "Terpopuler",
    "Jadwal Libur Sekolah Semester Genap Resmi Diumumkan",
    "Harga Cabai Merah di Pasar Induk Turun Tiga Hari Berturut-turut",
    "Timnas U-17 Lolos ke Babak Final Setelah Adu Penalti",
]
COMMENTS = [
    "Komentar (2)",
    "Rina Marlina",
    "3 jam yang lalu",
    "Semoga program seperti ini juga sampai ke kampung kami di ujung kabupaten.",
    "Agus Salim",
    "5 jam yang lalu",
    "Terima kasih atas beritanya, sangat menginspirasi untuk para guru muda.",
]
FOOTER = [
    "Tentang Kami Redaksi Pedoman Media Siber Kebijakan Privasi Kontak",
    "© 2024 Warta Nusantara. Seluruh hak cipta dilindungi undang-undang.",
]


def _furniture(kind: str, *texts: str) -> list[Furniture]:
    return [Furniture(kind, text) for text in texts]


def news_html(source: Source, target: Path, *, br_paragraphs: bool) -> list[Furniture]:
    """A news page: navigation, cookie banner, share bar, adverts, 'Terpopuler', comments."""
    blocks = source.body
    headline, body = blocks[0], blocks[1:]
    furniture = [
        *_furniture("masthead", NEWS_SITE),
        *_furniture("navigation", NEWS_NAV),
        *_furniture("cookie-banner", COOKIE, "Saya setuju"),
        *_furniture("share-bar", SHARE),
    ]
    nav = "".join(f'<li><a href="/{w.lower()}">{w}</a></li>' for w in NEWS_NAV.split())
    parts = [
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">',
        f"<title>{_e(headline.text)} - {NEWS_SITE}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta property="og:title" content="{_e(headline.text)}">',
        "<script>window.dataLayer=window.dataLayer||[];</script></head><body>",
        f'<header class="site-header"><div class="logo"><a href="/">{NEWS_SITE}</a></div>',
        f'<nav class="menu"><ul>{nav}</ul></nav></header>',
        f'<div class="cookie-banner" role="dialog"><p>{_e(COOKIE)}</p>',
        '<button type="button">Saya setuju</button></div>',
        '<main><article class="detail">',
        f'<h1 class="detail-title">{_e(headline.text)}</h1>',
        '<div class="share-bar"><span>Bagikan artikel ini:</span> <a href="#">Facebook</a> '
        '<a href="#">Twitter</a> <a href="#">WhatsApp</a> <a href="#">Salin tautan</a></div>',
        '<div class="detail-text">',
    ]
    paragraphs: list[str] = []
    for i, block in enumerate(body):
        paragraphs.append(_e(plain(block.text)))
        if i == 1:
            paragraphs.append(f'<div class="ads"><span>{AD}</span><div id="gpt-ad-1"></div></div>')
            furniture += _furniture("advertisement", AD)
        if i == 3:
            paragraphs.append(
                f'<div class="baca-juga"><strong>Baca juga:</strong> <a href="/x">'
                f"{_e(READ_ALSO.removeprefix('Baca juga: '))}</a></div>"
            )
            furniture += _furniture("read-also", READ_ALSO)
        if i == 5:
            paragraphs.append(f'<div class="ads"><span>{AD}</span><div id="gpt-ad-2"></div></div>')
            furniture += _furniture("advertisement", AD)
    if br_paragraphs:
        joined = "".join(
            p if p.startswith("<div") else p + "<br><br>\n" for p in paragraphs
        ).removesuffix("<br><br>\n")
        parts.append(f'<div class="isi">{joined}</div>')
    else:
        parts.extend(p if p.startswith("<div") else f"<p>{p}</p>" for p in paragraphs)
    parts.append("</div></article>")
    popular = "".join(f'<li><a href="/p{n}">{_e(t)}</a></li>' for n, t in enumerate(POPULAR[1:]))
    parts.append(f'<aside class="populer"><h2>{POPULAR[0]}</h2><ol>{popular}</ol></aside>')
    furniture += _furniture("popular", *POPULAR)
    c = COMMENTS
    parts.append(
        f'<section class="comments"><h3>{c[0]}</h3>'
        f'<div class="comment"><b>{c[1]}</b> <time>{c[2]}</time><p>{_e(c[3])}</p></div>'
        f'<div class="comment"><b>{c[4]}</b> <time>{c[5]}</time><p>{_e(c[6])}</p></div>'
        "</section></main>"
    )
    furniture += _furniture("comments", *COMMENTS)
    parts.append(
        f'<footer><p class="links">{FOOTER[0]}</p><p class="copy">{_e(FOOTER[1])}</p></footer>'
        "</body></html>"
    )
    furniture += _furniture("footer", *FOOTER)
    target.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return furniture


PORTAL = "Portal Informasi Pendidikan"
PORTAL_NAV = "Beranda Profil Berita Siaran Pers Publikasi Kontak"
PORTAL_FOOTER = (
    "Hak Cipta © 2024 Portal Informasi Pendidikan. Konten dapat dikutip dengan menyebut sumber."
)


def speech_html(source: Source, target: Path) -> list[Furniture]:
    """A speech on an official portal, its footnotes as a numbered list at the end."""
    notes = source.notes
    furniture = [
        *_furniture("masthead", PORTAL),
        *_furniture("navigation", PORTAL_NAV),
        *_furniture("share-bar", "Bagikan: Facebook X WhatsApp Surel"),
        *_furniture("footer", PORTAL_FOOTER),
    ]
    nav = "".join(f"<li>{_e(w)}</li>" for w in ("Beranda", "Profil", "Berita", "Siaran Pers"))
    nav += "<li>Publikasi</li><li>Kontak</li>"
    body = []
    for block in source.body:
        if block.kind == "heading":
            body.append(f"<h1>{_e(block.text)}</h1>")
            body.append(
                '<div class="share">Bagikan: <a>Facebook</a> <a>X</a> <a>WhatsApp</a> '
                "<a>Surel</a></div>"
            )
            continue
        text = NOTE_CALL.sub(
            lambda m: f'<sup><a href="#catatan-{m["n"]}">{m["n"]}</a></sup>', _e(block.text)
        )
        body.append(f"<p>{text}</p>")
    items = "".join(
        f'<li id="catatan-{n}"><span class="nomor">{n}</span> {_e(b.text)}</li>'
        for n, b in sorted(notes.items())
    )
    page = (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
        f"<title>{_e(source.title)} | {PORTAL}</title></head><body>"
        f'<header><div class="brand">{PORTAL}</div><nav><ul>{nav}</ul></nav></header>'
        f'<main><div class="content">{"".join(body)}'
        f'<ol class="catatan-kaki">{items}</ol></div></main>'
        f"<footer><p>{_e(PORTAL_FOOTER)}</p></footer></body></html>\n"
    )
    target.write_text(page, encoding="utf-8")
    return furniture


Renderer = Callable[[Source, Path], list[Furniture] | None]
__all__ = [
    "Block",
    "Renderer",
    "docx_hard_returns",
    "docx_styled",
    "fpdf_pdf",
    "libreoffice_pdf",
    "news_html",
    "speech_html",
    "weasy_pdf",
]
