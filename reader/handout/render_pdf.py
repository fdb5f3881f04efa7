"""The handout as PDF: the print HTML laid out by WeasyPrint.

WeasyPrint is imported on first use only: it loads Pango and HarfBuzz
through cffi, which costs time every other command should not pay, and
a machine without those system libraries can still make the other formats.
It is reached through `importlib` because it ships no type information.

Speed: with Debian's libharfbuzz-subset0 installed, WeasyPrint subsets the
embedded fonts in C; without it, in Python (fontTools), about 0.4 s more on
a 100-paragraph handout (see bench/handout.py). The output is the same.
Python's cyclic garbage collector is paused while WeasyPrint works: layout
allocates hundreds of thousands of short-lived objects, each collection
walks them all, and pausing it saves about an eighth of the time; what
became garbage is collected once rendering is over.
The HTML references no URL (every piece of text is escaped), so WeasyPrint
fetches nothing while rendering.
"""

from __future__ import annotations

import gc
import importlib
import logging
import warnings
from typing import Any

from reader.handout.errors import PdfUnavailable
from reader.handout.model import Handout
from reader.handout.render_html import to_html


def _weasyprint() -> Any:
    try:
        with warnings.catch_warnings():
            # Without libharfbuzz-subset WeasyPrint subsets fonts with fontTools (slower)
            # and says so with a DeprecationWarning on import; a handout run need not.
            warnings.filterwarnings("ignore", "HarfBuzz-Subset", DeprecationWarning)
            return importlib.import_module("weasyprint")
    except (ImportError, OSError) as error:  # OSError: Pango or its friends are missing
        raise PdfUnavailable(str(error)) from None


def to_pdf(handout: Handout) -> bytes:
    """PDF bytes; the document title and language come from the HTML."""
    weasyprint = _weasyprint()
    # WeasyPrint warns through logging about CSS it ignores; a handout run should not print that.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    collecting = gc.isenabled()
    gc.disable()  # see the module docstring
    try:
        data: bytes = weasyprint.HTML(string=to_html(handout), base_url=None).write_pdf()
    finally:
        if collecting:
            gc.enable()
    return data
