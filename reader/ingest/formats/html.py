"""HTML → `Extracted`: headings and paragraphs of the page's main content."""

from __future__ import annotations

import html
import re

from reader.documents import Block
from reader.errors import ImportFailed
from reader.i18n import _
from reader.ingest.model import Extracted, Removal
from reader.safe_text import normalize

_LANG = "id"  # language detection is a later stage


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
_NOT_TEXT = frozenset({"script", "style", "noscript", "template", "svg"})
"""Skipped even when every visible text is wanted (to account for what an extractor drops)."""


class _HtmlBlocks:
    """Collects headings and paragraphs; text between blocks becomes a paragraph too.

    Fed by `_parse_html`. Open blocks and skipped elements are also counted by
    tag, so an end tag never searches the stack for its start: a flood of end
    tags over many open blocks was quadratic (600 KB took two minutes).
    """

    def __init__(self, *, visible: bool = False) -> None:
        self._skipped = _NOT_TEXT if visible else _HTML_SKIP
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
            if tag in self._skipped:
                self._push_skip(tag)
            return
        if tag in self._skipped and not (tag in ("header", "footer") and self._in_article):
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
    """The page's main content (trafilatura), with what it left out recorded as boilerplate.

    Without trafilatura (or when it finds nothing), every block outside navigation,
    page header and footer is kept, as our own tokenizer finds them.
    """
    parser = _HtmlBlocks()
    _parse_html(text, parser)
    parser.close()
    if not parser.blocks:
        raise ImportFailed(_("{name}: has no text to import").format(name=name))
    first_h1 = next((b.text for b in parser.blocks if b.kind == "heading" and b.level == 1), None)
    main = _main_content(text) if _is_web_page(text) else None
    if main is None or not main[0]:
        return Extracted("html", blocks=parser.blocks, title=parser.title or first_h1)
    blocks, title = main
    if first_h1 is not None and not any(block.text == first_h1 for block in blocks):
        # trafilatura takes a page's headline as its title, out of the text: put it back
        blocks.insert(0, Block(kind="heading", text=first_h1, lang=_LANG, level=1))
    everything = _HtmlBlocks(visible=True)
    _parse_html(text, everything)
    everything.close()
    removals = _left_out(everything.blocks, blocks)
    first_h1 = next((b.text for b in blocks if b.kind == "heading"), None)
    return Extracted(
        "html",
        blocks=blocks,
        title=_page_title(parser.title, first_h1) or title or first_h1 or None,
        removals=removals,
    )


def _page_title(head_title: str, headline: str | None) -> str:
    """The page's `<title>`, less the site's name a news page adds after its headline
    (`Pasar Tani Ramai - Kabar Lereng`)."""
    if headline and head_title.startswith(headline) and _SITE_NAME.match(head_title, len(headline)):
        return headline
    return head_title


_SITE_NAME = re.compile(r"\s*[-–—|:·•]\s*\S")
"""What follows a headline in a page's `<title>` when the site adds its name."""


MAX_EXTRACTOR_TAGS = 20_000
"""Pages with more tags than this are read by our own linear tokenizer alone: real pages
have a few thousand, and the extractor's tree work grows faster than the input on floods."""
MAX_EXTRACTOR_CHARS = 3_000_000
_FULL_PAGE = re.compile(r"<body\b", re.IGNORECASE)


def _is_web_page(text: str) -> bool:
    """A whole page (with `<body>`, of a size real pages have), where boilerplate is likely."""
    return (
        len(text) <= MAX_EXTRACTOR_CHARS
        and text.count("<") <= MAX_EXTRACTOR_TAGS
        and _FULL_PAGE.search(text, 0, 100_000) is not None
    )


_BOILERPLATE = re.compile(
    r"^(?:ADVERTISEMENT|Advertisement|IKLAN|Iklan|SCROLL TO CONTINUE WITH CONTENT"
    r"|Baca [Jj]uga\s*:[^\n]*?(?=$|[\"“A-Z][a-z]))\s*",
)
"""Web furniture an extractor leaves glued to a paragraph's start (an advert label, a link)."""
_WORDS = re.compile(r"\w+")


def _main_content(text: str) -> tuple[list[Block], str | None] | None:
    """Blocks of the main content by trafilatura, and its title.

    Labels cut from paragraph starts (`ADVERTISEMENT`) are recorded by `_left_out`, with
    everything else the page shows and the blocks leave out."""
    try:
        import trafilatura
    except ImportError:  # optional: our own tokenizer reads the page then
        return None
    import logging

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its notes are not ours
    try:
        document = trafilatura.bare_extraction(
            _without_comments(text), with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception:  # an extractor's failure leaves our own reading
        return None
    body = getattr(document, "body", None)
    if body is None:
        return None
    blocks: list[Block] = []
    for element in body:
        tag = element.tag
        if tag == "head":
            rend = str(element.get("rend", "h2"))
            level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
            _add(blocks, "heading", _element_text(element), level)
        elif tag == "list":
            for item in element.iter("item"):
                _add(blocks, "item", _element_text(item))
        elif tag == "table":
            for cell in element.iter("cell"):
                _add(blocks, "paragraph", _element_text(cell))
        else:
            for piece in re.split(r"\n\s*\n", _element_text(element)):
                _add(blocks, "paragraph", piece)
    title = normalize(str(getattr(document, "title", "") or "")) or None
    return blocks, title


_COMMENT_SECTION = re.compile(r"komentar|tanggapan", re.IGNORECASE)
"""Class or id words of a readers' comment section in Indonesian (trafilatura knows the
English ones: `comment`, `respond`)."""
_NEVER_DROPPED = frozenset({"html", "head", "body", "main", "article"})


def _without_comments(text: str) -> str:
    """The page with its readers' comment sections (by class or id) taken out.

    What goes is recorded like any other left-out block (`_left_out` compares the
    visible page with what was kept). A page without such a section, or one that
    cannot be parsed, goes as it is.
    """
    if _COMMENT_SECTION.search(text) is None:
        return text
    import lxml.html  # type: ignore[import-untyped]  # trafilatura's parser, installed with it

    try:
        root = lxml.html.document_fromstring(text)
    except (ValueError, lxml.etree.ParserError):
        return text
    doomed = [
        element
        for element in root.iter()
        if isinstance(element.tag, str)
        and element.tag not in _NEVER_DROPPED
        and _COMMENT_SECTION.search(f"{element.get('class', '')} {element.get('id', '')}")
    ]
    if not doomed:
        return text
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
    return str(lxml.html.tostring(root, encoding="unicode"))


def _element_text(element: object) -> str:
    """An element's text, `<lb/>` as a line break (two of them part paragraphs)."""
    parts: list[str] = []

    def walk(node: object) -> None:
        parts.append(getattr(node, "text", None) or "")
        for child in node:  # type: ignore[attr-defined]
            if child.tag == "lb":
                parts.append("\n")
            else:
                walk(child)
            parts.append(child.tail or "")

    walk(element)
    return "".join(parts)


def _add(blocks: list[Block], kind: str, text: str, level: int = 0) -> None:
    """A block of `kind`, with any web labels cut from its start (recorded by `_left_out`)."""
    text = " ".join(text.split())
    while (label := _BOILERPLATE.match(text)) is not None and label.end():
        text = text[label.end() :]
    text = normalize(text)
    if text:
        blocks.append(
            Block(kind=kind, text=text, lang=_LANG, level=level if kind == "heading" else 0)
        )


def _left_out(everything: list[Block], kept: list[Block]) -> list[Removal]:
    """What of the page's visible text the kept blocks leave out, as boilerplate removals.

    The visible blocks are aligned with the kept ones, first block by block, then word by
    word inside the stretches that differ (a label cut off a paragraph, a `<br><br>` page
    split differently): only the visible words that have no kept counterpart are recorded,
    each run of them within one block as one removal. So output plus record is the page's
    text with no word counted twice.
    """
    from difflib import SequenceMatcher

    seen = [_tokens(block.text) for block in everything]
    wanted = [_tokens(block.text) for block in kept]
    matcher = SequenceMatcher(
        None,
        [tuple(key for _, key in words) for words in seen],
        [tuple(key for _, key in words) for words in wanted],
        autojunk=False,
    )
    removals: list[Removal] = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        visible = [(index, raw, key) for index in range(a1, a2) for raw, key in seen[index]]
        target = [key for words in wanted[b1:b2] for _, key in words]
        dropped = _unmatched([key for _, _, key in visible], target)
        run: list[str] = []
        block = -1
        for position, (index, raw, _key) in enumerate(visible):
            if run and (position not in dropped or index != block):
                removals.append(Removal(" ".join(run), "boilerplate"))
                run = []
            if position in dropped:
                run.append(raw)
                block = index
        if run:
            removals.append(Removal(" ".join(run), "boilerplate"))
    return removals


MAX_WORD_ALIGNMENT = 4_000_000
"""Word alignment of a differing stretch above this many word pairs falls back to counting."""


def _tokens(text: str) -> list[tuple[str, str]]:
    """A text's words as written and as compared (lower case, word characters only)."""
    return [(raw, "".join(_WORDS.findall(raw)).lower()) for raw in text.split()]


def _unmatched(visible: list[str], target: list[str]) -> set[int]:
    """Positions of `visible` words that the `target` words do not account for, in order."""
    from collections import Counter
    from difflib import SequenceMatcher

    if len(visible) * max(1, len(target)) > MAX_WORD_ALIGNMENT:
        available = Counter(target)  # too long to align: the words each side has, counted
        missing: set[int] = set()
        for position, key in enumerate(visible):
            if available[key] > 0:
                available[key] -= 1
            else:
                missing.add(position)
        return missing
    matched: set[int] = set()
    matcher = SequenceMatcher(None, visible, target, autojunk=False)
    for a, _b, size in matcher.get_matching_blocks():
        matched.update(range(a, a + size))
    return set(range(len(visible))) - matched
