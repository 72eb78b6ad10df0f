"""One description per record kind: every column is described, and every value survives
every road (dialog form → database → mission file → database → spreadsheet).

The forms are filled from their descriptions, field by field, so a field added to a
record is covered here without touching this test; a column added to a table without a
description fails the first test.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from missionplanner.domain.changes import (
    CONTACT,
    FOLLOW_UP,
    MEETING,
    MISSION,
    ORGANIZATION,
    PARTICIPANT,
    STOP,
    TRAVEL,
)
from missionplanner.domain.forms import (
    FORMS,
    Kind,
    MeetingForm,
    MissionForm,
    OrganizationForm,
    ParticipantForm,
    StopForm,
    TravelForm,
    fields_of,
)
from missionplanner.errors import FieldErrors, MissionFileError
from missionplanner.io.sheet_export import export_sheet
from missionplanner.services import records, transfer
from missionplanner.store import kinds
from missionplanner.store.database import Database, open_database
from missionplanner.store.schema import Base

# Columns no form field holds: bookkeeping, and what a field's value is stored as.
BOOKKEEPING = {"id", "version", "created_at", "updated_at", "position"}
DERIVED = {
    STOP: {"latitude", "longitude"},  # from the city, in the gazetteer
    TRAVEL: {"depart_utc", "arrive_utc"},  # the instants of the local times
    MEETING: {"start_utc", "end_utc"},
}
PARENTS = {FOLLOW_UP: {"meeting_id"}, CONTACT: {"organization_id"}}
LINK_TABLES = {
    link.table.name for bound in kinds.BINDINGS.values() for link in bound.links.values()
}
# Tables that are not records people edit.
NOT_RECORDS = {"deleted_records", "alembic_version"}


def test_every_column_of_every_table_is_described() -> None:
    tables = {bound.table.name: kind for kind, bound in kinds.BINDINGS.items()}
    for table in Base.metadata.sorted_tables:
        if table.name in NOT_RECORDS or table.name in LINK_TABLES:
            continue
        assert table.name in tables, f"{table.name} has no record description"
        kind = tables[table.name]
        described = {info.name for info in fields_of(FORMS[kind])}
        loose = (
            set(table.c.keys())
            - described
            - BOOKKEEPING
            - DERIVED.get(kind, set())
            - PARENTS.get(kind, set())
        )
        assert not loose, f"{table.name} columns without a description: {sorted(loose)}"


def test_every_text_field_is_limited_by_its_column() -> None:
    for form in FORMS.values():
        for info in fields_of(form):
            if info.spec.kind in (Kind.TEXT, Kind.EMAIL, Kind.ZONE, Kind.CHOICE):
                assert kinds.limit(form, info.name), f"{form.__name__}.{info.name}"


# --- every value through every road ---------------------------------------------------


def _value(kind: str, info: Any, refs: dict[str, list[str]]) -> Any:
    """A value for a field that is not its default, from what the field holds."""
    spec = info.spec
    name = f"{kind} {info.name}"
    match spec.kind:
        case Kind.TEXT:
            return f"{name} — Medellín & Co."
        case Kind.LONG_TEXT:
            return f"{name}\nsecond line: “quoted” <b>not markup</b>"
        case Kind.EMAIL:
            return f"{info.name.replace('_', '.')}@rutanmedellin.org"
        case Kind.PHONE:
            return "+57 604 5167770"
        case Kind.COUNTRY:
            return "CO"
        case Kind.ZONE:
            return "America/Bogota"
        case Kind.DATE:
            return date(2027, 3, 9) if info.name != "depart" else date(2027, 3, 12)
        case Kind.CHOICE:
            assert spec.vocabulary is not None
            return list(spec.vocabulary)[-2].value  # not the default (the first or last)
        case Kind.FLAG:
            return True
        case Kind.TEXTS:
            return ["fintech", "software"]
        case Kind.REF:
            return refs[spec.of][0]
        case Kind.REFS:
            return list(refs[spec.of])
        case Kind.LOCAL_TIME:
            hour = {"start_local": 10, "end_local": 11, "depart_local": 7, "arrive_local": 9}
            return datetime(2027, 3, 10, hour[info.name], 30)
    raise AssertionError(info)


def _filled(kind: str, refs: dict[str, list[str]], **given: Any) -> Any:
    form = FORMS[kind]
    values: dict[str, Any] = {}
    for info in fields_of(form):
        if info.name in given:
            values[info.name] = given[info.name]
        elif info.spec.kind is Kind.ID:
            values[info.name] = None
        elif info.spec.kind in (Kind.PARENT, Kind.POSITION, Kind.MEMO, Kind.CHILDREN):
            continue
        else:
            values[info.name] = _value(kind, info, refs)
    return form(**values)


def _comparable(form: Any) -> dict[str, Any]:
    """A form's described values, children included, without bookkeeping."""
    out: dict[str, Any] = {}
    for info in fields_of(type(form)):
        if info.spec.kind in (Kind.POSITION, Kind.MEMO):
            continue
        value = getattr(form, info.name)
        if info.spec.kind is Kind.CHILDREN:
            value = [_comparable(child) for child in value]
        out[info.name] = value
    return out


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Database, dict[str, list[str]]]:
    """A database where every field of every record kind holds a value of its own."""
    db = open_database(tmp_path / "filled.sqlite")
    refs: dict[str, list[str]] = {}

    def save(kind: str, form: Any) -> str:
        saved = records.save(db, form, None)
        refs.setdefault(kind, []).append(saved.id)
        return saved.id

    contact = _filled(CONTACT, refs)
    save(ORGANIZATION, _filled(ORGANIZATION, refs, contacts=[contact]))
    org_form, _ = records.load(db, OrganizationForm, refs[ORGANIZATION][0])
    refs[CONTACT] = [c.id for c in org_form.contacts]
    mission = save(MISSION, _filled(MISSION, refs))
    save(STOP, _filled(STOP, refs, mission_id=mission, city="Bogotá", timezone="America/Bogota"))
    save(PARTICIPANT, _filled(PARTICIPANT, refs, mission_id=mission))
    save(TRAVEL, _filled(TRAVEL, refs, mission_id=mission))
    follow_up = _filled(FOLLOW_UP, refs)
    save(MEETING, _filled(MEETING, refs, mission_id=mission, follow_ups=[follow_up]))
    refs[MISSION] = [mission]
    return db, refs


FORM_OF_KIND = {
    MISSION: MissionForm,
    STOP: StopForm,
    PARTICIPANT: ParticipantForm,
    TRAVEL: TravelForm,
    MEETING: MeetingForm,
    ORGANIZATION: OrganizationForm,
}


def test_every_column_is_set_by_the_dialog_road(
    filled: tuple[Database, dict[str, list[str]]],
) -> None:
    db, _refs = filled
    with db.reading() as session:
        for bound in kinds.BINDINGS.values():
            rows = session.execute(select(bound.table)).mappings().all()
            assert rows, f"no {bound.kind} was written"
            for row in rows:
                for column in bound.table.c:
                    value = row[column.key]
                    assert value not in (None, "", []), f"{bound.table.name}.{column.key} empty"
        for table in LINK_TABLES:
            assert session.execute(select(Base.metadata.tables[table])).first(), table


def test_every_value_survives_file_and_sheets(
    filled: tuple[Database, dict[str, list[str]]], tmp_path: Path
) -> None:
    db, refs = filled
    before = {
        (kind, record_id): _comparable(records.load(db, form, record_id)[0])
        for kind, form in FORM_OF_KIND.items()
        for record_id in refs[kind]
    }
    path = tmp_path / "all.json"
    transfer.export_file(db, path)
    other = open_database(tmp_path / "other.sqlite")
    transfer.import_file(other, path)
    after = {
        (kind, record_id): _comparable(records.load(other, form, record_id)[0])
        for kind, form in FORM_OF_KIND.items()
        for record_id in refs[kind]
    }
    assert after == before
    # Exported again, the file is the same: nothing was lost or reworded on the way.
    again = tmp_path / "again.json"
    transfer.export_file(other, again)
    assert json.loads(again.read_text("utf-8")) == json.loads(path.read_text("utf-8"))

    # Every field a sheet shows is in it, as the record holds it.
    mission = refs[MISSION][0]
    for sheet, kind in (("meetings", MEETING), ("participants", PARTICIPANT)):
        out = tmp_path / f"{sheet}.csv"
        export_sheet(other, mission, sheet, out)
        text = out.read_text("utf-8-sig")
        record = records.load(other, FORM_OF_KIND[kind], refs[kind][0])[0]
        for info in fields_of(type(record)):
            value = getattr(record, info.name)
            if info.spec.sheet and info.spec.kind in (Kind.TEXT, Kind.EMAIL, Kind.CHOICE):
                assert value.splitlines()[0] in text, f"{sheet}: {info.name}"
    contacts = tmp_path / "contacts.csv"
    export_sheet(other, mission, "contacts", contacts)
    text = contacts.read_text("utf-8-sig")
    organization = records.load(other, OrganizationForm, refs[ORGANIZATION][0])[0]
    for form in (organization, *organization.contacts):
        for info in fields_of(type(form)):
            if info.spec.sheet and info.spec.kind in (Kind.TEXT, Kind.EMAIL):
                assert getattr(form, info.name) in text, info.name


def test_a_title_too_long_for_its_column_is_refused_on_every_road(
    filled: tuple[Database, dict[str, list[str]]], tmp_path: Path
) -> None:
    db, refs = filled
    meeting, version = records.load(db, MeetingForm, refs[MEETING][0])
    too_long = "x" * ((kinds.limit(MeetingForm, "title") or 0) + 1)
    with pytest.raises(FieldErrors, match="longer than 300 characters"):
        records.save(db, dataclasses.replace(meeting, title=too_long), version)
    path = tmp_path / "file.json"
    transfer.export_file(db, path)
    data = json.loads(path.read_text("utf-8"))
    data["missions"][0]["meetings"][0]["title"] = too_long
    with pytest.raises(MissionFileError, match=r"meetings\[0\]\.title: is longer than 300"):
        transfer.import_data(db, data)
