"""`dwibahasa config`: the settings file (`reader.config`), shown and edited."""

from __future__ import annotations

import click

from reader.cli.options import json_option
from reader.cli.output import print_json
from reader.cli.translated import TranslatedGroup
from reader.config import config_path, set_setting, settings_in_force, unset_setting
from reader.i18n import N_, _
from reader.safe_text import display_text

_SOURCES = {
    "default": N_("default"),
    "file": N_("from the settings file"),
    "environment": N_("from the environment"),
    "unset": N_("not set"),
}


@click.group(
    cls=TranslatedGroup,
    invoke_without_command=True,
    help=N_(
        "The settings file: which translation engine and LibreTranslate server to use.\n\n"
        "With no subcommand, shows the settings in force."
    ),
)
@click.pass_context
def config(ctx: click.Context) -> None:
    if ctx.invoked_subcommand is None:
        ctx.invoke(config_show)


@config.command("show", help=N_("Show the settings in force and where each comes from."))
@json_option()
def config_show(as_json: bool = False) -> None:
    path = config_path()
    settings = settings_in_force(path)
    if as_json:
        print_json(
            {
                "path": str(path),
                "exists": path.is_file(),
                "settings": [
                    {"name": s.name, "value": s.value, "source": s.source} for s in settings
                ],
            }
        )
        return
    shown = display_text(str(path))
    click.echo(
        _("Settings file: {path}").format(path=shown)
        if path.is_file()
        else _("Settings file: {path} (not made yet)").format(path=shown)
    )
    for setting in settings:
        if setting.name == "translate.api_key":
            value = _("(hidden)") if setting.source == "environment" else "-"
        else:
            value = display_text(setting.value) if setting.value else "-"
        click.echo(f"  {setting.name} = {value}  ({_(_SOURCES[setting.source])})")


@config.command(
    "set",
    help=N_(
        "Set NAME (translate.engine or translate.url) to VALUE in the settings file "
        "(made if missing; its comments are kept)."
    ),
)
@click.argument("name")
@click.argument("value")
def config_set(name: str, value: str) -> None:
    set_setting(name, value)
    click.echo(
        _("{name} = {value} in {path}").format(
            name=name, value=display_text(value), path=display_text(str(config_path()))
        )
    )


@config.command(
    "unset",
    help=N_(
        "Remove NAME (translate.engine or translate.url) from the settings file: its "
        "default applies."
    ),
)
@click.argument("name")
def config_unset(name: str) -> None:
    unset_setting(name)
    click.echo(
        _("{name} removed from {path}").format(name=name, path=display_text(str(config_path())))
    )
