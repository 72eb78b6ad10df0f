"""Writing missions and the organizations they meet as a ``missionplanner/1`` file.

Rows are read in a few bulk queries and turned into the records' forms
(:func:`missionplanner.store.kinds.form_of`); each form is written with the keys its
description names, so a new field reaches the file without touching this module.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionplanner.domain.changes import CONTACT, MISSION, ORGANIZATION
from missionplanner.domain.forms import MISSION_PARTS, Kind, fields_of
from missionplanner.errors import NotFoundError
from missionplanner.io.parse import FORMAT
from missionplanner.messages import Message
from missionplanner.store import kinds
from missionplanner.store.reading import FormReader, rows_where


def to_json(form: Any) -> dict[str, Any]:
    """A form as a mission-file object: its described fields under their file keys."""
    out: dict[str, Any] = {}
    for info in fields_of(type(form)):
        key = info.file_key
        if key is None:
            continue
        value = getattr(form, info.name)
        kind = info.spec.kind
        if kind is Kind.DATE:
            value = value.isoformat() if isinstance(value, date) else None
        elif kind is Kind.LOCAL_TIME:
            value = value.strftime("%Y-%m-%dT%H:%M") if isinstance(value, datetime) else None
        elif kind is Kind.CHILDREN:
            value = [to_json(child) for child in value]
        elif kind in (Kind.TEXTS, Kind.REFS):
            value = list(value)
        out[key] = value
    return out


def export_contents(session: Session, mission_ids: Sequence[str] | None = None) -> dict[str, Any]:
    """The file contents for the given missions (all when ``None``).

    With every mission, every organization is written; with chosen missions, only the
    organizations their meetings refer to, directly or through a contact.
    """
    missions_table = kinds.binding(MISSION).table
    if mission_ids is None:
        missions = list(
            session.execute(
                select(missions_table).order_by(missions_table.c.title, missions_table.c.id)
            ).mappings()
        )
    else:
        by_id = {row["id"]: row for row in rows_where(session, missions_table, "id", mission_ids)}
        unknown = [mid for mid in mission_ids if mid not in by_id]
        if unknown:
            raise NotFoundError(Message("not-found.mission", id=unknown[0]))
        missions = [by_id[mid] for mid in dict.fromkeys(mission_ids)]
    ids = [m["id"] for m in missions]
    reader = FormReader(session)
    parts = {kind: reader.forms(kind, "mission_id", ids) for kind in MISSION_PARTS.values()}

    org_table = kinds.binding(ORGANIZATION).table
    if mission_ids is None:
        org_ids = list(session.scalars(select(org_table.c.id)))
    else:
        # The organizations of the meetings' contacts too: without them a contact id in
        # the file would refer to nothing and the file would not import elsewhere.
        meetings = [m for forms in parts["meeting"].values() for m in forms]
        contact_ids = sorted({cid for m in meetings for cid in m.contact_ids})
        contact_table = kinds.binding(CONTACT).table
        org_ids = sorted(
            {oid for m in meetings for oid in m.organization_ids}
            | {c["organization_id"] for c in rows_where(session, contact_table, "id", contact_ids)}
        )
    organizations = _organizations(reader, org_ids)
    organizations.sort(key=lambda o: (o.name.casefold(), o.id))

    def mission_json(row: Any) -> dict[str, Any]:
        out = to_json(kinds.form_of(MISSION, row))
        for key, kind in MISSION_PARTS.items():
            out[key] = [to_json(form) for form in parts[kind].get(row["id"], [])]
        return out

    return {
        "format": FORMAT,
        "organizations": [to_json(org) for org in organizations],
        "missions": [mission_json(m) for m in missions],
    }


def _organizations(reader: FormReader, org_ids: Sequence[str]) -> list[Any]:
    """Many organizations with their contacts, in a few bulk queries."""
    table = kinds.binding(ORGANIZATION).table
    contacts = reader.forms(CONTACT, "organization_id", org_ids)
    return [
        kinds.form_of(ORGANIZATION, row, children={"contacts": contacts.get(row["id"], [])})
        for row in rows_where(reader.session, table, "id", org_ids)
    ]


def dumps(contents: dict[str, Any]) -> str:
    return json.dumps(contents, ensure_ascii=False, indent=2) + "\n"
