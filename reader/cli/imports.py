"""`dwibahasa import`: files into the library, each reported on its own line (or in JSON)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reader.cli.context import Context, pass_context
from reader.cli.options import json_option
from reader.cli.output import clause, echo_error, print_json
from reader.cli.translated import TranslatedCommand
from reader.cli.wording import for_cli
from reader.errors import UserError
from reader.i18n import N_, _, ngettext
from reader.importing import paragraphs_guessed_note
from reader.safe_text import display_text

if TYPE_CHECKING:
    from reader.importing import PreparedImport
    from reader.ingest.model import Removed
    from reader.service import ImportOutcome

MEGABYTE = 1024 * 1024


@click.command(
    "import",
    cls=TranslatedCommand,
    help=N_(
        "Import documents: .txt, .md, .pdf (with a text layer), .docx, .html.\n\n"
        "Text extracted from PDFs is cleaned (page numbers, running headers, hyphenation) "
        "and split into paragraphs, headings, captions and references. Files in the bundled "
        "texts/ format (<slug>.id.md with <slug>.en.md beside it) keep their paragraphs and "
        "reference English. Good files are imported even when others fail; the exit status "
        "is 1 only if none was."
    ),
)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@click.option("--title", help=N_("Title to use instead of the one found (one file only)."))
@click.option("--slug", help=N_("Short name for the document (one file only)."))
@click.option(
    "--max-size",
    type=click.IntRange(1, 10_000),
    metavar="MB",
    help=N_("Allow files up to this many megabytes (default 50)."),
)
@click.option("--dry-run", is_flag=True, help=N_("Show what would be imported; store nothing."))
@json_option()
@pass_context
def import_files(
    context: Context,
    files: tuple[Path, ...],
    title: str | None,
    slug: str | None,
    max_size: int | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    if len(files) > 1 and (title or slug):
        raise click.UsageError(_("--title and --slug apply to one file at a time"))
    max_bytes = max_size * MEGABYTE if max_size else None
    reports: list[dict[str, Any]] = []
    failures = 0
    for path in files:
        try:
            if dry_run:  # no library at all: not even its file is created
                from reader.service import preview_import

                prepared = preview_import(path, slug=slug, title=title, max_bytes=max_bytes)
                reports.append(_preview(path, prepared))
                if not as_json:
                    click.echo(_preview_line(path, prepared))
                continue
            outcome = context.service.import_file(path, slug=slug, title=title, max_bytes=max_bytes)
        except UserError as error:
            failures += 1
            reports.append(_failure(path, for_cli(error), dry_run=dry_run))
            if not as_json:
                echo_error(for_cli(error))
            continue
        reports.append(
            {
                "file": str(path),
                "status": outcome.status,
                "slug": outcome.document.slug,
                "version": outcome.document.version,
                "paragraphs": outcome.paragraphs,
                "removed": outcome.summary,
                "removals": [removal.as_json() for removal in outcome.removals],
                "paragraphs_guessed": outcome.paragraphs_guessed,
                "error": None,
            }
        )
        if not as_json:
            click.echo(
                _outcome_line(path, outcome)
                + _clauses(outcome.removed, guessed=outcome.paragraphs_guessed)
            )
    if as_json:  # the shape follows the invocation, never the outcome
        print_json(reports[0] if dry_run and len(files) == 1 else reports)
    if failures == len(files):
        sys.exit(1)


def _preview(path: Path, prepared: PreparedImport) -> dict[str, Any]:
    """The --dry-run --json shape of the design's contract (plus file, status, lang, format)."""
    return {
        "file": str(path),
        "status": "preview",
        "error": None,
        "title": prepared.title,
        "format": prepared.source_format,
        "removed": prepared.summary,
        "removals": [removal.as_json() for removal in prepared.removals],
        "paragraphs_guessed": prepared.paragraphs_guessed,
        "paragraphs": [
            {"kind": block.kind, "text": block.text, "lang": block.lang}
            for block in prepared.blocks
        ],
    }


def _failure(path: Path, message: str, *, dry_run: bool) -> dict[str, Any]:
    """A file that failed, with the same keys as a success of the same mode (values empty)."""
    if dry_run:
        empty: dict[str, Any] = {
            "title": None,
            "format": None,
            "removed": "",
            "removals": [],
            "paragraphs_guessed": False,
            "paragraphs": [],
        }
    else:
        empty = {
            "slug": None,
            "version": None,
            "paragraphs": 0,
            "removed": "",
            "removals": [],
            "paragraphs_guessed": False,
        }
    return {"file": str(path), "status": "error", "error": message, **empty}


def _preview_line(path: Path, prepared: PreparedImport) -> str:
    count = len(prepared.blocks)
    line = ngettext(
        "{file}: '{title}', {count} paragraph",
        "{file}: '{title}', {count} paragraphs",
        count,
    ).format(file=display_text(str(path)), title=display_text(prepared.title), count=count)
    return line + _clauses(prepared.removed, guessed=prepared.paragraphs_guessed)


def _clauses(removed: Removed, *, guessed: bool) -> str:
    """What an import's line says after its outcome: what cleaning removed, and whether the
    paragraph breaks are guesses."""
    return clause(removed.describe()) + clause(paragraphs_guessed_note() if guessed else "")


def _outcome_line(path: Path, outcome: ImportOutcome) -> str:
    """'FILE: imported 'slug' (12 paragraphs)', or updated (with the version), or already there."""
    count = outcome.paragraphs
    values = {
        "file": display_text(str(path)),
        "slug": display_text(outcome.document.slug),
        "count": count,
    }
    if outcome.status == "new":
        text = ngettext(
            "{file}: imported '{slug}' ({count} paragraph)",
            "{file}: imported '{slug}' ({count} paragraphs)",
            count,
        )
    elif outcome.status == "updated":
        text = ngettext(
            "{file}: updated '{slug}' ({count} paragraph, version {version})",
            "{file}: updated '{slug}' ({count} paragraphs, version {version})",
            count,
        )
        values["version"] = outcome.document.version
    else:
        text = ngettext(
            "{file}: already imported as '{slug}' ({count} paragraph)",
            "{file}: already imported as '{slug}' ({count} paragraphs)",
            count,
        )
    return text.format(**values)
