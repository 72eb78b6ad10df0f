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
        "{n} meeting, {cancelled} cancelled", "{n} meetings, {cancelled} cancelled"
    ),
}
