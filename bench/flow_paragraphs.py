"""How well can paragraph breaks be guessed in text that lost every line break?

Seed 000 is one line of 28,521 characters: extraction kept no line or
paragraph break. The importer then splits each section at sentence ends by a
least-cost rule (`reader.ingest.segment.paragraphs_from_sentences`: a length
prior, discourse openers, a closing citation). This script measures that rule
on text whose true paragraphs are known: every run of body paragraphs in the
curated documents (`texts/*.id.md`, and the prose sources of `bench/corpus`)
is joined into one line, split again, and scored by paragraph-boundary F1
(`bench.score_segmentation`). Headings are not part of the test: only the
breaks inside a section, which is what seed 000 lacks.

Beside the rule it prints two baselines measured in the same run (no break
at all; a break every N words, N the curated mean) and, for each cue the
rule could use, how often a true break follows it:

  * an opener ("Akan tetapi", "Selain itu", ...) at the start of a sentence;
  * a citation "(Name, 2009, p. 4)." at the end of the sentence before;
  * a drop in lexical cohesion (cosine of the stems of the 3 sentences on
    each side, the cue of TextTiling), at breaks versus elsewhere.

    python bench/flow_paragraphs.py
"""

from __future__ import annotations

import math
import re
import statistics
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus.model import load_source as load_corpus_source  # noqa: E402
from bench.corpus.model import plain  # noqa: E402
from bench.score_segmentation import boundary_scores  # noqa: E402
from reader.documents import load_source  # noqa: E402
from reader.ingest.segment import (  # noqa: E402
    ends_with_citation,
    opens_with_marker,
    paragraphs_from_sentences,
)
from reader.ingest.sentences import split_sentences  # noqa: E402

Splitter = Callable[[str], list[str]]
_STEM_WORD = re.compile(r"[^\W\d_]{3,}")
_SUFFIXES = ("nya", "lah", "kah", "kan", "an", "i")
_PREFIXES = ("meng", "meny", "mem", "men", "me", "peng", "peny", "pem", "pen", "pe", "ber", "ter")


@dataclass
class Document:
    name: str
    sections: list[list[str]]
    """Runs of consecutive body paragraphs in one language, between other blocks."""


def _runs(blocks: list[tuple[str, str, str]]) -> list[list[str]]:
    runs: list[list[str]] = []
    current: list[str] = []
    language = ""
    for kind, text, lang in blocks:
        if kind != "paragraph" or lang != language:
            if len(current) > 1:
                runs.append(current)
            current, language = [], lang
        if kind == "paragraph":
            current.append(text)
    if len(current) > 1:
        runs.append(current)
    return runs


def documents() -> list[Document]:
    found = []
    for path in sorted((ROOT / "texts").glob("*.id.md")):
        curated = load_source(path).source.blocks
        found.append(Document(path.name, _runs([(b.kind, b.text, b.lang) for b in curated])))
    for path in sorted((ROOT / "bench" / "corpus" / "sources").glob("*.md")):
        if path.stem.startswith("uu"):  # statutes: clauses and items, not prose paragraphs
            continue
        written = load_corpus_source(path).blocks
        found.append(Document(path.name, _runs([(b.kind, plain(b.text), b.lang) for b in written])))
    return [document for document in found if document.sections]


def score(document: Document, split: Splitter) -> tuple[int, int, int]:
    """Matched, predicted and true breaks inside the sections of `document`."""
    matched = predicted = gold = 0
    for section in document.sections:
        scores = boundary_scores(section, split(" ".join(section)))
        matched += scores.matched
        predicted += scores.predicted_boundaries
        gold += scores.gold_boundaries
    return matched, predicted, gold


def f1(matched: int, predicted: int, gold: int) -> float:
    precision = matched / predicted if predicted else 1.0
    recall = matched / gold if gold else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def every_n_words(n: int) -> Splitter:
    """Break at the first sentence end after every `n` words."""

    def split(text: str) -> list[str]:
        paragraphs: list[str] = []
        current: list[str] = []
        for sentence in split_sentences(text):
            current.append(sentence)
            if sum(len(s.split()) for s in current) >= n:
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
        return paragraphs

    return split


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            return word[len(prefix) :]
    return word


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(count * b[word] for word, count in a.items())
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def cue_table(document: Document) -> dict[str, tuple[int, int]]:
    """For each cue: (true breaks where it fires, places where it fires); and the base rate."""
    fired: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    cohesion: dict[bool, list[float]] = {True: [], False: []}
    for section in document.sections:
        sentences: list[str] = []
        starts: list[bool] = []
        for number, paragraph in enumerate(section):
            for k, sentence in enumerate(split_sentences(paragraph)):
                sentences.append(sentence)
                starts.append(number > 0 and k == 0)
        bags = [Counter(map(_stem, _STEM_WORD.findall(s))) for s in sentences]
        for i in range(1, len(sentences)):
            for cue, present in (
                ("any sentence end", True),
                ("opener", opens_with_marker(sentences[i])),
                ("citation before", ends_with_citation(sentences[i - 1])),
            ):
                if present:
                    fired[cue] += 1
                    hits[cue] += starts[i]
            before = sum((bags[j] for j in range(max(0, i - 3), i)), Counter[str]())
            after = sum((bags[j] for j in range(i, min(len(bags), i + 3))), Counter[str]())
            cohesion[starts[i]].append(_cosine(before, after))
    table = {cue: (hits[cue], fired[cue]) for cue in fired}
    for at_break, values in cohesion.items():
        label = "cohesion at breaks" if at_break else "cohesion elsewhere"
        table[label] = (round(1000 * statistics.fmean(values)) if values else 0, 1000)
    return table


def main() -> int:
    found = documents()
    mean_words = statistics.fmean(len(p.split()) for d in found for s in d.sections for p in s)
    arms: dict[str, Splitter] = {
        "importer": paragraphs_from_sentences,
        "no break": lambda text: [text],
        f"every {round(mean_words)} words": every_n_words(round(mean_words)),
    }
    print(f"breaks inside sections, text joined into one line ({len(found)} documents)\n")
    print(f"{'document':36}" + "".join(f"{arm:>20}" for arm in arms))
    totals = {arm: [0, 0, 0] for arm in arms}
    for document in found:
        cells = []
        for arm, split in arms.items():
            matched, predicted, gold = score(document, split)
            for k, value in enumerate((matched, predicted, gold)):
                totals[arm][k] += value
            cells.append(f"{f1(matched, predicted, gold):.3f} ({matched}/{gold})")
        print(f"{document.name:36}" + "".join(f"{cell:>20}" for cell in cells))
    print(f"{'all':36}" + "".join(f"{f1(*totals[arm]):>20.3f}" for arm in arms))
    print("\ncues: true breaks / places the cue fires (cohesion: mean cosine x 1000)")
    for document in found:
        table = cue_table(document)
        print(f"  {document.name}")
        for cue, (hit, count) in table.items():
            rate = f"{hit / count:6.1%}" if count != 1000 else f"{hit:6d}"
            print(f"    {cue:22} {hit:4d} / {count:<5d} {rate}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
