"""What the stages of an import hand to each other."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.documents import Block


@dataclass
class Extracted:
    """A file's content as its reader found it, before cleaning and segmenting.

    Flowing text (plain text, PDF) comes as `pages` of raw text, to be cleaned
    and segmented; formats that carry their own structure (DOCX, HTML,
    Markdown) come as `blocks` already.
    """

    source_format: str
    """'txt', 'md', 'pdf', 'docx' or 'html'."""
    pages: list[str] | None = None
    blocks: list[Block] | None = None
    title: str | None = None
    meta: dict[str, object] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
