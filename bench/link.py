"""Term linking: our Matcher against flashtext on ~10 MB of Indonesian, and one document.

Builds an Indonesian corpus from the bodies of the bundled `texts/*.id.md`
(YAML front matter dropped), repeated to --mb megabytes, and times in the same
run, alternating, best of --runs:
  * ours: `Matcher.match_id` over the whole corpus;
  * flashtext: `KeywordProcessor(case_sensitive=False).extract_keywords` over the
    same text, given the same surface forms (every `id_forms` of every term).
flashtext knows nothing of clitics, reduplication, hyphen breaks or separators,
so the match counts differ a little; the point is the time for the same text.
Target: ratio ours / flashtext <= 1.0. Building either is timed apart.
Then links a document of --paragraphs paragraphs taken from the bundled texts,
one `match_id` call per paragraph, as the reader does. Target: < 100 ms.

The term base is the one installed (`glossary/data/terms.toml`, whatever its size),
plus any `--terms FILE` given (files of the same TOML shape, such as
`glossary/data/incoming/*.toml` before they are merged; an id already loaded keeps
its first entry), so the figures can be taken on the larger base ahead of a merge.

    python bench/link.py [--mb N] [--runs N] [--paragraphs N] [--terms FILE ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flashtext import KeywordProcessor

from bench._common import summary
from glossary.match import Matcher
from glossary.termbase import default_termbase, load_toml

ROOT = Path(__file__).resolve().parent.parent


def bodies() -> list[str]:
    """The bundled Indonesian texts without their YAML front matter."""
    texts = []
    for path in sorted((ROOT / "texts").glob("*.id.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            _, _, rest = text[3:].partition("\n---")
            text = rest.partition("\n")[2]
        texts.append(text.strip())
    return texts


def corpus(megabytes: float) -> str:
    body = "\n\n".join(bodies()) + "\n\n"
    size = int(megabytes * 1_000_000)
    return (body * (size // len(body) + 1))[:size]


def paragraphs(count: int) -> list[str]:
    """`count` prose paragraphs of the bundled texts (cycled if there are fewer)."""
    found = [
        block.strip()
        for text in bodies()
        for block in text.split("\n\n")
        if block.strip() and not block.lstrip().startswith(("<!--", "#"))
    ]
    return [found[n % len(found)] for n in range(count)]


def timed(function: Callable[..., list[Any]], *args: object) -> tuple[float, int]:
    """Seconds one call takes, and how many matches it returned."""
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, len(result)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB")
    parser.add_argument("--runs", type=int, default=3, help="runs of each, best kept")
    parser.add_argument("--paragraphs", type=int, default=100)
    parser.add_argument(
        "--terms", type=Path, nargs="*", default=[], help="more term files (TOML) to add"
    )
    args = parser.parse_args()

    by_id = {term.id: term for term in default_termbase()}
    for path in args.terms:
        for term in load_toml(path):
            by_id.setdefault(term.id, term)
    terms = list(by_id.values())
    build_start = time.perf_counter()
    matcher = Matcher(terms)
    matcher.match_id("diplomasi")  # compiles the Indonesian scanner, done once per matcher
    build = time.perf_counter() - build_start
    build_start = time.perf_counter()
    processor = KeywordProcessor(case_sensitive=False)
    for term in terms:
        for form in term.id_forms:
            processor.add_keyword(form, term.id)
    flash_build = time.perf_counter() - build_start
    forms = sum(len(term.id_forms) for term in terms)

    text = corpus(args.mb)
    words = len(text.split())
    print(f"corpus: {len(text) / 1e6:.1f} MB, {words:,} words; {len(terms)} terms, {forms} forms")
    print(
        f"built: ours {build * 1000:.1f} ms (trie and scanner), "
        f"flashtext {flash_build * 1000:.1f} ms (not counted below)"
    )
    ours_times, flash_times = [], []
    ours_count = flash_count = 0
    for _ in range(args.runs):
        elapsed, ours_count = timed(matcher.match_id, text)
        ours_times.append(elapsed)
        elapsed, flash_count = timed(processor.extract_keywords, text, True)
        flash_times.append(elapsed)
    ours, flash = min(ours_times), min(flash_times)
    print(f"ours:      {ours:7.3f} s  {ours_count:8,} matches  {len(text) / 1e6 / ours:6.1f} MB/s")
    print(
        f"flashtext: {flash:7.3f} s  {flash_count:8,} matches  {len(text) / 1e6 / flash:6.1f} MB/s"
    )
    print(f"ratio ours / flashtext: {ours / flash:.2f} (target <= 1.0)")

    document = paragraphs(args.paragraphs)
    chars = sum(len(p) for p in document)
    samples = []
    links = 0
    for _ in range(max(args.runs, 5)):
        start = time.perf_counter()
        links = sum(len(matcher.match_id(paragraph)) for paragraph in document)
        samples.append(time.perf_counter() - start)
    print(
        f"document of {len(document)} paragraphs ({chars / 1000:.0f} kB, {links} links): "
        f"{summary(samples)}   best {min(samples) * 1000:.1f} ms (target < 100 ms)"
    )


if __name__ == "__main__":
    main()
