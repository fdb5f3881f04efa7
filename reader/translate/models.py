"""Argos Translate packages on disk: list, validate, install (atomically), download.

Packages live in a folder Dwibahasa controls (not argostranslate's shared
one), so an unrelated or half-extracted folder can never break translation:
argostranslate fails on any subfolder without `metadata.json`. Nothing here
imports argostranslate.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import platformdirs

from reader.errors import UserError
from reader.i18n import _

MODELS_ENV = "DWIBAHASA_MODELS_DIR"
INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
INDEX_CODE = "translate-id_en"
MAX_UNPACKED_BYTES = 4 * 1024**3
TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")


class ModelError(UserError):
    """A model file is unusable or no model is installed."""


@dataclass(frozen=True)
class InstalledModel:
    """An installed id→en package."""

    path: Path
    code: str
    version: str
    from_code: str
    to_code: str
    tokenizer: str

    @property
    def name(self) -> str:
        """How provenance names the model: `translate-id_en 1.9`."""
        return f"{self.code} {self.version}".strip()

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())


def models_dir() -> Path:
    """`$DWIBAHASA_MODELS_DIR`, else `argos-packages` in the user data folder."""
    configured = os.environ.get(MODELS_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir("dwibahasa", appauthor=False)) / "argos-packages"


def list_models(folder: Path | None = None) -> list[InstalledModel]:
    folder = folder or models_dir()
    if not folder.is_dir():
        return []
    models = []
    for path in sorted(folder.iterdir()):
        if path.is_dir() and not path.name.startswith("."):
            try:
                models.append(_read_installed(path))
            except ModelError:
                continue  # an unusable folder is skipped, never loaded
    return models


def find_model(from_code: str = "id", to_code: str = "en") -> InstalledModel:
    """The newest installed package for the pair, or a message saying how to get one."""
    candidates = [m for m in list_models() if (m.from_code, m.to_code) == (from_code, to_code)]
    if not candidates:
        raise ModelError(
            _(
                "no {source}→{target} translation model installed; run"
                " 'dwibahasa models download' (online) or"
                " 'dwibahasa models install FILE.argosmodel'"
            ).format(source=from_code, target=to_code)
        )
    return max(candidates, key=lambda m: _version_key(m.version))


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))


def _read_installed(path: Path) -> InstalledModel:
    metadata_path = path / "metadata.json"
    try:
        metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelError(
            _("{path}: no readable metadata.json ({reason})").format(path=path, reason=error)
        ) from None
    tokenizer = next((name for name in TOKENIZER_FILES if (path / name).is_file()), "")
    if not tokenizer or not (path / "model" / "model.bin").is_file():
        raise ModelError(
            _("{path}: incomplete package (model/model.bin or tokenizer missing)").format(path=path)
        )
    return InstalledModel(
        path=path,
        code=str(metadata.get("code") or "translate"),
        version=str(metadata.get("package_version") or ""),
        from_code=str(metadata.get("from_code") or ""),
        to_code=str(metadata.get("to_code") or ""),
        tokenizer=tokenizer,
    )


def validate_package(file: Path, *, from_code: str = "id", to_code: str = "en") -> dict[str, str]:
    """Check an `.argosmodel` before installing; return its metadata, or raise ModelError."""
    if not file.is_file():
        raise ModelError(_("{path}: no such file").format(path=file))
    if not zipfile.is_zipfile(file):
        raise ModelError(
            _("{path}: not an Argos model (it must be a zip archive)").format(path=file)
        )
    try:
        with zipfile.ZipFile(file) as archive:
            names = [info for info in archive.infolist() if info.filename.strip("/")]
            roots = {PurePosixPath(info.filename).parts[0] for info in names}
            if len(roots) != 1:
                raise ModelError(
                    _("{path}: must hold exactly one top folder, found {count}").format(
                        path=file, count=len(roots)
                    )
                )
            root = roots.pop()
            for info in names:
                parts = PurePosixPath(info.filename).parts
                if info.filename.startswith("/") or ".." in parts or "\\" in info.filename:
                    raise ModelError(
                        _("{path}: unsafe path inside the archive: {member}").format(
                            path=file, member=info.filename
                        )
                    )
            if sum(info.file_size for info in names) > MAX_UNPACKED_BYTES:
                raise ModelError(_("{path}: unpacks to more than 4 GB; refusing").format(path=file))
            members = {info.filename.rstrip("/") for info in names}
            if f"{root}/metadata.json" not in members:
                raise ModelError(_("{path}: no metadata.json in its top folder").format(path=file))
            metadata = json.loads(archive.read(f"{root}/metadata.json").decode("utf-8"))
            if f"{root}/model/model.bin" not in members:
                raise ModelError(
                    _("{path}: no model/model.bin (the CTranslate2 model)").format(path=file)
                )
            if not any(f"{root}/{name}" in members for name in TOKENIZER_FILES):
                raise ModelError(
                    _("{path}: no sentencepiece.model or bpe.model (the tokenizer)").format(
                        path=file
                    )
                )
    except zipfile.BadZipFile as error:
        raise ModelError(
            _("{path}: damaged zip archive ({reason})").format(path=file, reason=error)
        ) from None
    except (UnicodeDecodeError, ValueError) as error:
        raise ModelError(
            _("{path}: metadata.json is not valid JSON ({reason})").format(path=file, reason=error)
        ) from None
    if not isinstance(metadata, dict):
        raise ModelError(_("{path}: metadata.json must be an object").format(path=file))
    pair = (metadata.get("from_code"), metadata.get("to_code"))
    if pair != (from_code, to_code):
        raise ModelError(
            _("{path}: translates {source}→{target}, not {wanted_source}→{wanted_target}").format(
                path=file,
                source=pair[0],
                target=pair[1],
                wanted_source=from_code,
                wanted_target=to_code,
            )
        )
    if metadata.get("type", "translate") != "translate":
        raise ModelError(
            _("{path}: is a '{type}' package, not a translation model").format(
                path=file, type=metadata.get("type")
            )
        )
    return {"root": root, **{k: str(v) for k, v in metadata.items() if isinstance(v, str)}}


def install_package(file: Path, folder: Path | None = None) -> InstalledModel:
    """Validate and install atomically: a failure leaves installed models as they were."""
    metadata = validate_package(file)
    folder = folder or models_dir()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{metadata.get('code') or 'translate-id_en'}-{metadata.get('package_version') or '0'}"
    target = folder / _safe_name(name)
    # Extract next to the target (same filesystem, so the final rename is atomic). The
    # folder name avoids "stanza": argostranslate picks its splitter by that substring.
    staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=folder))
    try:
        with zipfile.ZipFile(file) as archive:
            archive.extractall(staging)
        extracted = staging / metadata["root"]
        _read_installed(extracted)  # the extracted copy must load too
        backup = None
        if target.exists():
            backup = folder / f".replaced-{target.name}"
            shutil.rmtree(backup, ignore_errors=True)
            target.rename(backup)
        extracted.rename(target)
        if backup is not None:
            shutil.rmtree(backup, ignore_errors=True)
    except OSError as error:
        raise ModelError(
            _("{path}: could not install into {folder} ({reason})").format(
                path=file, folder=folder, reason=error.strerror
            )
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return _read_installed(target)


def _safe_name(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in name).strip(".-") or "model"


def download_package(folder: Path | None = None, *, timeout: float = 20) -> InstalledModel:
    """Fetch the id→en package from the Argos index and install it (needs the internet)."""
    try:
        with urllib.request.urlopen(INDEX_URL, timeout=timeout) as response:
            index = json.loads(response.read().decode("utf-8"))
        entry = next(
            (e for e in index if e.get("from_code") == "id" and e.get("to_code") == "en"), None
        )
        if entry is None or not entry.get("links"):
            raise ModelError(_("the Argos package index lists no id→en package"))
        with tempfile.TemporaryDirectory(prefix="dwibahasa-download-") as temp:
            file = Path(temp) / "translate-id_en.argosmodel"
            with (
                urllib.request.urlopen(entry["links"][0], timeout=timeout) as response,
                file.open("wb") as handle,
            ):
                shutil.copyfileobj(response, handle)
            return install_package(file, folder)
    except (urllib.error.URLError, OSError, TimeoutError) as error:
        reason = getattr(error, "reason", None) or error
        raise ModelError(
            _(
                "cannot reach the Argos package index ({reason}). On a machine with internet,"
                " download the '{code}' package listed in {url}, copy the .argosmodel file here"
                " and run 'dwibahasa models install FILE.argosmodel'"
            ).format(reason=reason, code=INDEX_CODE, url=INDEX_URL)
        ) from None
    except ValueError as error:
        raise ModelError(
            _("the Argos package index could not be read ({reason})").format(reason=error)
        ) from None
