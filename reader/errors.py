"""Errors a user can fix: the CLI prints them on one line, the UI as a notice."""


class UserError(Exception):
    """Something the user asked for cannot be done; the message says what to do."""


class DocumentNotFound(UserError):
    """No document matches the slug, id or path the user gave."""


class DocumentFormatError(UserError):
    """A file in the `texts/` format is malformed."""


class DatabaseError(UserError):
    """The library file cannot be opened or is not a Dwibahasa library."""
