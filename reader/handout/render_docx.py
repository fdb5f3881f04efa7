"""The handout as a Word document a teacher can edit (python-docx).

Real tables, not tab-aligned text: the paragraphs in a two-column table
(Indonesian | English, one row per paragraph after the header row, rows not
split across pages, the header row repeated on each page), the glossary in
a three-column table, the matching exercise in a table. The exercises and
the answer key each start after a page-break run. A4 with 18 mm margins.

python-docx writes text into XML and refuses characters XML cannot hold;
`_clean` drops them (stored text is already free of controls, but a glossary
import might not be).
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from reader.handout.model import (
    Exercises,
    Handout,
    Marked,
    Pair,
    first_marks,
    letter,
    single_text,
)
from reader.handout.wording import (
    ANSWER_KEY,
    CLOZE,
    CLOZE_HELP,
    CLOZE_NONE,
    DEFINITION,
    ENGLISH,
    ENGLISH_IN_SOURCE,
    EXERCISES,
    GLOSSARY,
    INDONESIAN,
    MATCHING,
    MATCHING_HELP,
    MATCHING_NONE,
    MISSING_ENGLISH,
    NO_TERMS,
    TERMS_MARKED,
    TEXT,
    WORD_BANK,
    cite_line,
    date_line,
    range_line,
    say,
    sources_line,
)

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table, _Row
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
BLANK_LINE = "_" * 14


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def to_docx(handout: Handout) -> bytes:
    """The .docx file's bytes."""
    import docx
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(18))
    normal = document.styles["Normal"]
    normal.font.size = Pt(10)
    properties = document.core_properties
    properties.title = _clean(handout.title)[:255]
    properties.author = _clean(", ".join(handout.authors))[:255]
    properties.language = handout.lang
    properties.comments = f"dwibahasa handout: {handout.slug}, {range_line(handout)}"

    _head(document, handout)
    _text(document, handout)
    _glossary(document, handout)
    if handout.exercises is not None:
        _exercises(document, handout, handout.exercises)
        _key(document, handout, handout.exercises)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


# --- helpers -------------------------------------------------------------------------


PROOFING = {"id": "id-ID", "en": "en-GB"}
"""Word's proofing language per text language (the reference English is British)."""


def _lang(run: Run, lang: str) -> Run:
    """Mark `run` as `lang` so Word spell-checks Indonesian as Indonesian."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:lang")
    element.set(qn("w:val"), PROOFING[lang])
    run._r.get_or_add_rPr().append(element)
    return run


def _runs(paragraph: Paragraph, spans: Marked, lang: str, *, heading: bool = False) -> None:
    """Text runs; terms bold (and underlined in a heading row, which is bold already)."""
    for span in first_marks(spans):
        run = _lang(paragraph.add_run(_clean(span.text)), lang)
        if span.term_id is not None:
            run.bold = True
            if heading:
                run.underline = True
        elif heading:
            run.bold = True


def _small(paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False) -> Run:
    from docx.shared import Pt

    run = paragraph.add_run(_clean(text))
    run.font.size = Pt(7.5)
    run.bold = bold
    run.italic = italic
    return run


def _table(document: Document, headers: list[str], widths_mm: list[float]) -> Table:
    """A bordered table with a header row that repeats on every page."""
    from docx.oxml import OxmlElement
    from docx.shared import Mm

    table: Table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    for cell, text, width in zip(table.rows[0].cells, headers, widths_mm, strict=True):
        cell.width = Mm(width)
        cell.paragraphs[0].add_run(_clean(text)).bold = True
    header = OxmlElement("w:tblHeader")
    table.rows[0]._tr.get_or_add_trPr().append(header)
    return table


def _row(table: Table, widths_mm: list[float]) -> _Row:
    """A new row that Word keeps on one page (`cantSplit`: a pair is never cut in two)."""
    from docx.oxml import OxmlElement
    from docx.shared import Mm

    row: _Row = table.add_row()  # type: ignore[no-untyped-call]
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for cell, width in zip(row.cells, widths_mm, strict=True):
        cell.width = Mm(width)
    return row


def _page_break(document: Document) -> None:
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# --- sections ------------------------------------------------------------------------


def _head(document: Document, handout: Handout) -> None:
    document.add_heading(_clean(handout.title), level=0)
    if handout.title_en:
        document.add_paragraph().add_run(_clean(handout.title_en)).italic = True
    label, _, citation = cite_line(handout).partition(": ")
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(_clean(citation))
    document.add_paragraph(_clean(f"{date_line(handout)} · {range_line(handout)}"))
    document.add_paragraph(_clean(sources_line(handout)))
    document.add_paragraph(say(handout, TERMS_MARKED))


PARALLEL_WIDTHS = [87.0, 87.0]
GLOSSARY_WIDTHS = [40.0, 40.0, 94.0]
MATCHING_WIDTHS = [16.0, 70.0, 88.0]


SINGLE_WIDTHS = [174.0]


def _text(document: Document, handout: Handout) -> None:
    document.add_heading(say(handout, TEXT), level=1)
    if handout.indonesian_only:  # one column: the Indonesian (or what the source wrote in English)
        single = _table(document, [say(handout, INDONESIAN)], SINGLE_WIDTHS)
        for pair in handout.pairs:
            cell = _row(single, SINGLE_WIDTHS).cells[0].paragraphs[0]
            _small(cell, f"¶{pair.seq} ", bold=True)
            spans, lang = single_text(pair)
            _runs(cell, spans, lang, heading=pair.kind == "heading")
            _kind_format(pair.kind, [(cell, 1)])
        return
    table = _table(document, [say(handout, INDONESIAN), say(handout, ENGLISH)], PARALLEL_WIDTHS)
    for pair in handout.pairs:
        _pair(handout, _row(table, PARALLEL_WIDTHS), pair)


def _pair(handout: Handout, row: _Row, pair: Pair) -> None:
    heading = pair.kind == "heading"
    left, right = row.cells[0].paragraphs[0], row.cells[1].paragraphs[0]
    _small(left, f"¶{pair.seq} ", bold=True)
    if pair.indonesian is None:
        _small(left, say(handout, ENGLISH_IN_SOURCE), italic=True)
    else:
        _runs(left, pair.indonesian, "id", heading=heading)
    if pair.english is None:
        right.add_run(say(handout, MISSING_ENGLISH)).italic = True
    else:
        _runs(right, pair.english, "en", heading=heading)
    _kind_format(pair.kind, [(left, 1), (right, 0)])
    unreviewed = pair.source in ("machine", "missing")
    _small(row.cells[1].add_paragraph(), pair.source_note, bold=unreviewed, italic=not unreviewed)


def _kind_format(kind: str, paragraphs: list[tuple[Any, int]]) -> None:
    """Footnotes (`note`) in small type; clauses and list items (`item`) indented as a list.

    Each paragraph comes with the number of runs before its text (the ¶ number).
    """
    from docx.shared import Pt

    for paragraph, skip in paragraphs:
        if kind == "note":
            for run in paragraph.runs[skip:]:
                run.font.size = Pt(8)
        elif kind == "item":
            paragraph.paragraph_format.left_indent = Pt(10)


def _glossary(document: Document, handout: Handout) -> None:
    document.add_heading(say(handout, GLOSSARY), level=1)
    if not handout.glossary:
        document.add_paragraph(say(handout, NO_TERMS))
        return
    headers = [say(handout, INDONESIAN), say(handout, ENGLISH), say(handout, DEFINITION)]
    table = _table(document, headers, GLOSSARY_WIDTHS)
    for entry in handout.glossary:
        row = _row(table, GLOSSARY_WIDTHS)
        cells = zip(
            row.cells,
            (entry.indonesian, entry.english, entry.definition),
            ("id", "en", handout.lang),
            strict=True,
        )
        for cell, text, lang in cells:
            _lang(cell.paragraphs[0].add_run(_clean(text)), lang)


def _exercises(document: Document, handout: Handout, exercises: Exercises) -> None:
    _page_break(document)
    document.add_heading(say(handout, EXERCISES), level=1)
    cloze, matching = exercises.cloze, exercises.matching
    document.add_heading(f"1. {say(handout, CLOZE)}", level=2)
    if cloze.answers:
        document.add_paragraph().add_run(say(handout, CLOZE_HELP)).italic = True
        box = document.add_table(rows=1, cols=1)
        box.style = "Table Grid"
        cell = box.rows[0].cells[0]
        cell.paragraphs[0].add_run(say(handout, WORD_BANK)).bold = True
        cell.add_paragraph(_clean("   ·   ".join(cloze.bank)))
        for paragraph in cloze.paragraphs:
            out = document.add_paragraph()
            _small(out, f"¶{paragraph.seq} ", bold=True)
            for part in paragraph.parts:
                if isinstance(part, str):
                    _lang(out.add_run(_clean(part)), cloze.lang)
                else:
                    out.add_run(f"({part.number}) {BLANK_LINE}").bold = True
    else:
        document.add_paragraph(say(handout, CLOZE_NONE))
    document.add_heading(f"2. {say(handout, MATCHING)}", level=2)
    if matching.indonesian:
        document.add_paragraph().add_run(say(handout, MATCHING_HELP)).italic = True
        table = document.add_table(rows=0, cols=3)
        table.autofit = False
        for index, (left, right) in enumerate(
            zip(matching.indonesian, matching.english, strict=True)
        ):
            row = _row(table, MATCHING_WIDTHS)
            row.cells[0].paragraphs[0].add_run(f"{index + 1}. ____")
            _lang(row.cells[1].paragraphs[0].add_run(_clean(left)), "id")
            _lang(row.cells[2].paragraphs[0].add_run(_clean(f"{letter(index)}. {right}")), "en")
    else:
        document.add_paragraph(say(handout, MATCHING_NONE))


def _key(document: Document, handout: Handout, exercises: Exercises) -> None:
    _page_break(document)
    document.add_heading(say(handout, ANSWER_KEY), level=1)
    document.add_heading(f"1. {say(handout, CLOZE)}", level=2)
    if exercises.cloze.answers:
        for blank in exercises.cloze.answers:
            document.add_paragraph(_clean(f"({blank.number}) {blank.answer}"))
    else:
        document.add_paragraph(say(handout, CLOZE_NONE))
    document.add_heading(f"2. {say(handout, MATCHING)}", level=2)
    matching = exercises.matching
    if matching.key:
        for index, target in enumerate(matching.key):
            text = f"{index + 1}. {letter(target)} ({matching.english[target]})"
            document.add_paragraph(_clean(text))
    else:
        document.add_paragraph(say(handout, MATCHING_NONE))
