"""The item models inside the record dialogs pass pytest-qt's model tester."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from missionplanner.domain.forms import MeetingForm, OrganizationForm
from missionplanner.services import records
from missionplanner.services.missions import load_plan, organization_choices
from missionplanner.store.database import Database
from ui.dialogs.meeting import MeetingDialog
from ui.dialogs.organization import OrganizationDialog
from ui.operations import Operations

MISSION = "m-atl-latam-2027"


def test_meeting_dialog_models(qtbot: QtBot, qtmodeltester, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    operations = Operations(demo_db)
    plan = load_plan(demo_db, MISSION)
    form, version = records.load(demo_db, MeetingForm, "mt-atl27-startup-chile")
    organizations, contacts = organization_choices(demo_db)
    dialog = MeetingDialog(operations, plan, form, version, organizations, contacts)
    qtbot.addWidget(dialog)
    assert dialog.attendees.rowCount() == len(plan.participants)
    assert dialog.follow_ups.model.rowCount() == len(form.follow_ups) > 0
    for model in (
        dialog.organizations.chosen,
        dialog.organizations.available,
        dialog.contacts.chosen,
        dialog.contacts.available,
        dialog.attendees,
        dialog.follow_ups.model,
    ):
        qtmodeltester.check(model)


def test_organization_dialog_contacts_model(
    qtbot: QtBot,
    qtmodeltester,  # type: ignore[no-untyped-def]
    demo_db: Database,
) -> None:
    form, version = records.load(demo_db, OrganizationForm, "org-ruta-n")
    dialog = OrganizationDialog(Operations(demo_db), form, version)
    qtbot.addWidget(dialog)
    assert dialog.contacts.rowCount() == len(form.contacts) > 0
    qtmodeltester.check(dialog.contacts)
