"""The corpus's ground truth: source texts, their blocks, and how words are compared.

A source (`sources/<name>.md`) is YAML front matter (`title`, `provenance`,
`licence`) and blocks separated by blank lines, in the project's marker format
(`texts/README.md`) with two more kinds: `item` (a numbered clause `(1)`, a
lettered item `a.`, a definition `1.`) and `note` (a footnote). A note is
written `[^N]: text` at the end and called `[^N]` where it belongs in the body.

A generated file's expected structure (`<file>.expected.md`) is the same
format: the blocks a careful reader would make of it, plus, in its front
matter, the `furniture` the generator put around them (running headers, page
numbers, web-page boilerplate) and the `optional` words (footnote numbers) an
importer may keep or drop. The input's words are the blocks' words plus the
furniture's: an import loses nothing when its blocks and its recorded removals
hold exactly these words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

KINDS = ("heading", "paragraph", "item", "note", "caption", "reference")
HYPHENS = "\u00ad\u2010\u2011-"
"""Soft hyphen, U+2010 hyphen, U+2011 non-breaking hyphen and the hyphen-minus."""

_MARKER = re.compile(r"^<!--\s*(?P<body>.*?)\s*-->$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+)$", re.S)
_NOTE_DEF = re.compile(r"^\[\^(?P<n>\d+)\]:\s*(?P<text>.+)$", re.S)
NOTE_CALL = re.compile(r"\[\^(?P<n>\d+)\]")
_WORD = re.compile(r"[^\W_]+(?:[\u00ad\u2010\u2011-][^\W_]+)*")
_GLUED_NUMBER = re.compile(r"^(?P<word>[^\W\d_]{2,})(?P<number>\d{1,2})$")


@dataclass(frozen=True)
class Block:
    """One block of ground truth: its kind, text, language and heading level."""

    kind: str
    text: str
    lang: str = "id"
    level: int = 0
    note: int = 0
    """For notes: the note's number."""


@dataclass(frozen=True)
class Furniture:
    """Text a generator put around the content: a running header, a page number, a banner."""

    kind: str
    text: str


@dataclass
class Source:
    """A source text: its metadata and its blocks (notes last, numbered)."""

    name: str
    meta: dict[str, Any]
    blocks: list[Block]

    @property
    def title(self) -> str:
        return str(self.meta.get("title", self.name))

    @property
    def body(self) -> list[Block]:
        return [b for b in self.blocks if b.kind != "note"]

    @property
    def notes(self) -> dict[int, Block]:
        return {b.note: b for b in self.blocks if b.kind == "note"}


@dataclass
class Expected:
    """A generated file's expected structure and what surrounds it."""

    meta: dict[str, Any]
    blocks: list[Block]
    furniture: list[Furniture] = field(default_factory=list)
    optional: list[str] = field(default_factory=list)

    @property
    def body(self) -> list[Block]:
        return [b for b in self.blocks if b.kind != "note"]

    def input_words(self) -> Counter[str]:
        """Every word the file holds: its blocks' and its furniture's."""
        counts = words_of(b.text for b in self.blocks)
        counts.update(words_of(f.text for f in self.furniture))
        return counts


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.index("\n---\n", 4)
    meta = yaml.safe_load(text[4:end]) or {}
    return dict(meta), text[end + 5 :]


def parse_blocks(body: str) -> list[Block]:
    """Blocks of the marker format (see the module's docstring)."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", body.strip()):
        lines = chunk.strip().split("\n")
        options: dict[str, str] = {}
        marker = _MARKER.match(lines[0].strip())
        if marker:
            options = dict(pair.split("=", 1) for pair in marker["body"].split())
            lines = lines[1:]
        text = " ".join(line.strip() for line in lines).strip()
        if not text:
            continue
        kind, level, note = options.get("kind", "paragraph"), 0, 0
        heading = _HEADING.match(text)
        definition = _NOTE_DEF.match(text)
        if heading and "kind" not in options:
            kind, level, text = "heading", len(heading["hashes"]), heading["text"].strip()
        elif definition:
            kind, note, text = "note", int(definition["n"]), definition["text"].strip()
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r} in block {text[:40]!r}")
        blocks.append(Block(kind, text, options.get("lang", "id"), level, note))
    return blocks


def load_source(path: Path) -> Source:
    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    return Source(path.stem, meta, parse_blocks(body))


def plain(text: str) -> str:
    """Body text without its note calls (`[^1]`)."""
    return NOTE_CALL.sub("", text)


def expected_blocks(source: Source) -> list[Block]:
    """The blocks a careful reader makes of any file generated from `source`.

    Note calls are dropped from the text (their numbers are optional words);
    notes come after the body, numbered, in order.
    """
    body = [Block(b.kind, plain(b.text), b.lang, b.level) for b in source.body]
    notes = [Block("note", f"{n} {b.text}", b.lang, 0, n) for n, b in sorted(source.notes.items())]
    return body + notes


def render_expected(expected: Expected) -> str:
    """`<file>.expected.md`: front matter (with furniture and optional words), then blocks."""
    meta = {
        **expected.meta,
        "lang": "id",
        "furniture": [{"kind": f.kind, "text": f.text} for f in expected.furniture],
        "optional": list(expected.optional),
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    parts = []
    for block in expected.blocks:
        options = []
        if block.kind not in ("paragraph", "heading"):
            options.append(f"kind={block.kind}")
        if block.lang != "id":
            options.append(f"lang={block.lang}")
        marker = f"<!-- {' '.join(options)} -->\n" if options else ""
        if block.kind == "heading":
            parts.append(f"{marker}{'#' * max(block.level, 1)} {block.text}")
        else:
            parts.append(f"{marker}{block.text}")
    return f"---\n{front}---\n\n" + "\n\n".join(parts) + "\n"


def load_expected(path: Path) -> Expected:
    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    furniture = [Furniture(str(f["kind"]), str(f["text"])) for f in meta.pop("furniture", [])]
    optional = [str(word) for word in meta.pop("optional", [])]
    blocks = parse_blocks(body)
    return Expected(meta, blocks, furniture, optional)


def tokens(text: str) -> list[str]:
    """Words for comparison: lower case, hyphens inside a word dropped.

    `anak-anak` and `pendi\u2010dikan` become one word each (`anakanak`,
    `pendidikan`), so mending a hyphenated word or keeping a hyphen in it costs
    nothing; a hyphen at a line end followed by a space leaves two fragments
    (`pendi`, `dikan`), which are not the word. A footnote number glued to a
    word (`bangsa1`) is split from it.
    """
    out: list[str] = []
    for match in _WORD.finditer(unicodedata.normalize("NFKC", text).lower()):
        word = "".join(ch for ch in match.group() if ch not in HYPHENS)
        glued = _GLUED_NUMBER.match(word)
        if glued:
            out.extend((glued["word"], glued["number"]))
        else:
            out.append(word)
    return out


def words_of(texts: Any) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(tokens(text))
    return counts
