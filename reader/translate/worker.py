"""The argos worker process: loads one package once, translates batches, streams results.

Run as `python -m reader.translate.worker PACKAGE_DIR`; speaks JSON lines.
Requests on stdin: `{"op": "translate", "id": N, "texts": [...]}` or
`{"op": "quit"}`. Replies on stdout: `{"event": "ready", ...}` once loaded,
then `{"event": "result", "id": N, "texts": [...]}` or
`{"event": "error", "id": N, "message": ...}` per request (and with no id if the
package cannot be loaded). Messages are the libraries' own text: the caller
words what the user sees, in the interface language.

Speed comes from translating sentences, not paragraphs: every request's
paragraphs are split with Dwibahasa's own Indonesian splitter (no package
ever reaches for a network model), tokenized with the package's tokenizer,
sorted by length, cut into batches of about `BATCH_TOKENS` tokens
(`batch_type="tokens"`, so short sentences travel many to a batch) and all
submitted at once to one CTranslate2 translator whose `inter_threads`
replicas decode batches in parallel.

Threads come from the core count, not from a measurement at first start:
`bench/mt.py` found one intra-op thread per replica and one replica per
core (up to four) the fastest of the configurations it tries, on a quiet
machine and beside a busy process; a first-start measurement would cost a
reader tens of seconds and be skewed by whatever else runs at that moment.
`DWIBAHASA_MT_THREADS=INTER,INTRA` overrides it.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

BATCH_SIZE = 16
"""At most this many sentences in a batch (with `BATCH_TOKENS`)."""
BATCH_TOKENS = 1024
"""Tokens per batch, padding included: the unit CTranslate2's `batch_type="tokens"` counts."""
BEAM_SIZE = 4
MAX_LENGTH_RATIO = 2.5
"""Output cap, in target tokens per source token: a runaway decode cannot stall a batch."""


THREADS_ENV = "DWIBAHASA_MT_THREADS"
MAX_REPLICAS = 4


def usable_cores() -> int:
    """The cores this process may run on (its affinity), else the machine's count."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def choose_threads(cores: int | None = None) -> tuple[int, int]:
    """(inter_threads, intra_threads): a replica per core up to four, the rest intra-op.

    `DWIBAHASA_MT_THREADS=INTER,INTRA` overrides the rule.
    """
    configured = os.environ.get(THREADS_ENV, "")
    if configured:
        try:
            inter, intra = (int(part) for part in configured.split(","))
            if inter > 0 and intra > 0:
                return inter, intra
        except ValueError:
            pass
    cores = cores or usable_cores()
    inter = max(1, min(MAX_REPLICAS, cores))
    return inter, max(1, cores // inter)


def default_threads() -> int:
    """Intra-op threads per replica (see `choose_threads`)."""
    return choose_threads()[1]


def token_batches(
    lengths: Sequence[int], *, max_tokens: int = BATCH_TOKENS, max_size: int = BATCH_SIZE
) -> list[list[int]]:
    """Indexes sorted by length, cut into batches whose padded size stays within `max_tokens`."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches: list[list[int]] = []
    current: list[int] = []
    for index in order:
        longest = max(lengths[index], 1)  # sorted: the newcomer is the longest
        if current and ((len(current) + 1) * longest > max_tokens or len(current) >= max_size):
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches


class SentenceTranslator:
    """A package's tokenizer and a CTranslate2 translator, used sentence by sentence."""

    def __init__(
        self,
        package_dir: Path,
        *,
        threads: tuple[int, int] | None = None,
        batch_tokens: int = BATCH_TOKENS,
    ) -> None:
        os.environ.setdefault("ARGOS_PACKAGES_DIR", str(package_dir.parent))
        os.environ.setdefault("ARGOS_DEVICE_TYPE", "cpu")
        import ctranslate2
        from argostranslate.package import Package

        self.package = Package(package_dir)
        self.inter_threads, self.intra_threads = threads or choose_threads()
        self.batch_tokens = batch_tokens
        self.translator = ctranslate2.Translator(
            str(package_dir / "model"),
            device="cpu",
            inter_threads=self.inter_threads,
            intra_threads=self.intra_threads,
            compute_type="auto",
        )

    def translate(
        self,
        paragraphs: Sequence[str],
        *,
        beam_size: int = BEAM_SIZE,
        batch_size: int = BATCH_SIZE,
        max_length_ratio: float = MAX_LENGTH_RATIO,
    ) -> list[str]:
        from reader.ingest.sentences import split_sentences

        tokenizer = self.package.tokenizer
        owners: list[int] = []
        tokens: list[list[str]] = []
        for index, paragraph in enumerate(paragraphs):
            for sentence in split_sentences(paragraph) or ([paragraph] if paragraph else []):
                owners.append(index)
                tokens.append(tokenizer.encode(sentence))
        outputs: list[str] = [""] * len(tokens)
        prefix = self.package.target_prefix
        chunks = token_batches(
            [len(t) for t in tokens], max_tokens=self.batch_tokens, max_size=batch_size
        )
        pending = []
        for chunk in chunks:  # all submitted at once: the replicas decode them in parallel
            batch = [tokens[i] for i in chunk]
            longest = max((len(t) for t in batch), default=1)
            pending.append(
                self.translator.translate_batch(
                    batch,
                    target_prefix=[[prefix]] * len(batch) if prefix else None,
                    beam_size=beam_size,
                    max_batch_size=self.batch_tokens,
                    batch_type="tokens",
                    replace_unknowns=True,
                    max_decoding_length=max(4, int(longest * max_length_ratio) + 2),
                    length_penalty=0.2,
                    asynchronous=True,
                )
            )
        for chunk, results in zip(chunks, pending, strict=True):
            for i, async_result in zip(chunk, results, strict=True):
                result = async_result.result()
                text = tokenizer.decode(result.hypotheses[0])
                if prefix and text.startswith(prefix):
                    text = text[len(prefix) :]
                outputs[i] = text.strip()
        joined: list[list[str]] = [[] for _ in paragraphs]
        for owner, text in zip(owners, outputs, strict=True):
            joined[owner].append(text)
        return [" ".join(parts) for parts in joined]


def _send(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python -m reader.translate.worker PACKAGE_DIR")
    package_dir = Path(sys.argv[1])
    try:
        engine = SentenceTranslator(package_dir)
    except Exception as error:  # any load failure goes back to the parent as a message
        _send({"event": "error", "id": None, "message": str(error)})
        sys.exit(1)
    _send(
        {
            "event": "ready",
            "code": engine.package.code,
            "version": engine.package.package_version,
            "pid": os.getpid(),
            "threads": [engine.inter_threads, engine.intra_threads],
        }
    )
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("op") == "quit":
            break
        try:
            texts = engine.translate(
                request["texts"],
                beam_size=int(request.get("beam_size", BEAM_SIZE)),
                max_length_ratio=float(request.get("max_length_ratio", MAX_LENGTH_RATIO)),
            )
        except Exception as error:  # reported per request; the worker keeps serving
            _send({"event": "error", "id": request.get("id"), "message": str(error)})
            continue
        _send({"event": "result", "id": request.get("id"), "texts": texts})


if __name__ == "__main__":
    main()
