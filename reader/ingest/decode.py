"""Bytes → text: find the encoding of a text file a user hands us, and tidy the result.

Files come from Windows editors (cp1252, UTF-16 with a BOM), old web pages
(latin-1), and terminals (escape sequences). Whatever the source, the rest of
the import sees one form: NFC Unicode with `\\n` line ends, no soft hyphens,
and no control characters but newlines and tabs.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from reader.errors import ImportFailed as ImportFailed  # re-exported: it was defined here
from reader.i18n import N_, _
from reader.safe_text import strip_escapes

# Magic numbers of formats that are never text. PDF and DOCX (ZIP) are listed
# so that a PDF or archive renamed `.txt` is called what it is. The descriptions
# stay English here and are translated in the message (`not_text`).
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", N_("PNG image")),
    (b"\xff\xd8\xff", N_("JPEG image")),
    (b"GIF87a", N_("GIF image")),
    (b"GIF89a", N_("GIF image")),
    (b"PK\x03\x04", N_("ZIP archive")),
    (b"PK\x05\x06", N_("ZIP archive")),
    (b"\x7fELF", N_("ELF executable")),
    (b"%PDF-", N_("PDF document")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", N_("old Word/Office document")),
    (b"\x1f\x8b", N_("gzip archive")),
    (b"7z\xbc\xaf\x27\x1c", N_("7-Zip archive")),
    (b"Rar!\x1a\x07", N_("RAR archive")),
    (b"SQLite format 3\x00", N_("SQLite database")),
)
NUL_BYTES = N_("NUL bytes")
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 4096
# Single-byte legacy text in a Latin script is, for Indonesian and English
# sources, almost always Windows-1252; charset-normalizer guesses cp1250,
# cp1006 or mac_iceland on such short texts, so it only decides for the rest.
_LEGACY_LATIN = "cp1252"
_MOSTLY_LATIN = 0.5
_LETTER_SAMPLE = 200_000  # characters: enough to tell a script, cheap on a 50 MB file
_NOT_LEGACY = [  # handled by BOM/NUL sniffing, or never a user's text file
    "utf_16",
    "utf_16_le",
    "utf_16_be",
    "utf_32",
    "utf_32_le",
    "utf_32_be",
    "utf_7",
    "cp037",
    "cp273",
    "cp424",
    "cp500",
    "cp875",
    "cp1026",
    "cp1140",
]
# Line breaks that stand between words: keep a break rather than glue the words.
_BREAKS = re.compile(r"\r\n|[\r\v]")
_KEPT = re.compile(r"([\t\f])")


def looks_binary(data: bytes) -> str | None:
    """What kind of binary file `data` looks like ("PNG image"), or None if it may be text."""
    description = file_signature(data)
    if description is None and b"\x00" in data and _utf16_codec(data) is None:
        return NUL_BYTES
    return description


def file_signature(data: bytes) -> str | None:
    """The binary format whose magic number `data` starts with ("PNG image"), if any."""
    return next((description for magic, description in _SIGNATURES if data.startswith(magic)), None)


def not_text(name: str, description: str) -> ImportFailed:
    """The error for a binary file, with what `looks_binary` found (its English description)."""
    return ImportFailed(
        _(
            "{name}: looks like a binary file ({description}), not text;"
            " import a .txt, .md, .html, .pdf or .docx file"
        ).format(name=name, description=_(description))
    )


@dataclass(frozen=True)
class Decoded:
    """A text file's text, and how many of its lines were not UTF-8."""

    text: str
    legacy_lines: int = 0
    """Lines with non-ASCII bytes decoded from `legacy_encoding` instead of UTF-8."""
    legacy_encoding: str = ""
    """The legacy encoding (Python's name, 'cp1252'), or '' if every line was UTF-8."""


def decode_bytes(
    data: bytes, name: str, *, encoding: str | None = None, keep_form_feeds: bool = False
) -> str:
    """Decode a text file's bytes; raise `ImportFailed` naming `name` and what to do.

    `encoding` is a declared charset (an HTML `<meta charset>`): used when the
    bytes are not UTF-8 and agree with it. `keep_form_feeds` keeps `\\f` for callers
    that split pages on it; otherwise a form feed becomes a newline.
    """
    return decode_text(data, name, encoding=encoding, keep_form_feeds=keep_form_feeds).text


def decode_text(
    data: bytes, name: str, *, encoding: str | None = None, keep_form_feeds: bool = False
) -> Decoded:
    """`decode_bytes`, also saying how many lines came from a legacy encoding.

    Text that is UTF-8 but for some lines (a file pasted together from a UTF-8 and
    a Windows editor) is decoded line by line, so neither part is garbled ('cafÃ©').
    """
    if not data.strip():
        raise ImportFailed(
            _("{name}: the file is empty; choose a file with text in it").format(name=name)
        )
    decoded = _decode(data, name, encoding)
    text = tidy(decoded.text, keep_form_feeds=keep_form_feeds)
    if not text.strip():
        raise ImportFailed(
            _("{name}: the file is empty; choose a file with text in it").format(name=name)
        )
    return Decoded(text, decoded.legacy_lines, decoded.legacy_encoding)


_SOFT_BREAK = re.compile(r"\u00ad[ \t]*\n")


def tidy(text: str, *, keep_form_feeds: bool = False, at_start: bool = True) -> str:
    """Canonical raw text: `\\n` line ends, no soft hyphens, escapes or controls but `\\n`/`\\t`.

    Controls go before NFC, so a combining mark that followed a removed control
    still composes with its base letter. A text tidied in pieces (whole lines,
    without escape sequences) comes out the same; `at_start` is false for every
    piece but the first (a byte-order mark only counts at the start).
    """
    text = _BREAKS.sub("\n", text)
    if at_start:
        text = text.lstrip("\ufeff")
    if not keep_form_feeds:
        text = text.replace("\f", "\n")
    # A soft hyphen where a line breaks is where the typesetter broke a word: it shows as
    # a hyphen (U+2010, which segmenting mends); anywhere else it is invisible noise.
    text = _SOFT_BREAK.sub("\u2010\n", text).replace("\u00ad", "")
    # strip_escapes turns tabs into spaces and drops form feeds; keep them as they are.
    parts = _KEPT.split(text)
    text = "".join(part if index % 2 else strip_escapes(part) for index, part in enumerate(parts))
    return unicodedata.normalize("NFC", text)


def _decode(data: bytes, name: str, declared: str | None) -> Decoded:
    description = file_signature(data)
    if description is not None:
        raise not_text(name, description)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec))
            except UnicodeDecodeError:
                break  # a stray BOM: let detection decide
    utf16 = _utf16_codec(data)
    if utf16 is not None:
        return Decoded(data.decode(utf16))
    if b"\x00" in data:
        raise not_text(name, NUL_BYTES)
    # Valid UTF-8 beyond ASCII is almost never an accident, so it wins over a declared
    # charset: pages are often re-saved as UTF-8 with their old <meta charset> left in.
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    declared_codec = _declared_codec(declared)
    decoded = _mixed(data, declared_codec)
    if decoded is not None:
        return decoded
    if declared_codec is not None:
        try:
            return _whole(data, data.decode(declared_codec), declared_codec)
        except UnicodeError:  # every codec the whitelist lets through raises only these
            pass
    legacy = _legacy_codec(data)
    if legacy is None:
        raise ImportFailed(
            _("{name}: cannot tell its text encoding; save it as UTF-8 and try again").format(
                name=name
            )
        )
    return _whole(data, data.decode(legacy), legacy)


def _whole(data: bytes, text: str, codec: str) -> Decoded:
    """A file decoded from `codec` as a whole: its lines with non-ASCII bytes are legacy."""
    lines = sum(1 for line in data.split(b"\n") if not line.isascii())
    return Decoded(text, lines, codecs.lookup(codec).name)


def _mixed(data: bytes, declared: str | None) -> Decoded | None:
    """UTF-8 text with some lines in a legacy encoding, decoded line by line; else None.

    None when no line beyond ASCII is UTF-8 (a legacy file: decoded whole), or when
    the legacy lines are in a multi-byte encoding and outnumber the UTF-8 ones (a
    short run of, say, Shift-JIS bytes can happen to be valid UTF-8).
    """
    lines = data.split(b"\n")  # \r stays at the end of its line; `tidy` turns it into \n
    utf8 = [_is_utf8(line) for line in lines]
    legacy = [line for line, ok in zip(lines, utf8, strict=True) if not ok]
    utf8_lines = sum(1 for line, ok in zip(lines, utf8, strict=True) if ok and not line.isascii())
    if not utf8_lines:
        return None
    joined = b"\n".join(legacy)
    codec = declared if declared is not None and _decodes(joined, declared) else None
    codec = codec or _legacy_codec(joined)
    if codec is None or (codec != _LEGACY_LATIN and len(legacy) > utf8_lines):
        return None
    try:
        text = "\n".join(
            line.decode("utf-8") if ok else line.decode(codec)
            for line, ok in zip(lines, utf8, strict=True)
        )
    except UnicodeError:  # a stateful codec that needs the lines together
        return None
    return Decoded(text, len(legacy), codecs.lookup(codec).name)


def _is_utf8(line: bytes) -> bool:
    if line.isascii():
        return True
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeError:
        return False
    return True


def _utf16_codec(data: bytes) -> str | None:
    """'utf-16…' if `data` is UTF-16 (by its BOM, or by NULs in every other byte), else None."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            data.decode("utf-16")
        except UnicodeDecodeError:
            return None
        return "utf-16"
    sample = data[: _SNIFF_BYTES - _SNIFF_BYTES % 2]
    if len(sample) < 4 or len(data) % 2:
        return None
    pairs = len(sample) // 2
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if odd_nuls >= pairs * 0.3 and even_nuls <= pairs * 0.02:
        codec = "utf-16-le"
    elif even_nuls >= pairs * 0.3 and odd_nuls <= pairs * 0.02:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for char in text[: _SNIFF_BYTES // 2] if _is_stray_control(char))
    return codec if controls <= len(sample) // 2 * 0.05 else None


def _is_stray_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" and char not in "\t\n\r\f"


_NOT_DECLARABLE = frozenset(
    codecs.lookup(name).name
    for name in (
        *_NOT_LEGACY,
        "undefined",
        "idna",
        "punycode",
        "unicode_escape",
        "raw_unicode_escape",
        "charmap",
    )
)
"""Codecs Python calls text encodings that no page's charset may name: they raise on
any input, read escapes, or are EBCDIC. UTF-16 and UTF-32 are read as browsers do."""


def _declared_codec(declared: str | None) -> str | None:
    """Python's codec for a declared charset, as browsers read it; None if unusable.

    Only text encodings count: `codecs.lookup` also finds bytes-to-bytes codecs
    (base64, hex, zlib, rot13), which a hostile `<meta charset>` could name.
    """
    if not declared:
        return None
    try:
        info = codecs.lookup(declared.strip())
    except (LookupError, ValueError):
        return None
    codec = info.name
    if codec.startswith("utf-16") or codec.startswith("utf-32"):
        return "utf-8"  # a UTF-16 page would have had a BOM; browsers read it as UTF-8
    if not getattr(info, "_is_text_encoding", True) or codec in _NOT_DECLARABLE:
        return None
    if codec in ("latin-1", "iso8859-1", "ascii"):
        return _LEGACY_LATIN  # WHATWG: these labels mean windows-1252
    return codec


def _legacy_codec(data: bytes) -> str | None:
    """The single- or multi-byte legacy encoding `data` is in; None when nothing fits."""
    try:
        latin = data.decode(_LEGACY_LATIN)
    except UnicodeDecodeError:
        latin = None
    if latin is not None and _mostly_ascii_letters(latin):
        return _LEGACY_LATIN
    from charset_normalizer import from_bytes  # slow to import; most files are UTF-8

    best = from_bytes(data, cp_exclusion=_NOT_LEGACY).best()
    if best is None or not _decodes(data, best.encoding):
        return None
    return str(best.encoding)


def _mostly_ascii_letters(text: str) -> bool:
    """Latin-script text has few non-ASCII letters; Cyrillic or Greek read as cp1252 has many."""
    letters = [char for char in text[:_LETTER_SAMPLE] if char.isalpha()]
    foreign = sum(1 for char in letters if not char.isascii())
    return foreign <= len(letters) * _MOSTLY_LATIN
