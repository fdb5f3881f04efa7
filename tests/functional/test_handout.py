"""`dwibahasa handout`: every format rendered and read back, both languages, exercises, errors."""

from __future__ import annotations

import datetime
import html
import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from babel.dates import format_date
from pypdf import PdfReader

from reader.errors import UserError
from reader.handout.build import build_handout
from reader.handout.exercises import CLOZE_MAX, MATCHING_MAX, shuffled
from reader.handout.model import Handout, letter
from reader.handout.render import render
from reader.handout.render_md import escape_md
from reader.service import ReadingService
from tests.conftest import REPO, Invoke, assert_one_line_error, write_document

DOC = "aliansi-strategis-korea-as"
DAY = datetime.date(2026, 11, 22)
TRICKY = "[b]tebal[/b] *bintang* _garis_ | pipa & <script>alert(1)</script>"


# --- helpers ---------------------------------------------------------------------------


@dataclass
class Node:
    """An element of a parsed HTML page (enough of a DOM for these checks)."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        return [
            n
            for n in self.iter()
            if n.tag == tag and (cls is None or cls in n.attrs.get("class", "").split())
        ]

    def find(self, tag: str, cls: str | None = None) -> Node:
        [node] = self.find_all(tag, cls)[:1]
        return node

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)


class TreeBuilder(HTMLParser):
    VOID = frozenset({"meta", "col", "br", "link", "img", "hr", "input"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Node:
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root


def make(dwibahasa: Invoke, out: Path, *args: str) -> Path:
    code, _, err = dwibahasa("handout", *args, "-o", str(out))
    assert code == 0, err
    assert f"to {out}" in err
    return out


def expected_terms(service: ReadingService, slug: str, first: int, last: int) -> set[str]:
    """The oracle: every term the library linked in paragraphs first..last (either language)."""
    document = service.resolve(slug)
    rows = service.rows(document, first, last)
    links = service.glossary.links_for_document(document.id)
    base = service.glossary.termbase()
    return {
        link.term_id
        for row in rows
        for link in links.get(row.paragraph_id, [])
        if link.term_id in base
    }


def docx_has_page_break_before(document: docx.document.Document, heading: str) -> bool:
    paragraphs = document.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text == heading)
    previous = paragraphs[index - 1]._p.xml
    return 'w:type="page"' in previous


@pytest.fixture
def sheet(service: ReadingService) -> Handout:
    """The sample handout (¶1-8 with exercises, English), built through the API."""
    return build_handout(service, service.resolve(DOC), "1-8", lang="en", today=DAY, exercises=True)


@pytest.fixture
def tricky(service: ReadingService, tmp_path: Path) -> str:
    """A document whose text is full of markup: HTML, BBCode-ish, Markdown, a table pipe."""
    path = write_document(
        tmp_path / "texts",
        "jebakan",
        [
            f"Diplomasi pertahanan itu penting. {TRICKY}",
            "Keamanan nasional & kerja sama keamanan.",
        ],
        english=[
            f"Defence diplomacy matters. {TRICKY}",
            "National security & security cooperation.",
        ],
        title="Judul <b>tebal</b> & *miring*",
    )
    return service.import_file(path).document.slug


# --- the model -------------------------------------------------------------------------


def test_glossary_is_exactly_the_terms_used(service: ReadingService, sheet: Handout) -> None:
    assert {e.term_id for e in sheet.glossary} == expected_terms(service, DOC, 1, 8)
    marked = {
        span.term_id
        for pair in sheet.pairs
        for spans in (pair.indonesian, pair.english)
        for span in spans or ()
        if span.term_id
    }
    assert marked == {e.term_id for e in sheet.glossary}
    assert [e.indonesian.casefold() for e in sheet.glossary] == sorted(
        e.indonesian.casefold() for e in sheet.glossary
    )


def test_exercises_agree_with_the_glossary(sheet: Handout) -> None:
    assert sheet.exercises is not None
    cloze, matching = sheet.exercises.cloze, sheet.exercises.matching
    english = {e.term_id: e.english for e in sheet.glossary}
    assert 0 < len(cloze.answers) <= CLOZE_MAX
    assert [b.number for b in cloze.answers] == list(range(1, len(cloze.answers) + 1))
    for blank in cloze.answers:
        assert english[blank.term_id] == blank.answer  # every answer is a glossary term
    blanks = {p.number for c in cloze.paragraphs for p in c.parts if not isinstance(p, str)}
    assert blanks == {b.number for b in cloze.answers}
    assert sorted(cloze.bank) == sorted(b.answer for b in cloze.answers)
    assert list(cloze.bank) != [b.answer for b in cloze.answers]
    assert 0 < len(matching.indonesian) <= MATCHING_MAX
    assert sorted(matching.key) == list(range(len(matching.english)))
    indonesian = {e.term_id: e.indonesian for e in sheet.glossary}
    for i, term_id in enumerate(matching.term_ids):
        assert matching.indonesian[i] == indonesian[term_id]
        assert matching.english[matching.key[i]] == english[term_id]
    assert list(matching.key) != list(range(len(matching.key)))


def test_exercises_are_the_same_on_every_run(service: ReadingService, sheet: Handout) -> None:
    again = build_handout(
        service, service.resolve(DOC), "1-8", lang="en", today=DAY, exercises=True
    )
    assert again == sheet
    assert render(again, "md") == render(sheet, "md")


def test_cloze_blanks_the_indonesian_in_an_indonesian_handout(service: ReadingService) -> None:
    sheet = build_handout(
        service, service.resolve(DOC), "1-8", lang="id", today=DAY, exercises=True
    )
    assert sheet.exercises is not None
    indonesian = {e.term_id: e.indonesian for e in sheet.glossary}
    assert sheet.exercises.cloze.lang == "id"
    assert all(indonesian[b.term_id] == b.answer for b in sheet.exercises.cloze.answers)


def test_shuffle_is_deterministic_and_never_the_identity() -> None:
    items = ["a", "b"]
    assert shuffled(items, "x") == shuffled(items, "x") == ["b", "a"]
    assert shuffled(["same", "same"], "x") == ["same", "same"]
    assert sorted(shuffled(list("abcdefgh"), "s")) == list("abcdefgh")
    assert [letter(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]


def test_dates_are_formatted_by_babel_in_the_handout_language(service: ReadingService) -> None:
    document = service.resolve(DOC)
    indonesian = build_handout(service, document, "1-2", lang="id", today=DAY)
    english = build_handout(service, document, "1-2", lang="en", today=DAY)
    assert indonesian.date == "22 November 2026"
    assert english.date == "November 22, 2026"
    assert "Tanggal: 22 November 2026" in render(indonesian, "md").decode()
    assert "Date: November 22, 2026" in render(english, "md").decode()


def test_citation_names_authors_year_and_source(service: ReadingService) -> None:
    sheet = build_handout(
        service, service.resolve("normalisasi-jepang-korea"), "1-6", lang="en", today=DAY
    )
    assert sheet.citation.startswith("Rahmi Fitriyanti & Aurora Saubil Navira (2024). Upaya")
    assert sheet.citation.endswith("pp. 79-90.")
    # The English abstract is English in the source: it has no Indonesian side.
    abstract = sheet.pairs[1]
    assert abstract.indonesian is None and abstract.source == "original"


# --- HTML ------------------------------------------------------------------------------


def test_html_structure(dwibahasa: Invoke, service: ReadingService, tmp_path: Path) -> None:
    out = make(dwibahasa, tmp_path / "h.html", DOC, "--range", "1-8", "--exercises")
    page = parse_html(out.read_text(encoding="utf-8"))
    title = service.resolve(DOC).title
    assert page.find("title").text == title
    assert page.find("h1").text == title
    assert page.find("html").attrs["lang"] == "en"
    assert "@page" in page.find("style").text and "size: A4" in page.find("style").text
    assert "break-inside: avoid" in page.find("style").text
    rows = page.find("table", "parallel").find("tbody").find_all("tr")
    assert [r.attrs["id"] for r in rows] == [f"p{n}" for n in range(1, 9)]
    assert all(len(r.find_all("td")) == 2 for r in rows)
    assert all("reference translation" in r.text for r in rows)
    glossary = {r.attrs["data-term"] for r in page.find("table", "glossary").find_all("tr")[1:]}
    assert glossary == expected_terms(service, DOC, 1, 8)
    marked = {s.attrs["data-term"] for r in rows for s in r.find_all("strong", "term")}
    assert marked == glossary
    key = page.find("section", "answer-key")
    assert "page-break-before: always" in key.attrs["style"]
    assert key.find("h2").text == "Answer key"
    answers = key.find("ol", "cloze").find_all("li")
    assert answers and {a.attrs["data-term"] for a in answers} <= glossary
    blanks = {b.attrs["data-blank"] for b in page.find_all("span", "blank")}
    assert blanks == {a.attrs["value"] for a in answers}


def test_html_escapes_document_text(dwibahasa: Invoke, tricky: str, tmp_path: Path) -> None:
    out = make(dwibahasa, tmp_path / "t.html", tricky)
    text = out.read_text(encoding="utf-8")
    assert "<script>" not in text and "<b>tebal</b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    page = parse_html(text)
    assert not page.find_all("script") and not page.find_all("b")
    assert page.find("title").text == "Judul <b>tebal</b> & *miring*"
    rows = page.find("table", "parallel").find_all("tr")[1:]
    assert TRICKY in rows[0].find_all("td")[0].text
    assert TRICKY in rows[0].find_all("td")[1].text
    assert {s.text for s in rows[0].find_all("strong")} == {
        "Diplomasi pertahanan",
        "Defence diplomacy",
    }


# --- PDF -------------------------------------------------------------------------------


def _pages(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def test_pdf_reads_back(dwibahasa: Invoke, service: ReadingService, tmp_path: Path) -> None:
    out = make(dwibahasa, tmp_path / "h.pdf", DOC, "--range", "1-8", "--exercises")
    assert out.read_bytes().startswith(b"%PDF-")
    pages = _pages(out)
    assert 4 <= len(pages) <= 12
    text = " ".join(pages)
    assert "BAB IV Latar Belakang" in text and "reference translation" in text
    assert f"Page 1 of {len(pages)}" in pages[0]
    # The answer key has a page of its own: it starts its page, and nothing but it follows.
    key = next(i for i, p in enumerate(pages) if "Answer key" in p)
    assert pages[key].startswith("Answer key")
    assert "Fill in the blanks" in pages[key - 1] or "Matching" in pages[key - 1]
    # No paragraph pair is split: each ¶ label and its English's last words share a page.
    exercises = next(i for i, p in enumerate(pages) if p.startswith("Exercises"))
    sheet = build_handout(service, service.resolve(DOC), "1-8", lang="en", today=DAY)
    for pair in sheet.pairs:
        assert pair.english is not None
        tail = " ".join("".join(s.text for s in pair.english).split()[-3:])
        [page] = [p for p in pages[:exercises] if f"¶{pair.seq} " in p]
        assert tail in page, (pair.seq, tail)


def test_pdf_in_indonesian(dwibahasa: Invoke, tmp_path: Path) -> None:
    out = make(dwibahasa, tmp_path / "h.pdf", DOC, "--range", "2-3", "--lang", "id")
    text = " ".join(_pages(out))
    today = format_date(datetime.date.today(), format="long", locale="id")
    assert f"Tanggal: {today}" in text
    assert "Glosarium" in text and "terjemahan rujukan" in text and "Halaman 1 dari" in text


# --- DOCX ------------------------------------------------------------------------------


def test_docx_tables(dwibahasa: Invoke, service: ReadingService, tmp_path: Path) -> None:
    out = make(dwibahasa, tmp_path / "h.docx", DOC, "--range", "1-8", "--exercises")
    document = docx.Document(str(out))
    parallel, glossary = document.tables[0], document.tables[1]
    assert len(parallel.columns) == 2
    assert [c.text for c in parallel.rows[0].cells] == ["Indonesian", "English"]
    body = parallel.rows[1:]
    assert len(body) == 8  # one row per paragraph
    rows = service.rows(service.resolve(DOC), 1, 8)
    for row, cells in zip(rows, body, strict=True):
        assert cells.cells[0].text.startswith(f"¶{row.seq} ")
        assert row.english is not None and row.english[:40] in cells.cells[1].text
        assert "reference translation" in cells.cells[1].text
    bold = {r.text for r in body[1].cells[1].paragraphs[0].runs if r.bold}
    assert {"security", "Korean Peninsula"} <= bold
    assert [c.text for c in glossary.rows[0].cells] == ["Indonesian", "English", "Definition"]
    base = service.glossary.termbase()
    expected = {base.get(t).id_term for t in expected_terms(service, DOC, 1, 8)}  # type: ignore[union-attr]
    listed = [r.cells[0].text for r in glossary.rows[1:]]
    assert len(listed) == len(set(listed)) and set(listed) == expected
    assert "<w:tblHeader/>" in parallel.rows[0]._tr.xml  # repeated on every page
    assert all("<w:cantSplit/>" in r._tr.xml for r in body)  # a pair never split
    assert 'w:val="id-ID"' in body[1].cells[0]._tc.xml  # Word proofs Indonesian as such
    texts = [p.text for p in document.paragraphs]
    assert "Answer key" in texts and "Exercises" in texts
    assert docx_has_page_break_before(document, "Answer key")
    assert docx_has_page_break_before(document, "Exercises")
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_docx_keeps_markup_as_text(dwibahasa: Invoke, tricky: str, tmp_path: Path) -> None:
    out = make(dwibahasa, tmp_path / "t.docx", tricky)
    document = docx.Document(str(out))
    assert TRICKY in document.tables[0].rows[1].cells[0].text
    assert document.paragraphs[0].text == "Judul <b>tebal</b> & *miring*"


# --- Markdown --------------------------------------------------------------------------


def test_markdown_escapes_and_renders_literally(
    dwibahasa: Invoke, tricky: str, tmp_path: Path
) -> None:
    from markdown_it import MarkdownIt

    out = make(dwibahasa, tmp_path / "t.md", tricky, "--exercises")
    source = out.read_text(encoding="utf-8")
    assert "\\[b\\]tebal\\[/b\\] \\*bintang\\* \\_garis\\_ \\| pipa \\& \\<script\\>" in source
    rendered = MarkdownIt("commonmark").enable("table").render(source)
    assert "<script>" not in rendered and "<b>tebal" not in rendered
    visible = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert TRICKY in visible
    assert "Judul <b>tebal</b> & *miring*" in visible
    table_rows = [line for line in source.splitlines() if line.startswith("| **¶")]
    assert len(table_rows) == 2 and all(line.count(" | ") == 1 for line in table_rows)
    assert "<strong>Diplomasi pertahanan</strong>" in rendered


def test_markdown_escape_rules() -> None:
    assert escape_md("# not a heading") == "\\# not a heading"
    assert escape_md("1. not a list") == "1\\. not a list"
    assert escape_md("- no") == "\\- no"
    assert escape_md("a_b*c`d") == "a\\_b\\*c\\`d"
    assert escape_md("x - y. 2") == "x - y. 2"


def test_markdown_sample_has_exercises_and_key(dwibahasa: Invoke, tmp_path: Path) -> None:
    out = make(dwibahasa, tmp_path / "h.md", DOC, "--range", "1-8", "--exercises")
    source = out.read_text(encoding="utf-8")
    assert (
        source.index("## Glossary") < source.index("## Exercises") < source.index("## Answer key")
    )
    assert '<div style="page-break-before: always"></div>\n\n## Answer key' in source
    assert "**(1)** \\_\\_" in source and "**Word bank:**" in source


# --- the translation note --------------------------------------------------------------


def test_machine_english_is_labelled_unreviewed(
    dwibahasa: Invoke, service: ReadingService, tmp_path: Path
) -> None:
    path = write_document(tmp_path / "texts", "mesin", ["Keamanan nasional itu penting."])
    document = service.import_file(path).document
    service.library.put_translation(
        "Keamanan nasional itu penting.",
        "National security is important.",
        engine="argos",
        model="translate-id_en 1.0",
        status="machine",
    )
    service.glossary.ensure_links(document.id)
    out = make(dwibahasa, tmp_path / "id.md", "mesin", "--lang", "id")
    text = out.read_text(encoding="utf-8")
    assert "terjemahan mesin, belum ditinjau (argos, translate-id\\_en 1.0)" in text
    assert "Bahasa Inggris: terjemahan mesin, belum ditinjau ¶1" in text
    out = make(dwibahasa, tmp_path / "en.html", "mesin")
    page = parse_html(out.read_text(encoding="utf-8"))
    note = page.find("span", "source-machine")
    assert note.text == "machine translation, not reviewed (argos, translate-id_en 1.0)"


def test_translate_option_gives_machine_english_first(
    dwibahasa: Invoke, service: ReadingService, tmp_path: Path, installed_model: Path
) -> None:
    path = write_document(tmp_path / "texts", "baru", ["Keamanan nasional itu penting."])
    service.import_file(path)
    out = tmp_path / "h.md"
    assert_one_line_error(*dwibahasa("handout", "baru", "-o", str(out)))
    code, _, err = dwibahasa("handout", "baru", "--translate", "-o", str(out))
    assert code == 0, err
    assert "baru: 1 translated (argos translate-id_en" in err
    assert "machine translation, not reviewed (argos" in out.read_text(encoding="utf-8")


def test_translate_without_a_model_is_one_line_error(
    dwibahasa: Invoke, service: ReadingService, tmp_path: Path, models_dir: Path
) -> None:
    path = write_document(tmp_path / "texts", "baru", ["Keamanan nasional itu penting."])
    service.import_file(path)
    out = tmp_path / "h.md"
    code, stdout, err = dwibahasa("handout", "baru", "--translate", "-o", str(out))
    assert_one_line_error(code, stdout, err)
    assert "models" in err and not out.exists()


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize("spec", ["1-999", "99", "5-3", "0-2", "x-y"])
def test_bad_range_is_one_line_error(dwibahasa: Invoke, tmp_path: Path, spec: str) -> None:
    out = tmp_path / "h.html"
    assert_one_line_error(*dwibahasa("handout", DOC, "--range", spec, "-o", str(out)))
    assert not out.exists()


def test_missing_english_refuses_and_suggests_translate(
    dwibahasa: Invoke, service: ReadingService, tmp_path: Path
) -> None:
    path = write_document(tmp_path / "texts", "tanpa", ["Satu.", "# Dua", "Tiga."])
    service.import_file(path)
    out = tmp_path / "h.pdf"
    code, stdout, err = dwibahasa("handout", "tanpa", "-o", str(out))
    assert_one_line_error(code, stdout, err)
    assert "no English for ¶1–3" in err and "--translate" in err and "--allow-missing" in err
    assert not out.exists()
    make(dwibahasa, out, "tanpa", "--allow-missing", "--range", "2-3")
    text = " ".join(_pages(out))
    # no English at all in the range: the Indonesian alone, in one column (issue #15)
    assert "No English for this paragraph yet." not in text
    assert "The Indonesian text alone, with its glossary." in text


def test_existing_file_needs_force(dwibahasa: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "h.html"
    out.write_text("keep me", encoding="utf-8")
    code, stdout, err = dwibahasa("handout", DOC, "--range", "1-2", "-o", str(out))
    assert_one_line_error(code, stdout, err)
    assert "--force" in err and out.read_text(encoding="utf-8") == "keep me"
    make(dwibahasa, out, DOC, "--range", "1-2", "--force")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_output_folder_problems(dwibahasa: Invoke, tmp_path: Path) -> None:
    missing = tmp_path / "tidak-ada" / "h.html"
    assert_one_line_error(*dwibahasa("handout", DOC, "-o", str(missing)))
    assert not missing.parent.exists()
    assert_one_line_error(*dwibahasa("handout", DOC, "-o", str(tmp_path)))
    a_file = tmp_path / "berkas.txt"
    a_file.write_text("x", encoding="utf-8")
    assert_one_line_error(*dwibahasa("handout", DOC, "-o", str(a_file / "h.html")))


def test_unwritable_folder_is_one_line_error(dwibahasa: Invoke, tmp_path: Path) -> None:
    if os.geteuid() == 0:  # root writes anywhere chmod allows nothing; /sys refuses even root
        folder = Path("/sys")
        if not folder.is_dir():
            pytest.skip("no read-only folder to try")
    else:
        folder = tmp_path / "baca-saja"
        folder.mkdir()
        folder.chmod(0o555)
    code, out, err = dwibahasa("handout", DOC, "--range", "1", "-o", str(folder / "h.md"))
    assert_one_line_error(code, out, err)
    assert "cannot write" in err
    assert not list(folder.glob(".h.md.*"))


def test_a_failed_render_leaves_no_file(
    dwibahasa: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(sheet: Handout, format: str) -> bytes:
        raise UserError("renderer broke")

    monkeypatch.setattr("reader.handout.render.render", broken)
    assert_one_line_error(*dwibahasa("handout", DOC, "-o", str(tmp_path / "h.docx")))
    assert not [p.name for p in tmp_path.iterdir() if "h.docx" in p.name]


def test_unknown_format_and_extension(dwibahasa: Invoke, tmp_path: Path) -> None:
    code, _, err = dwibahasa("handout", DOC, "--format", "odt", "-o", str(tmp_path / "h.odt"))
    assert code == 2 and "'odt' is not one of" in err
    assert_one_line_error(*dwibahasa("handout", DOC, "-o", str(tmp_path / "h.odt")))
    make(dwibahasa, tmp_path / "h.txt", DOC, "--range", "1", "--format", "md")
    assert (tmp_path / "h.txt").read_text(encoding="utf-8").startswith("# BAB IV")


def test_unknown_document_is_one_line_error(dwibahasa: Invoke, tmp_path: Path) -> None:
    assert_one_line_error(*dwibahasa("handout", "tidak-ada", "-o", str(tmp_path / "h.md")))


def test_help_lists_the_options(dwibahasa: Invoke) -> None:
    code, out, _ = dwibahasa("handout", "--help")
    assert code == 0
    for option in ("--range", "--format", "--lang", "--exercises", "--translate", "--force"):
        assert option in out


# --- hygiene and the benchmark -----------------------------------------------------------


def test_the_command_module_loads_no_renderer_library() -> None:
    """The handout command is cheap to load: the renderers load when a handout is written."""
    code = (
        "import sys, reader.cli.handout\n"
        "print(sorted(m for m in ('weasyprint', 'docx', 'babel.dates') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == "[]"


def test_benchmark_prints_its_figures() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "handout.py"), "--paragraphs", "6", "--runs", "1"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    for figure in ("6 paragraphs", "build", "html", "pdf", "docx", "md", "PDF target"):
        assert figure in result.stdout


def test_pdf_is_a_real_pdf_of_a_given_handout(sheet: Handout) -> None:
    reader = PdfReader(io.BytesIO(render(sheet, "pdf")))
    assert reader.metadata is not None and reader.metadata.title == sheet.title
