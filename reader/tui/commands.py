"""What the current screen lets a person do, from its live bindings.

The command palette, the help screen and the key hints all read this, so a
new binding shows up in all three the moment it exists, with its help text.
Binding descriptions and tooltips are English msgids (marked with `N_()` where
they are declared, ours in the screens and Textual's in `reader.tui.borrowed`);
this is where they are translated, so all three speak the interface language.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.app import SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from reader.i18n import _


@dataclass(frozen=True)
class BoundAction:
    """One action reachable on a screen and every key that triggers it."""

    binding: Binding
    node: DOMNode
    keys: list[str]
    """Display forms of the keys, in binding order."""

    @property
    def ours(self) -> bool:
        """Declared by Dwibahasa (a screen, dialog or widget of `reader`), not by Textual."""
        return declared_by(self.node, self.binding).startswith("reader.")

    @property
    def description(self) -> str:
        """The binding's short name in the interface language ('' when it has none).

        Textual's own names are Title Case ("Scroll Left"): shown in our sentence case.
        """
        if not self.binding.description:
            return ""
        text = _(self.binding.description)
        return text if self.ours else sentence_case(text)

    @property
    def help(self) -> str:
        """What the action does, in the interface language."""
        if not self.binding.tooltip:
            return self.description
        text = _(self.binding.tooltip)
        return text if self.ours else sentence_case(text)


def declared_by(node: DOMNode, binding: Binding) -> str:
    """The module of the class whose `BINDINGS` declare `binding` (the nearest in the MRO)."""
    for cls in type(node).__mro__:
        declared = cls.__dict__.get("BINDINGS")
        if not declared:
            continue
        for candidate in Binding.make_bindings(declared):
            if candidate.action == binding.action and candidate.key == binding.key:
                return cls.__module__
    return "textual"  # made by Textual at run time (the command palette's key)


def sentence_case(text: str) -> str:
    """'Scroll Left' → 'Scroll left': words after the first lose a capital unless all caps."""
    first, *rest = text.split(" ")
    return " ".join([first, *(w if w.isupper() else w[:1].lower() + w[1:] for w in rest)])


def bound_actions(screen: Screen[Any]) -> list[BoundAction]:
    """The distinct actions bound on `screen`, its focused widget and the app."""
    actions: dict[str, BoundAction] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        display = screen.app.get_key_display(binding)
        known = actions.get(binding.action)
        if known is None:
            actions[binding.action] = BoundAction(binding, active.node, [display])
        elif display not in known.keys:
            known.keys.append(display)
    return list(actions.values())


def binding_commands(screen: Screen[Any]) -> Iterator[SystemCommand]:
    """One palette command per described, non-system action on `screen`.

    The palette reads help as markup: every bracket is escaped, or keys such as `[/]` and
    `[B]` would be read as tags.
    """
    for action in bound_actions(screen):
        binding = action.binding
        if not binding.description or binding.system:
            continue
        yield SystemCommand(
            action.description,
            f"{action.help}  [{', '.join(action.keys)}]".replace("[", "\\["),
            partial(screen.app.run_action, binding.action, action.node),
        )
