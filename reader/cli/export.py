"""`dwibahasa export`: a document's aligned paragraphs as TMX, TSV or DOCX.

The work is in `reader.export_pairs` (shared with the reader's command
palette); this module parses the options and prints one line on stderr, so
stdout stays the file's when it is written there.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reader.cli.context import Context, pass_context
from reader.cli.options import doc_argument, range_option
from reader.cli.translated import TranslatedCommand
from reader.errors import UserError
from reader.export_pairs import FORMATS, SOURCES, export_document, pairs_of, render_pairs
from reader.i18n import N_, _, ngettext
from reader.safe_text import display_text


@click.command(
    "export",
    cls=TranslatedCommand,
    help=N_(
        "Export DOC's aligned paragraphs for translation tools: TMX, TSV or DOCX.\n\n"
        "Each pair is an Indonesian paragraph and its English, with where the English "
        "came from (reference, reviewed or machine translation): TMX 1.4b for OmegaT, "
        "Trados or memoQ to use as translation memory, TSV for a spreadsheet, DOCX for "
        "people. Paragraphs without English are left out. Without -o, TMX and TSV go to "
        "standard output."
    ),
)
@doc_argument()
@click.option(
    "--format",
    "format_",
    type=click.Choice(FORMATS),
    help=N_("File format (default: from the -o file's extension, else tmx)."),
)
@range_option()
@click.option(
    "--source",
    "sources",
    type=click.Choice(SOURCES),
    multiple=True,
    help=N_("Only English from this source (repeat for several; default: all)."),
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help=N_("File to write."))
@click.option("--force", is_flag=True, help=N_("Replace the output file if it exists."))
@pass_context
def export(
    context: Context,
    doc: str,
    format_: str | None,
    range_spec: str | None,
    sources: tuple[str, ...],
    output: Path | None,
    force: bool,
) -> None:
    service = context.service
    document = service.resolve(doc)
    chosen = sources or SOURCES
    if output is None:
        format_ = format_ or "tmx"
        if format_ == "docx":
            raise UserError(_("a DOCX file needs a name: add -o FILE.docx"))
        pairs = pairs_of(service.rows_in_range(document, range_spec), chosen)
        sys.stdout.buffer.write(render_pairs(document, pairs, format_))
        sys.stdout.flush()
        return
    pairs = export_document(
        service, document, range_spec, format=format_, output=output, force=force, sources=chosen
    )
    count = len(pairs)
    click.echo(
        ngettext(
            "wrote {count} paragraph pair of '{slug}' to {file}",
            "wrote {count} paragraph pairs of '{slug}' to {file}",
            count,
        ).format(count=count, slug=display_text(document.slug), file=display_text(str(output))),
        err=True,
    )
