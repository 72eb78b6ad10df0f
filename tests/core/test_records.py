"""Single-record edits: field-by-field validation, stale copies refused, undo and redo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from missionplanner.checks import check
from missionplanner.domain.forms import (
    ContactForm,
    FollowUpForm,
    MeetingForm,
    MissionForm,
    OrganizationForm,
    ParticipantForm,
    StopForm,
    TravelForm,
)
from missionplanner.errors import FieldErrors, StaleRecordError, ValidationError
from missionplanner.services import records
from missionplanner.services.commands import RecordCommand
from missionplanner.services.missions import load_plan
from missionplanner.store.database import Database


@pytest.fixture
def mission(db: Database) -> dict[str, str]:
    """A mission with two cities, two participants and an organization with a contact."""
    mission_id = records.save(
        db, MissionForm(None, "Chile and Colombia", home_timezone="America/New_York"), None
    ).id
    santiago = records.save(
        db, StopForm(None, mission_id, "Santiago", "CL", date(2026, 10, 5), date(2026, 10, 8)), None
    ).id
    bogota = records.save(
        db, StopForm(None, mission_id, "Bogotá", "CO", date(2026, 10, 8), date(2026, 10, 10)), None
    ).id
    cesar = records.save(db, ParticipantForm(None, mission_id, "Cesar Vence"), None).id
    ana = records.save(db, ParticipantForm(None, mission_id, "Ana Ruiz"), None).id
    org = records.save(
        db,
        OrganizationForm(
            None,
            "Start-Up Chile",
            kind="accelerator",
            city="Santiago",
            country="CL",
            contacts=[ContactForm(None, "Programme director", phone="+56 2 2290 9700")],
        ),
        None,
    ).id
    return {"mission": mission_id, "santiago": santiago, "bogota": bogota, "cesar": cesar,
            "ana": ana, "org": org}  # fmt: skip


def meeting_form(ids: dict[str, str], title: str, start: datetime, end: datetime) -> MeetingForm:
    return MeetingForm(None, ids["mission"], ids["santiago"], title, start, end)


def test_city_gets_its_zone_and_coordinates_from_the_gazetteer(
    db: Database, mission: dict[str, str]
) -> None:
    form, version = records.load(db, StopForm, mission["bogota"])
    assert form.timezone == "America/Bogota"
    assert version == 1
    plan = load_plan(db, mission["mission"])
    assert [s.city for s in plan.stops] == ["Santiago", "Bogotá"]


def test_unknown_city_without_zone_asks_for_the_zone(db: Database, mission: dict[str, str]) -> None:
    with pytest.raises(FieldErrors) as raised:
        records.save(
            db, StopForm(None, mission["mission"], "Atlantis", "US", date(2026, 1, 1),
                         date(2026, 1, 2)), None)  # fmt: skip
    assert "give its time zone" in str(raised.value.errors["timezone"])


def test_every_bad_field_of_a_meeting_is_reported_at_once(
    db: Database, mission: dict[str, str]
) -> None:
    form = replace(
        meeting_form(mission, " ", datetime(2026, 9, 6, 0, 30), datetime(2026, 9, 6, 1, 30)),
        kind="lunch",
        attendee_ids=["nobody"],
        follow_ups=[FollowUpForm(None, "")],
    )
    with pytest.raises(FieldErrors) as raised:
        records.save(db, form, None)
    errors = raised.value.errors
    assert set(errors) == {"title", "kind", "start_local", "attendee_ids", "follow_ups[0].action"}
    assert "does not exist" in str(errors["start_local"])


def test_meeting_ending_before_it_starts_is_explained(
    db: Database, mission: dict[str, str]
) -> None:
    form = meeting_form(
        mission, "Start-Up Chile", datetime(2026, 10, 6, 11), datetime(2026, 10, 6, 10)
    )
    with pytest.raises(FieldErrors) as raised:
        records.save(db, form, None)
    assert {name: str(words) for name, words in raised.value.errors.items()} == {
        "end_local": "ends before it starts"
    }


def test_meeting_round_trips_through_its_form(db: Database, mission: dict[str, str]) -> None:
    (contact,) = records.load(db, OrganizationForm, mission["org"])[0].contacts
    form = replace(
        meeting_form(
            mission, "Start-Up Chile", datetime(2026, 10, 6, 10), datetime(2026, 10, 6, 11)
        ),
        organization_ids=[mission["org"]],
        contact_ids=[contact.id or ""],
        attendee_ids=[mission["cesar"]],
        follow_ups=[FollowUpForm(None, "Send the deck", "Cesar Vence", date(2026, 10, 20))],
    )
    saved = records.save(db, form, None)
    loaded, version = records.load(db, MeetingForm, saved.id)
    assert version == 1
    assert loaded.timezone == "America/Santiago"
    assert (loaded.start_local, loaded.end_local) == (form.start_local, form.end_local)
    assert loaded.organization_ids == [mission["org"]]
    assert loaded.attendee_ids == [mission["cesar"]]
    assert [f.action for f in loaded.follow_ups] == ["Send the deck"]


def test_stale_edit_is_refused(db: Database, mission: dict[str, str]) -> None:
    form, version = records.load(db, MissionForm, mission["mission"])
    records.save(db, replace(form, title="First window"), version)
    with pytest.raises(StaleRecordError):
        records.save(db, replace(form, title="Second window"), version)
    assert records.load(db, MissionForm, mission["mission"])[0].title == "First window"


def test_a_city_with_meetings_cannot_be_deleted(db: Database, mission: dict[str, str]) -> None:
    records.save(
        db,
        meeting_form(mission, "Visit", datetime(2026, 10, 6, 10), datetime(2026, 10, 6, 11)),
        None,
    )
    with pytest.raises(ValidationError, match="Santiago still has 1 meeting"):
        records.delete(db, StopForm, mission["santiago"], 1)


def test_travel_across_zones_and_overnight(db: Database, mission: dict[str, str]) -> None:
    form = TravelForm(
        None, mission["mission"], "Santiago", "Bogotá",
        datetime(2026, 10, 8, 8, 0), "America/Santiago",
        datetime(2026, 10, 8, 11, 45), "America/Bogota",
        carrier="LATAM", reference="LA 574", participant_ids=[mission["cesar"]],
    )  # fmt: skip
    saved = records.save(db, form, None)
    (travel,) = load_plan(db, mission["mission"]).travel
    assert travel.id == saved.id
    assert travel.arrive_utc - travel.depart_utc == datetime(2026, 1, 1, 5, 45) - datetime(
        2026, 1, 1
    )
    backwards = replace(form, id=None, arrive_local=datetime(2026, 10, 8, 5, 0))
    with pytest.raises(FieldErrors) as raised:
        records.save(db, backwards, None)
    assert "arrive_local" in raised.value.errors


def test_create_undo_redo_keeps_the_same_record(db: Database, mission: dict[str, str]) -> None:
    command = RecordCommand.create(
        "Add meeting",
        meeting_form(
            mission, "Start-Up Chile", datetime(2026, 10, 6, 10), datetime(2026, 10, 6, 11)
        ),
    )
    first = command.redo(db)
    assert [m.id for m in load_plan(db, mission["mission"]).meetings] == [first.id]
    command.undo(db)
    assert load_plan(db, mission["mission"]).meetings == ()
    again = command.redo(db)
    assert again.id == first.id


def test_edit_undo_restores_and_double_booking_comes_and_goes(
    db: Database, mission: dict[str, str]
) -> None:
    a = records.save(
        db, meeting_form(mission, "A", datetime(2026, 10, 6, 10), datetime(2026, 10, 6, 11)), None
    )
    records.save(
        db, meeting_form(mission, "B", datetime(2026, 10, 6, 12), datetime(2026, 10, 6, 13)), None
    )
    before, version = records.load(db, MeetingForm, a.id)
    after = replace(before, start_local=datetime(2026, 10, 6, 12, 30),
                    end_local=datetime(2026, 10, 6, 13, 30))  # fmt: skip
    command = RecordCommand.edit("Move meeting", before, after, version)

    def codes() -> list[str]:
        return [p.code for p in check(load_plan(db, mission["mission"]))]

    assert "double-booked" not in codes()
    command.redo(db)
    assert "double-booked" in codes()
    command.undo(db)
    assert "double-booked" not in codes()
    assert records.load(db, MeetingForm, a.id)[0].start_local == datetime(2026, 10, 6, 10)


def test_delete_undo_brings_back_links_and_follow_ups(
    db: Database, mission: dict[str, str]
) -> None:
    form = replace(
        meeting_form(mission, "Visit", datetime(2026, 10, 6, 10), datetime(2026, 10, 6, 11)),
        organization_ids=[mission["org"]],
        attendee_ids=[mission["ana"]],
        follow_ups=[FollowUpForm(None, "Call back")],
    )
    saved = records.save(db, form, None)
    original, _ = records.load(db, MeetingForm, saved.id)
    command = RecordCommand.delete(db, "Delete meeting", MeetingForm, saved.id)
    command.redo(db)
    assert load_plan(db, mission["mission"]).meetings == ()
    command.undo(db)
    restored, _ = records.load(db, MeetingForm, saved.id)
    assert replace(restored, position=None) == replace(original, position=None)


def test_undo_after_someone_else_changed_the_record_is_refused(
    db: Database, mission: dict[str, str]
) -> None:
    before, version = records.load(db, MissionForm, mission["mission"])
    command = RecordCommand.edit("Rename", before, replace(before, title="Mine"), version)
    command.redo(db)
    current, current_version = records.load(db, MissionForm, mission["mission"])
    records.save(db, replace(current, title="Theirs"), current_version)
    with pytest.raises(StaleRecordError):
        command.undo(db)
    assert records.load(db, MissionForm, mission["mission"])[0].title == "Theirs"


def test_removing_a_participant_and_undoing_restores_their_meetings(
    db: Database, mission: dict[str, str]
) -> None:
    saved = records.save(
        db,
        replace(
            meeting_form(mission, "Visit", datetime(2026, 10, 6, 10), datetime(2026, 10, 6, 11)),
            attendee_ids=[mission["cesar"], mission["ana"]],
        ),
        None,
    )
    command = RecordCommand.delete(db, "Remove participant", ParticipantForm, mission["cesar"])
    command.redo(db)
    assert records.load(db, MeetingForm, saved.id)[0].attendee_ids == [mission["ana"]]
    command.undo(db)
    assert set(records.load(db, MeetingForm, saved.id)[0].attendee_ids) == {
        mission["cesar"],
        mission["ana"],
    }


def test_the_only_named_attendee_cannot_be_removed(db: Database, mission: dict[str, str]) -> None:
    records.save(
        db,
        replace(
            meeting_form(mission, "Visit", datetime(2026, 10, 6, 10), datetime(2026, 10, 6, 11)),
            attendee_ids=[mission["cesar"]],
        ),
        None,
    )
    with pytest.raises(ValidationError, match="only person named for “Visit”"):
        records.delete(db, ParticipantForm, mission["cesar"], 1)


def test_e_mail_and_phone_rules_apply_to_the_dialog_road(
    db: Database, mission: dict[str, str]
) -> None:
    """The rules the contact import applies hold in the dialogs too."""
    with pytest.raises(FieldErrors) as raised:
        records.save(
            db,
            ParticipantForm(None, mission["mission"], "Dana", email="dana@", phone="call me"),
            None,
        )
    errors = {name: str(words) for name, words in raised.value.errors.items()}
    assert errors == {
        "email": "“dana@” is not a valid e-mail address",
        "phone": "“call me” is not a phone number in United States",
    }
    # A number without its country code belongs to the mission's home country (US here),
    # and is stored in international format, as the contact import stores it.
    saved = records.save(
        db, ParticipantForm(None, mission["mission"], "Dana", phone="(404) 880 4100"), None
    )
    person, _version = records.load(db, ParticipantForm, saved.id)
    assert person.phone == "+1 404-880-4100"
    # A contact's number without its code belongs to its organization's country.
    org, version = records.load(db, OrganizationForm, mission["org"])
    org.contacts[0].phone = "2 2290 9700"
    org.contacts[0].email = "Director@StartupChile.ORG"
    records.save(db, org, version)
    org, _version = records.load(db, OrganizationForm, mission["org"])
    assert (org.contacts[0].phone, org.contacts[0].email) == (
        "+56 2 2290 9700",
        "Director@startupchile.org",
    )


def test_a_line_break_in_a_name_is_refused(db: Database, mission: dict[str, str]) -> None:
    with pytest.raises(FieldErrors) as raised:
        records.save(db, ParticipantForm(None, mission["mission"], "Dana\nBrooks"), None)
    assert "must be on one line" in str(raised.value.errors["name"])


def test_a_mission_takes_no_more_meetings_than_the_app_can_print(
    db: Database, mission: dict[str, str]
) -> None:
    """The dialogs' road refuses the meeting past the limit, as mission files do."""
    from datetime import datetime, timedelta

    from sqlalchemy import insert

    from missionplanner.domain.limits import MOST_MEETINGS
    from missionplanner.errors import ValidationError
    from missionplanner.store.schema import Meeting

    plan = load_plan(db, mission["mission"])
    stop = plan.stops[0]
    start = datetime(stop.arrive.year, stop.arrive.month, stop.arrive.day, 9)
    held = len(plan.meetings)
    with db.writing() as session:
        session.execute(
            insert(Meeting),
            [
                {
                    "id": f"bulk-{n}",
                    "mission_id": plan.id,
                    "stop_id": stop.id,
                    "title": f"Meeting {n}",
                    "start_local": start,
                    "end_local": start + timedelta(minutes=30),
                    "timezone": stop.timezone,
                    "start_utc": start + timedelta(hours=3),
                    "end_utc": start + timedelta(hours=3, minutes=30),
                }
                for n in range(MOST_MEETINGS - held)
            ],
        )
    one_more = MeetingForm(None, plan.id, stop.id, "One more", start, start + timedelta(hours=1))
    with pytest.raises(ValidationError, match="already holds 5,000 meetings"):
        records.save(db, records.with_id(one_more), None)
