"""Writers for the glossary exchange formats: CSV, TBX-Basic, JSON and Anki.

Each writer is a pure function from terms to the bytes of a file, so the caller
decides where the bytes go and writes them atomically; nothing here touches the
user's files. Every writer takes any iterable of `Term`, so a caller can export
the whole term base or only the terms one document uses.

`glossary.formats` reads the CSV, TBX and JSON files back. The rules both sides
must agree on (the CSV list separator and formula guard, the TBX vocabulary, the
JSON envelope) are defined here, once, so that writer and reader cannot drift.

Rules a caller should know:

- A subset export keeps only the `related` ids that point inside the subset:
  the file then stands alone and imports back (every importer rejects related
  ids that are not in the file, as the TOML loader does).
- CSV list fields are joined with " | " and split on every "|" on import, so a
  list item (variant, related id) may not contain "|"; `to_csv` refuses such a
  term rather than write a file that reads back differently.
- Every writer writes what a terminal and a file format can hold: a term's
  text loses escape sequences and control characters
  (`glossary.untrusted.one_line`; a `Term` from `term_from_mapping` has none
  already), and TBX also drops the few other characters XML 1.0 cannot carry
  (U+FFFE, U+FFFF), so no term makes an export fail.
- CSV formula guard: a cell that begins with `=`, `+`, `-`, `@`, a tab or a
  carriage return (after any apostrophes) is written with one more leading
  apostrophe, so spreadsheets show it as text instead of running it. The
  importer removes exactly one apostrophe from a cell that starts with `'`
  followed (after any further apostrophes) by one of those characters. Because
  a cell that already starts with apostrophes before such a character also gets
  one more, the round trip is lossless for every string; the visible rule for
  hand-edited files is: `'=x` imports as `=x`.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import itertools
import json
import re
import sqlite3
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from glossary.i18n import _
from glossary.termbase import FIELDS, Term, TermBaseError
from glossary.untrusted import is_clean, one_line

EXPORT_FORMATS = ("csv", "tbx", "json", "anki")

LIST_FIELDS = frozenset(
    {
        "id_variants",
        "en_variants",
        "related",
        "id_not_in",
        "en_not_in",
        "id_not_near",
        "en_not_near",
    }
)
CSV_LIST_SEPARATOR = " | "
CSV_LIST_SPLIT = re.compile(r"\s*\|\s*")
_NEEDS_GUARD = re.compile(r"^'*[=+\-@\t\r]")
_GUARDED = re.compile(r"^'+[=+\-@\t\r]")

JSON_FORMAT = "dwibahasa-glossary"
JSON_VERSION = 1

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX_LANGUAGES = ("id", "en")
TBX_PREFERRED = "preferredTerm-admn-sts"
TBX_ADMITTED = "admittedTerm-admn-sts"
TBX_ABBREVIATION = "abbreviation"
TBX_FULL_FORM = "fullForm"
TBX_NOTE_PREFIXES = {
    "source_note": "source note: ",
    "id_not_in": "not linked inside (id): ",
    "en_not_in": "not linked inside (en): ",
    "id_not_near": "not linked near (id): ",
    "en_not_near": "not linked near (en): ",
    "layer": "layer: ",
}
"""The fields TBX-Basic has no category for, written as entry notes with these prefixes
(lists joined by `CSV_LIST_SEPARATOR`), so that a TBX export reads back the same."""
# Characters XML 1.0 cannot carry at all, escaped or not (control characters, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

ANKI_MODEL_ID = 1_690_443_517
ANKI_DECK_ID = 1_873_905_261
ANKI_MODEL_NAME = "Dwibahasa term"
ANKI_DECK_NAME = "Dwibahasa glossary"
ANKI_FIELDS = ("Indonesian", "English", "Definition", "Example")
_ANKI_CSS = """\
.card { font-family: sans-serif; font-size: 22px; text-align: center; }
.variants { font-size: 16px; color: #666; }
.definition, .example { font-size: 17px; text-align: left; margin-top: 1em; }
.example [lang="en"] { font-style: italic; }
"""
_ANKI_FRONT = '<div lang="id">{{Indonesian}}</div>'
_ANKI_BACK = (
    '{{FrontSide}}<hr id="answer"><div lang="en">{{English}}</div>'
    '<div class="definition">{{Definition}}</div>'
    '{{#Example}}<div class="example">{{Example}}</div>{{/Example}}'
)
_ANKI_REVERSE_FRONT = '<div lang="en">{{English}}</div>'
_ANKI_REVERSE_BACK = (
    '{{FrontSide}}<hr id="answer"><div lang="id">{{Indonesian}}</div>'
    '<div class="definition">{{Definition}}</div>'
    '{{#Example}}<div class="example">{{Example}}</div>{{/Example}}'
)
ANKI_TEMPLATES = (
    {"name": "Indonesian → English", "qfmt": _ANKI_FRONT, "afmt": _ANKI_BACK},
    {"name": "English → Indonesian", "qfmt": _ANKI_REVERSE_FRONT, "afmt": _ANKI_REVERSE_BACK},
)
"""Both card directions: every note gives a recognition and a production card."""


class GlossaryFormatError(TermBaseError):
    """A glossary file cannot be read or a term cannot be written in a format.

    A `TermBaseError`, so callers that already handle term base errors handle
    these too. The message is one line (the CLI prints it as it is); `problems`
    keeps every problem found, each naming its line, entry or index.
    """

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems: tuple[str, ...] = tuple(problems) or (message,)


def guard_formula(cell: str) -> str:
    """The cell as written to CSV: one more leading apostrophe if a spreadsheet would run it."""
    return "'" + cell if _NEEDS_GUARD.match(cell) else cell


def unguard_formula(cell: str) -> str:
    """Undo `guard_formula`: drop one apostrophe before `'*[=+-@\\t\\r]` (see module docstring)."""
    return cell[1:] if _GUARDED.match(cell) else cell


def _clean(term: Term) -> Term:
    """`term` with no escape sequence or control character in any text (usually itself)."""
    changes: dict[str, Any] = {}
    for name in FIELDS:
        value = getattr(term, name)
        if isinstance(value, str) and not is_clean(value):
            changes[name] = one_line(value)
        elif isinstance(value, tuple) and not all(is_clean(item) for item in value):
            changes[name] = tuple(form for form in map(one_line, value) if form)
    return dataclasses.replace(term, **changes) if changes else term


def _prepare(terms: Iterable[Term]) -> list[Term]:
    """The terms to write: text cleaned, ids unique, `related` limited to ids in the export."""
    chosen: list[Term] = []
    seen: set[str] = set()
    for term in map(_clean, terms):
        if term.id in seen:
            raise GlossaryFormatError(_("term '{id}' is given twice").format(id=term.id))
        seen.add(term.id)
        chosen.append(term)
    return [
        term
        if all(r in seen for r in term.related)
        else dataclasses.replace(term, related=tuple(r for r in term.related if r in seen))
        for term in chosen
    ]


def export_glossary(
    terms: Iterable[Term],
    format: str,
    *,
    examples: Mapping[str, tuple[str, str]] | None = None,
    excel: bool = False,
    dismissals: Sequence[Mapping[str, Any]] = (),
) -> bytes:
    """The file bytes in one of `EXPORT_FORMATS`, for callers that pick the format at run time;
    `dismissals` go into JSON only (see `to_json`)."""
    if format == "csv":
        return to_csv(terms, excel=excel)
    if format == "tbx":
        return to_tbx(terms)
    if format == "json":
        return to_json(terms, dismissals=dismissals)
    if format == "anki":
        return to_anki(terms, examples or {})
    raise GlossaryFormatError(
        _("unknown glossary format '{format}' (expected one of {formats})").format(
            format=format, formats=", ".join(EXPORT_FORMATS)
        )
    )


# --- CSV ---------------------------------------------------------------------------------


def to_csv(terms: Iterable[Term], *, excel: bool = False) -> bytes:
    """UTF-8 CSV, a header row of `FIELDS`, one row per term, formula cells guarded.

    `excel=True` prepends a UTF-8 byte order mark: without it Excel reads the
    file as the machine's legacy code page and garbles every accented letter.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(FIELDS)
    for term in _prepare(terms):
        data = term.to_dict()
        row = []
        for name in FIELDS:
            value = data[name]
            if name in LIST_FIELDS:
                for item in value:
                    if "|" in item:
                        raise GlossaryFormatError(
                            _(
                                "term '{id}': {field} item {item} contains '|', the CSV list "
                                "separator; it would read back as two items"
                            ).format(id=term.id, field=name, item=repr(item))
                        )
                value = CSV_LIST_SEPARATOR.join(value)
            row.append(guard_formula(value))
        writer.writerow(row)
    return ("\ufeff" if excel else "").encode("utf-8") + buffer.getvalue().encode("utf-8")


# --- TBX ---------------------------------------------------------------------------------


def to_tbx(terms: Iterable[Term]) -> bytes:
    """A TBX-Basic (ISO 30042) document, one termEntry per term, built with ElementTree.

    Mapping, chosen so that `glossary.formats.from_tbx` gives back the same Term:
    `domain` is the entry's subjectField; `related` ids are crossReference refs
    and `notes` a note at entry level; each language has a langSet with its
    definition and one tig per form: the preferred term first, then the variants
    as admitted terms, in order. `abbreviation` and `expansion` are TBX termTypes
    (abbreviation, fullForm) on the tigs whose text equals them; one that equals
    no form gets a tig of its own, without administrativeStatus, in the
    Indonesian langSet. No DOCTYPE: the importer accepts none.
    """
    martif = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = ET.SubElement(martif, "martifHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    title_stmt = ET.SubElement(file_desc, "titleStmt")
    ET.SubElement(title_stmt, "title").text = "Dwibahasa glossary"
    source_desc = ET.SubElement(file_desc, "sourceDesc")
    ET.SubElement(source_desc, "p").text = (
        "Exported from Dwibahasa: Indonesian-English terms of defence diplomacy, "
        "national security and international relations."
    )
    encoding_desc = ET.SubElement(header, "encodingDesc")
    ET.SubElement(encoding_desc, "p", {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for term in _prepare(terms):
        body.append(_term_entry(term))
    ET.indent(martif)
    declaration = '<?xml version="1.0" encoding="UTF-8"?>\n'
    return (declaration + ET.tostring(martif, encoding="unicode") + "\n").encode("utf-8")


def _xml_text(value: str) -> str:
    """`value` without the characters XML 1.0 cannot carry (ElementTree would write them)."""
    return _NOT_XML.sub("", value)


def _term_entry(term: Term) -> ET.Element:
    entry = ET.Element("termEntry", {"id": _xml_text(term.id)})
    ET.SubElement(entry, "descrip", {"type": "subjectField"}).text = _xml_text(term.domain)
    for related in term.related:
        target = _xml_text(related)
        ref = ET.SubElement(entry, "ref", {"type": "crossReference", "target": target})
        ref.text = target
    if term.notes:
        ET.SubElement(entry, "note").text = _xml_text(term.notes)
    for name, prefix in TBX_NOTE_PREFIXES.items():
        value = getattr(term, name)
        if value:
            joined = value if isinstance(value, str) else CSV_LIST_SEPARATOR.join(value)
            ET.SubElement(entry, "note").text = _xml_text(prefix + joined)

    # (text, administrativeStatus or None, termType or None) per tig, per language.
    tigs: dict[str, list[tuple[str, str | None, str | None]]] = {}
    for lang, preferred, variants in (
        ("id", term.id_term, term.id_variants),
        ("en", term.en, term.en_variants),
    ):
        tigs[lang] = [(preferred, TBX_PREFERRED, None)]
        tigs[lang] += [(variant, TBX_ADMITTED, None) for variant in variants]
    special = ((term.abbreviation, TBX_ABBREVIATION), (term.expansion, TBX_FULL_FORM))
    for value, term_type in special:
        if not value:
            continue
        marked = False
        for lang_tigs in tigs.values():
            for i, (text, status, kind) in enumerate(lang_tigs):
                if text == value and kind is None and status is not None:
                    lang_tigs[i] = (text, status, term_type)
                    marked = True
        if not marked:
            tigs["id"].append((value, None, term_type))

    definitions = {"id": term.definition_id, "en": term.definition_en}
    for lang in TBX_LANGUAGES:
        lang_set = ET.SubElement(entry, "langSet", {XML_LANG: lang})
        if definitions[lang]:
            definition = ET.SubElement(lang_set, "descrip", {"type": "definition"})
            definition.text = _xml_text(definitions[lang])
        for text, status, kind in tigs[lang]:
            tig = ET.SubElement(lang_set, "tig")
            ET.SubElement(tig, "term").text = _xml_text(text)
            if status is not None:
                ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = status
            if kind is not None:
                ET.SubElement(tig, "termNote", {"type": "termType"}).text = kind
    return entry


# --- JSON --------------------------------------------------------------------------------


def to_json(terms: Iterable[Term], *, dismissals: Sequence[Mapping[str, Any]] = ()) -> bytes:
    """`{"format": "dwibahasa-glossary", "version": 1, "terms": [...]}`, UTF-8, indented.

    The envelope names and versions the format so that a later Dwibahasa can
    read old files and refuse newer ones clearly instead of guessing.
    `dismissals`, the terminology-check flags readers dismissed (plain mappings:
    document slug, paragraph number, paragraph hash, term id, when), are written
    under ``"check_dismissals"`` when there are any; readers of the terms ignore them.
    """
    document: dict[str, Any] = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "terms": [term.to_dict() for term in _prepare(terms)],
    }
    if dismissals:
        document["check_dismissals"] = [
            {key: one_line(v) if isinstance(v, str) else v for key, v in item.items()}
            for item in dismissals
        ]
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --- Anki --------------------------------------------------------------------------------


def _forms_html(preferred: str, variants: Sequence[str]) -> str:
    text = html.escape(preferred)
    if variants:
        text += '<br><span class="variants">' + " · ".join(html.escape(v) for v in variants)
        text += "</span>"
    return text


def _anki_fields(term: Term, example: tuple[str, str] | None) -> list[str]:
    """The four note fields as HTML; every piece of term text is escaped (fields are HTML)."""
    definition = "".join(
        f'<div lang="{lang}">{html.escape(text)}</div>'
        for lang, text in (("en", term.definition_en), ("id", term.definition_id))
        if text
    )
    sentences = example or ("", "")
    example_html = "".join(
        f'<div lang="{lang}">{html.escape(" ".join(text.split()))}</div>'
        for lang, text in zip(("id", "en"), sentences, strict=True)
        if text.strip()
    )
    return [
        _forms_html(term.id_term, term.id_variants),
        _forms_html(term.en, term.en_variants),
        definition,
        example_html,
    ]


def to_anki(
    terms: Iterable[Term],
    examples: Mapping[str, tuple[str, str]],
    *,
    timestamp: float | None = None,
) -> bytes:
    """An Anki package (.apkg): one note per term in the "Dwibahasa glossary" deck, two
    cards per note (Indonesian → English and English → Indonesian).

    `examples` maps a term id to an (Indonesian, English) sentence pair that
    contains the term; a term without one gets an empty Example field. Model
    id, deck id and note GUIDs (from the term id) are fixed, so importing a
    newer export into Anki updates the existing notes. `timestamp` (seconds)
    sets note ids and modification times; with the same value the bytes are
    the same.

    genanki's `Package.write_to_file` leaves its temporary database behind in
    the system temp folder, so the collection is written here into a temporary
    directory that is removed, and zipped the way genanki does it.
    """
    # Imported here: genanki (and its template engine) is only needed for this format.
    # genanki has no type hints, hence the ignores on its calls.
    from genanki.deck import Deck
    from genanki.model import Model
    from genanki.note import Note
    from genanki.package import Package
    from genanki.util import guid_for

    # Fixed model id: importing a newer export updates notes instead of duplicating them.
    model = Model(  # type: ignore[no-untyped-call]
        ANKI_MODEL_ID,
        ANKI_MODEL_NAME,
        fields=[{"name": name} for name in ANKI_FIELDS],
        templates=[dict(template) for template in ANKI_TEMPLATES],
        css=_ANKI_CSS,
    )
    deck = Deck(ANKI_DECK_ID, ANKI_DECK_NAME)  # type: ignore[no-untyped-call]
    for term in _prepare(terms):
        note = Note(  # type: ignore[no-untyped-call]
            model=model,
            fields=_anki_fields(term, examples.get(term.id)),
            sort_field=html.escape(term.id_term),
            tags=[term.domain],
            guid=guid_for(term.id),  # type: ignore[no-untyped-call]
        )
        deck.add_note(note)  # type: ignore[no-untyped-call]
    when = time.time() if timestamp is None else timestamp
    with tempfile.TemporaryDirectory(prefix="dwibahasa-anki-") as folder:
        database = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            package = Package(deck)  # type: ignore[no-untyped-call]
            package.write_to_db(connection.cursor(), when, itertools.count(int(when * 1000)))
            connection.commit()
        finally:
            connection.close()
        collection = database.read_bytes()
    zip_time = time.gmtime(max(when, 315_532_800))[:6]  # zip dates start in 1980
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in (("collection.anki2", collection), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=zip_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return output.getvalue()
