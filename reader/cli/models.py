"""`dwibahasa models`: the offline translation models (Argos Translate packages, id→en)."""

from __future__ import annotations

from pathlib import Path

import click

from reader.cli.options import json_option
from reader.cli.output import print_json
from reader.cli.translated import TranslatedGroup
from reader.i18n import N_, _
from reader.safe_text import display_text


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
            ).format(folder=display_text(str(models_dir())))
        )
    for m in installed:
        size = m.size_bytes() / (1024 * 1024)
        # Every field comes from a package's metadata.json or its folder: shown safely.
        name, pair = display_text(m.name), display_text(f"{m.from_code}→{m.to_code}")
        tokenizer, path = display_text(m.tokenizer), display_text(str(m.path))
        click.echo(f"{name}  {pair}  {tokenizer}  {size:.1f} MB  {path}")


@models.command(
    "install", help=N_("Install FILE.argosmodel (checked first; a bad file changes nothing).")
)
@click.argument("file", type=click.Path(path_type=Path, readable=False))  # ours says why not
def models_install(file: Path) -> None:
    from reader.translate.models import install_package

    model = install_package(file)
    click.echo(
        _("installed {name} ({source}→{target}) in {folder}").format(
            name=display_text(model.name),
            source=display_text(model.from_code),
            target=display_text(model.to_code),
            folder=display_text(str(model.path)),
        )
    )


@models.command(
    "download",
    help=N_("Download and install the id→en model from the Argos index (needs the internet)."),
)
def models_download() -> None:
    from reader.translate.models import download_package

    model = download_package()
    click.echo(
        _("installed {name} in {folder}").format(
            name=display_text(model.name), folder=display_text(str(model.path))
        )
    )
