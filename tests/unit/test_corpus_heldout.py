"""The second held-out corpus (`bench/corpus/heldout.py`): its sources, its expected texts,
its reworded news site, and the renderer parameters it needs.

No PDF of the corpus is rendered here (that is `python -m bench.corpus build --heldout`);
the web pages are, being plain text and fast.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from bench.corpus import build, expected_path, heldout, render
from bench.corpus.model import (
    KINDS,
    Block,
    Expected,
    Furniture,
    Source,
    expected_blocks,
    load_expected,
    load_source,
    parse_blocks,
    render_expected,
    words_of,
)

SOURCE_FILES = sorted(heldout.SOURCES.glob("*.md"))
TUNED_SOURCES = heldout.SOURCES.parent / "sources"
NEWS_FILES = [e.name for e in heldout.FILES if e.name.endswith(".html")]
_TAG = re.compile(r"<[^>]+>")


def test_heldout_has_four_sources_and_every_entry_names_one() -> None:
    names = {path.stem for path in SOURCE_FILES}
    assert names == {heldout.STATUTE, heldout.ARTICLE, heldout.BRIEF, heldout.NEWS}
    assert {entry.source for entry in heldout.FILES} == names
    assert len({entry.name for entry in heldout.FILES}) == len(heldout.FILES)
    made_from = {entry.after for entry in heldout.FILES if entry.after}
    assert made_from <= {entry.name for entry in heldout.FILES}


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: p.stem)
def test_heldout_source_parses_with_metadata_and_known_kinds(path: Path) -> None:
    source = load_source(path)
    assert {"title", "provenance", "licence"} <= set(source.meta)
    assert source.body[0].kind == "heading"
    assert source.title.casefold().startswith(source.body[0].text.casefold())
    assert all(block.kind in KINDS for block in source.blocks)
    notes = sorted(source.notes)
    assert notes == list(range(1, len(notes) + 1))  # numbered 1..N, each called once
    calls = [int(n) for b in source.body for n in re.findall(r"\[\^(\d+)\]", b.text)]
    assert calls == notes


def test_heldout_sources_are_new_texts() -> None:
    """No paragraph of the held-out sources comes from the tuned corpus (a statute's set
    formulas, 'Dengan Persetujuan Bersama ...', are shorter than the limit)."""
    tuned = {b.text for path in TUNED_SOURCES.glob("*.md") for b in load_source(path).blocks}
    for path in SOURCE_FILES:
        shared = [b.text for b in load_source(path).blocks if b.text in tuned and len(b.text) > 120]
        assert shared == [], path.name


def test_heldout_texts_have_the_asked_for_shape() -> None:
    statute = load_source(heldout.SOURCES / f"{heldout.STATUTE}.md")
    texts = [b.text for b in statute.body]
    for marker in ("Menimbang:", "Mengingat:", "MEMUTUSKAN:", "Pasal 1", "Pasal 4"):
        assert marker in texts
    items = [b.text for b in statute.body if b.kind == "item"]
    assert any(t.startswith("(1) ") for t in items) and any(t.startswith("d. ") for t in items)
    article = load_source(heldout.SOURCES / f"{heldout.ARTICLE}.md")
    assert sum(words_of(b.text for b in article.blocks).values()) > 1600
    assert re.search(r"\([A-Z][^()]*, \d{4}\)", " ".join(b.text for b in article.body))
    assert 5 <= len(load_source(heldout.SOURCES / f"{heldout.BRIEF}.md").notes) <= 7


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: p.stem)
def test_heldout_expected_text_round_trips_through_load_expected(
    path: Path, tmp_path: Path
) -> None:
    source = load_source(path)
    expected = Expected(
        meta={"title": source.title, "file": f"{source.name}.pdf", "layout": "any"},
        blocks=expected_blocks(source),
        furniture=[Furniture("running-header", heldout.UU25_HEADER)],
        optional=[str(n) for n in sorted(source.notes)] * 2,
    )
    target = tmp_path / "x.expected.md"
    target.write_text(render_expected(expected), encoding="utf-8")
    loaded = load_expected(target)

    def shape(blocks: list[Block]) -> list[tuple[str, str, str, int]]:
        return [(b.kind, b.text, b.lang, b.level) for b in blocks]  # a note's number is its text

    assert shape(loaded.blocks) == shape(expected.blocks)
    assert loaded.furniture == expected.furniture
    assert loaded.optional == expected.optional
    assert loaded.meta["title"] == source.title


@pytest.fixture(scope="module")
def news_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("heldout-news")
    build(folder, only=NEWS_FILES, files=heldout.FILES, sources=heldout.SOURCES)
    return folder


@pytest.mark.parametrize("name", NEWS_FILES)
def test_heldout_news_page_has_none_of_the_tuned_sites_boilerplate(
    news_pages: Path, name: str
) -> None:
    page = (news_pages / name).read_text(encoding="utf-8")
    tuned = [
        render.NEWS_SITE,
        render.COOKIE,
        "Saya setuju",
        "Bagikan artikel ini",
        render.AD,
        "Baca juga",
        *render.POPULAR,
        *render.COMMENTS,
        *render.FOOTER,
        *(f'class="{old}"' for old in heldout.CLASSES),
    ]
    assert [text for text in tuned if html.escape(text, quote=False) in page] == []


@pytest.mark.parametrize("name", NEWS_FILES)
def test_heldout_news_furniture_is_every_boilerplate_word_of_the_page(
    news_pages: Path, name: str
) -> None:
    """The page's words are the expected blocks' words plus the furniture's, exactly."""
    expected = load_expected(expected_path(news_pages / name))
    page = (news_pages / name).read_text(encoding="utf-8")
    body = page.split("<body>", 1)[1]
    visible = html.unescape(_TAG.sub(" ", body))
    assert words_of([visible]) == expected.input_words()
    source = load_source(heldout.SOURCES / f"{heldout.NEWS}.md")
    assert expected.blocks == expected_blocks(source)


def _tiny_source() -> Source:
    return Source("tiny", {"title": "Uji"}, parse_blocks("# Uji\n\nSatu paragraf pendek saja."))


def test_weasy_footer_may_give_the_page_count(tmp_path: Path) -> None:
    furniture = render.weasy_pdf(
        _tiny_source(), tmp_path / "x.pdf", header="Kepala", footer="Hal. {n} dari {m}"
    )
    assert furniture == [Furniture("page-number", "Hal. 1 dari 1")]
    from pypdf import PdfReader

    assert "Hal. 1 dari 1" in PdfReader(tmp_path / "x.pdf").pages[0].extract_text()


def test_fpdf_footer_is_a_parameter(tmp_path: Path) -> None:
    furniture = render.fpdf_pdf(
        _tiny_source(), tmp_path / "x.pdf", header="", statute=False, footer="Hlm. {n}"
    )
    assert furniture == [Furniture("page-number", "Hlm. 1")]
