"""Helpers the benchmark scripts share: timing statistics and a scratch library."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any


def summary(samples: list[float]) -> str:
    """Median and 95th percentile in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"


def scratch_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="dwibahasa-bench-"))


def write_long_document(folder: Path, paragraphs: int) -> Path:
    """A `texts/`-format document of `paragraphs` Indonesian paragraphs with English."""
    id_sentences = [
        "Diplomasi pertahanan merupakan instrumen penting bagi keamanan nasional.",
        "Kerja sama keamanan antara kedua negara meningkat sejak 2021.",
        "Latihan militer gabungan di Semenanjung Korea menimbulkan ketegangan [lagi].",
        "Pemerintah menandatangani perjanjian GSOMIA untuk berbagi informasi militer.",
    ]
    en_sentences = [
        "Defence diplomacy is an important instrument of national security.",
        "Security cooperation between the two countries has grown since 2021.",
        "Joint military exercises on the Korean Peninsula raise tensions [again].",
        "The government signed the GSOMIA agreement to share military information.",
    ]
    id_blocks, en_blocks = [], []
    for n in range(1, paragraphs + 1):
        if n % 25 == 1:
            id_blocks.append(f"# Bagian {n // 25 + 1}")
            en_blocks.append(f"# Part {n // 25 + 1}")
            continue
        count = 2 + n % 5
        id_blocks.append(" ".join(id_sentences[(n + i) % 4] for i in range(count)) + f" ({n})")
        en_blocks.append(" ".join(en_sentences[(n + i) % 4] for i in range(count)) + f" ({n})")
    source = folder / "panjang.id.md"
    source.write_text(
        '---\ntitle: "Dokumen panjang"\nlang: id\n---\n\n' + "\n\n".join(id_blocks) + "\n",
        encoding="utf-8",
    )
    (folder / "panjang.en.md").write_text(
        '---\ntitle: "Long document"\nlang: en\ntranslation: reference\n---\n\n'
        + "\n\n".join(en_blocks)
        + "\n",
        encoding="utf-8",
    )
    return source


class FrameTimer:
    """Key press → next rendered frame, timed where the app hands the frame to the display."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.frames: list[float] = []
        display = app._display

        def timed_display(screen: Any, renderable: Any) -> None:
            if renderable is not None:
                self.frames.append(time.perf_counter())
            display(screen, renderable)

        app._display = timed_display

    async def press(self, key: str, pilot: Any, timeout: float = 5.0) -> float:
        self.frames.clear()
        start = time.perf_counter()
        self.app.simulate_key(key)
        while not self.frames and time.perf_counter() - start < timeout:
            await asyncio.sleep(0.0002)
        elapsed = (self.frames[0] if self.frames else time.perf_counter()) - start
        await pilot.pause()
        return elapsed


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process in MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
