"""Undoable edits. Each user action is one command that can be done, undone and redone.

A command moves one record between two states, each a form or ``None`` (the record does
not exist): creating goes from ``None`` to a form, deleting from a form to ``None``,
editing from one form to another. It remembers the version it left the record at, so an
undo after someone else changed the record is refused like any stale edit.
"""

from __future__ import annotations

from missionplanner.services import records
from missionplanner.services.forms import Form
from missionplanner.services.records import Saved
from missionplanner.store.database import Database


class RecordCommand:
    """One record from ``before`` to ``after`` and back."""

    def __init__(self, text: str, before: Form | None, after: Form | None, version: int | None):
        if before is None and after is None:
            raise ValueError("a command needs a state before or after")
        if after is not None and before is None:
            after = records.with_id(after)
        self.text = text
        self.before = before
        self.after = after
        self.version = version  # of the record as it stands now (None: absent)

    @classmethod
    def create(cls, text: str, form: Form) -> RecordCommand:
        return cls(text, None, form, None)

    @classmethod
    def edit(cls, text: str, before: Form, after: Form, version: int) -> RecordCommand:
        return cls(text, before, after, version)

    @classmethod
    def delete(
        cls, db: Database, text: str, form_type: type[Form], record_id: str
    ) -> RecordCommand:
        before, version = records.load(db, form_type, record_id)
        return cls(text, before, None, version)

    def redo(self, db: Database) -> Saved:
        return self._move(db, self.before, self.after)

    def undo(self, db: Database) -> Saved:
        return self._move(db, self.after, self.before)

    def _move(self, db: Database, source: Form | None, target: Form | None) -> Saved:
        if target is None:
            assert source is not None and source.id is not None and self.version is not None
            saved = records.delete(db, type(source), source.id, self.version)
        else:
            version = None if source is None else self.version
            saved = records.save(db, target, version)
        self.version = saved.version
        return saved
