"""Reading and validating a ``missionplanner/1`` mission file.

Every problem is reported with its place in the file
(``missions[0].meetings[3].end: ends before it starts``); parsing goes on after a
problem so one run lists them all. Nothing is written to the database here.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from missionplanner.domain import places
from missionplanner.domain.enums import (
    Direction,
    MeetingKind,
    MeetingStatus,
    MissionStatus,
    OrganizationKind,
    TravelMode,
)
from missionplanner.domain.zones import ResolvedTime, is_zone, resolve_local
from missionplanner.errors import MissionFileError, ValidationError
from missionplanner.io.records import (
    FORMAT,
    ContactRecord,
    FollowUpRecord,
    MeetingRecord,
    MissionFileContents,
    MissionRecord,
    OrganizationRecord,
    ParticipantRecord,
    StopRecord,
    TravelRecord,
)
from missionplanner.store.schema import ID_LENGTH

MAX_REPORTED = 25
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:00)?")
E = TypeVar("E", bound=StrEnum)


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}" if where else message)

    def raise_if_any(self) -> None:
        if not self.items:
            return
        shown = self.items[:MAX_REPORTED]
        more = len(self.items) - len(shown)
        lines = "\n".join(f"  {item}" for item in shown)
        tail = f"\n  …and {more} more" if more else ""
        count = len(self.items)
        noun = "problem" if count == 1 else "problems"
        raise MissionFileError(
            f"The mission file has {count} {noun}; nothing was imported.\n{lines}{tail}"
        )


class _JSONObject(dict[str, Any]):
    """A decoded JSON object that remembers keys it had more than once.

    ``json.loads`` keeps only the last value of a repeated key: a hand-edited file with
    two ``"meetings"`` lists would silently lose the first (and import would then remove
    those meetings), so repeated keys are reported instead.
    """

    repeated: list[str]


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    plain = dict(pairs)
    if len(plain) == len(pairs):
        return plain  # the usual case, and the cheap one
    result = _JSONObject()
    result.repeated = []
    for key, value in pairs:
        if key in result:
            result.repeated.append(key)
        result[key] = value
    return result


FIELDS: dict[str, frozenset[str]] = {
    "file": frozenset({"format", "organizations", "missions"}),
    "organization": frozenset(
        {"id", "name", "kind", "city", "country", "website", "profile", "sectors", "contacts"}
    ),
    "contact": frozenset({"id", "name", "title", "email", "phone", "notes"}),
    "mission": frozenset(
        {
            "id",
            "title",
            "organizer",
            "direction",
            "status",
            "objectives",
            "home_timezone",
            "participants",
            "stops",
            "travel",
            "meetings",
        }
    ),
    "participant": frozenset({"id", "name", "role", "organization", "email", "phone"}),
    "stop": frozenset({"id", "city", "country", "timezone", "arrive", "depart", "hotel", "notes"}),
    "travel": frozenset(
        {
            "id",
            "from",
            "to",
            "mode",
            "carrier",
            "reference",
            "depart",
            "depart_timezone",
            "arrive",
            "arrive_timezone",
            "participants",
        }
    ),
    "meeting": frozenset(
        {
            "id",
            "title",
            "kind",
            "stop",
            "organizations",
            "contacts",
            "start",
            "end",
            "timezone",
            "venue",
            "address",
            "status",
            "objectives",
            "talking_points",
            "notes",
            "attendees",
            "follow_ups",
        }
    ),
    "follow-up": frozenset({"id", "action", "owner", "due", "done"}),
}


class _Object:
    """One JSON object of the file and its path, with typed, error-collecting getters."""

    def __init__(self, data: dict[str, Any], where: str, problems: _Problems) -> None:
        self.data = data
        self.where = where
        self.problems = problems
        for key in dict.fromkeys(getattr(data, "repeated", ())):
            self.fail(key, "appears more than once in the same object; keep only one")

    def expect(self, record: str) -> None:
        """Report keys that are not fields of ``record`` (a typo would lose data)."""
        known = FIELDS[record]
        if self.data.keys() <= known:
            return
        for key in self.data:
            if key in known:
                continue
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"; did you mean “{close[0]}”?" if close else ""
            self.fail(key, f"is not a field of a {record}{hint}")

    def at(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def fail(self, key: str, message: str) -> None:
        self.problems.add(self.at(key), message)

    def text(self, key: str, required: bool = False, limit: int | None = None) -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                self.fail(key, "is missing")
            return ""
        if not isinstance(value, str):
            self.fail(key, "must be text")
            return ""
        value = value.strip()
        if required and not value:
            self.fail(key, "must not be empty")
        if limit is not None and len(value) > limit:
            self.fail(key, f"is longer than {limit} characters")
        return value

    def identifier(self, key: str = "id") -> str:
        return self.text(key, required=True, limit=ID_LENGTH)

    def choice(self, key: str, vocabulary: type[E], default: E) -> str:
        value = self.text(key)
        if not value:
            return default.value
        try:
            return vocabulary(value.lower()).value
        except ValueError:
            allowed = ", ".join(f"“{member.value}”" for member in vocabulary)
            self.fail(key, f"“{value}” is not one of {allowed}")
            return default.value

    def day(self, key: str, required: bool = True) -> date | None:
        value = self.text(key, required=required)
        if not value:
            return None
        if not _DATE.fullmatch(value):
            self.fail(key, f"“{value}” is not a date written as YYYY-MM-DD")
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(key, f"“{value}” is not a real date")
            return None

    def local_time(self, key: str, zone: str, what: str) -> ResolvedTime | None:
        value = self.text(key, required=True)
        if not value:
            return None
        if not _DATETIME.fullmatch(value):
            self.fail(key, f"“{value}” is not a time written as YYYY-MM-DDTHH:MM")
            return None
        try:
            local = datetime.fromisoformat(value)
        except ValueError:
            self.fail(key, f"“{value}” is not a real date and time")
            return None
        if not zone:
            return None
        try:
            return resolve_local(local, zone, what)
        except ValidationError as error:
            self.fail(key, str(error.message))
            return None

    def zone(self, key: str, required: bool = True) -> str:
        value = self.text(key, required=required)
        if value and not is_zone(value):
            self.fail(key, f"“{value}” is not a known time zone (use a name like America/Bogota)")
            return ""
        return value

    def country(self, key: str = "country") -> str:
        value = self.text(key).upper()
        if value and not places.is_country(value):
            self.fail(key, f"“{value}” is not an ISO 3166 country code such as CO, CL or US")
            return ""
        return value

    def flag(self, key: str) -> bool:
        value = self.data.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.fail(key, "must be true or false")
            return False
        return value

    def strings(self, key: str) -> list[str]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.fail(key, "must be a list of texts")
            return []
        return [item.strip() for item in value if item.strip()]

    def objects(self, key: str) -> Iterable[_Object]:
        value = self.data.get(key)
        if value is None:
            return
        if not isinstance(value, list):
            self.fail(key, "must be a list")
            return
        for index, item in enumerate(value):
            where = f"{self.at(key)}[{index}]"
            if not isinstance(item, dict):
                self.problems.add(where, "must be an object")
                continue
            yield _Object(item, where, self.problems)


class _Ids:
    """Ids seen so far of one record type, to report duplicates with both places."""

    def __init__(self, what: str, problems: _Problems) -> None:
        self.what = what
        self.problems = problems
        self.places: dict[str, str] = {}

    def claim(self, record_id: str, where: str) -> bool:
        if not record_id:
            return False
        first = self.places.get(record_id)
        if first is not None:
            self.problems.add(
                f"{where}.id", f"the {self.what} id “{record_id}” is already used at {first}"
            )
            return False
        self.places[record_id] = where
        return True


def load_json(raw: bytes | str, source: str = "the file") -> Any:
    if isinstance(raw, bytes):
        if not raw.strip():
            raise MissionFileError(f"{source} is empty; it is not a mission file.")
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise MissionFileError(
                f"{source} is not a mission file (it is not UTF-8 text)."
            ) from error
    if not raw.strip():
        raise MissionFileError(f"{source} is empty; it is not a mission file.")
    try:
        return json.loads(raw, object_pairs_hook=_json_object)
    except json.JSONDecodeError as error:
        raise MissionFileError(
            f"{source} is not valid JSON (line {error.lineno}, column {error.colno}: "
            f"{error.msg}); nothing was imported."
        ) from error


def parse(
    data: Any,
    known_organizations: Iterable[str] = (),
    known_contacts: Iterable[str] = (),
) -> MissionFileContents:
    """Validate decoded JSON and return its records, or raise MissionFileError.

    Meetings may refer to organizations and contacts in the file or in ``known_*``
    (those already in the database).
    """
    if not isinstance(data, dict):
        raise MissionFileError("This is not a mission file: it must be a JSON object.")
    file_format = data.get("format")
    if file_format is None:
        raise MissionFileError(
            f"format: missing; a mission file starts with "
            f'"format": "{FORMAT}". Nothing was imported.'
        )
    if file_format != FORMAT:
        raise MissionFileError(
            f"format: “{file_format}” is not a format this version reads (it reads {FORMAT}); "
            "the file may come from a newer Mission Planner. Nothing was imported."
        )
    problems = _Problems()
    root = _Object(data, "", problems)
    root.expect("file")
    contents = MissionFileContents()
    contact_ids = _Ids("contact", problems)
    org_ids = _Ids("organization", problems)
    for org in root.objects("organizations"):
        organization = _organization(org, contact_ids)
        if org_ids.claim(organization.id, org.where):
            contents.organizations.append(organization)
    ids = _MissionIds(problems)
    references = _References(
        set(org_ids.places) | set(known_organizations),
        set(contact_ids.places) | set(known_contacts),
    )
    mission_ids = _Ids("mission", problems)
    for mission in root.objects("missions"):
        record = _mission(mission, ids, references)
        if mission_ids.claim(record.id, mission.where):
            contents.missions.append(record)
    problems.raise_if_any()
    return contents


class _MissionIds:
    def __init__(self, problems: _Problems) -> None:
        self.participants = _Ids("participant", problems)
        self.stops = _Ids("stop", problems)
        self.travel = _Ids("travel", problems)
        self.meetings = _Ids("meeting", problems)
        self.follow_ups = _Ids("follow-up", problems)


class _References:
    def __init__(self, organizations: set[str], contacts: set[str]) -> None:
        self.organizations = organizations
        self.contacts = contacts


def _organization(obj: _Object, contact_ids: _Ids) -> OrganizationRecord:
    obj.expect("organization")
    record = OrganizationRecord(
        id=obj.identifier(),
        name=obj.text("name", required=True, limit=300),
        kind=obj.choice("kind", OrganizationKind, OrganizationKind.OTHER),
        city=obj.text("city", limit=200),
        country=obj.country(),
        website=obj.text("website", limit=500),
        profile=obj.text("profile"),
        sectors=obj.strings("sectors"),
    )
    for position, contact in enumerate(obj.objects("contacts")):
        contact.expect("contact")
        item = ContactRecord(
            id=contact.identifier(),
            organization_id=record.id,
            position=position,
            name=contact.text("name", required=True, limit=300),
            title=contact.text("title", limit=300),
            email=contact.text("email", limit=300),
            phone=contact.text("phone", limit=100),
            notes=contact.text("notes"),
        )
        if contact_ids.claim(item.id, contact.where):
            record.contacts.append(item)
    return record


def _mission(obj: _Object, ids: _MissionIds, refs: _References) -> MissionRecord:
    obj.expect("mission")
    record = MissionRecord(
        id=obj.identifier(),
        title=obj.text("title", required=True, limit=300),
        organizer=obj.text("organizer", limit=300),
        direction=obj.choice("direction", Direction, Direction.OUTBOUND),
        status=obj.choice("status", MissionStatus, MissionStatus.DRAFT),
        objectives=obj.text("objectives"),
        home_timezone=obj.zone("home_timezone", required=False) or "UTC",
    )
    for position, item in enumerate(obj.objects("participants")):
        item.expect("participant")
        participant = ParticipantRecord(
            id=item.identifier(),
            mission_id=record.id,
            position=position,
            name=item.text("name", required=True, limit=300),
            role=item.text("role", limit=300),
            organization=item.text("organization", limit=300),
            email=item.text("email", limit=300),
            phone=item.text("phone", limit=100),
        )
        if ids.participants.claim(participant.id, item.where):
            record.participants.append(participant)
    broken_stops: set[str] = set()
    for position, item in enumerate(obj.objects("stops")):
        stop = _stop(item, record.id, position)
        if stop is not None and ids.stops.claim(stop.id, item.where):
            record.stops.append(stop)
        elif stop is None and isinstance(item.data.get("id"), str):
            # Already reported; its meetings should not also say it does not exist.
            broken_stops.add(item.data["id"].strip())
    participant_ids = {p.id for p in record.participants}
    for position, item in enumerate(obj.objects("travel")):
        travel = _travel(item, record.id, position, participant_ids)
        if travel is not None and ids.travel.claim(travel.id, item.where):
            record.travel.append(travel)
    stops = {stop.id: stop for stop in record.stops}
    for position, item in enumerate(obj.objects("meetings")):
        meeting = _meeting(
            item, record.id, position, stops, broken_stops, participant_ids, refs, ids
        )
        if meeting is not None and ids.meetings.claim(meeting.id, item.where):
            record.meetings.append(meeting)
    return record


def _stop(obj: _Object, mission_id: str, position: int) -> StopRecord | None:
    obj.expect("stop")
    stop_id = obj.identifier()
    city = obj.text("city", required=True, limit=200)
    country = obj.country()
    zone = obj.zone("timezone", required=False)
    arrive = obj.day("arrive")
    depart = obj.day("depart")
    latitude = longitude = None
    if city and country:
        try:
            place = places.locate(city, country)
            latitude, longitude = place.latitude, place.longitude
            if not zone:
                zone = place.timezone
        except ValidationError as error:
            if not zone:
                obj.fail("timezone", f"missing, and it cannot be looked up: {error.message!s}")
    elif city and not zone and not obj.data.get("timezone"):
        # (A zone that was given but is wrong has been reported already.)
        obj.fail("timezone", "is missing; give the time zone or the country to look it up")
    if arrive and depart and depart < arrive:
        obj.fail("depart", f"{depart.isoformat()} is before the arrival on {arrive.isoformat()}")
        return None
    if not (stop_id and city and zone and arrive and depart):
        return None
    return StopRecord(
        id=stop_id,
        mission_id=mission_id,
        position=position,
        city=city,
        country=country,
        timezone=zone,
        arrive=arrive,
        depart=depart,
        hotel=obj.text("hotel", limit=300),
        notes=obj.text("notes"),
        latitude=latitude,
        longitude=longitude,
    )


def _participant_list(obj: _Object, key: str, participant_ids: set[str], what: str) -> list[str]:
    chosen = obj.strings(key)
    for unknown in [pid for pid in chosen if pid not in participant_ids]:
        obj.fail(key, f"“{unknown}” is not a participant of this mission ({what})")
    return list(dict.fromkeys(pid for pid in chosen if pid in participant_ids))


def _travel(
    obj: _Object, mission_id: str, position: int, participant_ids: set[str]
) -> TravelRecord | None:
    obj.expect("travel")
    travel_id = obj.identifier()
    origin = obj.text("from", required=True, limit=200)
    destination = obj.text("to", required=True, limit=200)
    label = f"travel {origin} → {destination}"
    depart = obj.local_time("depart", obj.zone("depart_timezone"), f"{label} departure")
    arrive = obj.local_time("arrive", obj.zone("arrive_timezone"), f"{label} arrival")
    travellers = _participant_list(obj, "participants", participant_ids, "travel")
    if depart and arrive and arrive.utc <= depart.utc:
        obj.fail(
            "arrive",
            f"arrives ({arrive.local:%Y-%m-%d %H:%M} {arrive.zone}) before it departs "
            f"({depart.local:%Y-%m-%d %H:%M} {depart.zone})",
        )
        return None
    if not (travel_id and origin and destination and depart and arrive):
        return None
    return TravelRecord(
        id=travel_id,
        mission_id=mission_id,
        position=position,
        origin=origin,
        destination=destination,
        mode=obj.choice("mode", TravelMode, TravelMode.FLIGHT),
        carrier=obj.text("carrier", limit=200),
        reference=obj.text("reference", limit=100),
        depart=depart,
        arrive=arrive,
        participant_ids=travellers,
    )


def _references(obj: _Object, key: str, known: set[str], what: str) -> list[str]:
    chosen = obj.strings(key)
    for unknown in [ref for ref in chosen if ref not in known]:
        obj.fail(key, f"“{unknown}” is not the id of a known {what}")
    return list(dict.fromkeys(ref for ref in chosen if ref in known))


def _meeting(
    obj: _Object,
    mission_id: str,
    position: int,
    stops: dict[str, StopRecord],
    broken_stops: set[str],
    participant_ids: set[str],
    refs: _References,
    ids: _MissionIds,
) -> MeetingRecord | None:
    obj.expect("meeting")
    meeting_id = obj.identifier()
    title = obj.text("title", required=True, limit=300)
    stop_id = obj.text("stop", required=True)
    stop = stops.get(stop_id)
    if stop_id and stop is None and stop_id not in broken_stops:
        obj.fail("stop", f"“{stop_id}” is not a stop of this mission")
    zone = obj.zone("timezone", required=False) or (stop.timezone if stop else "")
    what = f"meeting “{title}”"
    start = obj.local_time("start", zone, f"{what} start")
    end = obj.local_time("end", zone, f"{what} end")
    if start and end and end.utc <= start.utc:
        obj.fail("end", "ends before it starts" if end.utc < start.utc else "ends when it starts")
        return None
    record = MeetingRecord(
        id=meeting_id,
        mission_id=mission_id,
        stop_id=stop_id,
        position=position,
        title=title,
        kind=obj.choice("kind", MeetingKind, MeetingKind.MEETING),
        status=obj.choice("status", MeetingStatus, MeetingStatus.PROPOSED),
        start=start,  # type: ignore[arg-type]
        end=end,  # type: ignore[arg-type]
        venue=obj.text("venue", limit=300),
        address=obj.text("address", limit=500),
        objectives=obj.text("objectives"),
        talking_points=obj.text("talking_points"),
        notes=obj.text("notes"),
        organization_ids=_references(obj, "organizations", refs.organizations, "organization"),
        contact_ids=_references(obj, "contacts", refs.contacts, "contact"),
        attendee_ids=_participant_list(obj, "attendees", participant_ids, "attendees"),
    )
    for index, item in enumerate(obj.objects("follow_ups")):
        follow_up = _follow_up(item, meeting_id, index)
        if follow_up is not None and ids.follow_ups.claim(follow_up.id, item.where):
            record.follow_ups.append(follow_up)
    if not (meeting_id and title and stop and start and end):
        return None
    return record


def _follow_up(obj: _Object, meeting_id: str, position: int) -> FollowUpRecord | None:
    obj.expect("follow-up")
    # Follow-ups may come without ids; a derived id keeps re-imports idempotent.
    follow_up_id = obj.text("id", limit=ID_LENGTH) or f"{meeting_id}/follow-up/{position + 1}"
    action = obj.text("action", required=True)
    due = obj.day("due", required=False)
    if not action:
        return None
    return FollowUpRecord(
        id=follow_up_id,
        meeting_id=meeting_id,
        position=position,
        action=action,
        owner=obj.text("owner", limit=300),
        due=due,
        done=obj.flag("done"),
    )
