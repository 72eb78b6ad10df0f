"""Long work reports its steps and can be cancelled without leaving anything behind."""

from __future__ import annotations

import pytest

from missionplanner.paths import demo_mission_file
from missionplanner.progress import Cancelled, Progress
from missionplanner.services.missions import list_missions
from missionplanner.services.transfer import import_file
from missionplanner.store.database import Database


def test_import_reports_its_steps(db: Database) -> None:
    steps: list[str] = []
    import_file(db, demo_mission_file(), Progress(report=steps.append))
    assert steps[0].startswith("Reading missions.json")
    assert "Importing meetings…" in steps
    assert steps[-1] == "Saving…"


@pytest.mark.parametrize(
    "stop_at", ["Importing contacts…", "Importing meetings…", "Importing follow-ups…"]
)
def test_cancelled_import_changes_nothing(db: Database, stop_at: str) -> None:
    seen: list[str] = []
    progress = Progress(report=seen.append, cancelled=lambda: stop_at in seen)
    with pytest.raises(Cancelled, match="nothing was changed"):
        import_file(db, demo_mission_file(), progress)
    assert list_missions(db) == []
    with db.reading() as session:
        from sqlalchemy import func, select

        from missionplanner.store.schema import Organization

        assert session.scalar(select(func.count()).select_from(Organization)) == 0
