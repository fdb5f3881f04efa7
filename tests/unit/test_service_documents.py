"""Service rules the front ends used to decide themselves: paragraph numbers, slug conflicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.errors import ParagraphOutOfRange, SlugTaken, UserError
from reader.service import ReadingService
from tests.conftest import Invoke, assert_one_line_error

DOC = "aliansi-strategis-korea-as"


@pytest.mark.parametrize("seq", [0, 41, -1])
def test_paragraph_outside_the_document_is_refused_with_its_bounds(
    service: ReadingService, seq: int
) -> None:
    document = service.resolve(DOC)
    with pytest.raises(ParagraphOutOfRange) as caught:
        service.check_paragraph(document, seq)
    assert (caught.value.number, caught.value.slug, caught.value.total) == (seq, DOC, 40)
    assert "--" not in str(caught.value)  # the core names no option


def test_paragraph_inside_the_document_passes(service: ReadingService) -> None:
    document = service.resolve(DOC)
    service.check_paragraph(document, 1)
    service.check_paragraph(document, 40)


def test_slug_of_the_bundled_texts_is_taken_and_the_error_names_no_option(
    service: ReadingService, tmp_path: Path
) -> None:
    path = tmp_path / "catatan.txt"
    path.write_text("Diplomasi pertahanan Indonesia berkembang pesat.\n", encoding="utf-8")
    with pytest.raises(SlugTaken) as caught:
        service.import_file(path, slug=DOC)
    assert caught.value.slug == DOC
    assert "--slug" not in str(caught.value)


def test_cli_adds_the_option_that_frees_a_slug(dwibahasa: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "catatan.txt"
    path.write_text("Diplomasi pertahanan Indonesia berkembang pesat.\n", encoding="utf-8")
    code, out, err = dwibahasa("import", str(path), "--slug", DOC)
    assert_one_line_error(code, out, err)
    assert "already used by the bundled texts; choose another with --slug" in err


def test_cli_words_a_paragraph_outside_as_its_at_option(dwibahasa: Invoke) -> None:
    code, out, err = dwibahasa("read", DOC, "--at", "99")
    assert_one_line_error(code, out, err)
    assert "--at 99 is outside" in err


@pytest.mark.parametrize("slug", ["Bab 4", "bab_4", "\x9bbab", "bab\udc9b", "-bab", "bab-", ""])
def test_a_slug_that_is_not_a_short_name_is_refused_before_reading(
    service: ReadingService, tmp_path: Path, slug: str
) -> None:
    path = tmp_path / "catatan.txt"
    path.write_text("Diplomasi pertahanan Indonesia berkembang pesat.\n", encoding="utf-8")
    with pytest.raises(UserError, match="not a short name"):
        service.import_file(path, slug=slug)
    assert all(s.document.slug != slug for s in service.summaries())


def test_a_title_is_stored_without_controls(service: ReadingService, tmp_path: Path) -> None:
    path = tmp_path / "catatan.txt"
    path.write_text("Diplomasi pertahanan Indonesia berkembang pesat.\n", encoding="utf-8")
    outcome = service.import_file(path, title="Judul \x1b]0;pwn\x07baru\u202e")
    assert outcome.document.title == "Judul baru"
