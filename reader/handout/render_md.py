"""The handout as Markdown (CommonMark with GitHub tables), for wikis and LMS pages.

Document and glossary text is escaped with `escape_md`: every character
Markdown gives a meaning to inside a line (`\\ * _ [ ] < > | ` ~ &`) gets a
backslash, as do the ones that mean something at the start of a line (`#`,
`+`, `-`, `=`, `1.`), so `[b]`, `*` and `_` in a document show literally and
a `<script>` in one is text, never HTML. The only markup is this module's
own: `**` around terms, tables, `<br>` inside table cells, and a page-break
`<div>` before the exercises and the answer key (ignored where unsupported).
"""

from __future__ import annotations

import re

from reader.handout.model import (
    Exercises,
    Handout,
    Marked,
    Pair,
    first_marks,
    letter,
    single_text,
)
from reader.handout.wording import (
    ANSWER_KEY,
    CLOZE,
    CLOZE_HELP,
    CLOZE_NONE,
    DEFINITION,
    ENGLISH,
    ENGLISH_IN_SOURCE,
    EXERCISES,
    GLOSSARY,
    INDONESIAN,
    MATCHING,
    MATCHING_HELP,
    MATCHING_NONE,
    MISSING_ENGLISH,
    NO_TERMS,
    TERMS_MARKED,
    TEXT,
    WORD_BANK,
    cite_line,
    date_line,
    range_line,
    say,
    sources_line,
)

_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START = re.compile(r"^(\s*)([#+=-])")
_LIST_NUMBER = re.compile(r"^(\s*\d+)([.)])")
PAGE_BREAK = '<div style="page-break-before: always"></div>'
BLANK_LINE = "\\_" * 12


def escape_md(text: str) -> str:
    """`text` that Markdown shows as it is (see the module docstring)."""
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _LIST_NUMBER.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _spans(spans: Marked) -> str:
    return "".join(
        f"**{escape_md(span.text)}**" if span.term_id is not None else escape_md(span.text)
        for span in first_marks(spans)
    )


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def to_markdown(handout: Handout) -> str:
    """The whole file."""
    lines = [f"# {escape_md(handout.title)}", ""]
    if handout.title_en:
        lines += [f"*{escape_md(handout.title_en)}*", ""]
    label, _, citation = cite_line(handout).partition(": ")
    lines += [
        f"**{escape_md(label)}:** {escape_md(citation)}",
        "",
        escape_md(f"{date_line(handout)} · {range_line(handout)}") + "\\",
        escape_md(sources_line(handout)) + "\\",
        escape_md(say(handout, TERMS_MARKED)),
        "",
        f"## {escape_md(say(handout, TEXT))}",
        "",
    ]
    if handout.indonesian_only:
        lines += [_row(escape_md(say(handout, INDONESIAN))), _row("---")]
        lines += [_single(pair) for pair in handout.pairs]
    else:
        lines += [
            _row(escape_md(say(handout, INDONESIAN)), escape_md(say(handout, ENGLISH))),
            _row("---", "---"),
        ]
        lines += [_pair(handout, pair) for pair in handout.pairs]
    lines += ["", f"## {escape_md(say(handout, GLOSSARY))}", ""]
    if handout.glossary:
        headers = (INDONESIAN, ENGLISH, DEFINITION)
        lines += [_row(*(escape_md(say(handout, h)) for h in headers)), _row("---", "---", "---")]
        lines += [
            _row(escape_md(e.indonesian), escape_md(e.english), escape_md(e.definition))
            for e in handout.glossary
        ]
    else:
        lines.append(escape_md(say(handout, NO_TERMS)))
    if handout.exercises is not None:
        lines += _exercises(handout, handout.exercises) + _key(handout, handout.exercises)
    return "\n".join(lines) + "\n"


def _single(pair: Pair) -> str:
    """A row of the one-column (Indonesian only) text."""
    spans, _lang = single_text(pair)
    return _row(f"**¶{pair.seq}** {_kind_mark(pair.kind, _spans(spans))}")


def _kind_mark(kind: str, text: str) -> str:
    """Footnotes (`note`) in small type, apart; clauses and list items (`item`) as list entries."""
    if kind == "note":
        return f"<small>{text}</small>"
    if kind == "item":
        return f"• {text}"
    return text


def _pair(handout: Handout, pair: Pair) -> str:
    seq = f"**¶{pair.seq}**"
    if pair.indonesian is None:
        left = f"{seq} *{escape_md(say(handout, ENGLISH_IN_SOURCE))}*"
    else:
        left = f"{seq} {_kind_mark(pair.kind, _spans(pair.indonesian))}"
    if pair.english is None:
        right = f"*{escape_md(say(handout, MISSING_ENGLISH))}*"
    else:
        right = _kind_mark(pair.kind, _spans(pair.english))
    unreviewed = pair.source in ("machine", "missing")
    note = escape_md(pair.source_note)
    note = f"**\\[{note}\\]**" if unreviewed else f"*\\[{note}\\]*"
    return _row(left, f"{right}<br>{note}")


def _exercises(handout: Handout, exercises: Exercises) -> list[str]:
    cloze, matching = exercises.cloze, exercises.matching
    lines = [
        "",
        PAGE_BREAK,
        "",
        f"## {escape_md(say(handout, EXERCISES))}",
        "",
        f"### 1\\. {escape_md(say(handout, CLOZE))}",
        "",
    ]
    if cloze.answers:
        bank = " · ".join(escape_md(word) for word in cloze.bank)
        lines += [
            f"*{escape_md(say(handout, CLOZE_HELP))}*",
            "",
            f"**{escape_md(say(handout, WORD_BANK))}:** {bank}",
            "",
        ]
        for paragraph in cloze.paragraphs:
            body = "".join(
                escape_md(part) if isinstance(part, str) else f"**({part.number})** {BLANK_LINE}"
                for part in paragraph.parts
            )
            lines += [f"**¶{paragraph.seq}** {body}", ""]
    else:
        lines += [escape_md(say(handout, CLOZE_NONE)), ""]
    lines += [f"### 2\\. {escape_md(say(handout, MATCHING))}", ""]
    if matching.indonesian:
        lines += [
            f"*{escape_md(say(handout, MATCHING_HELP))}*",
            "",
            _row(" ", escape_md(say(handout, INDONESIAN)), escape_md(say(handout, ENGLISH))),
            _row("---", "---", "---"),
        ]
        lines += [
            _row(
                f"{index + 1}\\. \\_\\_\\_\\_",
                escape_md(left),
                f"{letter(index)}\\. {escape_md(right)}",
            )
            for index, (left, right) in enumerate(
                zip(matching.indonesian, matching.english, strict=True)
            )
        ]
    else:
        lines.append(escape_md(say(handout, MATCHING_NONE)))
    return lines


def _key(handout: Handout, exercises: Exercises) -> list[str]:
    lines = [
        "",
        PAGE_BREAK,
        "",
        f"## {escape_md(say(handout, ANSWER_KEY))}",
        "",
        f"### 1\\. {escape_md(say(handout, CLOZE))}",
        "",
    ]
    if exercises.cloze.answers:
        lines += [f"{blank.number}. {escape_md(blank.answer)}" for blank in exercises.cloze.answers]
    else:
        lines.append(escape_md(say(handout, CLOZE_NONE)))
    lines += ["", f"### 2\\. {escape_md(say(handout, MATCHING))}", ""]
    matching = exercises.matching
    if matching.key:
        lines += [
            f"{index + 1}. {letter(target)} ({escape_md(matching.english[target])})"
            for index, target in enumerate(matching.key)
        ]
    else:
        lines.append(escape_md(say(handout, MATCHING_NONE)))
    return lines
