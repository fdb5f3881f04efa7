"""A guard against English slipping past the catalogs: user-facing calls take marked text.

The catalog test (test_i18n.py) checks every *marked* message is translated;
this one reads the code for the calls that put text in front of a user (an
error a person fixes, a line the CLI prints, a notice, a label, a binding's
description) and fails when one is given a bare string literal.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WORDS = re.compile(r"[A-Za-z]{3,}")
"""A literal with a word in it; punctuation, symbols and `{placeholders}` alone are fine."""

USER_ERRORS = {
    "UserError",
    "DocumentNotFound",
    "DocumentFormatError",
    "DatabaseError",
    "ModelError",
    "GlossaryFormatError",
    "TermBaseError",
    "UsageError",
    "ClickException",
    "BadParameter",
}
SHOWN_FIRST_ARGUMENT = {"echo", "secho", "notify", "Label", "Static", "Button", "Checkbox"}
SHOWN_KEYWORDS = {"help", "message", "title", "placeholder", "label", "tooltip", "description"}


def literal_text(node: ast.expr) -> str | None:
    """The words of a plain or f-string literal; None for anything computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value
            for part in node.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
    return None


def shown_arguments(call: ast.Call) -> list[ast.expr]:
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    shown = [kw.value for kw in call.keywords if kw.arg in SHOWN_KEYWORDS]
    if name in USER_ERRORS or name in SHOWN_FIRST_ARGUMENT:
        shown += call.args[:1]
    elif name == "Binding":
        shown += call.args[2:3]  # key, action, description
    elif name in {"option", "command", "group"}:  # click decorators: help= only
        pass
    else:
        return []
    return shown


def bare_literals() -> list[str]:
    found = []
    for path in sorted([*REPO.glob("reader/**/*.py"), *REPO.glob("glossary/**/*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            for argument in shown_arguments(node):
                text = literal_text(argument)
                if text is not None and WORDS.search(text):
                    found.append(f"{path.relative_to(REPO)}:{node.lineno}: {text[:60]!r}")
    return found


def test_user_facing_calls_take_text_from_the_catalog() -> None:
    assert bare_literals() == [], "wrap these in _() / N_() (see docs/translating.md)"


def test_the_guard_finds_a_bare_literal(tmp_path: Path) -> None:
    source = (
        "raise UserError(f'no such file: {name}')\n"
        "click.echo(_('fine'))\n"
        "Binding('q', 'quit', 'Quit')\n"
        "Binding('q', 'quit', N_('Quit'))\n"
        "self.notify(message, title='Saved')\n"
        "click.echo('¶')\n"
    )
    calls = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call)]
    bare = [
        text
        for call in calls
        for argument in shown_arguments(call)
        if (text := literal_text(argument)) is not None and WORDS.search(text)
    ]
    assert bare == ["no such file: ", "Quit", "Saved"]
