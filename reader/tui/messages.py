"""App-wide messages: screens say what happened, the app decides what to show."""

from textual.message import Message


class LibraryRequested(Message):
    """A screen is done and the user wants the library."""
