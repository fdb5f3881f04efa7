"""The benchmark scripts still run (tiny sizes, no timing asserted: figures are for people)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _run(script: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout


def test_scroll_benchmark_prints_its_figures() -> None:
    output = _run("scroll.py", "--paragraphs", "60", "--keys", "5")
    assert "open, reader to first paint" in output
    assert "key -> repaint, reader" in output
    assert "60 paragraphs" in output


def test_startup_benchmark_prints_its_ratio() -> None:
    output = _run("startup.py", "--runs", "1", "--headless-only")
    assert "headless, in-process" in output
    assert "ratio reader / bare" in output
    assert "console" not in output


@pytest.mark.skipif(
    shutil.which("tmux") is None or shutil.which("bash") is None, reason="needs tmux and bash"
)
def test_startup_benchmark_times_the_console_command_in_tmux() -> None:
    output = _run("startup.py", "--runs", "1", "--console-only")
    assert "console, the path users take: tmux 140x40" in output
    assert "dwibahasa --db library.db read aliansi-strategis-korea-as" in output
    assert "dwibahasa read DOC" in output
    assert "ratio reader / bare" in output
    assert "headless" not in output


def test_import_benchmark_prints_its_timings() -> None:
    output = _run("import.py", "--sizes", "0.02,0.04", "--pdf-mb", "0.05", "--memory-mb", "0.5")
    assert "s/MB" in output
    assert "linear would be" in output


def test_segmentation_scorer_prints_both_seeds() -> None:
    output = _run("score_segmentation.py")
    assert "aliansi-strategis-korea-as" in output
    assert "F1" in output


def test_mt_benchmark_prints_its_three_figures() -> None:
    output = _run("mt.py", "--tiny", "--skip-ui", "--paragraphs", "3")
    for figure in ("argos loop", "ours (split", "raw CTranslate2", "speed-up", "ours / raw"):
        assert figure in output


def test_link_benchmark_prints_its_ratio() -> None:
    output = _run("link.py", "--mb", "0.1", "--runs", "1", "--paragraphs", "5")
    assert "ratio" in output
