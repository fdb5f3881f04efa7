"""The layering: contracts in pyproject.toml hold, no import cycles, and what commands load.

The static rules (layers; Textual and Rich only in reader.tui; click only in
reader.cli; glossary never imports reader; the MT libraries only in the
worker) are import-linter contracts in pyproject.toml, each exception
commented there. These tests run them, look for cycles, and check what the
plain commands actually load at run time.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp

REPO = Path(__file__).resolve().parents[2]


def test_import_contracts_hold() -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports is not None, "import-linter is part of the test extra"
    result = subprocess.run(
        [lint_imports, "--no-cache"], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


def _cycles(imports: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in imports.get(module, ()):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(imports):
        if module not in index:
            visit(module)
    return found


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_itself_through_others() -> None:
    graph = grimp.build_graph("reader", "glossary", cache_dir=None)
    internal = {
        module: {
            imported
            for imported in graph.find_modules_directly_imported_by(module)
            if imported.split(".")[0] in ("reader", "glossary")
        }
        for module in graph.modules
    }
    assert _cycles(internal) == []


def test_plain_commands_load_neither_textual_nor_argostranslate() -> None:
    code = (
        "import sys, reader.cli, reader.service, reader.library\n"
        "print(sorted(m for m in ('textual', 'argostranslate', 'torch') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == "[]"


def test_reading_bookmarking_and_leaving_never_load_sqlite_utils(tmp_path: Path) -> None:
    """The reader's own writes use the plain connection: sqlite-utils costs ~90 ms to import."""
    library = tmp_path / "library.db"
    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from reader.service import ReadingService\n"
        f"ReadingService.open(Path({str(library)!r})).close()\n"
        "for name in [m for m in sys.modules if m.startswith('sqlite_utils')]:\n"
        "    del sys.modules[name]\n"
        "from reader.tui.app import make_app\n"
        f"service = ReadingService.open(Path({str(library)!r}))\n"
        "document = service.resolve('aliansi-strategis-korea-as')\n"
        "async def main():\n"
        "    app = make_app(service, document=document)\n"
        "    async with app.run_test(size=(120, 30)) as pilot:\n"
        "        await pilot.press('j', 'b', 'j')\n"
        "        await pilot.pause(0.8)\n"
        "        await pilot.press('q')\n"
        "        await pilot.pause(0.3)\n"
        "    print(service.bookmarks(document), service.position(document))\n"
        "asyncio.run(main())\n"
        "print(sorted(m for m in sys.modules if m.startswith('sqlite_utils'))[:1])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.splitlines()[-2:] == ["[2] 3", "[]"], result.stdout + result.stderr
