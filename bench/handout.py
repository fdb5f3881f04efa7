"""Handout rendering time: a 100-paragraph handout in each format (HTML, PDF, DOCX, Markdown).

Builds a `texts/`-format document (with its `.en.md` reference English) of
--paragraphs blocks taken in turn from the bundled texts, imports it into a
scratch library (so its glossary links are real), then times, best and
median of --runs each:
  * build: `build_handout` with exercises (queries, marks, glossary, cloze, matching);
  * each format: `render(handout, format)` on that model.
WeasyPrint's first PDF in a process also loads WeasyPrint and its fonts;
that run is timed on its own ("first pdf") and is the figure the target is
for, because `dwibahasa handout` makes one PDF per process. Target: < 5 s.

    python bench/handout.py [--paragraphs N] [--runs N] [--formats html,pdf,docx,md]
"""

from __future__ import annotations

import argparse
import datetime
import io
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._common import scratch_dir  # noqa: E402
from reader.handout.build import build_handout  # noqa: E402
from reader.handout.model import Handout  # noqa: E402
from reader.handout.render import FORMATS, render  # noqa: E402
from reader.service import ReadingService  # noqa: E402

PDF_TARGET = 5.0
T = TypeVar("T")


def _blocks(path: Path) -> list[str]:
    """The blocks of a `texts/` file, front matter dropped."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text[3:].partition("\n---")[2].partition("\n")[2]
    return [block.strip() for block in text.split("\n\n") if block.strip()]


def write_document(folder: Path, paragraphs: int) -> Path:
    """`paragraphs` blocks of the bundled texts (id and en, block for block), cycled."""
    pairs: list[tuple[str, str]] = []
    for source in sorted((ROOT / "texts").glob("*.id.md")):
        english = source.with_name(source.name.replace(".id.md", ".en.md"))
        pairs += zip(_blocks(source), _blocks(english), strict=True)
    chosen = [pairs[n % len(pairs)] for n in range(paragraphs)]
    source = folder / "handout-bench.id.md"
    source.write_text(
        '---\ntitle: "Dokumen untuk handout"\nauthors: ["Penulis Uji"]\nyear: 2024\nlang: id\n'
        "---\n\n" + "\n\n".join(id_block for id_block, _ in chosen) + "\n",
        encoding="utf-8",
    )
    (folder / "handout-bench.en.md").write_text(
        '---\ntitle: "Document for a handout"\nlang: en\ntranslation: reference\n---\n\n'
        + "\n\n".join(en_block for _, en_block in chosen)
        + "\n",
        encoding="utf-8",
    )
    return source


def _subsetter() -> str:
    """Which library subsets the PDF's fonts: the largest factor outside our control."""
    from weasyprint.text import ffi  # type: ignore[import-untyped]

    if getattr(ffi, "harfbuzz_subset", None) is not None:
        return "fonts subset by HarfBuzz (libharfbuzz-subset0)"
    return "fonts subset by fontTools: slower; apt-get install libharfbuzz-subset0"


def timed(function: Callable[[], T]) -> tuple[float, T]:
    """Seconds one call takes, and what it returned."""
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def line(name: str, samples: list[float], extra: str = "") -> str:
    best, median = min(samples), statistics.median(samples)
    return f"  {name:<10} best {best:6.3f} s   median {median:6.3f} s{extra}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]

    folder = scratch_dir()
    service = ReadingService.open(folder / "library.db", texts_dir=folder / "no-bundled-texts")
    try:
        document = service.import_file(write_document(folder, args.paragraphs)).document
        spec, today = f"1-{args.paragraphs}", datetime.date.today()

        def build() -> Handout:
            return build_handout(service, document, spec, lang="en", today=today, exercises=True)

        builds = [timed(build) for _ in range(args.runs)]
        handout = builds[-1][1]
        print(
            f"{args.paragraphs} paragraphs, {len(handout.glossary)} glossary terms, "
            f"{args.runs} runs each"
        )
        print(line("build", [seconds for seconds, _ in builds]))
        for format_ in formats:
            if format_ == "pdf":
                first, _ = timed(partial(render, handout, "pdf"))
                verdict = "met" if first < PDF_TARGET else "MISSED"
                print(f"  {'first pdf':<10} {first:6.3f} s (with WeasyPrint's import and fonts)")
                print(f"  {'':<10} {_subsetter()}")
            runs = [timed(partial(render, handout, format_)) for _ in range(args.runs)]
            data = runs[-1][1]
            extra = f"   {len(data) / 1024:7.1f} KB"
            if format_ == "pdf":
                extra += f", {len(PdfReader(io.BytesIO(data)).pages)} pages"
            print(line(format_, [seconds for seconds, _ in runs], extra))
            if format_ == "pdf":
                print(
                    f"  PDF target < {PDF_TARGET:.0f} s (first pdf, as the CLI makes it): {verdict}"
                )
    finally:
        service.close()


if __name__ == "__main__":
    main()
