"""A reader's own term: add one from the reader (`a`), edit or delete it from the term panel.

The dialog asks what `dwibahasa glossary add` asks. The Indonesian comes prefilled
from the words selected in the reader (`v`, or a mouse drag), else from the reader's
search (or is typed); the English from the English words the reader marked in the
same paragraph, else from a curated entry found inside the Indonesian (which also
gives the domain). Saving runs in a thread, the dialog
locked meanwhile; a refusal (a duplicate, an empty field) is shown in the dialog
as one line. Once saved, the term is linked in every document, and the reader
patches the paragraphs whose links changed.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from glossary.termbase import DOMAINS, Term, domain_name
from reader.glossary_service import DEFAULT_OWN_DOMAIN, GlossaryService
from reader.i18n import N_, _
from reader.library import DocumentRecord
from reader.safe_text import display_text
from reader.service import ReadingService
from reader.tui.english_stream import Links, Misses, RowChange, display_row, load_links
from reader.tui.screens.library_dialogs import WorkingDialog

_FIELDS = (
    ("id_term", N_("Indonesian")),
    ("en", N_("English")),
    ("definition_id", N_("Definition (id)")),
    ("definition_en", N_("Definition (en)")),
)


def suggestion(glossary: GlossaryService, id_term: str) -> tuple[str, str]:
    """(English, domain) to prefill for `id_term`: those of the longest curated term found
    in it (``ancaman nuklir baru`` → *ancaman nuklir*), else nothing and the default."""
    matches = glossary.match_text(id_term, "id")
    if not matches:
        return "", DEFAULT_OWN_DOMAIN
    best = max(matches, key=lambda m: m.end - m.start)
    term = glossary.termbase().get(best.term_id)
    if term is None:
        return "", DEFAULT_OWN_DOMAIN
    return term.en, term.domain


class OwnTermScreen(WorkingDialog[Term]):
    """Add an own term, or edit one (`term`); dismisses with the saved term."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), tooltip=N_("Close without changing anything")),
        Binding("ctrl+s", "save", N_("Save"), tooltip=N_("Save the term")),
    ]

    def __init__(
        self,
        glossary: GlossaryService,
        *,
        id_term: str = "",
        en: str | None = None,
        term: Term | None = None,
    ) -> None:
        """`en`: English the reader marked; it wins over a curated entry's English."""
        super().__init__()
        self.glossary = glossary
        self.term = term
        if term is not None:
            self.values = {name: getattr(term, name) for name, _label in _FIELDS}
            self.domain = term.domain
        else:
            id_term = display_text(" ".join(id_term.split()))
            suggested, self.domain = (
                suggestion(glossary, id_term) if id_term else ("", DEFAULT_OWN_DOMAIN)
            )
            marked = display_text(" ".join((en or "").split()))
            self.values = {
                "id_term": id_term,
                "en": marked or suggested,
                "definition_id": "",
                "definition_en": "",
            }

    def compose(self) -> ComposeResult:
        title = _("Edit your term") if self.term is not None else _("Add a term of your own")
        with Vertical(id="dialog"):
            yield Label(title, id="dialog-title")
            for name, label in _FIELDS:
                with Horizontal(classes="dialog-field"):
                    yield Label(_(label), classes="dialog-label")
                    yield Input(display_text(self.values[name]), compact=True, id=f"own-{name}")
            with Horizontal(classes="dialog-field"):
                yield Label(_("Domain"), classes="dialog-label")
                yield Select(
                    [(domain_name(d), d) for d in DOMAINS],
                    value=self.domain,
                    allow_blank=False,
                    compact=True,
                    id="own-domain",
                )
            hint = _("Kept in your library, linked at once in every document; Ctrl+S saves.")
            yield Static(Text(hint), classes="dialog-hint")
            yield Static("", id="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), id="confirm", variant="primary")
                yield Button(_("Cancel (Esc)"), id="cancel")

    def on_mount(self) -> None:
        self.focus_first()

    def focus_first(self) -> None:
        name = "en" if self.values["id_term"] and self.term is None else "id_term"
        field = self.query_one(f"#own-{name}", Input)
        field.focus()
        field.cursor_position = len(field.value)

    def action_save(self) -> None:
        self.confirm()

    def confirm(self) -> None:
        values = {name: self.query_one(f"#own-{name}", Input).value for name, _l in _FIELDS}
        domain = str(self.query_one("#own-domain", Select).value)
        glossary, term = self.glossary, self.term
        if term is None:
            id_term, en = values.pop("id_term"), values.pop("en")
            self.start(
                lambda: glossary.add_own_term(id_term, en, domain=domain, **values), _("Saving…")
            )
        else:
            self.start(
                lambda: glossary.edit_own_term(term.id, domain=domain, **values), _("Saving…")
            )


def changed_rows(
    service: ReadingService,
    document: DocumentRecord,
    old_links: Links,
    old_misses: Misses,
) -> tuple[list[RowChange], Links, Misses]:
    """After a change of the glossary: the document's links now, and the rows (index, row,
    text) whose links or flags changed, for the reader to patch in place."""
    links, misses = load_links(service, document)
    changes = [
        (index, row, display_row(row, links, misses))
        for index, row in enumerate(service.rows(document))
        if links.get(row.paragraph_id) != old_links.get(row.paragraph_id)
        or misses.get(row.seq) != old_misses.get(row.seq)
    ]
    return changes, links, misses
