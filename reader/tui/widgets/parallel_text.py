"""The reader's body: every paragraph beside (or above) its English, drawn line by line.

A Line API `ScrollView`: nothing is mounted per paragraph, only the visible
lines are rendered (and cached), so a 5,000-paragraph document opens and
scrolls as fast as a short one. All text is drawn as `rich.text.Text`,
never parsed as markup.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.i18n import N_, _
from reader.tui.selection import ParagraphSelection
from reader.tui.widgets.parallel_layout import (
    DIVIDER,
    GUTTER_WIDTH,
    LinePart,
    ParallelLayout,
    ScreenLine,
)

NO_ENGLISH = N_("— no English yet —")


@dataclass(frozen=True)
class RowText:
    """What the widget needs of a paragraph: both texts, already made safe for display."""

    seq: int
    kind: str
    indonesian: str
    english: str | None
    flagged: bool = False
    """The English failed a check (numbers lost, a term not rendered): marked in the gutter."""
    id_terms: tuple[tuple[int, int, str], ...] = ()
    """Glossary terms in the Indonesian: (start, end, term id)."""
    en_terms: tuple[tuple[int, int, str], ...] = ()
    """Glossary terms in the English."""


TERM_COLOURS = 8
"""Term highlights cycle through this many styles (`parallel-text--term-0` ...)."""


def term_colour(term_id: str) -> int:
    """The same colour for a term wherever it appears, in both languages."""
    return sum(term_id.encode("utf-8")) % TERM_COLOURS


class ParallelText(ScrollView, can_focus=True):
    """Aligned bilingual paragraphs with a current-paragraph cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # In the selection mode the paragraph keys carry the selection along, unlisted in
        # the key hints (the mode's own keys need the room); the first enabled binding of
        # a key runs.
        Binding(
            "down,j",
            "select_paragraph(1)",
            N_("Next ¶"),
            show=False,
            tooltip=N_("Select in the next paragraph"),
        ),
        Binding(
            "up,k",
            "select_paragraph(-1)",
            N_("Previous ¶"),
            show=False,
            tooltip=N_("Select in the previous paragraph"),
        ),
        Binding("down,j", "cursor_down", N_("Next ¶"), tooltip=N_("Move to the next paragraph")),
        Binding(
            "up,k", "cursor_up", N_("Previous ¶"), tooltip=N_("Move to the previous paragraph")
        ),
        Binding("pagedown,space", "page_down", N_("Page down"), show=False),
        Binding("pageup", "page_up", N_("Page up"), show=False),
        Binding("home,g", "first", N_("First ¶"), show=False),
        Binding("end,G", "last", N_("Last ¶"), show=False),
        Binding(
            "v",
            "select",
            N_("Select"),
            show=False,
            tooltip=N_("Select words of this paragraph (to add them as a term)"),
        ),
        # Selection mode (v, or a mouse drag): shown in the key hints only then.
        Binding("left", "select_move(-1)", N_("Prev word"), tooltip=N_("Select the previous word")),
        Binding("right", "select_move(1)", N_("Next word"), tooltip=N_("Select the next word")),
        Binding(
            "shift+left",
            "select_extend(-1)",
            N_("Extend left"),
            tooltip=N_("Extend the selection by a word to the left"),
        ),
        Binding(
            "shift+right",
            "select_extend(1)",
            N_("Extend right"),
            tooltip=N_("Extend the selection by a word to the right"),
        ),
        Binding(
            "tab",
            "select_switch",
            N_("Other language"),
            tooltip=N_("Mark words in the other language of the paragraph"),
        ),
        Binding(
            "a,enter",
            "select_add",
            N_("Add term"),
            tooltip=N_("Add the selected words as a term of your own"),
        ),
        Binding("escape", "select_leave", N_("End selection"), tooltip=N_("Leave the selection")),
    ]

    SELECTION_ACTIONS: ClassVar[frozenset[str]] = frozenset(
        {
            "select_paragraph",
            "select_move",
            "select_extend",
            "select_switch",
            "select_add",
            "select_leave",
        }
    )
    """Actions of the selection mode: enabled (and shown) only while words are selected."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "parallel-text--gutter",
        "parallel-text--bookmark",
        "parallel-text--current",
        "parallel-text--heading",
        "parallel-text--caption",
        "parallel-text--reference",
        "parallel-text--note",
        "parallel-text--item",
        "parallel-text--english",
        "parallel-text--missing",
        "parallel-text--match",
        "parallel-text--divider",
        "parallel-text--flag",
        "parallel-text--selection",
        *(f"parallel-text--term-{n}" for n in range(TERM_COLOURS)),
    }

    DEFAULT_CSS = """
    ParallelText > .parallel-text--note {
        color: $text-muted;
        text-style: italic;
    }
    ParallelText > .parallel-text--item {
        text-style: none;
    }
    """
    """Footnotes (kind `note`) dim and apart; clauses and list items (kind `item`) plain."""

    current: reactive[int] = reactive(0, repaint=False, init=False)
    """Index (0-based) of the current paragraph."""
    stacked: reactive[bool] = reactive(False, repaint=False, init=False)
    """Show English under Indonesian instead of beside it."""

    class LayoutChanged(Message):
        """Column widths or the stacked/side-by-side choice changed."""

    class TermSelected(Message):
        """A highlighted term was clicked."""

        def __init__(self, term_id: str) -> None:
            super().__init__()
            self.term_id = term_id

    class SelectionSubmitted(Message):
        """`a` or Enter on selected words: the reader adds them as a term."""

        def __init__(self, selection: ParagraphSelection) -> None:
            super().__init__()
            self.selection = selection

    class CurrentChanged(Message):
        """The current paragraph changed (by key, click or program)."""

        def __init__(self, parallel_text: ParallelText, index: int) -> None:
            super().__init__()
            self.parallel_text = parallel_text
            self.index = index

        @property
        def control(self) -> ParallelText:
            return self.parallel_text

    def __init__(
        self,
        rows: list[RowText] | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._rows: list[RowText] = rows or []
        self._layout: ParallelLayout | None = None
        self._line_cache: LRUCache[tuple[object, ...], Strip] = LRUCache(2048)
        self._match_cache: dict[tuple[int, str], list[tuple[int, int]]] = {}
        self._bookmarks: frozenset[int] = frozenset()
        self._pattern: re.Pattern[str] | None = None
        self._generation = 0
        self._row_versions: dict[int, int] = {}
        """Row index → how often `update_rows` changed it: part of the line cache key."""
        self._selection: ParagraphSelection | None = None
        self._drag: tuple[int, str, int] | None = None
        """A mouse button went down on a word: (row, side, word index)."""
        self._dragged = False
        """The last press of the button was a drag: the click that follows it is not one."""

    # Public API ------------------------------------------------------------

    @property
    def rows(self) -> list[RowText]:
        return self._rows

    @property
    def layout_geometry(self) -> ParallelLayout | None:
        return self._layout

    def set_rows(self, rows: list[RowText], current: int = 0) -> None:
        self._rows = rows
        self._selection = None
        self._row_versions.clear()
        self._match_cache.clear()
        self._invalidate()
        self._relayout()
        self.set_reactive(ParallelText.current, self._clamp(current))
        self.scroll_to_current(animate=False, center=True)

    def update_rows(self, changes: Mapping[int, RowText]) -> None:
        """New texts for some paragraphs (row index → row), e.g. English streaming in.

        Only rows whose text changed are wrapped again, and only their cached
        lines are dropped; rows whose terms or flag changed are just redrawn.
        The current paragraph stays where it is on screen.
        """
        no_english = _(NO_ENGLISH)
        rewrap: dict[int, tuple[str, str]] = {}
        for index, row in changes.items():
            if not 0 <= index < len(self._rows):
                continue
            old = self._rows[index]
            if old == row:
                continue
            self._rows[index] = row
            self._row_versions[index] = self._row_versions.get(index, 0) + 1
            for seq in {old.seq, row.seq}:
                self._match_cache.pop((seq, "id"), None)
                self._match_cache.pop((seq, "en"), None)
            if (old.indonesian, old.english) != (row.indonesian, row.english):
                rewrap[index] = (row.indonesian, row.english or no_english)
                if self._selection is not None and self._selection.row == index:
                    self.set_selection(None)  # its words moved under it
        layout = self._layout
        if layout is None:
            return
        if rewrap:
            offset = layout.row_tops[self.current] - int(self.scroll_y)
            if layout.update_rows(rewrap):
                self.virtual_size = Size(layout.width, layout.total_height)
                top = layout.row_tops[self.current] - offset
                self.scroll_to(y=max(top, 0), animate=False, immediate=True)
                self.refresh()
                return
        top = int(self.scroll_y)
        first = layout.row_at(top)
        last = layout.row_at(top + self.scrollable_content_region.height)
        if any(first <= index <= last for index in changes):
            self.refresh()  # only when a changed paragraph is on screen

    def set_bookmarks(self, seqs: set[int] | frozenset[int]) -> None:
        self._bookmarks = frozenset(seqs)
        self.refresh()

    def set_search(self, pattern: re.Pattern[str] | None) -> None:
        """Highlight `pattern` in both languages (None clears)."""
        self._pattern = pattern
        self._match_cache.clear()
        self._invalidate()
        self.refresh()

    def scroll_to_current(self, *, animate: bool = False, center: bool = False) -> None:
        if self._layout is None or not self._rows:
            return
        top = self._layout.row_tops[self.current]
        height = min(
            self._layout.row_height(self.current), max(self.scrollable_content_region.height, 1)
        )
        self.scroll_to_region(
            Region(0, top, 1, height), animate=animate, center=center, force=True, immediate=True
        )

    # Selection (reader/tui/selection.py) --------------------------------------

    @property
    def selection(self) -> ParagraphSelection | None:
        """The words selected (selection mode), or None."""
        return self._selection

    @property
    def selecting(self) -> bool:
        return self._selection is not None

    def set_selection(self, selection: ParagraphSelection | None) -> None:
        """Select words (None leaves the selection mode); the key hints follow."""
        old, self._selection = self._selection, selection
        if old == selection:
            return
        layout = self._layout
        if layout is not None:
            for row in {s.row for s in (old, selection) if s is not None}:
                if 0 <= row < len(layout):
                    self.refresh_lines(layout.row_tops[row], layout.row_height(row))
        if selection is not None:
            self._scroll_to_word(selection)
        if (old is None) != (selection is None):
            self.refresh_bindings()  # the mode's keys show, or go

    def _start_selection(self, row: int) -> ParagraphSelection | None:
        text = self._rows[row]
        return ParagraphSelection.start(row, text.indonesian, text.english)

    def _scroll_to_word(self, selection: ParagraphSelection) -> None:
        """Keep the cursor word in sight (a paragraph can be taller than the view)."""
        y = self._line_of(selection.row, selection.side, selection.active.cursor_offset)
        if y is not None:
            self.scroll_to_region(Region(0, y, 1, 1), animate=False, immediate=True)

    def _line_of(self, row: int, side: str, offset: int) -> int | None:
        """The virtual line showing character `offset` of `row`'s `side`."""
        layout = self._layout
        if layout is None or not 0 <= row < len(layout):
            return None
        found = None
        for y in range(layout.row_tops[row], layout.row_tops[row + 1]):
            line = layout.line(y)
            for part in line.parts if line is not None else ():
                if part is not None and part.side == side and part.span[0] <= offset:
                    found = y  # the last line starting at or before it
        return found

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.SELECTION_ACTIONS:
            return self._selection is not None
        if action == "select":
            return bool(self._rows)
        return True

    def action_select(self) -> None:
        selection = self._start_selection(self.current)
        if selection is None:
            self.app.bell()
            self.notify(_("This paragraph has no words to select"), markup=False)
            return
        self.set_selection(selection)

    def action_select_paragraph(self, step: int) -> None:
        self.current += step  # the selection follows (`watch_current`)

    def action_select_move(self, step: int) -> None:
        if self._selection is not None:
            self.set_selection(self._selection.moved(step))

    def action_select_extend(self, step: int) -> None:
        if self._selection is not None:
            self.set_selection(self._selection.extended(step))

    def action_select_switch(self) -> None:
        selection = self._selection
        if selection is None:
            return
        row = self._rows[selection.row]
        switched = selection.switched(row.english if selection.side == "id" else row.indonesian)
        if switched is selection:
            self.app.bell()  # no English yet
        self.set_selection(switched)

    def action_select_add(self) -> None:
        if self._selection is not None:
            self.post_message(self.SelectionSubmitted(self._selection))

    def action_select_leave(self) -> None:
        self.set_selection(None)

    # Reactives -------------------------------------------------------------

    def validate_current(self, index: int) -> int:
        return self._clamp(index)

    def _clamp(self, index: int) -> int:
        return min(max(index, 0), max(len(self._rows) - 1, 0))

    def watch_current(self, old: int, new: int) -> None:
        scrolled_from = self.scroll_offset
        self.scroll_to_current()
        layout = self._layout
        if layout is None or self.scroll_offset != scrolled_from:
            self.refresh()
        else:  # only the two paragraphs' lines change: repaint just those
            for row in {old, new}:
                if 0 <= row < len(layout):
                    self.refresh_lines(layout.row_tops[row], layout.row_height(row))
        if self._selection is not None and self._selection.row != new:
            self.set_selection(self._start_selection(new))  # the selection follows
        self.post_message(self.CurrentChanged(self, new))

    def watch_stacked(self) -> None:
        self._relayout()
        self.scroll_to_current(center=True)

    # Layout ----------------------------------------------------------------

    def _invalidate(self) -> None:
        self._generation += 1
        self._line_cache.clear()

    def notify_style_update(self) -> None:
        """A new theme (or sheet): lines drawn in the old colours are drawn again."""
        super().notify_style_update()
        self._line_cache.clear()

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        no_english = _(NO_ENGLISH)
        texts = [(row.indonesian, row.english or no_english) for row in self._rows]
        self._layout = ParallelLayout(texts, width, stacked=self.stacked)
        self._invalidate()
        self.virtual_size = Size(self._layout.width, self._layout.total_height)
        self.refresh()
        self.post_message(self.LayoutChanged())

    def on_resize(self, event: events.Resize) -> None:
        if self._layout is None or self._layout.width != self.scrollable_content_region.width:
            self._relayout()
            self.scroll_to_current()

    # Navigation ------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.current += 1

    def action_cursor_up(self) -> None:
        self.current -= 1

    def action_first(self) -> None:
        self.current = 0

    def action_last(self) -> None:
        self.current = len(self._rows) - 1

    def action_page_down(self) -> None:
        self._move_by_page(+1)

    def action_page_up(self) -> None:
        self._move_by_page(-1)

    def _move_by_page(self, direction: int) -> None:
        if self._layout is None:
            return
        page = max(self.scrollable_content_region.height - 1, 1)
        target_y = self._layout.row_tops[self.current] + direction * page
        target = self._layout.row_at(max(target_y, 0))
        if target == self.current:
            target += direction
        self.current = target

    def on_click(self, event: events.Click) -> None:
        if self._dragged:  # the end of a drag, not a click
            self._dragged = False
            return
        offset = event.get_content_offset(self)
        if offset is None or self._layout is None:
            return
        self.focus()
        self.set_selection(None)  # a click ends the selection mode
        y = offset.y + int(self.scroll_y)
        self.current = self._layout.row_at(y)
        term_id = self._term_at(y, offset.x)
        if term_id is not None:
            self.post_message(self.TermSelected(term_id))

    def _term_at(self, y: int, x: int) -> str | None:
        """The glossary term drawn at virtual line `y`, column `x`, if any."""
        found = self._position_at(y, x)
        if found is None:
            return None
        row, side, position = found
        spans = self._rows[row].id_terms if side == "id" else self._rows[row].en_terms
        return next((t for a, b, t in spans if a <= position < b), None)

    def _position_at(self, y: int, x: int) -> tuple[int, str, int] | None:
        """(row, side, character offset) of the text drawn at virtual line `y`, column `x`."""
        layout = self._layout
        line = layout.line(y) if layout is not None else None
        if layout is None or line is None:
            return None
        column = GUTTER_WIDTH
        widths = (layout.id_width,) if layout.stacked else (layout.id_width, layout.en_width)
        for part, width in zip(line.parts, widths, strict=True):
            if part is not None and column <= x < column + width:
                if self._rows[line.row].english is None and part.side == "en":
                    return None  # the "no English yet" placeholder
                return line.row, part.side, part.span[0] + x - column
            column += width + len(DIVIDER)
        return None

    def _offset_in(self, row: int, side: str, y: int, x: int) -> int:
        """The character of `row`'s `side` nearest to virtual line `y`, column `x` (for a drag
        that leaves the paragraph or its column: the text's start above it, its end below)."""
        layout = self._layout
        assert layout is not None
        text = self._rows[row].indonesian if side == "id" else self._rows[row].english or ""
        if y < layout.row_tops[row]:
            return 0
        if y >= layout.row_tops[row + 1]:
            return len(text)
        line = layout.line(y)
        if line is None:
            return len(text)
        if layout.stacked:
            part, column = line.parts[0], GUTTER_WIDTH
            if part is not None and part.side != side:  # the Indonesian is above the English
                return 0 if side == "en" else len(text)
        elif side == "id":
            part, column = line.parts[0], GUTTER_WIDTH
        else:
            part, column = line.parts[1], GUTTER_WIDTH + layout.id_width + len(DIVIDER)
        if part is None:  # below the end of this side's text
            return len(text)
        start, end = part.span
        return min(max(start + x - column, start), end)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._dragged = False
        offset = event.get_content_offset(self)
        if event.button != 1 or offset is None:
            return
        found = self._position_at(offset.y + int(self.scroll_y), offset.x)
        if found is None:
            return
        row, side, position = found
        text = self._rows[row]
        start = ParagraphSelection.start(row, text.indonesian, text.english, side)
        if start is None:
            return
        self._drag = (row, side, start.active.word_at(position))
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag is None:
            return
        row, side, word = self._drag
        offset = event.get_content_offset_capture(self)
        position = self._offset_in(row, side, offset.y + int(self.scroll_y), offset.x)
        text = self._rows[row]
        selection = ParagraphSelection.start(row, text.indonesian, text.english, side, word)
        if selection is None:
            return
        active = selection.active
        if not self._dragged:
            self._dragged = True
            self.focus()
            self.current = row
        self.set_selection(
            selection.with_active(active.to_word(active.word_at(position), extend=True))
        )

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag is not None:
            self._drag = None
            self.release_mouse()

    # Rendering -------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_y = int(self.scroll_y)
        layout = self._layout
        width = self.scrollable_content_region.width
        if layout is None:
            return Strip.blank(width, self.rich_style)
        line = layout.line(scroll_y + y)
        if line is None:
            return Strip.blank(width, self.rich_style)
        row = self._rows[line.row]
        is_current = line.row == self.current
        selection = self._selection if self._selection and self._selection.row == line.row else None
        key = (
            self._generation,
            layout.width,
            line.row,
            self._row_versions.get(line.row, 0),
            line.offset,
            is_current,
            row.seq in self._bookmarks,
            selection and (selection.span("id"), selection.span("en")),
        )
        strip = self._line_cache.get(key)
        if strip is None:
            strip = self._render_screen_line(line, row, is_current, layout, selection)
            self._line_cache[key] = strip
        return strip.crop_extend(0, width, self.rich_style)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"parallel-text--{name}", partial=True)

    def _render_screen_line(
        self,
        line: ScreenLine,
        row: RowText,
        is_current: bool,
        layout: ParallelLayout,
        selection: ParagraphSelection | None = None,
    ) -> Strip:
        text = Text(no_wrap=True, end="")
        text.append_text(self._gutter(line, row))
        if layout.stacked:
            text.append_text(self._cell(line.parts[0], row, layout.id_width, selection))
        else:
            left, right = line.parts
            text.append_text(self._cell(left, row, layout.id_width, selection))
            text.append(DIVIDER, self._style("divider"))
            text.append_text(self._cell(right, row, layout.en_width, selection))
        if is_current:
            text.stylize_before(self._style("current"))
        segments = list(text.render(self.app.console))
        strip = Strip(segments, text.cell_len)
        return strip.apply_style(self.rich_style)

    def _gutter(self, line: ScreenLine, row: RowText) -> Text:
        if line.offset != 0:
            part = line.parts[0]
            if self.stacked and part is not None and part.side == "en" and part.first:
                return Text("   EN  ", self._style("gutter"))  # where the English starts
            return Text(" " * GUTTER_WIDTH)
        number = Text(f"{row.seq:>5}", self._style("gutter"))
        mark = Text("★", self._style("bookmark")) if row.seq in self._bookmarks else Text(" ")
        flag = Text("!", self._style("flag")) if row.flagged else Text(" ")
        return Text.assemble(number, mark, flag)

    def _cell(
        self,
        part: LinePart | None,
        row: RowText,
        width: int,
        selection: ParagraphSelection | None = None,
    ) -> Text:
        if part is None:
            return Text(" " * width)
        source = row.indonesian if part.side == "id" else row.english
        missing = source is None
        full = _(NO_ENGLISH) if source is None else source
        start, end = part.span
        cell = Text(full[start:end])
        if missing:
            cell.stylize(self._style("missing"))
        else:
            if part.side == "en":
                cell.stylize(self._style("english"))
            if row.kind in ("heading", "caption", "reference", "note", "item"):
                cell.stylize(self._style(row.kind))
            for term_start, term_end, term_id in (
                row.id_terms if part.side == "id" else row.en_terms
            ):
                lo, hi = max(term_start, start), min(term_end, end)
                if lo < hi:
                    style = self._style(f"term-{term_colour(term_id)}")
                    cell.stylize(style, lo - start, hi - start)
            for match_start, match_end in self._matches(row, part.side, full):
                lo, hi = max(match_start, start), min(match_end, end)
                if lo < hi:
                    cell.stylize(self._style("match"), lo - start, hi - start)
            selected = selection.span(part.side) if selection is not None else None
            if selected is not None:
                lo, hi = max(selected[0], start), min(selected[1], end)
                if lo < hi:
                    cell.stylize(self._style("selection"), lo - start, hi - start)
        cell.pad_right(width - cell.cell_len)
        return cell

    def _matches(self, row: RowText, side: str, text: str) -> list[tuple[int, int]]:
        if self._pattern is None:
            return []
        key = (row.seq, side)
        spans = self._match_cache.get(key)
        if spans is None:
            spans = [m.span() for m in self._pattern.finditer(text) if m.end() > m.start()]
            self._match_cache[key] = spans
        return spans
