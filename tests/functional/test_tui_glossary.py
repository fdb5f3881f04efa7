"""Glossary in the reader: highlights in both columns, the term panel, the glossary screen."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, OptionList, Select

from glossary.termbase import DOMAINS, domain_name
from reader.service import ReadingService
from reader.tui.app import make_app
from reader.tui.screens.glossary import GlossaryScreen
from reader.tui.screens.reader import ReaderScreen
from reader.tui.screens.terms import TermScreen
from reader.tui.widgets.parallel_text import ParallelText, term_colour

CHAPTER = "aliansi-strategis-korea-as"
SIZE = (140, 40)


async def test_terms_are_highlighted_in_both_columns_with_one_colour(
    service: ReadingService,
) -> None:
    app = make_app(service, document=service.resolve(CHAPTER), at=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        row = app.screen.query_one(ParallelText).rows[1]
        id_terms = {term for _, _, term in row.id_terms}
        en_terms = {term for _, _, term in row.en_terms}
        assert "semenanjung-korea" in id_terms & en_terms
        for start, end, _ in row.id_terms:
            assert row.indonesian[start:end]
        assert term_colour("semenanjung-korea") == term_colour("semenanjung-korea")


async def test_term_panel_lists_the_paragraphs_terms_and_jumps(service: ReadingService) -> None:
    app = make_app(service, document=service.resolve(CHAPTER), at=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        screen = app.screen
        assert isinstance(screen, TermScreen)
        assert "semenanjung-korea" in [t.id for t in screen.terms]
        occurrences = screen.query_one("#occurrences", OptionList)
        assert occurrences.option_count > 1
        screen.query_one("#occurrences").focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_jump_to_another_document_opens_it(service: ReadingService) -> None:
    app = make_app(service, document=service.resolve(CHAPTER), at=1)
    async with app.run_test(size=SIZE) as pilot:
        term = "diplomasi-pertahanan"
        occurrences = service.glossary.occurrences(term)
        target = next(o for o in occurrences if o.slug != CHAPTER)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        reader._open_terms([term])
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TermScreen)
        index = screen._occurrences.index(target)
        option_list = screen.query_one("#occurrences", OptionList)
        option_list.focus()
        option_list.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.document.slug == target.slug
        assert app.screen.current_seq == target.seq


async def test_clicking_a_term_opens_its_panel(service: ReadingService) -> None:
    app = make_app(service, document=service.resolve(CHAPTER), at=2)
    async with app.run_test(size=SIZE) as pilot:
        parallel = app.screen.query_one(ParallelText)
        layout = parallel.layout_geometry
        assert layout is not None
        row = parallel.rows[1]
        start, _, term = row.id_terms[0]
        line = next(
            y
            for y in range(layout.row_tops[1], layout.row_tops[2])
            if (part := layout.line(y).parts[0]) is not None  # type: ignore[union-attr]
            and part.span[0] <= start < part.span[1]
        )
        part = layout.line(line).parts[0]  # type: ignore[union-attr]
        assert part is not None
        x = 7 + start - part.span[0]
        await pilot.click(ParallelText, offset=(x, line - int(parallel.scroll_y)))
        await pilot.pause()
        assert isinstance(app.screen, TermScreen)
        assert [t.id for t in app.screen.terms] == [term]


async def test_glossary_screen_filters_and_counts(service: ReadingService) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        table = screen.query_one(DataTable)
        everything = table.row_count
        assert everything >= 150
        screen.query_one("#glossary-search", Input).value = "peninsula"
        await pilot.pause()
        assert 0 < table.row_count < everything
        first = str(table.get_row_at(0)[0])
        assert "semenanjung" in first.lower()
        assert int(str(table.get_row_at(0)[3])) > 0
        await pilot.press("escape")


async def test_glossary_screen_names_related_terms_not_their_ids(
    service: ReadingService,
) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        screen = app.screen
        screen.query_one("#glossary-search", Input).value = "ADMM"
        await pilot.pause()
        detail = str(screen.query_one("#glossary-detail").render())
        assert "ASEAN (ASEAN)" in detail
        assert "diplomasi-pertahanan" not in detail  # the id of a related entry


async def test_glossary_screen_opens_the_term_panel(
    service: ReadingService, tmp_path: Path
) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TermScreen)


async def test_enter_on_the_domain_filter_opens_it_and_picks_a_domain(
    service: ReadingService,
) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        table = screen.query_one(DataTable)
        everything = table.row_count
        select = screen.query_one("#domain", Select)
        select.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and select.expanded
        await pilot.press("down", "enter")
        await pilot.pause()
        assert not select.expanded and isinstance(app.screen, GlossaryScreen)
        assert select.value == DOMAINS[0]
        assert 0 < table.row_count < everything
        assert str(table.get_row_at(0)[2]) == domain_name(DOMAINS[0])
