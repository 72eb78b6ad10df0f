"""Naming every participant one by one is the whole delegation, in every document."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader

from missionplanner.domain.forms import MeetingForm
from missionplanner.export.briefing import BriefingRenderer
from missionplanner.export.itinerary import ItineraryRenderer
from missionplanner.export.paper import Paper
from missionplanner.services import records
from missionplanner.services.dossier import load_dossier
from missionplanner.services.transfer import load_demo
from missionplanner.store.database import open_database

MISSION = "m-atl-latam-2027"


def _text(render: object) -> str:
    out = io.BytesIO()
    render.render(out)  # type: ignore[attr-defined]
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)


def test_every_participant_named_reads_as_the_whole_delegation(tmp_path: Path) -> None:
    with open_database(tmp_path / "plan.sqlite") as db:
        load_demo(db)
        dossier = load_dossier(db, MISSION)
        before = _text(ItineraryRenderer(dossier, paper=Paper.A4, invariant=True))
        meeting = next(m for m in dossier.meetings if not m.info.attendee_ids)
        everyone = [p.id for p in dossier.participants]
        form, version = records.load(db, MeetingForm, meeting.id)
        records.save(db, replace(form, attendee_ids=everyone), version)
        named = load_dossier(db, MISSION)

    brief = next(m for m in named.meetings if m.id == meeting.id)
    assert set(brief.info.attendee_ids) == set(everyone)  # stored one by one
    assert named.everyone(brief.info.attendee_ids)
    assert not named.everyone(frozenset(everyone[:1]))

    pack = _text(BriefingRenderer(named, paper=Paper.A4, invariant=True))
    assert f"Delegation attending: everyone ({len(everyone)})" in pack
    itinerary = _text(ItineraryRenderer(named, paper=Paper.A4, invariant=True))
    # No list of names under that meeting: as many "Attending" lines as before.
    assert itinerary.count("Attending") == before.count("Attending")
