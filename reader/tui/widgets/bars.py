"""One-line bars around the reader: the document title, column labels and the status line."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from reader.i18n import _
from reader.safe_text import display_text
from reader.tui.commands import bound_actions
from reader.tui.widgets.parallel_layout import DIVIDER, GUTTER_WIDTH, ParallelLayout


class TitleBar(Static):
    """The document's title and authors, as plain text (escapes and controls removed).

    A note about the text itself (its paragraph breaks are guesses) stays in sight at
    any width: the title and byline give way to it, ending in an ellipsis.
    """

    _document: tuple[str, str, str] | None = None

    def show_document(self, title: str, byline: str, note: str = "") -> None:
        """`note`: what the reader should know about the text itself (its breaks are guesses)."""
        self._document = (display_text(title), display_text(byline), display_text(note))
        self.update(self._line(self.content_size.width))

    def on_resize(self) -> None:
        if self._document is not None:
            self.update(self._line(self.content_size.width))

    def _line(self, width: int) -> Text:
        assert self._document is not None
        title, byline, note = self._document
        head = Text(title, style="bold", no_wrap=True, overflow="ellipsis", end="")
        if byline:
            head.append(f"  ·  {byline}", style="dim")
        if not note:
            return head
        tail = Text(f"  ·  {note}", style="italic", end="")
        if width > 0 and head.cell_len + tail.cell_len > width:
            head.truncate(max(1, width - tail.cell_len), overflow="ellipsis")
        return Text.assemble(head, tail, no_wrap=True, overflow="ellipsis", end="")


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
    """Position, where the current English came from, bookmark and search state.

    Every field stays on the line whatever the width: when they do not fit, the
    field named by `shrink` (the source label) is shortened first, in the middle,
    then the longest of the others, down to a few characters each.
    """

    SEPARATOR = "  ·  "
    MIN_FIELD = 8

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._parts: list[tuple[str, str]] = []
        self._shrink: int | None = None

    def show(self, parts: list[tuple[str, str]], *, shrink: int | None = None) -> None:
        self._parts, self._shrink = list(parts), shrink
        self._draw()

    def on_resize(self) -> None:
        if self._parts:
            self._draw()

    def _draw(self) -> None:
        width = self.content_region.width or self.size.width
        fitted = fit_fields([part for part, _style in self._parts], width, self._shrink)
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        for index, (part, (_old, style)) in enumerate(zip(fitted, self._parts, strict=True)):
            if index:
                text.append(self.SEPARATOR, style="dim")
            text.append(part, style=style)
        self.update(text, layout=False)  # one line high whatever it says: no screen layout


def shorten_middle(text: str, width: int) -> str:
    """`text` in at most `width` cells, cut in the middle with an ellipsis."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    keep = width - 1
    head = keep - keep // 2
    tail = keep // 2
    start = _cells_prefix(text, head)
    end = _cells_prefix(text[::-1], tail)[::-1] if tail else ""
    return f"{start}…{end}"


def _cells_prefix(text: str, width: int) -> str:
    out = []
    used = 0
    for char in text:
        used += cell_len(char)
        if used > width:
            break
        out.append(char)
    return "".join(out)


def shorten_end(text: str, width: int) -> str:
    """`text` in at most `width` cells, its end replaced by an ellipsis."""
    if cell_len(text) <= width:
        return text
    return _cells_prefix(text, max(width - 1, 0)) + "…"


def fit_fields(
    fields: list[str],
    width: int,
    shrink: int | None = None,
    separator: int = len(StatusBar.SEPARATOR),
) -> list[str]:
    """The fields shortened so that all of them fit in `width` cells, none dropped.

    The field at `shrink` gives way first, cut in the middle (a source label keeps
    its start and its model's name), down to `StatusBar.MIN_FIELD` cells. Then the
    other fields but the first (the position) share what room is left: the longest
    are cut at the end (their values come first: "translating 3/10…") to one cap,
    no lower than `StatusBar.MIN_FIELD`.
    """
    fitted = list(fields)
    if width <= 0 or not fitted:
        return fitted

    def excess() -> int:
        total = sum(cell_len(f) for f in fitted) + separator * (len(fitted) - 1)
        return total - width

    if shrink is not None and 0 <= shrink < len(fitted) and excess() > 0:
        room = max(cell_len(fitted[shrink]) - excess(), StatusBar.MIN_FIELD)
        fitted[shrink] = shorten_middle(fitted[shrink], room)
    others = [i for i in range(1, len(fitted)) if i != shrink]
    if excess() <= 0 or not others:
        return fitted
    room = sum(cell_len(fitted[i]) for i in others) - excess()
    cap = max(max(cell_len(fitted[i]) for i in others), StatusBar.MIN_FIELD)
    while cap > StatusBar.MIN_FIELD and sum(min(cell_len(fitted[i]), cap) for i in others) > room:
        cap -= 1
    for i in others:
        fitted[i] = shorten_end(fitted[i], cap)
    return fitted


class KeyHints(Static):
    """The screen's shown bindings on one line: a light stand-in for Textual's Footer.

    One widget instead of one per key keeps the reader's first paint fast;
    the full list is in help (?) and the command palette (Ctrl+P). Help and
    quit/back are always shown, at the end: when the line is too narrow the
    others lose their spacing, then their names (key alone), then their place,
    from the last.
    """

    KEEP = frozenset({"help", "quit", "back", "app.quit"})
    """Actions that are always shown."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.refresh_hints()
        self.call_after_refresh(self.refresh_hints)  # again once the screen has set focus

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: object) -> None:
        self.refresh_hints()

    def on_resize(self) -> None:
        self.refresh_hints()

    def refresh_hints(self) -> None:
        hints = [
            (action.keys[0], action.description, action.binding.action in self.KEEP)
            for action in bound_actions(self.screen)
            if action.binding.show
        ]
        optional = [(key, name) for key, name, keep in hints if not keep]
        kept = [(key, name) for key, name, keep in hints if keep]
        self.update(hint_line(optional, kept, self.size.width or 10_000))


NAVIGATION_KEYS = frozenset({"↑", "↓", "←", "→", "pgup", "pgdn", "home", "end"})
"""Keys everyone knows: their hints are the first to give way."""


def hint_line(optional: list[tuple[str, str]], kept: list[tuple[str, str]], width: int) -> Text:
    """Keys and names in `width` cells: every kept one, and as many optional ones as fit.

    When the line is too long the spacing tightens, then optional hints drop
    out: arrows and paging keys first, then the others from the last; the
    screen's order is kept for what stays. The palette's hint (^p) loses its
    name only when nothing optional is left.
    """
    palette = ("^p", _("Commands"))

    def build(items: list[tuple[str, str]], gap: str) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        for key, name in items:
            text.append(f" {key} ", style="bold reverse")
            text.append(f" {name}{gap}" if name else gap)
        return text

    drop_order = sorted(
        range(len(optional)), key=lambda i: (optional[i][0] not in NAVIGATION_KEYS, -i)
    )
    for dropped in range(len(optional) + 1):
        gone = set(drop_order[:dropped])
        others = [item for i, item in enumerate(optional) if i not in gone]
        for gap in ("  ", " "):
            line = build([*others, *kept, palette], gap)
            if line.cell_len <= width:
                return line
    line = build([*kept, (palette[0], "")], " ")
    if line.cell_len <= width:
        return line
    for last_resort in (kept, [(key, "") for key, _name in kept]):  # no room even for ^p
        line = build(last_resort, " ")
        if line.cell_len <= width:
            return line
    return line
