"""Paragraph-boundary precision, recall and F1 of an import against a curated text.

Both sides are turned into one stream of words; the streams are aligned
(difflib), and every predicted paragraph start is mapped onto the curated
stream. A boundary counts when both put a paragraph start before the same
curated word. Words only one side has (a header the importer left, a
masthead the curator moved to the front matter) shift nothing.

    python bench/score_segmentation.py            # both seeds against texts/
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEDS = {
    "normalisasi-jepang-korea": "000_30c59ca8d7ef7bf9.txt",
    "aliansi-strategis-korea-as": "003_6ecca5270ea43959.txt",
}
FIXTURES = ROOT / "tests" / "fixtures" / "seeds"
_TOKEN = re.compile(r"\w+")


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


def boundary_scores(gold: list[str], predicted: list[str]) -> Scores:
    """Scores of `predicted` paragraphs against `gold` paragraphs (same document)."""
    gold_words, gold_starts = _stream(gold)
    pred_words, pred_starts = _stream(predicted)
    matcher = SequenceMatcher(None, pred_words, gold_words, autojunk=False)
    to_gold: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            to_gold[block.a + k] = block.b + k
    mapped = set()
    for start in pred_starts:
        position = start
        while position < len(pred_words) and position not in to_gold:
            position += 1  # an unmatched word: the boundary falls before the next matched one
        if position in to_gold and to_gold[position] > 0:
            mapped.add(to_gold[position])
    matched = len(mapped & gold_starts)
    precision = matched / len(mapped) if mapped else 1.0
    recall = matched / len(gold_starts) if gold_starts else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, len(gold_starts), len(mapped), matched)


def score_seed(slug: str) -> tuple[Scores, list[str]]:
    """Import the raw seed for `slug` and score it against `texts/<slug>.id.md`."""
    from reader.documents import load_source
    from reader.ingest.pipeline import ingest_file

    gold = [b.text for b in load_source(ROOT / "texts" / f"{slug}.id.md").source.blocks]
    imported = ingest_file(FIXTURES / SEEDS[slug])
    return boundary_scores(gold, [b.text for b in imported.blocks]), [
        b.text for b in imported.blocks
    ]


def main() -> None:
    for slug in SEEDS:
        scores, _ = score_seed(slug)
        print(
            f"{slug:28} precision {scores.precision:.3f}  recall {scores.recall:.3f}  "
            f"F1 {scores.f1:.3f}  (gold {scores.gold_boundaries}, "
            f"predicted {scores.predicted_boundaries}, matched {scores.matched})"
        )


if __name__ == "__main__":
    main()
