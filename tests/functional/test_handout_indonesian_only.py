"""A handout of the Indonesian alone: --indonesian-only, or --allow-missing with no English."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from reader.handout.build import build_handout
from reader.handout.render import render
from reader.service import ReadingService
from tests.conftest import Invoke, write_document

TODAY = datetime.date(2026, 11, 22)
BLOCKS = [
    "Diplomasi pertahanan merupakan instrumen penting bagi keamanan nasional Indonesia.",
    "Kerjasama keamanan antara kedua negara meningkat melalui latihan gabungan.",
    "Aliansi strategis memperkuat stabilitas kawasan dan keamanan nasional.",
]
MISSING = "No English for this paragraph yet"


@pytest.fixture
def untranslated(service: ReadingService, tmp_path: Path) -> str:
    path = write_document(tmp_path, "tanpa-inggris", BLOCKS)
    return service.import_file(path).document.slug


@pytest.mark.parametrize("lang", ["en", "id"])
def test_allow_missing_without_any_english_is_one_indonesian_column(
    service: ReadingService, untranslated: str, lang: str
) -> None:
    sheet = build_handout(
        service,
        service.resolve(untranslated),
        None,
        lang=lang,
        today=TODAY,
        exercises=True,
        allow_missing=True,
    )
    assert sheet.indonesian_only
    assert all(pair.english is None for pair in sheet.pairs)
    assert sheet.glossary  # the terms of the Indonesian, with their English
    assert sheet.exercises is not None
    assert sheet.exercises.cloze.lang == "id" and sheet.exercises.cloze.answers
    assert sheet.exercises.matching.indonesian


def test_allow_missing_with_some_english_keeps_two_columns(service: ReadingService) -> None:
    document = service.resolve("normalisasi-jepang-korea")
    sheet = build_handout(service, document, "7-9", lang="en", today=TODAY, allow_missing=True)
    assert not sheet.indonesian_only


@pytest.mark.parametrize("format", ["html", "md", "docx", "pdf"])
def test_every_format_prints_one_column_and_exercises(
    service: ReadingService, untranslated: str, format: str
) -> None:
    sheet = build_handout(
        service,
        service.resolve(untranslated),
        None,
        lang="en",
        today=TODAY,
        exercises=True,
        allow_missing=True,
    )
    data = render(sheet, format)
    if format == "docx":
        document = docx.Document(io.BytesIO(data))
        text_table = document.tables[0]
        assert len(text_table.columns) == 1
        text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
            cell.text for table in document.tables for row in table.rows for cell in row.cells
        )
    elif format == "pdf":
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    else:
        text = data.decode("utf-8")
    assert MISSING not in text
    assert "The Indonesian text alone, with its glossary." in " ".join(text.split())
    assert "Diplomasi pertahanan" in text or "Diplomasi" in text
    assert "(1)" in text  # a numbered blank of the cloze
    if format == "html":
        assert (
            'class="parallel single"' in text
            and "<th>English</th>" not in text.split('class="glossary"')[0]
        )
    if format == "md":
        assert "| Indonesian |\n| --- |" in text


def test_cli_indonesian_only_drops_the_english_column(dwibahasa: Invoke, tmp_path: Path) -> None:
    output = tmp_path / "materi.html"
    code, _, err = dwibahasa(
        "handout",
        "normalisasi-jepang-korea",
        "--range",
        "7-12",
        "--indonesian-only",
        "--exercises",
        "-o",
        str(output),
    )
    assert code == 0, err
    page = output.read_text(encoding="utf-8")
    text_section = page.split('class="glossary"')[0]
    assert 'class="parallel single"' in text_section
    assert "reference translation" not in text_section
    assert 'class="blank"' in page


def test_cli_without_english_still_refused_without_a_flag(
    dwibahasa: Invoke, untranslated: str, tmp_path: Path
) -> None:
    code, _, err = dwibahasa("handout", untranslated, "-o", str(tmp_path / "x.md"))
    assert code == 1 and "--allow-missing" in err
