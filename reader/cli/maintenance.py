"""`dwibahasa doctor` and `dwibahasa backup`: looking after the library file.

They work on the file itself (`--db`, `DWIBAHASA_DB` or the default), not
through the service: a damaged library cannot be opened, and a backup
needs no sync of the bundled texts. The work is in `reader.maintenance`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reader.cli.context import Context, pass_context
from reader.cli.options import json_option
from reader.cli.output import print_json
from reader.cli.translated import TranslatedCommand
from reader.i18n import N_, _, ngettext
from reader.paths import default_db_path
from reader.safe_text import display_text

if TYPE_CHECKING:
    from reader.maintenance import Diagnosis, RepairReport

SHOWN_PROBLEMS = 10
"""How many findings the text report lists (JSON has them all)."""

CHECK_LABELS = {
    "integrity": N_("pages"),
    "foreign_keys": N_("references"),
    "search_index": N_("search index"),
    "unreadable": N_("unreadable"),
}
"""What each check is called in the text report (JSON keeps the codes)."""

REBUILT_LABELS = {
    "indexes": N_("indexes"),
    "foreign_keys": N_("rows whose parent was lost (removed)"),
    "search_index": N_("search indexes"),
    "links": N_("glossary links"),
}


def _library_path(context: Context) -> Path:
    return context.db_path or default_db_path()


@click.command(
    cls=TranslatedCommand,
    help=N_(
        "Check the library file for damage.\n\n"
        "The checks are SQLite's own: the pages, the references between rows, the search "
        "indexes. With --repair, a copy of the damaged file is kept beside it first "
        "(LIBRARY.damaged-DATE.bak); then indexes, search indexes and glossary links are "
        "rebuilt, and if the file is still damaged, every row that can be read is copied into "
        "a new library that takes its place and the bundled texts are stored again. The "
        "report names what was lost. Close other dwibahasa windows first. The exit status is "
        "1 if the library is damaged (after --repair: still damaged)."
    ),
)
@click.option(
    "--repair",
    is_flag=True,
    help=N_("Back up the damaged file, then rebuild and recover what can be."),
)
@json_option()
@pass_context
def doctor(context: Context, repair: bool, as_json: bool) -> None:
    from reader import maintenance

    path = _library_path(context)
    report = maintenance.repair(path) if repair else None
    diagnosis = report.before if report is not None else maintenance.diagnose(path)
    final = report.after if report is not None and report.after is not None else diagnosis
    if as_json:
        data = _diagnosis_json(diagnosis)
        data["repair"] = _repair_json(report) if report is not None else None
        print_json(data)
    else:
        _echo_diagnosis(diagnosis)
        if report is not None:
            _echo_repair(report)
        elif not diagnosis.ok:
            click.echo(
                _("Run 'dwibahasa doctor --repair' to repair it (the damaged file is kept).")
            )
    if not final.ok:
        sys.exit(1)


def _diagnosis_json(diagnosis: Diagnosis) -> dict[str, Any]:
    return {
        "path": str(diagnosis.path),
        "ok": diagnosis.ok,
        "documents": diagnosis.documents,
        "read_only": diagnosis.read_only,
        "search_checked": diagnosis.search_checked,
        "problems": [{"check": p.check, "detail": p.detail} for p in diagnosis.problems],
    }


def _repair_json(report: RepairReport) -> dict[str, Any]:
    return {
        "backup": str(report.backup) if report.backup is not None else None,
        "rebuilt": report.rebuilt,
        "recovered": report.recovered,
        "tables": [
            {
                "table": t.table,
                "recovered": t.recovered,
                "expected": t.expected,
                "unreadable": t.unreadable,
            }
            for t in report.tables
        ],
        "documents": [
            {
                "slug": d.slug,
                "title": d.title,
                "origin": d.origin,
                "path": d.path,
                "paragraphs": d.paragraphs,
                "expected": d.expected,
                "restored": d.restored,
            }
            for d in report.documents
        ],
        "bundled_restored": report.bundled_restored,
        "after": _diagnosis_json(report.after) if report.after is not None else None,
    }


def _echo_diagnosis(diagnosis: Diagnosis) -> None:
    path = display_text(str(diagnosis.path))
    if diagnosis.ok:
        if diagnosis.documents is None:
            click.echo(_("{path}: no problems found").format(path=path))
        else:
            count = diagnosis.documents
            click.echo(
                ngettext(
                    "{path}: no problems found ({count} document)",
                    "{path}: no problems found ({count} documents)",
                    count,
                ).format(path=path, count=count)
            )
        if not diagnosis.search_checked:
            click.echo(_("The search indexes were not checked: the library is read-only."))
        return
    click.echo(_("{path}: damaged").format(path=path))
    for problem in diagnosis.problems[:SHOWN_PROBLEMS]:
        label = _(CHECK_LABELS.get(problem.check, problem.check))
        click.echo(f"  {label}: {display_text(problem.detail)}")
    hidden = len(diagnosis.problems) - SHOWN_PROBLEMS
    if hidden > 0:
        more = ngettext("... and {count} more", "... and {count} more", hidden)
        click.echo("  " + more.format(count=hidden))


def _echo_repair(report: RepairReport) -> None:
    if report.backup is None:
        return  # nothing to repair
    click.echo(
        _("Kept a copy of the damaged file: {file}").format(file=display_text(str(report.backup)))
    )
    if report.rebuilt:
        items = ", ".join(_(REBUILT_LABELS.get(name, name)) for name in report.rebuilt)
        click.echo(_("Rebuilt: {items}").format(items=items))
    if report.recovered:
        click.echo(_("Copied what could be read into a new library file:"))
        for table in report.tables:
            click.echo(f"  {_table_line(table.table, table.recovered, table.expected)}")
    restored = set(report.bundled_restored)
    for loss in report.documents:
        click.echo(_loss_line(loss.slug, loss.paragraphs, loss.expected, loss.path, loss.restored))
        restored.discard(loss.slug)
    for slug in sorted(restored):
        click.echo(_("'{slug}': stored again from the bundled texts").format(slug=slug))
    if report.after is not None:
        _echo_diagnosis(report.after)


def _table_line(table: str, recovered: int, expected: int | None) -> str:
    if expected is None:
        return ngettext(
            "{table}: {count} row (how many were lost is unknown)",
            "{table}: {count} rows (how many were lost is unknown)",
            recovered,
        ).format(table=table, count=recovered)
    return ngettext(
        "{table}: {count} of {total} row",
        "{table}: {count} of {total} rows",
        expected,
    ).format(table=table, count=recovered, total=expected)


def _loss_line(slug: str, kept: int, expected: int | None, path: str | None, restored: bool) -> str:
    if restored:
        return _("'{slug}': stored again from the bundled texts").format(slug=slug)
    if expected is None:
        line = ngettext(
            "'{slug}': {count} paragraph recovered",
            "'{slug}': {count} paragraphs recovered",
            kept,
        ).format(slug=slug, count=kept)
    else:
        line = ngettext(
            "'{slug}': {count} of {total} paragraph recovered",
            "'{slug}': {count} of {total} paragraphs recovered",
            expected,
        ).format(slug=slug, count=kept, total=expected)
    if path:
        line += "; " + _("import {file} again to restore it").format(file=display_text(path))
    return line


@click.command(
    cls=TranslatedCommand,
    help=N_(
        "Copy the library to FILE.\n\n"
        "SQLite's online backup: a consistent copy, even while another dwibahasa is "
        "writing to the library. An existing FILE is replaced only with --force."
    ),
)
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help=N_("Replace FILE if it exists."))
@pass_context
def backup(context: Context, file: Path, force: bool) -> None:
    from reader import maintenance

    path = _library_path(context)
    maintenance.backup(path, file, replace=force)  # an existing FILE: `wording` names --force
    click.echo(
        _("Backed up {library} to {file}").format(
            library=display_text(str(path)), file=display_text(str(file))
        )
    )
