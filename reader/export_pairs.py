"""A document's aligned paragraphs for other tools: TMX 1.4b, TSV and DOCX.

Translators' tools (OmegaT, Trados, memoQ) reuse aligned text as translation
memory in TMX; a spreadsheet reads TSV; a person edits a DOCX table. Every
pair carries where its English came from (`reference`, `reviewed`,
`machine`), as a TMX `<prop type="x-dwibahasa-source">` and a column
elsewhere, so a translator can trust a person's English and check a
machine's. Paragraphs without English and paragraphs the source wrote in
English have no pair. `dwibahasa export` and the reader's command palette
both call `export_document`.

Text is data in every format: XML escaped (ElementTree) with the characters
XML 1.0 cannot carry removed, TSV cells on one line with spreadsheet formulas
guarded (as the glossary's CSV), DOCX text through python-docx.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from glossary.export import guard_formula
from reader import __version__
from reader.errors import UserError
from reader.files import check_output, write_atomically
from reader.i18n import _
from reader.safe_text import display_text

if TYPE_CHECKING:
    from reader.library import BilingualRow, DocumentRecord
    from reader.service import ReadingService

FORMATS = ("tmx", "tsv", "docx")
SUFFIXES = {".tmx": "tmx", ".tsv": "tsv", ".txt": "tsv", ".docx": "docx"}
SOURCES = ("reference", "reviewed", "machine")
SOURCE_PROP = "x-dwibahasa-source"
"""The TMX `<prop>` type naming where the English came from (`x-` as TMX 1.4b asks)."""
TSV_FIELDS = ("seq", "kind", "source", "engine", "model", "id", "en")
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot carry (a lone surrogate, C0 controls)."""


@dataclass(frozen=True)
class ExportPair:
    """One paragraph and its English, with where the English came from."""

    seq: int
    kind: str
    indonesian: str
    english: str
    source: str
    """'reference', 'reviewed' or 'machine'."""
    engine: str
    model: str


def pairs_of(rows: Sequence[BilingualRow], sources: Sequence[str] = SOURCES) -> list[ExportPair]:
    """The rows that have an Indonesian text and English from one of `sources`."""
    pairs = []
    for row in rows:
        if row.lang == "en" or not row.english or row.english_status not in sources:
            continue
        pairs.append(
            ExportPair(
                row.seq,
                row.kind,
                _clean(row.text),
                _clean(row.english),
                row.english_status or "",
                _clean(row.english_engine or ""),
                _clean(row.english_model or ""),
            )
        )
    return pairs


def _clean(text: str) -> str:
    """One line, nothing a terminal or an XML parser would choke on."""
    return NOT_XML.sub("", display_text(text))


def format_for(output: Path) -> str:
    format = SUFFIXES.get(output.suffix.lower())
    if format is None:
        raise UserError(
            _("{file}: say the format (tmx, tsv or docx); the extension does not tell").format(
                file=display_text(str(output))
            )
        )
    return format


def render_pairs(
    document: DocumentRecord,
    pairs: Sequence[ExportPair],
    format: str,
    *,
    now: datetime.datetime | None = None,
) -> bytes:
    if format == "tmx":
        return to_tmx(document, pairs, now=now)
    if format == "tsv":
        return to_tsv(pairs)
    if format == "docx":
        return to_docx(document, pairs)
    raise UserError(_("unknown format '{format}' (use tmx, tsv or docx)").format(format=format))


def export_document(
    service: ReadingService,
    document: DocumentRecord,
    range_spec: str | None,
    *,
    format: str | None,
    output: Path,
    force: bool = False,
    sources: Sequence[str] = SOURCES,
) -> list[ExportPair]:
    """Write `document`'s pairs in `range_spec` to `output` (atomically); return them.

    Raises `UserError` for a bad range or format, `OutputExists` unless `force`.
    """
    format = format or format_for(output)
    check_output(output, force)
    pairs = pairs_of(service.rows_in_range(document, range_spec), sources)
    write_atomically(output, render_pairs(document, pairs, format))
    return pairs


def to_tmx(
    document: DocumentRecord,
    pairs: Sequence[ExportPair],
    *,
    now: datetime.datetime | None = None,
) -> bytes:
    """TMX 1.4b: a header (Indonesian source, paragraph segments), one `<tu>` per pair."""
    import xml.etree.ElementTree as ET

    stamp = (now or datetime.datetime.now(datetime.UTC)).strftime("%Y%m%dT%H%M%SZ")
    tmx = ET.Element("tmx", version="1.4")
    header = ET.SubElement(
        tmx,
        "header",
        {
            "creationtool": "Dwibahasa",
            "creationtoolversion": __version__,
            "datatype": "plaintext",
            "segtype": "paragraph",
            "adminlang": "en",
            "srclang": "id",
            "o-tmf": "Dwibahasa",
            "creationdate": stamp,
        },
    )
    ET.SubElement(header, "prop", type="x-dwibahasa-document").text = _clean(document.slug)
    ET.SubElement(header, "note").text = _clean(document.title)
    body = ET.SubElement(tmx, "body")
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for pair in pairs:
        unit = ET.SubElement(
            body, "tu", tuid=f"{_clean(document.slug)}-{pair.seq}", creationdate=stamp
        )
        ET.SubElement(unit, "prop", type=SOURCE_PROP).text = pair.source
        ET.SubElement(unit, "prop", type="x-dwibahasa-paragraph").text = str(pair.seq)
        if pair.source == "machine":
            engine = _clean(f"{pair.engine} {pair.model}".strip())
            ET.SubElement(unit, "prop", type="x-dwibahasa-engine").text = engine
        for code, text in (("id", pair.indonesian), ("en", pair.english)):
            variant = ET.SubElement(unit, "tuv", {lang: code})
            ET.SubElement(variant, "seg").text = _clean(text)
    ET.indent(tmx)
    declaration = '<?xml version="1.0" encoding="UTF-8"?>\n'
    doctype = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
    return (declaration + doctype + ET.tostring(tmx, encoding="unicode") + "\n").encode("utf-8")


def to_tsv(pairs: Sequence[ExportPair]) -> bytes:
    """UTF-8, tab-separated, a header row; cells on one line, formula cells guarded."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(TSV_FIELDS)
    for pair in pairs:
        cells = (
            str(pair.seq),
            pair.kind,
            pair.source,
            pair.engine,
            pair.model,
            pair.indonesian,
            pair.english,
        )
        writer.writerow([guard_formula(_clean(cell)) for cell in cells])
    return buffer.getvalue().encode("utf-8")


def to_docx(document: DocumentRecord, pairs: Sequence[ExportPair]) -> bytes:
    """A Word table: ¶, Indonesian, English, where the English came from."""
    import docx
    from docx.shared import Mm, Pt

    word = docx.Document()
    word.add_heading(_clean(document.title), level=1)
    table = word.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    widths = (Mm(12), Mm(75), Mm(75), Mm(25))
    for cell, text, width in zip(
        table.rows[0].cells,
        ("¶", _("Indonesian"), _("English"), _("Source of the English")),
        widths,
        strict=True,
    ):
        cell.width = width
        cell.paragraphs[0].add_run(text).bold = True
    for pair in pairs:
        cells = table.add_row().cells
        source = pair.source if pair.source != "machine" else f"machine ({pair.engine})"
        for cell, text, width in zip(
            cells, (str(pair.seq), pair.indonesian, pair.english, source), widths, strict=True
        ):
            cell.width = width
            run = cell.paragraphs[0].add_run(_clean(text))
            run.font.size = Pt(9)
            run.bold = pair.kind == "heading"
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
