"""Create, change and delete single records, validated field by field.

Every write is one unit of work. An update names the version it was made from and is
refused if the record has moved on (another window or program changed it). Validation
errors come back together as a FieldErrors mapping each field to a message.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, object_session

from missionplanner.domain import places
from missionplanner.domain.enums import (
    Direction,
    MeetingKind,
    MeetingStatus,
    MissionStatus,
    OrganizationKind,
    TravelMode,
)
from missionplanner.domain.plan import travel_summary
from missionplanner.domain.zones import ResolvedTime, is_zone, resolve_local
from missionplanner.errors import FieldErrors, NotFoundError, ValidationError
from missionplanner.services.editing import load_current
from missionplanner.services.forms import (
    ContactForm,
    FollowUpForm,
    Form,
    MeetingForm,
    MissionForm,
    OrganizationForm,
    ParticipantForm,
    StopForm,
    TravelForm,
)
from missionplanner.store.database import Database
from missionplanner.store.schema import (
    Contact,
    DeletedRecord,
    FollowUp,
    Meeting,
    MeetingContact,
    MeetingOrganization,
    Mission,
    Organization,
    Participant,
    Record,
    Stop,
    TravelSegment,
    meeting_attendees,
    new_id,
    travel_participants,
    utcnow,
)

F = TypeVar("F", bound=Form)


@dataclass(frozen=True, slots=True)
class Saved:
    """What a write left behind: the record and its new version (None once deleted)."""

    kind: str
    id: str
    version: int | None
    mission_id: str | None


class _Fields:
    """Collects one message per field, then raises them all at once."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    def required(self, name: str, value: str, what: str) -> str:
        value = value.strip()
        if not value:
            self.fail(name, f"{what} is required")
        return value

    def choice(self, name: str, value: str, vocabulary: type[StrEnum]) -> str:
        try:
            return str(vocabulary(value.strip().lower()).value)
        except ValueError:
            allowed = ", ".join(member.value for member in vocabulary)
            self.fail(name, f"“{value}” is not one of {allowed}")
            return value

    def zone(self, name: str, value: str) -> str:
        value = value.strip()
        if value and not is_zone(value):
            self.fail(name, f"“{value}” is not a known time zone (for example America/Bogota)")
        return value

    def country(self, name: str, value: str) -> str:
        value = value.strip().upper()
        if value and not places.is_country(value):
            self.fail(name, f"“{value}” is not a country code such as CO, CL or US")
        return value

    def local(self, name: str, value: datetime, zone: str, what: str) -> ResolvedTime | None:
        if not zone or name in self.errors:
            return None
        try:
            return resolve_local(value, zone, what)
        except ValidationError as error:
            self.fail(name, str(error.message))
            return None

    def raise_if_any(self, what: str) -> None:
        if self.errors:
            raise FieldErrors(self.errors, what)


def _position(session: Session, model: Any, mission_id: str, given: int | None) -> int:
    """The place a new record takes in its mission: as given (an undo), else last."""
    if given is not None:
        return given
    highest = session.scalar(select(func.max(model.position)).where(model.mission_id == mission_id))
    return 0 if highest is None else int(highest) + 1


def _mission_exists(session: Session, mission_id: str) -> None:
    if session.get(Mission, mission_id) is None:
        raise NotFoundError(f"There is no mission with the id “{mission_id}”.")


def _participants_of(session: Session, mission_id: str) -> set[str]:
    return set(session.scalars(select(Participant.id).where(Participant.mission_id == mission_id)))


# --- missions -------------------------------------------------------------------------


def _mission_load(record: Mission) -> MissionForm:
    return MissionForm(
        id=record.id,
        title=record.title,
        organizer=record.organizer,
        direction=record.direction,
        status=record.status,
        objectives=record.objectives,
        home_timezone=record.home_timezone,
    )


def _mission_write(session: Session, record: Mission | None, form: MissionForm) -> Mission:
    fields = _Fields()
    title = fields.required("title", form.title, "A title")
    direction = fields.choice("direction", form.direction, Direction)
    status = fields.choice("status", form.status, MissionStatus)
    zone = fields.zone("home_timezone", form.home_timezone) or "UTC"
    fields.raise_if_any("mission")
    if record is None:
        record = Mission(id=form.id or new_id())
        session.add(record)
    record.title, record.organizer = title, form.organizer.strip()
    record.direction, record.status = direction, status
    record.objectives, record.home_timezone = form.objectives, zone
    return record


# --- participants ---------------------------------------------------------------------


def _participant_load(record: Participant) -> ParticipantForm:
    session = object_session(record)
    assert session is not None
    meetings = session.scalars(
        select(meeting_attendees.c.meeting_id).where(
            meeting_attendees.c.participant_id == record.id
        )
    )
    travel = session.scalars(
        select(travel_participants.c.travel_id).where(
            travel_participants.c.participant_id == record.id
        )
    )
    return ParticipantForm(
        id=record.id,
        mission_id=record.mission_id,
        name=record.name,
        role=record.role,
        organization=record.organization,
        email=record.email,
        phone=record.phone,
        position=record.position,
        meeting_ids=sorted(meetings),
        travel_ids=sorted(travel),
    )


def _participant_write(
    session: Session, record: Participant | None, form: ParticipantForm
) -> Participant:
    fields = _Fields()
    name = fields.required("name", form.name, "A name")
    fields.raise_if_any("participant")
    created = record is None
    if record is None:
        _mission_exists(session, form.mission_id)
        record = Participant(id=form.id or new_id(), mission_id=form.mission_id)
        record.position = _position(session, Participant, form.mission_id, form.position)
        session.add(record)
    record.name, record.role = name, form.role.strip()
    record.organization, record.email, record.phone = (
        form.organization.strip(),
        form.email.strip(),
        form.phone.strip(),
    )
    if created:
        # Only when (re)creating: an undone removal puts the person back where they were.
        # An edit leaves the links alone; meeting dialogs own them.
        session.flush()
        _relink(session, meeting_attendees, "meeting_id", Meeting, record, form.meeting_ids)
        _relink(session, travel_participants, "travel_id", TravelSegment, record, form.travel_ids)
    return record


def _relink(
    session: Session, table: Any, owner: str, model: Any, record: Participant, wanted: list[str]
) -> None:
    """Make ``record`` named on exactly the ``wanted`` meetings or travel that still exist."""
    existing = set(
        session.scalars(
            select(model.id).where(model.id.in_(wanted), model.mission_id == record.mission_id)
        )
    ) if wanted else set()  # fmt: skip
    current = set(
        session.scalars(select(table.c[owner]).where(table.c.participant_id == record.id))
    )
    for owner_id in current - existing:
        session.execute(
            table.delete().where(table.c[owner] == owner_id, table.c.participant_id == record.id)
        )
    for owner_id in sorted(existing - current):
        session.execute(table.insert().values({owner: owner_id, "participant_id": record.id}))


# --- stops ----------------------------------------------------------------------------


def _stop_load(record: Stop) -> StopForm:
    return StopForm(
        id=record.id,
        mission_id=record.mission_id,
        city=record.city,
        country=record.country,
        arrive=record.arrive,
        depart=record.depart,
        timezone=record.timezone,
        hotel=record.hotel,
        notes=record.notes,
        position=record.position,
    )


def _stop_write(session: Session, record: Stop | None, form: StopForm) -> Stop:
    fields = _Fields()
    city = fields.required("city", form.city, "A city")
    country = fields.country("country", form.country)
    zone = fields.zone("timezone", form.timezone)
    latitude = longitude = None
    if city and country and "country" not in fields.errors:
        try:
            place = places.locate(city, country)
            latitude, longitude = place.latitude, place.longitude
            zone = zone or place.timezone
        except ValidationError as error:
            if not zone:
                fields.fail("timezone", str(error.message))
    elif city and not zone:
        fields.fail("timezone", "give the time zone, or the country so it can be looked up")
    if form.depart < form.arrive:
        fields.fail("depart", "the departure is before the arrival")
    fields.raise_if_any(f"stop {city}")
    if record is None:
        _mission_exists(session, form.mission_id)
        record = Stop(id=form.id or new_id(), mission_id=form.mission_id)
        record.position = _position(session, Stop, form.mission_id, form.position)
        session.add(record)
    record.city, record.country, record.timezone = city, country, zone
    record.arrive, record.depart = form.arrive, form.depart
    record.hotel, record.notes = form.hotel.strip(), form.notes
    record.latitude, record.longitude = latitude, longitude
    return record


# --- travel ---------------------------------------------------------------------------


def _travel_load(record: TravelSegment) -> TravelForm:
    return TravelForm(
        id=record.id,
        mission_id=record.mission_id,
        origin=record.origin,
        destination=record.destination,
        depart_local=record.depart_local,
        depart_timezone=record.depart_timezone,
        arrive_local=record.arrive_local,
        arrive_timezone=record.arrive_timezone,
        mode=record.mode,
        carrier=record.carrier,
        reference=record.reference,
        participant_ids=[p.id for p in record.participants],
        position=record.position,
    )


def _travel_write(
    session: Session, record: TravelSegment | None, form: TravelForm
) -> TravelSegment:
    fields = _Fields()
    origin = fields.required("origin", form.origin, "Where the trip starts")
    destination = fields.required("destination", form.destination, "Where the trip ends")
    mode = fields.choice("mode", form.mode, TravelMode)
    depart_zone = fields.zone("depart_timezone", form.depart_timezone)
    arrive_zone = fields.zone("arrive_timezone", form.arrive_timezone)
    if not depart_zone:
        fields.fail("depart_timezone", "the departure's time zone is required")
    if not arrive_zone:
        fields.fail("arrive_timezone", "the arrival's time zone is required")
    label = f"the trip {origin} → {destination}"
    depart = fields.local("depart_local", form.depart_local, depart_zone, f"{label} leaves at")
    arrive = fields.local("arrive_local", form.arrive_local, arrive_zone, f"{label} arrives at")
    if depart and arrive and arrive.utc <= depart.utc:
        fields.fail("arrive_local", "the arrival is not after the departure (in real time)")
    known = _participants_of(session, form.mission_id)
    if any(pid not in known for pid in form.participant_ids):
        fields.fail("participant_ids", "some travellers are not in this mission's delegation")
    fields.raise_if_any(f"travel {origin} → {destination}")
    assert depart is not None and arrive is not None
    if record is None:
        _mission_exists(session, form.mission_id)
        record = TravelSegment(id=form.id or new_id(), mission_id=form.mission_id)
        record.position = _position(session, TravelSegment, form.mission_id, form.position)
        session.add(record)
    record.origin, record.destination, record.mode = origin, destination, mode
    record.carrier, record.reference = form.carrier.strip(), form.reference.strip()
    record.depart_utc, record.depart_local, record.depart_timezone = (
        depart.utc,
        depart.local,
        depart.zone,
    )
    record.arrive_utc, record.arrive_local, record.arrive_timezone = (
        arrive.utc,
        arrive.local,
        arrive.zone,
    )
    record.participants = [session.get_one(Participant, pid) for pid in form.participant_ids]
    return record


# --- meetings -------------------------------------------------------------------------


def _meeting_load(record: Meeting) -> MeetingForm:
    return MeetingForm(
        id=record.id,
        mission_id=record.mission_id,
        stop_id=record.stop_id,
        title=record.title,
        start_local=record.start_local,
        end_local=record.end_local,
        timezone=record.timezone,
        kind=record.kind,
        status=record.status,
        venue=record.venue,
        address=record.address,
        objectives=record.objectives,
        talking_points=record.talking_points,
        notes=record.notes,
        organization_ids=[link.organization_id for link in record.organization_links],
        contact_ids=[link.contact_id for link in record.contact_links],
        attendee_ids=[p.id for p in record.attendees],
        follow_ups=[
            FollowUpForm(id=f.id, action=f.action, owner=f.owner, due=f.due, done=f.done)
            for f in record.follow_ups
        ],
        position=record.position,
    )


def _meeting_write(session: Session, record: Meeting | None, form: MeetingForm) -> Meeting:
    fields = _Fields()
    title = fields.required("title", form.title, "A title")
    kind = fields.choice("kind", form.kind, MeetingKind)
    status = fields.choice("status", form.status, MeetingStatus)
    stop = session.get(Stop, form.stop_id)
    if stop is None or stop.mission_id != form.mission_id:
        fields.fail("stop_id", "choose one of this mission's cities")
    zone = fields.zone("timezone", form.timezone) or (stop.timezone if stop else "")
    what = f"meeting “{title}”"
    start = fields.local("start_local", form.start_local, zone, f"the start of {what},")
    end = fields.local("end_local", form.end_local, zone, f"the end of {what},")
    if start and end and end.utc <= start.utc:
        fields.fail("end_local", "the meeting ends before it starts")
    for name, model, ids, noun in (
        ("organization_ids", Organization, form.organization_ids, "organizations"),
        ("contact_ids", Contact, form.contact_ids, "contacts"),
    ):
        found = set(session.scalars(select(model.id).where(model.id.in_(ids)))) if ids else set()
        if found != set(ids):
            fields.fail(name, f"some {noun} no longer exist")
    if any(pid not in _participants_of(session, form.mission_id) for pid in form.attendee_ids):
        fields.fail("attendee_ids", "some attendees are not in this mission's delegation")
    for index, entry in enumerate(form.follow_ups):
        if not entry.action.strip():
            fields.fail(f"follow_ups[{index}].action", "say what is to be done")
    fields.raise_if_any(what)
    assert start is not None and end is not None
    if record is None:
        record = Meeting(id=form.id or new_id(), mission_id=form.mission_id)
        record.position = _position(session, Meeting, form.mission_id, form.position)
        session.add(record)
    record.stop_id, record.title, record.kind, record.status = form.stop_id, title, kind, status
    record.start_utc, record.start_local = start.utc, start.local
    record.end_utc, record.end_local, record.timezone = end.utc, end.local, zone
    record.venue, record.address = form.venue.strip(), form.address.strip()
    record.objectives, record.talking_points, record.notes = (
        form.objectives,
        form.talking_points,
        form.notes,
    )
    record.organization_links = [
        MeetingOrganization(organization_id=oid, position=i)
        for i, oid in enumerate(dict.fromkeys(form.organization_ids))
    ]
    record.contact_links = [
        MeetingContact(contact_id=cid, position=i)
        for i, cid in enumerate(dict.fromkeys(form.contact_ids))
    ]
    record.attendees = [
        session.get_one(Participant, pid) for pid in dict.fromkeys(form.attendee_ids)
    ]
    existing = {f.id: f for f in record.follow_ups}
    kept: list[FollowUp] = []
    for position, item in enumerate(form.follow_ups):
        follow_up = existing.get(item.id or "") or FollowUp(id=item.id or new_id())
        follow_up.position, follow_up.action, follow_up.owner = (
            position,
            item.action.strip(),
            item.owner.strip(),
        )
        follow_up.due, follow_up.done = item.due, item.done
        kept.append(follow_up)
    record.follow_ups = kept
    return record


# --- organizations --------------------------------------------------------------------


def _organization_load(record: Organization) -> OrganizationForm:
    session = object_session(record)
    assert session is not None
    named: dict[str, dict[str, int]] = {}
    if record.contacts:
        for meeting_id, contact_id, position in session.execute(
            select(MeetingContact.meeting_id, MeetingContact.contact_id, MeetingContact.position)
            .where(MeetingContact.contact_id.in_([c.id for c in record.contacts]))
            .order_by(MeetingContact.meeting_id)
        ):
            named.setdefault(contact_id, {})[meeting_id] = position
    return OrganizationForm(
        id=record.id,
        name=record.name,
        kind=record.kind,
        city=record.city,
        country=record.country,
        website=record.website,
        profile=record.profile,
        sectors=list(record.sectors or []),
        contacts=[
            ContactForm(
                id=c.id,
                name=c.name,
                title=c.title,
                email=c.email,
                phone=c.phone,
                notes=c.notes,
                meeting_positions=named.get(c.id, {}),
            )
            for c in record.contacts
        ],
    )


def _organization_write(
    session: Session, record: Organization | None, form: OrganizationForm
) -> Organization:
    fields = _Fields()
    name = fields.required("name", form.name, "A name")
    kind = fields.choice("kind", form.kind or "other", OrganizationKind)
    country = fields.country("country", form.country)
    for index, person in enumerate(form.contacts):
        if not person.name.strip():
            fields.fail(f"contacts[{index}].name", "a contact needs a name")
    fields.raise_if_any(f"organization “{name}”")
    if record is None:
        record = Organization(id=form.id or new_id())
        session.add(record)
    record.name, record.kind, record.city, record.country = name, kind, form.city.strip(), country
    record.website, record.profile = form.website.strip(), form.profile
    record.sectors = [s.strip() for s in form.sectors if s.strip()]
    existing = {c.id: c for c in record.contacts}
    kept: list[Contact] = []
    created: list[tuple[Contact, ContactForm]] = []
    for position, item in enumerate(form.contacts):
        contact = existing.get(item.id or "")
        if contact is None:
            contact = Contact(id=item.id or new_id())
            created.append((contact, item))
        contact.position, contact.name, contact.title = position, item.name.strip(), item.title
        contact.email, contact.phone, contact.notes = (
            item.email.strip(),
            item.phone.strip(),
            item.notes,
        )
        kept.append(contact)
    record.contacts = kept
    if any(item.meeting_positions for _contact, item in created):
        # A contact created again (an undone removal) is named on its meetings again.
        # An edit leaves the links of kept contacts alone; meeting dialogs own them.
        session.flush()
        for contact, item in created:
            wanted = item.meeting_positions
            still_there = session.scalars(select(Meeting.id).where(Meeting.id.in_(wanted)))
            for meeting_id in sorted(still_there):
                session.add(
                    MeetingContact(
                        meeting_id=meeting_id, contact_id=contact.id, position=wanted[meeting_id]
                    )
                )
    return record


@dataclass(frozen=True, slots=True)
class _Handler:
    kind: str
    what: str
    model: type[Record]
    load: Callable[[Any], Form]
    write: Callable[[Session, Any, Any], Record]


HANDLERS: dict[type, _Handler] = {
    MissionForm: _Handler("mission", "mission", Mission, _mission_load, _mission_write),
    ParticipantForm: _Handler(
        "participant", "participant", Participant, _participant_load, _participant_write
    ),
    StopForm: _Handler("stop", "city", Stop, _stop_load, _stop_write),
    TravelForm: _Handler("travel", "travel segment", TravelSegment, _travel_load, _travel_write),
    MeetingForm: _Handler("meeting", "meeting", Meeting, _meeting_load, _meeting_write),
    OrganizationForm: _Handler(
        "organization", "organization", Organization, _organization_load, _organization_write
    ),
}


def _mission_of(record: Record) -> str | None:
    if isinstance(record, Mission):
        return record.id
    mission_id = getattr(record, "mission_id", None)
    return str(mission_id) if mission_id else None


def load(db: Database, form_type: type[F], record_id: str) -> tuple[F, int]:
    """The form of a record as it is now, and its version."""
    handler = HANDLERS[form_type]
    with db.reading() as session:
        record = session.get(handler.model, record_id)
        if record is None:
            raise NotFoundError(f"The {handler.what} “{record_id}” does not exist.")
        form = handler.load(record)
        assert isinstance(form, form_type)
        return form, record.version


def save(db: Database, form: Form, version: int | None) -> Saved:
    """Create the record (``version`` None) or update it from ``version``."""
    handler = HANDLERS[type(form)]
    with db.writing() as session:
        if version is None:
            written = _create(session, form)
        else:
            if form.id is None:
                raise ValidationError(f"cannot update a {handler.what} without its id")
            record = load_current(session, handler.model, form.id, version, handler.what)
            written = handler.write(session, record, form)
            # A save is a change even when only links moved: the version must rise.
            written.updated_at = utcnow()
            session.flush()
        return Saved(handler.kind, written.id, written.version, _mission_of(written))


def delete(db: Database, form_type: type[Form], record_id: str, version: int) -> Saved:
    return remove(db, form_type, record_id, version)[0]


def remove(
    db: Database, form_type: type[Form], record_id: str, version: int
) -> tuple[Saved, list[Form]]:
    """Delete a record; also returns the forms of the records deleted with it.

    A mission takes its cities, delegation, travel and meetings along: their forms come
    back in an order that :func:`restore` can create them in again (an undone delete).
    """
    handler = HANDLERS[form_type]
    with db.writing() as session:
        record = load_current(session, handler.model, record_id, version, handler.what)
        _refuse_if_in_use(session, record)
        mission_id = _mission_of(record)
        dependents = _dependents(record)
        _remember_deletion(session, record)
        session.delete(record)
        session.flush()
        return Saved(handler.kind, record_id, None, mission_id), dependents


def restore(db: Database, form: Form, dependents: Sequence[Form] = ()) -> Saved:
    """Create a record and the records that went with it, all or nothing.

    The reverse of :func:`remove`: ``dependents`` are created after ``form``, in order,
    in the same unit of work, so an undone mission delete brings everything back or, if
    something can no longer be restored (another window removed an organization its
    meetings name), changes nothing.
    """
    handler = HANDLERS[type(form)]
    with db.writing() as session:
        written = _create(session, form)
        for dependent in dependents:
            _create(session, dependent)
        return Saved(handler.kind, written.id, written.version, _mission_of(written))


def _create(session: Session, form: Form) -> Record:
    handler = HANDLERS[type(form)]
    if form.id is not None and session.get(handler.model, form.id) is not None:
        raise ValidationError(f"a {handler.what} with the id “{form.id}” already exists")
    written = handler.write(session, None, form)
    # Written records are found by the next one (a meeting looks up its city).
    session.flush()
    # A record created again (an undone delete) is no longer cancelled in calendars.
    if isinstance(written, Meeting | TravelSegment):
        tombstone = session.get(DeletedRecord, (handler.kind, written.id))
        if tombstone is not None:
            session.delete(tombstone)
            # Its version (and so its calendar SEQUENCE) must rise above the cancellation
            # a calendar may already hold, or the calendar would ignore the event's return.
            model = type(written)
            session.execute(
                update(model)
                .where(model.id == written.id)
                .values(version=tombstone.last_version + 2)
            )
            session.flush()
            session.expire(written, ["version"])
    return written


def _remember_deletion(session: Session, record: Record) -> None:
    """Keep what a calendar file needs to cancel the event of a deleted meeting or trip."""
    if isinstance(record, Meeting):
        title = record.title
        start, start_zone = record.start_utc, record.timezone
        end, end_zone = record.end_utc, record.timezone
    elif isinstance(record, TravelSegment):
        title = travel_summary(
            record.mode, record.carrier, record.reference, record.origin, record.destination
        )
        start, start_zone = record.depart_utc, record.depart_timezone
        end, end_zone = record.arrive_utc, record.arrive_timezone
    else:
        return
    kind = "meeting" if isinstance(record, Meeting) else "travel"
    session.merge(
        DeletedRecord(
            kind=kind,
            record_id=record.id,
            mission_id=record.mission_id,
            title=title,
            start_utc=start,
            start_timezone=start_zone,
            end_utc=end,
            end_timezone=end_zone,
            last_version=record.version,
            deleted_at=utcnow(),
        )
    )


def _dependents(record: Record) -> list[Form]:
    """Forms of the records that a delete of ``record`` takes along, parents first."""
    if not isinstance(record, Mission):
        return []
    forms: list[Form] = []
    forms += [_stop_load(stop) for stop in record.stops]
    forms += [_participant_load(person) for person in record.participants]
    forms += [_travel_load(trip) for trip in record.travel]
    forms += [_meeting_load(meeting) for meeting in record.meetings]
    return forms


def _sole_attendee_of(session: Session, participant: Participant) -> list[str]:
    """Titles of meetings and trips naming this person alone.

    An empty list means the whole delegation, so removing their only named person would
    silently send everyone: such a removal is refused instead.
    """
    titles: list[str] = []
    for table, owner, model, label in (
        (meeting_attendees, "meeting_id", Meeting, Meeting.title),
        (
            travel_participants,
            "travel_id",
            TravelSegment,
            TravelSegment.origin + " → " + TravelSegment.destination,
        ),
    ):
        mine = select(table.c[owner]).where(table.c.participant_id == participant.id)
        counts = (
            select(table.c[owner], func.count().label("n"))
            .where(table.c[owner].in_(mine))
            .group_by(table.c[owner])
            .subquery()
        )
        titles += session.scalars(
            select(label).join(counts, counts.c[owner] == model.id).where(counts.c.n == 1)
        ).all()
    return titles


def _refuse_if_in_use(session: Session, record: Record) -> None:
    if isinstance(record, Participant):
        alone = _sole_attendee_of(session, record)
        if alone:
            names = ", ".join(f"“{title}”" for title in alone[:3])
            more = f" and {len(alone) - 3} more" if len(alone) > 3 else ""
            raise ValidationError(
                f"{record.name} is the only person named for {names}{more}; change who "
                "attends or travels there first (an empty list means the whole delegation)"
            )
    if isinstance(record, Stop):
        count = session.scalar(
            select(func.count()).select_from(Meeting).where(Meeting.stop_id == record.id)
        )
        if count:
            raise ValidationError(
                f"{record.city} still has {count} meeting{'s' if count != 1 else ''}; "
                "move or delete them first"
            )
    if isinstance(record, Organization):
        count = session.scalar(
            select(func.count())
            .select_from(MeetingOrganization)
            .where(MeetingOrganization.organization_id == record.id)
        )
        if count:
            raise ValidationError(
                f"{record.name} cannot be deleted: {count} meeting{'s' if count != 1 else ''} "
                f"name{'s' if count == 1 else ''} it, and the directory keeps it for their "
                "history. Nothing was changed."
            )


def with_id(form: F) -> F:
    """The form with an id of its own, so creating it again (redo) makes the same record."""
    return form if form.id is not None else replace(form, id=new_id())
