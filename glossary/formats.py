"""Readers for the glossary exchange formats written by `glossary.export`: CSV, TBX, JSON.

Import is all or nothing: a reader parses and checks the whole file with the
same rules as the bundled TOML (`term_from_mapping`: ids, domains, terms with
letters; unique ids; related ids present in the file) and returns a `TermBase`
only if every entry is valid. Otherwise it raises one `GlossaryFormatError`
whose one-line message lists the first ten problems, each with its line number
(CSV, TBX) or index (JSON), because a user fixing a file wants all the problems
at once, not one per attempt.

Text is cleaned on the way in: every value loses terminal escape sequences
and control characters (`glossary.untrusted.clean_text`), and the returned
`TermBase.stripped` counts what went, for the importer's report. A file is
read only if it is a regular file of at most `MAX_FILE_BYTES` (a device,
pipe or folder is refused before it is opened for reading); JSON is bounded
in nesting (Python's own recursion limit, reported as one line) and in the
digits of a number (`MAX_JSON_DIGITS`).

TBX is parsed with defusedxml. The plain `<!DOCTYPE martif SYSTEM "...dtd">`
line other TBX tools write is accepted (the DTD is never loaded), but any entity
declaration or external reference is refused, so nothing (billion laughs,
external files) is ever expanded or fetched.
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
import json
import os
import stat
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from xml.parsers import expat

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from glossary.export import (
    CSV_LIST_SPLIT,
    JSON_FORMAT,
    JSON_VERSION,
    LIST_FIELDS,
    TBX_ABBREVIATION,
    TBX_ADMITTED,
    TBX_FULL_FORM,
    TBX_LANGUAGES,
    TBX_NOTE_PREFIXES,
    TBX_PREFERRED,
    XML_LANG,
    GlossaryFormatError,
    unguard_formula,
)
from glossary.i18n import _, ngettext
from glossary.termbase import (
    DISMISSAL_FIELDS,
    FIELDS,
    OPTIONAL_FIELDS,
    Dismissal,
    TermBase,
    TermBaseError,
    build_termbase,
    term_from_mapping,
)
from glossary.untrusted import Stripped, clean_mapping, clean_text, one_line

__all__ = [
    "IMPORT_FORMATS",
    "MAX_FILE_BYTES",
    "MAX_JSON_DIGITS",
    "REQUIRED_FIELDS",
    "GlossaryFormatError",
    "format_for_path",
    "from_csv",
    "from_json",
    "from_tbx",
    "load_glossary",
    "read_regular_file",
]

IMPORT_FORMATS = ("csv", "tbx", "json")
REQUIRED_FIELDS = ("id", "id_term", "en", "domain")
_SUFFIX_FORMATS = {".csv": "csv", ".tbx": "tbx", ".xml": "tbx", ".json": "json"}
MAX_LISTED_PROBLEMS = 10
MEGABYTE = 1024 * 1024
MAX_FILE_BYTES = 20 * MEGABYTE
"""The largest glossary file read: the bundled 251 terms are about 100 KB as JSON."""
MAX_JSON_DIGITS = 64
"""The most digits a JSON number may have (no field is a number; this bounds the work)."""


def _fail(source: str, problems: Sequence[str]) -> GlossaryFormatError:
    """One error, one line: the first problems, then how many more were found."""
    shown = "; ".join(" ".join(p.split()) for p in problems[:MAX_LISTED_PROBLEMS])
    count = len(problems)
    if count == 1:
        message = _("{source}: {problem}").format(source=source, problem=shown)
    elif count <= MAX_LISTED_PROBLEMS:
        message = ngettext(
            "{source}: {count} problem: {problems}", "{source}: {count} problems: {problems}", count
        ).format(source=source, count=count, problems=shown)
    else:
        message = ngettext(
            "{source}: {count} problem: {problems}; and {more} more",
            "{source}: {count} problems: {problems}; and {more} more",
            count,
        ).format(source=source, count=count, problems=shown, more=count - MAX_LISTED_PROBLEMS)
    return GlossaryFormatError(message, problems)


def _termbase(
    entries: Iterable[tuple[dict[str, Any], str]],
    problems: list[str],
    source: str,
    *,
    complete: bool = True,
    stripped: Stripped | None = None,
) -> TermBase:
    """Check every entry, collecting problems (not stopping at the first); then build.

    `build_termbase` stops at the first problem and names a related-id problem
    by term id only, so the same checks run here first to report them all with
    their `where`; it still builds the result, so its rules remain the rules.
    A related id is only "not in the file" if no entry has it, valid or not, and
    is not checked at all when the file was not read to the end (`complete`).
    Every text is cleaned first (`clean_mapping`); the result's `stripped` adds
    what went to what the caller already removed (`stripped`).
    """
    checked: list[tuple[dict[str, Any], str]] = []
    first_seen: dict[str, str] = {}
    present: set[str] = set()
    related: list[tuple[str, tuple[str, ...]]] = []
    stripped = stripped or Stripped()
    for raw, where in entries:
        data, removed = clean_mapping(raw)
        stripped += removed
        if isinstance(data.get("id"), str):
            present.add(" ".join(data["id"].split()))
        try:
            term = term_from_mapping(data, where)
        except TermBaseError as error:
            problems.append(str(error))
            continue
        if term.id in first_seen:
            problems.append(
                _("{where}: duplicate id '{id}' (first at {first})").format(
                    where=where, id=term.id, first=first_seen[term.id]
                )
            )
            continue
        first_seen[term.id] = where
        related.append((where, term.related))
        checked.append((data, where))
    for where, ids in related if complete else ():
        missing = [r for r in ids if r not in present]
        if missing:
            problems.append(
                _("{where}: related id(s) not in the file: {ids}").format(
                    where=where, ids=", ".join(missing)
                )
            )
    if not problems and not checked:
        problems.append(_("no terms"))
    if problems:
        raise _fail(source, problems)
    try:
        base = build_termbase(checked)
    except TermBaseError as error:  # pragma: no cover - the checks above are the same
        raise _fail(source, [str(error)]) from None
    base.stripped = stripped
    return base


def _decode(data: bytes, source: str) -> str:
    """UTF-8 text without its byte order mark, or an error that says how to fix the file."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise GlossaryFormatError(
            _("{source}: the file is UTF-16; save it as UTF-8").format(source=source)
        )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise GlossaryFormatError(
            _(
                "{source}: line {line}: not UTF-8 text (byte {byte}); "
                "save the file as UTF-8 (in Excel: CSV UTF-8)"
            ).format(source=source, line=line, byte=f"0x{data[error.start]:02x}")
        ) from None


# --- CSV ---------------------------------------------------------------------------------


def from_csv(data: bytes, source: str = "CSV") -> TermBase:
    """A term base from CSV as `glossary.export.to_csv` writes it (columns in any order).

    The header must name columns of `FIELDS` only, each once, and include
    `REQUIRED_FIELDS`; a missing optional column means empty values. A byte
    order mark is ignored. Cells lose the formula-guard apostrophe
    (`unguard_formula`) and list cells are split on "|".
    """
    text = _decode(data, source)
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(rows)
    except StopIteration:
        raise GlossaryFormatError(
            _("{source}: empty file; expected a header row").format(source=source)
        ) from None
    except csv.Error as error:
        raise GlossaryFormatError(
            _("{source}: line {line}: bad CSV ({error})").format(source=source, line=1, error=error)
        ) from None
    _check_header(header, source)

    problems: list[str] = []
    entries: list[tuple[dict[str, Any], str]] = []
    end = rows.line_num
    quoting_error = False
    stripped = Stripped()
    line_where = _("line {line}")  # translated once, filled in per row
    while True:
        line = end + 1  # a quoted cell may span lines: report where the record starts
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(
                _("line {line}: bad CSV quoting ({error}); nothing after it was read").format(
                    line=line, error=error
                )
            )
            quoting_error = True
            break
        end = rows.line_num
        if not row:
            continue
        if len(row) != len(header):
            problems.append(
                ngettext(
                    "line {line}: {count} cell, expected {expected} (the header's)",
                    "line {line}: {count} cells, expected {expected} (the header's)",
                    len(row),
                ).format(line=line, count=len(row), expected=len(header))
            )
            continue
        mapping: dict[str, Any] = {}
        for name, cell in zip(header, row, strict=True):
            value, removed = clean_text(unguard_formula(cell))  # before splitting a sequence
            stripped += removed
            mapping[name] = CSV_LIST_SPLIT.split(value) if name in LIST_FIELDS else value
        entries.append((mapping, line_where.format(line=line)))
    return _termbase(entries, problems, source, complete=not quoting_error, stripped=stripped)


def _check_header(header: list[str], source: str) -> None:
    unknown = [name for name in header if name not in FIELDS]
    repeated = sorted({name for name in header if header.count(name) > 1})
    missing = [name for name in REQUIRED_FIELDS if name not in header]
    problems = []
    if unknown:
        problems.append(
            _("unknown column(s) {columns}").format(columns=", ".join(repr(n) for n in unknown))
        )
    if repeated:
        problems.append(_("repeated column(s) {columns}").format(columns=", ".join(repeated)))
    if missing:
        problems.append(
            _("missing required column(s) {columns}").format(columns=", ".join(missing))
        )
    if problems:
        raise GlossaryFormatError(
            _("{source}: line {line}: bad header: {problems} (columns are {columns})").format(
                source=source, line=1, problems="; ".join(problems), columns=", ".join(FIELDS)
            )
        )


# --- TBX ---------------------------------------------------------------------------------


class _LineBuilder(ET.TreeBuilder):
    """A tree builder that remembers the line each element starts on, for error messages."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[ET.Element, int] = {}
        self.expat: Any = None

    def start(self, tag: str, attrs: dict[str, str], /) -> ET.Element:
        element = super().start(tag, attrs)
        if self.expat is not None:
            self.lines[element] = self.expat.CurrentLineNumber
        return element


def _parse_xml(data: bytes, source: str) -> tuple[ET.Element, dict[ET.Element, int]]:
    builder = _LineBuilder()
    parser = DefusedXMLParser(  # type: ignore[no-untyped-call]  # defusedxml has no hints
        target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    builder.expat = parser.parser
    try:
        parser.feed(data)
        root: ET.Element = parser.close()
    except ET.ParseError as error:
        line, column = error.position
        reason = expat.ErrorString(error.code) if isinstance(error.code, int) else str(error)
        raise GlossaryFormatError(
            _("{source}: line {line}, column {column}: not well-formed XML ({reason})").format(
                source=source, line=line, column=column + 1, reason=reason
            )
        ) from None
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden):
        line = parser.parser.CurrentLineNumber
        raise GlossaryFormatError(
            _(
                "{source}: line {line}: entity declarations and external references are not "
                "accepted (they are never expanded or fetched); remove them and import again"
            ).format(source=source, line=line)
        ) from None
    return root, builder.lines


def _text(element: ET.Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def from_tbx(data: bytes, source: str = "TBX") -> TermBase:
    """A term base from TBX-Basic as `glossary.export.to_tbx` writes it.

    Files from other tools are read where the mapping is unambiguous: a
    definition may sit in a descripGrp, xml:lang may carry a region (`en-GB`),
    a langSet without an administrativeStatus takes its first tig as the
    preferred term, `acronym` counts as an abbreviation termType. Anything that
    would not map back to a Term (another language, two preferred terms,
    deprecated terms, two different abbreviations) is an error naming the entry.
    """
    root, lines = _parse_xml(data, source)
    if root.tag != "martif":
        raise GlossaryFormatError(
            _("{source}: line {line}: not TBX (root element is <{tag}>)").format(
                source=source, line=1, tag=root.tag
            )
        )
    body = root.find("text/body")
    if body is None:
        raise GlossaryFormatError(_("{source}: no <text><body> in <martif>").format(source=source))
    problems: list[str] = []
    entries: list[tuple[dict[str, Any], str]] = []
    # Translated once, filled in per entry.
    where_id, where_number = _("line {line} termEntry '{id}'"), _("line {line} termEntry #{number}")
    for number, entry in enumerate(body.findall("termEntry"), start=1):
        entry_id = entry.get("id")
        line = lines.get(entry, "?")
        if entry_id:
            where = where_id.format(line=line, id=one_line(entry_id))
        else:
            where = where_number.format(line=line, number=number)
        try:
            entries.append((_entry_mapping(entry, entry_id, where), where))
        except GlossaryFormatError as error:
            problems.append(str(error))
    return _termbase(entries, problems, source)


def _entry_mapping(entry: ET.Element, entry_id: str | None, where: str) -> dict[str, Any]:
    """The Term fields of one termEntry (checked later by term_from_mapping)."""
    if not entry_id:
        raise GlossaryFormatError(_("{where}: no id attribute").format(where=where))
    domains = [_text(d) for d in entry.findall("descrip[@type='subjectField']")]
    if len(domains) != 1:
        raise GlossaryFormatError(
            _(
                '{where}: expected one <descrip type="subjectField"> (the domain), found {count}'
            ).format(where=where, count=len(domains))
        )
    related = []
    for ref in entry.findall("ref[@type='crossReference']"):
        target = ref.get("target")
        if not target:
            raise GlossaryFormatError(
                _("{where}: crossReference without a target").format(where=where)
            )
        related.append(target)
    mapping: dict[str, Any] = {
        "id": entry_id,
        "domain": domains[0],
        "related": related,
    }
    notes = []
    for note in map(_text, entry.findall("note")):
        name = next((n for n, p in TBX_NOTE_PREFIXES.items() if note.startswith(p)), None)
        if name is None:
            notes.append(note)
        else:
            value = note[len(TBX_NOTE_PREFIXES[name]) :]
            mapping[name] = CSV_LIST_SPLIT.split(value) if name in LIST_FIELDS else value
    mapping["notes"] = " ".join(notes)
    abbreviations: list[str] = []
    expansions: list[str] = []
    seen_languages: set[str] = set()
    for lang_set in entry.findall("langSet"):
        raw_lang = lang_set.get(XML_LANG) or lang_set.get("lang") or ""
        lang = raw_lang.split("-")[0].lower()
        if lang not in TBX_LANGUAGES:
            raise GlossaryFormatError(
                _(
                    "{where}: langSet xml:lang '{lang}' is neither Indonesian (id) nor English (en)"
                ).format(where=where, lang=raw_lang)
            )
        if lang in seen_languages:
            raise GlossaryFormatError(
                _("{where}: two langSets for '{lang}'").format(where=where, lang=lang)
            )
        seen_languages.add(lang)
        definitions = lang_set.findall("descrip[@type='definition']")
        definitions += lang_set.findall("descripGrp/descrip[@type='definition']")
        mapping[f"definition_{lang}"] = " ".join(_text(d) for d in definitions)
        preferred, variants = _lang_set_forms(lang_set, lang, where, abbreviations, expansions)
        mapping["id_term" if lang == "id" else "en"] = preferred
        mapping[f"{lang}_variants"] = variants
    for lang in TBX_LANGUAGES:
        if lang not in seen_languages:
            raise GlossaryFormatError(
                _("{where}: no langSet for '{lang}'").format(where=where, lang=lang)
            )
    for name, values in (("abbreviation", abbreviations), ("expansion", expansions)):
        distinct = sorted(set(values))
        if len(distinct) > 1:
            raise GlossaryFormatError(
                _("{where}: more than one {field}: {values}").format(
                    where=where, field=name, values=", ".join(distinct)
                )
            )
        mapping[name] = distinct[0] if distinct else ""
    return mapping


def _lang_set_forms(
    lang_set: ET.Element, lang: str, where: str, abbreviations: list[str], expansions: list[str]
) -> tuple[str, list[str]]:
    """(preferred term, variants) of a langSet; abbreviation/expansion tigs are noted aside."""
    if lang_set.find("ntig") is not None:
        raise GlossaryFormatError(
            _("{where}: <ntig> is not supported; use <tig>").format(where=where)
        )
    preferred: list[str] = []
    forms: list[tuple[str, bool]] = []  # (text, status given)
    for tig in lang_set.findall("tig"):
        text = _text(tig.find("term"))
        statuses = [_text(n) for n in tig.findall("termNote[@type='administrativeStatus']")]
        kinds = [_text(n) for n in tig.findall("termNote[@type='termType']")]
        if len(statuses) > 1:
            raise GlossaryFormatError(
                _("{where}: a tig with two administrativeStatus notes").format(where=where)
            )
        status = statuses[0] if statuses else None
        if status not in (None, TBX_PREFERRED, TBX_ADMITTED):
            raise GlossaryFormatError(
                _(
                    "{where}: {lang} term {term} has administrativeStatus '{status}'; "
                    "only {preferred} and {admitted} are imported"
                ).format(
                    where=where,
                    lang=lang,
                    term=repr(text),
                    status=status,
                    preferred=TBX_PREFERRED,
                    admitted=TBX_ADMITTED,
                )
            )
        is_abbreviation = any(k in (TBX_ABBREVIATION, "acronym") for k in kinds)
        is_full_form = TBX_FULL_FORM in kinds
        if is_abbreviation:
            abbreviations.append(text)
        if is_full_form:
            expansions.append(text)
        if status is None and (is_abbreviation or is_full_form):
            continue  # only there to carry the abbreviation or expansion
        if status == TBX_PREFERRED:
            preferred.append(text)
        forms.append((text, status == TBX_PREFERRED))
    if len(preferred) > 1:
        raise GlossaryFormatError(
            ngettext(
                "{where}: {lang} langSet has {count} preferred term",
                "{where}: {lang} langSet has {count} preferred terms",
                len(preferred),
            ).format(where=where, lang=lang, count=len(preferred))
        )
    if not forms:
        raise GlossaryFormatError(
            _("{where}: {lang} langSet has no term").format(where=where, lang=lang)
        )
    # Without an administrativeStatus anywhere, the first form is taken as preferred.
    first = next((i for i, (_, is_preferred) in enumerate(forms) if is_preferred), 0)
    return forms[first][0], [text for i, (text, _) in enumerate(forms) if i != first]


# --- JSON --------------------------------------------------------------------------------


def from_json(data: bytes, source: str = "JSON") -> TermBase:
    """A term base from `glossary.export.to_json`'s shape; every term needs all `FIELDS`
    but the `OPTIONAL_FIELDS` added later (files written before them still load).

    All fields are required (unlike CSV columns) because the JSON is written by
    a program: a missing field means a truncated or wrongly made file.
    """
    text = _decode(data, source)
    document = _parse_json(text, source)
    if not isinstance(document, dict) or document.get("format") != JSON_FORMAT:
        raise GlossaryFormatError(
            _('{source}: not a Dwibahasa glossary ("format" is not {expected})').format(
                source=source, expected=repr(JSON_FORMAT)
            )
        )
    version = document.get("version")
    if version != JSON_VERSION:
        raise GlossaryFormatError(
            _(
                "{source}: glossary version {version} is not supported "
                "(this Dwibahasa reads version {supported})"
            ).format(source=source, version=repr(version), supported=JSON_VERSION)
        )
    terms = document.get("terms")
    if not isinstance(terms, list):
        raise GlossaryFormatError(_('{source}: "terms" must be a list').format(source=source))
    problems: list[str] = []
    entries: list[tuple[dict[str, Any], str]] = []
    for index, item in enumerate(terms):
        # A JSON path and the "id" key name the entry: data, not words to translate.
        if not isinstance(item, dict):
            problems.append(_("{where}: must be an object").format(where=f"terms[{index}]"))
            continue
        term_id = item.get("id")
        where = (
            f"terms[{index}] (id '{one_line(term_id)}')"
            if isinstance(term_id, str)
            else f"terms[{index}]"
        )
        missing = [name for name in FIELDS if name not in item and name not in OPTIONAL_FIELDS]
        if missing:
            problems.append(
                _("{where}: missing field(s) {fields}").format(
                    where=where, fields=", ".join(missing)
                )
            )
            continue
        entries.append((item, where))
    dismissals = _json_dismissals(document.get("check_dismissals", []), problems)
    base = _termbase(entries, problems, source)
    base.dismissals = dismissals
    return base


def _json_dismissals(items: object, problems: list[str]) -> tuple[Dismissal, ...]:
    """The `check_dismissals` of a JSON export (see `to_json`); problems join `problems`."""
    if not isinstance(items, list):
        problems.append(_('"check_dismissals" must be a list'))
        return ()
    found = []
    for index, item in enumerate(items):
        where = f"check_dismissals[{index}]"
        if not isinstance(item, dict) or set(item) != set(DISMISSAL_FIELDS):
            problems.append(
                _("{where}: must be an object with exactly {fields}").format(
                    where=where, fields=", ".join(DISMISSAL_FIELDS)
                )
            )
            continue
        seq = item["seq"]
        texts = [item[name] for name in DISMISSAL_FIELDS if name != "seq"]
        if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
            problems.append(_("{where}: seq must be a paragraph number").format(where=where))
        elif not all(isinstance(text, str) and one_line(text) for text in texts):
            problems.append(_("{where}: every other field must be text").format(where=where))
        else:
            slug, term_id, sha256, when = (one_line(text) for text in texts)
            found.append(Dismissal(slug, seq, term_id, sha256, when))
    return tuple(found)


class _NumberTooLong(ValueError):
    pass


def _bounded_int(digits: str) -> int:
    """`int(digits)`, refusing the long digit strings that make int() slow or raise."""
    if len(digits.lstrip("-")) > MAX_JSON_DIGITS:
        raise _NumberTooLong(digits[:20])
    return int(digits)


def _parse_json(text: str, source: str) -> Any:
    """`json.loads`, with nesting and number size bounded; every failure is one line."""
    try:
        return json.loads(text, parse_int=_bounded_int)
    except json.JSONDecodeError as error:
        raise GlossaryFormatError(
            _("{source}: line {line}, column {column}: not valid JSON ({reason})").format(
                source=source, line=error.lineno, column=error.colno, reason=error.msg
            )
        ) from None
    except RecursionError:
        raise GlossaryFormatError(
            _("{source}: not a glossary: the JSON is nested too deeply").format(source=source)
        ) from None
    except ValueError:  # a number too long (ours, or Python's digit limit)
        raise GlossaryFormatError(
            _("{source}: not a glossary: a number with more than {count} digits").format(
                source=source, count=MAX_JSON_DIGITS
            )
        ) from None


# --- Files -------------------------------------------------------------------------------


def format_for_path(path: str | os.PathLike[str]) -> str:
    """The import format a file name implies (.csv, .tbx or .xml, .json)."""
    suffix = Path(path).suffix.lower()
    try:
        return _SUFFIX_FORMATS[suffix]
    except KeyError:
        if suffix:
            message = _(
                "{path}: cannot tell the glossary format from '{suffix}' "
                "(use .csv, .tbx, .xml or .json, or name the format)"
            )
        else:
            message = _(
                "{path}: cannot tell the glossary format from 'no extension' "
                "(use .csv, .tbx, .xml or .json, or name the format)"
            )
        raise GlossaryFormatError(message.format(path=path, suffix=suffix)) from None


def load_glossary(path: str | os.PathLike[str], format: str | None = None) -> TermBase:
    """Read and check a glossary file; `format` ("csv", "tbx", "json") overrides the extension.

    Every failure, unreadable file included, is a `GlossaryFormatError` with a
    one-line message that starts with the path.
    """
    chosen = format.lower() if format else format_for_path(path)
    if chosen not in IMPORT_FORMATS:
        raise GlossaryFormatError(
            _("{path}: unknown glossary format '{format}' (expected one of {formats})").format(
                path=path, format=format, formats=", ".join(IMPORT_FORMATS)
            )
        )
    data = read_regular_file(path)
    reader = {"csv": from_csv, "tbx": from_tbx, "json": from_json}[chosen]
    return reader(data, str(path))


def read_regular_file(path: str | os.PathLike[str], max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, or a one-line error naming it.

    Folders, devices (/dev/zero), pipes and sockets are refused by their
    status, before the file is opened for reading: a pipe with no writer
    would block the open, a device would never end. The file is then opened
    without blocking and checked again (it may have been swapped), and read
    to at most one byte over the limit, in case it grew.
    """
    try:
        _check_regular(path, Path(path).stat().st_mode)
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as stream:
            info = os.fstat(stream.fileno())
            _check_regular(path, info.st_mode)
            if info.st_size > max_bytes:
                raise _too_large(path, max_bytes)
            data = stream.read(max_bytes + 1)
    except OSError as error:
        reason = error.strerror or os.strerror(error.errno or errno.EIO)
        raise GlossaryFormatError(
            _("{path}: cannot read ({reason})").format(path=path, reason=reason)
        ) from None
    if len(data) > max_bytes:  # it grew after fstat
        raise _too_large(path, max_bytes)
    return data


def _check_regular(path: str | os.PathLike[str], mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise GlossaryFormatError(_("{path}: is a folder; give a file").format(path=path))
    if not stat.S_ISREG(mode):
        raise GlossaryFormatError(
            _("{path}: is not a regular file (a device, pipe or socket); give a file").format(
                path=path
            )
        )


def _too_large(path: str | os.PathLike[str], max_bytes: int) -> GlossaryFormatError:
    limit = max_bytes / MEGABYTE
    return GlossaryFormatError(
        _("{path}: is over the {limit} MB limit").format(
            path=path, limit=f"{limit:.0f}" if limit >= 1 else f"{limit:.2g}"
        )
    )
