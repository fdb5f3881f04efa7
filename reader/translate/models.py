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
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import platformdirs

from reader.errors import UserError
from reader.i18n import _
from reader.safe_text import display_text

MODELS_ENV = "DWIBAHASA_MODELS_DIR"
INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
INDEX_CODE = "translate-id_en"
TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")

# A package is checked member by member before anything is read or extracted, so that a
# small file cannot unpack to fill the disk or the memory. The real id→en package is
# about 100 MB, its largest member (model/model.bin) under 300 MB, its metadata.json 1 KB.
MAX_UNPACKED_BYTES = 4 * 1024**3
"""All members together, unpacked."""
MAX_MEMBER_BYTES = 2 * 1024**3
"""Any one member, unpacked."""
MAX_MEMBERS = 10_000
MAX_RATIO = 100
"""Unpacked size over packed size, for members over `RATIO_FROM_BYTES` (model weights
pack to about 1.1:1, vocabularies to 4:1; a zip bomb's members to 1000:1)."""
RATIO_FROM_BYTES = 1024 * 1024
MAX_METADATA_BYTES = 64 * 1024
"""metadata.json, unpacked (it holds a dozen short fields)."""
MAX_FIELD_CHARS = 100
"""A metadata field as the model's name and the CLI show it."""
_COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
"""What Argos packages use; zipfile would fail late on others, or need the missing module."""
_TEXT_FIELDS = ("code", "package_version", "from_code", "to_code", "type")
"""metadata.json fields this program reads: each text if present."""
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)
"""What zipfile raises on a damaged, encrypted or oddly compressed member."""


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
    _check_folder(folder)
    if not folder.is_dir():
        return []
    models = []
    try:
        paths = sorted(folder.iterdir())
    except OSError as error:
        raise ModelError(
            _("{folder}: cannot read the models folder ({reason})").format(
                folder=folder, reason=_os_reason(error)
            )
        ) from None
    for path in paths:
        if path.is_dir() and not path.name.startswith("."):
            try:
                models.append(_read_installed(path))
            except ModelError:
                continue  # an unusable folder is skipped, never loaded
    return models


def _check_folder(folder: Path) -> None:
    """Refuse a models folder that is a file (or anything else but a folder)."""
    if folder.exists() and not folder.is_dir():
        raise ModelError(
            _("{folder}: is not a folder; set {variable} to a folder for the models").format(
                folder=folder, variable=MODELS_ENV
            )
        )


def _os_reason(error: OSError) -> str:
    return str(error.strerror or error)


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
        if not metadata_path.is_file():
            raise FileNotFoundError(2, "no such file")
        if metadata_path.stat().st_size > MAX_METADATA_BYTES:
            raise _too_long_metadata(path)
        with metadata_path.open("rb") as handle:
            raw = handle.read(MAX_METADATA_BYTES + 1)
    except OSError as error:
        raise ModelError(
            _("{path}: no readable metadata.json ({reason})").format(
                path=path, reason=_os_reason(error)
            )
        ) from None
    if len(raw) > MAX_METADATA_BYTES:  # it grew after the stat
        raise _too_long_metadata(path)
    metadata = _parse_metadata(raw, path)
    tokenizer = next((name for name in TOKENIZER_FILES if (path / name).is_file()), "")
    if not tokenizer or not (path / "model" / "model.bin").is_file():
        raise ModelError(
            _("{path}: incomplete package (model/model.bin or tokenizer missing)").format(path=path)
        )
    return InstalledModel(
        path=path,
        code=_field(metadata, "code") or "translate",
        version=_field(metadata, "package_version"),
        from_code=_field(metadata, "from_code"),
        to_code=_field(metadata, "to_code"),
        tokenizer=tokenizer,
    )


def _field(metadata: dict[str, Any], key: str) -> str:
    """A text field as it may be shown and stored: one line, no escapes, not too long."""
    value = metadata.get(key)
    return display_text(value)[:MAX_FIELD_CHARS] if isinstance(value, str) else ""


def _parse_metadata(raw: bytes, where: Path) -> dict[str, Any]:
    """metadata.json's object, with the fields this program reads of the right type."""
    try:
        metadata = json.loads(raw.decode("utf-8"))
    except json.JSONDecodeError as error:
        reason = f"{error.msg}, line {error.lineno}"
    except UnicodeDecodeError:
        reason = _("not UTF-8")
    except ValueError:  # an integer of more digits than int() takes
        reason = _("a number is too long")
    except RecursionError:
        reason = _("nested too deeply")
    else:
        reason = ""
    if reason:
        raise ModelError(
            _("{path}: metadata.json is not valid JSON ({reason})").format(
                path=where, reason=reason
            )
        )
    if not isinstance(metadata, dict):
        raise ModelError(_("{path}: metadata.json must be an object").format(path=where))
    for key in _TEXT_FIELDS:
        if metadata.get(key) is not None and not isinstance(metadata[key], str):
            raise ModelError(
                _("{path}: metadata.json field '{field}' must be text").format(
                    path=where, field=key
                )
            )
    return metadata


def _too_long_metadata(where: Path) -> ModelError:
    return ModelError(
        _("{path}: metadata.json is over {limit} bytes; refusing").format(
            path=where, limit=MAX_METADATA_BYTES
        )
    )


def _check_members(file: Path, members: list[zipfile.ZipInfo]) -> None:
    """Refuse, before reading any member, what could not be unpacked safely."""
    if len(members) > MAX_MEMBERS:
        raise ModelError(
            _("{path}: holds more than {count} files; refusing").format(
                path=file, count=MAX_MEMBERS
            )
        )
    total = 0
    for info in members:
        member = display_text(info.filename)[:MAX_FIELD_CHARS]
        if info.flag_bits & 0x1:
            raise ModelError(
                _("{path}: {member} is encrypted; Argos packages never are").format(
                    path=file, member=member
                )
            )
        if info.compress_type not in _COMPRESSIONS:
            raise ModelError(
                _("{path}: {member} uses an unsupported compression method ({method})").format(
                    path=file, member=member, method=info.compress_type
                )
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or (
            info.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO
        ):
            raise ModelError(
                _("{path}: {member} would unpack to {size} MB; refusing").format(
                    path=file, member=member, size=info.file_size // (1024 * 1024)
                )
            )
        total += info.file_size
    if total > MAX_UNPACKED_BYTES:
        raise ModelError(_("{path}: unpacks to more than 4 GB; refusing").format(path=file))


def validate_package(file: Path, *, from_code: str = "id", to_code: str = "en") -> dict[str, str]:
    """Check an `.argosmodel` before installing; return its metadata, or raise ModelError."""
    if not file.exists():
        raise ModelError(_("{path}: no such file").format(path=file))
    if not file.is_file():
        raise ModelError(_("{path}: is not a file").format(path=file))
    try:
        with file.open("rb") as handle:
            is_zip = zipfile.is_zipfile(handle)
    except OSError as error:
        raise ModelError(
            _("{path}: cannot read the file ({reason})").format(path=file, reason=_os_reason(error))
        ) from None
    if not is_zip:
        raise ModelError(
            _("{path}: not an Argos model (it must be a zip archive)").format(path=file)
        )
    try:
        with zipfile.ZipFile(file) as archive:
            names = [info for info in archive.infolist() if info.filename.strip("/")]
            _check_members(file, names)
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
                            path=file, member=display_text(info.filename)[:MAX_FIELD_CHARS]
                        )
                    )
            members = {info.filename.rstrip("/"): info for info in names}
            metadata_info = members.get(f"{root}/metadata.json")
            if metadata_info is None:
                raise ModelError(_("{path}: no metadata.json in its top folder").format(path=file))
            if metadata_info.file_size > MAX_METADATA_BYTES:
                raise _too_long_metadata(file)
            with archive.open(metadata_info) as handle:
                raw = handle.read(MAX_METADATA_BYTES + 1)
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
    except (*_ZIP_ERRORS, OSError) as error:
        raise ModelError(
            _("{path}: damaged zip archive ({reason})").format(path=file, reason=_reason(error))
        ) from None
    metadata = _parse_metadata(raw, file)
    pair = (metadata.get("from_code"), metadata.get("to_code"))
    if pair != (from_code, to_code):
        raise ModelError(
            _("{path}: translates {source}→{target}, not {wanted_source}→{wanted_target}").format(
                path=file,
                source=_field(metadata, "from_code") or "?",
                target=_field(metadata, "to_code") or "?",
                wanted_source=from_code,
                wanted_target=to_code,
            )
        )
    if metadata.get("type", "translate") not in ("translate", None):
        raise ModelError(
            _("{path}: is a '{type}' package, not a translation model").format(
                path=file, type=_field(metadata, "type")
            )
        )
    return {"root": root, **{k: str(v) for k, v in metadata.items() if isinstance(v, str)}}


def _reason(error: BaseException) -> str:
    """A library's error message, on one line and short."""
    text = display_text(str(error)) or type(error).__name__
    return text if len(text) <= 80 else text[:79] + "…"


def install_package(file: Path, folder: Path | None = None) -> InstalledModel:
    """Validate and install atomically: a failure leaves installed models as they were."""
    metadata = validate_package(file)
    folder = folder or models_dir()
    _check_folder(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Extract next to the target (same filesystem, so the final rename is atomic). The
        # folder name avoids "stanza": argostranslate picks its splitter by that substring.
        staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=folder))
    except OSError as error:
        raise ModelError(
            _("{folder}: cannot create the models folder ({reason})").format(
                folder=folder, reason=_os_reason(error)
            )
        ) from None
    name = f"{metadata.get('code') or 'translate-id_en'}-{metadata.get('package_version') or '0'}"
    target = folder / _safe_name(name[: 2 * MAX_FIELD_CHARS])
    try:
        with zipfile.ZipFile(file) as archive:
            _check_members(file, archive.infolist())  # the file may have changed since
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
                path=file, folder=folder, reason=_os_reason(error)
            )
        ) from None
    except _ZIP_ERRORS as error:
        raise ModelError(
            _("{path}: damaged zip archive ({reason})").format(path=file, reason=_reason(error))
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
            index = json.loads(response.read(MAX_INDEX_BYTES).decode("utf-8"))
        link = _package_link(index)
        with tempfile.TemporaryDirectory(prefix="dwibahasa-download-") as temp:
            file = Path(temp) / "translate-id_en.argosmodel"
            with (
                urllib.request.urlopen(link, timeout=timeout) as response,
                file.open("wb") as handle,
            ):
                _copy_at_most(response, handle, MAX_UNPACKED_BYTES)
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
    except (ValueError, RecursionError) as error:
        raise ModelError(
            _("the Argos package index could not be read ({reason})").format(reason=_reason(error))
        ) from None


MAX_INDEX_BYTES = 16 * 1024 * 1024
"""The Argos package index read at most (it is about 100 KB)."""


def _package_link(index: object) -> str:
    """The id→en package's first download link in the index, or ModelError."""
    entries = index if isinstance(index, list) else []
    for entry in entries:
        if not isinstance(entry, dict) or (entry.get("from_code"), entry.get("to_code")) != (
            "id",
            "en",
        ):
            continue
        links = entry.get("links")
        first = links[0] if isinstance(links, list) and links else None
        if isinstance(first, str) and first.startswith(("https://", "http://")):
            return first
    raise ModelError(_("the Argos package index lists no id→en package"))


def _copy_at_most(source: Any, target: Any, limit: int) -> None:
    """Copy until the end of `source`; ModelError past `limit` bytes (a download without end)."""
    copied = 0
    while chunk := source.read(1024 * 1024):
        copied += len(chunk)
        if copied > limit:
            raise ModelError(
                _("the downloaded package is over {size} GB; refusing").format(
                    size=limit // 1024**3
                )
            )
        target.write(chunk)
