"""DOCX → `Extracted`: blocks by paragraph style (python-docx)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from reader.documents import Block
from reader.errors import ImportFailed
from reader.i18n import _
from reader.ingest.formats.pdf import _reason
from reader.ingest.model import Extracted
from reader.ingest.segment import CAPTION
from reader.safe_text import normalize

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

_LANG = "id"  # language detection is a later stage


def read_docx(data: bytes, name: str) -> Extracted:
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
        blocks: list[Block] = []
        title = _docx_blocks(document.iter_inner_content(), blocks)
        core_title = normalize(document.core_properties.title or "")
    except Exception as error:  # python-docx, zipfile and lxml all raise on damage
        raise ImportFailed(
            _("{name}: cannot read this DOCX ({reason}); it may be damaged").format(
                name=name, reason=_reason(error)
            )
        ) from None
    if not blocks:
        raise ImportFailed(_("{name}: has no text to import").format(name=name))
    # The Title paragraph is what readers see; core properties are often a stale template's.
    if is_line_per_paragraph(blocks):  # pasted with a hard return on every line
        lines = "\n".join(block.text for block in blocks)
        return Extracted("docx", pages=[lines], title=title or core_title or None)
    return Extracted("docx", blocks=blocks, title=title or core_title or None)


LINE_LIKE = 0.6
"""Share of a document's paragraphs that must look like wrapped lines to be rejoined."""


def is_line_per_paragraph(blocks: list[Block]) -> bool:
    """A Word file whose every line is a paragraph: no styles, similar lengths, few sentence ends.

    Such a file goes through the same line segmenting as text (line lengths, sentence ends,
    items), which joins its lines back into paragraphs.
    """
    if len(blocks) < 8 or any(block.kind != "paragraph" for block in blocks):
        return False
    lengths = sorted(len(block.text) for block in blocks)
    full = lengths[int(0.8 * (len(lengths) - 1))]
    if full > 140:
        return False  # real paragraphs run far longer than a line
    open_ended = sum(
        not block.text.rstrip().endswith((".", "?", "!", '"', "”")) for block in blocks
    )
    return open_ended >= LINE_LIKE * len(blocks)


def _docx_blocks(items: Iterator[Paragraph | Table], blocks: list[Block]) -> str | None:
    """Append the blocks of paragraphs and tables, in order; return the Title paragraph's text."""
    from docx.text.paragraph import Paragraph

    title: str | None = None
    for item in items:
        if not isinstance(item, Paragraph):
            seen: set[object] = set()  # holds the elements, so lxml keeps their identity
            for row in item.rows:
                for cell in row.cells:
                    if cell._tc not in seen:  # a merged cell repeats in every row/column
                        seen.add(cell._tc)
                        cell_title = _docx_blocks(cell.iter_inner_content(), blocks)
                        title = title or cell_title
            continue
        text = normalize(item.text)
        if not text:
            continue
        kind, level = _docx_kind(item, text)
        if level == 1 and kind == "heading" and title is None and _style_is(item, "title"):
            title = text
        blocks.append(Block(kind=kind, text=text, lang=_LANG, level=level))
    return title


def _docx_kind(paragraph: Paragraph, text: str) -> tuple[str, int]:
    style = paragraph.style
    for _depth in range(5):  # a custom style based on "Heading 2" is a heading too
        if style is None:
            break
        style_name = (style.name or "").strip().lower()
        if style_name == "title":
            return "heading", 1
        heading = re.fullmatch(r"heading\s*(\d)", style_name)
        if heading:
            return "heading", min(max(int(heading.group(1)), 1), 6)
        if style_name == "caption":
            return "caption", 0
        if style_name == "bibliography":
            return "reference", 0
        style = style.base_style
    return ("caption", 0) if CAPTION.match(text) else ("paragraph", 0)


def _style_is(paragraph: Paragraph, style_name: str) -> bool:
    return paragraph.style is not None and (paragraph.style.name or "").lower() == style_name
