"""One-line bars around the reader: the document title, column labels and the status line."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from reader.i18n import _
from reader.safe_text import display_text
from reader.tui.commands import bound_actions
from reader.tui.widgets.parallel_layout import DIVIDER, GUTTER_WIDTH, ParallelLayout


class TitleBar(Static):
    """The document's title and authors, as plain text (escapes and controls removed)."""

    def show_document(self, title: str, byline: str) -> None:
        text = Text(display_text(title), style="bold", no_wrap=True, overflow="ellipsis", end="")
        if byline:
            text.append(f"  ·  {display_text(byline)}", style="dim")
        self.update(text)


class ColumnHeader(Static):
    """Labels above the two columns, aligned with them."""

    def show_layout(self, layout: ParallelLayout | None, english_label: str) -> None:
        if layout is None:
            self.update("")
            return
        indonesian = _("Bahasa Indonesia")
        english = _("English ({source})").format(source=english_label)
        text = Text(" " * GUTTER_WIDTH, no_wrap=True, end="")
        if layout.stacked:
            text.append(indonesian, style="bold")
            text.append(f"  /  {english}", style="italic")
        else:
            text.append(indonesian.ljust(layout.id_width), style="bold")
            text.append(DIVIDER)
            text.append(english, style="bold italic")
        self.update(text)


class StatusBar(Static):
    """Position, where the current English came from, bookmark and search state."""

    def show(self, parts: list[tuple[str, str]]) -> None:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        for index, (part, style) in enumerate(parts):
            if index:
                text.append("  ·  ", style="dim")
            text.append(part, style=style)
        self.update(text, layout=False)  # one line high whatever it says: no screen layout


class KeyHints(Static):
    """The screen's shown bindings on one line: a light stand-in for Textual's Footer.

    One widget instead of one per key keeps the reader's first paint fast;
    the full list is in help (?) and the command palette (Ctrl+P).
    """

    def on_mount(self) -> None:
        self.refresh_hints()
        self.call_after_refresh(self.refresh_hints)  # again once the screen has set focus

    def refresh_hints(self) -> None:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        for action in bound_actions(self.screen):
            if action.binding.show:
                text.append(f" {action.keys[0]} ", style="bold reverse")
                text.append(f" {action.description}  ")
        text.append(" ^p ", style="bold reverse")
        text.append(" " + _("Commands"))
        self.update(text)
