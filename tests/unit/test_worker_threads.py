"""How the translation worker sizes its CTranslate2 threads and batches."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.translate.worker import BATCH_TOKENS, choose_threads, token_batches


@pytest.mark.parametrize(
    ("cores", "threads"),
    [(1, (1, 1)), (2, (2, 1)), (4, (4, 1)), (8, (4, 2)), (16, (4, 4)), (6, (4, 1))],
)
def test_a_replica_per_core_up_to_four_then_intra_op_threads(
    cores: int, threads: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DWIBAHASA_MT_THREADS", raising=False)
    assert choose_threads(cores) == threads


def test_the_environment_overrides_the_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DWIBAHASA_MT_THREADS", "1,2")
    assert choose_threads(8) == (1, 2)
    monkeypatch.setenv("DWIBAHASA_MT_THREADS", "nonsense")
    assert choose_threads(2) == (2, 1)


@given(st.lists(st.integers(0, 300), max_size=80), st.integers(1, 2048), st.integers(1, 32))
def test_token_batches_cover_every_sentence_once_within_the_limits(
    lengths: list[int], max_tokens: int, max_size: int
) -> None:
    batches = token_batches(lengths, max_tokens=max_tokens, max_size=max_size)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    for batch in batches:
        assert 1 <= len(batch) <= max_size
        longest = max(max(lengths[i], 1) for i in batch)
        assert len(batch) == 1 or len(batch) * longest <= max_tokens
    flat = [lengths[i] for batch in batches for i in batch]
    assert flat == sorted(flat), "length-sorted, so padding stays small"


def test_short_sentences_travel_many_to_a_batch() -> None:
    batches = token_batches([10] * 100)
    assert [len(batch) for batch in batches][:1] == [min(16, BATCH_TOKENS // 10)]
