"""One base class for every error the library raises on purpose.

The CLI catches :class:`DeathtollError` and prints ``Error: <message>`` with
no traceback; anything else is a bug.
"""

from __future__ import annotations


class DeathtollError(Exception):
    """Base of all deliberate deathtoll errors."""


class InputError(DeathtollError):
    """One input (a file, or a line of a file) could not be read.

    ``str(err)`` is a single line naming the file, the line when there is one,
    and what is wrong: ``feed.jsonl:3: invalid JSON: Expecting value``.
    """

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class StoreError(DeathtollError):
    """The database cannot be opened, migrated or written."""


class GazetteerError(DeathtollError):
    """The place index cannot be built or a user file cannot be loaded."""


class ConfigError(DeathtollError):
    """Bad options or lexicon files."""
