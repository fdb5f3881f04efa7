"""Build a small but valid id→en Argos Translate package, entirely offline.

A SentencePiece model trained on a few self-written Indonesian and English
sentences, a CTranslate2 Transformer with seeded random weights (its English
is gibberish; the loading and translating code it exercises is real), and,
if `onnx` is installed, a MiniSBD sentence splitter so argostranslate's own
`translate()` works on it too. A `bpe` variant mimics the real
`translate-id_en` 1.9 package, which ships `bpe.model` (subword-nmt codes).

    python tests/argos_model.py OUT.argosmodel [--size realistic] [--tokenizer bpe]
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

PACKAGE_ROOT = "translate-id_en-tiny"


@dataclass(frozen=True)
class ModelShape:
    layers: int = 1
    d_model: int = 32
    ffn: int = 64
    heads: int = 2
    vocab: int = 0
    """Pad the vocabulary to this size (0: the trained SentencePiece vocabulary only)."""
    quantization: str = "int8"
    eos_bias: float = 4.0
    """Added to the end-of-sentence logit: high ends random outputs early; very negative never."""
    tokenizer_vocab: int = 160
    """SentencePiece vocabulary trained on the corpus; a realistic one needs real text."""
    realistic_corpus: bool = False
    """Train the tokenizer on the bundled texts (so words become ~1.5 pieces, as in the real
    package) instead of the few built-in sentences."""


TINY = ModelShape()
REALISTIC = ModelShape(
    layers=6,
    d_model=512,
    ffn=2048,
    heads=8,
    vocab=32000,
    eos_bias=-1e4,
    tokenizer_vocab=6000,
    realistic_corpus=True,
)
"""Transformer-base, like the real package; it never ends a sentence by itself, so
benchmarks cap the output length to set realistic lengths."""


def _corpus() -> list[str]:
    subjects = ["Pemerintah", "Presiden", "Menteri pertahanan", "Rakyat", "The government"]
    verbs = ["menjaga", "membahas", "memperkuat", "mengumumkan", "protects", "discusses"]
    objects = ["keamanan nasional", "kerja sama militer", "perbatasan negara", "national security"]
    days = ["Senin", "Selasa", "Rabu"]
    return [
        f"{s} {v} {o} pada hari {d}."
        for s, v, o, d in itertools.product(subjects, verbs, objects, days)
    ]


def _bundled_lines() -> list[str]:
    texts = Path(__file__).resolve().parent.parent / "texts"
    lines = []
    for path in sorted(texts.glob("*.md")):
        lines += [line for line in path.read_text(encoding="utf-8").splitlines() if len(line) > 20]
    return lines


def _sentencepiece(lines: list[str], vocab_size: int = 160) -> bytes:
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=buffer,
        vocab_size=vocab_size,
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
        num_threads=1,
        normalization_rule_name="identity",
    )
    return buffer.getvalue()


def _bpe_codes(lines: list[str], merges: int = 60) -> str:
    """subword-nmt style merge codes learned from the corpus (what `bpe.model` holds)."""
    words = Counter(
        (*tuple(word[:-1]), word[-1] + "</w>") for line in lines for word in line.split()
    )
    codes = []
    for _ in range(merges):
        pairs: Counter[tuple[str, str]] = Counter()
        for word, count in words.items():
            for pair in itertools.pairwise(word):
                pairs[pair] += count
        if not pairs:
            break
        best = max(sorted(pairs), key=lambda pair: pairs[pair])
        codes.append(best)
        merged: Counter[tuple[str, ...]] = Counter()
        for word, count in words.items():
            out, i = [], 0
            while i < len(word):
                if i + 1 < len(word) and (word[i], word[i + 1]) == best:
                    out.append(word[i] + word[i + 1])
                    i += 2
                else:
                    out.append(word[i])
                    i += 1
            merged[tuple(out)] += count
        words = merged
    return "#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in codes)


def _transformer(vocab: list[str], shape: ModelShape, directory: Path) -> None:
    from ctranslate2.specs import TransformerSpec, model_spec

    rng = np.random.default_rng(0)
    spec = TransformerSpec.from_config(shape.layers, shape.heads)
    d, f, v = shape.d_model, shape.ffn, len(vocab)

    def weight_shape(name: str) -> tuple[int, ...]:
        parts = name.split("/")
        if parts[-1] in ("gamma", "beta"):
            return (d,)
        if parts[-1] == "bias":
            return (weight_shape(name[: -len("bias")] + "weight")[0],)
        if "embeddings" in name or "projection" in name:
            return (v, d)
        linear = parts[-2]
        if "ffn" in name:
            return (f, d) if linear == "linear_0" else (d, f)
        if "self_attention" in name:
            return (3 * d, d) if linear == "linear_0" else (d, d)
        return (2 * d, d) if linear == "linear_1" else (d, d)  # cross-attention

    def fill(layer: object, name: str, value: object) -> None:
        if value is None or name.endswith("/bias"):
            size = weight_shape(name)
            if name.endswith("gamma"):
                array = np.ones(size)
            else:
                scale = 0.02 if len(size) == 1 else 1 / np.sqrt(size[-1])
                array = rng.normal(0, scale, size)
            setattr(layer, name.split("/")[-1], array.astype(np.float32))

    model_spec.visit_spec(spec, fill)
    spec.decoder.projection.bias[vocab.index("</s>")] += shape.eos_bias
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization=shape.quantization)
    spec.save(str(directory))


def _minisbd(lines: list[str]) -> bytes | None:
    """A per-character MiniSBD model: '.', '!' and '?' end sentences. None without onnx."""
    try:
        from onnx import TensorProto, helper, numpy_helper
    except ImportError:
        return None
    chars = ["<PAD>", "<UNK>", *sorted({c for line in lines for c in line} | set(".!?,;: "))]
    table = np.zeros((len(chars), 5), np.float32)
    table[:, 0] = 1
    for c in ".!?":
        table[chars.index(c)] = [0, 0, 1, 0, 0]
    graph = helper.make_graph(
        [
            helper.make_node("Gather", ["table", "units"], ["g"], axis=0),
            helper.make_node("MatMul", ["features", "w"], ["m"]),
            helper.make_node("Add", ["g", "m"], ["logits"]),
        ],
        "tiny_sbd",
        [
            helper.make_tensor_value_info("units", TensorProto.INT64, ["B", "T"]),
            helper.make_tensor_value_info("features", TensorProto.FLOAT, ["B", "T", 1]),
        ],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["B", "T", 5])],
        [
            numpy_helper.from_array(table, "table"),
            numpy_helper.from_array(np.zeros((1, 5), np.float32), "w"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], ir_version=8)
    vocab = {
        "lang": "id",
        "idx": 0,
        "cutoff": 0,
        "lower": False,
        "_id2unit": chars,
        "_unit2id": {c: i for i, c in enumerate(chars)},
    }
    helper.set_model_props(
        model,
        {
            "lang_code": "id",
            "lexicon": "null",
            "config": json.dumps({"feat_funcs": ["space_before"], "max_seqlen": 1000}),
            "vocab": json.dumps(vocab),
        },
    )
    return bytes(model.SerializeToString())


def build_package(
    out: Path,
    *,
    shape: ModelShape = TINY,
    tokenizer: str = "sentencepiece",
    version: str = "0.0.1",
    metadata_overrides: dict[str, object] | None = None,
) -> Path:
    """Write an `.argosmodel` zip to `out` and return it."""
    import sentencepiece as spm

    lines = _corpus() + (_bundled_lines() if shape.realistic_corpus else [])
    sp_model = _sentencepiece(lines, shape.tokenizer_vocab)
    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    vocab = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    if tokenizer == "bpe":
        codes = _bpe_codes(lines)
        pieces = {p for line in codes.splitlines()[1:] for p in line.split()}
        vocab += sorted(p.replace("</w>", "") for p in pieces if p.replace("</w>", "") not in vocab)
        vocab += sorted({c for line in lines for c in line if c not in vocab})
        vocab += [f"{c}@@" for c in sorted({c for line in lines for c in line})]
    vocab += [f"\u2581x{i}" for i in range(max(0, shape.vocab - len(vocab)))]
    metadata: dict[str, object] = {
        "package_version": version,
        "argos_version": "1.9.0",
        "from_code": "id",
        "from_name": "Indonesian",
        "to_code": "en",
        "to_name": "English",
        "type": "translate",
        "code": "translate-id_en",
        "links": [],
        **(metadata_overrides or {}),
    }
    with tempfile.TemporaryDirectory(prefix="tinymodel-") as temp:
        model_dir = Path(temp) / "model"
        model_dir.mkdir()
        _transformer(vocab, shape, model_dir)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"{PACKAGE_ROOT}/metadata.json", json.dumps(metadata, indent=2))
            if tokenizer == "bpe":
                archive.writestr(f"{PACKAGE_ROOT}/bpe.model", _bpe_codes(lines))
            else:
                archive.writestr(f"{PACKAGE_ROOT}/sentencepiece.model", sp_model)
            sbd = _minisbd(lines)
            if sbd is not None:
                archive.writestr(f"{PACKAGE_ROOT}/minisbd/tiny_id.onnx", sbd)
            archive.writestr(
                f"{PACKAGE_ROOT}/README.md", "Synthetic test package: random weights.\n"
            )
            for path in sorted(model_dir.iterdir()):
                archive.write(path, f"{PACKAGE_ROOT}/model/{path.name}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", choices=["tiny", "realistic"], default="tiny")
    parser.add_argument("--tokenizer", choices=["sentencepiece", "bpe"], default="sentencepiece")
    options = parser.parse_args()
    shape = REALISTIC if options.size == "realistic" else TINY
    path = build_package(options.out, shape=shape, tokenizer=options.tokenizer)
    print(f"{path}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
