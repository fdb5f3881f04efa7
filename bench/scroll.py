"""A 5,000-paragraph document: time to open it, and key press to repaint.

Opens a generated document in the reader (headless, 140x40) and times
  * open: building the app until the reader's first frame is painted;
  * key -> repaint: each of 300 key presses (down, with some page down and up)
    until the screen has processed the key and repainted.
The same is measured on a bare Textual app (a Static that changes text on each
key) in the same run, as the floor the framework itself sets.
Targets: open < 1 s; key -> repaint median < 30 ms.

    python bench/scroll.py [--paragraphs N] [--keys N]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App, ComposeResult
from textual.widgets import Static

from bench._common import FrameTimer, scratch_dir, summary, write_long_document
from reader.service import ReadingService
from reader.tui.app import make_app
from reader.tui.widgets.parallel_text import ParallelText

SIZE = (140, 40)


class Counter(App[None]):
    """The baseline: one widget whose text changes on every key."""

    def compose(self) -> ComposeResult:
        yield Static("0", id="count")

    def on_key(self) -> None:
        static = self.query_one("#count", Static)
        static.update(str(int(str(static.content)) + 1))


def key_sequence(count: int) -> list[str]:
    keys = []
    for n in range(count):
        keys.append("pagedown" if n % 20 == 10 else "pageup" if n % 20 == 19 else "down")
    return keys


async def time_keys(app: App[None], keys: list[str]) -> list[float]:
    """Key event posted -> the next frame rendered (when the app hands it to the display)."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        timer = FrameTimer(app)
        return [await timer.press(key, pilot) for key in keys]


async def time_open(service: ReadingService, slug: str) -> tuple[float, int]:
    start = time.perf_counter()
    app = make_app(service, document=service.resolve(slug), at=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        elapsed = time.perf_counter() - start
        rows = len(app.screen.query_one(ParallelText).rows)
    return elapsed, rows


async def time_bare_open() -> float:
    start = time.perf_counter()
    async with Counter().run_test(size=SIZE) as pilot:
        await pilot.pause()
        return time.perf_counter() - start


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=5000)
    parser.add_argument("--keys", type=int, default=300)
    options = parser.parse_args()

    folder = scratch_dir()
    source = write_long_document(folder, options.paragraphs)
    start = time.perf_counter()
    service = ReadingService.open(folder / "library.db", texts_dir=folder / "none")
    service.import_file(source)
    import_seconds = time.perf_counter() - start

    bare_open = await time_bare_open()
    open_seconds, rows = await time_open(service, "panjang")
    keys = key_sequence(options.keys)
    bare = await time_keys(Counter(), keys)
    reader = await time_keys(make_app(service, document=service.resolve("panjang"), at=1), keys)

    print(f"document: {rows} paragraphs (with English), terminal {SIZE[0]}x{SIZE[1]}, headless")
    print(f"import into the library          : {import_seconds * 1000:8.1f} ms (one-off)")
    print(f"open, bare Textual app           : {bare_open * 1000:8.1f} ms")
    print(f"open, reader to first paint      : {open_seconds * 1000:8.1f} ms   (target < 1000)")
    print(f"key -> repaint, bare Textual app : {summary(bare)}")
    print(f"key -> repaint, reader           : {summary(reader)}   (target median < 30)")
    ratio = sorted(reader)[len(reader) // 2] / sorted(bare)[len(bare) // 2]
    print(f"key -> repaint ratio reader/bare : {ratio:8.2f}")
    service.close()


if __name__ == "__main__":
    asyncio.run(main())
