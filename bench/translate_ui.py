"""The reader while the argos worker translates: its memory, and key press → repaint.

Opens the reader on the raw journal seed (no English yet) in this process,
measures resident memory and key → frame latency idle, then presses T and
keeps pressing keys while the worker process translates. argostranslate is
only ever imported by the worker. Targets: reader < 150 MB RSS during
translation; key → repaint < 50 ms.

    python bench/translate_ui.py PACKAGE.argosmodel
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._common import FrameTimer, rss_mb, summary  # noqa: E402

SEED = ROOT / "tests" / "fixtures" / "seeds" / "000_30c59ca8d7ef7bf9.txt"


async def measure(package_file: Path) -> None:
    home = Path(tempfile.mkdtemp(prefix="dwibahasa-ui-"))
    os.environ["DWIBAHASA_MODELS_DIR"] = str(home / "models")
    from reader.service import ReadingService
    from reader.translate.models import install_package
    from reader.tui.app import make_app
    from reader.tui.screens.reader import ReaderScreen

    install_package(package_file)
    service = ReadingService.open(home / "library.db")
    service.import_file(SEED, slug="jurnal")
    app = make_app(service, document=service.resolve("jurnal"), at=1)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        timer = FrameTimer(app)
        idle_keys = [await timer.press("down" if i % 2 else "up", pilot) for i in range(40)]
        idle_rss = rss_mb()
        await pilot.press("T")
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        busy_keys: list[float] = []
        peak_rss, worker_rss = idle_rss, 0.0
        started = time.perf_counter()
        while screen._translation is not None and time.perf_counter() - started < 600:
            busy_keys.append(await timer.press("down" if len(busy_keys) % 2 else "up", pilot))
            peak_rss = max(peak_rss, rss_mb())
            engine = screen._run.engine if screen._run is not None else None
            pid = getattr(engine, "pid", None)
            if pid is not None:
                with contextlib.suppress(OSError):  # the worker may just have exited
                    worker_rss = max(worker_rss, rss_mb(pid))
            await asyncio.sleep(0.05)
        translating = time.perf_counter() - started
        await app.workers.wait_for_complete()
    modules = sorted(m for m in ("argostranslate", "ctranslate2", "torch") if m in sys.modules)
    print(f"translation in the worker took {translating:.1f} s")
    print(f"reader RSS idle                  : {idle_rss:6.1f} MB")
    print(f"reader RSS peak while translating: {peak_rss:6.1f} MB   (target < 150 MB)")
    print(f"worker RSS peak (for comparison) : {worker_rss:6.1f} MB")
    print(f"key -> repaint idle              : {summary(idle_keys)}")
    print(f"key -> repaint while translating : {summary(busy_keys)}   (target < 50 ms)")
    print(f"heavy modules in the reader      : {modules or 'none'}")
    service.close()


if __name__ == "__main__":
    asyncio.run(measure(Path(sys.argv[1])))
