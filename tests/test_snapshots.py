"""SVG snapshots of the main screens (update with `pytest --snapshot-update` after review)."""

from __future__ import annotations

from typing import Any

from reader.service import ReadingService
from reader.tui.app import make_app


def test_library_screen(service: ReadingService, snap_compare: Any) -> None:
    assert snap_compare(make_app(service), terminal_size=(120, 24))


def test_reader_side_by_side(service: ReadingService, snap_compare: Any) -> None:
    app = make_app(service, document=service.resolve("aliansi-strategis-korea-as"), at=4)
    assert snap_compare(app, terminal_size=(140, 36), press=["down"])


def test_reader_stacked_with_search(service: ReadingService, snap_compare: Any) -> None:
    app = make_app(service, document=service.resolve("normalisasi-jepang-korea"), at=1)
    keys = ["slash", *"GSOMIA", "enter"]
    assert snap_compare(app, terminal_size=(80, 30), press=keys)
