"""The outline: a document's headings (BAB, sections, Pasal) in a panel beside the text.

`o` in the reader opens it (and closes it); Enter on a heading jumps there and
gives the text the focus back, so the panel can stay open while reading: it
follows the reader, highlighting the section the current paragraph is in.
`[` and `]` go to the previous and next heading with or without the panel.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol, cast

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.i18n import N_, _
from reader.library import BilingualRow
from reader.safe_text import display_text

ARTICLE = re.compile(r"(?:Pasal|PASAL)\s+\d+[A-Za-z]?\b")
"""A statute's article ("Pasal 12", "Pasal 5A") standing as a paragraph of its own."""
ARTICLE_MAX_LENGTH = 80
ENTRY_WIDTH = 30
"""Cells for a heading's number and text in the panel (38 wide); longer ones are cut."""


@dataclass(frozen=True)
class OutlineEntry:
    seq: int
    level: int
    """1 for a chapter (BAB), 2 for its sections, 3 for an article (Pasal)."""
    text: str


def outline_entries(rows: Sequence[BilingualRow]) -> list[OutlineEntry]:
    """The headings of a document, in order, with short article lines (`Pasal 12`)."""
    entries = []
    for row in rows:
        if row.kind == "heading":
            entries.append(OutlineEntry(row.seq, max(row.level, 1), row.text))
        elif (
            row.kind == "paragraph"
            and len(row.text) <= ARTICLE_MAX_LENGTH
            and ARTICLE.match(row.text.strip())
        ):
            entries.append(OutlineEntry(row.seq, 3, row.text))
    return entries


def section_index(entries: Sequence[OutlineEntry], seq: int) -> int | None:
    """The entry whose section holds paragraph `seq` (the last at or before it), if any."""
    index = bisect_right([entry.seq for entry in entries], seq) - 1
    return index if index >= 0 else None


def neighbour_heading(entries: Sequence[OutlineEntry], seq: int, step: int) -> int | None:
    """The seq of the heading before (`step` -1) or after (+1) paragraph `seq`, if any."""
    seqs = [entry.seq for entry in entries]
    if step > 0:
        index = bisect_right(seqs, seq)
        return seqs[index] if index < len(seqs) else None
    index = bisect_right(seqs, seq - 1) - 1
    return seqs[index] if index >= 0 else None


def entry_label(entry: OutlineEntry) -> Text:
    """`¶ 12  BAB IV …`, indented by level; plain text (a heading is never markup)."""
    indent = "  " * (entry.level - 1)
    text = display_text(entry.text)
    room = ENTRY_WIDTH - len(indent) - 6
    if cell_len(text) > room:
        text = set_cell_size(text, room - 1) + "…"
    label = Text(no_wrap=True, overflow="ellipsis", end="")
    label.append(f"{entry.seq:>4}  ", style="dim")
    label.append(indent + text, style="bold" if entry.level == 1 else "")
    return label


class Outlined(Protocol):
    """What the panel needs of the reader screen it sits in."""

    @property
    def parallel(self) -> Widget: ...

    def go_to(self, seq: int) -> None: ...


class OutlinePanel(Vertical):
    """The headings in a list: Enter jumps there and gives the text the focus; Esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close outline"), tooltip=N_("Hide the outline")),
    ]

    def __init__(self, entries: Sequence[OutlineEntry]) -> None:
        super().__init__(id="outline")
        self.entries = list(entries)

    def compose(self) -> ComposeResult:
        yield Label(_("Outline"), id="outline-title")
        options = [Option(entry_label(entry), id=str(entry.seq)) for entry in self.entries]
        if not options:
            options = [Option(Text(_("This document has no headings")), disabled=True)]
        yield OptionList(*options, id="outline-list")

    def on_mount(self) -> None:
        self._fit()
        self.screen.screen_layout_refresh_signal.subscribe(self, self._fit)

    def on_unmount(self) -> None:
        self.screen.screen_layout_refresh_signal.unsubscribe(self)

    def _fit(self, screen: object = None) -> None:
        """Down to the key hints' line, not over it (a docked widget takes the whole height)."""
        height = max(self.screen.size.height - 1, 1)
        if self.styles.height is None or self.styles.height.value != height:
            self.styles.height = height

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#outline-list", OptionList)

    @property
    def reader(self) -> Outlined:
        return cast(Outlined, self.screen)

    def follow(self, seq: int) -> None:
        """Highlight the section paragraph `seq` is in (unless the list has the focus)."""
        index = section_index(self.entries, seq)
        option_list = self.option_list
        if index is not None and not option_list.has_focus and option_list.highlighted != index:
            option_list.highlighted = index

    @on(OptionList.OptionSelected, "#outline-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.reader.go_to(int(event.option.id))
            self.reader.parallel.focus()

    def action_close(self) -> None:
        self.reader.parallel.focus()
        self.remove()


def toggle_outline(screen: Outlined, rows: Sequence[BilingualRow]) -> None:
    """`o`: open the panel with the list focused on the current section, or close it."""
    assert isinstance(screen, Widget)
    panels = screen.query(OutlinePanel)
    if panels:
        panels.first().action_close()
        return
    panel = OutlinePanel(outline_entries(rows))
    screen.mount(panel)
    current = getattr(screen, "current_seq", 1)

    def focus_current() -> None:
        index = section_index(panel.entries, current)
        panel.option_list.highlighted = index if index is not None else 0
        panel.option_list.focus()

    screen.call_after_refresh(focus_current)
