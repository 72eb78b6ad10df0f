"""The records people edit, each described once: its fields, their kinds and rules.

A form is a record in its people's terms: local wall-clock times with their zone, ids of
the records it names. Each field carries a :class:`Spec` saying what kind of value it
holds (which rule of :mod:`missionplanner.domain.rules` it obeys), whether it is
required, its key in a mission file and its column header in a spreadsheet. The edit
dialogs, the mission-file parser and exporter, the spreadsheet export and the
validation (:mod:`missionplanner.store.kinds`, which adds each field's length limit
from its database column) all read these descriptions, so a new field is written here
once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from missionplanner.domain.changes import (
    CONTACT,
    FOLLOW_UP,
    MEETING,
    MISSION,
    ORGANIZATION,
    PARTICIPANT,
    STOP,
    TRAVEL,
)
from missionplanner.domain.enums import (
    Direction,
    MeetingKind,
    MeetingStatus,
    MissionStatus,
    OrganizationKind,
    TravelMode,
)


class Kind(StrEnum):
    """What a field holds, and so which rule it obeys."""

    ID = "id"  # the record's own id
    PARENT = "parent"  # the id of the record it belongs to (a meeting's mission)
    TEXT = "text"  # one line
    LONG_TEXT = "long text"  # several lines (objectives, notes, a profile)
    CHOICE = "choice"  # one of a vocabulary
    ZONE = "zone"  # an IANA time zone
    COUNTRY = "country"  # an ISO country code
    EMAIL = "email"
    PHONE = "phone"
    DATE = "date"
    LOCAL_TIME = "local time"  # a wall-clock time in the zone of another field
    FLAG = "flag"
    TEXTS = "texts"  # a list of short texts (sectors)
    REF = "ref"  # the id of another record
    REFS = "refs"  # ids of other records, in order
    CHILDREN = "children"  # records edited inside this one (a meeting's follow-ups)
    POSITION = "position"  # the place in its parent's list
    MEMO = "memo"  # kept only so an undone delete restores links; never written out


@dataclass(frozen=True, slots=True)
class Spec:
    kind: Kind
    required: bool = False
    # The key in a mission file: "" the field's own name, None not written to files.
    file: str | None = ""
    # The header's message code in spreadsheets; None: not a column of its sheet.
    sheet: str | None = None
    vocabulary: type[StrEnum] | None = None
    default_choice: StrEnum | None = None
    # LOCAL_TIME: the field holding its zone. REF, REFS: the record kind named.
    # CHILDREN: the record kind of the children.
    of: str = ""


SPEC = "missionplanner.spec"


def _field(spec: Spec, default: Any = dataclasses.MISSING, factory: Any = None) -> Any:
    if factory is not None:
        return field(default_factory=factory, metadata={SPEC: spec})
    if default is dataclasses.MISSING:
        return field(metadata={SPEC: spec})
    return field(default=default, metadata={SPEC: spec})


def ident(file: str | None = "") -> Any:
    return _field(Spec(Kind.ID, file=file))


def parent(of: str) -> Any:
    return _field(Spec(Kind.PARENT, file=None, of=of))


def text(
    required: bool = False, *, sheet: str | None = None, file: str | None = "", default: str = ""
) -> Any:
    spec = Spec(Kind.TEXT, required=required, sheet=sheet, file=file)
    return _field(spec) if required else _field(spec, default)


def long_text(required: bool = False, *, sheet: str | None = None) -> Any:
    spec = Spec(Kind.LONG_TEXT, required=required, sheet=sheet)
    return _field(spec) if required else _field(spec, "")


def choice(vocabulary: type[StrEnum], default: StrEnum, *, sheet: str | None = None) -> Any:
    spec = Spec(Kind.CHOICE, sheet=sheet, vocabulary=vocabulary, default_choice=default)
    return _field(spec, default.value)


def kind_of(kind: Kind, *, required: bool = False, sheet: str | None = None, **more: Any) -> Any:
    """A field of a simple kind (zone, country, e-mail, phone, date, flag)."""
    default = more.pop("default", dataclasses.MISSING)
    factory = more.pop("default_factory", None)
    return _field(Spec(kind, required=required, sheet=sheet, **more), default, factory)


def local_time(zone: str, *, file: str, sheet: str | None = None) -> Any:
    return _field(Spec(Kind.LOCAL_TIME, required=True, file=file, sheet=sheet, of=zone))


def ref(of: str, *, file: str, sheet: str | None = None) -> Any:
    return _field(Spec(Kind.REF, required=True, file=file, sheet=sheet, of=of))


def refs(of: str, *, file: str, sheet: str | None = None) -> Any:
    return _field(Spec(Kind.REFS, file=file, sheet=sheet, of=of), factory=list)


def children(of: str, *, file: str | None = "") -> Any:
    return _field(Spec(Kind.CHILDREN, file=file, of=of), factory=list)


def position() -> Any:
    return _field(Spec(Kind.POSITION, file=None), None)


def memo(factory: Any) -> Any:
    return _field(Spec(Kind.MEMO, file=None), factory=factory)


# --- the records ------------------------------------------------------------------------


@dataclass(slots=True)
class MissionForm:
    id: str | None = ident()
    title: str = text(required=True, sheet="column.title")
    organizer: str = text()
    direction: str = choice(Direction, Direction.OUTBOUND)
    status: str = choice(MissionStatus, MissionStatus.DRAFT)
    objectives: str = long_text()
    home_timezone: str = kind_of(Kind.ZONE, default="UTC")


@dataclass(slots=True)
class ParticipantForm:
    id: str | None = ident()
    mission_id: str = parent(MISSION)
    name: str = text(required=True, sheet="column.name")
    role: str = text(sheet="column.role")
    organization: str = text(sheet="column.organization")
    email: str = kind_of(Kind.EMAIL, sheet="column.email", default="")
    phone: str = kind_of(Kind.PHONE, sheet="column.phone", default="")
    position: int | None = position()
    # Meetings and travel that name this person explicitly (kept so a removal undoes fully).
    meeting_ids: list[str] = memo(list)
    travel_ids: list[str] = memo(list)


@dataclass(slots=True)
class StopForm:
    id: str | None = ident()
    mission_id: str = parent(MISSION)
    city: str = text(required=True, sheet="column.city")
    country: str = kind_of(Kind.COUNTRY, sheet="column.country")
    arrive: date = kind_of(Kind.DATE, required=True, sheet="column.arrive")
    depart: date = kind_of(Kind.DATE, required=True, sheet="column.depart")
    # Empty: looked up from the city and country in the gazetteer.
    timezone: str = kind_of(Kind.ZONE, sheet="column.zone", default="")
    hotel: str = text(sheet="column.hotel")
    notes: str = long_text(sheet="column.notes")
    position: int | None = position()


@dataclass(slots=True)
class TravelForm:
    id: str | None = ident()
    mission_id: str = parent(MISSION)
    origin: str = text(required=True, file="from", sheet="column.from")
    destination: str = text(required=True, file="to", sheet="column.to")
    depart_local: datetime = local_time("depart_timezone", file="depart", sheet="column.depart")
    depart_timezone: str = kind_of(Kind.ZONE, required=True, sheet="column.depart-zone")
    arrive_local: datetime = local_time("arrive_timezone", file="arrive", sheet="column.arrive")
    arrive_timezone: str = kind_of(Kind.ZONE, required=True, sheet="column.arrive-zone")
    mode: str = choice(TravelMode, TravelMode.FLIGHT, sheet="column.mode")
    carrier: str = text(sheet="column.carrier")
    reference: str = text(sheet="column.reference")
    # Empty: the whole delegation travels.
    participant_ids: list[str] = refs(PARTICIPANT, file="participants", sheet="column.travellers")
    position: int | None = position()


@dataclass(slots=True)
class FollowUpForm:
    id: str | None = ident()
    action: str = long_text(required=True)
    owner: str = text()
    due: date | None = kind_of(Kind.DATE, default=None)
    done: bool = kind_of(Kind.FLAG, default=False)


@dataclass(slots=True)
class MeetingForm:
    id: str | None = ident()
    mission_id: str = parent(MISSION)
    stop_id: str = ref(STOP, file="stop", sheet="column.city")
    title: str = text(required=True, sheet="column.title")
    start_local: datetime = local_time("timezone", file="start", sheet="column.start")
    end_local: datetime = local_time("timezone", file="end", sheet="column.end")
    # Empty: the stop's zone.
    timezone: str = kind_of(Kind.ZONE, sheet="column.zone", default="")
    kind: str = choice(MeetingKind, MeetingKind.MEETING, sheet="column.kind")
    status: str = choice(MeetingStatus, MeetingStatus.PROPOSED, sheet="column.status")
    venue: str = text(sheet="column.venue")
    address: str = text(sheet="column.address")
    objectives: str = long_text(sheet="column.objectives")
    talking_points: str = long_text(sheet="column.talking-points")
    notes: str = long_text(sheet="column.notes")
    organization_ids: list[str] = refs(
        ORGANIZATION, file="organizations", sheet="column.organizations"
    )
    contact_ids: list[str] = refs(CONTACT, file="contacts", sheet="column.contacts")
    # Empty: the whole delegation attends.
    attendee_ids: list[str] = refs(PARTICIPANT, file="attendees", sheet="column.attendees")
    follow_ups: list[FollowUpForm] = children(FOLLOW_UP)
    position: int | None = position()


@dataclass(slots=True)
class ContactForm:
    id: str | None = ident()
    name: str = text(required=True, sheet="column.name")
    title: str = text(sheet="column.job-title")
    email: str = kind_of(Kind.EMAIL, sheet="column.email", default="")
    phone: str = kind_of(Kind.PHONE, sheet="column.phone", default="")
    notes: str = long_text(sheet="column.notes")
    # The meetings that name this contact, with its place in each one's list (kept so a
    # removal from the organization undoes fully).
    meeting_positions: dict[str, int] = memo(dict)


@dataclass(slots=True)
class OrganizationForm:
    id: str | None = ident()
    name: str = text(required=True, sheet="column.organization")
    kind: str = choice(OrganizationKind, OrganizationKind.OTHER, sheet="column.kind")
    city: str = text(sheet="column.city")
    country: str = kind_of(Kind.COUNTRY, sheet="column.country", default="")
    website: str = text(sheet="column.website")
    profile: str = long_text()
    sectors: list[str] = kind_of(Kind.TEXTS, sheet="column.sectors", default_factory=list)
    contacts: list[ContactForm] = children(CONTACT)


Form = MissionForm | ParticipantForm | StopForm | TravelForm | MeetingForm | OrganizationForm
AnyForm = Form | FollowUpForm | ContactForm

FORMS: dict[str, type[Any]] = {
    MISSION: MissionForm,
    PARTICIPANT: ParticipantForm,
    STOP: StopForm,
    TRAVEL: TravelForm,
    MEETING: MeetingForm,
    FOLLOW_UP: FollowUpForm,
    ORGANIZATION: OrganizationForm,
    CONTACT: ContactForm,
}
KIND_OF_FORM: dict[type[Any], str] = {form: kind for kind, form in FORMS.items()}

# A mission file holds each mission's parts inside it, in this order.
MISSION_PARTS: dict[str, str] = {
    "participants": PARTICIPANT,
    "stops": STOP,
    "travel": TRAVEL,
    "meetings": MEETING,
}


@dataclass(frozen=True, slots=True)
class FieldInfo:
    name: str
    spec: Spec

    @property
    def file_key(self) -> str | None:
        return None if self.spec.file is None else (self.spec.file or self.name)


def fields_of(form_type: type[Any]) -> tuple[FieldInfo, ...]:
    """The described fields of a form type, in their order."""
    return _FIELDS[form_type]


def _described(form_type: type[Any]) -> Iterator[FieldInfo]:
    for item in dataclasses.fields(form_type):
        spec = item.metadata.get(SPEC)
        if spec is None:
            raise TypeError(f"{form_type.__name__}.{item.name} has no description")
        yield FieldInfo(item.name, spec)


_FIELDS: dict[type[Any], tuple[FieldInfo, ...]] = {
    form: tuple(_described(form)) for form in FORMS.values()
}
