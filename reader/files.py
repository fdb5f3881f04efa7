"""Reading the files a user gives and writing the ones they ask for, safely.

Reading: `open_regular` never blocks on a FIFO or device, even one swapped in
after a check. Writing (handouts, glossary exports, backups): never half a file.
Shared by the CLI and the TUI, which writes from a worker thread: nothing here
touches state another thread could be using.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from reader.errors import OutputExists, UserError
from reader.i18n import _
from reader.safe_text import display_text


def open_regular(path: Path) -> BinaryIO | None:
    """`path` opened for reading, or None if it is not a regular file (a FIFO, device, socket).

    Opened without blocking (`O_NONBLOCK`: a FIFO with no writer would hang `open`)
    and checked on the open descriptor, so a file replaced by a FIFO after an
    earlier check is caught too. Raises `OSError` as `open` does.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    stream = os.fdopen(descriptor, "rb")
    if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
        stream.close()
        return None
    return stream


def check_output(output: Path, force: bool) -> None:
    """`check_target`, and an existing file refused unless `force` (`OutputExists`)."""
    if check_target(output) and not force:
        raise OutputExists(
            _("{file}: already exists").format(file=display_text(str(output))), path=output
        )


def check_target(path: Path) -> bool:
    """Whether `path` is a file that a write would replace; refuse what cannot be written.

    A folder, a device node (/dev/null, /dev/sda), a pipe or a socket is
    refused whatever the caller's `force`: renaming over it would replace the
    node itself, or the caller meant something else. So is a path whose folder
    does not exist. The callers decide whether an existing file may be
    replaced (`--force`); `write_atomically` asks again just before it writes.
    """
    shown = display_text(str(path))
    try:
        mode = path.stat().st_mode  # through a symbolic link: what would be written over
    except (FileNotFoundError, NotADirectoryError):
        exists = False
    except OSError as error:
        raise UserError(
            _("{file}: cannot write ({reason})").format(file=shown, reason=error.strerror)
        ) from None
    else:
        if stat.S_ISDIR(mode):
            raise UserError(_("{file}: is a folder; give a file name").format(file=shown))
        if not stat.S_ISREG(mode):
            raise UserError(
                _(
                    "{file}: is not a regular file (a device, pipe or socket); give a file name"
                ).format(file=shown)
            )
        exists = True
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise UserError(_("{folder}: no such folder").format(folder=display_text(str(folder))))
    return exists


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path` and rename: no half-written file is left.

    Refuses what `check_target` refuses (a folder, a device, a pipe, a missing
    folder); replacing an existing file is the caller's decision, made before.
    """
    import tempfile  # not on the start-up path: only a write needs it

    check_target(path)
    folder = path.parent if str(path.parent) else Path()
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        os.fchmod(handle, 0o666 & ~_umask())  # as a plainly created file would be, not 0600
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(temporary).replace(path)
    except OSError as error:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise UserError(
            _("{file}: cannot write ({reason})").format(
                file=display_text(str(path)), reason=error.strerror
            )
        ) from None


def _umask() -> int:
    """The process's umask, read without changing it where the system can tell.

    `os.umask` can only read the mask by setting it, which for a moment changes
    the permissions of files other threads create; Linux shows it in /proc.
    """
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    umask = os.umask(0)
    os.umask(umask)
    return umask
