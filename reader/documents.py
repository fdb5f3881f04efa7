"""The `texts/` document format: Markdown with YAML front matter, one block per paragraph.

See `texts/README.md` for the format. This module only parses and checks;
storing is the library's job. As the bottom layer every reader imports, it
also holds the facts all imports share: what front matter is
(`split_front_matter`), which files are in the format (`is_texts_format`),
and the size limit (`DEFAULT_MAX_BYTES`, `file_too_large`).
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import math
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.errors import DocumentFormatError, FileTooLarge
from reader.files import open_regular
from reader.i18n import _, decimal, ngettext
from reader.safe_text import normalize

if TYPE_CHECKING:
    import yaml

KINDS = ("heading", "paragraph", "caption", "reference", "note", "item")
LANGS = ("id", "en")
MB = 1024 * 1024
DEFAULT_MAX_BYTES = 50 * MB
"""The largest file an import reads unless its caller allows more: every format, every path."""
PARAGRAPHS_GUESSED = "paragraphs_guessed"
"""The metadata key that says a document's paragraph breaks were guessed, not read: its
file kept no line breaks (`reader.ingest.finish.note_flow` sets it)."""
MAX_FRONT_MATTER_CHARS = 64 * 1024
"""Front matter longer than this is refused before YAML reads it (real front matter holds a
few fields; a long one is a mistake or an attack on the parser)."""
MAX_NESTING = 32
"""Lists and mappings in front matter nest at most this deep (real ones: two or three)."""
MAX_NUMBER_DIGITS = 100
"""A front-matter number with more characters than this is refused (a year has four digits)."""

_FRONT_MATTER_OPENS = re.compile(r"---[ \t]*\n")
_FRONT_MATTER_CLOSES = re.compile(r"^---[ \t]*$", re.M)

_MARKER = re.compile(r"^<!--\s*(?P<body>.*?)\s*-->$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+)$")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Block:
    """One paragraph of a document: a heading, body paragraph, caption or reference."""

    kind: str
    text: str
    lang: str
    level: int = 0
    """Heading level (1 for `#`); 0 for other kinds."""


@dataclass(frozen=True)
class ParsedDocument:
    """A document file's metadata and its blocks, in order."""

    meta: dict[str, Any]
    blocks: list[Block]

    @property
    def lang(self) -> str:
        return str(self.meta["lang"])


@dataclass(frozen=True)
class BilingualSource:
    """An Indonesian document and, if present, its reference English, block for block."""

    slug: str
    source: ParsedDocument
    reference: ParsedDocument | None
    sha256: str
    path: Path
    warnings: list[str] = field(default_factory=list)


def parse_document(text: str, *, name: str = "<text>") -> ParsedDocument:
    """Parse one file of the `texts/` format; raise `DocumentFormatError` naming the problem."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    meta, body = _split_front_matter(text, name)
    default_lang = str(meta["lang"])
    blocks = [
        block
        for raw in _BLANK_LINES.split(body)
        if (block := _parse_block(raw, default_lang, name)) is not None
    ]
    if not blocks:
        raise DocumentFormatError(_("{name}: the document has no paragraphs").format(name=name))
    return ParsedDocument(meta=meta, blocks=blocks)


def _split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    front = split_front_matter(text)
    if front is None:
        if _FRONT_MATTER_OPENS.match(text):
            raise DocumentFormatError(
                _("{name}: front matter is not closed by a '---' line").format(name=name)
            )
        raise DocumentFormatError(
            _("{name}: missing front matter (the file must start with '---')").format(name=name)
        )
    meta = front.mapping(name)
    for key in ("title", "lang"):
        if not meta.get(key):
            raise DocumentFormatError(
                _("{name}: front matter needs '{key}'").format(name=name, key=key)
            )
    if meta["lang"] not in LANGS:
        raise DocumentFormatError(
            _("{name}: lang must be one of {choices}").format(name=name, choices=", ".join(LANGS))
        )
    authors = meta.get("authors") or []
    if isinstance(authors, str):
        authors = [authors]
    if not isinstance(authors, list) or any(isinstance(a, list | dict) for a in authors):
        raise DocumentFormatError(_("{name}: authors must be a list of names").format(name=name))
    meta["authors"] = [normalize(str(author)) for author in authors if author is not None]
    if isinstance(meta["title"], list | dict):
        raise DocumentFormatError(_("{name}: title must be text").format(name=name))
    meta["title"] = normalize(str(meta["title"]))
    year = meta.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise DocumentFormatError(_("{name}: year must be a number or empty").format(name=name))
    return meta, front.body


@dataclass(frozen=True)
class FrontMatter:
    """The YAML block a Markdown file opens with, between two `---` lines."""

    source: str
    """The YAML text between the lines."""
    body: str
    """The text after the closing line."""

    def load(self, name: str) -> object:
        """The YAML as plain data that JSON can store; `DocumentFormatError` naming `name` if not.

        Loaded safely (no Python objects) and refused before it can cost much: front
        matter over `MAX_FRONT_MATTER_CHARS`, anchors and aliases (an alias bomb of a few
        hundred bytes expands to gigabytes), numbers over `MAX_NUMBER_DIGITS`, and keys
        that are not text. Dates become ISO strings (`2024-01-31`).
        """
        import yaml  # only when front matter is read: opening the reader needs no YAML

        if len(self.source) > MAX_FRONT_MATTER_CHARS:
            raise DocumentFormatError(
                _("{name}: front matter is longer than {limit}").format(
                    name=name, limit=format_size(MAX_FRONT_MATTER_CHARS)
                )
            )
        loader = _front_matter_loader()(self.source)
        try:
            return _storable(loader.get_single_data(), "")
        except _Refused as refused:
            raise DocumentFormatError(refused.message(name)) from None
        except yaml.YAMLError as error:
            problem = str(error).splitlines()[0]
        except RecursionError:  # PyYAML composes nested collections recursively
            problem = "nested too deeply"
        finally:
            loader.dispose()
        raise DocumentFormatError(
            _("{name}: front matter is not valid YAML ({problem})").format(
                name=name, problem=problem
            )
        )

    def mapping(self, name: str) -> dict[str, Any]:
        """The YAML as a mapping of keys to values; `DocumentFormatError` naming `name` if not."""
        meta = self.load(name)
        if not isinstance(meta, dict):
            raise DocumentFormatError(
                _("{name}: front matter must be a mapping of keys to values").format(name=name)
            )
        return meta


class _Refused(Exception):
    """Front matter refused while loading: says why, once the file's name is known."""

    def __init__(self, template: str, **values: object) -> None:
        super().__init__(template)
        self.template = template
        self.values = values

    def message(self, name: str) -> str:
        return self.template.format(name=name, **self.values)


@functools.cache
def _front_matter_loader() -> type[yaml.SafeLoader]:
    """`yaml.SafeLoader` without anchors and aliases, and without huge numbers."""
    import yaml

    class FrontMatterLoader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.peek_event()  # type: ignore[no-untyped-call]
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                raise _Refused(_("{name}: front matter may not use YAML anchors or aliases (& *)"))
            if self.depth >= MAX_NESTING:  # long before Python's own limit, which is slow
                raise RecursionError("front matter nested too deeply")
            self.depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        def construct_yaml_int(self, node: Any) -> Any:
            if len(str(node.value)) > MAX_NUMBER_DIGITS:
                raise _Refused(
                    _("{name}: front matter has a number longer than {digits} digits"),
                    digits=MAX_NUMBER_DIGITS,
                )
            return super().construct_yaml_int(node)

    FrontMatterLoader.add_constructor("tag:yaml.org,2002:int", FrontMatterLoader.construct_yaml_int)
    return FrontMatterLoader


def _storable(value: object, key: str) -> object:
    """`value` as JSON can store it: dates as ISO strings; keys must be text.

    `key` is where `value` sits, for the message when something cannot be stored.
    """
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
    elif isinstance(value, datetime.date):  # datetime too
        return value.isoformat()
    elif isinstance(value, list | tuple):
        return [_storable(item, key) for item in value]
    elif isinstance(value, dict):
        mapping: dict[str, object] = {}
        for item_key, item in value.items():
            if not isinstance(item_key, str):
                raise _Refused(
                    _("{name}: front matter keys must be text; quote {key}"),
                    key=normalize(str(item_key))[:40],
                )
            mapping[item_key] = _storable(item, item_key)
        return mapping
    raise _Refused(
        _("{name}: front matter '{key}' holds a value that cannot be stored ({kind})"),
        key=normalize(key)[:40],
        kind=type(value).__name__,
    )


def split_front_matter(text: str) -> FrontMatter | None:
    """The front matter `text` opens with, or None if it has none (or it is never closed).

    Front matter opens with a `---` line on the text's first line and closes at
    the next `---` line; `text` has `\\n` line ends and no byte-order mark.
    Whatever tool wrote it (this format, Jekyll, Hugo), it is split the same way.
    """
    opening = _FRONT_MATTER_OPENS.match(text)
    if opening is None:
        return None
    closing = _FRONT_MATTER_CLOSES.search(text, opening.end())
    if closing is None:
        return None
    return FrontMatter(source=text[opening.end() : closing.start()], body=text[closing.end() :])


def is_texts_format(text: str) -> bool:
    """Whether `text` is a document in the `texts/` format: its front matter has `lang`.

    `lang` is the key the format adds: `title` is in any tool's front matter
    (Jekyll, Hugo), and such Markdown goes through the Markdown reader instead.
    A file with `lang` but otherwise malformed (no title, a `lang` not `id` or
    `en`) is still in the format, so that loading it says what to fix. Front
    matter that is not valid YAML tells nothing: every reader refuses it.
    """
    front = split_front_matter(text)
    if front is None:
        return False
    try:
        meta = front.load("")
    except DocumentFormatError:
        return False
    return isinstance(meta, dict) and "lang" in meta


def _parse_block(raw: str, default_lang: str, name: str) -> Block | None:
    lines = [line.rstrip() for line in raw.strip("\n").split("\n") if line.strip()]
    if not lines:
        return None
    attributes: dict[str, str] = {}
    marker = _MARKER.match(lines[0].strip())
    if marker:
        attributes = _parse_marker(marker.group("body"), name)
        lines = lines[1:]
        if not lines:
            raise DocumentFormatError(
                _("{name}: marker '{marker}' is not followed by text").format(
                    name=name, marker=marker.group(0)
                )
            )
    text = normalize(" ".join(line.strip() for line in lines))
    if not text:  # only control characters or escapes: as good as a blank line
        if marker:
            raise DocumentFormatError(
                _("{name}: marker '{marker}' is not followed by text").format(
                    name=name, marker=marker.group(0)
                )
            )
        return None
    kind = attributes.get("kind", "paragraph")
    level = 0
    heading = _HEADING.match(text)
    if heading:
        kind, level, text = "heading", len(heading.group("hashes")), heading.group("text").strip()
    elif kind == "heading":
        level = 1
    lang = attributes.get("lang", default_lang)
    return Block(kind=kind, text=text, lang=lang, level=level)


def _parse_marker(body: str, name: str) -> dict[str, str]:
    attributes: dict[str, str] = {}
    for pair in body.split():
        key, sep, value = pair.partition("=")
        if not sep:
            raise DocumentFormatError(
                _("{name}: marker '{marker}' needs key=value pairs").format(name=name, marker=body)
            )
        allowed = {"kind": KINDS, "lang": LANGS}.get(key)
        if allowed is None:
            raise DocumentFormatError(
                _("{name}: unknown marker key '{key}' (use kind or lang)").format(
                    name=name, key=key
                )
            )
        if value not in allowed:
            raise DocumentFormatError(
                _("{name}: marker {key}={value} is not one of {choices}").format(
                    name=name, key=key, value=value, choices=", ".join(allowed)
                )
            )
        attributes[key] = value
    return attributes


def read_text_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read a UTF-8 text file of at most `max_bytes` with errors a user understands."""
    if not path.exists():
        raise DocumentFormatError(_("{path}: no such file").format(path=path))
    if path.is_dir():
        raise DocumentFormatError(
            _("{path}: is a directory, not a document file").format(path=path)
        )
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device: opening it could block
            raise DocumentFormatError(
                _("{name}: is not a regular file; give the path of a document file").format(
                    name=path
                )
            )
        if info.st_size > max_bytes:
            raise file_too_large(str(path), info.st_size, max_bytes)
        file = open_regular(path)  # never blocks, even on a FIFO swapped in since the stat
        if file is None:
            raise DocumentFormatError(
                _("{name}: is not a regular file; give the path of a document file").format(
                    name=path
                )
            )
        with file:
            data = file.read(max_bytes + 1)
    except OSError as error:
        raise DocumentFormatError(
            _("{path}: cannot read the file ({reason})").format(path=path, reason=error.strerror)
        ) from None
    if len(data) > max_bytes:  # it grew after stat
        raise file_too_large(str(path), len(data), max_bytes)
    if not data.strip():
        raise DocumentFormatError(_("{path}: the file is empty").format(path=path))
    if b"\x00" in data:
        raise DocumentFormatError(_("{path}: looks like a binary file, not text").format(path=path))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DocumentFormatError(
            _("{path}: not valid UTF-8 (byte {offset}); save it as UTF-8 and try again").format(
                path=path, offset=error.start
            )
        ) from None


def file_too_large(name: str, size: int, limit: int) -> FileTooLarge:
    """The error for a file of `size` bytes over `limit`: `x.pdf: is 63 MB, over the 50 MB limit`"""
    return FileTooLarge(
        _("{name}: is {size}, over the {limit} limit").format(
            name=name, size=format_size(size), limit=format_size(limit)
        ),
        name=name,
        size=size,
        limit=limit,
    )


def format_size(n: int) -> str:
    """63 MB, 1.5 MB, 12 KB, 200 bytes: precise enough to compare with a limit."""
    if n < 1024:
        return ngettext("{count} byte", "{count} bytes", n).format(count=n)
    value, unit = (n / MB, "MB") if n >= MB else (n / 1024, "KB")
    whole = f"{value:.1f}".removesuffix(".0")
    shown = whole if "." not in whole else decimal(value)  # "1,5 MB" in Indonesian
    return f"{shown} {unit}"


def slug_for(path: Path) -> str:
    """`texts/foo.id.md` → `foo`; `Notes (final).pdf` → `notes-final`."""
    name = path.name[: -len(".id.md")] if path.name.endswith(".id.md") else path.stem
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "document"


def reference_path(source_path: Path) -> Path | None:
    """The English file beside `<slug>.id.md`, if the source follows that naming."""
    if source_path.name.endswith(".id.md"):
        candidate = source_path.with_name(source_path.name[: -len(".id.md")] + ".en.md")
        return candidate if candidate.exists() else None
    return None


def _feed(digest: Any, path: Path, chunk: int = 1 << 20) -> None:
    """Add the bytes of `path` to `digest`, a chunk at a time."""
    with path.open("rb") as file:
        while block := file.read(chunk):
            digest.update(block)


def source_digest(path: Path) -> str:
    """Hash of a source file and its reference English: cheap change detection, no parsing.

    Read in chunks: a huge file costs time, never its size in memory.
    """
    digest = hashlib.sha256()
    _feed(digest, path)
    en_path = reference_path(path)
    if en_path is not None:
        digest.update(b"\0")
        _feed(digest, en_path)
    return digest.hexdigest()


def load_source(
    path: Path, *, slug: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> BilingualSource:
    """Load `<slug>.id.md` and its `<slug>.en.md`, checking they align block for block.

    Each file may be up to `max_bytes` long.
    """
    source_text = read_text_file(path, max_bytes=max_bytes)
    source = parse_document(source_text, name=str(path))
    digest = hashlib.sha256(source_text.encode("utf-8"))  # the bytes read: valid UTF-8
    reference = None
    en_path = reference_path(path)
    if en_path is not None:
        text = read_text_file(en_path, max_bytes=max_bytes)
        reference = parse_document(text, name=str(en_path))
        check_alignment(source, reference, name=str(en_path))
        digest.update(b"\0")
        digest.update(text.encode("utf-8"))
    return BilingualSource(
        slug=slug or slug_for(path),
        source=source,
        reference=reference,
        sha256=digest.hexdigest(),  # as `source_digest`, from the bytes the limit allowed
        path=path,
    )


def check_alignment(source: ParsedDocument, reference: ParsedDocument, *, name: str) -> None:
    """A reference translation must have the same blocks, in order, with the same kinds."""
    if len(source.blocks) != len(reference.blocks):
        raise DocumentFormatError(
            # Worded for any count (tests and users have long read "has 1 blocks").
            _(
                "{name}: has {count} blocks but its source has {source_count};"
                " a reference translation must match block for block"
            ).format(name=name, count=len(reference.blocks), source_count=len(source.blocks))
        )
    for seq, (ours, theirs) in enumerate(zip(source.blocks, reference.blocks, strict=True), 1):
        if ours.kind != theirs.kind or ours.level != theirs.level:
            raise DocumentFormatError(
                _("{name}: block {seq} is a {kind} but the source's is a {source_kind}").format(
                    name=name, seq=seq, kind=theirs.kind, source_kind=ours.kind
                )
            )
