"""Hostile `.argosmodel` files: refused before they cost memory, disk or a traceback.

Each is built in `tmp_path` from the tiny test package: zip bombs, members that
are encrypted or use a compression method the header bytes make up, metadata
that is nested too deeply, holds numbers too long, has the wrong types or
carries terminal escapes; and a models folder that is a file.
"""

from __future__ import annotations

import json
import re
import struct
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from reader.translate import models as models_module
from reader.translate.models import (
    MAX_METADATA_BYTES,
    ModelError,
    find_model,
    install_package,
    list_models,
    validate_package,
)
from tests.argos_model import PACKAGE_ROOT
from tests.conftest import Invoke, assert_one_line_error

UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
METADATA = f"{PACKAGE_ROOT}/metadata.json"


def _package(
    source: Path,
    target: Path,
    *,
    metadata: bytes | None = None,
    add: dict[str, bytes] | None = None,
) -> Path:
    """The tiny package copied to `target`, with other metadata.json bytes or more members."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == METADATA and metadata is not None:
                data = metadata
            zout.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED)
        for name, data in (add or {}).items():
            zout.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return target


def _metadata(**fields: object) -> bytes:
    base: dict[str, object] = {
        "package_version": "0.0.1",
        "from_code": "id",
        "to_code": "en",
        "type": "translate",
        "code": "translate-id_en",
    }
    return json.dumps({**base, **fields}).encode()


def _patch_headers(
    path: Path,
    member: str,
    *,
    flags: int = 0,
    method: int | None = None,
    size: int | None = None,
) -> Path:
    """Rewrite `member`'s header bytes, in the central directory and its local header.

    `flags` are or-ed into the general-purpose bits, `method` replaces the
    compression method, `size` the uncompressed size: what a hostile tool writes.
    """
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        offset = archive.start_dir
    for info in infos:
        assert data[offset : offset + 4] == b"PK\x01\x02"
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", data, offset + 28)
        if info.filename == member:
            local = info.header_offset
            assert data[local : local + 4] == b"PK\x03\x04"
            # (flags, method, uncompressed size) offsets: central header, then local header
            for flag_at, method_at, size_at in (
                (offset + 8, offset + 10, offset + 24),
                (local + 6, local + 8, local + 22),
            ):
                struct.pack_into(
                    "<H", data, flag_at, struct.unpack_from("<H", data, flag_at)[0] | flags
                )
                if method is not None:
                    struct.pack_into("<H", data, method_at, method)
                if size is not None:
                    struct.pack_into("<I", data, size_at, size)
        offset += 46 + name_length + extra_length + comment_length
    path.write_bytes(bytes(data))
    return path


def _refused(file: Path, expected: str) -> str:
    started = time.monotonic()
    with pytest.raises(ModelError) as raised:
        validate_package(file)
    assert time.monotonic() - started < 5
    message = str(raised.value)
    assert "\n" not in message and not UNSAFE.search(message)
    assert expected in message, message
    return message


# --- archives ------------------------------------------------------------------------------


def test_a_zip_bomb_member_is_refused_by_its_ratio(tiny_model_file: Path, tmp_path: Path) -> None:
    bomb = _package(
        tiny_model_file,
        tmp_path / "bom.argosmodel",
        add={f"{PACKAGE_ROOT}/pad.bin": bytes(50 << 20)},
    )
    assert bomb.stat().st_size < 1 << 20  # 50 MB of zeros packs to about 50 KB
    _refused(bomb, "would unpack to 50 MB")


def test_metadata_that_inflates_is_refused_before_it_is_read(
    tiny_model_file: Path, tmp_path: Path
) -> None:
    # Under the ratio floor, so only the metadata cap stops it: read whole it would be 900 KB.
    padded = b'{"code": "translate-id_en"' + b" " * (900 << 10) + b"}"
    _refused(
        _package(tiny_model_file, tmp_path / "m.argosmodel", metadata=padded),
        "metadata.json is over",
    )


def test_metadata_bomb_is_refused(tiny_model_file: Path, tmp_path: Path) -> None:
    bomb = b"{" + b" " * (20 << 20) + b"}"  # 20 MB of JSON in about 20 KB
    package = _package(tiny_model_file, tmp_path / "m.argosmodel", metadata=bomb)
    assert package.stat().st_size < 100 << 10
    _refused(package, "metadata.json would unpack to 20 MB")


def test_a_member_over_the_size_cap_is_refused(
    tiny_model_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(models_module, "MAX_MEMBER_BYTES", 10_000)
    _refused(tiny_model_file, "model.bin would unpack to")


def test_an_archive_of_too_many_members_is_refused(
    tiny_model_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(models_module, "MAX_MEMBERS", 20)
    extra = {f"{PACKAGE_ROOT}/extra/{n}.txt": b"x" for n in range(20)}
    _refused(_package(tiny_model_file, tmp_path / "x.argosmodel", add=extra), "more than 20 files")


def test_an_encrypted_member_is_refused(tiny_model_file: Path, tmp_path: Path) -> None:
    package = _package(tiny_model_file, tmp_path / "e.argosmodel")
    _patch_headers(package, f"{PACKAGE_ROOT}/model/model.bin", flags=0x1)
    _refused(package, "model.bin is encrypted")


def test_encrypted_metadata_is_refused_not_a_traceback(
    tiny_model_file: Path, tmp_path: Path
) -> None:
    package = _package(tiny_model_file, tmp_path / "e.argosmodel")
    _patch_headers(package, METADATA, flags=0x1)
    _refused(package, "metadata.json is encrypted")


@pytest.mark.parametrize("method", [99, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA, 1])
def test_an_unsupported_compression_method_is_refused(
    tiny_model_file: Path, tmp_path: Path, method: int
) -> None:
    package = _package(tiny_model_file, tmp_path / "c.argosmodel")
    _patch_headers(package, METADATA, method=method)
    _refused(package, f"unsupported compression method ({method})")


def test_a_member_that_lies_about_its_size_fails_the_install_and_changes_nothing(
    installed_model: Path, tiny_model_file: Path, tmp_path: Path
) -> None:
    package = _package(tiny_model_file, tmp_path / "l.argosmodel")
    _patch_headers(package, f"{PACKAGE_ROOT}/model/model.bin", size=100)
    before = sorted(p.name for p in installed_model.parent.iterdir())
    with pytest.raises(ModelError, match="damaged zip archive"):
        install_package(package)
    assert sorted(p.name for p in installed_model.parent.iterdir()) == before
    assert find_model().path == installed_model


# --- metadata.json ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        (b"[" * 20_000 + b"]" * 20_000, "nested too deeply"),
        (b'{"a": ' * 5_000 + b"1" + b"}" * 5_000, "nested too deeply"),
        (b'{"package_version": ' + b"9" * 5000 + b"}", "a number is too long"),
        (b'{"code": "\xff\xfe"}', "not UTF-8"),
        (b'{"code": "x",', "not valid JSON"),
        (b'"translate"', "must be an object"),
        (_metadata(from_code=["id"]), "'from_code' must be text"),
        (_metadata(package_version=1.9), "'package_version' must be text"),
        (_metadata(code={"a": 1}), "'code' must be text"),
        (_metadata(type=7), "'type' must be text"),
    ],
    ids=[
        "deep list",
        "deep object",
        "huge int",
        "not utf-8",
        "truncated",
        "not an object",
        "list code",
        "float version",
        "object code",
        "number type",
    ],
)
def test_hostile_metadata_is_one_line(
    tiny_model_file: Path, tmp_path: Path, metadata: bytes, expected: str
) -> None:
    _refused(_package(tiny_model_file, tmp_path / "m.argosmodel", metadata=metadata), expected)


def test_a_wrong_pair_full_of_escapes_is_named_safely(
    tiny_model_file: Path, tmp_path: Path
) -> None:
    metadata = _metadata(from_code="\x1b[31mfr\x07", to_code="x" * 5000)
    message = _refused(
        _package(tiny_model_file, tmp_path / "m.argosmodel", metadata=metadata), "not id→en"
    )
    assert "translates fr→xxx" in message and len(message) < 400


ESCAPED = _metadata(
    code="translate-id_en\x1b[2J\x1b]0;pwned\x07",
    package_version="1.0\x9b31m\u202e",
)


def test_control_characters_in_metadata_never_reach_the_model_name(
    tiny_model_file: Path, tmp_path: Path, models_dir: Path
) -> None:
    model = install_package(_package(tiny_model_file, tmp_path / "m.argosmodel", metadata=ESCAPED))
    for text in (model.name, model.code, model.version, model.from_code, model.to_code):
        assert not UNSAFE.search(text), text
    assert model.name == "translate-id_en 1.0"
    assert find_model().name == model.name  # the name translations are stored under
    assert not any(UNSAFE.search(p.name) for p in models_dir.iterdir())


def test_cli_install_and_list_print_no_control_characters(
    dwibahasa: Invoke, tiny_model_file: Path, tmp_path: Path, models_dir: Path
) -> None:
    package = _package(tiny_model_file, tmp_path / "m.argosmodel", metadata=ESCAPED)
    code, out, err = dwibahasa("models", "install", str(package))
    assert (code, err) == (0, "")
    assert "installed translate-id_en 1.0" in out
    code, listed, err = dwibahasa("models", "list")
    assert (code, err) == (0, "")
    code, as_json, _ = dwibahasa("models", "list", "--json")
    assert json.loads(as_json)[0]["version"] == "1.0"
    for text in (out, listed, as_json):
        assert not UNSAFE.search(text.replace("\n", "")), text


def test_an_installed_metadata_file_grown_huge_is_skipped(
    installed_model: Path, tmp_path: Path
) -> None:
    (installed_model / "metadata.json").write_bytes(b"{" + b" " * (MAX_METADATA_BYTES + 1) + b"}")
    assert list_models() == []


def test_installed_metadata_nested_too_deeply_is_skipped(installed_model: Path) -> None:
    (installed_model / "metadata.json").write_bytes(b"[" * 50_000)
    assert list_models() == []
    with pytest.raises(ModelError, match="no id→en translation model installed"):
        find_model()


# --- the models folder -----------------------------------------------------------------------


def test_a_models_folder_that_is_a_file_is_one_line(
    dwibahasa: Invoke, tiny_model_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "models.txt"
    not_a_folder.write_text("oops", encoding="utf-8")
    monkeypatch.setenv("DWIBAHASA_MODELS_DIR", str(not_a_folder))
    for args in (("models", "list"), ("models", "install", str(tiny_model_file))):
        code, out, err = dwibahasa(*args)
        assert_one_line_error(code, out, err)
        assert "is not a folder; set DWIBAHASA_MODELS_DIR" in err
    with pytest.raises(ModelError, match="is not a folder"):
        find_model()
    assert not_a_folder.read_text(encoding="utf-8") == "oops"


def test_a_models_folder_that_cannot_be_created_is_one_line(
    dwibahasa: Invoke, tiny_model_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("DWIBAHASA_MODELS_DIR", str(blocker / "models"))  # under a file
    code, out, err = dwibahasa("models", "install", str(tiny_model_file))
    assert_one_line_error(code, out, err)
    assert "cannot create the models folder" in err


@pytest.mark.parametrize("kind", ["directory", "fifo", "unreadable"])
def test_a_package_path_that_is_no_readable_file_is_one_line(
    dwibahasa: Invoke, tmp_path: Path, models_dir: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    import os

    path = tmp_path / "model.argosmodel"
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)  # opening it would wait for a writer forever
    else:
        path.write_bytes(b"PK\x05\x06" + bytes(18))
        real_open = Path.open

        def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
            if self == path:
                raise PermissionError(13, "Permission denied")
            return real_open(self, *args, **kwargs)

        real_access = os.access

        def no_access(target: Any, mode: int, **kwargs: Any) -> bool:
            return False if Path(str(target)) == path else real_access(target, mode, **kwargs)

        monkeypatch.setattr(Path, "open", refuse)
        monkeypatch.setattr(os, "access", no_access)  # as click would see it
    code, out, err = dwibahasa("models", "install", str(path))
    assert_one_line_error(code, out, err)
    assert ("Permission denied" if kind == "unreadable" else "is not a file") in err
