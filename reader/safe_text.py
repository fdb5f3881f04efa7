"""Make untrusted text safe to show: no control characters, no terminal escapes.

Document text comes from PDFs, web pages and other people's files. Before it
reaches a terminal (the TUI or the CLI's plain output) every escape sequence
and control character is removed, so the text can neither restyle nor move
the terminal. Markup safety is separate: the UI renders text with
`rich.text.Text`, which never parses `[...]`.
"""

import re
import unicodedata

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), and two-character ESC sequences.
_ANSI_ESCAPE = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]         # CSI
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?   # OSC, terminated by BEL or ST
    | \x1b[PX^_][^\x1b]*(?:\x1b\\)?  # DCS, SOS, PM, APC
    | \x1b[ -/]*[0-~]               # other escapes: ESC 7, ESC c, ESC ( B, ESC =
    | \x9b[0-?]*[ -/]*[@-~]         # 8-bit CSI
    """,
    re.VERBOSE,
)
# C0 and C1 controls, DEL, and the bidi overrides that can disguise text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_escapes(text: str) -> str:
    """Remove terminal escape sequences (whole) and control characters; keep newlines."""
    text = _ANSI_ESCAPE.sub("", text)
    text = text.replace("\t", " ")
    return _CONTROL.sub("", text)


def display_text(text: str) -> str:
    """One paragraph as it may be painted: escapes gone, newlines as spaces."""
    return " ".join(strip_escapes(text).split())


def normalize(text: str) -> str:
    """Canonical stored form of a paragraph: NFC, no controls, single spaces."""
    return display_text(unicodedata.normalize("NFC", text))
