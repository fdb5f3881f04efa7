"""The last touches every import path gives its blocks: normal form, language, a title."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from reader.documents import PARAGRAPHS_GUESSED, Block
from reader.ingest.clean import CleanReport
from reader.ingest.language import is_english
from reader.ingest.segment import MINOR_WORDS_EN, MINOR_WORDS_ID, FlowResult
from reader.safe_text import normalize

MINOR_WORDS = MINOR_WORDS_ID | MINOR_WORDS_EN


def finish_blocks(blocks: list[Block]) -> list[Block]:
    """Normalise text, drop empty blocks, and mark the ones written in English."""
    finished = []
    for block in blocks:
        text = normalize(block.text)
        if not text:
            continue
        lang = "en" if is_english(text) else block.lang
        finished.append(replace(block, text=text, lang=lang))  # a `PagedBlock` keeps its page
    return finished


def note_flow(flow: FlowResult, meta: dict[str, object], report: CleanReport) -> None:
    """Record what a text that lost its line breaks gave: its masthead, and that its
    paragraph breaks are guesses (`bench/flow_paragraphs.py` measures how good)."""
    meta[PARAGRAPHS_GUESSED] = True
    if flow.front_matter:
        meta["front_matter"] = flow.front_matter
        report.record(flow.front_matter, "masthead")


def first_heading(blocks: Sequence[Block]) -> str | None:
    for block in blocks[:5]:
        if block.kind == "heading":
            return block.text
    return None


def title_case(title: str) -> str:
    """`UPAYA NORMALISASI DAN ...` → `Upaya Normalisasi dan ...`; mixed case is left alone."""
    if any(c.islower() for c in title):
        return title
    cased = []
    for i, word in enumerate(title.split()):
        lower = word.lower()
        if _ROMAN.fullmatch(word) or (len(word) <= 3 and lower not in MINOR_WORDS):
            cased.append(word)  # BAB IV, AS, ROK: numerals and acronyms stay as they are
        elif i and lower in MINOR_WORDS:
            cased.append(lower)
        else:
            cased.append(lower[:1].upper() + lower[1:])
    return " ".join(cased)


_ROMAN = re.compile(r"[IVXLC]+")
