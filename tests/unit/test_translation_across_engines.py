"""English from one machine engine is not sent to another unless forced; batch sizes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader.service import ReadingService
from reader.translation import texts_to_translate, translate_document

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seeds" / "000_30c59ca8d7ef7bf9.txt"


class Recording:
    """A machine engine that echoes; records each batch it is given."""

    status = "machine"

    def __init__(self, name: str, model: str, batch_paragraphs: int | None = None) -> None:
        self.name, self.model = name, model
        self.batches: list[list[str]] = []
        if batch_paragraphs is not None:
            self.batch_paragraphs = batch_paragraphs

    def translate(self, texts: Sequence[str]) -> list[str | None]:
        self.batches.append(list(texts))
        return [f"EN {text}" for text in texts]

    def cancel(self) -> None:
        pass

    def close(self) -> None:
        pass


def test_machine_english_is_not_resent_to_another_engine_unless_forced(
    service: ReadingService,
) -> None:
    service.import_file(SEED, slug="jurnal")
    document = service.resolve("jurnal")
    server = Recording("libretranslate", "id-en@lt:5000")
    report = translate_document(service.library, document, server)
    assert report.translated > 0
    local = Recording("argos", "translate-id_en 1.9")
    assert texts_to_translate(service.library, document.id, local) == []
    assert translate_document(service.library, document, local).needed == 0
    assert local.batches == []
    forced = texts_to_translate(service.library, document.id, local, force=True)
    assert len(forced) == report.translated
    # the same engine with another model (another server) does translate again
    other_server = Recording("libretranslate", "id-en@other:5000")
    assert len(texts_to_translate(service.library, document.id, other_server)) == len(forced)


def test_batches_follow_the_engines_size(service: ReadingService) -> None:
    service.import_file(SEED, slug="jurnal")
    document = service.resolve("jurnal")
    engine = Recording("libretranslate", "id-en@lt:5000", batch_paragraphs=5)
    report = translate_document(service.library, document, engine)
    assert report.translated > 5
    assert [len(batch) for batch in engine.batches[:-1]] == [5] * (len(engine.batches) - 1)
