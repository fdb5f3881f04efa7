"""The reader's word selection (reader/tui/selection.py): pure state, moved word by word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.tui.selection import ParagraphSelection, WordSelection, word_spans

TEXT = "Kerja sama pertahanan ROK-AS, (dialog-dialog) Korea's."


def _start(text: str = TEXT) -> WordSelection:
    selection = WordSelection.start(text)
    assert selection is not None
    return selection


def test_words_are_cut_at_spaces_and_punctuation_but_keep_inner_hyphens() -> None:
    assert [TEXT[a:b] for a, b in word_spans(TEXT)] == [
        "Kerja",
        "sama",
        "pertahanan",
        "ROK-AS",
        "dialog-dialog",
        "Korea's",
    ]


def test_a_text_without_words_gives_no_selection() -> None:
    assert WordSelection.start("  — … ") is None
    assert ParagraphSelection.start(0, "", "English") is None


def test_start_selects_the_first_word() -> None:
    assert _start().selected == "Kerja"


def test_move_selects_one_word_and_stops_at_the_ends() -> None:
    selection = _start()
    assert selection.moved(2).selected == "pertahanan"
    assert selection.moved(-3).selected == "Kerja"
    assert selection.moved(99).selected == "Korea's"


def test_extend_keeps_the_anchor_and_can_shrink_back() -> None:
    selection = _start().moved(1).extended(2)
    assert selection.selected == "sama pertahanan ROK-AS"
    assert selection.extended(-2).selected == "sama"
    assert selection.extended(-3).selected == "Kerja sama"  # past the anchor: grows leftwards


def test_word_at_a_character_offset() -> None:
    selection = _start()
    assert selection.words[selection.word_at(TEXT.index("hanan"))] == word_spans(TEXT)[2]
    assert selection.word_at(TEXT.index(",")) == 3  # a gap: the word before it
    assert selection.word_at(0) == 0


def test_to_word_extends_from_the_anchor() -> None:
    selection = _start().moved(1).to_word(3, extend=True)
    assert selection.selected == "sama pertahanan ROK-AS"
    assert selection.to_word(0, extend=False).selected == "Kerja"


def test_a_paragraph_selection_switches_language_and_keeps_both() -> None:
    paragraph = ParagraphSelection.start(4, "aliansi strategis", "strategic alliance")
    assert paragraph is not None
    paragraph = paragraph.extended(1).switched("strategic alliance").moved(1)
    assert paragraph.side == "en"
    assert paragraph.text("id") == "aliansi strategis"
    assert paragraph.text("en") == "alliance"
    back = paragraph.switched("aliansi strategis")
    assert back.side == "id" and back.text("en") == "alliance"  # the English stays marked


def test_switching_to_a_side_without_words_changes_nothing() -> None:
    paragraph = ParagraphSelection.start(0, "aliansi", None)
    assert paragraph is not None
    assert paragraph.switched(None) is paragraph
    assert paragraph.text("en") is None and paragraph.span("en") is None


@given(
    st.text(alphabet=st.sampled_from("ab -,'’é1\n"), max_size=40),
    st.lists(st.tuples(st.booleans(), st.integers(-5, 5)), max_size=30),
)
def test_any_moves_keep_a_run_of_whole_words_inside_the_text(
    text: str, moves: list[tuple[bool, int]]
) -> None:
    selection = WordSelection.start(text)
    if selection is None:
        assert word_spans(text) == ()
        return
    words = word_spans(text)
    for extend, step in moves:
        selection = selection.extended(step) if extend else selection.moved(step)
        start, end = selection.span
        assert 0 <= start < end <= len(text)
        assert selection.selected == text[start:end]
        assert start in {a for a, _b in words} and end in {b for _a, b in words}
        assert not (start > 0 and text[start - 1].isalnum())  # whole words only
        assert not (end < len(text) and text[end].isalnum())
