"""Words of the schedule checks: each problem, and the records it names.

A meeting is named by its title and local time ("check.meeting"), a trip by its route
and times ("check.trip"); the problems put those inside their sentences. ``people`` is a
list of names, and the sentence agrees with how many there are.
"""

from __future__ import annotations

from missionplanner.messages import N_, NP_, Plural

ENTRIES: dict[str, str | Plural] = {
    # The records a problem is about.
    "check.meeting": N_("{title:quoted} ({when}, {city})"),
    "check.meeting.no-city": N_("{title:quoted} ({when})"),
    "check.meeting-day": N_("{title:quoted} ({day}, {city})"),
    "check.meeting-day.no-city": N_("{title:quoted} ({day})"),
    "check.meeting-at": N_("{meeting} at {place}"),
    "check.untitled-meeting": N_("Untitled meeting"),
    "check.trip": N_("{trip} (departs {depart}, arrives {arrive})"),
    "check.this-stop": N_("this stop"),
    # The problems.
    "check.double-booked": NP_(
        "{people} is double-booked: {first} overlaps {second}.",
        "{people} are double-booked: {first} overlaps {second}.",
        count="people",
    ),
    "check.travel-conflict": NP_(
        "{people} is travelling on {trip} during {meeting}.",
        "{people} are travelling on {trip} during {meeting}.",
        count="people",
    ),
    "check.tight-connection": NP_(
        "{people} has only {gap} to get from {first} to {second}.",
        "{people} have only {gap} to get from {first} to {second}.",
        count="people",
    ),
    "check.tight-connection.no-time": NP_(
        "{people} has no time to get from {first} to {second}.",
        "{people} have no time to get from {first} to {second}.",
        count="people",
    ),
    "check.outside-stop": N_("{meeting} is outside the stay in {city} ({arrive} – {depart})."),
    "check.outside-stop.no-stop": N_(
        "{meeting} is not linked to any stop of this mission; choose the city it takes place in."
    ),
    "check.outside-hours": N_(
        "{meeting} is outside working hours ({day_start}–{day_end} local time)."
    ),
    "check.weekend": N_("{meeting} falls on a {day:weekday}."),
    "check.holiday": N_("{meeting} falls on a public holiday in {country}: {holiday}."),
    "check.ambiguous-time": N_(
        "{subject} has a clock time that happens twice because the clocks go back: "
        "{readings:semicolons}. Check that this is the one meant."
    ),
    # One clock reading that happens twice, and which of the two was taken.
    "check.repeated-time.earlier": N_(
        "the {part} {at:clock} in {timezone} is taken as the earlier one ({at:zone})"
    ),
    "check.repeated-time.later": N_(
        "the {part} {at:clock} in {timezone} is taken as the later one ({at:zone})"
    ),
    "check.part.start": N_("start"),
    "check.part.end": N_("end"),
    "check.part.departure": N_("departure"),
    "check.part.arrival": N_("arrival"),
    # What the checks found, counted.
    "check.severity.error": N_("Error"),
    "check.severity.warning": N_("Warning"),
    # Problems of one kind past the number listed, counted in one line.
    "check.more": NP_(
        "…and {n:,} more problem of this kind ({kind}), not listed one by one.",
        "…and {n:,} more problems of this kind ({kind}), not listed one by one.",
    ),
    "check.kind.double-booked": N_("double bookings"),
    "check.kind.travel-conflict": N_("travel during a meeting"),
    "check.kind.outside-stop": N_("meetings outside their stay"),
    "check.kind.tight-connection": N_("tight connections"),
    "check.kind.outside-hours": N_("meetings outside working hours"),
    "check.kind.weekend": N_("meetings on a weekend"),
    "check.kind.holiday": N_("meetings on a public holiday"),
    "check.kind.ambiguous-time": N_("clock times that happen twice"),
    "check.count.errors": NP_("{n} error", "{n} errors"),
    "check.count.warnings": NP_("{n} warning", "{n} warnings"),
    "check.found": N_("The schedule checks found {errors} and {warnings}."),
}
