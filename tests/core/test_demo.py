"""The demo missions load through the normal importer and show the checks at work."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from missionplanner.checks import check
from missionplanner.cli import main
from missionplanner.services.missions import list_missions, load_plan
from missionplanner.services.transfer import load_demo
from missionplanner.store.database import Database, open_database


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Database:
    db = open_database(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    load_demo(db)
    return db


def test_five_missions_with_eight_to_fifteen_meetings_each(demo_db: Database) -> None:
    summaries = list_missions(demo_db)
    assert len(summaries) == 5
    for summary in summaries:
        plan = load_plan(demo_db, summary.id)
        assert 8 <= len(plan.meetings) <= 15, summary.title
        assert plan.stops and plan.travel and plan.participants, summary.title
        assert all(s.start and s.start.year in (2026, 2027) for s in summaries)


def test_both_directions_are_represented(demo_db: Database) -> None:
    assert {s.direction for s in list_missions(demo_db)} == {"outbound", "inbound"}


def test_the_deliberate_problems_are_found(demo_db: Database) -> None:
    codes: Counter[str] = Counter()
    for summary in list_missions(demo_db):
        codes.update(p.code for p in check(load_plan(demo_db, summary.id)))
    for code in (
        "double-booked",
        "travel-conflict",
        "tight-connection",
        "outside-hours",
        "weekend",
        "holiday",
    ):
        assert codes[code] >= 1, code


def test_loading_the_demo_again_changes_nothing(demo_db: Database) -> None:
    report = load_demo(demo_db)
    assert not report.changed
    assert len(list_missions(demo_db)) == 5


def test_demo_option_uses_its_own_database(
    capsys: pytest.CaptureFixture[str], isolated_user_folders: Path
) -> None:
    assert main(["--demo", "missions"]) == 0
    out = capsys.readouterr().out
    assert "Invest Atlanta exploratory mission to Chile and Colombia" in out
    demo_files = list(isolated_user_folders.rglob("demo.sqlite"))
    assert len(demo_files) == 1
    assert list(isolated_user_folders.rglob("missionplanner.sqlite")) == []


def test_pickers_and_meeting_rows_name_the_organizations(demo_db: Database) -> None:
    from missionplanner.services.missions import organization_choices, organization_names

    plan = load_plan(demo_db, "m-atl-latam-2027")
    names = organization_names(demo_db, plan)
    referenced = {oid for m in plan.meetings for oid in m.organization_ids}
    assert set(names) == referenced
    organizations, contacts = organization_choices(demo_db)
    assert len(organizations) == 37
    assert {c.organization_id for c in contacts} <= {o.id for o in organizations}
    assert [o.name.casefold() for o in organizations] == sorted(
        o.name.casefold() for o in organizations
    )
