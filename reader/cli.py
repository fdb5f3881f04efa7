"""The `dwibahasa` command: argument handling only; the work is in `reader.service`."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from glossary.termbase import DOMAINS, Term, TermBaseError
from reader import __version__, i18n
from reader.click_i18n import TranslatedGroup, ValuedOption
from reader.errors import UserError
from reader.files import write_atomically
from reader.handout.command import handout
from reader.i18n import N_, _, ngettext
from reader.importing import PreparedImport
from reader.library import DocumentRecord
from reader.paths import DB_ENV, default_db_path
from reader.safe_text import display_text
from reader.service import ImportOutcome, ReadingService, source_label
from reader.translate.engine import Engine
from reader.translation import Progress, TranslationReport

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Context:
    """Per-invocation state: the library is opened only by commands that need it."""

    def __init__(self, db_path: Path | None) -> None:
        self.db_path = db_path
        self._service: ReadingService | None = None

    @property
    def service(self) -> ReadingService:
        if self._service is None:
            self._service = ReadingService.open(self.db_path)
        return self._service


pass_context = click.make_pass_decorator(Context)


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _set_ui_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    i18n.activate(i18n.resolve_language(value))


@click.group(
    cls=TranslatedGroup,
    invoke_without_command=True,
    context_settings=CONTEXT_SETTINGS,
    help=N_(
        "Read Indonesian scholarly texts beside their English, in the terminal.\n\n"
        "With no command, opens the library of documents (the bundled texts are "
        "imported on first run). Run 'dwibahasa COMMAND --help' for each command."
    ),
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=DB_ENV,
    cls=ValuedOption,
    help_values=lambda: {"path": str(default_db_path()), "variable": DB_ENV},
    help=N_("Library file (default: {path}; or set {variable})."),
)
@click.option(
    "--ui-lang",
    type=click.Choice(i18n.LANGUAGES),
    envvar=i18n.UI_LANG_ENV,
    show_envvar=True,
    is_eager=True,
    expose_value=False,
    callback=_set_ui_language,
    help=N_("Interface language (default: from the locale, else English)."),
)
@click.version_option(__version__, "-V", "--version", prog_name="dwibahasa")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None) -> None:
    context = Context(db_path)
    ctx.obj = context
    ctx.call_on_close(lambda: context._service.close() if context._service else None)
    if ctx.invoked_subcommand is None:
        _run_ui(context, None, None)


def _run_ui(context: Context, doc: str | None, at: int | None) -> None:
    service = context.service
    document = service.resolve(doc) if doc is not None else None
    if document is not None and at is not None:
        total = service.library.paragraph_count(document.id)
        if not 1 <= at <= total:
            raise UserError(
                _("--at {number} is outside '{slug}' (paragraphs 1 to {total})").format(
                    number=at, slug=document.slug, total=total
                )
            )
    from reader.tui.app import make_app  # the UI's imports stay out of the plain commands

    make_app(service, document=document, at=at).run()


@cli.command(help=N_("Open the reader on DOC (a slug, id or imported file path)."))
@click.argument("doc")
@click.option(
    "--at", type=int, metavar="N", help=N_("Open at paragraph N (default: where you left off).")
)
@pass_context
def read(context: Context, doc: str, at: int | None) -> None:
    _run_ui(context, doc, at)


@cli.command("list", help=N_("List the documents in the library."))
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON."))
@pass_context
def list_documents(context: Context, as_json: bool) -> None:
    summaries = context.service.summaries()
    if as_json:
        _print_json(
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
        click.echo(f"{s.document.slug}  {display_text(s.document.title)}")
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


@cli.command(help=N_("Print DOC's paragraphs, each Indonesian paragraph with its English."))
@click.argument("doc")
@click.option(
    "--range", "range_spec", metavar="A-B", help=N_("Paragraphs A to B (e.g. 1-3, 5, 10-).")
)
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON."))
@pass_context
def show(context: Context, doc: str, range_spec: str | None, as_json: bool) -> None:
    service = context.service
    rows = service.rows_in_range(service.resolve(doc), range_spec)
    if as_json:
        in_english = i18n.translation("en")  # JSON is for scripts: its labels stay English
        _print_json(
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


@cli.command(
    help=N_("Find paragraphs containing every word of QUERY (end a word with * for a prefix).")
)
@click.argument("query")
@click.option("--lang", type=click.Choice(["id", "en"]), help=N_("Search only this language."))
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON."))
@pass_context
def search(context: Context, query: str, lang: str | None, limit: int, as_json: bool) -> None:
    hits = context.service.search(query, lang=lang, limit=limit)
    if as_json:
        _print_json(
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
        click.echo(f"{hit.slug} ¶{hit.seq} [{hit.lang}]  {snippet}")


@cli.command(
    "import",
    help=N_(
        "Import documents: .txt, .md, .pdf (with a text layer), .docx, .html.\n\n"
        "Text extracted from PDFs is cleaned (page numbers, running headers, hyphenation) "
        "and split into paragraphs, headings, captions and references. Files in the bundled "
        "texts/ format (<slug>.id.md with <slug>.en.md beside it) keep their paragraphs and "
        "reference English. Good files are imported even when others fail; the exit status "
        "is 1 only if none was."
    ),
)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--title", help=N_("Title to use instead of the one found (one file only)."))
@click.option("--slug", help=N_("Short name for the document (one file only)."))
@click.option(
    "--max-size",
    type=click.IntRange(1, 10_000),
    metavar="MB",
    help=N_("Allow files up to this many megabytes (default 50)."),
)
@click.option("--dry-run", is_flag=True, help=N_("Show what would be imported; store nothing."))
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON."))
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
    max_bytes = max_size * 1024 * 1024 if max_size else None
    service = context.service
    reports: list[dict[str, Any]] = []
    failures = 0
    for path in files:
        try:
            if dry_run:
                prepared = service.prepare_import(path, slug=slug, title=title, max_bytes=max_bytes)
                reports.append(_preview(prepared))
                if not as_json:
                    count = len(prepared.blocks)
                    line = ngettext(
                        "{file}: '{title}', {count} paragraph",
                        "{file}: '{title}', {count} paragraphs",
                        count,
                    ).format(file=path, title=display_text(prepared.title), count=count)
                    click.echo(line + _removed(prepared.removed.describe()))
                continue
            outcome = service.import_file(path, slug=slug, title=title, max_bytes=max_bytes)
        except UserError as error:
            failures += 1
            reports.append({"file": str(path), "status": "error", "error": str(error)})
            if not as_json:
                click.echo(
                    _("dwibahasa: error: {message}").format(message=display_text(str(error))),
                    err=True,
                )
            continue
        reports.append(
            {
                "file": str(path),
                "status": outcome.status,
                "slug": outcome.document.slug,
                "version": outcome.document.version,
                "paragraphs": outcome.paragraphs,
                "removed": outcome.summary,
            }
        )
        if not as_json:
            click.echo(_outcome_line(path, outcome) + _removed(outcome.removed.describe()))
    if as_json:
        single_preview = dry_run and len(files) == 1 and not failures
        _print_json(reports[0] if single_preview else reports)
    if failures == len(files):
        sys.exit(1)


def _preview(prepared: PreparedImport) -> dict[str, Any]:
    """The --dry-run --json shape of the design's contract (plus lang and format)."""
    return {
        "title": prepared.title,
        "format": prepared.source_format,
        "removed": prepared.summary,
        "paragraphs": [
            {"kind": block.kind, "text": block.text, "lang": block.lang}
            for block in prepared.blocks
        ],
    }


def _outcome_line(path: Path, outcome: ImportOutcome) -> str:
    """'FILE: imported 'slug' (12 paragraphs)', or updated (with the version), or already there."""
    count = outcome.paragraphs
    values = {"file": path, "slug": outcome.document.slug, "count": count}
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


def _removed(summary: str) -> str:
    """What cleaning removed, as a last clause ('' if nothing)."""
    return f"; {summary}" if summary else ""


@cli.command(
    help=N_(
        "Give DOC (or --all documents) English offline, with a progress bar.\n\n"
        "Paragraphs that already have English (reference, reviewed, or machine output from "
        "the same model) cost nothing; work is saved batch by batch, so an interrupted run "
        "resumes where it stopped. Numbers lost in translation are reported."
    )
)
@click.argument("doc", required=False)
@click.option("--all", "all_documents", is_flag=True, help=N_("Every document in the library."))
@click.option(
    "--engine",
    type=click.Choice(["argos", "reference"]),
    default="argos",
    show_default=True,
    help=N_("argos: offline machine translation; reference: reuse a person's English."),
)
@click.option(
    "--force", is_flag=True, help=N_("Redo machine translations (reviewed English stays).")
)
@click.option("--json", "as_json", is_flag=True, help=N_("Print a JSON report."))
@pass_context
def translate(
    context: Context, doc: str | None, all_documents: bool, engine: str, force: bool, as_json: bool
) -> None:
    if (doc is None) == (not all_documents):
        raise click.UsageError(_("name one document, or use --all"))
    service = context.service
    documents = (
        [s.document for s in service.summaries()] if all_documents else [service.resolve(doc or "")]
    )
    translator = service.make_engine(engine)
    reports = []
    try:
        for document in documents:
            reports.append(_translate_one(service, document, translator, force, quiet=as_json))
    finally:
        translator.close()
    if as_json:
        _print_json([_report_json(report) for report in reports])
    failed = [report for report in reports if report.error]
    if failed:
        raise UserError(failed[0].error or _("translation failed"))


def _translate_one(
    service: ReadingService,
    document: DocumentRecord,
    engine: Engine,
    force: bool,
    *,
    quiet: bool,
) -> TranslationReport:
    label = display_text(document.slug)
    bar: Any = None

    def on_progress(progress: Progress) -> None:
        nonlocal bar
        if quiet or progress.total == 0:
            return
        if bar is None:
            bar = click.progressbar(length=progress.total, label=label, file=sys.stderr)
            bar.__enter__()
        bar.label = f"{label} {progress.describe()}"
        bar.update(progress.done - bar.pos)

    try:
        report = service.translate(document, engine, force=force, on_progress=on_progress)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    if not quiet:
        click.echo(_report_line(report))
        for source, missing in report.flagged[:10]:
            line = _("numbers missing ({numbers}): {text}…").format(
                numbers=", ".join(missing), text=display_text(source)[:70]
            )
            click.echo(f"  {line}")
    return report


def _report_line(report: TranslationReport) -> str:
    """One line: the counts, each a clause of its own, joined with commas."""
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
        "translated": report.translated,
        "already": report.already,
        "unavailable": report.unavailable,
        "numbers_missing": [{"text": s, "missing": m} for s, m in report.flagged],
        "seconds": round(report.seconds, 3),
        "error": report.error,
    }


@cli.group(help=N_("Offline translation models (Argos Translate packages, id→en)."))
def models() -> None:
    pass


@models.command("list", help=N_("List installed models."))
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON."))
def models_list(as_json: bool) -> None:
    from reader.translate.models import list_models, models_dir

    installed = list_models()
    if as_json:
        _print_json(
            [
                {
                    "code": m.code,
                    "version": m.version,
                    "from": m.from_code,
                    "to": m.to_code,
                    "tokenizer": m.tokenizer,
                    "path": str(m.path),
                    "bytes": m.size_bytes(),
                }
                for m in installed
            ]
        )
        return
    if not installed:
        click.echo(
            _(
                "No models in {folder}. Install one with 'dwibahasa models install FILE' "
                "or 'dwibahasa models download'."
            ).format(folder=models_dir())
        )
    for m in installed:
        size = m.size_bytes() / (1024 * 1024)
        click.echo(f"{m.name}  {m.from_code}→{m.to_code}  {m.tokenizer}  {size:.1f} MB  {m.path}")


@models.command(
    "install", help=N_("Install FILE.argosmodel (checked first; a bad file changes nothing).")
)
@click.argument("file", type=click.Path(path_type=Path))
def models_install(file: Path) -> None:
    from reader.translate.models import install_package

    model = install_package(file)
    click.echo(
        _("installed {name} ({source}→{target}) in {folder}").format(
            name=model.name, source=model.from_code, target=model.to_code, folder=model.path
        )
    )


@models.command(
    "download",
    help=N_("Download and install the id→en model from the Argos index (needs the internet)."),
)
def models_download() -> None:
    from reader.translate.models import download_package

    model = download_package()
    click.echo(_("installed {name} in {folder}").format(name=model.name, folder=model.path))


@cli.group(help=N_("The defence-diplomacy and national-security term base."))
def glossary() -> None:
    pass


def _find_term(service: ReadingService, query: str) -> Term:
    base = service.glossary.termbase()
    term = base.get(query) or next(iter(base.find(query)), None)
    if term is None:
        raise UserError(
            _("no glossary term matches '{query}'; see 'dwibahasa glossary list'").format(
                query=query
            )
        )
    return term


@glossary.command(
    "list", help=N_("List terms with their English and how often the library uses them.")
)
@click.option("--domain", type=click.Choice(DOMAINS), help=N_("Only this domain."))
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON."))
@pass_context
def glossary_list(context: Context, domain: str | None, as_json: bool) -> None:
    service = context.service
    counts = service.glossary.counts()
    terms = service.glossary.termbase().by_domain(domain)
    if as_json:
        _print_json([{**t.to_dict(), "occurrences": counts.get(t.id, 0)} for t in terms])
        return
    for term in terms:
        count = counts.get(term.id, 0)
        click.echo(f"{term.id_term}  —  {term.en}  [{term.domain}]  {count}×")


@glossary.command(
    "show", help=N_("A term's entry and every paragraph that uses it (document, ¶, sentence).")
)
@click.argument("term")
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON."))
@pass_context
def glossary_show(context: Context, term: str, as_json: bool) -> None:
    service = context.service
    entry = _find_term(service, term)
    occurrences = service.glossary.occurrences(entry.id)
    if as_json:
        _print_json(
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
    click.echo(click.style(f"{entry.id_term} — {entry.en}", bold=True) + f"  [{entry.domain}]")
    if entry.abbreviation or entry.expansion:
        click.echo(f"  {entry.abbreviation} {entry.expansion}".rstrip())
    variants = [*entry.id_variants, *entry.en_variants]
    if variants:
        click.echo("  " + _("also: {variants}").format(variants=", ".join(variants)))
    click.echo(f"  id: {entry.definition_id}")
    click.echo(f"  en: {entry.definition_en}")
    if entry.related:
        click.echo("  " + _("related: {terms}").format(terms=", ".join(entry.related)))
    if entry.notes:
        click.echo("  " + _("note: {note}").format(note=entry.notes))
    count = len(occurrences)
    click.echo()
    click.echo(ngettext("{count} occurrence", "{count} occurrences", count).format(count=count))
    for o in occurrences:
        click.echo(f"  {o.slug} ¶{o.seq} [{o.lang}] {display_text(o.sentence)}")


@glossary.command(
    "match", help=N_("Find glossary terms in FILE (or standard input) and report their offsets.")
)
@click.argument("file", required=False, default="-")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
@click.option("--fuzzy", is_flag=True, help=N_("Also report words one typo away from a term."))
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON."))
@pass_context
def glossary_match(context: Context, file: str, lang: str, fuzzy: bool, as_json: bool) -> None:
    from reader.ingest.decode import decode_bytes

    if file == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        path = Path(file)
        if not path.is_file():
            raise UserError(_("{file}: no such file").format(file=file))
        data = path.read_bytes()
        name = file
    text = decode_bytes(data, name) if data.strip() else ""
    service = context.service
    base = service.glossary.termbase()
    items = []
    if fuzzy:
        from glossary.match import Matcher

        matcher = Matcher(base, fuzzy=True)
    else:
        matcher = service.glossary.matcher()
    for match in matcher.match(text, lang):
        term = base.get(match.term_id)
        items.append(
            {
                "start": match.start,
                "end": match.end,
                "surface": match.surface,
                "term_id": match.term_id,
                "id": term.id_term if term else "",
                "en": term.en if term else "",
                "fuzzy": match.fuzzy,
            }
        )
    if as_json:
        _print_json(items)
        return
    for item in items:
        line = (
            f"{item['start']}-{item['end']}  {display_text(str(item['surface']))}  →  "
            f"{item['id']} / {item['en']}"
        )
        click.echo(_("{match} (fuzzy)").format(match=line) if item["fuzzy"] else line)


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

    try:
        terms = load_glossary(file, format_)
        report = context.service.glossary.import_terms(terms)
    except TermBaseError as error:  # the glossary package's own error: a user's file problem
        raise UserError(str(error)) from None
    terms_clause = ngettext(
        "{file}: {count} term ({added} new, {updated} updated)",
        "{file}: {count} terms ({added} new, {updated} updated)",
        len(terms),
    ).format(file=file, count=len(terms), added=report.added, updated=report.updated)
    relinked_clause = ngettext(
        "relinked {count} paragraph", "relinked {count} paragraphs", report.relinked
    ).format(count=report.relinked)
    click.echo(f"{terms_clause}; {relinked_clause}")


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
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help=N_("File to write.")
)
@click.option("--excel", is_flag=True, help=N_("CSV with a byte-order mark, for Excel."))
@pass_context
def glossary_export(
    context: Context, format_: str, doc: str | None, output: Path | None, excel: bool
) -> None:
    from glossary.export import export_glossary

    service = context.service
    terms = (
        service.glossary.terms_in_document(service.resolve(doc).id)
        if doc
        else list(service.glossary.termbase())
    )
    if format_ == "anki" and output is None:
        raise UserError(_("an Anki deck is a file: add -o FILE.apkg"))
    examples = _examples(service, terms) if format_ == "anki" else {}
    data = export_glossary(terms, format_, examples=examples, excel=excel)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_atomically(output, data)
    count = len(terms)
    click.echo(
        ngettext("wrote {count} term to {file}", "wrote {count} terms to {file}", count).format(
            count=count, file=output
        ),
        err=True,
    )


def _examples(service: ReadingService, terms: list[Term]) -> dict[str, tuple[str, str]]:
    """A real sentence for each term from the library, in Indonesian and (if found) English."""
    examples = {}
    for term in terms:
        occurrences = service.glossary.occurrences(term.id)
        indonesian = next((o for o in occurrences if o.lang == "id"), None)
        if indonesian is None:
            continue
        english = next(
            (
                o.sentence
                for o in occurrences
                if o.lang == "en" and (o.slug, o.seq) == (indonesian.slug, indonesian.seq)
            ),
            "",
        )
        examples[term.id] = (indonesian.sentence, english)
    return examples


@glossary.command(
    "check",
    help=N_("Paragraphs whose English does not render a glossary term the Indonesian uses."),
)
@click.argument("doc")
@click.option("--json", "as_json", is_flag=True, help=N_("Print JSON."))
@pass_context
def glossary_check(context: Context, doc: str, as_json: bool) -> None:
    service = context.service
    document = service.resolve(doc)
    service.glossary.ensure_links(document.id)
    base = service.glossary.termbase()
    misses = service.glossary.misses(document.id)
    if as_json:
        _print_json(
            [
                {
                    "seq": seq,
                    "term_id": miss.term_id,
                    "surface": miss.surface,
                    "expected": [*(base.get(miss.term_id) or Term("", "", "", "")).en_forms],
                }
                for seq, miss in misses
            ]
        )
        return
    if not misses:
        click.echo(
            _("{slug}: every linked term is rendered in the English").format(slug=document.slug)
        )
        return
    for seq, miss in misses:
        term = base.get(miss.term_id)
        expected = term.en if term else miss.term_id
        click.echo(
            _("¶{number}: '{surface}' — English lacks '{expected}'").format(
                number=seq, surface=display_text(miss.surface), expected=expected
            )
        )
    count = len(misses)
    click.echo(
        ngettext("{count} terminology miss", "{count} terminology misses", count).format(
            count=count
        )
    )


cli.add_command(handout)


def fail(message: str) -> NoReturn:
    """One line on stderr, exit status 1: how every user error ends."""
    click.echo(_("dwibahasa: error: {message}").format(message=display_text(message)), err=True)
    sys.exit(1)


def main() -> None:
    """Entry point: user errors become one line on stderr and exit status 1."""
    i18n.activate(i18n.resolve_language(None))  # until --ui-lang is parsed, e.g. for usage errors
    try:
        cli.main(prog_name="dwibahasa", standalone_mode=False)
    except UserError as error:
        fail(str(error))
    except click.exceptions.Abort:
        click.echo(_("Aborted."), err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
