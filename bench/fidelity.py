"""Import fidelity on the realistic corpus and the seeds: Dwibahasa beside two alternatives.

For every corpus file (`bench/corpus`, built into a scratch folder unless
`--corpus DIR` or `--fixtures` says where) and both seeds, three arms read
the file:

- `dwibahasa`: `dwibahasa import --dry-run --json` (run in process through
  click's runner, or as a real subprocess with `--cli`);
- `plain`: `pdftotext` and blank-line splitting for PDFs, the stored
  paragraphs for DOCX, block-level elements for HTML, blank lines for text;
- `strong`: pymupdf4llm for PDFs, trafilatura for HTML (bench-only
  packages, imported lazily: the arm is skipped with a message when absent).

Figures per file and arm:

- **F1**: paragraph-boundary F1 (`bench/score_segmentation.boundary_scores`):
  both sides become one word stream, aligned; a boundary is a block start, and
  a predicted one counts when it falls before the same expected word as an
  expected one. Notes are left out on both sides (an expected note, or a
  block the importer marked `note`); a note left inside the body costs
  precision where it splits the text, recall where it glues two blocks.
- **leaks**: furniture (running header, page number, cookie banner, advert,
  'Terpopuler', comment, footer...) still in the output: occurrences of each
  furniture text as a run of words, beyond those the expected text itself
  has. A bare page number counts only as a block of its own.
- **hyph**: broken hyphenation: a hyphen followed by a space inside the
  output ('pendi‐ dikan'), or a hyphen kept inside a word the source writes
  without one ('menda-patkan').
- **lost**: words of the input (expected blocks plus furniture) missing from
  the output plus the removals the import recorded, as multisets (lower
  case, hyphens inside words dropped, footnote numbers optional; see
  `bench.corpus.model.tokens`). Arms that record nothing are judged on their
  output alone. `extra` counts the other way (words the input lacks: broken
  fragments, doubled text).
  `text` counts the expected blocks' words missing from the output itself,
  recorded or not (furniture is not counted there): what a reader misses.
- **notes**: expected notes that come out as blocks of their own.

    python bench/fidelity.py                       # build the corpus, all arms, seeds too
    python bench/fidelity.py --fixtures --json     # the test fixtures, as JSON
    python bench/fidelity.py --detail uu20-statuta.pdf   # where words are lost and leaked
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus.model import (  # noqa: E402
    HYPHENS,
    Expected,
    Furniture,
    load_expected,
    tokens,
    words_of,
)
from bench.score_segmentation import SEEDS, boundary_scores  # noqa: E402

ARMS = ("dwibahasa", "plain", "strong")
FIXTURE_DIR = ROOT / "tests" / "fixtures" / "realistic"
SEED_DIRS = (ROOT.parent / "shared" / "seeds", ROOT / "tests" / "fixtures" / "seeds")
REMOVAL_KEYS = ("removals", "removed_items", "removal_record", "removed_text", "removed")
_BLANK = re.compile(r"\n[ \t\f]*\n")
_SPLIT_HYPHEN = re.compile(rf"([^\W\d_]+)[{HYPHENS}]\s+([^\W\d_]+)")
_LINE_END_HYPHEN = re.compile(rf"([^\W\d_])([{HYPHENS}])[ \t]*\n\s*([^\W\d_])")
_ENDS_HYPHEN = re.compile(rf"([^\W\d_]+[{HYPHENS}])$")
_STARTS_WORD = re.compile(r"([^\W\d_]+)")
_KEPT_HYPHEN = re.compile(rf"([^\W\d_]+)[{HYPHENS}]([^\W\d_]+)")


@dataclass
class Output:
    """What one arm made of one file: blocks (kind, text) and the removals it recorded."""

    blocks: list[tuple[str, str]]
    removals: list[str] | None = None
    """None: the arm keeps no record of what it removed."""
    skipped: str = ""
    """Why the arm did not run on this file ('' if it did)."""


@dataclass
class Scores:
    file: str
    arm: str
    f1: float | None = None
    precision: float | None = None
    recall: float | None = None
    blocks: int = 0
    leaks: int | None = None
    hyphen_fragments: int = 0
    lost: int = 0
    lost_text: int = 0
    extra: int = 0
    removals_recorded: int | None = None
    notes_separate: str = ""
    skipped: str = ""
    lost_words: list[str] = field(default_factory=list)
    leaked: list[str] = field(default_factory=list)
    fragments: list[str] = field(default_factory=list)


# --- the arms ---------------------------------------------------------------------------


def removal_texts(report: dict[str, Any]) -> list[str] | None:
    """The texts an import report says were removed, or None if it records none.

    Looks for a list under the keys the importer may use (`removals`, ...),
    each entry a string or an object with `text`.
    """
    for key in REMOVAL_KEYS:
        value = report.get(key)
        if isinstance(value, list):
            texts = []
            for entry in value:
                if isinstance(entry, str):
                    texts.append(entry)
                elif isinstance(entry, dict) and isinstance(entry.get("text"), str):
                    texts.append(entry["text"])
            return texts
    return None


def dwibahasa_report(path: Path, *, cli: bool = False) -> dict[str, Any]:
    """`dwibahasa import --dry-run --json PATH`, in a scratch library."""
    with tempfile.TemporaryDirectory(prefix="dwibahasa-fidelity-") as scratch:
        env = {"DWIBAHASA_DB": str(Path(scratch) / "library.db")}
        args = ["import", "--dry-run", "--json", str(path)]
        if cli:
            executable = Path(sys.executable).with_name("dwibahasa")
            command = [str(executable)] if executable.exists() else ["dwibahasa"]
            done = subprocess.run(
                command + args,
                capture_output=True,
                text=True,
                env={**os.environ, **env},
                timeout=300,
            )
            text = done.stdout
        else:
            from click.testing import CliRunner

            from reader.cli import cli as group

            result = CliRunner().invoke(group, args, env=env, catch_exceptions=False)
            text = result.stdout
    data = json.loads(text) if text.strip() else {"status": "error", "error": "no output"}
    return data[0] if isinstance(data, list) else data


def run_dwibahasa(path: Path, *, cli: bool = False) -> Output:
    report = dwibahasa_report(path, cli=cli)
    if report.get("error"):
        return Output([], None, skipped=f"import failed: {report['error']}")
    blocks = [(str(p.get("kind", "paragraph")), str(p["text"])) for p in report["paragraphs"]]
    return Output(blocks, removal_texts(report))


def _paragraphs(text: str) -> list[tuple[str, str]]:
    """Blank-line-separated chunks, their lines joined with spaces."""
    chunks = (" ".join(chunk.split()) for chunk in _BLANK.split(text))
    return [("paragraph", chunk) for chunk in chunks if chunk]


_BLOCK_TAGS = {
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
    "header", "footer", "nav", "aside", "main", "blockquote", "ol", "ul", "button", "br",
}  # fmt: skip


def _html_plain(path: Path) -> list[tuple[str, str]]:
    """Block-level elements' text, as a naive HTML-to-text conversion makes it."""
    import lxml.html  # type: ignore[import-untyped]

    root = lxml.html.fromstring(path.read_bytes())
    for bad in root.xpath("//script|//style|//head"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
            element.tail = "\n\n" + (element.tail or "")
    return _paragraphs(root.text_content())


def run_plain(path: Path) -> Output:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        if shutil.which("pdftotext") is None:
            return Output([], skipped="pdftotext not installed (apt-get install poppler-utils)")
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            check=True,
            timeout=120,
        )
        return Output(_paragraphs(done.stdout.decode("utf-8")))
    if suffix == ".docx":
        import docx

        paragraphs = docx.Document(str(path)).paragraphs
        return Output([("paragraph", p.text) for p in paragraphs if p.text.strip()])
    if suffix in (".html", ".htm"):
        return Output(_html_plain(path))
    return Output(_paragraphs(path.read_text(encoding="utf-8", errors="replace")))


_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_MARKUP = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def _markdown_blocks(text: str) -> list[tuple[str, str]]:
    blocks = []
    for kind, chunk in _paragraphs(text):
        heading = _MD_HEADING.match(chunk)
        clean = _MD_ESCAPE.sub(r"\1", _MD_MARKUP.sub("", _MD_HEADING.sub("", chunk)))
        if clean.strip() and clean.strip() != "-----":
            blocks.append(("heading" if heading else kind, clean.strip()))
    return blocks


def run_strong(path: Path) -> Output:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        try:
            import pymupdf4llm  # type: ignore[import-untyped]
        except ImportError:
            return Output([], skipped="pymupdf4llm not installed (bench only)")
        markdown = pymupdf4llm.to_markdown(str(path), show_progress=False)
        return Output(_markdown_blocks(markdown))
    if suffix in (".html", ".htm"):
        try:
            import trafilatura
        except ImportError:
            return Output([], skipped="trafilatura not installed (bench only)")
        text = trafilatura.extract(
            path.read_text(encoding="utf-8"), include_comments=False, include_tables=True
        )
        return Output([("paragraph", line) for line in (text or "").split("\n") if line.strip()])
    return Output([], skipped="no strong alternative for this format")


def run_arm(arm: str, path: Path, *, cli: bool = False) -> Output:
    if arm == "dwibahasa":
        return run_dwibahasa(path, cli=cli)
    if arm == "plain":
        return run_plain(path)
    return run_strong(path)


# --- the figures ------------------------------------------------------------------------


def _count_runs(needle: list[str], haystack: list[str]) -> int:
    """Non-overlapping occurrences of the word run `needle` in `haystack`."""
    if not needle:
        return 0
    count, i, n = 0, 0, len(needle)
    while i + n <= len(haystack):
        if haystack[i : i + n] == needle:
            count += 1
            i += n
        else:
            i += 1
    return count


def leaks(furniture: list[Furniture], gold_texts: list[str], out_texts: list[str]) -> list[str]:
    """Furniture texts found in the output beyond the expected text's own occurrences."""
    placed = Counter(f.text for f in furniture)
    kinds = {f.text: f.kind for f in furniture}
    out_stream = [t for text in out_texts for t in tokens(text)]
    gold_stream = [t for text in gold_texts for t in tokens(text)]
    out_blocks = [tokens(text) for text in out_texts]
    leaked: list[str] = []
    for text, times in placed.items():
        probe = tokens(text)
        if kinds[text] == "page-number" and all(t.isdigit() for t in probe):
            found = sum(1 for block in out_blocks if block == probe)
        else:
            found = _count_runs(probe, out_stream) - _count_runs(probe, gold_stream)
        leaked.extend([f"{kinds[text]}: {text}"] * max(0, min(times, found)))
    return leaked


def _gold_forms(gold_texts: list[str]) -> tuple[set[str], set[str]]:
    """Words of the expected text without hyphens, and its hyphenated words (hyphen '-')."""
    plain_words: set[str] = set()
    hyphenated: set[str] = set()
    for text in gold_texts:
        plain_words.update(tokens(text))
        for match in _KEPT_HYPHEN.finditer(text.lower()):
            hyphenated.add(f"{match[1]}-{match[2]}")
    return plain_words, hyphenated


def hyphen_fragments(gold_texts: list[str], out_texts: list[str]) -> list[str]:
    plain_words, hyphenated = _gold_forms(gold_texts)
    found: list[str] = []
    for text, following in zip(out_texts, [*out_texts[1:], ""], strict=True):
        found.extend(m.group() for m in _SPLIT_HYPHEN.finditer(text))
        end, start = _ENDS_HYPHEN.search(text), _STARTS_WORD.match(following)
        if end and start:  # a word cut between two blocks
            found.append(f"{end[1]} | {start[1]}")
        for match in _KEPT_HYPHEN.finditer(text):
            first, second = match[1].lower(), match[2].lower()
            joined = first + second
            if f"{first}-{second}" not in hyphenated and joined in plain_words:
                found.append(match.group())
    return found


def _notes_separate(expected: Expected, out_texts: list[str]) -> str:
    notes = [b for b in expected.blocks if b.kind == "note"]
    if not notes:
        return ""
    out = [tokens(text) for text in out_texts]
    hits = 0
    for note in notes:
        want = tokens(note.text)[1:]  # without its number
        if any(
            SequenceMatcher(None, want, block[-len(want) :], autojunk=False).ratio() >= 0.9
            and len(block) <= len(want) + 3
            for block in out
        ):
            hits += 1
    return f"{hits}/{len(notes)}"


def score(
    name: str, arm: str, expected: Expected, output: Output, input_words: Counter[str]
) -> Scores:
    """The figures of one arm's `output` for one file (see the module's docstring)."""
    if output.skipped:
        return Scores(name, arm, skipped=output.skipped)
    body = [b.text for b in expected.body]
    gold_all = [b.text for b in expected.blocks]
    predicted = [text for kind, text in output.blocks if kind != "note"]
    out_all = [text for _, text in output.blocks]
    boundaries = boundary_scores(body, predicted)
    shown = words_of(out_all)
    got = shown + words_of(output.removals or [])
    optional = Counter(expected.optional)
    lost = input_words - got - optional
    lost_text = words_of(gold_all) - shown - optional
    extra = got - input_words
    return Scores(
        file=name,
        arm=arm,
        f1=round(boundaries.f1, 3),
        precision=round(boundaries.precision, 3),
        recall=round(boundaries.recall, 3),
        blocks=len(output.blocks),
        leaks=len(leaks(expected.furniture, gold_all, out_all)) if expected.furniture else None,
        hyphen_fragments=len(hyphen_fragments(gold_all, out_all)),
        lost=sum(lost.values()),
        lost_text=sum(lost_text.values()),
        extra=sum(extra.values()),
        removals_recorded=None if output.removals is None else len(output.removals),
        notes_separate=_notes_separate(expected, out_all),
        lost_words=sorted(lost.elements()),
        leaked=leaks(expected.furniture, gold_all, out_all),
        fragments=hyphen_fragments(gold_all, out_all),
    )


# --- files ------------------------------------------------------------------------------


@dataclass
class Case:
    """One file to read and what it should give."""

    name: str
    path: Path
    expected: Expected
    input_words: Counter[str]


def corpus_cases(folder: Path) -> list[Case]:
    cases = []
    for expected_file in sorted(folder.glob("*.expected.md")):
        path = expected_file.with_name(expected_file.name.removesuffix(".expected.md"))
        if path.exists():
            expected = load_expected(expected_file)
            cases.append(Case(path.name, path, expected, expected.input_words()))
    return cases


def seed_cases() -> list[Case]:
    """The two seeds: raw extracted text against the curated `texts/` version."""
    from bench.corpus.model import Block
    from reader.documents import load_source

    cases = []
    for slug, filename in SEEDS.items():
        path = next((d / filename for d in SEED_DIRS if (d / filename).exists()), None)
        if path is None:
            continue
        gold = load_source(ROOT / "texts" / f"{slug}.id.md").source.blocks
        expected = Expected({}, [Block(b.kind, b.text, b.lang, b.level) for b in gold])
        text = path.read_text(encoding="utf-8", errors="replace")
        raw = words_of([_LINE_END_HYPHEN.sub(r"\1\2\3", text)])  # 'kontra-|infiltrasi': one word
        cases.append(Case(f"seed {filename[:3]}", path, expected, raw))
    return cases


def evaluate(cases: list[Case], arms: list[str], *, cli: bool = False) -> list[Scores]:
    rows = []
    for case in cases:
        for arm in arms:
            output = run_arm(arm, case.path, cli=cli)
            rows.append(score(case.name, arm, case.expected, output, case.input_words))
    return rows


# --- printing ---------------------------------------------------------------------------


def _cell(value: object) -> str:
    return "-" if value is None or value == "" else str(value)


def table(rows: list[Scores]) -> str:
    header = (
        f"{'file':26} {'arm':10} {'F1':>6} {'P':>6} {'R':>6} {'blocks':>6} "
        f"{'leaks':>5} {'hyph':>5} {'lost':>5} {'text':>5} {'extra':>5} {'rec':>4} {'notes':>5}"
    )
    lines = [header, "-" * len(header)]
    previous = ""
    for row in rows:
        if previous and row.file != previous:
            lines.append("")
        previous = row.file
        if row.skipped:
            lines.append(f"{row.file:26} {row.arm:10} (skipped: {row.skipped})")
            continue
        lines.append(
            f"{row.file:26} {row.arm:10} {row.f1:6.3f} {row.precision:6.3f} {row.recall:6.3f} "
            f"{row.blocks:6d} {_cell(row.leaks):>5} {row.hyphen_fragments:5d} {row.lost:5d} "
            f"{row.lost_text:5d} {row.extra:5d} {_cell(row.removals_recorded):>4} "
            f"{_cell(row.notes_separate):>5}"
        )
    lines.append("")
    for arm in dict.fromkeys(r.arm for r in rows):
        ran = [r for r in rows if r.arm == arm and not r.skipped and r.f1 is not None]
        if not ran:
            continue
        f1s = [r.f1 for r in ran if r.f1 is not None]
        lines.append(
            f"{arm:10} files {len(ran):2d}  mean F1 {sum(f1s) / len(f1s):.3f}  "
            f"min F1 {min(f1s):.3f}  leaks {sum(r.leaks or 0 for r in ran)}  "
            f"hyph {sum(r.hyphen_fragments for r in ran)}  lost {sum(r.lost for r in ran)}  "
            f"text lost {sum(r.lost_text for r in ran)}"
        )
    return "\n".join(lines)


def detail(case: Case, output: Output) -> str:
    """Where an arm loses words (runs of expected text missing) and what it leaks."""
    scores = score(case.name, "detail", case.expected, output, case.input_words)
    gold = [t for b in case.expected.blocks for t in tokens(b.text)]
    out = [t for _, text in output.blocks for t in tokens(text)]
    optional = Counter(case.expected.optional)
    missing = words_of(b.text for b in case.expected.blocks) - Counter(out) - optional
    silent = Counter(scores.lost_words)
    lines = [
        f"{case.name}: lost {scores.lost} (no record), text missing {scores.lost_text}, "
        f"leaks {_cell(scores.leaks)}, removals recorded {_cell(scores.removals_recorded)}"
    ]
    matcher = SequenceMatcher(None, gold, out, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        span = gold[i1:i2]  # shown when most of it is really missing, not just elsewhere
        if tag in ("delete", "replace") and 2 * sum(1 for t in span if missing[t]) >= len(span):
            how = "silent" if 2 * sum(1 for t in span if silent[t]) >= len(span) else "recorded"
            before = " ".join(gold[max(0, i1 - 4) : i1])
            lines.append(f"  missing ({how}): …{before} [{' '.join(span)}]")
    furniture_silent = sum((silent - missing).values())
    if furniture_silent > 0:
        lines.append(f"  furniture words removed without a record: {furniture_silent}")
    lines.extend(f"  leaked: {text}" for text in scores.leaked)
    lines.extend(f"  hyphen: {text!r}" for text in scores.fragments)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--corpus", type=Path, help="a built corpus (default: build one)")
    where.add_argument("--fixtures", action="store_true", help="tests/fixtures/realistic")
    parser.add_argument("--arms", default=",".join(ARMS), help="comma-separated: " + ",".join(ARMS))
    parser.add_argument("--no-seeds", action="store_true")
    parser.add_argument("--cli", action="store_true", help="run the dwibahasa command itself")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--detail", metavar="FILE", help="where the dwibahasa arm loses words")
    options = parser.parse_args(argv)
    arms = [a for a in options.arms.split(",") if a]
    scratch = None
    if options.fixtures:
        folder = FIXTURE_DIR
    elif options.corpus:
        folder = options.corpus
    else:
        from bench.corpus import build

        scratch = tempfile.TemporaryDirectory(prefix="dwibahasa-corpus-")
        folder = Path(scratch.name)
        build(folder)
    cases = corpus_cases(folder) + ([] if options.no_seeds else seed_cases())
    if options.detail:
        chosen = [c for c in cases if c.name == options.detail]
        if not chosen:
            parser.error(f"no file {options.detail!r} in {folder}")
        for arm in arms:
            print(f"[{arm}] " + detail(chosen[0], run_arm(arm, chosen[0].path, cli=options.cli)))
        return 0
    rows = evaluate(cases, arms, cli=options.cli)
    if options.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))
    else:
        print(table(rows))
    if scratch is not None:
        scratch.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
