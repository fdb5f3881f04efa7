"""`dwibahasa models`: the offline translation models (Argos Translate packages, id→en)."""

from __future__ import annotations

from pathlib import Path

import click

from reader.cli.options import json_option
from reader.cli.output import print_json
from reader.cli.translated import TranslatedGroup
from reader.i18n import N_, _


@click.group(
    cls=TranslatedGroup, help=N_("Offline translation models (Argos Translate packages, id→en).")
)
def models() -> None:
    pass


@models.command("list", help=N_("List installed models."))
@json_option()
def models_list(as_json: bool) -> None:
    from reader.translate.models import list_models, models_dir

    installed = list_models()
    if as_json:
        print_json(
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
