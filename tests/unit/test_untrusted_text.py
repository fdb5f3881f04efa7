"""Any text a document can hold is drawn literally: no markup, no escapes, no crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.library import BilingualRow
from reader.safe_text import display_text
from reader.service import ReadingService
from reader.tui.app import make_app
from reader.tui.english_stream import row_text
from reader.tui.widgets.parallel_layout import GUTTER_WIDTH
from reader.tui.widgets.parallel_text import ParallelText

MARKUPISH = st.sampled_from(
    ["[", "]", "[/]", "[b]", "[link=x]", "[@click=app.quit]", "\x1b[31m", "\x1b]0;t\x07", "\\"]
)
TEXT = st.lists(st.one_of(st.text(max_size=30), MARKUPISH), max_size=12).map("".join)


def _row(seq: int, text: str) -> BilingualRow:
    return BilingualRow(
        paragraph_id=seq,
        seq=seq,
        kind="paragraph",
        level=0,
        lang="id",
        text=text,
        english=text,
        english_status="machine",
        english_engine="argos",
        english_model="test",
    )


def _drawn_side(widget: ParallelText, side: str) -> str:
    """Every cell of one language as drawn, joined (stacked layout, so one column)."""
    layout = widget.layout_geometry
    assert layout is not None
    cells = []
    for y in range(layout.total_height):
        line = layout.line(y)
        assert line is not None
        part = line.parts[0]
        strip = widget._render_screen_line(line, widget.rows[line.row], False, layout)
        assert strip.cell_length == layout.width
        if part is not None and part.side == side:
            cells.append(strip.text[GUTTER_WIDTH:])
    return "".join(cells)


async def test_arbitrary_text_renders_literally_and_never_raises(
    service: ReadingService,
) -> None:
    app = make_app(service, document=service.resolve("aliansi-strategis-korea-as"))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        widget = app.screen.query_one(ParallelText)
        widget.stacked = True

        @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
        @given(text=TEXT)
        def check(text: str) -> None:
            widget.set_rows([row_text(_row(1, text))])
            drawn = _drawn_side(widget, "id")
            assert "\x1b" not in drawn
            assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in drawn)
            expected = display_text(text)
            assert drawn.replace(" ", "") == expected.replace(" ", "")

        check()
