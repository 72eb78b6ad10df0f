"""Column headers of the spreadsheets a mission exports, named by each field's
description (missionplanner.domain.forms). The contacts sheet's headers are those the
contact import recognises, so an exported sheet imports into another database."""

from __future__ import annotations

from missionplanner.messages import N_, Plural

ENTRIES: dict[str, str | Plural] = {
    "sheet-title.meetings": N_("Meetings"),
    "sheet-title.participants": N_("Participants"),
    "sheet-title.contacts": N_("Contacts"),
    "column.title": N_("Title"),
    "column.name": N_("Name"),
    "column.role": N_("Role"),
    "column.organization": N_("Organization"),
    "column.organizations": N_("Organizations"),
    "column.email": N_("Email"),
    "column.phone": N_("Phone"),
    "column.city": N_("City"),
    "column.country": N_("Country"),
    "column.arrive": N_("Arrive"),
    "column.depart": N_("Depart"),
    "column.zone": N_("Time zone"),
    "column.utc-offset": N_("UTC offset"),
    "column.hotel": N_("Hotel"),
    "column.notes": N_("Notes"),
    "column.from": N_("From"),
    "column.to": N_("To"),
    "column.depart-zone": N_("Departure time zone"),
    "column.arrive-zone": N_("Arrival time zone"),
    "column.mode": N_("Mode"),
    "column.carrier": N_("Carrier"),
    "column.reference": N_("Reference"),
    "column.travellers": N_("Travellers"),
    "column.start": N_("Start (local)"),
    "column.end": N_("End (local)"),
    "column.kind": N_("Kind"),
    "column.status": N_("Status"),
    "column.venue": N_("Venue"),
    "column.address": N_("Address"),
    "column.objectives": N_("Objectives"),
    "column.talking-points": N_("Talking points"),
    "column.contacts": N_("Contacts"),
    "column.attendees": N_("Attendees"),
    "column.job-title": N_("Title"),
    "column.website": N_("Website"),
    "column.sectors": N_("Sectors"),
    "column.meetings": N_("Meetings"),
    "column.whole-delegation": N_("Whole delegation"),
    "column.yes": N_("yes"),
    "column.no": N_("no"),
}
