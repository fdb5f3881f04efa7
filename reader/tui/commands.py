"""Command palette entries for every key binding of the current screen.

Generated from the live bindings, so a new binding is in the palette the
moment it exists, with its help text.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from textual.app import SystemCommand
from textual.screen import Screen


def binding_commands(screen: Screen[Any]) -> Iterator[SystemCommand]:
    """One palette command per distinct action bound on `screen` (and its focused widget)."""
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.action in seen or not binding.description or binding.system:
            continue
        seen.add(binding.action)
        key = screen.app.get_key_display(binding)
        help_text = f"{binding.tooltip or binding.description}  [{key}]"
        yield SystemCommand(
            binding.description,
            help_text,
            partial(screen.app.run_action, binding.action, active.node),
        )
