"""Every paragraph kind has a name in the status line, in each interface language."""

from __future__ import annotations

import pytest

from reader import i18n
from reader.documents import KINDS
from reader.tui.screens.reader import kind_label


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_named_in_indonesian(kind: str) -> None:
    i18n.activate("id")
    assert kind_label(kind) != kind


def test_new_kinds_have_english_names() -> None:
    assert kind_label("note") == "footnote"
    assert kind_label("item") == "list item"
