"""Writing a validated mission file into the database, idempotently by id.

Import is one unit of work: any error rolls everything back. Records are matched by
id: new ones are added, changed ones updated (their version rises), identical ones left
alone, so importing the same file twice changes nothing. A mission in the file is the
whole truth about its participants, stops, travel and meetings: those no longer in the
file are removed. Organizations and contacts are a shared directory and only grow.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from missionplanner.errors import MissionFileError
from missionplanner.io.records import MissionFileContents
from missionplanner.progress import SILENT, Progress
from missionplanner.store.schema import (
    Contact,
    FollowUp,
    Meeting,
    MeetingContact,
    MeetingOrganization,
    Mission,
    Organization,
    Participant,
    Stop,
    TravelSegment,
    meeting_attendees,
    travel_participants,
    utcnow,
)

CHUNK = 500
# The order in which reports list record types.
KINDS = {
    "organizations": "organization",
    "contacts": "contact",
    "missions": "mission",
    "participants": "participant",
    "stops": "stop",
    "travel segments": "travel segment",
    "meetings": "meeting",
    "follow-ups": "follow-up",
}


@dataclass
class ImportReport:
    added: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    mission_ids: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(+self.added or +self.updated or +self.removed)

    def lines(self) -> list[str]:
        out = []
        for verb, counts in (
            ("added", self.added),
            ("updated", self.updated),
            ("removed", self.removed),
            ("unchanged", self.unchanged),
        ):
            parts = [
                f"{counts[kind]} {kind if counts[kind] != 1 else singular}"
                for kind, singular in KINDS.items()
                if counts[kind]
            ]
            if parts:
                out.append(f"{verb.capitalize()}: {', '.join(parts)}.")
        return out or ["The file holds no organizations and no missions."]


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


class _Importer:
    def __init__(self, session: Session, progress: Progress = SILENT) -> None:
        self.session = session
        self.progress = progress
        self.report = ImportReport()
        self.now = utcnow()

    def existing(self, table: Table, ids: Sequence[str], columns: Iterable[str]) -> dict[str, Any]:
        wanted = [table.c[name] for name in dict.fromkeys(["id", "version", *columns])]
        found: dict[str, Any] = {}
        for chunk in _chunks(ids):
            rows = self.session.execute(select(*wanted).where(table.c.id.in_(chunk))).mappings()
            found.update((row["id"], row) for row in rows)
        return found

    def insert_many(self, table: Table, rows: list[dict[str, Any]]) -> None:
        """Insert rows; on SQLite straight through the driver.

        SQLAlchemy's per-row parameter handling is a third of a large import. The values
        still go through each column type's own bind processor, so they are stored
        exactly as the ORM would store them.
        """
        connection = self.session.connection()
        dialect = connection.dialect
        if dialect.name != "sqlite":
            self.session.execute(insert(table), rows)
            return
        names = list(rows[0])
        processors = [table.c[name].type.bind_processor(dialect) for name in names]
        columns = ", ".join(dialect.identifier_preparer.quote(name) for name in names)
        marks = ", ".join("?" for _ in names)
        quoted = dialect.identifier_preparer.format_table(table)
        values = [
            tuple(
                process(row[name]) if process is not None and row[name] is not None else row[name]
                for name, process in zip(names, processors, strict=True)
            )
            for row in rows
        ]
        connection.exec_driver_sql(f"INSERT INTO {quoted} ({columns}) VALUES ({marks})", values)

    def sync(
        self,
        model: Any,
        kind: str,
        rows: list[dict[str, Any]],
        touched: set[str] = frozenset(),  # type: ignore[assignment]
        owner: str | None = None,
        places: dict[str, str] | None = None,
    ) -> None:
        """Insert new rows, update changed ones (and those in ``touched``), count the rest.

        ``owner`` names the column (``mission_id``) that an existing record must keep:
        a participant of one mission cannot be taken over by another. ``places`` gives
        each id's place in the file, for the error message.
        """
        self.progress.step(f"Importing {kind}…")
        if not rows:
            return
        table = _table(model)
        columns = list(rows[0])
        old = self.existing(table, [row["id"] for row in rows], columns)
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for row in rows:
            before = old.get(row["id"])
            if before is None:
                inserts.append(
                    {**row, "version": 1, "created_at": self.now, "updated_at": self.now}
                )
                continue
            if owner and before[owner] != row[owner]:
                singular = KINDS[kind]
                place = (places or {}).get(row["id"])
                raise MissionFileError(
                    (f"{place}.id: the" if place else "The")
                    + f" {singular} id “{row['id']}” already belongs to another "
                    f"{owner.removesuffix('_id')} in this database (“{before[owner]}”); "
                    "give it a different id. Nothing was imported."
                )
            if row["id"] in touched or any(before[name] != row[name] for name in columns):
                updates.append(
                    {
                        **{f"new_{name}": value for name, value in row.items()},
                        "match_id": row["id"],
                        "new_version": before["version"] + 1,
                        "new_updated_at": self.now,
                    }
                )
            else:
                self.report.unchanged[kind] += 1
        if inserts:
            self.insert_many(table, inserts)
            self.report.added[kind] += len(inserts)
        if updates:
            values: dict[str, Any] = {
                name: bindparam(f"new_{name}") for name in (*columns, "version", "updated_at")
            }
            statement = update(table).where(table.c.id == bindparam("match_id")).values(values)
            self.session.execute(statement, updates)
            self.report.updated[kind] += len(updates)

    def remove_missing(
        self, model: Any, kind: str, parent: str, parent_ids: list[str], keep: set[str]
    ) -> None:
        table = _table(model)
        stale: list[str] = []
        for chunk in _chunks(parent_ids):
            stale.extend(
                record_id
                for record_id in self.session.scalars(
                    select(table.c.id).where(table.c[parent].in_(chunk))
                )
                if record_id not in keep
            )
        for chunk in _chunks(stale):
            self.session.execute(delete(table).where(table.c.id.in_(chunk)))
        self.report.removed[kind] += len(stale)

    def links(
        self, table: Table, owner: str, target: str, wanted: dict[str, list[str]], ordered: bool
    ) -> set[str]:
        """Make each owner's links equal to ``wanted``; return the owners that changed."""
        current: dict[str, list[str]] = {owner_id: [] for owner_id in wanted}
        columns = [table.c[owner], table.c[target]]
        order = [table.c[owner], table.c.position] if ordered else [table.c[owner], table.c[target]]
        for chunk in _chunks(list(wanted)):
            query = select(*columns).where(table.c[owner].in_(chunk)).order_by(*order)
            for owner_id, target_id in self.session.execute(query):
                current[owner_id].append(target_id)
        changed = {
            owner_id
            for owner_id, targets in wanted.items()
            if (targets if ordered else sorted(targets))
            != (current[owner_id] if ordered else sorted(current[owner_id]))
        }
        return changed

    def replace_links(
        self, table: Table, owner: str, target: str, wanted: dict[str, list[str]], owners: set[str]
    ) -> None:
        if not owners:
            return
        owner_list = sorted(owners)
        for chunk in _chunks(owner_list):
            self.session.execute(delete(table).where(table.c[owner].in_(chunk)))
        has_position = "position" in table.c
        rows = [
            {owner: owner_id, target: target_id, **({"position": pos} if has_position else {})}
            for owner_id in owner_list
            for pos, target_id in enumerate(wanted[owner_id])
        ]
        if rows:
            self.insert_many(table, rows)


def import_contents(
    session: Session, contents: MissionFileContents, progress: Progress = SILENT
) -> ImportReport:
    """Write ``contents`` in the caller's unit of work and report what changed.

    ``progress`` may cancel between steps; the caller's unit of work then rolls back.
    """
    importer = _Importer(session, progress)
    organizations = contents.organizations
    importer.sync(
        Organization,
        "organizations",
        [
            {
                "id": org.id,
                "name": org.name,
                "kind": org.kind,
                "city": org.city,
                "country": org.country,
                "website": org.website,
                "profile": org.profile,
                "sectors": org.sectors,
            }
            for org in organizations
        ],
    )
    importer.sync(
        Contact,
        "contacts",
        [
            {
                "id": c.id,
                "organization_id": c.organization_id,
                "position": c.position,
                "name": c.name,
                "title": c.title,
                "email": c.email,
                "phone": c.phone,
                "notes": c.notes,
            }
            for org in organizations
            for c in org.contacts
        ],
    )
    missions = contents.missions
    mission_ids = [m.id for m in missions]
    importer.report.mission_ids = mission_ids
    meetings = [meeting for mission in missions for meeting in mission.meetings]
    travel = [segment for mission in missions for segment in mission.travel]

    # Where each record is in the file (parsing succeeded, so positions are indexes).
    places: dict[str, str] = {}
    for index, mission in enumerate(missions):
        where = f"missions[{index}]"
        places.update((p.id, f"{where}.participants[{p.position}]") for p in mission.participants)
        places.update((s.id, f"{where}.stops[{s.position}]") for s in mission.stops)
        places.update((t.id, f"{where}.travel[{t.position}]") for t in mission.travel)
        for meeting in mission.meetings:
            at = f"{where}.meetings[{meeting.position}]"
            places[meeting.id] = at
            places.update((f.id, f"{at}.follow_ups[{f.position}]") for f in meeting.follow_ups)

    org_links = {m.id: m.organization_ids for m in meetings}
    contact_links = {m.id: m.contact_ids for m in meetings}
    attendee_links = {m.id: m.attendee_ids for m in meetings}
    traveller_links = {t.id: t.participant_ids for t in travel}
    org_changes = importer.links(
        _table(MeetingOrganization), "meeting_id", "organization_id", org_links, ordered=True
    )
    contact_changes = importer.links(
        _table(MeetingContact), "meeting_id", "contact_id", contact_links, ordered=True
    )
    attendee_changes = importer.links(
        meeting_attendees, "meeting_id", "participant_id", attendee_links, ordered=False
    )
    traveller_changes = importer.links(
        travel_participants, "travel_id", "participant_id", traveller_links, ordered=False
    )

    importer.sync(
        Mission,
        "missions",
        [
            {
                "id": m.id,
                "title": m.title,
                "organizer": m.organizer,
                "direction": m.direction,
                "status": m.status,
                "objectives": m.objectives,
                "home_timezone": m.home_timezone,
            }
            for m in missions
        ],
    )
    importer.sync(
        Participant,
        "participants",
        [
            {
                "id": p.id,
                "mission_id": p.mission_id,
                "position": p.position,
                "name": p.name,
                "role": p.role,
                "organization": p.organization,
                "email": p.email,
                "phone": p.phone,
            }
            for mission in missions
            for p in mission.participants
        ],
        owner="mission_id",
        places=places,
    )
    importer.sync(
        Stop,
        "stops",
        [
            {
                "id": s.id,
                "mission_id": s.mission_id,
                "position": s.position,
                "city": s.city,
                "country": s.country,
                "timezone": s.timezone,
                "arrive": s.arrive,
                "depart": s.depart,
                "hotel": s.hotel,
                "notes": s.notes,
                "latitude": s.latitude,
                "longitude": s.longitude,
            }
            for mission in missions
            for s in mission.stops
        ],
        owner="mission_id",
        places=places,
    )
    importer.sync(
        TravelSegment,
        "travel segments",
        [t.columns() for t in travel],
        touched=traveller_changes,
        owner="mission_id",
        places=places,
    )
    importer.sync(
        Meeting,
        "meetings",
        [m.columns() for m in meetings],
        touched=org_changes | contact_changes | attendee_changes,
        owner="mission_id",
        places=places,
    )
    keep_meetings = {m.id for m in meetings}
    importer.remove_missing(Meeting, "meetings", "mission_id", mission_ids, keep_meetings)
    importer.remove_missing(
        TravelSegment, "travel segments", "mission_id", mission_ids, {t.id for t in travel}
    )
    importer.remove_missing(
        Stop, "stops", "mission_id", mission_ids, {s.id for m in missions for s in m.stops}
    )
    importer.remove_missing(
        Participant,
        "participants",
        "mission_id",
        mission_ids,
        {p.id for m in missions for p in m.participants},
    )
    follow_ups = [f for meeting in meetings for f in meeting.follow_ups]
    importer.sync(
        FollowUp,
        "follow-ups",
        [
            {
                "id": f.id,
                "meeting_id": f.meeting_id,
                "position": f.position,
                "action": f.action,
                "owner": f.owner,
                "due": f.due,
                "done": f.done,
            }
            for f in follow_ups
        ],
        owner="meeting_id",
        places=places,
    )
    importer.remove_missing(
        FollowUp, "follow-ups", "meeting_id", sorted(keep_meetings), {f.id for f in follow_ups}
    )
    # Links last: the participants, organizations and contacts they point to now exist.
    importer.replace_links(
        _table(MeetingOrganization), "meeting_id", "organization_id", org_links, org_changes
    )
    importer.replace_links(
        _table(MeetingContact), "meeting_id", "contact_id", contact_links, contact_changes
    )
    importer.replace_links(
        meeting_attendees, "meeting_id", "participant_id", attendee_links, attendee_changes
    )
    importer.replace_links(
        travel_participants, "travel_id", "participant_id", traveller_links, traveller_changes
    )
    return importer.report
