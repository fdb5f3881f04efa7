"""The term panel: a term's entry and every paragraph that uses it, each one a jump.

A reader's own term can be edited (`e`, the dialog saves in a thread) or deleted
(`Delete` twice, in a worker thread): a library another program holds makes the
write wait, never the panel, and a failure comes back as a notice.
"""

from __future__ import annotations

import sqlite3
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from glossary.termbase import Term, domain_name
from reader.errors import UserError
from reader.glossary_service import GlossaryService, Occurrence
from reader.i18n import N_, _, ngettext
from reader.safe_text import display_text

Jump = tuple[str, int]
"""(document slug, paragraph number)."""


def term_text(term: Term, count: int | None = None, related: list[str] | None = None) -> Text:
    """A term's entry as plain text (never markup), every field through `display_text`.

    `related`: the related entries by name (`TermBase.related_names`); without it,
    their ids.
    """
    shown = display_text
    text = Text()
    text.append(shown(term.id_term), style="bold")
    text.append("  —  ")
    text.append(shown(term.en), style="bold italic")
    text.append(f"   [{shown(domain_name(term.domain))}]", style="dim")
    if term.own:
        text.append("  " + _("(own)"), style="bold")
    if term.abbreviation or term.expansion:
        text.append(f"\n{shown(term.abbreviation)} {shown(term.expansion)}".rstrip())
    variants = [shown(v) for v in term.variants]  # each once, not the preferred forms
    if variants:
        text.append("\n" + _("also: {variants}").format(variants=", ".join(variants)), style="dim")
    text.append("\n\n" + shown(term.definition_id))
    text.append("\n" + shown(term.definition_en), style="italic")
    names = related if related is not None else list(term.related)
    if names:
        line = _("related: {terms}").format(terms=", ".join(shown(name) for name in names))
        text.append("\n\n" + line, style="dim")
    if term.notes:
        text.append("\n" + _("note: {note}").format(note=shown(term.notes)), style="dim")
    if count is not None:
        occurrences = ngettext(
            "{count} occurrence in the library", "{count} occurrences in the library", count
        ).format(count=count)
        text.append("\n\n" + occurrences, style="dim")
    return text


class TermScreen(ModalScreen[Jump | None]):
    """Terms (of a paragraph, or one term); Enter on an occurrence jumps there."""

    CSS_PATH = "../styles/dialogs.tcss"
    """Loaded when the screen is first shown: start-up parses only what it paints."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", N_("Close"), tooltip=N_("Close the term panel")),
        Binding("e", "edit_own", N_("Edit"), tooltip=N_("Edit this term (your own terms only)")),
        Binding(
            "delete",
            "delete_own",
            N_("Delete"),
            tooltip=N_("Delete this term (your own terms only; press twice)"),
        ),
    ]

    WRITE_ERRORS = (UserError, sqlite3.Error)
    """What a delete may raise that the panel reports: a refusal, the library busy, a disk."""

    class DeleteFinished(Message):
        """The worker deleted an own term (`error` None), or could not."""

        def __init__(self, term: Term, error: str | None) -> None:
            super().__init__()
            self.term = term
            self.error = error

    def __init__(self, glossary: GlossaryService, term_ids: list[str]) -> None:
        super().__init__()
        self.glossary = glossary
        base = glossary.termbase()
        self.terms = [t for t in (base.get(i) for i in term_ids) if t is not None]
        self._occurrences: list[Occurrence] = []
        self.current: Term | None = None
        self.changed = False
        """An own term was edited or deleted here: the reader relinks its view."""
        self._delete_armed: str | None = None
        self._deleting: Term | None = None
        """The own term a worker is deleting now."""
        self._close_when_deleted = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(_("Glossary terms: Enter on an occurrence jumps to it"), id="dialog-title")
            with Horizontal(id="term-body"):
                yield OptionList(
                    *[Option(_term_label(t), id=t.id) for t in self.terms],
                    id="term-list",
                )
                with VerticalScroll(id="term-entry", can_focus=False):  # Tab: the two lists
                    yield Static(id="term-detail")
            yield OptionList(id="occurrences")

    def on_mount(self) -> None:
        if self.terms:
            self._show(self.terms[0])
        self.query_one("#term-list" if len(self.terms) > 1 else "#occurrences").focus()

    @on(OptionList.OptionHighlighted, "#term-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        term = next((t for t in self.terms if t.id == event.option.id), None)
        if term is not None:
            self._show(term)

    @on(OptionList.OptionSelected, "#term-list")
    def _term_chosen(self) -> None:
        self.query_one("#occurrences").focus()

    def _show(self, term: Term) -> None:
        self.current = term
        self._delete_armed = None
        self._occurrences = self.glossary.occurrences(term.id)
        related = self.glossary.termbase().related_names(term)
        self.query_one("#term-detail", Static).update(
            term_text(term, len(self._occurrences), related)
        )
        occurrences = self.query_one("#occurrences", OptionList)
        occurrences.clear_options()
        for index, occurrence in enumerate(self._occurrences):
            label = Text.assemble(
                (
                    f"{display_text(occurrence.slug)} ¶{occurrence.seq} [{occurrence.lang}]  ",
                    "bold",
                ),
                display_text(occurrence.sentence),
            )
            occurrences.add_option(Option(label, id=str(index)))
        if self._occurrences:
            occurrences.highlighted = 0  # Enter jumps to the first at once

    @on(OptionList.OptionSelected, "#occurrences")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        if self._deleting is not None:
            self.notify(_("Still deleting your term…"), markup=False)
            return
        occurrence = self._occurrences[int(event.option.id or 0)]
        self.dismiss((occurrence.slug, occurrence.seq))

    def action_edit_own(self) -> None:
        from reader.tui.screens.own_term import OwnTermScreen

        term = self.current
        if term is None or not term.own:
            self.notify(_("Only your own terms can be edited"), markup=False)
            return
        if self._deleting is not None:
            self.notify(_("Still deleting your term…"), markup=False)
            return

        def edited(saved: Term | None) -> None:
            if saved is not None:
                self.changed = True
                self._replace(term.id, saved)

        self.app.push_screen(OwnTermScreen(self.glossary, term=term), edited)

    def action_close(self) -> None:
        if self._deleting is not None:  # the panel closes once the library has it
            self._close_when_deleted = True
            self.notify(_("Deleting your term; the panel closes when it is done"), markup=False)
            return
        self.dismiss(None)

    def action_delete_own(self) -> None:
        term = self.current
        if term is None or not term.own:
            self.notify(_("Only your own terms can be deleted"), markup=False)
            return
        if self._deleting is not None:
            self.notify(_("Still deleting your term…"), markup=False)
            return
        if self._delete_armed != term.id:
            self._delete_armed = term.id
            self.notify(
                _("Press Delete again to delete your term {term}").format(
                    term=display_text(term.id_term)
                ),
                markup=False,
            )
            return
        self._delete_armed = None
        self._deleting = term
        self._delete(term)

    @work(thread=True, group="own-term-delete")
    def _delete(self, term: Term) -> None:
        """In a thread: the delete may wait for a lock another program holds."""
        try:
            self.glossary.delete_own_term(term.id)
        except self.WRITE_ERRORS as error:
            self.post_message(self.DeleteFinished(term, str(error)))
        else:
            self.post_message(self.DeleteFinished(term, None))

    @on(DeleteFinished)
    def _deleted(self, message: DeleteFinished) -> None:
        term = message.term
        self._deleting = None
        if message.error is not None:
            notice = _("Could not delete your term {term}: {error}").format(
                term=display_text(term.id_term), error=message.error
            )
            self.notify(notice, severity="error", markup=False, timeout=8)
        else:
            self.changed = True
            self.notify(
                _("Deleted your term {term}").format(term=display_text(term.id_term)),
                markup=False,
            )
        if self._close_when_deleted:
            self.dismiss(None)
        elif message.error is None:
            self._replace(term.id, None)

    def _replace(self, term_id: str, term: Term | None) -> None:
        """Show `term` in the place of `term_id` (None: it was deleted)."""
        self.terms = [
            new for t in self.terms if (new := (term if t.id == term_id else t)) is not None
        ]
        if not self.terms:
            self.dismiss(None)
            return
        listing = self.query_one("#term-list", OptionList)
        listing.clear_options()
        listing.add_options([Option(_term_label(t), id=t.id) for t in self.terms])
        shown = term or self.terms[0]
        listing.highlighted = self.terms.index(shown)
        self._show(shown)


def _term_label(term: Term) -> Text:
    """A line of the term list: Indonesian — English, and "(own)" for a reader's own term."""
    label = Text(f"{display_text(term.id_term)} — {display_text(term.en)}")
    if term.own:
        label.append("  " + _("(own)"), style="bold")
    return label
