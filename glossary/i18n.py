"""The glossary's messages in the interface language, without importing `reader`.

The package asks the process-wide gettext domain that `reader.i18n.activate`
binds to the project's catalog; used on its own, it simply speaks English.
"""

from __future__ import annotations

import gettext

DOMAIN = "dwibahasa"


def _(message: str) -> str:
    return gettext.dgettext(DOMAIN, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return gettext.dngettext(DOMAIN, singular, plural, count)


def N_(message: str) -> str:
    """Mark `message` for the catalog; it is translated with `_()` where shown."""
    return message
