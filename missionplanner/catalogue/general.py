"""Words used everywhere: lists, durations, counts."""

from __future__ import annotations

from missionplanner.messages import N_, NP_, Plural

ENTRIES: dict[str, str | Plural] = {
    "list.and": N_("{first} and {last}"),
    "list.or": N_("{first} or {last}"),
    "duration.hours-minutes": N_("{hours} h {minutes} min"),
    "duration.hours": N_("{hours} h"),
    "duration.minutes": N_("{minutes} min"),
    "count.cities": NP_("{n} city", "{n} cities"),
    "count.trips": NP_("{n} trip", "{n} trips"),
    "count.meetings": NP_("{n} meeting", "{n} meetings"),
    "count.participants": NP_("{n} participant", "{n} participants"),
    "count.organizations": NP_("{n} organization", "{n} organizations"),
    "count.contacts": NP_("{n} contact", "{n} contacts"),
    "count.follow-ups": NP_("{n} follow-up", "{n} follow-ups"),
    "count.missions": NP_("{n} mission", "{n} missions"),
    "count.pages": NP_("{n} page", "{n} pages"),
    "count.problems": NP_("{n} problem", "{n} problems"),
    # Record kinds, as a message names them ("a meeting with the id … already exists").
    "kind.mission": N_("mission"),
    "kind.stop": N_("city"),
    "kind.travel": N_("trip"),
    "kind.participant": N_("participant"),
    "kind.meeting": N_("meeting"),
    "kind.follow-up": N_("follow-up"),
    "kind.organization": N_("organization"),
    "kind.contact": N_("contact"),
    # The same, as a heading names many of them ("Importing meetings…").
    "kinds.mission": N_("missions"),
    "kinds.stop": N_("cities"),
    "kinds.travel": N_("trips"),
    "kinds.participant": N_("participants"),
    "kinds.meeting": N_("meetings"),
    "kinds.follow-up": N_("follow-ups"),
    "kinds.organization": N_("organizations"),
    "kinds.contact": N_("contacts"),
    "count.stops": NP_("{n} city", "{n} cities"),
    "count.travel": NP_("{n} travel segment", "{n} travel segments"),
    "count.meetings-cancelled": NP_(
        "{n} meeting (+{cancelled} cancelled)", "{n} meetings (+{cancelled} cancelled)"
    ),
    "count.more": NP_("and {n} more", "and {n} more"),
}
