"""The errors a user can meet. Each carries a message for a trip organizer.

An error holds :class:`~missionplanner.messages.Message` values (a code and its
parameters), not sentences: ``str(error)`` renders them through
:mod:`missionplanner.wording`, so the command line prints one line and the desktop app
shows it in a dialog, in the chosen words, without a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping

from missionplanner.messages import Words


def _text(words: Words) -> str:
    from missionplanner.wording import render

    return render(words)


class MissionPlannerError(Exception):
    """Base of every error the user can cause and should be told about in words."""

    def __init__(self, words: Words = "") -> None:
        self.words = words
        super().__init__(words)

    def __str__(self) -> str:
        return _text(self.words)


class ValidationError(MissionPlannerError):
    """Input that breaks a rule: an impossible time, an unknown zone, a missing field.

    ``where`` names the place of the problem (a field, or a path in a mission file such
    as ``missions[0].meetings[3].end``) so the user can find it.
    """

    def __init__(self, message: Words, where: str = "") -> None:
        self.message = message
        self.where = where
        super().__init__(message)

    def __str__(self) -> str:
        text = _text(self.message)
        return f"{self.where}: {text}" if self.where else text


class NotFoundError(MissionPlannerError):
    """A mission, participant or other record that does not exist."""


class StaleRecordError(MissionPlannerError):
    """An update made from an out-of-date copy of a record (another window or program)."""


class DatabaseFileError(MissionPlannerError):
    """A database file that cannot be used; the file is left untouched."""


class NotADatabaseError(DatabaseFileError):
    """The file is not a Mission Planner database (empty, another program's, corrupt)."""


class SchemaTooNewError(DatabaseFileError):
    """The database was written by a newer version of Mission Planner."""


class MissionFileError(MissionPlannerError):
    """A mission file that cannot be read or imported."""


class FieldErrors(ValidationError):
    """Several fields of one record are wrong; ``errors`` maps each field to its message.

    A dialog shows each message next to its field and keeps what the user typed.
    """

    def __init__(self, errors: Mapping[str, Words], what: Words = "") -> None:
        self.errors: dict[str, Words] = dict(errors)
        self.what = what
        super().__init__(what)

    def __str__(self) -> str:
        lines = "; ".join(f"{name}: {_text(words)}" for name, words in self.errors.items())
        what = _text(self.what)
        return f"{what}: {lines}" if what else lines
