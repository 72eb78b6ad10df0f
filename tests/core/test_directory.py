"""The organization directory on the demo missions, in a real SQLite file."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from missionplanner.domain.enums import MeetingStatus
from missionplanner.domain.forms import MeetingForm
from missionplanner.errors import NotFoundError
from missionplanner.services import records
from missionplanner.services.directory import (
    OrganizationRow,
    get_organization,
    list_organizations,
    organization_history,
)
from missionplanner.services.missions import list_missions, load_plan
from missionplanner.services.transfer import load_demo
from missionplanner.store.database import Database
from missionplanner.store.schema import Meeting


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db)
    return db


def matching(rows: list[OrganizationRow], query: str) -> list[str]:
    """What a directory filter does: every word of the query is in the search text."""
    words = query.split()
    return [row.id for row in rows if all(word in row.search_text for word in words)]


def test_every_organization_is_listed_once(demo: Database) -> None:
    rows = list_organizations(demo)
    assert len(rows) == 37
    assert len({row.id for row in rows}) == 37
    ruta_n = next(row for row in rows if row.id == "org-ruta-n")
    assert (ruta_n.name, ruta_n.kind, ruta_n.city, ruta_n.country) == (
        "Ruta N",
        "innovation centre",
        "Medellín",
        "CO",
    )
    assert "soft landing" in ruta_n.sectors
    assert isinstance(ruta_n.sectors, tuple)
    assert ruta_n.contact_count == 3
    assert ruta_n.version >= 1


def test_rows_are_frozen_plain_objects(demo: Database) -> None:
    row = list_organizations(demo)[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.name = "changed"  # type: ignore[misc]
    assert not hasattr(row, "__dict__")


def test_rows_are_sorted_by_name_ignoring_case_and_accents(demo: Database) -> None:
    names = [row.name for row in list_organizations(demo)]
    assert names == sorted(names, key=str.casefold)
    # "ATDC" sorts among the other A names rather than before every lower-case letter.
    assert names.index("Alorica") < names.index(
        "ATDC (Advanced Technology Development Center), Georgia Tech"
    )


def test_meeting_counts_match_the_plans_and_leave_out_cancelled_meetings(demo: Database) -> None:
    expected: Counter[str] = Counter()
    for summary in list_missions(demo):
        for meeting in load_plan(demo, summary.id).meetings:
            if meeting.status != MeetingStatus.CANCELLED:
                expected.update(meeting.organization_ids)
    rows = list_organizations(demo)
    assert {row.id: row.meeting_count for row in rows if row.meeting_count} == dict(expected)
    assert sum(row.contact_count for row in rows) == 45

    ruta_n = next(row for row in rows if row.id == "org-ruta-n")
    meeting_id = organization_history(demo, "org-ruta-n")[0].meeting_id
    with demo.reading() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        version = meeting.version
    records.change(demo, MeetingForm, meeting_id, version, status=MeetingStatus.CANCELLED.value)

    after = next(row for row in list_organizations(demo) if row.id == "org-ruta-n")
    assert after.meeting_count == ruta_n.meeting_count - 1
    # The history still shows the cancelled meeting, with its status.
    history = {row.meeting_id: row.status for row in organization_history(demo, "org-ruta-n")}
    assert history[meeting_id] == "cancelled"


def test_search_text_is_folded(demo: Database) -> None:
    rows = list_organizations(demo)
    for row in rows:
        assert row.search_text == row.search_text.casefold()
        assert "í" not in row.search_text and "á" not in row.search_text
    assert sorted(matching(rows, "medellin")) == ["org-aci-medellin", "org-ruta-n"]
    assert matching(rows, "bogota") == ["org-procolombia"]


def test_search_text_covers_every_field(demo: Database) -> None:
    rows = list_organizations(demo)
    assert "org-ruta-n" in matching(rows, "colombia")  # country name
    assert "org-ruta-n" in matching(rows, "co")  # country code
    assert "org-ruta-n" in matching(rows, "soft landing")  # sector
    assert "org-ruta-n" in matching(rows, "alejandro franco")  # contact
    assert matching(rows, "medellin innovation") == ["org-ruta-n"]  # city and kind
    assert set(matching(rows, "accelerator")) == {
        row.id for row in rows if row.kind == "accelerator"
    }
    # Chinese names are kept as they are.
    assert matching(rows, "华为") == ["org-huawei"]


def test_organization_details_with_contacts_in_order(demo: Database) -> None:
    detail = get_organization(demo, "org-ruta-n")
    assert detail.name == "Ruta N"
    assert detail.website.startswith("https://")
    assert "Medellín" in detail.profile
    assert [c.name for c in detail.contacts] == [
        "Alejandro Franco",
        "Sin Kit I",
        "Soft-landing team",
    ]
    franco = detail.contacts[0]
    assert franco.title == "Executive Director"
    assert franco.email and franco.phone and franco.version >= 1


def test_history_spans_missions_newest_first(demo: Database) -> None:
    history = organization_history(demo, "org-ruta-n")
    assert len(history) == 7
    assert len({row.mission_id for row in history}) >= 2
    assert {row.mission_title for row in history} >= {
        "Ruta N and CIC Miami: memorandum of understanding and e-science partnership"
    }
    starts = [row.start_local for row in history]
    assert starts == sorted(starts, reverse=True)
    newest = history[0]
    assert newest.start_local.tzinfo is None  # as entered, local to its zone
    assert newest.end_local > newest.start_local
    assert newest.timezone and newest.city and newest.title and newest.status


def test_history_of_an_organization_without_meetings_is_empty(demo: Database) -> None:
    assert organization_history(demo, "org-moove-it") == []


def test_unknown_ids_are_reported(demo: Database) -> None:
    with pytest.raises(NotFoundError, match="no-such-org"):
        get_organization(demo, "no-such-org")
    with pytest.raises(NotFoundError, match="no-such-org"):
        organization_history(demo, "no-such-org")


def test_an_empty_database_has_an_empty_directory(db: Database) -> None:
    assert list_organizations(db) == []
