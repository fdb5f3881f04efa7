"""File → `Extracted`: recognise a document's format and pull out its text.

The format is judged by content first, because files arrive misnamed (a PDF
saved as `.txt`, a web page as `.pdf`), and by extension only when the
content cannot tell. Readers keep the structure a format carries (headings,
captions) and leave flowing text (plain text, PDF pages) to the later stages.
Every failure is an `ImportFailed` with one line that names the file and says
what to do.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import io
import logging
import os
import re
import stat
import threading
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.documents import (
    DEFAULT_MAX_BYTES,
    Block,
    file_too_large,
    format_size,
    is_texts_format,
    parse_document,
    split_front_matter,
)
from reader.errors import FileTooLarge, ImportFailed
from reader.i18n import N_, _
from reader.ingest.decode import decode_text, file_signature, not_text, tidy
from reader.ingest.model import Extracted
from reader.ingest.segment import CAPTION
from reader.safe_text import normalize, strip_escapes

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from pypdf import PdfReader

__all__ = ["DEFAULT_MAX_BYTES", "ImportFailed", "detect_format", "read_file"]

_LANG = "id"  # language detection is a later stage
_SUFFIXES = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OTHER_PACKAGES = {  # a ZIP member that tells what else an archive is
    "xl/workbook.xml": N_("an Excel workbook"),
    "ppt/presentation.xml": N_("a PowerPoint presentation"),
    "content.xml": N_("an OpenDocument file"),
    "META-INF/container.xml": N_("an EPUB book"),
}
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_SOFT_HYPHEN_BREAK = re.compile(r"\u00ad[ \t]*(?:\r\n|\r|\n)")
_PDF_MAGIC = re.compile(rb"(?:\A|[\r\n\x00-\x08\x80-\xff])%PDF-\d\.\d")
_HTML_MARKER = re.compile(r"<(?:!doctype\s+html|html|head|body)\b|<p>", re.I)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)(?:\s+#+)?\s*$")


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Extracted:
    """Read one document file of any supported format into `Extracted`."""
    name = strip_escapes(str(path))
    data = _read_bytes(path, name, max_bytes)
    extracted = _extract(data, path, name, max_bytes)
    extracted.sha256 = hashlib.sha256(data).hexdigest()
    return extracted


def _extract(data: bytes, path: Path, name: str, max_bytes: int) -> Extracted:
    fmt = detect_format(data, path, max_bytes=max_bytes)
    if fmt == "pdf":
        return _read_pdf(data, name)
    if fmt == "docx":
        return _read_docx(data, name)
    decoded = decode_text(data, name, encoding=_meta_charset(data), keep_form_feeds=True)
    text = decoded.text
    fmt = _text_format(text, path)
    if fmt == "html":
        extracted = _read_html(text.replace("\f", "\n"), name)
    elif fmt == "md":
        extracted = _read_markdown(text.replace("\f", "\n"), name)
    else:
        pages = text.split("\f")
        if len(pages) > 1 and not pages[-1].strip():
            pages.pop()  # pdftotext and friends end the last page with a form feed too
        extracted = Extracted("txt", pages=pages)
    extracted.legacy_lines = decoded.legacy_lines
    extracted.legacy_encoding = decoded.legacy_encoding
    return extracted


def detect_format(data: bytes, path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """'pdf' or 'docx' when the bytes (or, failing that, the extension) say so; else 'text'.

    Which text format ('txt', 'md', 'html') needs the decoded text: see `_text_format`.
    """
    name = strip_escapes(str(path))
    suffix = _SUFFIXES.get(path.suffix.lower())
    if _PDF_MAGIC.search(data[:1024]):  # readers allow junk before the header
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        return _zip_format(data, name, suffix, max_bytes)
    description = file_signature(data)
    if description is not None:
        raise not_text(name, description)
    if suffix in ("pdf", "docx"):
        return suffix  # not what its name says: the reader reports it as damaged
    if data.lstrip().startswith(b"{\\rtf"):
        raise ImportFailed(
            _("{name}: is an RTF document; save it as DOCX or plain text first").format(name=name)
        )
    return "text"


def _read_bytes(path: Path, name: str, max_bytes: int) -> bytes:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ImportFailed(
                _("{name}: is a directory; give the path of a file inside it").format(name=name)
            )
        if not stat.S_ISREG(info.st_mode):
            raise ImportFailed(
                _("{name}: is not a regular file; give the path of a document file").format(
                    name=name
                )
            )
        if info.st_size > max_bytes:
            raise file_too_large(name, info.st_size, max_bytes)
        with path.open("rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):  # replaced since the stat
                raise ImportFailed(
                    _("{name}: is not a regular file; give the path of a document file").format(
                        name=name
                    )
                )
            data = file.read(max_bytes + 1)
    except (FileNotFoundError, NotADirectoryError):
        raise ImportFailed(_("{name}: no such file; check the path").format(name=name)) from None
    except PermissionError:
        raise ImportFailed(
            _("{name}: permission denied; make the file readable (chmod u+r) and try again").format(
                name=name
            )
        ) from None
    except OSError as error:
        raise ImportFailed(
            _("{name}: cannot read the file ({reason})").format(name=name, reason=error.strerror)
        ) from None
    if len(data) > max_bytes:  # it grew after stat
        raise FileTooLarge(
            _("{name}: is over the {limit} limit").format(name=name, limit=format_size(max_bytes)),
            name=name,
            size=len(data),
            limit=max_bytes,
        )
    if not data.strip():
        raise ImportFailed(
            _("{name}: the file is empty; choose a file with text in it").format(name=name)
        )
    return data


def _zip_format(data: bytes, name: str, suffix: str | None, max_bytes: int) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        if suffix == "docx":
            return "docx"  # the DOCX reader says it is damaged
        raise ImportFailed(
            _("{name}: is a damaged ZIP archive, not a document").format(name=name)
        ) from None
    names = {member.filename for member in members}
    if "word/document.xml" not in names:
        kind = next((kind for part, kind in _OTHER_PACKAGES.items() if part in names), None)
        if kind is not None:
            raise ImportFailed(
                _("{name}: is {kind}, not a document; save it as DOCX or PDF").format(
                    name=name, kind=_(kind)
                )
            )
        raise ImportFailed(
            _(
                "{name}: is a ZIP archive, not a document; unzip it and import the file inside"
            ).format(name=name)
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > 10 * max_bytes:  # a zip bomb would exhaust memory in python-docx
        raise FileTooLarge(
            _("{name}: unpacks to {size}, over ten times the {limit} limit").format(
                name=name, size=format_size(unpacked), limit=format_size(max_bytes)
            ),
            name=name,
            size=unpacked,
            limit=max_bytes,
        )
    return "docx"


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _text_format(text: str, path: Path) -> str:
    """'html', 'md' or 'txt': content that clearly is one wins over the extension."""
    head = text[:1024].lstrip()
    if head.startswith("<") and _HTML_MARKER.search(head):
        return "html"
    suffix = _SUFFIXES.get(path.suffix.lower())
    if suffix in ("html", "md"):
        return suffix
    if split_front_matter(text) is not None:
        return "md"
    first_line = head.split("\n", 1)[0]
    return "md" if _MD_HEADING.match(first_line) else "txt"


# --- PDF ---------------------------------------------------------------------------------


def _read_pdf(data: bytes, name: str) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    notes: list[str] = []
    try:
        with _pypdf_quiet(notes):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not _decrypt(reader):
                raise ImportFailed(
                    _("{name}: is encrypted; remove the password and try again").format(name=name)
                )
            pages = [_pdf_page_text(page.extract_text()) for page in reader.pages]
            info = reader.metadata
            title = normalize(str(info.title)) if info is not None and info.title else ""
            author = normalize(str(info.author)) if info is not None and info.author else ""
    except ImportFailed:
        raise
    except DependencyError:
        raise ImportFailed(
            _(
                "{name}: is encrypted with AES, which needs the 'cryptography' package;"
                " install it or remove the encryption and try again"
            ).format(name=name)
        ) from None
    except Exception as error:  # pypdf raises many types on malformed input
        raise ImportFailed(
            _("{name}: cannot read this PDF ({reason}); it may be damaged").format(
                name=name, reason=_reason(error)
            )
        ) from None
    if not pages:
        raise ImportFailed(
            _("{name}: cannot read this PDF (it has no pages); it may be damaged").format(name=name)
        )
    if not any(page.strip() for page in pages):
        raise ImportFailed(
            _(
                "{name}: has no text layer: run OCR first (e.g. ocrmypdf) and import the result"
            ).format(name=name)
        )
    meta: dict[str, object] = {"page_count": len(pages)}
    if author:
        meta["authors"] = [author]
    return Extracted("pdf", pages=pages, title=title or None, meta=meta, warnings=notes)


def _pdf_page_text(text: str) -> str:
    """A page's text, tidied; a soft hyphen that broke a word at a line end shows as `-`.

    Typesetters print a soft hyphen where they break a word, so it is a hyphen
    there, and segmenting decides whether to mend it; anywhere else it is noise.
    """
    return tidy(_SOFT_HYPHEN_BREAK.sub("-\n", text))


def _decrypt(reader: PdfReader) -> bool:
    """Open a PDF that has only an owner password (no password to read it)."""
    from pypdf.errors import PdfReadError

    try:
        return bool(reader.decrypt(""))
    except PdfReadError:
        return False


_PYPDF_LOG = threading.Lock()


@contextmanager
def _pypdf_quiet(notes: list[str]) -> Iterator[None]:
    """Collect pypdf's log warnings as import warnings instead of writing them to stderr.

    Logging and warning filters are process-wide, so PDF reads take turns: a
    worker thread's import must neither lose nor steal another's warnings.
    """

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = normalize(record.getMessage())
            if message not in notes and len(notes) < 20:
                notes.append(message)

    logger = logging.getLogger("pypdf")
    handler = Collect(logging.WARNING)
    with _PYPDF_LOG:
        propagate = logger.propagate
        logger.addHandler(handler)
        logger.propagate = False
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                yield
        finally:
            logger.removeHandler(handler)
            logger.propagate = propagate


def _reason(error: BaseException) -> str:
    """A library's error message, short and safe to print."""
    text = normalize(str(error).split("\n", 1)[0]) or type(error).__name__
    return text if len(text) <= 80 else text[:79] + "…"


# --- DOCX --------------------------------------------------------------------------------


def _read_docx(data: bytes, name: str) -> Extracted:
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
    return Extracted("docx", blocks=blocks, title=title or core_title or None)


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


# --- HTML --------------------------------------------------------------------------------

_HTML_BLOCKS = {
    **{f"h{n}": ("heading", n) for n in range(1, 7)},
    **dict.fromkeys(
        ("p", "li", "blockquote", "dd", "dt", "pre", "td", "th", "summary"), ("paragraph", 0)
    ),
    "figcaption": ("caption", 0),
    "caption": ("caption", 0),
}
_HTML_BREAKS = frozenset(
    {
        *("address", "article", "aside", "body", "center", "details", "dialog", "div", "dl"),
        *("fieldset", "figure", "form", "hr", "html", "main", "menu", "ol", "section"),
        *("table", "tbody", "tfoot", "thead", "tr", "ul"),
    }
)
_HTML_SKIP = frozenset(
    {"script", "style", "nav", "header", "footer", "noscript", "template", "svg"}
)


class _HtmlBlocks:
    """Collects headings and paragraphs; text between blocks becomes a paragraph too.

    Fed by `_parse_html`. Open blocks and skipped elements are also counted by
    tag, so an end tag never searches the stack for its start: a flood of end
    tags over many open blocks was quadratic (600 KB took two minutes).
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._title: list[str] = []
        self._text: list[str] = []
        self._open: list[tuple[str, str, int]] = []  # (tag, kind, level) of open blocks
        self._open_count: dict[str, int] = {}
        self._skip: list[str] = []
        self._skip_count: dict[str, int] = {}
        self._in_title = False
        self._in_article = 0

    def start(self, tag: str) -> None:
        if self._skip:
            if tag in _HTML_SKIP:
                self._push_skip(tag)
            return
        if tag in _HTML_SKIP and not (tag in ("header", "footer") and self._in_article):
            self._flush()
            self._push_skip(tag)
        elif tag == "title":
            self._in_title = True
        elif tag == "br":
            self._text.append(" ")
        elif tag in _HTML_BLOCKS:
            self._flush()
            self._open.append((tag, *_HTML_BLOCKS[tag]))
            self._open_count[tag] = self._open_count.get(tag, 0) + 1
        elif tag in _HTML_BREAKS:
            self._flush()
        if tag in ("article", "main"):
            self._in_article += 1

    def end(self, tag: str) -> None:
        if self._skip:
            if self._skip_count.get(tag):  # unclosed tags inside close with it
                while (popped := self._skip.pop()) != tag:
                    self._skip_count[popped] -= 1
                self._skip_count[tag] -= 1
            return
        if tag == "title":
            self._in_title = False
        elif tag in _HTML_BLOCKS and self._open_count.get(tag):
            self._flush()
            while (popped := self._open.pop()[0]) != tag:
                self._open_count[popped] -= 1
            self._open_count[tag] -= 1
        elif tag in _HTML_BREAKS:
            self._flush()
        if tag in ("article", "main"):
            self._in_article = max(0, self._in_article - 1)

    def data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self._title.append(data)
        else:
            self._text.append(data)

    def close(self) -> None:
        self._flush()

    @property
    def title(self) -> str:
        return normalize("".join(self._title))

    def _push_skip(self, tag: str) -> None:
        self._skip.append(tag)
        self._skip_count[tag] = self._skip_count.get(tag, 0) + 1

    def _flush(self) -> None:
        text = normalize("".join(self._text))
        self._text.clear()
        if text:
            _, kind, level = self._open[-1] if self._open else ("", "paragraph", 0)
            self.blocks.append(Block(kind=kind, text=text, lang=_LANG, level=level))


# A tag: its name, then attributes up to the `>` that is not inside a quoted value. Every
# part is optional, so the pattern never fails and never backtracks: a tag without its `>`
# runs to the end of the text, as in browsers, instead of being rescanned from each `<`.
_TAG_START = re.compile(r"<(/?)([A-Za-z][^\t\n\f\r />]*)")
_TAG_REST = re.compile(
    r"""(?:[^>"'=]+|=[\t\n\f\r ]*(?:"[^"]*"?|'[^']*'?|[^\t\n\f\r >]*)|["'])*>?"""
)
_RAW_TEXT = frozenset({"script", "style", "title", "textarea"})
"""Elements whose content is text up to their end tag; `title` and `textarea` decode `&…;`."""
_RAW_END = {tag: re.compile(rf"</{tag}(?=[\t\n\f\r />]|\Z)", re.I) for tag in _RAW_TEXT}


def _parse_html(text: str, handler: _HtmlBlocks) -> None:
    """Tokenize `text` as HTML into `handler`'s start, end and data calls, in linear time.

    A tolerant subset of the HTML tokenizer, which is all that finding blocks needs:
    tags (attributes skipped), comments, declarations and processing instructions
    (skipped), raw-text elements, character references. Whatever is never closed (a
    comment, a tag, a quoted value) runs to the end, so no part of the text is read
    twice. The standard library's `html.parser` rescans from every unclosed `<`,
    which a page of `<p<p<p…` turns quadratic.
    """
    position, length = 0, len(text)
    while position < length:
        opening = text.find("<", position)
        if opening < 0:
            opening = length
        if opening > position:
            handler.data(_unescape(text[position:opening]))
        if opening >= length:
            break
        position = _html_markup(text, opening, handler)


def _html_markup(text: str, opening: int, handler: _HtmlBlocks) -> int:
    """Handle the markup (or lone `<`) at `opening`; return where the text goes on."""
    length = len(text)
    tag = _TAG_START.match(text, opening)
    if tag is not None:
        rest = _TAG_REST.match(text, tag.end())
        end = rest.end() if rest is not None else length
        if not text.endswith(">", 0, end):
            return length  # a tag cut off by the end of the file: dropped, as in browsers
        name = tag.group(2).lower()
        if tag.group(1):
            handler.end(name)
            return end
        handler.start(name)
        if name not in _RAW_TEXT:
            return end
        closing = _RAW_END[name].search(text, end)
        stop = closing.start() if closing is not None else length
        content = text[end:stop]
        handler.data(_unescape(content) if name in ("title", "textarea") else content)
        return stop
    following = text[opening + 1 : opening + 4]
    if following.startswith("!--"):
        close = text.find("-->", opening + 2)
        return length if close < 0 else close + 3
    if following[:1] in ("!", "?", "/"):  # a declaration, `<?…>`, or `</` and no name
        close = text.find(">", opening + 2)
        return length if close < 0 else close + 1
    handler.data("<")  # a `<` that starts no markup is text
    return opening + 1


def _unescape(text: str) -> str:
    return html.unescape(text) if "&" in text else text


def _read_html(text: str, name: str) -> Extracted:
    parser = _HtmlBlocks()
    _parse_html(text, parser)
    parser.close()
    if not parser.blocks:
        raise ImportFailed(_("{name}: has no text to import").format(name=name))
    first_h1 = next((b.text for b in parser.blocks if b.kind == "heading" and b.level == 1), None)
    return Extracted("html", blocks=parser.blocks, title=parser.title or first_h1)


# --- Markdown ----------------------------------------------------------------------------

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
