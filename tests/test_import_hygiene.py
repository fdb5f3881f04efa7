"""The core stays headless: only reader/tui imports Textual, and plain commands never load it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
UI_PACKAGE = REPO / "reader" / "tui"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_nothing_outside_reader_tui_imports_textual() -> None:
    offenders = []
    for package in ("reader", "glossary"):
        for path in (REPO / package).rglob("*.py"):
            if UI_PACKAGE in path.parents:
                continue
            if any(name.split(".")[0] == "textual" for name in _imported_modules(path)):
                offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def test_glossary_never_imports_reader() -> None:
    for path in (REPO / "glossary").rglob("*.py"):
        assert not any(name.split(".")[0] == "reader" for name in _imported_modules(path)), path


def test_plain_commands_load_neither_textual_nor_argostranslate() -> None:
    code = (
        "import sys, reader.cli, reader.service, reader.library\n"
        "print(sorted(m for m in ('textual', 'argostranslate', 'torch') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == "[]"
