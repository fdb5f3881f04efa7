"""The `dwibahasa` command: the group, its shared options and `main`.

One module per command family (`documents`, `imports`, `translate`,
`models`, `glossary`, `handout`), each imported only when its command runs,
so `dwibahasa read DOC` loads the reader and little else. The commands parse
arguments, call `reader.service.ReadingService` and print what it returns;
`reader.cli.wording` adds to a service error the option that fixes it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reader import __version__, i18n
from reader.cli.context import Context
from reader.cli.output import echo_error, fail
from reader.cli.translated import LazyGroup, ValuedOption
from reader.errors import UserError
from reader.i18n import N_, _
from reader.paths import DB_ENV, default_db_path

__all__ = ["Context", "cli", "main"]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

COMMANDS = {
    "read": "reader.cli.documents:read",
    "list": "reader.cli.documents:list_documents",
    "show": "reader.cli.documents:show",
    "search": "reader.cli.documents:search",
    "delete": "reader.cli.documents:delete",
    "rename": "reader.cli.documents:rename",
    "import": "reader.cli.imports:import_files",
    "translate": "reader.cli.translate:translate",
    "models": "reader.cli.models:models",
    "glossary": "reader.cli.glossary:glossary",
    "handout": "reader.cli.handout:handout",
    "export": "reader.cli.export:export",
    "doctor": "reader.cli.maintenance:doctor",
    "backup": "reader.cli.maintenance:backup",
    "config": "reader.cli.settings:config",
}
"""Every command, by name: where it lives (imported when it is run or listed)."""


def _set_ui_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    i18n.activate(i18n.resolve_language(value))


@click.group(
    cls=LazyGroup,
    lazy_commands=COMMANDS,
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
    ctx.call_on_close(context.close)
    if ctx.invoked_subcommand is None:
        from reader.cli.documents import run_reader

        run_reader(context, None, None)


def main() -> None:
    """Entry point: user errors become one line on stderr and exit status 1."""
    i18n.activate(i18n.resolve_language(None))  # until --ui-lang is parsed, e.g. for usage errors
    try:
        cli.main(prog_name="dwibahasa", standalone_mode=False)
    except UserError as error:
        from reader.cli.wording import for_cli

        fail(for_cli(error))
    except click.exceptions.Abort:
        click.echo(_("Aborted."), err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # a bug: one line and a report file, never a traceback
        from reader.crash import EXIT_INTERNAL_ERROR, write_crash_report

        report = write_crash_report(error)
        kind = type(error).__name__
        if report is None:
            fail_line = _("internal error ({kind}); please report it").format(kind=kind)
        else:
            fail_line = _("internal error ({kind}); details in {file}; please report it").format(
                kind=kind, file=report
            )
        echo_error(fail_line)
        sys.exit(EXIT_INTERNAL_ERROR)
