"""Paragraph-boundary precision, recall and F1 of an import against a curated text.

Both sides are turned into one stream of words; the streams are aligned
(difflib), and every predicted paragraph start is mapped onto the curated
stream. A boundary counts when both put a paragraph start before the same
curated word. Words only one side has (a header the importer left, a
masthead the curator moved to the front matter) shift nothing.

Structural scores count only the boundaries next to a heading, caption,
reference entry or a change of language: the ones a text's own structure
marks, recoverable even when extraction lost every line break.

    python bench/score_segmentation.py            # both seeds against texts/
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEDS = {
    "normalisasi-jepang-korea": "000_30c59ca8d7ef7bf9.txt",
    "aliansi-strategis-korea-as": "003_6ecca5270ea43959.txt",
}
FIXTURES = ROOT / "tests" / "fixtures" / "seeds"
_TOKEN = re.compile(r"\w+")

if TYPE_CHECKING:
    from reader.documents import Block


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    gold_boundaries: int
    predicted_boundaries: int
    matched: int


def _stream(paragraphs: list[str]) -> tuple[list[str], set[int]]:
    words: list[str] = []
    starts: set[int] = set()
    for paragraph in paragraphs:
        tokens = [t.lower() for t in _TOKEN.findall(paragraph)]
        if not tokens:
            continue
        if words:
            starts.add(len(words))
        words.extend(tokens)
    return words, starts


def _structural_starts(blocks: list[Block]) -> set[int]:
    """Word offsets of boundaries that touch a non-paragraph block or change language."""
    offsets: set[int] = set()
    words = 0
    previous: Block | None = None
    for block in blocks:
        size = len(_TOKEN.findall(block.text))
        if not size:
            continue
        if previous is not None and (
            block.kind != "paragraph" or previous.kind != "paragraph" or block.lang != previous.lang
        ):
            offsets.add(words)
        words += size
        previous = block
    return offsets


def _mapped_starts(pred: list[str], gold_words: list[str]) -> tuple[dict[int, int], set[int]]:
    """Predicted paragraph starts, as offsets into the gold word stream."""
    pred_words, pred_starts = _stream(pred)
    matcher = SequenceMatcher(None, pred_words, gold_words, autojunk=False)
    to_gold: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            to_gold[block.a + k] = block.b + k
    mapping: dict[int, int] = {}
    for start in pred_starts:
        position = start
        while position < len(pred_words) and position not in to_gold:
            position += 1  # an unmatched word: the boundary falls before the next matched one
        if position in to_gold and to_gold[position] > 0:
            mapping[start] = to_gold[position]
    return mapping, set(mapping.values())


def _scores(matched_p: int, predicted: int, matched_r: int, gold: int) -> Scores:
    precision = matched_p / predicted if predicted else 1.0
    recall = matched_r / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, gold, predicted, matched_r)


def boundary_scores(gold: list[str], predicted: list[str]) -> Scores:
    """Scores of `predicted` paragraphs against `gold` paragraphs (same document)."""
    gold_words, gold_starts = _stream(gold)
    _, mapped = _mapped_starts(predicted, gold_words)
    matched = len(mapped & gold_starts)
    return _scores(matched, len(mapped), matched, len(gold_starts))


def structural_scores(gold: list[Block], predicted: list[Block]) -> Scores:
    """Like `boundary_scores`, counting only structural boundaries on each side.

    A predicted structural boundary is right if the gold has any boundary
    there; a gold structural boundary is found if the prediction has any.
    """
    gold_words, gold_starts = _stream([b.text for b in gold])
    gold_structural = _structural_starts(gold) & gold_starts
    mapping, mapped = _mapped_starts([b.text for b in predicted], gold_words)
    predicted_structural = {mapping[o] for o in _structural_starts(predicted) if o in mapping}
    return _scores(
        len(predicted_structural & gold_starts),
        len(predicted_structural),
        len(gold_structural & mapped),
        len(gold_structural),
    )


def seed_blocks(slug: str) -> tuple[list[Block], list[Block]]:
    """The curated blocks of `texts/<slug>.id.md` and the blocks importing the raw seed gives."""
    from reader.documents import load_source
    from reader.ingest.pipeline import ingest_file

    gold = load_source(ROOT / "texts" / f"{slug}.id.md").source.blocks
    return list(gold), list(ingest_file(FIXTURES / SEEDS[slug]).blocks)


def score_seed(slug: str) -> tuple[Scores, list[str]]:
    """Import the raw seed for `slug` and score it against `texts/<slug>.id.md`."""
    gold, imported = seed_blocks(slug)
    predicted = [b.text for b in imported]
    return boundary_scores([b.text for b in gold], predicted), predicted


def _line(label: str, scores: Scores) -> str:
    return (
        f"{label:40} precision {scores.precision:.3f}  recall {scores.recall:.3f}  "
        f"F1 {scores.f1:.3f}  (gold {scores.gold_boundaries}, "
        f"predicted {scores.predicted_boundaries}, matched {scores.matched})"
    )


def main() -> None:
    for slug in SEEDS:
        gold, imported = seed_blocks(slug)
        print(_line(slug, boundary_scores([b.text for b in gold], [b.text for b in imported])))
        print(_line(f"{slug} (structural)", structural_scores(gold, imported)))


if __name__ == "__main__":
    main()
