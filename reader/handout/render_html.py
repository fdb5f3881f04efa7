"""The handout as one self-contained HTML page, styled for print (and the PDF's source).

Print rules, all in the embedded stylesheet: A4 pages (`@page`) with page
numbers in the margin, table header rows repeated on each page, no paragraph
pair split across pages (`break-inside: avoid` on each row), the exercises
and the answer key each starting a new page. Black on white only: terms are
bold, the "machine translation, not reviewed" note is boxed, so a
black-and-white photocopy loses nothing.

Every piece of document and glossary text goes through `html.escape`; the
markup is built here from fixed strings only. The stylesheet's own strings
(page labels, the slug) go through `_css_string`.
"""

from __future__ import annotations

import re
from html import escape

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
    PAGE_OF,
    TERMS_MARKED,
    TEXT,
    WORD_BANK,
    cite_line,
    date_line,
    range_line,
    say,
    sources_line,
)

BLANK_LINE = "_" * 14

CSS = """
@page {
  size: A4;
  margin: 16mm 15mm 18mm 15mm;
  @bottom-left { content: FOOTER; font-size: 7.5pt; }
  @bottom-right { content: PAGE_NUMBERS; font-size: 7.5pt; }
}
html { color: #000; background: #fff; font-family: "DejaVu Serif", serif; }
body { font-size: 9.5pt; line-height: 1.35; margin: 0; }
h1 { font-size: 15pt; line-height: 1.2; margin: 0 0 2pt; }
h2 { font-size: 12pt; margin: 12pt 0 5pt; border-bottom: 1pt solid #000; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 10pt 0 3pt; break-after: avoid; }
h4 { font-size: 9.5pt; margin: 0 0 3pt; }
p { margin: 0 0 4pt; }
.subtitle { font-style: italic; font-size: 11pt; margin-bottom: 5pt; }
.meta { font-size: 8.5pt; }
.label { font-weight: bold; }
table { width: 100%; border-collapse: separate; border-spacing: 0; border-left: 0.6pt solid #000; }
th, td {
  border: none; border-right: 0.6pt solid #000; border-bottom: 0.6pt solid #000;
  padding: 3pt 4pt; vertical-align: top; text-align: left;
}
th { border-top: 0.6pt solid #000; font-size: 8.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
table.parallel { table-layout: fixed; }
table.parallel col { width: 50%; }
table.parallel.single col { width: 100%; }
.seq { font-size: 7.5pt; font-weight: bold; }
strong.term { font-weight: bold; }
tr.kind-heading td { font-weight: bold; }
tr.kind-heading strong.term { text-decoration: underline; }
tr.kind-caption td { font-style: italic; }
tr.kind-reference td { font-size: 8.5pt; }
tr.kind-note td { font-size: 8pt; color: #444; }
tr.kind-item td { padding-left: 1.2em; }
.note { display: block; margin-top: 3pt; font-size: 7pt; font-weight: normal; font-style: italic; }
.note.source-machine, .note.source-missing { font-style: normal; font-weight: bold; }
.source-machine .flag, .source-missing .flag { border: 0.6pt solid #000; padding: 0 2pt; }
.missing { font-style: italic; }
table.glossary { table-layout: fixed; }
table.glossary col.term { width: 22%; }
table.glossary td { font-size: 8.5pt; }
section.exercises, section.answer-key { break-before: page; page-break-before: always; }
.help { font-style: italic; }
.word-bank { border: 0.8pt solid #000; padding: 4pt 6pt; margin: 4pt 0 8pt; break-inside: avoid; }
.word-bank ul { margin: 0; padding: 0; list-style: none; }
.word-bank li { display: inline-block; margin: 0 14pt 2pt 0; }
p.cloze { line-height: 1.9; break-inside: avoid; }
.blank { font-weight: bold; white-space: nowrap; }
table.matching { width: auto; border: none; break-inside: avoid; }
table.matching td { border: none; padding: 2pt 12pt 2pt 0; }
table.matching td.slot { white-space: nowrap; padding-right: 6pt; }
table.matching td[lang="id"] { padding-right: 28pt; }
ol.answers { margin: 0 0 6pt; padding-left: 18pt; }
ol.answers.cloze { columns: 2; }
ol.answers.matching { columns: 3; }
"""


def to_html(handout: Handout) -> str:
    """The whole page."""
    lang = handout.lang
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(handout.title)}</title>",
        f'<meta name="generator" content="dwibahasa handout ({escape(handout.slug)})">',
        f"<style>{_stylesheet(handout)}</style>",
        "</head>",
        "<body>",
        _head(handout),
        _text(handout),
        _glossary(handout),
    ]
    if handout.exercises is not None:
        parts += [_exercises(handout, handout.exercises), _key(handout, handout.exercises)]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _css_string(text: str) -> str:
    """`text` as a CSS string literal: anything but ASCII letters and digits hex-escaped.

    Each escape ends with the one space CSS consumes after a hex escape, so a
    character after it (a space too) is kept as it is.
    """
    body = "".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):x} " for c in text)
    return f'"{body}"'


def _stylesheet(handout: Handout) -> str:
    footer = f"{handout.slug} · {handout.date}"
    return CSS.replace("FOOTER", _css_string(footer)).replace(
        "PAGE_NUMBERS", _page_numbers(handout)
    )


def _page_numbers(handout: Handout) -> str:
    """The footer's 'Page 2 of 7' as CSS content: the words as strings, the numbers counters.

    The sentence is translated whole; its words, spaces and two placeholders
    become `"Page" " " counter(page) " " "of" " " counter(pages)`.
    """
    counters = {"{page}": "counter(page)", "{pages}": "counter(pages)"}
    pieces = re.split(r"(\{pages?\}|\s+)", say(handout, PAGE_OF))
    return " ".join(
        counters.get(piece) or ('" "' if piece.isspace() else _css_string(piece))
        for piece in pieces
        if piece
    )


def _spans(spans: Marked) -> str:
    return "".join(
        f'<strong class="term" data-term="{escape(span.term_id)}">{escape(span.text)}</strong>'
        if span.term_id is not None
        else escape(span.text)
        for span in first_marks(spans)
    )


def _head(handout: Handout) -> str:
    lines = ['<header class="handout-head">', f'<h1 lang="id">{escape(handout.title)}</h1>']
    if handout.title_en:
        lines.append(f'<p class="subtitle" lang="en">{escape(handout.title_en)}</p>')
    cite = escape(cite_line(handout)).replace(": ", ":</span> ", 1)
    lines += [
        f'<p class="citation"><span class="label">{cite}</p>',
        f'<p class="meta">{escape(date_line(handout))} · {escape(range_line(handout))}</p>',
        f'<p class="meta">{escape(sources_line(handout))}</p>',
        f'<p class="meta">{escape(say(handout, TERMS_MARKED))}</p>',
        "</header>",
    ]
    return "\n".join(lines)


def _text(handout: Handout) -> str:
    if handout.indonesian_only:
        return _single_text(handout)
    rows = "\n".join(_pair(handout, pair) for pair in handout.pairs)
    return (
        f'<section class="text">\n<h2>{escape(say(handout, TEXT))}</h2>\n'
        '<table class="parallel">\n<colgroup><col><col></colgroup>\n'
        f"<thead><tr><th>{escape(say(handout, INDONESIAN))}</th>"
        f"<th>{escape(say(handout, ENGLISH))}</th></tr></thead>\n"
        f"<tbody>\n{rows}\n</tbody>\n</table>\n</section>"
    )


def _single_text(handout: Handout) -> str:
    """One column: each paragraph's Indonesian (or the English the source wrote)."""
    rows = []
    for pair in handout.pairs:
        spans, lang = single_text(pair)
        rows.append(
            f'<tr class="pair kind-{escape(pair.kind)}" id="p{pair.seq}"><td lang="{lang}">'
            f'<span class="seq">¶{pair.seq}</span> {_spans(spans)}</td></tr>'
        )
    body = "\n".join(rows)
    return (
        f'<section class="text">\n<h2>{escape(say(handout, TEXT))}</h2>\n'
        '<table class="parallel single">\n<colgroup><col></colgroup>\n'
        f"<thead><tr><th>{escape(say(handout, INDONESIAN))}</th></tr></thead>\n"
        f"<tbody>\n{body}\n</tbody>\n</table>\n</section>"
    )


def _pair(handout: Handout, pair: Pair) -> str:
    lang = handout.lang
    seq = f'<span class="seq">¶{pair.seq}</span> '
    if pair.indonesian is None:
        note = escape(say(handout, ENGLISH_IN_SOURCE))
        left = f'{seq}<span class="note" lang="{lang}">{note}</span>'
    else:
        left = seq + _spans(pair.indonesian)
    if pair.english is None:
        right = (
            f'<span class="missing" lang="{lang}">{escape(say(handout, MISSING_ENGLISH))}</span>'
        )
    else:
        right = _spans(pair.english)
    note = (
        f'<span class="note source-{pair.source}" lang="{lang}">'
        f'<span class="flag">{escape(pair.source_note)}</span></span>'
    )
    return (
        f'<tr class="pair kind-{escape(pair.kind)}" id="p{pair.seq}">'
        f'<td lang="id">{left}</td><td lang="en">{right}{note}</td></tr>'
    )


def _glossary(handout: Handout) -> str:
    head = f'<section class="glossary">\n<h2>{escape(say(handout, GLOSSARY))}</h2>'
    if not handout.glossary:
        return f"{head}\n<p>{escape(say(handout, NO_TERMS))}</p>\n</section>"
    rows = "\n".join(
        f'<tr data-term="{escape(e.term_id)}"><td lang="id">{escape(e.indonesian)}</td>'
        f'<td lang="en">{escape(e.english)}</td><td>{escape(e.definition)}</td></tr>'
        for e in handout.glossary
    )
    return (
        f'{head}\n<table class="glossary">\n'
        '<colgroup><col class="term"><col class="term"><col></colgroup>\n'
        f"<thead><tr><th>{escape(say(handout, INDONESIAN))}</th>"
        f"<th>{escape(say(handout, ENGLISH))}</th>"
        f"<th>{escape(say(handout, DEFINITION))}</th></tr></thead>\n"
        f"<tbody>\n{rows}\n</tbody>\n</table>\n</section>"
    )


def _exercises(handout: Handout, exercises: Exercises) -> str:
    cloze, matching = exercises.cloze, exercises.matching
    lines = [
        '<section class="exercises">',
        f"<h2>{escape(say(handout, EXERCISES))}</h2>",
        f"<h3>1. {escape(say(handout, CLOZE))}</h3>",
    ]
    if cloze.answers:
        lines.append(f'<p class="help">{escape(say(handout, CLOZE_HELP))}</p>')
        bank = "".join(f"<li>{escape(word)}</li>" for word in cloze.bank)
        lines.append(
            f'<div class="word-bank"><h4>{escape(say(handout, WORD_BANK))}</h4>'
            f'<ul lang="{cloze.lang}">{bank}</ul></div>'
        )
        for paragraph in cloze.paragraphs:
            body = "".join(
                escape(part)
                if isinstance(part, str)
                else f'<span class="blank" data-blank="{part.number}">'
                f"({part.number})\u00a0{BLANK_LINE}</span>"
                for part in paragraph.parts
            )
            lines.append(
                f'<p class="cloze" lang="{cloze.lang}">'
                f'<span class="seq">¶{paragraph.seq}</span> {body}</p>'
            )
    else:
        lines.append(f"<p>{escape(say(handout, CLOZE_NONE))}</p>")
    lines.append(f"<h3>2. {escape(say(handout, MATCHING))}</h3>")
    if matching.indonesian:
        lines.append(f'<p class="help">{escape(say(handout, MATCHING_HELP))}</p>')
        lines.append('<table class="matching"><tbody>')
        for index, (left, right) in enumerate(
            zip(matching.indonesian, matching.english, strict=True)
        ):
            lines.append(
                f'<tr><td class="slot">{index + 1}. ____</td><td lang="id">{escape(left)}</td>'
                f'<td lang="en">{letter(index)}. {escape(right)}</td></tr>'
            )
        lines.append("</tbody></table>")
    else:
        lines.append(f"<p>{escape(say(handout, MATCHING_NONE))}</p>")
    lines.append("</section>")
    return "\n".join(lines)


def _key(handout: Handout, exercises: Exercises) -> str:
    """The answer key, on a page of its own (inline style too: it survives a stripped CSS)."""
    lines = [
        '<section class="answer-key" style="break-before: page; page-break-before: always">',
        f"<h2>{escape(say(handout, ANSWER_KEY))}</h2>",
        f"<h3>1. {escape(say(handout, CLOZE))}</h3>",
    ]
    if exercises.cloze.answers:
        items = "".join(
            f'<li value="{blank.number}" data-term="{escape(blank.term_id)}">'
            f"{escape(blank.answer)}</li>"
            for blank in exercises.cloze.answers
        )
        lines.append(f'<ol class="answers cloze" lang="{exercises.cloze.lang}">{items}</ol>')
    else:
        lines.append(f"<p>{escape(say(handout, CLOZE_NONE))}</p>")
    lines.append(f"<h3>2. {escape(say(handout, MATCHING))}</h3>")
    if exercises.matching.key:
        matching = exercises.matching
        items = "".join(
            f'<li value="{index + 1}">{letter(target)} '
            f'<span lang="en">({escape(matching.english[target])})</span></li>'
            for index, target in enumerate(matching.key)
        )
        lines.append(f'<ol class="answers matching">{items}</ol>')
    else:
        lines.append(f"<p>{escape(say(handout, MATCHING_NONE))}</p>")
    lines.append("</section>")
    return "\n".join(lines)
