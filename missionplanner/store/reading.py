"""Reading stored records back into their forms, many at a time.

One reader serves every road out: the edit dialogs (one record), the mission-file
export and the spreadsheets (every record of some missions). Each kind is read in a few
bulk queries: its rows, the link tables behind its lists of ids, and its children.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql import FromClause

from missionplanner.domain.changes import PARTICIPANT
from missionplanner.domain.forms import Kind
from missionplanner.store import kinds
from missionplanner.store.schema import Meeting

CHUNK = 500


def chunks(keys: Iterable[str]) -> Iterator[list[str]]:
    """``keys`` in order, cut into lists short enough for an ``IN`` (SQLite limits the
    number of bound parameters of a statement)."""
    ordered = sorted(keys)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def rows_where(session: Session, table: FromClause, column: str, keys: Iterable[str]) -> list[Any]:
    """The rows of ``table`` whose ``column`` is one of ``keys`` (in chunks)."""
    found: list[Any] = []
    for chunk in chunks(keys):
        found.extend(session.execute(select(table).where(table.c[column].in_(chunk))).mappings())
    return found


def meeting_links(
    session: Session, mission_id: str, link: FromClause, target: str
) -> dict[str, list[str]]:
    """What each meeting of the mission names through the link table ``link`` (its
    ``target`` column: participants, organizations, contacts), in the meeting's order."""
    meetings = Meeting.__table__
    query = (
        select(link.c.meeting_id, link.c[target])
        .join(meetings, meetings.c.id == link.c.meeting_id)
        .where(meetings.c.mission_id == mission_id)
    )
    if "position" in link.c:
        query = query.order_by(link.c.meeting_id, link.c.position)
    found: dict[str, list[str]] = defaultdict(list)
    for meeting_id, target_id in session.execute(query):
        found[meeting_id].append(target_id)
    return found


class FormReader:
    """Forms of stored records, read in bulk; ``rows`` keeps each record's stored row.

    The stored row holds what a form does not: the UTC instants, the version.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.rows: dict[str, Mapping[str, Any]] = {}
        # Participant id -> position: lists of people (attendees) follow the delegation.
        self._rank: dict[str, int] = {}

    def forms(self, kind: str, parent: str, parent_ids: Sequence[str]) -> dict[str, list[Any]]:
        """The forms of ``kind`` under each parent id (``parent`` "id": the records
        themselves), in their order."""
        bound = kinds.binding(kind)
        groups: dict[str, list[Any]] = defaultdict(list)
        order = "position" if "position" in bound.table.c else "id"
        for row in sorted(
            rows_where(self.session, bound.table, parent, parent_ids),
            key=lambda r: (r[parent], r[order], r["id"]),
        ):
            groups[row[parent]].append(row)
            self.rows[row["id"]] = row
        ids = [row["id"] for group in groups.values() for row in group]
        links = self._links(bound, ids)
        children: dict[str, dict[str, list[Any]]] = defaultdict(dict)
        for info in bound.fields:
            if info.spec.kind is Kind.CHILDREN:
                child = kinds.binding(info.spec.of)
                assert child.parent_column is not None
                for owner_id, forms in self.forms(child.kind, child.parent_column, ids).items():
                    children[owner_id][info.name] = forms
        return {
            parent_id: [
                kinds.form_of(kind, row, links.get(row["id"]), children.get(row["id"]))
                for row in group
            ]
            for parent_id, group in groups.items()
        }

    def one(self, kind: str, record_id: str) -> Any | None:
        found = self.forms(kind, "id", [record_id]).get(record_id)
        return found[0] if found else None

    def _links(self, bound: kinds.Binding, ids: list[str]) -> dict[str, dict[str, list[str]]]:
        links: dict[str, dict[str, list[str]]] = defaultdict(dict)
        for name, link in bound.links.items():
            found: dict[str, list[tuple[int, str]]] = defaultdict(list)
            rows = rows_where(self.session, link.table, link.owner, ids)
            if not link.ordered:
                self._rank_people([row[link.target] for row in rows])
            for row in rows:
                target = row[link.target]
                order = row["position"] if link.ordered else self._rank.get(target, 0)
                found[row[link.owner]].append((order, target))
            for owner_id, targets in found.items():
                links[owner_id][name] = [target for _order, target in sorted(targets)]
        return links

    def _rank_people(self, ids: list[str]) -> None:
        wanted = sorted(set(ids) - self._rank.keys())
        table = kinds.binding(PARTICIPANT).table
        for row in rows_where(self.session, table, "id", wanted):
            self._rank[row["id"]] = row["position"]
