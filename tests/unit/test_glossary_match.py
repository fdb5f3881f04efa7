"""The term matcher: the gold list, the rules it assumes one by one, and properties.

The gold evaluation runs the matcher (exact only) on every snippet of
`tests/fixtures/glossary_gold.toml` and scores (snippet, term id) pairs; the
unit tests pin each rule of the gold list's header on the bundled term base, so
a failure names the rule that broke; the properties check what must hold for
any text at all (the matcher runs on untrusted imports).
"""

from __future__ import annotations

import itertools
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from glossary.match import Match, Matcher, default_matcher
from glossary.termbase import Term, default_termbase

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "glossary_gold.toml"
MATCHER = Matcher(default_termbase())
FUZZY = Matcher(default_termbase(), fuzzy=True)


def ids(text: str, lang: str = "id", matcher: Matcher = MATCHER) -> list[str]:
    """Term ids found in `text`, in text order."""
    return [m.term_id for m in matcher.match(text, lang)]


def surfaces(text: str, lang: str = "id") -> list[tuple[str, str]]:
    return [(m.surface, m.term_id) for m in MATCHER.match(text, lang)]


# The gold list ----------------------------------------------------------------


def _score(lang: str) -> tuple[float, float, list[str]]:
    """Micro precision and recall over (snippet, term id) pairs, and the snippets that differ."""
    gold = tomllib.loads(GOLD.read_text(encoding="utf-8"))[lang]
    true_positives = false_positives = false_negatives = 0
    wrong = []
    for snippet in gold:
        expected = set(snippet["terms"])
        found = set(ids(snippet["text"], lang))
        true_positives += len(found & expected)
        false_positives += len(found - expected)
        false_negatives += len(expected - found)
        if found != expected:
            wrong.append(
                f"{snippet['text']!r}: extra {found - expected}, missing {expected - found}"
            )
    precision = true_positives / ((true_positives + false_positives) or 1)
    recall = true_positives / ((true_positives + false_negatives) or 1)
    return precision, recall, wrong


@pytest.mark.parametrize("lang", ["id", "en"])
def test_gold_precision_and_recall(lang: str) -> None:
    precision, recall, wrong = _score(lang)
    print(f"\n{lang}: precision {precision:.3f}  recall {recall:.3f}")
    for line in wrong:
        print("  ", line)
    assert precision >= 0.98
    assert recall >= 0.95


def test_gold_list_has_both_languages_and_negatives() -> None:
    gold = tomllib.loads(GOLD.read_text(encoding="utf-8"))
    assert len(gold["id"]) >= 200 and len(gold["en"]) >= 100
    for lang in ("id", "en"):
        assert sum(1 for snippet in gold[lang] if not snippet["terms"]) >= 15


# The rules, one by one --------------------------------------------------------


def test_match_carries_offsets_surface_and_id() -> None:
    text = "Konsep Diplomasi Pertahanan berkembang."
    assert MATCHER.match_id(text) == [Match(7, 27, "Diplomasi Pertahanan", "diplomasi-pertahanan")]


def test_nested_terms_are_not_reported() -> None:
    assert ids("alat penting dalam kebijakan keamanan nasional suatu negara") == [
        "kebijakan-keamanan-nasional"
    ]
    assert ids("konsep diplomasi pertahanan dan konsep keamanan nasional") == [
        "diplomasi-pertahanan",
        "keamanan-nasional",
    ]
    assert ids("rudal balistik antarbenua") == ["rudal-balistik-antarbenua"]


def test_overlap_takes_the_leftmost_match() -> None:
    # normalisasi hubungan | hubungan bilateral: the left one wins, leaving bilateral.
    found = ids("upaya normalisasi hubungan bilateral kedua negara")
    assert found == ["normalisasi-hubungan", "bilateral"]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("memperkuat pertahanannya", "pertahanannya"),
        ("keamanannyalah yang utama", "keamanannyalah"),
        ("Inilah pertahananlah itu", "pertahananlah"),
        ("apakah keamanankah itu", "keamanankah"),
        ("ancamanpun datang", "ancamanpun"),
    ],
)
def test_clitics_on_a_one_word_term(text: str, surface: str) -> None:
    assert [s for s, _ in surfaces(text)] == [surface]


def test_clitic_on_the_last_word_of_a_multi_word_term() -> None:
    assert surfaces("memperbaiki hubungan bilateralnya pada 1965") == [
        ("hubungan bilateralnya", "hubungan-bilateral")
    ]
    # ... but not on an inner word.
    assert ids("hubungannya bilateral") == ["bilateral"]


def test_reduplication_of_a_one_word_term() -> None:
    assert surfaces("berbagai ancaman-ancaman baru") == [("ancaman-ancaman", "ancaman")]
    assert surfaces("Rudal-rudalnya diarahkan ke laut.") == [("Rudal-rudalnya", "rudal")]


def test_reduplicated_first_word_of_a_longer_term_is_its_plural() -> None:
    assert surfaces("Latihan-latihan militer bersama digelar.") == [
        ("Latihan-latihan militer bersama", "latihan-bersama")
    ]
    assert surfaces("serangan-serangan siber meningkat") == [
        ("serangan-serangan siber", "serangan-siber")
    ]
    assert surfaces("Kapal-kapal selam bertenaga nuklir itu") == [
        ("Kapal-kapal selam bertenaga nuklir", "kapal-selam-bertenaga-nuklir")
    ]


def test_reduplicated_first_word_needs_the_rest_of_the_term() -> None:
    assert ids("latihan-latihan saja") == []
    assert ids("sistem-sistem pertahanan udara") == ["pertahanan-udara"]


def test_reduplication_needs_the_same_word() -> None:
    assert ids("pertahanan-keamanan") == ["pertahanan", "keamanan"]


def test_hyphen_break_across_a_line_is_joined() -> None:
    text = "Konsep diplomasi pertaha-\nnan berkembang."
    (match,) = MATCHER.match_id(text)
    assert match.term_id == "diplomasi-pertahanan"
    assert match.surface == "diplomasi pertaha-\nnan"
    assert text[match.start : match.end] == match.surface
    assert ids("Isu keaman-  \r\n  an nasional") == ["keamanan-nasional"]
    assert ids("Zona Demili-\nterisasi sejak 1953") == ["zona-demiliterisasi"]


def test_offsets_after_several_hyphen_breaks_slice_the_original() -> None:
    text = "Pem-\nbangunan ke-\n  kuatan, keaman-\r\nan nasional dan per-\ntaha-\nnannya.\n"
    assert surfaces(text) == [
        ("keaman-\r\nan nasional", "keamanan-nasional"),
        ("per-\ntaha-\nnannya", "pertahanan"),
    ]


def test_hyphen_break_joins_words_that_are_then_no_term() -> None:
    # Joined, "antarkeamanan" is one word: keamanan is not found inside it.
    assert ids("antar-\nkeamanan") == []


def test_multi_word_terms_match_across_any_whitespace() -> None:
    assert ids("Kerja sama\nkeamanan kedua negara") == ["kerja-sama-keamanan"]
    assert ids("normalisasi\n   hubungan\t kedua negara") == ["normalisasi-hubungan"]


def test_variants_match_as_their_term() -> None:
    assert ids("dengan beraliansi bersama Amerika Serikat (AS).") == ["aliansi", "as", "as"]
    assert ids("kerjasama keamanan") == ["kerja-sama-keamanan"]
    assert ids("Kementerian Pertahanan") == ["kemhan"]
    assert ids("misil dan peluru kendali") == ["rudal", "rudal"]


def test_matching_ignores_case() -> None:
    assert ids("DIPLOMASI PERTAHANAN") == ["diplomasi-pertahanan"]
    assert ids("Pemerintah rok dan ROK") == ["rok", "rok"]


def test_whole_words_only() -> None:
    assert ids("nonmiliter") == []
    assert ids("paramiliter") == ["paramiliter"]  # its own entry, not militer
    assert ids("denuklirisasi") == ["denuklirisasi"]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("ketahanan pangan", "pertahanan"),
        ("ketahanan pangan", "keamanan"),
        ("ketahanannya", "pertahanan"),
        ("mempertahankan wilayahnya", "pertahanan"),
        ("bertahan", "pertahanan"),
        ("rasa aman", "keamanan"),
        ("pengamanan perbatasan", "keamanan"),
        ("mengamankan", "keamanan"),
        ("ketidakamanan", "keamanan"),
        ("negara berdaulat", "kedaulatan"),
        ("menangkal serangan", "penangkalan"),
    ],
)
def test_indonesian_negatives_no_stemming(text: str, absent: str) -> None:
    assert absent not in ids(text)


def test_ketahanan_pangan_is_its_own_term() -> None:
    assert ids("ketahanan pangan") == ["ketahanan-pangan"]


def test_english_plurals() -> None:
    assert surfaces("two alliances", "en") == [("alliances", "aliansi")]
    assert ids("the missiles", "en") == ["rudal"]


def test_english_irregular_plurals_only_when_listed() -> None:
    assert ids("the allies", "en") == ["sekutu"]
    assert ids("the embassies", "en") == ["kedutaan-besar"]
    assert ids("securities markets", "en") == []


def test_english_possessives() -> None:
    assert surfaces("the alliance's future", "en") == [("alliance's", "aliansi")]
    assert surfaces("the alliance’s future", "en") == [("alliance’s", "aliansi")]
    assert surfaces("the alliances' future", "en") == [("alliances'", "aliansi")]


def test_english_spelling_variants() -> None:
    assert ids("defence diplomacy", "en") == ["diplomasi-pertahanan"]
    assert ids("defense diplomacy", "en") == ["diplomasi-pertahanan"]


def test_english_hyphen_and_space_are_interchangeable() -> None:
    assert ids("a cease fire", "en") == ids("a cease-fire", "en") == ["gencatan-senjata"]
    assert ids("security-cooperation", "en") == ["kerja-sama-keamanan"]
    assert ids("security\ncooperation", "en") == ["kerja-sama-keamanan"]


def test_english_punctuation_inside_a_form() -> None:
    assert surfaces("the U.S. and", "en") == [("U.S.", "as")]
    assert surfaces("the U.S.", "en") == [("U.S.", "as")]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("defenceless", "pertahanan"),
        ("defenseless", "pertahanan"),
        ("securities", "keamanan"),
        ("insecurity", "keamanan"),
        ("peacetime", "perdamaian"),
        ("multilaterally", "multilateral"),
    ],
)
def test_english_negatives(text: str, absent: str) -> None:
    assert absent not in ids(text, "en")


def test_indonesian_rules_are_not_applied_to_english() -> None:
    assert ids("defencenya", "en") == []
    assert ids("alliance", "id") == []


def test_unknown_language_is_an_error() -> None:
    with pytest.raises(ValueError, match="language"):
        MATCHER.match("pertahanan", "fr")


def test_matches_are_sorted_and_do_not_overlap_on_a_bundled_text() -> None:
    text = (Path(__file__).resolve().parents[2] / "texts").joinpath(
        "aliansi-strategis-korea-as.id.md"
    )
    matches = MATCHER.match_id(text.read_text(encoding="utf-8"))
    assert len(matches) > 200
    assert all(a.end <= b.start for a, b in itertools.pairwise(matches))


def test_default_matcher_is_built_once() -> None:
    assert default_matcher() is default_matcher()
    assert not default_matcher().fuzzy


def test_a_small_term_list_is_enough() -> None:
    terms = [Term(id="x-y", id_term="x y", en="ex why", domain="acronyms")]
    matcher = Matcher(terms)
    assert ids("a X  Y b", "id", matcher) == ["x-y"]
    assert ids("ex-whys", "en", matcher) == ["x-y"]
    assert Matcher([]).match("anything at all", "id") == []


# Typo tolerance ---------------------------------------------------------------


def test_fuzzy_is_off_by_default() -> None:
    assert ids("ancaman kemanan nasional") == ["ancaman"]
    assert not MATCHER.fuzzy


def test_fuzzy_matches_are_flagged() -> None:
    found = FUZZY.match_id("isu kemanan nasional")
    assert [(m.surface, m.term_id, m.fuzzy) for m in found] == [
        ("kemanan nasional", "keamanan-nasional", True)
    ]
    found = FUZZY.match_id("persekutuan alinasi")  # an adjacent swap counts as one edit
    assert [(m.term_id, m.fuzzy) for m in found] == [("aliansi", False), ("aliansi", True)]
    found = FUZZY.match_en("the Korean Peninsual")
    assert [(m.term_id, m.fuzzy) for m in found] == [("semenanjung-korea", True)]


def test_fuzzy_needs_seven_letters_and_one_edit() -> None:
    assert FUZZY.match_id("nuklr") == []  # too short to guess
    assert FUZZY.match_id("pertahananan") == []  # two edits away
    assert ids("mempertahankan", matcher=FUZZY) == []


def test_exact_matches_win_over_fuzzy_ones() -> None:
    found = FUZZY.match_id("keamanan dan pertahanan")
    assert [(m.term_id, m.fuzzy) for m in found] == [("keamanan", False), ("pertahanan", False)]
    assert FUZZY.match_id("kebijakan keamanan nasional") == MATCHER.match_id(
        "kebijakan keamanan nasional"
    )


def test_fuzzy_finds_the_misspellings_the_term_base_notes() -> None:
    found = {m.surface.lower() for m in FUZZY.match_id("Stategic Alliance dan Semenajung Korea")}
    assert found == {"stategic alliance", "semenajung korea"}


# Properties -------------------------------------------------------------------

BASE = default_termbase()
FORMS = [("id", form, term.id) for term in BASE for form in term.id_forms] + [
    ("en", form, term.id) for term in BASE for form in term.en_forms
]
WORDS = sorted({w for _, form, _ in FORMS for w in form.replace("-", " ").split()})
PIECES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(WORDS),
    st.sampled_from([f for _, f, _ in FORMS]),
    st.sampled_from(
        ["-", "-\n", " ", "\n", "'s", "’", "nya", "[", "]", "\x00", "\x1b[31m", "ß", "İ"]
    ),
)
TEXTS = st.lists(PIECES, max_size=30).map("".join)


def _check(text: str, lang: str, matcher: Matcher) -> list[Match]:
    matches = matcher.match(text, lang)
    for match in matches:
        assert 0 <= match.start < match.end <= len(text)
        assert text[match.start : match.end] == match.surface
    for before, after in itertools.pairwise(matches):
        assert before.end <= after.start
    return matches


@settings(max_examples=300)
@given(TEXTS, st.sampled_from(["id", "en"]), st.booleans())
@example("", "id", False)
@example("[[pertahanan]] \x00\x07\u202e keamanan-\n]", "id", True)
@example("ẞ İstanbul ﬁ pertahanan ß DEFENCE", "en", False)
@example("ß KEAMANAN \ud800 pertahanan", "id", False)
def test_matching_never_raises_and_offsets_slice_the_text(
    text: str, lang: str, fuzzy: bool
) -> None:
    _check(text, lang, FUZZY if fuzzy else MATCHER)


@settings(max_examples=300)
@given(TEXTS, TEXTS, st.sampled_from(FORMS), st.sampled_from([str.lower, str.upper, str.title]))
def test_an_inserted_term_form_is_found(
    before: str, after: str, entry: tuple[str, str, str], case: Callable[[str], str]
) -> None:
    """Between sentence breaks (nothing can extend a match across them), a form is found
    whole, as its own term, whatever the random text around it."""
    lang, form, _ = entry
    surface = case(form)
    if len(surface) != len(form) or (lang == "en" and form.isalpha() and form.isupper()):
        surface = form  # an English acronym is found only as written (see the rules)
    text = f"{before} .\n{surface}\n. {after}"
    start = len(before) + 3
    matches = _check(text, lang, MATCHER)
    owners = {
        t.id
        for t in BASE
        for f in (t.id_forms if lang == "id" else t.en_forms)
        if f.casefold() == form.casefold()
    }
    assert any(
        m.start == start and m.end == start + len(surface) and m.term_id in owners for m in matches
    ), (text, matches)


def test_huge_text_is_linear_enough() -> None:
    text = "keamanan nasional " * 20_000 + "x" * 1_000_000 + " " + "ancaman-" * 10_000
    matches = MATCHER.match_id(text)
    assert len(matches) == 20_000 + 5_000
    assert matches[-1].surface == "ancaman-ancaman"


def test_english_acronym_matches_only_in_capitals() -> None:
    from glossary.match import default_matcher

    matcher = default_matcher()
    assert [m.surface for m in matcher.match_en("Talks with the US and the US's envoy.")] == [
        "US",
        "US's",
    ]
    assert matcher.match_en("It helps us all.") == []


# Precision guards (issue 13) ----------------------------------------------------


def _guarded_matcher() -> Matcher:
    return Matcher(
        [
            Term(
                id="kedaulatan",
                id_term="kedaulatan",
                en="sovereignty",
                domain="national-security",
                id_not_in=("kedaulatan pangan",),
                en_not_in=("food sovereignty",),
            ),
            Term(
                id="divisi",
                id_term="divisi",
                en="division",
                domain="military-organisation",
                id_not_near=("perusahaan",),
                en_not_near=("company",),
            ),
            Term(id="as", id_term="AS", en="US", domain="acronyms", en_variants=("ICBM",)),
        ]
    )


def test_a_blocking_expression_hides_the_term_inside_it() -> None:
    matcher = _guarded_matcher()
    assert matcher.match_id("kedaulatan pangan desa") == []
    assert [m.surface for m in matcher.match_id("kedaulatan pangan dan kedaulatannya")] == [
        "kedaulatannya"
    ]
    assert matcher.match_en("Food sovereignty matters.") == []
    assert [m.term_id for m in matcher.match_en("state sovereignty")] == ["kedaulatan"]


def test_a_blocking_expression_yields_to_a_term_that_lists_it() -> None:
    blocked = ("kedaulatan pangan",)
    terms = [
        Term(id="k", id_term="kedaulatan", en="sovereignty", domain="x", id_not_in=blocked),
        Term(id="kp", id_term="kedaulatan pangan", en="food sovereignty", domain="x"),
    ]
    assert [m.term_id for m in Matcher(terms).match_id("kedaulatan pangan")] == ["kp"]


def test_a_sense_guard_nearby_drops_the_match() -> None:
    matcher = _guarded_matcher()
    assert matcher.match_id("Perusahaan itu menutup divisi lama.") == []
    assert [m.term_id for m in matcher.match_id("Divisi Infanteri 2 bergerak.")] == ["divisi"]
    far = "divisi " + "kata " * 20 + "perusahaan"
    assert [m.term_id for m in matcher.match_id(far)] == ["divisi"]
    assert matcher.match_en("The company sold its division.") == []


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("It uses force.", []),
        ("USES", []),
        ("let us go", []),
        ("the US's role", ["US's"]),
        ("two ICBMs", ["ICBMs"]),
        ("two ICBMS", []),
        ("ICBMes", []),
    ],
)
def test_english_acronyms_take_no_plural_or_case_but_their_own(
    text: str, surfaces: list[str]
) -> None:
    assert [m.surface for m in _guarded_matcher().match_en(text)] == surfaces
