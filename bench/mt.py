"""Machine translation speed: argostranslate's own loop vs Dwibahasa's pipeline vs the best
raw CTranslate2 configuration, then the same model served by LibreTranslate.

Builds a synthetic package of realistic size (Transformer-base: 6+6 layers,
d_model 512, ffn 2048, 8 heads, 32k vocabulary, int8) and translates the same
Indonesian paragraphs three ways, alternating, `--runs` times each (medians
printed):

  argos loop  `argostranslate.translate.translate` per paragraph, default settings
  ours        the worker's SentenceTranslator as it ships: our sentence splitter,
              length-sorted token batches submitted at once, threads by core count
  raw         `ctranslate2.Translator.translate_batch` over the same pre-tokenized
              sentences (the floor: no splitting, no decoding), in the best of the
              thread/batch configurations a short sweep finds on this machine

Random weights never emit end-of-sentence, so every arm caps outputs at 1.4x the
source length (the same rule, injected into argostranslate's translator too, and
into the LibreTranslate server's). Targets: ours >= 5x faster than the argos
loop; ours within 1.2x of the best raw. `--busy` runs all of it beside a CPU hog.

The LibreTranslate arm (when `.venv-lt` or `$DWIBAHASA_LT_COMMAND` has it): the
same package served on 127.0.0.1, per-paragraph time through Dwibahasa's client
vs the local worker, and throughput with 1, 2 and 4 concurrent clients.
Then `bench/translate_ui.py` measures the reader while the worker translates.

    python bench/mt.py [--paragraphs 20] [--runs 3] [--busy] [--skip-ui] [--skip-lt] [--tiny]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LENGTH_RATIO = 1.4
BEAM = 4
SWEEP_PARAGRAPHS = 6
CAP_SHIM = f"""
import ctranslate2

class _Capped(ctranslate2.Translator):
    def translate_batch(self, source, *args, **kwargs):
        longest = max((len(tokens) for tokens in source), default=1)
        kwargs["max_decoding_length"] = max(4, int(longest * {LENGTH_RATIO}) + 2)
        return super().translate_batch(source, *args, **kwargs)

ctranslate2.Translator = _Capped
"""
"""`sitecustomize` for the LibreTranslate server: the same output cap as the other arms."""


def paragraphs(count: int) -> list[str]:
    from reader.documents import load_source

    texts: list[str] = []
    for name in ("aliansi-strategis-korea-as", "normalisasi-jepang-korea"):
        blocks = load_source(ROOT / "texts" / f"{name}.id.md").source.blocks
        texts += [b.text for b in blocks if b.kind == "paragraph" and b.lang == "id"]
    return texts[:count]


def cap(batch: list[list[str]]) -> int:
    return max(4, int(max(len(tokens) for tokens in batch) * LENGTH_RATIO) + 2)


class ArgosLoop:
    """argostranslate's public API, as a user would call it, per paragraph."""

    def __init__(self, package_file: Path, texts: list[str]) -> None:
        import argostranslate.package
        import argostranslate.translate
        import ctranslate2

        argostranslate.package.install_from_path(package_file)

        class CappedTranslator(ctranslate2.Translator):  # type: ignore[misc]
            def translate_batch(self, source: list[list[str]], *args: Any, **kwargs: Any) -> Any:
                kwargs["max_decoding_length"] = cap(source)
                return super().translate_batch(source, *args, **kwargs)

        shim = types.SimpleNamespace(Translator=CappedTranslator)
        argostranslate.translate.ctranslate2 = shim  # type: ignore[assignment,attr-defined]
        self.translate = argostranslate.translate.translate
        self.translate(texts[0], "id", "en")  # load the model, as ours does

    def __call__(self, texts: list[str]) -> float:
        start = time.perf_counter()
        for text in texts:
            self.translate(text, "id", "en")
        return time.perf_counter() - start


class Ours:
    """The worker's SentenceTranslator, configured exactly as the worker configures it."""

    def __init__(self, package_dir: Path, texts: list[str]) -> None:
        from reader.translate.worker import SentenceTranslator

        self.translator = SentenceTranslator(package_dir)
        self.threads = (self.translator.inter_threads, self.translator.intra_threads)
        self.translator.translate(texts[:1], max_length_ratio=LENGTH_RATIO)  # warm

    def __call__(self, texts: list[str]) -> float:
        start = time.perf_counter()
        self.translator.translate(texts, beam_size=BEAM, max_length_ratio=LENGTH_RATIO)
        return time.perf_counter() - start


class Raw:
    """CTranslate2 alone over pre-tokenized sentences, in one thread/batch configuration."""

    def __init__(self, package_dir: Path, threads: tuple[int, int], batch_tokens: int) -> None:
        import ctranslate2
        from argostranslate.package import Package

        self.package = Package(package_dir)
        self.threads, self.batch_tokens = threads, batch_tokens
        self.translator = ctranslate2.Translator(
            str(package_dir / "model"),
            device="cpu",
            inter_threads=threads[0],
            intra_threads=threads[1],
        )
        self.translator.translate_batch([["▁a"]], beam_size=BEAM, max_decoding_length=4)

    def tokens(self, texts: list[str]) -> list[list[str]]:
        from reader.ingest.sentences import split_sentences

        return [self.package.tokenizer.encode(s) for text in texts for s in split_sentences(text)]

    def __call__(self, texts: list[str]) -> float:
        from reader.translate.worker import token_batches

        tokens = self.tokens(texts)  # not timed: the floor has no tokenizing
        batches = [
            [tokens[i] for i in chunk]
            for chunk in token_batches([len(t) for t in tokens], max_tokens=self.batch_tokens)
        ]
        start = time.perf_counter()
        pending = [
            self.translator.translate_batch(
                batch,
                beam_size=BEAM,
                max_decoding_length=cap(batch),
                length_penalty=0.2,
                max_batch_size=self.batch_tokens,
                batch_type="tokens",
                asynchronous=True,
            )
            for batch in batches
        ]
        for results in pending:
            for result in results:
                result.result()
        return time.perf_counter() - start

    def close(self) -> None:
        del self.translator


def best_raw(package_dir: Path, texts: list[str], cores: int) -> Raw:
    """A short sweep of thread splits and batch sizes on a few paragraphs; the fastest."""
    splits = sorted({(1, 1), (1, cores), (cores, 1), (max(1, cores // 2), 2 if cores > 2 else 1)})
    sample = texts[:SWEEP_PARAGRAPHS]
    best: tuple[float, tuple[int, int], int] | None = None
    for threads in splits:
        for batch_tokens in (1024, 2048):
            raw = Raw(package_dir, threads, batch_tokens)
            seconds = raw(sample)
            raw.close()
            print(
                f"  sweep raw inter={threads[0]} intra={threads[1]} tokens={batch_tokens:<5}"
                f": {seconds / len(sample):6.3f} s/paragraph",
                flush=True,
            )
            if best is None or seconds < best[0]:
                best = (seconds, threads, batch_tokens)
    assert best is not None
    return Raw(package_dir, best[1], best[2])


def alternate(
    arms: dict[str, Callable[[list[str]], float]], texts: list[str], runs: int
) -> dict[str, float]:
    """Each arm `runs` times, interleaved; the median seconds per paragraph of each."""
    times: dict[str, list[float]] = {name: [] for name in arms}
    for _ in range(runs):
        for name, arm in arms.items():
            times[name].append(arm(texts) / len(texts))
    for name, samples in times.items():
        print(f"  {name:<10} runs: " + ", ".join(f"{s:.3f}" for s in samples), flush=True)
    return {name: statistics.median(samples) for name, samples in times.items()}


def start_hog() -> subprocess.Popen[bytes]:
    """One other busy process: a pure-Python loop that keeps one core at 100 %."""
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


# The LibreTranslate arm ------------------------------------------------------------


def libretranslate_arm(
    home: Path, package_dir: Path, texts: list[str], ours_seconds: float, runs: int
) -> None:
    from tests.libretranslate_server import libretranslate_command

    command = libretranslate_command()
    if command is None:
        print("LibreTranslate arm skipped: run .ci/libretranslate (or set DWIBAHASA_LT_COMMAND)")
        return
    packages = home / "lt-packages"
    shutil.copytree(package_dir, packages / "translate-id_en")
    reverse = packages / "translate-en_id"  # a second package: LibreTranslate then never
    shutil.copytree(package_dir, reverse)  # tries to download any
    metadata = json.loads((reverse / "metadata.json").read_text(encoding="utf-8"))
    metadata.update(from_code="en", to_code="id", from_name="English", to_name="Indonesian")
    (reverse / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    shim = home / "lt-shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(CAP_SHIM, encoding="utf-8")
    os.environ["PYTHONPATH"] = str(shim)  # the server inherits the output cap
    from tests.libretranslate_server import start_real_server

    try:
        server = start_real_server(command, home / "lt-home", packages=packages, threads=4)
    finally:
        del os.environ["PYTHONPATH"]
    try:
        _measure_server(server.url, texts, ours_seconds, runs)
    finally:
        server.stop()


def _client(url: str) -> Any:
    from reader.ingest.sentences import split_sentences
    from reader.translate.libretranslate import LibreTranslateEngine

    return LibreTranslateEngine(url, split=split_sentences, timeout=600)


def _measure_server(url: str, texts: list[str], ours_seconds: float, runs: int) -> None:
    warm = _client(url)
    warm.translate(texts[:1])
    warm.close()
    singles: list[float] = []
    for _ in range(runs):
        engine = _client(url)
        start = time.perf_counter()
        for first in range(0, len(texts), engine.batch_paragraphs):
            engine.translate(texts[first : first + engine.batch_paragraphs])
        singles.append((time.perf_counter() - start) / len(texts))
        engine.close()
    single = statistics.median(singles)
    print(f"LibreTranslate, one client (our client)  : {single:6.3f} s/paragraph")
    print(f"local worker (ours, above)               : {ours_seconds:6.3f} s/paragraph")
    print(f"server / local                           : {single / ours_seconds:6.2f}")
    for clients in (1, 2, 4):
        latencies: list[float] = []
        lock = threading.Lock()

        def reader_client(latencies: list[float] = latencies, lock: threading.Lock = lock) -> None:
            engine = _client(url)
            for first in range(0, len(texts), engine.batch_paragraphs):
                batch = texts[first : first + engine.batch_paragraphs]
                began = time.perf_counter()
                engine.translate(batch)
                with lock:
                    latencies.append((time.perf_counter() - began) / len(batch))
            engine.close()

        threads = [threading.Thread(target=reader_client) for _ in range(clients)]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - start
        print(
            f"{clients} concurrent client(s): {clients * len(texts) / wall:6.2f} paragraphs/s"
            f" in all, {statistics.median(latencies):6.3f} s/paragraph each (median)",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3, help="alternating runs per arm")
    parser.add_argument("--busy", action="store_true", help="beside one CPU-bound process")
    parser.add_argument("--skip-ui", action="store_true", help="only the three-way comparison")
    parser.add_argument("--skip-lt", action="store_true", help="no LibreTranslate arm")
    parser.add_argument("--tiny", action="store_true", help="a tiny model (smoke test only)")
    parser.add_argument(
        "--lt-only", action="store_true", help="only the local worker and the LibreTranslate arm"
    )
    parser.add_argument(
        "--lt-inter-threads",
        type=int,
        default=0,
        help="ARGOS_INTER_THREADS for the server (default: argostranslate's, 1)",
    )
    options = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="dwibahasa-mt-"))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(home / name.lower())
    os.environ["ARGOS_PACKAGES_DIR"] = str(home / "argos-packages")
    os.environ["DWIBAHASA_MODELS_DIR"] = str(home / "models")

    from reader.translate.models import install_package
    from reader.translate.worker import usable_cores
    from tests.argos_model import REALISTIC, TINY, build_package

    started = time.perf_counter()
    shape = TINY if options.tiny else REALISTIC
    package_file = build_package(home / "realistic.argosmodel", shape=shape)
    size_mb = package_file.stat().st_size / 1024**2
    kind = "tiny" if options.tiny else "Transformer-base, 32k vocab, int8"
    print(f"package: {kind}, {size_mb:.0f} MB (built in {time.perf_counter() - started:.0f} s)")
    package_dir = install_package(package_file).path
    texts = paragraphs(options.paragraphs)
    sentences = sum(len(t.split(". ")) for t in texts)
    cores = usable_cores()
    hog = start_hog() if options.busy else None
    load = os.getloadavg()[0]
    print(
        f"input: {len(texts)} Indonesian paragraphs (~{sentences} sentences), {cores} cores"
        f"{', one other busy process' if hog else ''}, load average {load:.1f} before,"
        f" outputs capped at"
        f" {LENGTH_RATIO}x source length, beam {BEAM}, medians of {options.runs} runs"
    )
    if options.lt_inter_threads:
        os.environ["ARGOS_INTER_THREADS"] = str(options.lt_inter_threads)
        print(f"server: ARGOS_INTER_THREADS={options.lt_inter_threads}")
    if options.lt_only:
        ours = Ours(package_dir, texts)
        single = statistics.median(ours(texts) / len(texts) for _ in range(options.runs))
        libretranslate_arm(home, package_dir, texts, single, options.runs)
        return
    try:
        raw = best_raw(package_dir, texts, cores)
        ours = Ours(package_dir, texts)
        loop = ArgosLoop(package_file, texts)
        medians = alternate({"ours": ours, "raw": raw, "argos loop": loop}, texts, options.runs)
        inter, intra = ours.threads
        print(
            f"argos loop (translate() per paragraph) : {medians['argos loop']:6.3f} s/paragraph"
            "   (argostranslate defaults: inter 1, intra auto, batches of 32)"
        )
        print(
            f"ours (split, sort, batch, one model)   : {medians['ours']:6.3f} s/paragraph"
            f"   (inter {inter}, intra {intra}, batches of {ours.translator.batch_tokens} tokens)"
        )
        print(
            f"raw CTranslate2 translate_batch        : {medians['raw']:6.3f} s/paragraph"
            f"   (best of the sweep: inter {raw.threads[0]}, intra {raw.threads[1]},"
            f" batches of {raw.batch_tokens} tokens)"
        )
        print(
            "speed-up over the argos loop           : "
            f"{medians['argos loop'] / medians['ours']:6.1f}x"
            "   (target >= 5x)"
        )
        print(
            f"ours / raw CTranslate2                 : {medians['ours'] / medians['raw']:6.2f}"
            "    (target <= 1.2)"
        )
        raw.close()
        if not options.skip_lt:
            libretranslate_arm(home, package_dir, texts, medians["ours"], options.runs)
    finally:
        if hog is not None:
            hog.kill()
            hog.wait()

    if not options.skip_ui:
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "translate_ui.py"), str(package_file)],
            check=True,
        )


if __name__ == "__main__":
    main()
