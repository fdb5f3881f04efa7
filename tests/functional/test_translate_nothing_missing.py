"""`translate` says "nothing to translate" before any model check; the hint is the README's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader import service as service_module
from reader.errors import UserError
from tests.conftest import REPO, Invoke


def test_translate_with_every_paragraph_in_english_says_nothing_to_translate(
    dwibahasa: Invoke, models_dir: Path
) -> None:
    code, out, err = dwibahasa("translate", "aliansi-strategis-korea-as")
    assert code == 0, err
    assert "aliansi-strategis-korea-as: nothing to translate" in out
    assert "model" not in out + err


def test_translate_force_with_only_reference_english_needs_no_model(
    dwibahasa: Invoke, models_dir: Path
) -> None:
    code, out, err = dwibahasa("translate", "--all", "--force")
    assert code == 0, err
    assert out.count("nothing to translate") == 2


def test_translate_json_reports_needed_zero(dwibahasa: Invoke, models_dir: Path) -> None:
    code, out, _ = dwibahasa("translate", "--all", "--json")
    reports = json.loads(out)
    assert code == 0
    assert [r["needed"] for r in reports] == [0, 0]
    assert all(r["error"] is None for r in reports)


def test_missing_argostranslate_hint_is_the_readme_command(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "argostranslate" else real(name, *a),
    )
    with pytest.raises(UserError) as raised:
        service_module._require_argostranslate()
    command = "pip install -c constraints.txt -e '.[mt]'"
    assert command in str(raised.value)
    assert command in (REPO / "README.md").read_text(encoding="utf-8")
