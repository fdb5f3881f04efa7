"""What the current screen lets a person do, from its live bindings.

The command palette, the help screen and the key hints all read this, so a
new binding shows up in all three the moment it exists, with its help text.
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


@dataclass(frozen=True)
class BoundAction:
    """One action reachable on a screen and every key that triggers it."""

    binding: Binding
    node: DOMNode
    keys: list[str]
    """Display forms of the keys, in binding order."""

    @property
    def help(self) -> str:
        return self.binding.tooltip or self.binding.description


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
    """One palette command per described, non-system action on `screen`."""
    for action in bound_actions(screen):
        binding = action.binding
        if not binding.description or binding.system:
            continue
        yield SystemCommand(
            binding.description,
            f"{action.help}  [{', '.join(action.keys)}]",
            partial(screen.app.run_action, binding.action, action.node),
        )
