"""The term base: curated defence-diplomacy and national-security terms, in both languages.

Loaded from `glossary/data/terms.toml` (one `[[term]]` table per entry; see
`glossary/data/README.md`), or from any file of that shape. Knows nothing of
documents: linking terms to paragraphs is `glossary.links`' job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from glossary.i18n import N_, _
from glossary.untrusted import Stripped, one_line


def domain_name(domain: str) -> str:
    """The domain's name in the interface language (the code itself if unknown)."""
    name = DOMAIN_NAMES.get(domain)
    return _(name) if name else domain


DATA_FILE = Path(__file__).resolve().parent / "data" / "terms.toml"
DOMAINS = (
    "defence-diplomacy",
    "national-security",
    "alliances-treaties",
    "nuclear-missiles",
    "military-organisation",
    "international-relations",
    "acronyms",
    "law-of-the-sea",
    "doctrine-policy",
    "institutions",
    "diplomatic-law",
    "regional-mechanisms",
    "arms-control",
    "peacekeeping",
    "intelligence-cyber",
    "defence-industry",
    "transnational-security",
)
DOMAIN_NAMES = {
    "defence-diplomacy": N_("defence diplomacy"),
    "national-security": N_("national security"),
    "alliances-treaties": N_("alliances and treaties"),
    "nuclear-missiles": N_("nuclear weapons and missiles"),
    "military-organisation": N_("military organisation"),
    "international-relations": N_("international relations"),
    "acronyms": N_("acronyms"),
    "law-of-the-sea": N_("law of the sea"),
    "doctrine-policy": N_("Indonesian doctrine and policy"),
    "institutions": N_("institutions and office holders"),
    "diplomatic-law": N_("diplomatic, consular and treaty law"),
    "regional-mechanisms": N_("ASEAN and regional mechanisms"),
    "arms-control": N_("arms control and non-proliferation"),
    "peacekeeping": N_("peacekeeping"),
    "intelligence-cyber": N_("intelligence and cyber security"),
    "defence-industry": N_("defence industry and procurement"),
    "transnational-security": N_("non-traditional and transnational security"),
}
"""What each domain code means, for people; the codes stay in data and options."""
FIELDS = (
    "id",
    "id_term",
    "id_variants",
    "en",
    "en_variants",
    "abbreviation",
    "expansion",
    "domain",
    "definition_id",
    "definition_en",
    "related",
    "notes",
    "source_note",
    "id_not_in",
    "en_not_in",
    "id_not_near",
    "en_not_near",
    "layer",
)
OPTIONAL_FIELDS = (
    "source_note",
    "id_not_in",
    "en_not_in",
    "id_not_near",
    "en_not_near",
    "layer",
)
"""Fields added after the first file formats: a file without them still loads (empty)."""
USER_LAYER = "user"
"""`Term.layer` of a reader's own term (one added in the reader or with `glossary add`)."""
LAYERS = ("", USER_LAYER)
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HAS_LETTER = re.compile(r"[^\W\d_]")


class TermBaseError(ValueError):
    """A term base file or entry is invalid; the message names where."""


@dataclass(frozen=True)
class Term:
    """One entry: the Indonesian term and its forms, the English, definitions, links."""

    id: str
    id_term: str
    en: str
    domain: str
    id_variants: tuple[str, ...] = ()
    en_variants: tuple[str, ...] = ()
    abbreviation: str = ""
    expansion: str = ""
    definition_id: str = ""
    definition_en: str = ""
    related: tuple[str, ...] = ()
    notes: str = ""
    source_note: str = ""
    """Curators' notes about the bundled texts (their misspellings, how they render the
    term): kept in the data and the exports, never shown to readers with the entry."""
    id_not_in: tuple[str, ...] = ()
    """Longer Indonesian expressions of another meaning that contain a form of the term
    (``kedaulatan pangan`` for kedaulatan): where one occurs, the term is not linked."""
    en_not_in: tuple[str, ...] = ()
    """The same in English (``artificial intelligence`` for intelligence)."""
    id_not_near: tuple[str, ...] = ()
    """Sense guards: words that, within a few words of a match, show another sense
    (a company's division, a football team's defence); the match is then dropped."""
    en_not_near: tuple[str, ...] = ()
    layer: str = ""
    """``""`` for the curated base (bundled or imported), `USER_LAYER` for a reader's own
    term: kept in the library over the curated base, never written into `terms.toml`."""

    @property
    def own(self) -> bool:
        """A reader's own term (not from the curated base)."""
        return self.layer == USER_LAYER

    @property
    def id_forms(self) -> tuple[str, ...]:
        """Every Indonesian surface the matcher looks for (preferred form first)."""
        return _unique((self.id_term, *self.id_variants))

    @property
    def en_forms(self) -> tuple[str, ...]:
        return _unique((self.en, *self.en_variants))

    @property
    def variants(self) -> tuple[str, ...]:
        """Indonesian then English variants, each form once (``ADMM-Plus`` is listed in both
        languages but shown once), without the preferred forms."""
        preferred = {self.id_term.casefold(), self.en.casefold()}
        return tuple(
            form
            for form in _unique((*self.id_variants, *self.en_variants))
            if form.casefold() not in preferred
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return {
            name: list(data[name]) if isinstance(data[name], tuple) else data[name]
            for name in FIELDS
        }


def _unique(forms: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for form in forms:
        key = " ".join(form.split()).lower()
        if key and key not in seen:
            seen[key] = " ".join(form.split())
    return tuple(seen.values())


@dataclass(frozen=True)
class Dismissal:
    """A terminology-check flag a reader dismissed: where, and for which term."""

    slug: str
    seq: int
    term_id: str
    text_sha256: str
    """The hash of the paragraph's Indonesian, so an export names the paragraph exactly
    (and an import restores the dismissal only where the paragraph is unchanged)."""
    dismissed_at: str


DISMISSAL_FIELDS = ("slug", "seq", "term_id", "text_sha256", "dismissed_at")


@dataclass
class TermBase:
    """All terms, by id, with lookups the CLI and UI need."""

    terms: dict[str, Term] = field(default_factory=dict)
    stripped: Stripped = field(default_factory=Stripped, compare=False, repr=False)
    """What a file reader removed from the file's text (escapes, controls): for its report."""
    dismissals: tuple[Dismissal, ...] = field(default=(), compare=False, repr=False)
    """Dismissed check flags a JSON export carried beside the terms (other formats: none)."""

    def __iter__(self) -> Iterator[Term]:
        return iter(sorted(self.terms.values(), key=lambda t: t.id))

    def __len__(self) -> int:
        return len(self.terms)

    def __contains__(self, term_id: object) -> bool:
        return term_id in self.terms

    def get(self, term_id: str) -> Term | None:
        return self.terms.get(term_id)

    def by_domain(self, domain: str | None) -> list[Term]:
        return [t for t in self if domain is None or t.domain == domain]

    def related_names(self, term: Term) -> list[str]:
        """The related entries as readers know them (``aliansi (alliance)``), not their ids;
        an id no longer in the base is shown as it is."""
        names = []
        for related_id in term.related:
            other = self.terms.get(related_id)
            names.append(f"{other.id_term} ({other.en})" if other else related_id)
        return names

    def find(self, query: str) -> list[Term]:
        """Terms whose id, Indonesian or English form contains `query` (exact forms first)."""
        needle = " ".join(query.split()).lower()
        if not needle:
            return []
        exact, partial = [], []
        for term in self:
            forms = [term.id, *term.id_forms, *term.en_forms, term.abbreviation]
            lowered = [f.lower() for f in forms if f]
            if needle in lowered:
                exact.append(term)
            elif any(needle in f for f in lowered):
                partial.append(term)
        return exact + partial


def term_from_mapping(data: dict[str, Any], where: str) -> Term:
    """Build and check one entry; `where` names it in errors (file and line or index).

    Every text loses escape sequences and control characters and has its
    whitespace collapsed (`glossary.untrusted.one_line`), so no
    Term holds anything a terminal would obey, whatever it was built from (a
    file, or a library written by an older version). The file readers clean
    first, to count what they removed.
    """
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise TermBaseError(
            _("{where}: unknown field(s) {fields}").format(
                where=where, fields=", ".join(sorted(unknown))
            )
        )

    def text(name: str, required: bool = False) -> str:
        value = data.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise TermBaseError(_("{where}: '{name}' must be text").format(where=where, name=name))
        value = one_line(value)
        if required and not _HAS_LETTER.search(value):
            raise TermBaseError(
                _("{where}: '{name}' is empty or has no letters").format(where=where, name=name)
            )
        return value

    def texts(name: str) -> tuple[str, ...]:
        value = data.get(name) or []
        if isinstance(value, str):
            value = [v for v in re.split(r"\s*[;|]\s*", value) if v]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TermBaseError(
                _("{where}: '{name}' must be a list of text").format(where=where, name=name)
            )
        cleaned = tuple(form for form in map(one_line, value) if form)
        for item in cleaned:
            if not _HAS_LETTER.search(item) and name != "related":
                raise TermBaseError(
                    _("{where}: '{name}' has an entry without letters: {item}").format(
                        where=where, name=name, item=repr(item)
                    )
                )
        return cleaned

    term_id = text("id", required=True)
    if not _ID.match(term_id):
        raise TermBaseError(
            _("{where}: id '{id}' must be lowercase letters, digits, hyphens").format(
                where=where, id=term_id
            )
        )
    domain = text("domain", required=True)
    if domain not in DOMAINS:
        raise TermBaseError(
            _("{where}: domain '{domain}' is not one of {domains}").format(
                where=where, domain=domain, domains=", ".join(DOMAINS)
            )
        )
    layer = text("layer")
    if layer not in LAYERS:
        raise TermBaseError(
            _("{where}: layer '{layer}' is not one of {layers}").format(
                where=where, layer=layer, layers=", ".join(repr(v) for v in LAYERS)
            )
        )
    return Term(
        id=term_id,
        id_term=text("id_term", required=True),
        en=text("en", required=True),
        domain=domain,
        id_variants=texts("id_variants"),
        en_variants=texts("en_variants"),
        abbreviation=text("abbreviation"),
        expansion=text("expansion"),
        definition_id=text("definition_id"),
        definition_en=text("definition_en"),
        related=texts("related"),
        notes=text("notes"),
        source_note=text("source_note"),
        id_not_in=texts("id_not_in"),
        en_not_in=texts("en_not_in"),
        id_not_near=texts("id_not_near"),
        en_not_near=texts("en_not_near"),
        layer=layer,
    )


def build_termbase(entries: Iterable[tuple[dict[str, Any], str]]) -> TermBase:
    """A checked term base from (mapping, where) pairs: unique ids, known related ids."""
    base = TermBase()
    for data, where in entries:
        term = term_from_mapping(data, where)
        if term.id in base.terms:
            raise TermBaseError(_("{where}: duplicate id '{id}'").format(where=where, id=term.id))
        base.terms[term.id] = term
    for term in base:
        missing = [r for r in term.related if r not in base.terms]
        if missing:
            raise TermBaseError(
                _("term '{id}': related id(s) not found: {ids}").format(
                    id=term.id, ids=", ".join(missing)
                )
            )
    return base


def load_toml(path: Path = DATA_FILE) -> TermBase:
    """Load a term base in the bundled TOML format."""
    import tomllib  # only when the term base changed: the reader opens without parsing it

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise TermBaseError(
            _("{path}: cannot read ({reason})").format(path=path, reason=error.strerror)
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise TermBaseError(
            _("{path}: not valid TOML ({error})").format(path=path, error=error)
        ) from None
    entries = data.get("term", [])
    if not isinstance(entries, list):
        raise TermBaseError(_("{path}: expected [[term]] tables").format(path=path))
    where = _("{path} term {number}")  # translated once, filled in per entry
    return build_termbase(
        (entry, where.format(path=path, number=i + 1)) for i, entry in enumerate(entries)
    )


_DEFAULT: TermBase | None = None


def default_termbase() -> TermBase:
    """The bundled term base (loaded once)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_toml()
    return _DEFAULT
