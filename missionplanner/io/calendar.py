"""A mission as an iCalendar file (RFC 5545) for Outlook, Google Calendar and Apple Calendar.

One event per meeting and per travel segment. Times are written as they were entered:
the local wall-clock time with the IANA zone as TZID (a flight departs in one zone and
arrives in another), and the file carries a VTIMEZONE for every zone it names, as
Outlook needs. Two traps are avoided on purpose:

- a local time that happens twice (Santiago, 2026-04-04 23:30, when the clocks go back)
  cannot say which of the two is meant in iCalendar, so that one time is written in
  UTC; nothing is ever written as a floating time (without a zone);
- re-importing an updated file must update events, not duplicate them: UIDs come from
  the record ids and SEQUENCE rises with the records' versions. DTSTAMP is the record's
  last change, so exporting an unchanged mission twice gives the same bytes.

Cancelled meetings stay in the file with STATUS:CANCELLED, so a calendar that already
holds them takes them off instead of keeping a meeting that will not happen. Deleted
meetings and travel segments are written the same way (same UID, SEQUENCE one above
their last), in the whole-delegation file only: who attended them is not kept.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vText

from missionplanner.domain.dossier import (
    DeletedEvent,
    Dossier,
    MeetingBrief,
    ParticipantBrief,
    Revision,
)
from missionplanner.domain.enums import MeetingStatus, MissionStatus
from missionplanner.domain.plan import TravelInfo, travel_summary
from missionplanner.domain.zones import (
    abbreviation,
    format_local,
    is_ambiguous,
    to_local,
    zone_info,
)
from missionplanner.messages import Message
from missionplanner.wording import duration, join, render

PRODUCT_ID = "-//Mission Planner//Mission Planner//EN"
UID_DOMAIN = "missionplanner"
# DTSTAMP of a record whose last change is unknown (a dossier built by hand): fixed, so
# the bytes stay the same from one export to the next.
UNKNOWN_CHANGE = Revision(version=1, updated_at=datetime(2000, 1, 1))

MEETING_STATUS = {
    MeetingStatus.PROPOSED.value: "TENTATIVE",
    MeetingStatus.REQUESTED.value: "TENTATIVE",
    MeetingStatus.CONFIRMED.value: "CONFIRMED",
    MeetingStatus.HELD.value: "CONFIRMED",
    MeetingStatus.CANCELLED.value: "CANCELLED",
}


@dataclass(frozen=True, slots=True)
class CalendarFile:
    """The bytes of an .ics file and what is in it."""

    data: bytes
    meetings: int
    travel: int
    cancelled: int
    timezones: tuple[str, ...]

    @property
    def events(self) -> int:
        return self.meetings + self.travel


def meeting_uid(meeting_id: str) -> str:
    return f"meeting-{meeting_id}@{UID_DOMAIN}"


def travel_uid(travel_id: str) -> str:
    return f"travel-{travel_id}@{UID_DOMAIN}"


def render_calendar(dossier: Dossier, participant_id: str | None = None) -> CalendarFile:
    """The mission's calendar, or one participant's (what they attend or travel on)."""
    calendar = build_calendar(dossier, participant_id)
    events = calendar.events
    meetings = sum(1 for e in events if str(e["UID"]).startswith("meeting-"))
    return CalendarFile(
        data=calendar.to_ical(),
        meetings=meetings,
        travel=len(events) - meetings,
        cancelled=sum(1 for e in events if str(e.get("STATUS", "")) == "CANCELLED"),
        timezones=tuple(tz.tz_name for tz in calendar.timezones),
    )


def build_calendar(dossier: Dossier, participant_id: str | None = None) -> Calendar:
    """An iCalendar object for the whole mission, or for one participant of it."""
    name = dossier.title
    if participant_id is not None:
        name = f"{dossier.title} — {dossier.participant(participant_id).name}"
        dossier = dossier.for_participant(participant_id)
    builder = _Builder(dossier)
    dated: list[tuple[datetime, int, str, Event]] = []
    for meeting in dossier.meetings:
        dated.append((meeting.info.start_utc, 1, meeting.id, builder.meeting(meeting)))
    for travel in dossier.plan.travel:
        dated.append((travel.depart_utc, 0, travel.id, builder.travel(travel)))
    for deleted in dossier.deleted:
        if (deleted.kind, deleted.id) in dossier.revisions:
            continue  # created again since: its own event is written
        order = 1 if deleted.kind == "meeting" else 0
        dated.append((deleted.start_utc, order, deleted.id, builder.deleted(deleted)))
    dated.sort(key=lambda item: item[:3])

    calendar = Calendar()
    calendar.add("PRODID", PRODUCT_ID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    # icalendar does not know these two as text, so it would not escape them itself.
    calendar.add("NAME", vText(_line(name)))
    calendar.add("X-WR-CALNAME", vText(_line(name)))
    for zone in sorted(builder.local_times):
        calendar.add_component(vtimezone(zone, builder.local_times[zone]))
    for *_key, event in dated:
        calendar.add_component(event)
    return calendar


class _Builder:
    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self.mission = dossier.revisions.get(("mission", dossier.id), UNKNOWN_CHANGE)
        # Local times written with each TZID: the VTIMEZONE must cover them.
        self.local_times: dict[str, list[datetime]] = defaultdict(list)

    def meeting(self, meeting: MeetingBrief) -> Event:
        info = meeting.info
        dossier = self.dossier
        event = self._event(meeting_uid(info.id), ("meeting", info.id))
        event.add("SUMMARY", _line(info.title))
        event.add("DTSTART", self._moment(info.start_utc, info.timezone))
        event.add("DTEND", self._moment(info.end_utc, info.timezone))
        stop = dossier.plan.stop(info.stop_id)
        location = _location(info.venue, info.address, stop.city if stop else "")
        if location:
            event.add("LOCATION", _line(location))
        lines = [f"Mission: {dossier.title}"]
        lines += _ambiguity_notes(
            (("Starts", info.start_utc), ("Ends", info.end_utc)), info.timezone
        )
        organizations = dossier.organizations_of(meeting)
        if organizations:
            lines.append("Organizations:")
            for organization in organizations:
                details = ", ".join(p for p in (organization.kind, organization.city) if p)
                lines.append(f"- {organization.name}" + (f" ({details})" if details else ""))
        contacts = dossier.contacts_of(meeting)
        if contacts:
            lines.append("Contacts:")
            for contact in contacts:
                employer = dossier.organizations.get(contact.organization_id)
                who = ", ".join(
                    p for p in (contact.name, contact.title, employer and employer.name) if p
                )
                reach = " · ".join(p for p in (contact.phone, contact.email) if p)
                lines.append(f"- {who}" + (f" · {reach}" if reach else ""))
        if meeting.objectives.strip():
            lines.append("Objectives:")
            lines.append(meeting.objectives.strip())
        lines.append(f"Delegation: {_people(dossier.attendees_of(meeting), info.attendee_ids)}")
        lines.append(f"Status: {info.status}")
        event.add("DESCRIPTION", _lines("\n".join(lines)))
        event.add("CATEGORIES", [_line(info.kind)])
        if self.mission_cancelled:
            status = "CANCELLED"
        else:
            status = MEETING_STATUS.get(info.status, "TENTATIVE")
        self._status(event, status)
        return event

    def travel(self, travel: TravelInfo) -> Event:
        dossier = self.dossier
        event = self._event(travel_uid(travel.id), ("travel", travel.id))
        summary = travel_summary(
            travel.mode, travel.carrier, travel.reference, travel.origin, travel.destination
        )
        event.add("SUMMARY", _line(summary))
        event.add("DTSTART", self._moment(travel.depart_utc, travel.depart_timezone))
        event.add("DTEND", self._moment(travel.arrive_utc, travel.arrive_timezone))
        if travel.origin:
            event.add("LOCATION", _line(travel.origin))
        lines = [
            f"Mission: {dossier.title}",
            f"Departs {travel.origin}: " + _local_label(travel.depart_utc, travel.depart_timezone),
            f"Arrives {travel.destination}: "
            + _local_label(travel.arrive_utc, travel.arrive_timezone),
            f"Duration: {duration(travel.arrive_utc - travel.depart_utc)}",
        ]
        lines += _ambiguity_notes((("Departs", travel.depart_utc),), travel.depart_timezone)
        lines += _ambiguity_notes((("Arrives", travel.arrive_utc),), travel.arrive_timezone)
        lines.append(
            f"Travellers: {_people(dossier.travellers_of(travel), travel.participant_ids)}"
        )
        event.add("DESCRIPTION", _lines("\n".join(lines)))
        event.add("CATEGORIES", ["travel", _line(travel.mode)] if travel.mode else ["travel"])
        if self.mission_cancelled:
            status = "CANCELLED"
        elif dossier.status == MissionStatus.DRAFT.value:
            status = "TENTATIVE"
        else:
            status = "CONFIRMED"
        self._status(event, status)
        return event

    def deleted(self, deleted: DeletedEvent) -> Event:
        """The cancelled event of a deleted meeting or trip: its UID, a higher SEQUENCE."""
        uid = meeting_uid(deleted.id) if deleted.kind == "meeting" else travel_uid(deleted.id)
        changed = max(deleted.deleted_at, self.mission.updated_at)
        stamp = changed.replace(tzinfo=UTC, microsecond=0)
        event = Event()
        event.add("UID", uid)
        event.add("DTSTAMP", stamp)
        event.add("LAST-MODIFIED", stamp)
        last = max(0, deleted.last_version - 1) + max(0, self.mission.version - 1)
        event.add("SEQUENCE", last + 1)
        event.add("SUMMARY", _line(deleted.title))
        event.add("DTSTART", self._moment(deleted.start_utc, deleted.start_timezone))
        event.add("DTEND", self._moment(deleted.end_utc, deleted.end_timezone))
        event.add(
            "DESCRIPTION",
            _lines(
                f"Mission: {self.dossier.title}\nDeleted from the mission plan: this "
                + ("meeting" if deleted.kind == "meeting" else "trip")
                + " will not take place."
            ),
        )
        self._status(event, "CANCELLED")
        return event

    @property
    def mission_cancelled(self) -> bool:
        return self.dossier.status == MissionStatus.CANCELLED.value

    def _event(self, uid: str, key: tuple[str, str]) -> Event:
        revision = self.dossier.revisions.get(key, UNKNOWN_CHANGE)
        # The mission's own changes (its title, a cancellation) show in every event.
        changed = max(revision.updated_at, self.mission.updated_at)
        stamp = changed.replace(tzinfo=UTC, microsecond=0)
        event = Event()
        event.add("UID", uid)
        event.add("DTSTAMP", stamp)
        event.add("LAST-MODIFIED", stamp)
        event.add("SEQUENCE", max(0, revision.version - 1) + max(0, self.mission.version - 1))
        return event

    def _status(self, event: Event, status: str) -> None:
        event.add("STATUS", status)
        # A cancelled event does not make anyone busy.
        event.add("TRANSP", "TRANSPARENT" if status == "CANCELLED" else "OPAQUE")

    def _moment(self, utc: datetime, zone: str) -> datetime:
        """The local time in ``zone`` as entered, or the instant in UTC if it is ambiguous."""
        local = to_local(utc, zone).replace(tzinfo=None)
        if is_ambiguous(local, zone):
            return utc.replace(tzinfo=UTC)
        self.local_times[zone].append(local)
        return local.replace(tzinfo=zone_info(zone))


def vtimezone(name: str, local_times: Iterable[datetime]) -> Timezone:
    """The VTIMEZONE of ``name`` for the years of ``local_times`` (not 1970–2038: that
    makes Santiago's block five times bigger).

    icalendar dates the onset of a spring-forward change at the first wall-clock time
    after the gap (Santiago: 2026-09-06 01:00), but RFC 5545 wants the local time before
    the change, in TZOFFSETFROM (00:00): readers that add TZOFFSETFROM would start summer
    time an hour late. Those onsets are moved back by the gap.
    """
    times = list(local_times)
    first = date(min(t.year for t in times), 1, 1)
    last = date(max(t.year for t in times) + 1, 1, 1)
    timezone = Timezone.from_tzinfo(zone_info(name), tzid=name, first_date=first, last_date=last)
    observances: list[TimezoneStandard | TimezoneDaylight] = [
        *timezone.standard,
        *timezone.daylight,
    ]
    for observance in observances:
        gap: timedelta = observance.TZOFFSETTO - observance.TZOFFSETFROM
        if gap <= timedelta(0):
            continue
        onsets = [observance.DTSTART, *(start for start, _end in observance.rdates)]
        observance.DTSTART = onsets[0] - gap
        if len(onsets) > 1:
            observance.pop("RDATE")
            observance.add("RDATE", [onset - gap for onset in onsets[1:]])
    return timezone


def _lines(text: str) -> str:
    """Text for a property of several lines: line breaks as one kind (icalendar escapes
    them), no control characters.

    RFC 5545 text holds no control characters but the tab; a title stored before the
    rules refused them, or a carriage return a reader takes for the end of a line, would
    otherwise break the file or forge lines in it. A lone surrogate cannot be written in
    UTF-8 at all.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isprintable():
        return text
    return "".join(_written(char) for char in text)


def _written(char: str) -> str:
    if char not in "\n\t" and unicodedata.category(char) in ("Cc", "Cs"):
        return "\ufffd"
    return char


def _line(text: str) -> str:
    """Text for a property of one line (a summary, a calendar's name)."""
    return " ".join(_lines(text).replace("\t", " ").splitlines())


def _location(venue: str, address: str, city: str) -> str:
    parts: list[str] = []
    for part in (venue, address, city):
        part = part.strip()
        if part and not any(part.casefold() in kept.casefold() for kept in parts):
            parts.append(part)
    return ", ".join(parts)


def _local_label(utc: datetime, zone: str) -> str:
    local = to_local(utc, zone).replace(tzinfo=None)
    return f"{format_local(local)} {abbreviation(utc, zone)} ({zone})"


def _ambiguity_notes(moments: Iterable[tuple[str, datetime]], zone: str) -> list[str]:
    notes = []
    for label, utc in moments:
        local = to_local(utc, zone).replace(tzinfo=None)
        if is_ambiguous(local, zone):
            notes.append(
                f"{label} at {format_local(local)} {abbreviation(utc, zone)} in {zone}: that "
                "time happens twice there (the clocks go back), so the calendar has it in UTC."
            )
    return notes


def _people(people: Iterable[ParticipantBrief], named: frozenset[str]) -> str:
    """Who goes; an empty list of names means the whole delegation."""
    if not named:
        return render(Message("calendar.whole-delegation"))
    return join([person.name for person in people])
