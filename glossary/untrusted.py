"""Text from other people's files: what must never reach a terminal or a file format.

The one definition of unsafe text for the whole project: terminal escape
sequences (CSI, OSC, DCS and the short ESC forms, 8-bit CSI), C0 and C1
control characters and DEL, the bidi embeddings, overrides and isolates that
can make text read differently from what it is (U+202A-U+202E,
U+2066-U+2069), and lone surrogates (replaced with U+FFFD).
`reader.safe_text` builds its display and stored forms on these patterns, so
the reader, the CLI and the glossary importers agree on what is removed; this
module lives here because `glossary` never imports `reader`.

Escape sequences are removed whole (`\\x1b]0;title\\x07` leaves nothing), as a
terminal would consume them; an OSC that is never terminated takes the rest of
the text with it, as it would in a terminal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]         # CSI
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?   # OSC, terminated by BEL or ST
    | \x1b[PX^_][^\x1b]*(?:\x1b\\)?  # DCS, SOS, PM, APC
    | \x1b[ -/]*[0-~]               # other escapes: ESC 7, ESC c, ESC ( B, ESC =
    | \x9b[0-?]*[ -/]*[@-~]         # 8-bit CSI
    """,
    re.VERBOSE,
)
"""A terminal escape sequence, matched whole."""

_CONTROLS = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
CONTROL_CHARACTER = re.compile(f"[{_CONTROLS}]")
"""C0 controls but tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates."""

UNSAFE_CHARACTER = re.compile(f"[{_CONTROLS}\\ud800-\\udfff]")
"""A control character, or a lone surrogate: what `strip_escapes` removes or replaces.

A lone surrogate is what Python makes of an undecodable byte in a file name
(`surrogateescape`) or of a `\\udc9b` escape in JSON; printed, it becomes the
raw byte again (0x9B is an 8-bit CSI), and it cannot be stored as UTF-8. It is
replaced with U+FFFD, so the reader sees that a character was there.
"""
REPLACEMENT = "\ufffd"


def _unsafe_replacement(match: re.Match[str]) -> str:
    return REPLACEMENT if "\ud800" <= match.group() <= "\udfff" else ""


@dataclass(frozen=True)
class Stripped:
    """How much `clean_text` removed: whole escape sequences, and other control characters."""

    escapes: int = 0
    controls: int = 0
    """Control characters outside escape sequences, bidi controls included."""

    def __bool__(self) -> bool:
        return bool(self.escapes or self.controls)

    def __add__(self, other: Stripped) -> Stripped:
        return Stripped(self.escapes + other.escapes, self.controls + other.controls)


def strip_escapes(text: str) -> str:
    """Remove escape sequences (whole) and control characters; keep newlines, tabs to spaces.

    A lone surrogate becomes U+FFFD (`UNSAFE_CHARACTER`).
    """
    text = ESCAPE_SEQUENCE.sub("", text)
    text = text.replace("\t", " ")
    return UNSAFE_CHARACTER.sub(_unsafe_replacement, text)


def one_line(text: str) -> str:
    """A one-line field as it may be shown or stored: cleaned, whitespace collapsed."""
    return " ".join(strip_escapes(text).split())


def is_clean(text: str) -> bool:
    """True if `text` holds no escape sequence and no control character but tab and newline."""
    return UNSAFE_CHARACTER.search(text) is None  # every escape sequence starts with one


def clean_text(text: str) -> tuple[str, Stripped]:
    """`strip_escapes(text)`, and how many escape sequences and control characters went.

    Carriage returns are removed but not counted: they are line ends (CRLF),
    not content; tabs become spaces. A lone surrogate is replaced (U+FFFD), not
    counted: it stays visible. Clean text costs one search.
    """
    if is_clean(text):
        return text.replace("\t", " "), Stripped()
    text, escapes = ESCAPE_SEQUENCE.subn("", text)
    returns = text.count("\r")
    text, controls = CONTROL_CHARACTER.subn("", text.replace("\t", " "))
    text = UNSAFE_CHARACTER.sub(_unsafe_replacement, text)  # what is left: lone surrogates
    return text, Stripped(escapes, controls - returns)


def clean_mapping(data: Mapping[str, Any]) -> tuple[dict[str, Any], Stripped]:
    """Every text value (and text item of a list) of `data` cleaned; other values as they are.

    Values of other types are left for the entry's checks to refuse.
    """
    cleaned: dict[str, Any] = {}
    total = Stripped()
    for name, value in data.items():
        if isinstance(value, str):
            value, stripped = clean_text(value)
            total += stripped
        elif isinstance(value, list):
            items = []
            for item in value:
                if isinstance(item, str):
                    item, stripped = clean_text(item)
                    total += stripped
                items.append(item)
            value = items
        cleaned[name] = value
    return cleaned, total
