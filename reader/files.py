"""Writing the files a user asks for (handouts, glossary exports) without leaving half of one.

Shared by the CLI and the TUI, which writes from a worker thread: nothing here
touches state another thread could be using.
"""

from __future__ import annotations

import os
from pathlib import Path

from reader.errors import UserError
from reader.i18n import _


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path` and rename: no half-written file is left."""
    import tempfile  # not on the start-up path: only a write needs it

    if path.is_dir():
        raise UserError(_("{file}: is a folder; give a file name").format(file=path))
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise UserError(_("{folder}: no such folder").format(folder=folder))
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
            _("{file}: cannot write ({reason})").format(file=path, reason=error.strerror)
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
