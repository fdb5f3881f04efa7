"""The bundled documents are clean, faithful, and aligned with their reference English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.documents import load_source
from tests.conftest import TEXTS

SLUGS = ["normalisasi-jepang-korea", "aliansi-strategis-korea-as"]
SEEDS = {
    "normalisasi-jepang-korea": "000_30c59ca8d7ef7bf9.txt",
    "aliansi-strategis-korea-as": "003_6ecca5270ea43959.txt",
}
SEEDS_DIR = TEXTS.parent.parent / "shared" / "seeds"


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


@pytest.mark.parametrize("slug", SLUGS)
def test_reference_english_matches_source_block_for_block(slug: str) -> None:
    source = load_source(TEXTS / f"{slug}.id.md")  # raises if counts or kinds differ
    assert source.reference is not None
    assert len(source.source.blocks) == len(source.reference.blocks)
    for ours, theirs in zip(source.source.blocks, source.reference.blocks, strict=True):
        assert (ours.kind, ours.level) == (theirs.kind, theirs.level)
        if ours.lang == "en":
            assert theirs.text == ours.text, "text already in English is repeated unchanged"


@pytest.mark.parametrize("slug", SLUGS)
def test_front_matter_has_citation_fields(slug: str) -> None:
    source = load_source(TEXTS / f"{slug}.id.md")
    assert source.source.meta["lang"] == "id"
    assert source.source.meta["title"]
    assert source.source.meta["source"]
    assert "year" in source.source.meta
    assert source.reference is not None
    assert source.reference.meta["lang"] == "en"
    assert source.reference.meta["translation"] == "reference"


@pytest.mark.parametrize("slug", SLUGS)
def test_extraction_damage_is_gone(slug: str) -> None:
    blocks = load_source(TEXTS / f"{slug}.id.md").source.blocks
    for block in blocks:
        assert "Emerald: Journal" not in block.text, "running header left in the text"
        assert "Febri Dirgantara" not in block.text, "wrong running header left in the text"
        assert not re.fullmatch(r"-?\s*\d{1,3}\s*-?", block.text), "page number left as a block"
        assert not re.search(r"[a-z]- [a-z]", block.text), "a line-end hyphen was not mended"
        assert "  " not in block.text


def test_journal_keeps_its_sections_and_abstracts() -> None:
    blocks = load_source(TEXTS / "normalisasi-jepang-korea.id.md").source.blocks
    headings = [b.text for b in blocks if b.kind == "heading"]
    for section in ("PENDAHULUAN", "METODE PENELITIAN", "HASIL DAN PEMBAHASAN", "KESIMPULAN"):
        assert section in headings
    english = [b for b in blocks if b.lang == "en" and b.kind == "paragraph"]
    assert any(b.text.startswith("Keywords:") for b in english)
    assert any(b.text.startswith("Kata Kunci:") for b in blocks)
    body = [b for b in blocks if b.kind == "paragraph"]
    assert len(body) >= 25, "the one-line extraction was broken into real paragraphs"
    assert max(len(b.text.split()) for b in body) < 400


def test_thesis_keeps_its_sections_and_captions() -> None:
    blocks = load_source(TEXTS / "aliansi-strategis-korea-as.id.md").source.blocks
    assert blocks[0].kind == "heading" and blocks[0].text.startswith("BAB IV")
    assert [b.text[:2] for b in blocks if b.kind == "heading" and b.level == 2] == ["A.", "B."]
    captions = [b.text for b in blocks if b.kind == "caption"]
    assert any(c.startswith("Tabel 1.1") for c in captions)
    assert any(c.startswith("Gambar 1.2") for c in captions)
    joined = " ".join(b.text for b in blocks)
    for typo in ("kemanan", "Semenajung"):
        assert typo in joined, "the author's typos are kept"


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="shared/seeds is not beside the checkout")
def test_thesis_keeps_every_word_of_the_seed() -> None:
    seed = (SEEDS_DIR / SEEDS["aliansi-strategis-korea-as"]).read_text(encoding="utf-8")
    seed_lines = [line for line in seed.splitlines() if not re.fullmatch(r"\s*\d+\s*", line)]
    seed_words = _words(" ".join(seed_lines))
    blocks = load_source(TEXTS / "aliansi-strategis-korea-as.id.md").source.blocks
    ours = _words(" ".join(b.text for b in blocks))
    assert ours == seed_words


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="shared/seeds is not beside the checkout")
def test_journal_keeps_the_seed_body_in_order() -> None:
    seed_words = set(_words((SEEDS_DIR / SEEDS["normalisasi-jepang-korea"]).read_text("utf-8")))
    blocks = load_source(TEXTS / "normalisasi-jepang-korea.id.md").source.blocks
    ours = _words(" ".join(b.text for b in blocks))
    assert set(ours) <= seed_words, "no word was invented"
    assert len(ours) > 3000


def test_bundled_file_names_follow_the_convention() -> None:
    names = sorted(path.name for path in Path(TEXTS).glob("*.md") if path.name != "README.md")
    assert names == sorted(f"{slug}.{lang}.md" for slug in SLUGS for lang in ("id", "en"))
