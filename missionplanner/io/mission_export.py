"""Writing missions and the organizations they meet as a ``missionplanner/1`` file."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from missionplanner.errors import NotFoundError
from missionplanner.io.records import FORMAT
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
)

CHUNK = 500


def _minute(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M")


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _rows(session: Session, table: Table, column: str, keys: Sequence[str]) -> list[Any]:
    found: list[Any] = []
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        found.extend(session.execute(select(table).where(table.c[column].in_(chunk))).mappings())
    return found


def _grouped(rows: list[Any], key: str, order: str = "position") -> dict[str, list[Any]]:
    groups: dict[str, list[Any]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: (r[key], r[order], r.get("id", ""))):
        groups[row[key]].append(row)
    return groups


def export_contents(session: Session, mission_ids: Sequence[str] | None = None) -> dict[str, Any]:
    """The file contents for the given missions (all when ``None``).

    With every mission, every organization is written; with chosen missions, only the
    organizations their meetings refer to, directly or through a contact.
    """
    missions_table: Table = Mission.__table__  # type: ignore[assignment]
    if mission_ids is None:
        missions = list(
            session.execute(
                select(missions_table).order_by(missions_table.c.title, missions_table.c.id)
            ).mappings()
        )
    else:
        by_id = {row["id"]: row for row in _rows(session, missions_table, "id", mission_ids)}
        unknown = [mid for mid in mission_ids if mid not in by_id]
        if unknown:
            raise NotFoundError(f"There is no mission with the id “{unknown[0]}”.")
        missions = [by_id[mid] for mid in dict.fromkeys(mission_ids)]
    ids = [m["id"] for m in missions]
    participants = _grouped(_rows(session, Participant.__table__, "mission_id", ids), "mission_id")  # type: ignore[arg-type]
    stops = _grouped(_rows(session, Stop.__table__, "mission_id", ids), "mission_id")  # type: ignore[arg-type]
    travel_rows = _rows(session, TravelSegment.__table__, "mission_id", ids)  # type: ignore[arg-type]
    travel = _grouped(travel_rows, "mission_id")
    meeting_rows = _rows(session, Meeting.__table__, "mission_id", ids)  # type: ignore[arg-type]
    meetings = _grouped(meeting_rows, "mission_id")
    meeting_ids = [m["id"] for m in meeting_rows]
    travel_ids = [t["id"] for t in travel_rows]
    org_links = _grouped(
        _rows(session, MeetingOrganization.__table__, "meeting_id", meeting_ids),  # type: ignore[arg-type]
        "meeting_id",
    )
    contact_links = _grouped(
        _rows(session, MeetingContact.__table__, "meeting_id", meeting_ids),  # type: ignore[arg-type]
        "meeting_id",
    )
    attendees = _link_sets(
        _rows(session, meeting_attendees, "meeting_id", meeting_ids), "meeting_id"
    )
    travellers = _link_sets(
        _rows(session, travel_participants, "travel_id", travel_ids), "travel_id"
    )
    follow_ups = _grouped(
        _rows(session, FollowUp.__table__, "meeting_id", meeting_ids),  # type: ignore[arg-type]
        "meeting_id",
    )

    org_table: Table = Organization.__table__  # type: ignore[assignment]
    if mission_ids is None:
        org_rows = list(session.execute(select(org_table)).mappings())
    else:
        # The organizations of the meetings' contacts too: without them a contact id in
        # the file would refer to nothing and the file would not import elsewhere.
        contact_table: Table = Contact.__table__  # type: ignore[assignment]
        contact_ids = sorted(
            {link["contact_id"] for links in contact_links.values() for link in links}
        )
        wanted = sorted(
            {link["organization_id"] for links in org_links.values() for link in links}
            | {c["organization_id"] for c in _rows(session, contact_table, "id", contact_ids)}
        )
        org_rows = _rows(session, org_table, "id", wanted)
    org_rows.sort(key=lambda r: (r["name"].casefold(), r["id"]))
    contacts = _grouped(
        _rows(session, Contact.__table__, "organization_id", [o["id"] for o in org_rows]),  # type: ignore[arg-type]
        "organization_id",
    )

    def participant_order(mission_id: str) -> dict[str, int]:
        return {p["id"]: p["position"] for p in participants[mission_id]}

    def mission_json(m: Any) -> dict[str, Any]:
        order = participant_order(m["id"])
        return {
            "id": m["id"],
            "title": m["title"],
            "organizer": m["organizer"],
            "direction": m["direction"],
            "status": m["status"],
            "objectives": m["objectives"],
            "home_timezone": m["home_timezone"],
            "participants": [
                {
                    "id": p["id"],
                    "name": p["name"],
                    "role": p["role"],
                    "organization": p["organization"],
                    "email": p["email"],
                    "phone": p["phone"],
                }
                for p in participants[m["id"]]
            ],
            "stops": [
                {
                    "id": s["id"],
                    "city": s["city"],
                    "country": s["country"],
                    "timezone": s["timezone"],
                    "arrive": _day(s["arrive"]),
                    "depart": _day(s["depart"]),
                    "hotel": s["hotel"],
                    "notes": s["notes"],
                }
                for s in stops[m["id"]]
            ],
            "travel": [
                {
                    "id": t["id"],
                    "from": t["origin"],
                    "to": t["destination"],
                    "mode": t["mode"],
                    "carrier": t["carrier"],
                    "reference": t["reference"],
                    "depart": _minute(t["depart_local"]),
                    "depart_timezone": t["depart_timezone"],
                    "arrive": _minute(t["arrive_local"]),
                    "arrive_timezone": t["arrive_timezone"],
                    "participants": sorted(travellers.get(t["id"], ()), key=order.__getitem__),
                }
                for t in travel[m["id"]]
            ],
            "meetings": [
                {
                    "id": mt["id"],
                    "title": mt["title"],
                    "kind": mt["kind"],
                    "stop": mt["stop_id"],
                    "organizations": [link["organization_id"] for link in org_links[mt["id"]]],
                    "contacts": [link["contact_id"] for link in contact_links[mt["id"]]],
                    "start": _minute(mt["start_local"]),
                    "end": _minute(mt["end_local"]),
                    "timezone": mt["timezone"],
                    "venue": mt["venue"],
                    "address": mt["address"],
                    "status": mt["status"],
                    "objectives": mt["objectives"],
                    "talking_points": mt["talking_points"],
                    "notes": mt["notes"],
                    "attendees": sorted(attendees.get(mt["id"], ()), key=order.__getitem__),
                    "follow_ups": [
                        {
                            "id": f["id"],
                            "action": f["action"],
                            "owner": f["owner"],
                            "due": _day(f["due"]),
                            "done": bool(f["done"]),
                        }
                        for f in follow_ups[mt["id"]]
                    ],
                }
                for mt in meetings[m["id"]]
            ],
        }

    return {
        "format": FORMAT,
        "organizations": [
            {
                "id": o["id"],
                "name": o["name"],
                "kind": o["kind"],
                "city": o["city"],
                "country": o["country"],
                "website": o["website"],
                "profile": o["profile"],
                "sectors": list(o["sectors"] or []),
                "contacts": [
                    {
                        "id": c["id"],
                        "name": c["name"],
                        "title": c["title"],
                        "email": c["email"],
                        "phone": c["phone"],
                        "notes": c["notes"],
                    }
                    for c in contacts[o["id"]]
                ],
            }
            for o in org_rows
        ],
        "missions": [mission_json(m) for m in missions],
    }


def _link_sets(rows: list[Any], owner: str) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        groups[row[owner]].add(row["participant_id"])
    return groups


def dumps(contents: dict[str, Any]) -> str:
    return json.dumps(contents, ensure_ascii=False, indent=2) + "\n"
