"""Import time for 100 KB, 1 MB and 10 MB of PDF-style text; the cost should grow linearly.

The text is the thesis seed (hard-wrapped, double-spaced, page numbers) repeated
with fresh page numbers and a running header on every page, until it reaches
each size. Each size is imported once into a fresh library (read, decode,
clean, segment, store in one transaction). Target: 1 MB under 2 s; the time per
MB roughly constant across sizes.

    python bench/import.py [--sizes 0.1,1,10] [--pdf-mb 1] [--memory-mb 50]

Also: the time to import a PDF of about `--pdf-mb` MB of text (made with fpdf2, A4
pages with a running header and page numbers; target under 2 s per MB), and the peak
resident memory of a `--memory-mb` MB text import, measured in a child process
(`VmHWM`, the high-water mark of the child's own memory: `ru_maxrss` would not do, as
Linux keeps it across `execve`, so a child started by a parent that has just written
the 50 MB text would report the parent's peak; issue #14's target: under 200 MB for
50 MB). `0` skips either.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._common import scratch_dir  # noqa: E402
from reader.service import ReadingService  # noqa: E402

SEED = ROOT / "tests" / "fixtures" / "seeds" / "003_6ecca5270ea43959.txt"
LINES_PER_PAGE = 40


def pdf_style_text(target_bytes: int) -> str:
    """The seed's lines, paged with headers and page numbers, up to `target_bytes`."""
    seed_lines = [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]
    out: list[str] = []
    size = 0
    page = 1
    while size < target_bytes:
        for start in range(0, len(seed_lines), LINES_PER_PAGE):
            body = seed_lines[start : start + LINES_PER_PAGE]
            page_lines = [f"Jurnal Uji Hubungan Internasional | {page}", *body, str(page)]
            chunk = "\n\n".join(page_lines) + "\n\n"
            out.append(chunk)
            size += len(chunk.encode("utf-8"))
            page += 1
            if size >= target_bytes:
                break
    return "".join(out)


def pdf_of_text(path: Path, target_bytes: int) -> int:
    """A PDF holding about `target_bytes` of the seed's text; returns the text's size."""
    from fpdf import FPDF

    text = pdf_style_text(target_bytes)
    lines = [line for line in text.split("\n") if line.strip() and not line.strip().isdigit()]
    lines = [line for line in lines if not line.startswith("Jurnal Uji")]
    pdf = FPDF()
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_font("Helvetica", size=10)
    size = 0
    pdf.add_page()
    for line in lines:
        safe = line.encode("latin-1", "replace").decode("latin-1")
        pdf.multi_cell(0, 5, safe, new_x="LMARGIN", new_y="NEXT")
        size += len(safe)
    pdf.output(str(path))
    return size


def _child(path: Path, db: Path) -> None:
    service = ReadingService.open(db, texts_dir=path.parent)
    start = time.perf_counter()
    outcome = service.import_file(path, max_bytes=500 * 1024 * 1024)
    seconds = time.perf_counter() - start
    service.close()
    peak_mb = _own_peak_mb()
    print(f"{seconds:.3f} {peak_mb:.1f} {outcome.paragraphs}")


def _own_peak_mb() -> float:
    """This process's peak resident memory since it started its program, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def _in_child(path: Path, db: Path) -> tuple[float, float, int]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(path), str(db)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, peak, paragraphs = done.stdout.split()
    return float(seconds), float(peak), int(paragraphs)


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        _child(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.1,1,10", help="sizes in MB, comma-separated")
    parser.add_argument("--pdf-mb", type=float, default=1.0, help="MB of text in the PDF")
    parser.add_argument("--memory-mb", type=float, default=50.0, help="MB of text for RSS")
    options = parser.parse_args()
    sizes = [float(size) for size in options.sizes.split(",")]

    folder = scratch_dir()
    rows = []
    for megabytes in sizes:
        path = folder / f"dokumen-{megabytes:g}mb.txt"
        path.write_text(pdf_style_text(int(megabytes * 1024 * 1024)), encoding="utf-8")
        service = ReadingService.open(folder / f"library-{megabytes:g}.db", texts_dir=folder)
        start = time.perf_counter()
        outcome = service.import_file(path, max_bytes=200 * 1024 * 1024)
        seconds = time.perf_counter() - start
        service.close()
        actual_mb = path.stat().st_size / (1024 * 1024)
        rows.append((actual_mb, seconds, outcome.paragraphs))

    print("size        time       per MB     paragraphs")
    for actual_mb, seconds, paragraphs in rows:
        per_mb = seconds / actual_mb
        print(f"{actual_mb:6.2f} MB  {seconds:7.2f} s  {per_mb:7.2f} s/MB  {paragraphs:8d}")
    base_mb, base_seconds, _ = rows[0]
    for actual_mb, seconds, _ in rows[1:]:
        size_ratio = actual_mb / base_mb
        print(
            f"{actual_mb:g} MB vs {base_mb:g} MB: size x{size_ratio:.1f}, "
            f"time x{seconds / base_seconds:.1f} (linear would be x{size_ratio:.1f})"
        )
    one_mb = [seconds for mb, seconds, _ in rows if 0.9 <= mb <= 1.1]
    if one_mb:
        print(f"1 MB import: {one_mb[0]:.2f} s (target < 2 s)")
    if options.pdf_mb:
        pdf = folder / "dokumen.pdf"
        text_bytes = pdf_of_text(pdf, int(options.pdf_mb * 1024 * 1024))
        seconds, peak, paragraphs = _in_child(pdf, folder / "library-pdf.db")
        text_mb = text_bytes / (1024 * 1024)
        print(
            f"PDF with {text_mb:.2f} MB of text ({pdf.stat().st_size / 1024 / 1024:.1f} MB file):"
            f" {seconds:.2f} s, {seconds / text_mb:.2f} s/MB, {paragraphs} paragraphs,"
            f" peak RSS {peak:.0f} MB (target < 2 s per MB)"
        )
    if options.memory_mb:
        big = folder / "besar.txt"
        big.write_text(pdf_style_text(int(options.memory_mb * 1024 * 1024)), encoding="utf-8")
        seconds, peak, paragraphs = _in_child(big, folder / "library-big.db")
        print(
            f"{options.memory_mb:g} MB text import: {seconds:.1f} s, peak RSS {peak:.0f} MB"
            f" ({peak / options.memory_mb:.1f}x the input; target < 200 MB)"
        )


if __name__ == "__main__":
    main()
