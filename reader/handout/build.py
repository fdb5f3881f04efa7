"""Gather a `Handout` from the library: the one module here that reads `ReadingService`.

`build_handout` does the queries (rows, links, terms) and `assemble` turns
their results into the model, so the assembly can be tested without a library.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import replace

from glossary.links import Link
from glossary.termbase import Term, TermBase
from reader import i18n
from reader.errors import UserError
from reader.handout.errors import MissingEnglish
from reader.handout.exercises import make_cloze, make_matching
from reader.handout.marks import mark, term_ids
from reader.handout.model import Exercises, GlossaryEntry, Handout, Pair, compress
from reader.handout.wording import LANGUAGES, say_in
from reader.i18n import N_, _
from reader.library import BilingualRow, DocumentRecord
from reader.safe_text import display_text
from reader.service import ReadingService, source_label


def build_handout(
    service: ReadingService,
    document: DocumentRecord,
    range_spec: str | None,
    *,
    lang: str,
    today: datetime.date,
    exercises: bool = False,
    allow_missing: bool = False,
    indonesian_only: bool = False,
) -> Handout:
    """The handout of `document`'s paragraphs in `range_spec` ("A-B", as `show --range`).

    Raises `UserError` for a range outside the document and `MissingEnglish`
    when a selected paragraph has no English (unless `allow_missing` or
    `indonesian_only`). With `indonesian_only`, or `allow_missing` and no
    English in the range at all, the handout has one column: the Indonesian.
    """
    rows = service.rows_in_range(document, range_spec)
    missing = [row.seq for row in rows if row.lang != "en" and not row.english]
    if missing and not (allow_missing or indonesian_only):
        raise MissingEnglish(document.slug, missing, compress(missing))
    translatable = [row for row in rows if row.lang != "en"]
    if translatable and len(missing) == len(translatable):
        indonesian_only = True  # nothing for an English column to show
    service.glossary.ensure_links(document.id)  # current links: a no-op when nothing changed
    links = service.glossary.links_for_document(document.id)
    total = service.library.paragraph_count(document.id)
    return assemble(
        document,
        rows,
        links,
        service.glossary.termbase(),
        lang=lang,
        today=today,
        total=total,
        exercises=exercises,
        indonesian_only=indonesian_only,
    )


def assemble(
    document: DocumentRecord,
    rows: Sequence[BilingualRow],
    links: Mapping[int, Sequence[Link]],
    termbase: TermBase,
    *,
    lang: str,
    today: datetime.date,
    total: int,
    exercises: bool = False,
    indonesian_only: bool = False,
) -> Handout:
    """The model from query results (pure: no library access).

    `indonesian_only`: the English of Indonesian paragraphs is left out (their
    terms are still in the glossary, with their English), and the cloze blanks
    the Indonesian whatever the handout's language.
    """
    if lang not in LANGUAGES:
        raise UserError(_("unknown handout language '{lang}' (use id or en)").format(lang=lang))
    if not rows:
        raise UserError(
            _("'{slug}' has no paragraphs to put in a handout").format(slug=document.slug)
        )
    pairs = tuple(_pair(row, links.get(row.paragraph_id, ()), termbase, lang) for row in rows)
    if indonesian_only:
        pairs = tuple(
            replace(pair, english=None, source="missing") if pair.indonesian is not None else pair
            for pair in pairs
        )
    used = set().union(*(term_ids(p.indonesian) | term_ids(p.english) for p in pairs))
    terms = [term for term in (termbase.get(i) for i in used) if term is not None]
    glossary = tuple(
        _entry(term, lang)
        for term in sorted(terms, key=lambda t: (t.id_term.casefold(), t.en.casefold(), t.id))
    )
    first, last = rows[0].seq, rows[-1].seq
    title = display_text(document.title)
    title_en = display_text(str(document.meta.get("title_en") or ""))
    authors = tuple(display_text(a) for a in document.authors if display_text(a))
    source = display_text(document.source or "")
    seed = f"{document.slug}:{first}-{last}"
    return Handout(
        lang=lang,
        slug=document.slug,
        title=title,
        title_en=title_en if title_en != title else "",
        authors=authors,
        year=document.year,
        source=source,
        citation=citation(authors, document.year, title, source, lang),
        date=format_day(today, lang),
        first=first,
        last=last,
        total=total,
        pairs=pairs,
        glossary=glossary,
        exercises=(
            Exercises(
                make_cloze(pairs, glossary, "id" if indonesian_only else lang, seed),
                make_matching(pairs, glossary, seed),
            )
            if exercises
            else None
        ),
        indonesian_only=indonesian_only,
    )


def _pair(row: BilingualRow, links: Sequence[Link], termbase: TermBase, lang: str) -> Pair:
    """One row as a pair. A paragraph written in English has only an English side.

    Such a paragraph's links were found by the Indonesian matcher on English
    text (the library links every paragraph's own text as Indonesian), so
    all its links mark the English side.
    """
    known = termbase.__contains__
    text = display_text(row.text)
    if row.lang == "en":
        return Pair(row.seq, row.kind, None, mark(text, links, known), "original", _note(row, lang))
    indonesian = mark(text, [k for k in links if k.lang == "id"], known)
    english = None
    if row.english:
        english = mark(display_text(row.english), [k for k in links if k.lang == "en"], known)
    source = row.english_status if english is not None and row.english_status else "missing"
    return Pair(row.seq, row.kind, indonesian, english, source, _note(row, lang))


def _note(row: BilingualRow, lang: str) -> str:
    """Where the English came from, in `lang`; machine output names its engine and model."""
    if not row.english and row.lang != "en":
        row = replace(row, english_status=None)
    label = source_label(row, i18n.translation(lang))
    if row.kind == "note" and row.page is not None:  # a PDF's footnote: which page it is on
        return f"{say_in(lang, N_('footnote, p. {page}'), page=row.page)} · {label}"
    return label


def _entry(term: Term, lang: str) -> GlossaryEntry:
    own, other = (
        (term.definition_en, term.definition_id)
        if lang == "en"
        else (term.definition_id, term.definition_en)
    )
    return GlossaryEntry(
        term.id, display_text(term.id_term), display_text(term.en), display_text(own or other)
    )


def citation(authors: Sequence[str], year: int | None, title: str, source: str, lang: str) -> str:
    """'Authors (year). Title. Source.': the parts the library has, in that order."""
    no_year = say_in(lang, N_("n.d."))
    when = f"({year})" if year else f"({no_year})"
    names = _join_names(authors, lang)
    parts = [f"{names} {when}" if names else f"{title} {when}"]
    if names:
        parts.append(title)
    if source:
        parts.append(source)
    return " ".join(part if part.endswith((".", "?", "!")) else part + "." for part in parts)


def _join_names(names: Sequence[str], lang: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    return say_in(lang, N_("{names} & {last}"), names=", ".join(names[:-1]), last=names[-1])


def format_day(day: datetime.date, lang: str) -> str:
    """The date as a person writes it in `lang`: '22 November 2026', 'November 22, 2026'."""
    from babel.dates import format_date  # Babel's locale data loads only for a handout

    return format_date(day, format="long", locale=lang)
