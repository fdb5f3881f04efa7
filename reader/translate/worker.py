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
sorted by length and sent through one CTranslate2 translator in batches.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

BATCH_SIZE = 16
BEAM_SIZE = 4
MAX_LENGTH_RATIO = 2.5
"""Output cap, in target tokens per source token: a runaway decode cannot stall a batch."""


def default_threads() -> int:
    """Intra-op threads: one on small machines (measured faster for small batches), else half."""
    cores = os.cpu_count() or 1
    return 1 if cores <= 2 else min(4, cores // 2)


class SentenceTranslator:
    """A package's tokenizer and a CTranslate2 translator, used sentence by sentence."""

    def __init__(self, package_dir: Path, *, threads: int | None = None) -> None:
        os.environ.setdefault("ARGOS_PACKAGES_DIR", str(package_dir.parent))
        os.environ.setdefault("ARGOS_DEVICE_TYPE", "cpu")
        import ctranslate2
        from argostranslate.package import Package

        self.package = Package(package_dir)
        self.translator = ctranslate2.Translator(
            str(package_dir / "model"),
            device="cpu",
            inter_threads=1,
            intra_threads=threads or default_threads(),
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
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        outputs: list[str] = [""] * len(tokens)
        prefix = self.package.target_prefix
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            batch = [tokens[i] for i in chunk]
            longest = max((len(t) for t in batch), default=1)
            results = self.translator.translate_batch(
                batch,
                target_prefix=[[prefix]] * len(batch) if prefix else None,
                beam_size=beam_size,
                max_batch_size=batch_size,
                replace_unknowns=True,
                max_decoding_length=max(4, int(longest * max_length_ratio) + 2),
                length_penalty=0.2,
            )
            for i, result in zip(chunk, results, strict=True):
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
