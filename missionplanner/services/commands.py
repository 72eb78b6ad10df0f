"""Undoable edits. Each user action is one command that can be done, undone and redone.

A command moves one record between two states, each a form or ``None`` (the record does
not exist): creating goes from ``None`` to a form, deleting from a form to ``None``,
editing from one form to another. It remembers the version it left the record at, so
an undo after someone else changed the record is refused like any stale edit.

Deleting a mission takes its cities, delegation, travel and meetings along; undoing it
brings them all back, with their links, in one unit of work.
"""

from __future__ import annotations

from missionplanner.domain.forms import Form
from missionplanner.services import records
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
        # Records that went with the record when it was deleted (a mission's cities,
        # delegation, travel and meetings): created again with it on undo.
        self.dependents: list[Form] = []

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
            # What goes along is taken as it is at this moment, not when the command was
            # made: a redo after other edits then brings back their latest state.
            saved, self.dependents = records.remove(db, type(source), source.id, self.version)
        elif source is None:
            saved = records.restore(db, target, self.dependents)
        else:
            saved = records.save(db, target, self.version)
        self.version = saved.version
        return saved
