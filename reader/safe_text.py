"""Make untrusted text safe to show: no control characters, no terminal escapes.

Document text comes from PDFs, web pages and other people's files; glossary
terms and file names too. Before it reaches a terminal (the TUI or the CLI's
plain output) every escape sequence and control character is removed, so the
text can neither restyle nor move the terminal. What counts as unsafe is
decided once, in `glossary.untrusted` (the glossary importers use it too, and
`glossary` may not import `reader`). Markup safety is separate: the UI renders
text with `rich.text.Text`, which never parses `[...]`.
"""

import unicodedata

from glossary.untrusted import one_line, strip_escapes

__all__ = ["display_text", "normalize", "strip_escapes"]


def display_text(text: str) -> str:
    """One paragraph as it may be painted: escapes gone, newlines as spaces.

    The same as a glossary field's clean form (`glossary.untrusted.one_line`).
    """
    return one_line(text)


def normalize(text: str) -> str:
    """Canonical stored form of a paragraph: NFC, no controls, single spaces."""
    return display_text(unicodedata.normalize("NFC", text))
