"""Did the numbers survive translation? `842.000` must come back as `842,000`.

Indonesian groups thousands with a dot and writes decimals with a comma
(`2,78 persen`), English the other way round; machine translation sometimes
drops or garbles them. Numbers are parsed with Babel in each language's
locale (strictly, so `1.34` in an Indonesian text is still read as 1.34) and
scaled by the words that follow (`USD800 juta` = 800 million); every source
number must appear in the English.
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import NumberFormatError, parse_decimal

_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*")
SCALES = {
    "id": {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "milyar": 10**9, "triliun": 10**12},
    "en": {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12},
}
LOCALES = {"id": "id", "en": "en"}


def numbers_in(text: str, lang: str) -> list[tuple[str, Decimal]]:
    """(as written, value) of every number in `text`, scale words applied."""
    found = []
    scales = SCALES[lang]
    for match in _NUMBER.finditer(text):
        raw = match.group().rstrip(".,")
        value = _parse(raw, lang)
        if value is None:
            continue
        following = text[match.end() : match.end() + 12].split()
        if following and following[0].lower().strip(".,;") in scales:
            value *= scales[following[0].lower().strip(".,;")]
        found.append((raw, value))
    return found


def _parse(raw: str, lang: str) -> Decimal | None:
    other = "en" if lang == "id" else "id"
    for locale in (LOCALES[lang], LOCALES[other]):
        try:
            return parse_decimal(raw, locale=locale, strict=True)
        except NumberFormatError:
            continue
    try:
        return parse_decimal(raw, locale=LOCALES[lang])
    except NumberFormatError:
        return None


def missing_numbers(source: str, english: str) -> list[str]:
    """Numbers of the Indonesian `source` that the `english` does not contain, as written."""
    available = [value for _, value in numbers_in(english, "en")]
    missing = []
    for raw, value in numbers_in(source, "id"):
        if value in available:
            available.remove(value)
        else:
            missing.append(raw)
    return missing
