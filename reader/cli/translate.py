"""`dwibahasa translate`: English for documents, offline unless the settings name a server."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from reader import i18n
from reader.cli.context import Context, pass_context
from reader.cli.options import doc_argument, json_option
from reader.cli.output import print_json
from reader.cli.translated import TranslatedCommand
from reader.errors import UserError
from reader.i18n import N_, _, ngettext
from reader.safe_text import display_text
from reader.service import ENGINES

if TYPE_CHECKING:
    from reader.library import DocumentRecord
    from reader.translation import Progress, TranslationReport


@click.command(
    cls=TranslatedCommand,
    help=N_(
        "Give DOC (or --all documents) English, offline unless the settings name a "
        "LibreTranslate server, with a progress bar.\n\n"
        "Paragraphs that already have English (reference, reviewed, or machine output from "
        "the same model) cost nothing; work is saved batch by batch, so an interrupted run "
        "resumes where it stopped. Numbers lost in translation are reported."
    ),
)
@doc_argument(required=False)
@click.option("--all", "all_documents", is_flag=True, help=N_("Every document in the library."))
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default=None,
    help=N_(
        "argos: offline machine translation; reference: reuse a person's English; "
        "libretranslate: a LibreTranslate server. Default: translate.engine in the "
        "settings file, else argos."
    ),
)
@click.option(
    "--url",
    metavar="URL",
    default=None,
    help=N_(
        "The LibreTranslate server (default: $DWIBAHASA_LT_URL, else translate.url in the "
        "settings file); its API key comes from $DWIBAHASA_LT_API_KEY."
    ),
)
@click.option(
    "--force", is_flag=True, help=N_("Redo machine translations (reviewed English stays).")
)
@json_option(N_("Print a JSON report."))
@pass_context
def translate(
    context: Context,
    doc: str | None,
    all_documents: bool,
    engine: str | None,
    url: str | None,
    force: bool,
    as_json: bool,
) -> None:
    if (doc is None) == (not all_documents):
        raise click.UsageError(_("name one document, or use --all"))
    from reader.config import chosen_engine

    engine = chosen_engine(engine, url)
    service = context.service
    documents = (
        [s.document for s in service.summaries()] if all_documents else [service.resolve(doc or "")]
    )
    bars = ProgressBars(quiet=as_json)
    try:
        reports = service.translate_documents(
            documents, engine, force=force, on_progress=bars.update, url=url
        )
    finally:
        bars.close()
    if as_json:
        print_json([_report_json(report) for report in reports])
    else:
        for report in reports:
            echo_report(report)
    failed = [report for report in reports if report.error]
    if failed:
        raise UserError(failed[0].error or _("translation failed"))


class ProgressBars:
    """One click progress bar per document, on stderr, shown once there is work to show."""

    def __init__(self, *, quiet: bool) -> None:
        self.quiet = quiet
        self._bar: Any = None
        self._document: int | None = None

    def update(self, document: DocumentRecord, progress: Progress) -> None:
        if self.quiet or progress.total == 0:
            return
        label = display_text(document.slug)
        if self._document != document.id:
            self.close()
            self._document = document.id
            self._bar = click.progressbar(length=progress.total, label=label, file=sys.stderr)
            self._bar.__enter__()
        self._bar.label = f"{label} {progress.describe()}"
        self._bar.update(progress.done - self._bar.pos)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def echo_report(report: TranslationReport, *, err: bool = False) -> None:
    """The report line, then up to ten paragraphs whose numbers did not survive."""
    click.echo(display_text(report_line(report)), err=err)
    for source, missing in report.flagged[:10]:
        line = _("numbers missing ({numbers}): {text}…").format(
            numbers=", ".join(missing), text=display_text(source)[:70]
        )
        click.echo(f"  {line}", err=err)


def report_line(report: TranslationReport) -> str:
    """One line: the counts, each a clause of its own, joined with commas."""
    if report.needed == 0 and not report.error:
        return ngettext(
            "{slug}: nothing to translate, its {count} paragraph has English",
            "{slug}: nothing to translate, all {count} paragraphs have English",
            report.already,
        ).format(slug=report.document.slug, count=report.already)
    engine = f"{report.engine} {report.model}" if report.model else report.engine
    parts = [
        _("{slug}: {count} translated ({engine})").format(
            slug=report.document.slug, count=report.translated, engine=engine
        ),
        _("{count} already had English").format(count=report.already),
    ]
    if report.unavailable:
        parts.append(_("{count} without English from this engine").format(count=report.unavailable))
    if report.flagged:
        parts.append(_("{count} with numbers missing").format(count=len(report.flagged)))
    if report.translated:
        parts.append(_("{seconds} s").format(seconds=i18n.decimal(report.seconds)))
    if report.error:
        parts.append(_("stopped: {error}").format(error=report.error))
    return ", ".join(parts)


def _report_json(report: TranslationReport) -> dict[str, Any]:
    return {
        "slug": report.document.slug,
        "engine": report.engine,
        "model": report.model,
        "needed": report.needed,
        "translated": report.translated,
        "already": report.already,
        "unavailable": report.unavailable,
        "numbers_missing": [{"text": s, "missing": m} for s, m in report.flagged],
        "seconds": round(report.seconds, 3),
        "error": report.error,
    }
