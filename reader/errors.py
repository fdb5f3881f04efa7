"""Errors a user can fix: the CLI prints them on one line, the UI as a notice."""

from pathlib import Path


class UserError(Exception):
    """Something the user asked for cannot be done; the message says what to do."""


class DocumentNotFound(UserError):
    """No document matches the slug, id or path the user gave."""


class DocumentFormatError(UserError):
    """A file in the `texts/` format is malformed."""


class DatabaseError(UserError):
    """The library file cannot be opened or is not a Dwibahasa library."""


class ParagraphOutOfRange(UserError):
    """A paragraph number outside the document (the CLI's `--at`, a jump in the reader)."""

    def __init__(self, message: str, *, number: int, slug: str, total: int) -> None:
        super().__init__(message)
        self.number = number
        self.slug = slug
        self.total = total


class SlugTaken(UserError):
    """An import would give a document the slug another file or the bundled texts use."""

    def __init__(self, message: str, *, slug: str) -> None:
        super().__init__(message)
        self.slug = slug


class ImportFailed(UserError):
    """A file cannot be imported; the message names the file and says what to do."""


class FileTooLarge(ImportFailed):
    """A file over the size limit the caller set (the default is 50 MB).

    The message names no way to raise the limit: each front end adds its own
    (the CLI's `--max-size`).
    """

    def __init__(self, message: str, *, name: str, size: int, limit: int) -> None:
        super().__init__(message)
        self.name = name
        """The file, as the message names it."""
        self.size = size
        """Its size in bytes (unpacked, for an archive; at least this much, if it grew)."""
        self.limit = limit
        """The limit in bytes that refused it."""


class LibraryBusy(DatabaseError):
    """Another process held the library's write lock for longer than the wait allows."""


class LibraryDamaged(DatabaseError):
    """SQLite found the library file damaged ('database disk image is malformed')."""


class LibraryReadOnly(DatabaseError):
    """A write to a library that is open read-only (no permission to write it or its folder)."""


class NotALibrary(DatabaseError):
    """The file is not a Dwibahasa library: not SQLite, or another program's database.

    Refused before anything is written to it.
    """


class DiskFull(DatabaseError):
    """The disk (or the library's size limit) is full: the change in progress was not saved."""


class OutputExists(UserError):
    """A file the caller would write exists and the caller did not ask to replace it.

    The message names no way to replace it: each front end adds its own (the CLI's
    `--force`, the handout dialog's checkbox).
    """

    def __init__(self, message: str, *, path: Path) -> None:
        super().__init__(message)
        self.path = path
        """The file that exists."""
