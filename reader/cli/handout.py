"""`dwibahasa handout`: the click command; the work is in `reader.handout`.

The file itself is written by `reader.handout.write.write_handout`, which the
reader's handout dialog calls too. What each refusal asks the user to do is
worded here with this command's options: a paragraph without English
(`MissingEnglish`) suggests --translate or --allow-missing, a PDF without
WeasyPrint (`PdfUnavailable`) --format html. An existing file (`OutputExists`,
shared with every command that writes a file) is worded in `reader.cli.wording`.
"""

from __future__ import annotations

from pathlib import Path

import click

from reader.cli.context import Context, pass_context
from reader.cli.options import doc_argument, output_option, range_option
from reader.cli.translate import echo_report
from reader.cli.translated import TranslatedCommand
from reader.errors import UserError
from reader.files import check_output
from reader.handout.errors import MissingEnglish, PdfUnavailable
from reader.handout.render import FORMATS, format_for
from reader.handout.write import write_handout
from reader.i18n import N_, _, ngettext
from reader.library import DocumentRecord


@click.command(
    "handout",
    cls=TranslatedCommand,
    help=N_(
        "Write a classroom handout of DOC: paragraphs side by side, glossary, exercises.\n\n"
        "Glossary terms are in bold in both languages and listed with their definitions; "
        "each English paragraph says where it came from (reference, reviewed, or machine "
        "translation not reviewed). --exercises adds a fill-in-the-blanks text in the "
        "handout's language, a matching exercise, and an answer key on its own page. "
        "A paragraph without English stops the handout unless --translate or --allow-missing "
        "is given. Formats: html (print-ready, A4), pdf, docx (editable tables), md."
    ),
)
@doc_argument()
@range_option(N_("Paragraphs A to B (e.g. 1-8, 5, 10-)."))
@click.option(
    "--format",
    "format_",
    type=click.Choice(FORMATS),
    help=N_("File format (default: from the -o file's extension)."),
)
@click.option(
    "--lang",
    type=click.Choice(["id", "en"]),
    default="en",
    show_default=True,
    help=N_(
        "Language of the headings, notes and definitions (independent of the interface language)."
    ),
)
@click.option("--exercises", is_flag=True, help=N_("Add a cloze, a matching exercise and a key."))
@click.option(
    "--translate",
    is_flag=True,
    help=N_(
        "First give the document machine English (from the engine the settings name; "
        "argos, offline, by default)."
    ),
)
@click.option(
    "--allow-missing",
    is_flag=True,
    help=N_("Print paragraphs without English anyway, marked (default: refuse)."),
)
@click.option(
    "--indonesian-only",
    is_flag=True,
    help=N_(
        "One column, the Indonesian alone, with the glossary (also what --allow-missing "
        "makes when the range has no English at all)."
    ),
)
@click.option("--force", is_flag=True, help=N_("Replace the output file if it exists."))
@output_option(required=True)
@pass_context
def handout(
    context: Context,
    doc: str,
    range_spec: str | None,
    format_: str | None,
    lang: str,
    exercises: bool,
    translate: bool,
    allow_missing: bool,
    indonesian_only: bool,
    force: bool,
    output: Path,
) -> None:
    from reader.handout.model import compress

    format_ = format_ or format_for(output)
    check_output(output, force)
    service = context.service
    document = service.resolve(doc)
    service.rows_in_range(document, range_spec)  # a bad range fails before any translating
    if translate:
        _translate(context, document)
    try:
        sheet = write_handout(
            service,
            document,
            range_spec,
            format=format_,
            lang=lang,
            exercises=exercises,
            output=output,
            force=force,
            allow_missing=allow_missing,
            indonesian_only=indonesian_only,
        )
    except PdfUnavailable as error:
        raise UserError(
            _("{message}; install them, or choose --format html and print that").format(
                message=error
            )
        ) from None
    except MissingEnglish as error:
        raise UserError(
            _(
                "'{slug}' has no English for ¶{paragraphs}; add --translate to translate it "
                "first, or --allow-missing to print the Indonesian alone"
            ).format(slug=error.slug, paragraphs=compress(error.seqs))
        ) from None
    count = len(sheet.glossary)
    click.echo(
        ngettext(
            "wrote a {format} handout of '{slug}' ¶{first}–{last} ({count} term) to {file}",
            "wrote a {format} handout of '{slug}' ¶{first}–{last} ({count} terms) to {file}",
            count,
        ).format(
            format=format_,
            slug=document.slug,
            first=sheet.first,
            last=sheet.last,
            count=count,
            file=output,
        ),
        err=True,
    )


def _translate(context: Context, document: DocumentRecord) -> None:
    """Machine English for what the document lacks (the worker starts only if needed)."""
    from reader.config import chosen_engine

    (report,) = context.service.translate_documents([document], chosen_engine())
    if report.error:
        raise UserError(
            _("translating '{slug}' stopped: {error}").format(
                slug=document.slug, error=report.error
            )
        )
    echo_report(report, err=True)  # stdout may be the handout's pipe
