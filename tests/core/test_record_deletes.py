"""Deletes that take other records along, and undoing them: missions, contacts, organizations."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from missionplanner.domain.forms import MeetingForm, MissionForm, OrganizationForm, TravelForm
from missionplanner.errors import NotFoundError, ValidationError
from missionplanner.services import records
from missionplanner.services.commands import RecordCommand
from missionplanner.services.missions import list_missions, load_plan
from missionplanner.services.transfer import export_data, load_demo
from missionplanner.store.database import Database

MISSION = "m-atl-latam-2027"
LUNCH = "mt-atl27-aci-lunch"


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db)
    return db


def mission_file(db: Database, mission_id: str) -> dict[str, Any]:
    """Everything a mission holds, as its mission file has it."""
    return export_data(db, [mission_id])


def test_undoing_a_mission_delete_brings_back_everything_it_held(demo: Database) -> None:
    # One trip for one person only, so travellers are links worth bringing back too.
    trip = load_plan(demo, MISSION).travel[0]
    form, version = records.load(demo, TravelForm, trip.id)
    person = load_plan(demo, MISSION).participants[0].id
    records.save(demo, replace(form, participant_ids=[person]), version)
    before = mission_file(demo, MISSION)
    plan = load_plan(demo, MISSION)
    assert plan.stops and plan.participants and plan.travel and plan.meetings
    assert any(m.attendee_ids for m in plan.meetings)
    assert any(t.participant_ids == {person} for t in plan.travel)
    (mission,) = before["missions"]
    assert any(m["follow_ups"] for m in mission["meetings"])
    assert any(m["contacts"] for m in mission["meetings"])

    command = RecordCommand.delete(demo, "Delete mission", MissionForm, MISSION)
    command.redo(demo)
    assert MISSION not in {s.id for s in list_missions(demo)}
    with pytest.raises(NotFoundError):
        records.load(demo, MeetingForm, LUNCH)

    command.undo(demo)
    assert mission_file(demo, MISSION) == before
    assert load_plan(demo, MISSION) == plan

    # And again: redo deletes it all, undo brings it all back.
    command.redo(demo)
    assert MISSION not in {s.id for s in list_missions(demo)}
    command.undo(demo)
    assert mission_file(demo, MISSION) == before


def test_a_redo_takes_along_the_latest_state_of_what_the_mission_holds(demo: Database) -> None:
    command = RecordCommand.delete(demo, "Delete mission", MissionForm, MISSION)
    command.redo(demo)
    command.undo(demo)
    lunch, version = records.load(demo, MeetingForm, LUNCH)
    records.save(demo, replace(lunch, title="Lunch with ACI, moved"), version)
    command.redo(demo)
    command.undo(demo)
    assert records.load(demo, MeetingForm, LUNCH)[0].title == "Lunch with ACI, moved"


def test_an_undo_that_cannot_restore_everything_restores_nothing(demo: Database) -> None:
    plan = load_plan(demo, MISSION)
    only_here = {o for m in plan.meetings for o in m.organization_ids} - {
        o
        for other in list_missions(demo)
        if other.id != MISSION
        for m in load_plan(demo, other.id).meetings
        for o in m.organization_ids
    }
    assert only_here, "the demo mission meets someone no other mission does"
    gone = sorted(only_here)[0]
    command = RecordCommand.delete(demo, "Delete mission", MissionForm, MISSION)
    command.redo(demo)
    # Elsewhere (another window), the organization is deleted: nothing names it any more.
    _form, version = records.load(demo, OrganizationForm, gone)
    records.delete(demo, OrganizationForm, gone, version)

    with pytest.raises(ValidationError, match="not the id of a known organization"):
        command.undo(demo)
    assert MISSION not in {s.id for s in list_missions(demo)}
    with pytest.raises(NotFoundError):
        records.load(demo, MeetingForm, LUNCH)


def test_an_organization_with_meetings_is_kept_with_the_reason(demo: Database) -> None:
    before, version = records.load(demo, OrganizationForm, "org-ruta-n")
    with pytest.raises(ValidationError) as refused:
        records.delete(demo, OrganizationForm, "org-ruta-n", version)
    message = str(refused.value)
    assert "Ruta N cannot be deleted" in message
    assert "7 meetings" in message
    assert records.load(demo, OrganizationForm, "org-ruta-n") == (before, version)


def test_removing_a_contact_and_undoing_names_them_on_their_meetings_again(
    demo: Database,
) -> None:
    before, version = records.load(demo, OrganizationForm, "org-ruta-n")
    named = [c for c in before.contacts if c.meeting_positions]
    assert named, "a Ruta N contact is named on a meeting"
    contact = named[0]
    meeting_id = sorted(contact.meeting_positions)[0]
    contacts_before = records.load(demo, MeetingForm, meeting_id)[0].contact_ids
    assert contact.id in contacts_before

    after = replace(before, contacts=[c for c in before.contacts if c.id != contact.id])
    command = RecordCommand.edit("Remove contact", before, after, version)
    command.redo(demo)
    assert contact.id not in records.load(demo, MeetingForm, meeting_id)[0].contact_ids

    command.undo(demo)
    assert records.load(demo, OrganizationForm, "org-ruta-n")[0] == before
    # Back in the same place of the meeting's list.
    assert records.load(demo, MeetingForm, meeting_id)[0].contact_ids == contacts_before
