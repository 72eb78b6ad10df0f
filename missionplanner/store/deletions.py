"""Remembering deleted meetings and trips, whichever road deleted them.

A calendar that imported an earlier .ics keeps its events until a new file says they
are cancelled. A delete from the app and a meeting left out of a re-imported mission
file both come through here, so the next calendar export cancels either.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from missionplanner.domain.changes import MEETING, TRAVEL
from missionplanner.domain.plan import travel_summary
from missionplanner.store.schema import DeletedRecord, Meeting, TravelSegment, utcnow

CHUNK = 500


def remember(session: Session, kind: str, record_ids: Sequence[str]) -> None:
    """Keep what a calendar needs to cancel the events of records about to be deleted."""
    if kind not in (MEETING, TRAVEL) or not record_ids:
        return
    now = utcnow()
    for start in range(0, len(record_ids), CHUNK):
        chunk = list(record_ids[start : start + CHUNK])
        if kind == MEETING:
            tombstones = [
                _meeting_tombstone(meeting, now)
                for meeting in session.scalars(select(Meeting).where(Meeting.id.in_(chunk)))
            ]
        else:
            tombstones = [
                _travel_tombstone(trip, now)
                for trip in session.scalars(
                    select(TravelSegment).where(TravelSegment.id.in_(chunk))
                )
            ]
        for tombstone in tombstones:
            session.merge(tombstone)


def _meeting_tombstone(record: Meeting, now: object) -> DeletedRecord:
    return DeletedRecord(
        kind=MEETING,
        record_id=record.id,
        mission_id=record.mission_id,
        title=record.title,
        start_utc=record.start_utc,
        start_timezone=record.timezone,
        end_utc=record.end_utc,
        end_timezone=record.timezone,
        last_version=record.version,
        deleted_at=now,
    )


def _travel_tombstone(record: TravelSegment, now: object) -> DeletedRecord:
    return DeletedRecord(
        kind=TRAVEL,
        record_id=record.id,
        mission_id=record.mission_id,
        title=travel_summary(
            record.mode, record.carrier, record.reference, record.origin, record.destination
        ),
        start_utc=record.depart_utc,
        start_timezone=record.depart_timezone,
        end_utc=record.arrive_utc,
        end_timezone=record.arrive_timezone,
        last_version=record.version,
        deleted_at=now,
    )


def forget(session: Session, kind: str, record_ids: Iterable[str]) -> None:
    """Records that exist again (an undone delete, a re-import) are no longer cancelled.

    Each one's version (and so its calendar SEQUENCE) is raised above the cancellation a
    calendar may already hold, or the calendar would ignore the event's return.
    """
    if kind not in (MEETING, TRAVEL):
        return
    model = Meeting if kind == MEETING else TravelSegment
    ids = list(record_ids)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        found = session.execute(
            select(DeletedRecord.record_id, DeletedRecord.last_version).where(
                DeletedRecord.kind == kind, DeletedRecord.record_id.in_(chunk)
            )
        ).all()
        for record_id, last_version in found:
            session.execute(
                update(model).where(model.id == record_id).values(version=last_version + 2)
            )
        if found:
            session.execute(
                delete(DeletedRecord).where(
                    DeletedRecord.kind == kind,
                    DeletedRecord.record_id.in_([row[0] for row in found]),
                )
            )
