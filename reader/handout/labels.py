"""The handout's own words (headings, column names, notes) in Indonesian and English.

A small table for now: the interface-language work will move these into the
project's message catalogue. Keys are the same in both languages (a test
checks it), and `{name}` placeholders are filled by `label(..., name=...)`.
"""

from __future__ import annotations

LANGUAGES = ("id", "en")

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "col_id": "Indonesian",
        "col_en": "English",
        "paragraphs": "Paragraphs {first}–{last} of {total}",
        "paragraph": "Paragraph {first} of {total}",
        "date": "Date",
        "cite": "Cite as",
        "no_year": "n.d.",
        "terms_marked": "Glossary terms are in bold.",
        "text": "Text",
        "glossary": "Glossary",
        "definition": "Definition",
        "no_terms": "No glossary term occurs in these paragraphs.",
        "translations": "English",
        "source_original": "original English (in the source)",
        "source_reference": "reference translation",
        "source_reviewed": "reviewed translation",
        "source_machine": "machine translation, not reviewed",
        "source_missing": "no English yet",
        "english_in_source": "The source is in English here.",
        "missing_english": "No English for this paragraph yet.",
        "exercises": "Exercises",
        "cloze": "Fill in the blanks",
        "cloze_help": (
            "Fill each numbered blank with a term from the word bank. "
            "Blanks with the same number take the same term."
        ),
        "cloze_none": "No glossary term can be blanked in these paragraphs.",
        "word_bank": "Word bank",
        "matching": "Matching",
        "matching_help": "Match each Indonesian term with its English equivalent.",
        "matching_none": "No glossary terms to match.",
        "answer_key": "Answer key",
        "page": "Page",
        "of": "of",
    },
    "id": {
        "col_id": "Bahasa Indonesia",
        "col_en": "Bahasa Inggris",
        "paragraphs": "Paragraf {first}–{last} dari {total}",
        "paragraph": "Paragraf {first} dari {total}",
        "date": "Tanggal",
        "cite": "Kutip sebagai",
        "no_year": "t.t.",
        "terms_marked": "Istilah glosarium dicetak tebal.",
        "text": "Teks",
        "glossary": "Glosarium",
        "definition": "Definisi",
        "no_terms": "Tidak ada istilah glosarium dalam paragraf ini.",
        "translations": "Bahasa Inggris",
        "source_original": "teks asli berbahasa Inggris",
        "source_reference": "terjemahan rujukan",
        "source_reviewed": "terjemahan sudah ditinjau",
        "source_machine": "terjemahan mesin, belum ditinjau",
        "source_missing": "belum ada terjemahan bahasa Inggris",
        "english_in_source": "Di sini sumbernya berbahasa Inggris.",
        "missing_english": "Paragraf ini belum memiliki terjemahan bahasa Inggris.",
        "exercises": "Latihan",
        "cloze": "Isian rumpang",
        "cloze_help": (
            "Isilah setiap rumpang bernomor dengan istilah dari bank kata. "
            "Rumpang dengan nomor yang sama berisi istilah yang sama."
        ),
        "cloze_none": "Tidak ada istilah glosarium yang dapat dirumpangkan dalam paragraf ini.",
        "word_bank": "Bank kata",
        "matching": "Menjodohkan",
        "matching_help": (
            "Jodohkan setiap istilah bahasa Indonesia dengan padanannya dalam bahasa Inggris."
        ),
        "matching_none": "Tidak ada istilah glosarium untuk dijodohkan.",
        "answer_key": "Kunci jawaban",
        "page": "Halaman",
        "of": "dari",
    },
}


def label(lang: str, key: str, **values: object) -> str:
    """The text for `key` in `lang` ('id' or 'en'), placeholders filled."""
    text = LABELS[lang][key]
    return text.format(**values) if values else text
