"""Several threads using one open database file at once, as the desktop app's workers do."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from missionplanner.domain.forms import ContactForm, MissionForm, OrganizationForm, ParticipantForm
from missionplanner.services import records
from missionplanner.services.directory import list_organizations
from missionplanner.services.missions import load_plan
from missionplanner.store.database import Database
from missionplanner.store.schema import Organization

THREADS = 8
ORGANIZATIONS_EACH = 4


def test_eight_threads_read_and_write_while_the_main_thread_keeps_a_session(db: Database) -> None:
    mission_id = records.save(
        db, MissionForm(None, "Andes", home_timezone="America/New_York"), None
    ).id
    start = threading.Barrier(THREADS)
    failures: list[BaseException] = []

    def work(number: int) -> None:
        try:
            start.wait()
            for each in range(ORGANIZATIONS_EACH):
                name = f"Worker {number} organization {each}"
                saved = records.save(
                    db,
                    OrganizationForm(None, name, contacts=[ContactForm(None, f"Contact {each}")]),
                    None,
                )
                form, version = records.load(db, OrganizationForm, saved.id)
                assert form.name == name
                records.change(db, OrganizationForm, saved.id, version, city="Santiago")
                list_organizations(db)
            records.save(db, ParticipantForm(None, mission_id, f"Traveller {number}"), None)
            load_plan(db, mission_id)
        except BaseException as error:  # handed to the main thread, which fails the test
            failures.append(error)

    with db.reading() as session:
        before = session.scalar(select(func.count()).select_from(Organization))
        workers = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        # The session the main thread kept is still usable, and still sees its snapshot.
        assert session.scalar(select(func.count()).select_from(Organization)) == before

    assert failures == []
    rows = list_organizations(db)
    assert len(rows) == THREADS * ORGANIZATIONS_EACH
    for row in rows:
        form, version = records.load(db, OrganizationForm, row.id)
        assert (form.city, version, len(form.contacts)) == ("Santiago", 2, 1)
    plan = load_plan(db, mission_id)
    assert sorted(p.name for p in plan.participants) == sorted(
        f"Traveller {n}" for n in range(THREADS)
    )
