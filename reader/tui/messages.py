"""App-wide messages: screens say what happened, the app decides what to show."""

from textual.message import Message


class LibraryRequested(Message):
    """A screen is done and the user wants the library."""


class OpenDocument(Message):
    """Show a document in the reader at a paragraph (a jump from the glossary)."""

    def __init__(self, slug: str, seq: int) -> None:
        super().__init__()
        self.slug = slug
        self.seq = seq
