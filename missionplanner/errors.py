"""The errors a user can meet. Each carries a message written for a trip organizer.

The command line prints ``str(error)`` on one line and the desktop app shows it in a
dialog, so messages must read well on their own, without a traceback.
"""

from __future__ import annotations


class MissionPlannerError(Exception):
    """Base of every error the user can cause and should be told about in words."""


class ValidationError(MissionPlannerError):
    """Input that breaks a rule: an impossible time, an unknown zone, a missing field.

    ``where`` names the place of the problem (a field, or a path in a mission file such
    as ``missions[0].meetings[3].end``) so the user can find it.
    """

    def __init__(self, message: str, where: str = "") -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


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

    def __init__(self, errors: dict[str, str], what: str = "") -> None:
        self.errors = dict(errors)
        lines = "; ".join(f"{name}: {message}" for name, message in self.errors.items())
        super().__init__(lines, what)
