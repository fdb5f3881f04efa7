"""Start-up: process start to the reader's first full paint, against a bare Textual app.

Both run in fresh processes, headless, in the same run, alternating; each
exits as soon as its first frame is painted. Target: ratio <= 1.5.

    python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import scratch_dir

BARE_APP = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Dwibahasa")

async def paint_then_exit(pilot):
    await pilot.pause()
    pilot.app.exit()

Bare().run(headless=True, size=(140, 40), auto_pilot=paint_then_exit)
"""

READER_APP = """
import sys
from pathlib import Path
from reader.service import ReadingService
from reader.tui.app import make_app
from reader.tui.screens.reader import ReaderScreen
from reader.tui.widgets.parallel_text import ParallelText

service = ReadingService.open(Path(sys.argv[1]))
app = make_app(service, document=service.resolve(sys.argv[2]), at=1)

async def paint_then_exit(pilot):
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReaderScreen)
    assert pilot.app.screen.query_one(ParallelText).layout_geometry is not None
    pilot.app.exit()

app.run(headless=True, size=(140, 40), auto_pilot=paint_then_exit)
"""


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, env=env, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--doc", default="normalisasi-jepang-korea")
    options = parser.parse_args()

    db = scratch_dir() / "library.db"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    python = sys.executable
    first_run = timed([python, "-c", READER_APP, str(db), options.doc], env)  # imports texts
    timed([python, "-c", BARE_APP], env)  # warm the OS file cache for both

    bare, reader = [], []
    for _ in range(options.runs):
        bare.append(timed([python, "-c", BARE_APP], env))
        reader.append(timed([python, "-c", READER_APP, str(db), options.doc], env))
    bare_median, reader_median = statistics.median(bare), statistics.median(reader)
    print(f"runs: {options.runs} each, alternating, headless 140x40, document {options.doc}")
    print(f"bare Textual app, one Static : {bare_median * 1000:7.1f} ms (median)")
    print(f"dwibahasa reader, first paint: {reader_median * 1000:7.1f} ms (median)")
    print(f"ratio reader / bare          : {reader_median / bare_median:7.2f}   (target <= 1.5)")
    print(f"first run with empty library : {first_run * 1000:7.1f} ms (imports bundled texts)")


if __name__ == "__main__":
    main()
