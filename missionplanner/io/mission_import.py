"""Writing a validated mission file into the database, idempotently by id.

Import is one unit of work: any error rolls everything back. Records are matched by
id: new ones are added, changed ones updated (their version rises), identical ones left
alone, so importing the same file twice changes nothing. A mission in the file is the
whole truth about its participants, stops, travel and meetings: those no longer in the
file are removed, and removed meetings and trips are remembered like deletes from the
app, so calendars cancel them. Organizations and contacts are a shared directory and
only grow. Rows come from the same record descriptions as every other write
(:func:`missionplanner.store.kinds.columns`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from missionplanner.domain.changes import (
    CONTACT,
    FOLLOW_UP,
    KINDS,
    MEETING,
    MISSION,
    ORGANIZATION,
    PARTICIPANT,
    STOP,
    TRAVEL,
    Changes,
)
from missionplanner.domain.forms import MISSION_PARTS
from missionplanner.errors import MissionFileError
from missionplanner.io.parse import MissionFileContents
from missionplanner.messages import Message
from missionplanner.progress import SILENT, Progress
from missionplanner.store import deletions, kinds
from missionplanner.store.kinds import Clean, Link
from missionplanner.store.schema import utcnow

CHUNK = 500
# Parts whose records are removed when a file's mission no longer holds them, in an
# order the foreign keys allow (meetings name stops and participants).
_REMOVED_IN_ORDER = (MEETING, TRAVEL, STOP, PARTICIPANT)
# Records that go with a removed record (the database would delete them with it): the
# report names them too, so "Removed: 13 meetings" does not hide their follow-ups.
_GO_WITH: dict[str, tuple[tuple[str, str], ...]] = {MEETING: ((FOLLOW_UP, "meeting_id"),)}


@dataclass
class ImportReport:
    added: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    mission_ids: list[str] = field(default_factory=list)
    # What the import changed, for the views to update.
    changes: Changes = field(default_factory=Changes)

    @property
    def changed(self) -> bool:
        return bool(+self.added or +self.updated or +self.removed)

    def lines(self) -> list[Message]:
        out = []
        for code, counts in (
            ("import.added", self.added),
            ("import.updated", self.updated),
            ("import.removed", self.removed),
            ("import.unchanged", self.unchanged),
        ):
            parts = [Message(_COUNTS[kind], n=counts[kind]) for kind in KINDS if counts[kind]]
            if parts:
                out.append(Message(code, parts=parts))
        return out or [Message("import.nothing")]


_COUNTS = {
    ORGANIZATION: "count.organizations",
    CONTACT: "count.contacts",
    MISSION: "count.missions",
    PARTICIPANT: "count.participants",
    STOP: "count.stops",
    TRAVEL: "count.travel",
    MEETING: "count.meetings",
    FOLLOW_UP: "count.follow-ups",
}


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Importer:
    def __init__(self, session: Session, progress: Progress = SILENT) -> None:
        self.session = session
        self.progress = progress
        self.report = ImportReport()
        self.now = utcnow()
        self.touched: set[tuple[str, str]] = set()

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
        self.progress.step(Message("import.importing", kind=Message(f"kinds.{kind}")))
        if not rows:
            return
        table = kinds.binding(kind).table
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
                raise MissionFileError(
                    Message(
                        "file.owned-elsewhere",
                        where=(places or {}).get(row["id"], ""),
                        kind=Message(f"kind.{kind}"),
                        id=row["id"],
                        owner=Message(f"kind.{owner.removesuffix('_id')}"),
                        other=before[owner],
                    )
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
            # A record that comes back (a meeting removed earlier) is no longer cancelled.
            deletions.forget(self.session, kind, [row["id"] for row in inserts])
        if updates:
            values: dict[str, Any] = {
                name: bindparam(f"new_{name}") for name in (*columns, "version", "updated_at")
            }
            statement = update(table).where(table.c.id == bindparam("match_id")).values(values)
            self.session.execute(statement, updates)
            self.report.updated[kind] += len(updates)
        self.touched.update((kind, row["id"]) for row in inserts)
        self.touched.update((kind, row["match_id"]) for row in updates)

    def remove_missing(
        self, kind: str, parent: str, parent_ids: Sequence[str], keep: set[str]
    ) -> None:
        table = kinds.binding(kind).table
        stale: list[str] = []
        for chunk in _chunks(parent_ids):
            stale.extend(
                record_id
                for record_id in self.session.scalars(
                    select(table.c.id).where(table.c[parent].in_(chunk))
                )
                if record_id not in keep
            )
        for part, owner in _GO_WITH.get(kind, ()):
            self.remove_missing(part, owner, stale, set())
        # Removed by the file as by a delete in the app: calendars cancel them.
        deletions.remember(self.session, kind, stale)
        for chunk in _chunks(stale):
            self.session.execute(delete(table).where(table.c.id.in_(chunk)))
        self.report.removed[kind] += len(stale)
        self.touched.update((kind, record_id) for record_id in stale)

    def links(self, link: Link, wanted: dict[str, list[str]]) -> set[str]:
        """The owners whose links differ from ``wanted``."""
        table, owner, target = link.table, link.owner, link.target
        current: dict[str, list[str]] = {owner_id: [] for owner_id in wanted}
        order = [table.c[owner], table.c.position if link.ordered else table.c[target]]
        for chunk in _chunks(list(wanted)):
            query = (
                select(table.c[owner], table.c[target])
                .where(table.c[owner].in_(chunk))
                .order_by(*order)
            )
            for owner_id, target_id in self.session.execute(query):
                current[owner_id].append(target_id)

        def same(one: list[str], other: list[str]) -> bool:
            return one == other if link.ordered else sorted(one) == sorted(other)

        return {
            owner_id for owner_id, targets in wanted.items() if not same(targets, current[owner_id])
        }

    def replace_links(self, link: Link, wanted: dict[str, list[str]], owners: set[str]) -> None:
        if not owners:
            return
        owner_list = sorted(owners)
        table = link.table
        for chunk in _chunks(owner_list):
            self.session.execute(delete(table).where(table.c[link.owner].in_(chunk)))
        rows = [
            {link.owner: owner_id, link.target: target_id}
            | ({"position": position} if link.ordered else {})
            for owner_id in owner_list
            for position, target_id in enumerate(wanted[owner_id])
        ]
        if rows:
            self.insert_many(table, rows)


def _places(contents: MissionFileContents) -> dict[str, str]:
    """Where each record is in the file (parsing succeeded, so positions are indexes)."""
    places: dict[str, str] = {}
    for index, entry in enumerate(contents.missions):
        where = f"missions[{index}]"
        for key, kind in MISSION_PARTS.items():
            for position, part in enumerate(entry.parts[kind]):
                at = f"{where}.{key}[{position}]"
                places[part.form.id] = at
                if kind == MEETING:
                    places.update(
                        (f.id, f"{at}.follow_ups[{i}]") for i, f in enumerate(part.form.follow_ups)
                    )
    return places


def import_contents(
    session: Session, contents: MissionFileContents, progress: Progress = SILENT
) -> ImportReport:
    """Write ``contents`` in the caller's unit of work and report what changed.

    ``progress`` may cancel between steps; the caller's unit of work then rolls back.
    """
    importer = _Importer(session, progress)
    organizations = contents.organizations
    importer.sync(ORGANIZATION, [kinds.columns(org) for org in organizations])
    importer.sync(
        CONTACT,
        [
            kinds.columns(contact, organization_id=org.form.id, position=position)
            for org in organizations
            for position, contact in enumerate(org.children["contacts"])
        ],
    )
    missions = contents.missions
    mission_ids = [entry.id for entry in missions]
    importer.report.mission_ids = mission_ids
    places = _places(contents)
    parts: dict[str, list[Clean[Any]]] = {
        kind: [part for entry in missions for part in entry.parts[kind]]
        for kind in MISSION_PARTS.values()
    }

    # Links are compared before the records change, then written last, once every
    # record they point to exists.
    wanted_links: list[tuple[Link, dict[str, list[str]], set[str]]] = []
    relinked: dict[str, set[str]] = {TRAVEL: set(), MEETING: set()}
    for kind in (TRAVEL, MEETING):
        for name, link in kinds.binding(kind).links.items():
            wanted = {part.form.id: getattr(part.form, name) for part in parts[kind]}
            changed = importer.links(link, wanted)
            relinked[kind] |= changed
            wanted_links.append((link, wanted, changed))

    importer.sync(MISSION, [kinds.columns(entry.mission) for entry in missions])
    for kind in MISSION_PARTS.values():
        importer.sync(
            kind,
            [kinds.columns(part) for part in parts[kind]],
            touched=relinked.get(kind, set()),
            owner="mission_id",
            places=places,
        )
    for kind in _REMOVED_IN_ORDER:
        importer.remove_missing(
            kind, "mission_id", mission_ids, {part.form.id for part in parts[kind]}
        )
    meeting_ids = [part.form.id for part in parts[MEETING]]
    importer.sync(
        FOLLOW_UP,
        [
            kinds.columns(follow_up, meeting_id=meeting.form.id, position=position)
            for meeting in parts[MEETING]
            for position, follow_up in enumerate(meeting.children["follow_ups"])
        ],
        owner="meeting_id",
        places=places,
    )
    importer.remove_missing(
        FOLLOW_UP,
        "meeting_id",
        sorted(meeting_ids),
        {f.form.id for meeting in parts[MEETING] for f in meeting.children["follow_ups"]},
    )
    for link, wanted, changed in wanted_links:
        importer.replace_links(link, wanted, changed)
    importer.report.changes = Changes.many(importer.touched, mission_ids)
    return importer.report
