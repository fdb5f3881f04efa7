"""Machine translation speed: argostranslate's own loop vs Dwibahasa's pipeline vs raw CTranslate2.

Builds a synthetic package of realistic size (Transformer-base: 6+6 layers,
d_model 512, ffn 2048, 8 heads, 32k vocabulary, int8) and translates the same
Indonesian paragraphs three ways in one run:

  argos loop  `argostranslate.translate.translate` per paragraph, default settings
  ours        the worker's SentenceTranslator: our sentence splitter, length-sorted
              batches of 16 through one CTranslate2 translator, tuned threads
  raw         `ctranslate2.Translator.translate_batch` over the same pre-tokenized,
              length-sorted sentences (the floor: no splitting, no decoding)

Random weights never emit end-of-sentence, so every arm caps outputs at 1.4x the
source length (the same rule, injected into argostranslate's translator too).
Targets: ours >= 5x faster than the argos loop; ours within 1.2x of raw.
Then `bench/translate_ui.py` measures the reader while the worker translates.

    python bench/mt.py [--paragraphs 20] [--skip-ui]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LENGTH_RATIO = 1.4
BATCH = 16
BEAM = 4


def paragraphs(count: int) -> list[str]:
    from reader.documents import load_source

    texts: list[str] = []
    for name in ("aliansi-strategis-korea-as", "normalisasi-jepang-korea"):
        blocks = load_source(ROOT / "texts" / f"{name}.id.md").source.blocks
        texts += [b.text for b in blocks if b.kind == "paragraph" and b.lang == "id"]
    return texts[:count]


def cap(batch: list[list[str]]) -> int:
    return max(4, int(max(len(tokens) for tokens in batch) * LENGTH_RATIO) + 2)


def run_argos_loop(package_file: Path, texts: list[str]) -> float:
    """argostranslate's public API, as a user would call it, per paragraph."""
    import argostranslate.package
    import argostranslate.translate
    import ctranslate2

    argostranslate.package.install_from_path(package_file)

    class CappedTranslator(ctranslate2.Translator):  # type: ignore[misc]
        def translate_batch(self, source: list[list[str]], *args: Any, **kwargs: Any) -> Any:
            kwargs["max_decoding_length"] = cap(source)
            return super().translate_batch(source, *args, **kwargs)

    shim = types.SimpleNamespace(Translator=CappedTranslator)
    argostranslate.translate.ctranslate2 = shim  # type: ignore[attr-defined]
    argostranslate.translate.translate(texts[0], "id", "en")  # load the model, as ours does
    start = time.perf_counter()
    for text in texts:
        argostranslate.translate.translate(text, "id", "en")
    return time.perf_counter() - start


def run_ours(package_dir: Path, texts: list[str]) -> float:
    from reader.translate.worker import SentenceTranslator

    translator = SentenceTranslator(package_dir)
    translator.translate(texts[:1], max_length_ratio=LENGTH_RATIO)  # warm
    start = time.perf_counter()
    translator.translate(texts, beam_size=BEAM, batch_size=BATCH, max_length_ratio=LENGTH_RATIO)
    return time.perf_counter() - start


def run_raw(package_dir: Path, texts: list[str]) -> float:
    import ctranslate2
    from argostranslate.package import Package

    from reader.ingest.sentences import split_sentences
    from reader.translate.worker import default_threads

    package = Package(package_dir)
    tokens = [package.tokenizer.encode(s) for text in texts for s in split_sentences(text)]
    tokens.sort(key=len)
    translator = ctranslate2.Translator(
        str(package_dir / "model"), device="cpu", inter_threads=1, intra_threads=default_threads()
    )
    translator.translate_batch(tokens[:1], beam_size=BEAM, max_decoding_length=cap(tokens[:1]))
    start = time.perf_counter()
    for i in range(0, len(tokens), BATCH):
        batch = tokens[i : i + BATCH]
        translator.translate_batch(
            batch, beam_size=BEAM, max_decoding_length=cap(batch), length_penalty=0.2
        )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=20)
    parser.add_argument("--skip-ui", action="store_true", help="only the three-way comparison")
    parser.add_argument("--tiny", action="store_true", help="a tiny model (smoke test only)")
    options = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="dwibahasa-mt-"))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(home / name.lower())
    os.environ["ARGOS_PACKAGES_DIR"] = str(home / "argos-packages")
    os.environ["DWIBAHASA_MODELS_DIR"] = str(home / "models")

    from reader.translate.models import install_package
    from tests.argos_model import REALISTIC, build_package

    started = time.perf_counter()
    package_file = build_package(home / "realistic.argosmodel", shape=REALISTIC)
    size_mb = package_file.stat().st_size / 1024**2
    print(
        f"package: Transformer-base, 32k vocab, int8, {size_mb:.0f} MB "
        f"(built in {time.perf_counter() - started:.0f} s)"
    )
    package_dir = install_package(package_file).path
    texts = paragraphs(options.paragraphs)
    sentences = sum(len(t.split(". ")) for t in texts)
    print(
        f"input: {len(texts)} Indonesian paragraphs (~{sentences} sentences), "
        f"{os.cpu_count()} cores, outputs capped at {LENGTH_RATIO}x source length"
    )

    ours = run_ours(package_dir, texts)
    raw = run_raw(package_dir, texts)
    loop = run_argos_loop(package_file, texts)
    n = len(texts)
    print(f"argos loop (translate() per paragraph) : {loop / n:6.3f} s/paragraph")
    print(f"ours (split, sort, batch, one model)   : {ours / n:6.3f} s/paragraph")
    print(f"raw CTranslate2 translate_batch        : {raw / n:6.3f} s/paragraph")
    print(f"speed-up over the argos loop           : {loop / ours:6.1f}x   (target >= 5x)")
    print(f"ours / raw CTranslate2                 : {ours / raw:6.2f}    (target <= 1.2)")

    if not options.skip_ui:
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "translate_ui.py"), str(package_file)],
            check=True,
        )


if __name__ == "__main__":
    main()
