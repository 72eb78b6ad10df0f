"""Words of printed documents and calendar files around their contents: the page frame,
the paper, the steps of writing them, and what an export wrote."""

from __future__ import annotations

from missionplanner.messages import N_, NP_, Plural

ENTRIES: dict[str, str | Plural] = {
    "briefing.cancelled-left-out": NP_(
        "{n} cancelled meeting is left out of this pack.",
        "{n} cancelled meetings are left out of this pack.",
    ),
    "calendar.whole-delegation": N_("the whole delegation"),
    # The frame of every page.
    "document.generated": N_("Generated {at:iso}"),
    # The page total is drawn after this, once the document knows it.
    "document.page-of": N_("Page {page} of "),
    # Refused before anything is written.
    "document.confidential-too-long": N_(
        "The confidentiality line is {n:,} characters long; it can be at most {most:,}."
    ),
    "document.confidential-too-many-lines": N_(
        "The confidentiality line has {n:,} lines; it can have at most {most}."
    ),
    "document.mission-too-large": N_(
        "{title:quoted} has {n:,} meetings; documents can be made of a mission of at most "
        "{most:,} meetings (export a spreadsheet or a calendar instead)."
    ),
    # Days of a long mission left out of the itinerary, said where they would be.
    "itinerary.days-not-shown": NP_(
        "Day {first:,} ({dates}) is not shown: no meetings or travel are planned on it.",
        "Days {first:,}–{last:,} ({dates}) are not shown: no meetings or travel are planned "
        "on them.",
    ),
    "paper.unknown": N_("Unknown paper size {value:quoted}: use letter or a4."),
    # Steps of writing a document or a calendar.
    "document.step.reading": N_("Reading the mission"),
    "document.step.checking": N_("Checking the schedule"),
    "calendar.step.reading": N_("Reading the mission…"),
    "calendar.step.writing": N_("Writing the calendar…"),
    # What a calendar export wrote.
    "calendar.wrote": N_("Wrote {events} ({meetings}; {trips}) of {title:quoted} to {path}."),
    "calendar.wrote-for": N_(
        "Wrote {events} ({meetings}; {trips}) of {title:quoted} for {person} to {path}."
    ),
    "calendar.count.events": NP_("{n} event", "{n} events"),
    "calendar.count.meetings-cancelled": NP_(
        "{n} meeting, +{cancelled} cancelled", "{n} meetings, +{cancelled} cancelled"
    ),
}
