"""`dwibahasa glossary`: list, show, match, import, export and check the term base.

Terms may come from other people's files: every term text, slug and file name
printed as plain text goes through `display_text` (the terms are cleaned when
read as well), and `print_json` escapes what a terminal would obey.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from glossary.termbase import DOMAINS, domain_name
from reader.cli.context import Context, pass_context
from reader.cli.options import doc_argument, json_option, lang_option, output_option
from reader.cli.output import clause, print_json
from reader.cli.translated import TranslatedGroup
from reader.errors import UserError
from reader.i18n import N_, _, ngettext
from reader.safe_text import display_text

if TYPE_CHECKING:
    from glossary.untrusted import Stripped
    from reader.glossary_service import GlossaryImport, GlossaryService


@click.group(cls=TranslatedGroup, help=N_("The defence-diplomacy and national-security term base."))
def glossary() -> None:
    pass


@glossary.command(
    "list", help=N_("List terms with their English and how often the library uses them.")
)
@click.option("--domain", type=click.Choice(DOMAINS), help=N_("Only this domain."))
@click.option("--own", is_flag=True, help=N_("Only your own terms."))
@json_option()
@pass_context
def glossary_list(context: Context, domain: str | None, own: bool, as_json: bool) -> None:
    service = context.service
    counts = service.glossary.counts()
    terms = [t for t in service.glossary.termbase().by_domain(domain) if t.own or not own]
    if as_json:
        print_json([{**t.to_dict(), "occurrences": counts.get(t.id, 0)} for t in terms])
        return
    for term in terms:
        count = counts.get(term.id, 0)
        id_term, en = display_text(term.id_term), display_text(term.en)
        domain = display_text(domain_name(term.domain))
        mark = "  " + _("(own)") if term.own else ""
        click.echo(f"{id_term}  —  {en}  [{domain}]  {count}×{mark}")


@glossary.command(
    "show", help=N_("A term's entry and every paragraph that uses it (document, ¶, sentence).")
)
@click.argument("term")
@json_option()
@pass_context
def glossary_show(context: Context, term: str, as_json: bool) -> None:
    service = context.service
    entry = service.glossary.find_term(term)
    if entry is None:
        raise UserError(
            _("no glossary term matches '{query}'; see 'dwibahasa glossary list'").format(
                query=display_text(term)
            )
        )
    occurrences = service.glossary.occurrences(entry.id)
    if as_json:
        print_json(
            {
                **entry.to_dict(),
                "occurrences": [
                    {
                        "slug": o.slug,
                        "title": o.title,
                        "seq": o.seq,
                        "lang": o.lang,
                        "surface": o.surface,
                        "sentence": o.sentence,
                    }
                    for o in occurrences
                ],
            }
        )
        return
    shown = display_text
    heading = f"{shown(entry.id_term)} — {shown(entry.en)}"
    click.echo(click.style(heading, bold=True) + f"  [{shown(domain_name(entry.domain))}]")
    if entry.abbreviation or entry.expansion:
        click.echo(f"  {shown(entry.abbreviation)} {shown(entry.expansion)}".rstrip())
    variants = [shown(v) for v in entry.variants]
    if variants:
        click.echo("  " + _("also: {variants}").format(variants=", ".join(variants)))
    click.echo(f"  id: {shown(entry.definition_id)}")
    click.echo(f"  en: {shown(entry.definition_en)}")
    if entry.related:
        names = service.glossary.termbase().related_names(entry)
        related = ", ".join(shown(r) for r in names)
        click.echo("  " + _("related: {terms}").format(terms=related))
    if entry.notes:
        click.echo("  " + _("note: {note}").format(note=shown(entry.notes)))
    count = len(occurrences)
    click.echo()
    click.echo(ngettext("{count} occurrence", "{count} occurrences", count).format(count=count))
    for o in occurrences:
        click.echo(f"  {shown(o.slug)} ¶{o.seq} [{o.lang}] {shown(o.sentence)}")


@glossary.command(
    "match", help=N_("Find glossary terms in FILE (or standard input) and report their offsets.")
)
@click.argument("file", required=False, default="-")
@lang_option(N_("Language of the text."), default="id", show_default=True)
@click.option("--fuzzy", is_flag=True, help=N_("Also report words one typo away from a term."))
@json_option()
@pass_context
def glossary_match(context: Context, file: str, lang: str, fuzzy: bool, as_json: bool) -> None:
    from glossary.formats import read_regular_file
    from glossary.termbase import TermBaseError
    from reader.documents import DEFAULT_MAX_BYTES
    from reader.ingest.decode import decode_bytes

    if file == "-":
        data = sys.stdin.buffer.read(DEFAULT_MAX_BYTES + 1)
        name = "<stdin>"
        if len(data) > DEFAULT_MAX_BYTES:
            raise UserError(
                _("{path}: is over the {limit} MB limit").format(
                    path=name, limit=DEFAULT_MAX_BYTES // (1024 * 1024)
                )
            )
    else:
        name = display_text(file)
        try:  # a regular file, of a document's size at most: one line for anything else
            data = read_regular_file(file, DEFAULT_MAX_BYTES)
        except TermBaseError as error:
            raise UserError(str(error)) from None
    text = decode_bytes(data, name) if data.strip() else ""
    matches = context.service.glossary.match_text(text, lang, fuzzy=fuzzy)
    if as_json:
        print_json(
            [
                {
                    "start": m.start,
                    "end": m.end,
                    "surface": m.surface,
                    "term_id": m.term_id,
                    "id": m.id_term,
                    "en": m.en,
                    "fuzzy": m.fuzzy,
                }
                for m in matches
            ]
        )
        return
    for m in matches:
        surface, id_term, en = display_text(m.surface), display_text(m.id_term), display_text(m.en)
        line = f"{m.start}-{m.end}  {surface}  →  {id_term} / {en}"
        click.echo(_("{match} (fuzzy)").format(match=line) if m.fuzzy else line)


@glossary.command(
    "import", help=N_("Add or update terms from FILE (all or nothing; errors name their lines).")
)
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "format_",
    type=click.Choice(["csv", "tbx", "json"]),
    help=N_("Default: by extension."),
)
@pass_context
def glossary_import(context: Context, file: Path, format_: str | None) -> None:
    from glossary.formats import load_glossary
    from glossary.termbase import TermBaseError

    try:
        terms = load_glossary(file, format_)
        report = context.service.glossary.import_terms(terms)
    except TermBaseError as error:  # the glossary package's own error: a user's file problem
        raise UserError(str(error)) from None
    terms_clause = ngettext(
        "{file}: {count} term ({added} new, {updated} updated)",
        "{file}: {count} terms ({added} new, {updated} updated)",
        len(terms),
    ).format(
        file=display_text(str(file)),
        count=len(terms),
        added=report.added,
        updated=report.updated,
    )
    relinked_clause = ngettext(
        "relinked {count} paragraph", "relinked {count} paragraphs", report.relinked
    ).format(count=report.relinked)
    click.echo(
        f"{terms_clause}; {relinked_clause}"
        + clause(_dismissals_clause(report))
        + clause(_stripped_clause(terms.stripped))
    )


def _dismissals_clause(report: GlossaryImport) -> str:
    """What became of the dismissed check flags a JSON export carried ('' if none)."""
    total = report.dismissals_restored + report.dismissals_skipped
    if not total:
        return ""
    restored = ngettext(
        "restored {count} dismissed flag",
        "restored {count} dismissed flags",
        report.dismissals_restored,
    ).format(count=report.dismissals_restored)
    if not report.dismissals_skipped:
        return restored
    return (
        restored
        + " "
        + ngettext(
            "({count} skipped: its paragraph is not here or has changed)",
            "({count} skipped: their paragraphs are not here or have changed)",
            report.dismissals_skipped,
        ).format(count=report.dismissals_skipped)
    )


def _dismissal(glossary: GlossaryService, item: str) -> tuple[int, list[str] | None]:
    """`N` or `N:TERM,TERM` as (paragraph number, term ids or None for all); a term may be
    named by id or by any of its forms."""
    number, _colon, names = item.partition(":")
    if not number.strip().isdigit():
        raise UserError(
            _(
                "--dismiss takes a paragraph number, then optionally ':' and terms: not '{item}'"
            ).format(item=display_text(item))
        )
    if not names.strip():
        return int(number), None
    term_ids = []
    for name in (n.strip() for n in names.split(",")):
        term = glossary.find_term(name) if name else None
        if term is None:
            raise UserError(
                _("no glossary term matches '{query}'; see 'dwibahasa glossary list'").format(
                    query=display_text(name)
                )
            )
        term_ids.append(term.id)
    return int(number), term_ids


def _stripped_clause(stripped: Stripped) -> str:
    """'removed 1 escape sequence, 3 control characters', or '' if the file had none."""
    items = []
    if stripped.escapes:
        items.append(
            ngettext(
                "{count} terminal escape sequence",
                "{count} terminal escape sequences",
                stripped.escapes,
            ).format(count=stripped.escapes)
        )
    if stripped.controls:
        items.append(
            ngettext(
                "{count} control character", "{count} control characters", stripped.controls
            ).format(count=stripped.controls)
        )
    return _("removed {items}").format(items=", ".join(items)) if items else ""


@glossary.command(
    "export",
    help=N_("Write the glossary as CSV, TBX, JSON or an Anki deck (to stdout, or -o FILE)."),
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(["csv", "tbx", "json", "anki"]),
    default="csv",
    show_default=True,
)
@click.option("--doc", help=N_("Only the terms this document uses."))
@click.option("--own", is_flag=True, help=N_("Only your own terms (marked as such)."))
@output_option()
@click.option("--force", is_flag=True, help=N_("Replace the output file if it exists."))
@click.option("--excel", is_flag=True, help=N_("CSV with a byte-order mark, for Excel."))
@pass_context
def glossary_export(
    context: Context,
    format_: str,
    doc: str | None,
    own: bool,
    output: Path | None,
    force: bool,
    excel: bool,
) -> None:
    from dataclasses import asdict

    from glossary.export import export_glossary
    from reader.files import check_output, write_atomically

    if format_ == "anki" and output is None:
        raise UserError(_("an Anki deck is a file: add -o FILE.apkg"))
    if output is not None:
        check_output(output, force)
    service = context.service
    document_id = service.resolve(doc).id if doc else None
    terms = [t for t in service.glossary.terms(document_id) if t.own or not own]
    examples = service.glossary.examples(terms, document_id) if format_ == "anki" else {}
    dismissals = (
        [asdict(d) for d in service.glossary.dismissals(document_id)] if format_ == "json" else []
    )
    data = export_glossary(terms, format_, examples=examples, excel=excel, dismissals=dismissals)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_atomically(output, data)
    count = len(terms)
    click.echo(
        ngettext("wrote {count} term to {file}", "wrote {count} terms to {file}", count).format(
            count=count, file=display_text(str(output))
        ),
        err=True,
    )


@glossary.command(
    "check",
    help=N_("Paragraphs whose English does not render a glossary term the Indonesian uses."),
)
@doc_argument()
@click.option(
    "--dismiss",
    "dismiss",
    metavar="N[:TERM,...]",
    multiple=True,
    help=N_(
        "Dismiss the flags of paragraph N (or only those of the terms named) as not a "
        "problem; they are stored in the library and not raised again."
    ),
)
@click.option(
    "--restore",
    "restore",
    metavar="N",
    type=int,
    multiple=True,
    help=N_("Raise the dismissed flags of paragraph N again."),
)
@json_option()
@pass_context
def glossary_check(
    context: Context, doc: str, dismiss: tuple[str, ...], restore: tuple[int, ...], as_json: bool
) -> None:
    service = context.service
    document = service.resolve(doc)
    glossary = service.glossary
    for seq in restore:
        count = glossary.undismiss(document.id, seq)
        click.echo(
            ngettext(
                "¶{number}: {count} dismissed flag restored",
                "¶{number}: {count} dismissed flags restored",
                count,
            ).format(number=seq, count=count),
            err=True,
        )
    for item in dismiss:
        seq, term_ids = _dismissal(glossary, item)
        glossary.ensure_links(document.id)
        count = glossary.dismiss(document.id, seq, term_ids)
        click.echo(
            ngettext(
                "¶{number}: {count} flag dismissed", "¶{number}: {count} flags dismissed", count
            ).format(number=seq, count=count),
            err=True,
        )
    misses = glossary.check(document.id)
    if as_json:
        print_json(
            [
                {
                    "seq": miss.seq,
                    "term_id": miss.term_id,
                    "surface": miss.surface,
                    "expected": list(miss.expected),
                }
                for miss in misses
            ]
        )
        return
    if not misses:
        click.echo(
            _("{slug}: every linked term is rendered in the English").format(
                slug=display_text(document.slug)
            )
        )
        return
    for miss in misses:
        click.echo(
            _("¶{number}: '{surface}' — English lacks '{expected}'").format(
                number=miss.seq,
                surface=display_text(miss.surface),
                expected=display_text(miss.en or miss.term_id),
            )
        )
    count = len(misses)
    click.echo(
        ngettext("{count} terminology miss", "{count} terminology misses", count).format(
            count=count
        )
    )


def _own_term_options(function: Callable[..., None]) -> Callable[..., None]:
    """The fields of an own term a reader may give, shared by `add` and `edit`."""
    for option in reversed(
        (
            click.option("--definition-id", help=N_("Definition in Indonesian.")),
            click.option("--definition-en", help=N_("Definition in English.")),
            click.option("--domain", type=click.Choice(DOMAINS), help=N_("The term's domain.")),
            click.option(
                "--variant",
                "variants",
                multiple=True,
                help=N_("Another Indonesian form to link (repeatable)."),
            ),
            click.option(
                "--en-variant",
                "en_variants",
                multiple=True,
                help=N_("Another English form to link (repeatable)."),
            ),
            click.option("--note", help=N_("A note of your own.")),
        )
    ):
        function = option(function)
    return function


@glossary.command(
    "add", help=N_("Add a term of your own (kept in the library, linked at once everywhere).")
)
@click.argument("id_term")
@click.option("--en", required=True, help=N_("The English term."))
@_own_term_options
@pass_context
def glossary_add(
    context: Context,
    id_term: str,
    en: str,
    definition_id: str | None,
    definition_en: str | None,
    domain: str | None,
    variants: tuple[str, ...],
    en_variants: tuple[str, ...],
    note: str | None,
) -> None:
    from reader.glossary_service import DEFAULT_OWN_DOMAIN

    term = context.service.glossary.add_own_term(
        id_term,
        en,
        domain=domain or DEFAULT_OWN_DOMAIN,
        definition_id=definition_id or "",
        definition_en=definition_en or "",
        id_variants=variants,
        en_variants=en_variants,
        notes=note or "",
    )
    count = context.service.glossary.counts().get(term.id, 0)
    click.echo(
        ngettext(
            "added your term {id} ({count} occurrence)",
            "added your term {id} ({count} occurrences)",
            count,
        ).format(id=display_text(term.id), count=count)
    )


@glossary.command("edit", help=N_("Change a term of your own (curated terms cannot be changed)."))
@click.argument("term_id")
@click.option("--id-term", help=N_("The Indonesian term (its id stays)."))
@click.option("--en", help=N_("The English term."))
@_own_term_options
@pass_context
def glossary_edit(
    context: Context,
    term_id: str,
    id_term: str | None,
    en: str | None,
    definition_id: str | None,
    definition_en: str | None,
    domain: str | None,
    variants: tuple[str, ...],
    en_variants: tuple[str, ...],
    note: str | None,
) -> None:
    term = context.service.glossary.edit_own_term(
        term_id,
        id_term=id_term,
        en=en,
        definition_id=definition_id,
        definition_en=definition_en,
        domain=domain,
        id_variants=variants or None,
        en_variants=en_variants or None,
        notes=note,
    )
    click.echo(_("changed your term {id}").format(id=display_text(term.id)))


@glossary.command("delete", help=N_("Delete a term of your own and its links."))
@click.argument("term_id")
@click.option("--yes", is_flag=True, help=N_("Do not ask for confirmation."))
@pass_context
def glossary_delete(context: Context, term_id: str, yes: bool) -> None:
    glossary = context.service.glossary
    if not yes:
        glossary.own_term(term_id)  # a curated or unknown id: its error before the question
        question = _("delete your term {id}?").format(id=display_text(term_id))
        if not click.confirm(question, err=True):
            raise UserError(_("nothing deleted"))
    term = glossary.delete_own_term(term_id)
    click.echo(_("deleted your term {id}").format(id=display_text(term.id)))
