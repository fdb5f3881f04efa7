"""The handout's own words, and sentences every renderer prints the same way.

A handout is written in its own language (`--lang`), whatever language the
interface speaks, so its words come from that language's message catalog
(`reader.i18n.translation(lang)`), not from `_()`. The msgids are English and
marked with `N_()` where they are used, so extraction finds them.
Sentences shared by the formats are made here, so the four cannot drift apart.
"""

from __future__ import annotations

from reader import i18n
from reader.handout.model import Handout
from reader.i18n import N_
from reader.service import source_name

LANGUAGES = ("id", "en")

# Headings, column names and notes (msgids; `say` puts them in the handout's language).
INDONESIAN = N_("Indonesian")
ENGLISH = N_("English")
TEXT = N_("Text")
GLOSSARY = N_("Glossary")
DEFINITION = N_("Definition")
TERMS_MARKED = N_("Glossary terms are in bold.")
NO_TERMS = N_("No glossary term occurs in these paragraphs.")
ENGLISH_IN_SOURCE = N_("The source is in English here.")
MISSING_ENGLISH = N_("No English for this paragraph yet.")
INDONESIAN_ONLY = N_("The Indonesian text alone, with its glossary.")
EXERCISES = N_("Exercises")
CLOZE = N_("Fill in the blanks")
CLOZE_HELP = N_(
    "Fill each numbered blank with a term from the word bank. "
    "Blanks with the same number take the same term."
)
CLOZE_NONE = N_("No glossary term can be blanked in these paragraphs.")
WORD_BANK = N_("Word bank")
MATCHING = N_("Matching")
MATCHING_HELP = N_("Match each Indonesian term with its English equivalent.")
MATCHING_NONE = N_("No glossary terms to match.")
ANSWER_KEY = N_("Answer key")
PAGE_OF = N_("Page {page} of {pages}")
"""The page footer; `{page}` and `{pages}` become the PDF's page counters."""


def say_in(lang: str, message: str, **values: object) -> str:
    """`message` (an English msgid) in `lang` ('id' or 'en'), placeholders filled."""
    text = i18n.translation(lang).gettext(message)
    return text.format(**values) if values else text


def say(handout: Handout, message: str, **values: object) -> str:
    """`message` in the handout's language."""
    return say_in(handout.lang, message, **values)


def range_line(handout: Handout) -> str:
    """'Paragraphs 1–8 of 40' (or 'Paragraph 5 of 40')."""
    if handout.first == handout.last:
        return say(
            handout, N_("Paragraph {first} of {total}"), first=handout.first, total=handout.total
        )
    return say(
        handout,
        N_("Paragraphs {first}–{last} of {total}"),
        first=handout.first,
        last=handout.last,
        total=handout.total,
    )


def sources_line(handout: Handout) -> str:
    """'English: reference translation ¶1–8; machine translation, not reviewed ¶9'."""
    if handout.indonesian_only:
        return say(handout, INDONESIAN_ONLY)
    catalog = i18n.translation(handout.lang)
    parts = [f"{source_name(source, catalog)} ¶{seqs}" for source, seqs in handout.sources()]
    return say(handout, N_("English: {sources}"), sources="; ".join(parts))


def date_line(handout: Handout) -> str:
    return say(handout, N_("Date: {date}"), date=handout.date)


def cite_line(handout: Handout) -> str:
    """'Cite as: …': the renderers set the part before the first ': ' in bold."""
    return say(handout, N_("Cite as: {citation}"), citation=handout.citation)
