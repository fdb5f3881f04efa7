"""Markdown (plain, other tools' front matter, or the `texts/` format) → `Extracted`."""

from __future__ import annotations

import datetime
import re
from typing import Any

from reader.documents import Block, is_texts_format, parse_document, split_front_matter
from reader.errors import ImportFailed
from reader.i18n import _
from reader.ingest.model import Extracted
from reader.safe_text import normalize

_LANG = "id"  # language detection is a later stage
MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)(?:\s+#+)?\s*$")
_MD_HEADING = MD_HEADING


_FENCE = re.compile(r"^(```|~~~)")
_RULE = re.compile(r"^(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_BULLET = re.compile(r"^[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^(\d{1,9})[.)]\s+(.*)$")
_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: their text
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(?<!\\)(\*\*|__)(?=\S)(.+?)(?<=\S)(?<!\\)\1"), r"\2"),
    (re.compile(r"(?<![\w\\*])\*(?=[^\s*])(.+?)(?<=[^\s\\*])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w\\])_(?=\S)(.+?)(?<=[^\s\\])_(?!\w)"), r"\1"),
    (re.compile(r"\\([!-/:-@\[-`{-~])"), r"\1"),  # backslash escapes
)


def _read_markdown(text: str, name: str) -> Extracted:
    if is_texts_format(text):
        parsed = parse_document(text, name=name)  # its errors say what to fix
        meta = dict(parsed.meta)
        return Extracted(
            "md", blocks=parsed.blocks, title=str(meta["title"]), meta=meta, texts_format=True
        )
    title = None
    front = split_front_matter(text)
    if front is not None:  # another tool's front matter (Jekyll, Hugo): keep only its title
        front_meta = front.load(name)  # not valid YAML: refused, its error says where
        if isinstance(front_meta, dict):
            title = _front_matter_title(front_meta)
            text = front.body
        # Else no front matter at all (`---` rules around text, or nothing between them).
    blocks = _markdown_blocks(text)
    if not blocks:
        raise ImportFailed(_("{name}: has no text to import").format(name=name))
    first_h1 = next((b.text for b in blocks if b.kind == "heading" and b.level == 1), None)
    return Extracted("md", blocks=blocks, title=title or first_h1)


def _front_matter_title(meta: dict[Any, Any]) -> str | None:
    title = meta.get("title")
    if isinstance(title, bool) or not isinstance(title, str | int | float | datetime.date):
        return None  # a list or mapping is no title (and its str() may be YAML aliases, huge)
    return normalize(str(title)) or None


def _markdown_blocks(text: str) -> list[Block]:
    """Plain Markdown → blocks: headings, paragraphs, one paragraph per list item."""
    blocks: list[Block] = []
    lines: list[str] = []
    in_list = False
    fence: str | None = None

    def flush(kind: str = "paragraph", level: int = 0) -> None:
        inline = _inline(" ".join(lines)) if fence is None else " ".join(lines)
        if content := normalize(inline):
            blocks.append(Block(kind=kind, text=content, lang=_LANG, level=level))
        lines.clear()

    for raw in text.split("\n"):
        line = raw.strip()
        if fence is not None:
            if line.startswith(fence):
                flush()
                fence = None
            else:
                lines.append(line)
            continue
        while line.startswith(">"):
            line = line[1:].strip()
        if _FENCE.match(line):
            flush()
            fence, in_list = line[:3], False
        elif not line or (line.startswith("<!--") and line.endswith("-->")):
            flush()
            in_list = False
        elif heading := _MD_HEADING.match(line):
            flush()
            lines.append(heading.group(2))
            flush("heading", len(heading.group(1)))
        elif lines and not in_list and re.fullmatch(r"=+|-+", line):
            flush("heading", 1 if line[0] == "=" else 2)  # setext underline
        elif _RULE.match(line):
            flush()
        elif item := _list_item(line, starts_block=not lines or in_list):
            flush()
            lines.append(item)
            in_list = True
        else:
            lines.append(line)
    flush()
    return blocks


def _list_item(line: str, *, starts_block: bool) -> str | None:
    """A list item's text (bullets dropped, numbers kept), or None if not an item here."""
    if bullet := _BULLET.match(line):
        return bullet.group(1)
    numbered = _NUMBERED.match(line)
    # A wrapped line starting "2024. Tahun itu" continues its paragraph, as in CommonMark.
    if numbered and (starts_block or numbered.group(1) == "1"):
        return line
    return None


def _inline(text: str) -> str:
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text
