"""Changes to single records, refused when made from a stale copy.

Every edit names the version it was made from. If the record has moved on since (edited
in another window, or by another program on the same file), the edit is refused with a
StaleRecordError instead of silently overwriting someone's work.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from missionplanner.domain.enums import Direction, MeetingKind, MeetingStatus, MissionStatus
from missionplanner.domain.zones import get_zone, resolve_local
from missionplanner.errors import NotFoundError, StaleRecordError, ValidationError
from missionplanner.store.database import Database
from missionplanner.store.schema import Meeting, Mission, Record

R = TypeVar("R", bound=Record)

MISSION_FIELDS = {"title", "organizer", "direction", "status", "objectives", "home_timezone"}


def load_current(session: Session, model: type[R], record_id: str, version: int, what: str) -> R:
    """The record, provided it is still at ``version``."""
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError(
            f"The {what} “{record_id}” no longer exists (it may have been deleted)."
        )
    if record.version != version:
        raise StaleRecordError(
            f"The {what} was changed elsewhere (in another window or program) since you "
            "opened it. Reload it to see the latest version, then make your change again."
        )
    return record


def _choice(value: Any, vocabulary: Any, field: str) -> str:
    try:
        return str(vocabulary(str(value).strip().lower()).value)
    except ValueError:
        allowed = ", ".join(member.value for member in vocabulary)
        raise ValidationError(f"“{value}” is not one of {allowed}", field) from None


def update_mission(db: Database, mission_id: str, version: int, **changes: Any) -> int:
    """Change a mission's own fields; returns its new version."""
    unknown = set(changes) - MISSION_FIELDS
    if unknown:
        raise ValidationError(f"missions have no field {', '.join(sorted(unknown))}")
    if "title" in changes and not str(changes["title"]).strip():
        raise ValidationError("a mission needs a title", "title")
    if "direction" in changes:
        changes["direction"] = _choice(changes["direction"], Direction, "direction")
    if "status" in changes:
        changes["status"] = _choice(changes["status"], MissionStatus, "status")
    if "home_timezone" in changes:
        get_zone(changes["home_timezone"])
    with db.writing() as session:
        mission = load_current(session, Mission, mission_id, version, "mission")
        for name, value in changes.items():
            setattr(mission, name, value.strip() if isinstance(value, str) else value)
        session.flush()
        return mission.version


def reschedule_meeting(
    db: Database,
    meeting_id: str,
    version: int,
    start_local: datetime,
    end_local: datetime,
    timezone: str | None = None,
) -> int:
    """Move a meeting to new local start and end times; returns its new version."""
    with db.writing() as session:
        meeting = load_current(session, Meeting, meeting_id, version, "meeting")
        zone = timezone or meeting.timezone
        what = f"meeting “{meeting.title}”"
        start = resolve_local(start_local, zone, f"the start of {what}")
        end = resolve_local(end_local, zone, f"the end of {what}")
        if end.utc <= start.utc:
            raise ValidationError(f"{what} ends before it starts", "end")
        meeting.start_utc, meeting.start_local = start.utc, start.local
        meeting.end_utc, meeting.end_local = end.utc, end.local
        meeting.timezone = zone
        session.flush()
        return meeting.version


def set_meeting_status(db: Database, meeting_id: str, version: int, status: str) -> int:
    value = _choice(status, MeetingStatus, "status")
    with db.writing() as session:
        meeting = load_current(session, Meeting, meeting_id, version, "meeting")
        meeting.status = value
        session.flush()
        return meeting.version


def set_meeting_kind(db: Database, meeting_id: str, version: int, kind: str) -> int:
    value = _choice(kind, MeetingKind, "kind")
    with db.writing() as session:
        meeting = load_current(session, Meeting, meeting_id, version, "meeting")
        meeting.kind = value
        session.flush()
        return meeting.version
