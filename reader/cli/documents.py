"""Reading the library: `read`, `list`, `show`, `search` (and the library screen)."""

from __future__ import annotations

import sys

import click

from reader import i18n
from reader.cli.context import Context, pass_context
from reader.cli.options import doc_argument, json_option, lang_option, range_option
from reader.cli.output import clause, print_json
from reader.cli.translated import TranslatedCommand
from reader.errors import ParagraphOutOfRange, UserError
from reader.i18n import N_, _, ngettext
from reader.safe_text import display_text


def run_reader(context: Context, doc: str | None, at: int | None) -> None:
    """The terminal UI: the library screen, or the reader on `doc` at paragraph `at`."""
    service = context.service
    document = service.resolve(doc) if doc is not None else None
    if document is not None and at is not None:
        try:
            service.check_paragraph(document, at)
        except ParagraphOutOfRange as error:
            raise UserError(
                _("--at {number} is outside '{slug}' (paragraphs 1 to {total})").format(
                    number=error.number, slug=display_text(error.slug), total=error.total
                )
            ) from None
    from reader.tui.app import make_app  # the UI's imports stay out of the plain commands

    app = make_app(service, document=document, at=at)
    app.run()
    if app.crash is not None:  # a bug in the UI: main()'s boundary writes the crash report
        raise app.crash


@click.command(
    cls=TranslatedCommand, help=N_("Open the reader on DOC (a slug, id or imported file path).")
)
@doc_argument()
@click.option(
    "--at", type=int, metavar="N", help=N_("Open at paragraph N (default: where you left off).")
)
@pass_context
def read(context: Context, doc: str, at: int | None) -> None:
    run_reader(context, doc, at)


@click.command("list", cls=TranslatedCommand, help=N_("List the documents in the library."))
@json_option()
@pass_context
def list_documents(context: Context, as_json: bool) -> None:
    summaries = context.service.summaries()
    if as_json:
        print_json(
            [
                {
                    "id": s.document.id,
                    "slug": s.document.slug,
                    "title": s.document.title,
                    "authors": s.document.authors,
                    "year": s.document.year,
                    "source": s.document.source,
                    "origin": s.document.origin,
                    "paragraphs": s.paragraphs,
                    "with_english": s.with_english,
                    "position": s.position,
                }
                for s in summaries
            ]
        )
        return
    if not summaries:
        click.echo(_("The library is empty. Add a document with 'dwibahasa import FILE'."))
        return
    for s in summaries:
        click.echo(f"{display_text(s.document.slug)}  {display_text(s.document.title)}")
        click.echo(f"    {_summary_line(s.paragraphs, s.with_english, s.position)}")


def _summary_line(paragraphs: int, with_english: int, position: int | None) -> str:
    """'40 paragraphs, 40 with English, at ¶12' (or '..., not opened')."""
    if position:
        return ngettext(
            "{count} paragraph, {english} with English, at ¶{position}",
            "{count} paragraphs, {english} with English, at ¶{position}",
            paragraphs,
        ).format(count=paragraphs, english=with_english, position=position)
    return ngettext(
        "{count} paragraph, {english} with English, not opened",
        "{count} paragraphs, {english} with English, not opened",
        paragraphs,
    ).format(count=paragraphs, english=with_english)


@click.command(
    cls=TranslatedCommand,
    help=N_("Print DOC's paragraphs, each Indonesian paragraph with its English."),
)
@doc_argument()
@range_option()
@json_option()
@pass_context
def show(context: Context, doc: str, range_spec: str | None, as_json: bool) -> None:
    from reader.service import source_label

    service = context.service
    rows = service.rows_in_range(service.resolve(doc), range_spec)
    if as_json:
        in_english = i18n.translation("en")  # JSON is for scripts: its labels stay English
        print_json(
            [
                {
                    "seq": row.seq,
                    "kind": row.kind,
                    "lang": row.lang,
                    "id": row.text,
                    "en": row.english,
                    "en_source": row.english_status,
                    "en_source_label": source_label(row, in_english),
                }
                for row in rows
            ]
        )
        return
    for row in rows:
        kind = "" if row.kind == "paragraph" else f" {row.kind}"
        click.echo(click.style(f"¶{row.seq}{kind}", bold=True))
        if row.lang == "en":
            click.echo(f"  en  {display_text(row.text)}")
        else:
            click.echo(f"  id  {display_text(row.text)}")
            english = display_text(row.english) if row.english else "—"
            click.echo(f"  en  {english}")
        click.echo(click.style(f"      [{source_label(row)}]", dim=True))
        click.echo()


@click.command(
    cls=TranslatedCommand,
    help=N_(
        "Find paragraphs containing every word of QUERY, in either language.\n\n"
        "Words in double quotes are a phrase: dwibahasa search '\"aliansi strategis\"' "
        "(the single quotes keep the double ones from the shell). End a word with * for "
        "a prefix: diplomasi*."
    ),
)
@click.argument("query")
@lang_option(N_("Search only this language."))
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True)
@json_option()
@pass_context
def search(context: Context, query: str, lang: str | None, limit: int, as_json: bool) -> None:
    hits = context.service.search(query, lang=lang, limit=limit)
    if as_json:
        print_json(
            [
                {"slug": h.slug, "title": h.title, "seq": h.seq, "lang": h.lang, "text": h.text}
                for h in hits
            ]
        )
        return
    if not hits:
        click.echo(_("No paragraph matches '{query}'.").format(query=display_text(query)), err=True)
        return
    for hit in hits:
        text = display_text(hit.text)
        snippet = text if len(text) <= 160 else text[:157] + "..."
        click.echo(f"{display_text(hit.slug)} ¶{hit.seq} [{hit.lang}]  {snippet}")


@click.command(
    cls=TranslatedCommand,
    help=N_(
        "Delete DOC from the library.\n\n"
        "Its paragraphs, reading position and bookmarks go. Its English stays in the "
        "translation memory, so reviewed translations come back if "
        "the same text is imported again; --drop-translations removes the English no other "
        "document shares. Asks first unless --yes. Bundled texts cannot be deleted."
    ),
)
@doc_argument()
@click.option("--yes", "-y", "assume_yes", is_flag=True, help=N_("Do not ask for confirmation."))
@click.option(
    "--drop-translations",
    is_flag=True,
    help=N_("Also remove its English (reviewed too) from the translation memory."),
)
@json_option(N_("Print a JSON report."))
@pass_context
def delete(
    context: Context, doc: str, assume_yes: bool, drop_translations: bool, as_json: bool
) -> None:
    service = context.service
    document = service.resolve(doc)
    if not assume_yes:
        question = _("Delete '{title}' ({slug})?").format(
            title=display_text(document.title), slug=display_text(document.slug)
        )
        if not click.confirm(question, default=False, err=True):
            click.echo(_("Nothing was deleted."), err=True)
            sys.exit(1)
    outcome = service.delete_document(document, drop_translations=drop_translations)
    if as_json:
        print_json(
            {
                "slug": document.slug,
                "title": document.title,
                "paragraphs": outcome.paragraphs,
                "reviewed_kept": outcome.reviewed_kept,
                "translations_dropped": outcome.dropped,
            }
        )
        return
    line = ngettext(
        "deleted '{slug}' ({count} paragraph)",
        "deleted '{slug}' ({count} paragraphs)",
        outcome.paragraphs,
    ).format(slug=display_text(document.slug), count=outcome.paragraphs)
    if outcome.reviewed_kept:
        line += clause(
            ngettext(
                "{count} reviewed translation kept for reuse",
                "{count} reviewed translations kept for reuse",
                outcome.reviewed_kept,
            ).format(count=outcome.reviewed_kept)
        )
    if outcome.dropped:
        line += clause(
            ngettext(
                "{count} translation removed", "{count} translations removed", outcome.dropped
            ).format(count=outcome.dropped)
        )
    click.echo(line)


@click.command(
    cls=TranslatedCommand,
    help=N_(
        "Rename DOC: a new title (--title) or short name (--slug).\n\n"
        "Its reading position, bookmarks and English stay with it."
    ),
)
@doc_argument()
@click.option("--title", help=N_("The new title."))
@click.option("--slug", help=N_("The new short name (lower-case letters, digits, hyphens)."))
@json_option(N_("Print the document as 'list --json' does."))
@pass_context
def rename(context: Context, doc: str, title: str | None, slug: str | None, as_json: bool) -> None:
    if title is None and slug is None:
        raise click.UsageError(_("give --title, --slug or both"))
    service = context.service
    before = service.resolve(doc)
    after = service.rename_document(before, title=title, slug=slug)
    if as_json:
        print_json(
            {
                "id": after.id,
                "slug": after.slug,
                "title": after.title,
                "previous_slug": before.slug,
                "previous_title": before.title,
            }
        )
        return
    click.echo(
        _("renamed '{slug}': {title}").format(
            slug=display_text(after.slug), title=display_text(after.title)
        )
    )
