"""Term colours, text and headings stay readable on the normal and the current paragraph's
background, in dark and light themes: WCAG 2 contrast ratio at least 4.5 (level AA)."""

from __future__ import annotations

import pytest
from rich.color_triplet import ColorTriplet
from textual.widgets import OptionList

from reader.service import ReadingService
from reader.tui.app import make_app
from reader.tui.screens.terms import TermScreen
from reader.tui.widgets.parallel_text import TERM_COLOURS, ParallelText

TARGET = 4.5
JOURNAL = "normalisasi-jepang-korea"


def relative_luminance(colour: ColorTriplet) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = colour
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast_ratio(first: ColorTriplet, second: ColorTriplet) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_ratio_matches_the_wcag_examples() -> None:
    black, white = ColorTriplet(0, 0, 0), ColorTriplet(255, 255, 255)
    assert contrast_ratio(black, white) == pytest.approx(21.0)
    assert contrast_ratio(white, white) == pytest.approx(1.0)
    assert contrast_ratio(ColorTriplet(118, 118, 118), white) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_terms_text_and_headings_contrast_on_both_backgrounds(
    service: ReadingService, theme: str
) -> None:
    app = make_app(service, document=service.resolve(JOURNAL))
    async with app.run_test(size=(120, 30)) as pilot:
        app.theme = theme
        await pilot.pause()
        text = app.screen.query_one(ParallelText)
        normal = text.rich_style.bgcolor
        current = text._style("current").bgcolor
        assert normal is not None and current is not None
        backgrounds = {"normal": normal.get_truecolor(), "current": current.get_truecolor()}
        foregrounds = {f"term-{n}": text._style(f"term-{n}").color for n in range(TERM_COLOURS)}
        foregrounds["text"] = text.rich_style.color
        foregrounds["heading"] = text._style("heading").color
        foregrounds["english"] = text._style("english").color
        foregrounds["paragraph number"] = text._style("gutter").color
        low = []
        for name, colour in foregrounds.items():
            assert colour is not None, name
            for where, background in backgrounds.items():
                ratio = contrast_ratio(colour.get_truecolor(), background)
                if ratio < TARGET:
                    low.append(f"{name} on {where}: {ratio:.2f}")
        assert not low, f"{theme}: " + "; ".join(low)


async def test_term_panel_focuses_a_list_and_selects_the_first_occurrence(
    service: ReadingService,
) -> None:
    app = make_app(service, document=service.resolve(JOURNAL), at=12)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TermScreen)
        occurrences = app.screen.query_one("#occurrences", OptionList)
        terms = app.screen.query_one("#term-list", OptionList)
        assert occurrences.highlighted == 0
        focused = []
        for _ in range(3):
            focused.append(app.screen.focused)
            await pilot.press("tab")
            await pilot.pause()
        assert set(focused) <= {terms, occurrences}  # no invisible stop between them
        assert terms in focused and occurrences in focused
