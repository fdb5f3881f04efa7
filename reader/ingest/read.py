"""File → `Extracted`: recognise a document's format and hand it to its reader.

The format is judged by content first, because files arrive misnamed (a PDF
saved as `.txt`, a web page as `.pdf`), and by extension only when the
content cannot tell. Readers keep the structure a format carries (headings,
captions) and leave flowing text (plain text, PDF pages) to the later stages.
Every failure is an `ImportFailed` with one line that names the file and says
what to do.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import zipfile
from pathlib import Path

from reader.documents import (
    DEFAULT_MAX_BYTES,
    file_too_large,
    format_size,
    split_front_matter,
)
from reader.errors import FileTooLarge, ImportFailed
from reader.i18n import N_, _
from reader.ingest.decode import decode_text, file_signature, not_text
from reader.ingest.formats.docx import read_docx
from reader.ingest.formats.html import _HtmlBlocks, _parse_html, _read_html
from reader.ingest.formats.markdown import MD_HEADING as _MD_HEADING
from reader.ingest.formats.markdown import _read_markdown
from reader.ingest.formats.pdf import _pdf_page_text, read_pdf
from reader.ingest.model import Extracted
from reader.safe_text import strip_escapes

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ImportFailed",
    "_HtmlBlocks",
    "_parse_html",
    "_pdf_page_text",
    "_read_html",
    "detect_format",
    "read_file",
]

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
_PDF_MAGIC = re.compile(rb"(?:\A|[\r\n\x00-\x08\x80-\xff])%PDF-\d\.\d")
_HTML_MARKER = re.compile(r"<(?:!doctype\s+html|html|head|body)\b|<p>", re.I)


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
        return read_pdf(data, name)
    if fmt == "docx":
        return read_docx(data, name)
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
