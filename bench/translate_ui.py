"""The reader while the argos worker translates: key press → repaint, time against the CLI, memory.

Translates one document twice in one run, from a library of its own each time:

  CLI     `ReadingService.translate_documents`, the call `dwibahasa translate DOC` makes,
          in a process of its own with nothing else running;
  reader  the reader (headless, 140x40) presses T, then keeps pressing keys (down and up,
          one every ~50 ms) until the translation has finished.

Each key is timed from the key event to the first frame that shows its effect (the
cursor moved), so a status-line repaint between the two does not count as the answer.
Also printed: the reader's resident memory (argostranslate is only ever imported by the
worker process) and the worker's. Targets: key -> repaint p95 < 50 ms while translating;
the reader's translation within 1.2x of the CLI's; reader < 150 MB RSS.

Without PACKAGE, a tiny seeded model (tests/argos_model.py) translates a generated
document of `--paragraphs` paragraphs (5,000 by default). With PACKAGE (`bench/mt.py`
passes its Transformer-base package) the journal seed is translated, as the realistic
model would take hours over 5,000 paragraphs, unless `--paragraphs` is given.

    python bench/translate_ui.py [PACKAGE.argosmodel] [--paragraphs N] [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._common import rss_mb, summary, write_long_document  # noqa: E402

SEED = ROOT / "tests" / "fixtures" / "seeds" / "000_30c59ca8d7ef7bf9.txt"
SIZE = (140, 40)
KEY_INTERVAL = 0.05
"""Seconds between key presses while translating (a reader paging steadily)."""
LONG_SLUG = "panjang"


class EffectTimer:
    """Key press → the first frame drawn once the key's effect is in the app's state.

    `effect()` is evaluated when each frame is handed to the display, so the frame
    counted is one that shows the key's work, not an unrelated repaint before it.
    Waiting is an event, not polling: the timer takes no time from the loop it times.
    """

    def __init__(self, app: Any) -> None:
        self.app = app
        self.effect: Callable[[], bool] | None = None
        self.frame: float | None = None
        self.shown = asyncio.Event()
        display = app._display

        def timed_display(screen: Any, renderable: Any) -> None:
            effect = self.effect
            if renderable is not None and effect is not None and self.frame is None and effect():
                self.frame = time.perf_counter()
                self.shown.set()
            display(screen, renderable)

        app._display = timed_display

    async def press(self, key: str, effect: Callable[[], bool], timeout: float = 600.0) -> float:
        self.frame = None
        self.shown.clear()
        self.effect = effect
        start = time.perf_counter()
        self.app.simulate_key(key)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.shown.wait(), timeout)
        self.effect = None
        return (self.frame if self.frame is not None else time.perf_counter()) - start


@dataclass
class ReaderRun:
    seconds: float = 0.0
    """T until the run is over and all its English is shown."""
    linked_seconds: float = 0.0
    """T until the glossary highlights of the new English are shown too."""
    idle_keys: list[float] = field(default_factory=list)
    busy_keys: list[float] = field(default_factory=list)
    idle_rss: float = 0.0
    peak_rss: float = 0.0
    worker_rss: float = 0.0
    rows_with_english: int = 0
    rows: int = 0


def open_library(path: Path, document: Path, slug: str) -> Any:
    """A library at `path` holding `document` as `slug`."""
    from reader.service import ReadingService

    service = ReadingService.open(path)
    service.import_file(document, slug=slug)
    return service


CLI_RUN = """
import sys, time
from pathlib import Path
from reader.service import ReadingService
service = ReadingService.open(Path(sys.argv[1]))
document = service.resolve(sys.argv[2])
import sqlite_utils  # loaded and used, as in the reader's process, which imported the document
for lang in ("id", "en"):
    service.glossary.match_text("Diplomasi pertahanan dan kerja sama keamanan", lang)
started = time.perf_counter()
[report] = service.translate_documents([document], "argos")
print(time.perf_counter() - started, report.translated, report.error or "")
"""


def time_cli(database: Path, slug: str) -> tuple[float, int]:
    """What `dwibahasa translate SLUG` spends translating, timed in a process of its own
    (no progress bar drawn, interpreter start-up not counted)."""
    result = subprocess.run(
        [sys.executable, "-c", CLI_RUN, str(database), slug],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    seconds, translated, *error = result.stdout.split(maxsplit=2)
    if error:
        raise SystemExit(f"the CLI's translation failed: {error[0]}")
    return float(seconds), int(translated)


async def time_reader(service: Any, slug: str) -> ReaderRun:
    from reader.tui.app import make_app
    from reader.tui.screens.reader import ReaderScreen

    result = ReaderRun()
    app = make_app(service, document=service.resolve(slug), at=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        parallel = screen.parallel
        timer = EffectTimer(app)

        async def press(key: str) -> float:
            target = parallel.current + (1 if key == "down" else -1)
            return await timer.press(key, lambda: parallel.current == target)

        for i in range(40):
            result.idle_keys.append(await press("down" if i % 2 == 0 else "up"))
            await pilot.pause()
        result.idle_rss = rss_mb()
        started = time.perf_counter()
        await pilot.press("T")
        result.peak_rss = result.idle_rss
        while screen._translation is not None and time.perf_counter() - started < 3600:
            key = "down" if len(result.busy_keys) % 2 == 0 else "up"
            result.busy_keys.append(await press(key))
            result.peak_rss = max(result.peak_rss, rss_mb())
            engine = screen._run.engine if screen._run is not None else None
            pid = getattr(engine, "pid", None)
            if pid is not None:
                with contextlib.suppress(OSError):  # the worker may just have exited
                    result.worker_rss = max(result.worker_rss, rss_mb(pid))
            await asyncio.sleep(KEY_INTERVAL)
        result.seconds = time.perf_counter() - started
        await app.workers.wait_for_complete()  # the glossary's links of the new English
        await pilot.pause()
        result.linked_seconds = time.perf_counter() - started
        result.rows = len(parallel.rows)
        result.rows_with_english = sum(1 for row in parallel.rows if row.english is not None)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, nargs="?", help="an .argosmodel (default: tiny)")
    parser.add_argument(
        "--paragraphs",
        type=int,
        default=None,
        help="generated document size (default 5000; the journal seed if PACKAGE is given)",
    )
    parser.add_argument(
        "--runs", type=int, default=1, help="repeat both (medians; for a machine that is busy)"
    )
    options = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix=f"dwibahasa-ui-{os.getpid()}-"))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(home / name.lower())
    os.environ["DWIBAHASA_MODELS_DIR"] = str(home / "models")
    from reader.translate.models import install_package

    package_file = options.package
    if package_file is None:
        package_file = home / "tiny.argosmodel"  # built in a process of its own: the reader's
        subprocess.run(  # RSS and modules must not include the model builder's
            [sys.executable, str(ROOT / "tests" / "argos_model.py"), str(package_file)],
            check=True,
            capture_output=True,
        )
        model = "tiny seeded model (tests/argos_model.py)"
    else:
        model = package_file.name
    install_package(package_file)
    from reader.service import ReadingService

    paragraphs = options.paragraphs
    if paragraphs is None and options.package is None:
        paragraphs = 5000
    if paragraphs is None:
        document, slug, what = SEED, "jurnal", "the journal seed"
    else:
        folder = home / "texts"
        folder.mkdir()
        document = write_long_document(folder, paragraphs)
        (folder / f"{LONG_SLUG}.en.md").unlink()  # no reference English: all to translate
        slug, what = LONG_SLUG, f"a generated {paragraphs:,}-paragraph document"

    template = home / "template.db"
    service = open_library(template, document, slug)
    total = len(service.rows(service.resolve(slug)))
    service.close()
    print(f"document: {what} ({total:,} paragraphs); model: {model}; {os.cpu_count()} cores")

    cli_times: list[float] = []
    runs: list[ReaderRun] = []
    for number in range(1, options.runs + 1):
        cli_seconds, translated = time_cli(copy_library(template, home / f"cli-{number}.db"), slug)
        service = ReadingService.open(copy_library(template, home / f"reader-{number}.db"))
        run = asyncio.run(time_reader(service, slug))
        service.close()
        cli_times.append(cli_seconds)
        runs.append(run)
        if options.runs > 1:
            print(
                f"run {number}: CLI {cli_seconds:5.1f} s, reader {run.seconds:5.1f} s "
                f"({run.seconds / cli_seconds:4.2f}x); key -> repaint {summary(run.busy_keys)}"
            )

    modules = sorted(m for m in ("argostranslate", "ctranslate2", "torch") if m in sys.modules)
    keys = [key for run in runs for key in run.busy_keys]
    ratios = sorted(run.seconds / cli for run, cli in zip(runs, cli_times, strict=True))
    median = "" if options.runs == 1 else f", median of {options.runs} runs"
    last = runs[-1]

    def show(label: str, figure: str) -> None:
        print(f"{label:<40}: {figure}")

    show(
        "CLI translation", f"{statistics.median(cli_times):7.1f} s  ({translated:,} texts{median})"
    )
    show(
        "reader translation (T until all shown)",
        f"{statistics.median(run.seconds for run in runs):7.1f} s",
    )
    show(
        "  and until its glossary highlights",
        f"{statistics.median(run.linked_seconds for run in runs):7.1f} s",
    )
    spread = f"   (runs: {', '.join(f'{r:.2f}' for r in ratios)})" if options.runs > 1 else ""
    show("ratio reader / CLI", f"{statistics.median(ratios):7.2f}   (target <= 1.2){spread}")
    show("reader rows with English at the end", f"{last.rows_with_english:,} of {last.rows:,}")
    show("key -> repaint idle", summary(last.idle_keys))
    show(
        "key -> repaint while translating",
        f"{summary(keys)}   (target p95 < 50 ms; {len(keys)} keys, "
        f"max {max(keys, default=0) * 1000:.0f} ms, "
        f"mean {statistics.fmean(keys) * 1000 if keys else 0:.1f} ms)",
    )
    show("reader RSS idle", f"{last.idle_rss:6.1f} MB")
    show("reader RSS peak while translating", f"{last.peak_rss:6.1f} MB   (target < 150 MB)")
    show("worker RSS peak (for comparison)", f"{last.worker_rss:6.1f} MB")
    show("heavy modules in the reader", f"{modules or 'none'}")


def copy_library(template: Path, target: Path) -> Path:
    """A fresh copy of the prepared library, made with SQLite's backup (WAL and all)."""
    source, copy = sqlite3.connect(template), sqlite3.connect(target)
    with source, copy:
        source.backup(copy)
    source.close()
    copy.close()
    return target


if __name__ == "__main__":
    try:
        main()
    finally:  # the libraries, models and copies the run made
        for folder in Path(tempfile.gettempdir()).glob(f"dwibahasa-ui-{os.getpid()}-*"):
            shutil.rmtree(folder, ignore_errors=True)
