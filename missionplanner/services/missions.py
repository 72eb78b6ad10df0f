"""Reading missions: summaries for lists, detached plans for checks and views."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from missionplanner.domain.enums import MeetingStatus
from missionplanner.domain.plan import (
    MeetingInfo,
    MissionPlan,
    ParticipantInfo,
    StopInfo,
    TravelInfo,
)
from missionplanner.domain.rules import FIRST_YEAR, LAST_YEAR
from missionplanner.errors import MissionPlannerError, NotFoundError
from missionplanner.messages import Message
from missionplanner.store.database import Database
from missionplanner.store.reading import meeting_links
from missionplanner.store.schema import (
    Meeting,
    MeetingOrganization,
    Mission,
    Participant,
    Stop,
    TravelSegment,
    meeting_attendees,
    travel_participants,
)
from missionplanner.wording import ARROW


@dataclass(frozen=True, slots=True)
class MissionSummary:
    id: str
    title: str
    organizer: str
    direction: str
    status: str
    start: date | None
    end: date | None
    cities: tuple[str, ...]
    participants: int
    stops: int
    meetings: int
    version: int
    # Cancelled meetings are not in ``meetings``; lists say them apart ("12 (+1 cancelled)").
    cancelled: int = 0
    delegation: tuple[ParticipantInfo, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "organizer": self.organizer,
            "direction": self.direction,
            "status": self.status,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "cities": list(self.cities),
            "participants": self.participants,
            "stops": self.stops,
            "meetings": self.meetings,
            "cancelled_meetings": self.cancelled,
            "delegation": [participant_json(p) for p in self.delegation],
        }


def participant_json(person: ParticipantInfo) -> dict[str, str]:
    """A participant for scripts: the id ``--participant`` takes, and who it is."""
    return {
        "id": person.id,
        "name": person.name,
        "role": person.role,
        "organization": person.organization,
    }


def list_missions(db: Database) -> list[MissionSummary]:
    """Every mission, earliest first (missions without stops last)."""
    with db.reading() as session:
        missions = session.execute(select(Mission)).scalars().all()
        participants = _counts(session, Participant.mission_id)
        meetings: dict[str, int] = defaultdict(int)
        cancelled: dict[str, int] = defaultdict(int)
        for mission_id, status, count in session.execute(
            select(Meeting.mission_id, Meeting.status, func.count()).group_by(
                Meeting.mission_id, Meeting.status
            )
        ):
            counted = cancelled if status == MeetingStatus.CANCELLED.value else meetings
            counted[mission_id] += count
        delegation = _delegations(session)
        stops: dict[str, list[tuple[date, date, str]]] = defaultdict(list)
        for mission_id, arrive, depart, city in session.execute(
            select(Stop.mission_id, Stop.arrive, Stop.depart, Stop.city).order_by(
                Stop.mission_id, Stop.position
            )
        ):
            stops[mission_id].append((arrive, depart, city))
        summaries = [
            MissionSummary(
                id=m.id,
                title=m.title,
                organizer=m.organizer,
                direction=m.direction,
                status=m.status,
                start=min((s[0] for s in stops[m.id]), default=None),
                end=max((s[1] for s in stops[m.id]), default=None),
                cities=tuple(dict.fromkeys(s[2] for s in stops[m.id])),
                participants=participants.get(m.id, 0),
                stops=len(stops[m.id]),
                meetings=meetings.get(m.id, 0),
                version=m.version,
                cancelled=cancelled.get(m.id, 0),
                delegation=tuple(delegation.get(m.id, ())),
            )
            for m in missions
        ]
    summaries.sort(key=lambda s: (s.start is None, s.start or date.max, s.title.casefold()))
    return summaries


def _delegations(
    session: Session, mission_id: str | None = None
) -> dict[str, list[ParticipantInfo]]:
    """Each mission's participants, in their order."""
    query = select(
        Participant.mission_id,
        Participant.id,
        Participant.name,
        Participant.role,
        Participant.organization,
    ).order_by(Participant.mission_id, Participant.position, Participant.name)
    if mission_id is not None:
        query = query.where(Participant.mission_id == mission_id)
    found: dict[str, list[ParticipantInfo]] = defaultdict(list)
    for owner, person_id, name, role, organization in session.execute(query):
        found[owner].append(
            ParticipantInfo(id=person_id, name=name, role=role, organization=organization)
        )
    return found


@dataclass(frozen=True, slots=True)
class Delegation:
    """A mission's participants: what ``--participant`` takes, and who each one is."""

    mission_id: str
    title: str
    participants: tuple[ParticipantInfo, ...]


def delegation_of(db: Database, mission_id: str) -> Delegation:
    with db.reading() as session:
        mission = session.get(Mission, mission_id)
        if mission is None:
            raise NotFoundError(Message("not-found.mission", id=mission_id))
        people = _delegations(session, mission_id).get(mission_id, [])
        return Delegation(mission.id, mission.title, tuple(people))


def _counts(session: Session, column: object) -> dict[str, int]:
    rows = session.execute(select(column, func.count()).group_by(column)).all()  # type: ignore[call-overload]
    return {key: count for key, count in rows}


def load_plan(db: Database, mission_id: str) -> MissionPlan:
    with db.reading() as session:
        return plan_in_session(session, mission_id)


def plan_in_session(session: Session, mission_id: str) -> MissionPlan:
    mission = session.get(Mission, mission_id)
    if mission is None:
        raise NotFoundError(Message("not-found.mission", id=mission_id))
    participants = tuple(
        ParticipantInfo(id=p.id, name=p.name, role=p.role, organization=p.organization)
        for p in session.execute(
            select(Participant)
            .where(Participant.mission_id == mission_id)
            .order_by(Participant.position)
        ).scalars()
    )
    stops = tuple(
        StopInfo(
            id=s.id,
            city=s.city,
            country=s.country,
            timezone=s.timezone,
            arrive=s.arrive,
            depart=s.depart,
            hotel=s.hotel,
        )
        for s in session.execute(
            select(Stop).where(Stop.mission_id == mission_id).order_by(Stop.position)
        ).scalars()
    )
    travellers: dict[str, set[str]] = defaultdict(set)
    for travel_id, participant_id in session.execute(
        select(travel_participants.c.travel_id, travel_participants.c.participant_id)
        .join(TravelSegment, TravelSegment.id == travel_participants.c.travel_id)
        .where(TravelSegment.mission_id == mission_id)
    ):
        travellers[travel_id].add(participant_id)
    travel = tuple(
        TravelInfo(
            id=t.id,
            origin=t.origin,
            destination=t.destination,
            mode=t.mode,
            carrier=t.carrier,
            reference=t.reference,
            depart_utc=t.depart_utc,
            depart_timezone=t.depart_timezone,
            arrive_utc=t.arrive_utc,
            arrive_timezone=t.arrive_timezone,
            participant_ids=frozenset(travellers.get(t.id, ())),
        )
        for t in session.execute(
            select(TravelSegment)
            .where(TravelSegment.mission_id == mission_id)
            .order_by(TravelSegment.depart_utc, TravelSegment.position)
        ).scalars()
    )
    attendees = meeting_links(session, mission_id, meeting_attendees, "participant_id")
    organizations = meeting_links(
        session, mission_id, MeetingOrganization.__table__, "organization_id"
    )
    meetings = tuple(
        MeetingInfo(
            id=m.id,
            title=m.title,
            kind=m.kind,
            status=m.status,
            stop_id=m.stop_id,
            start_utc=m.start_utc,
            end_utc=m.end_utc,
            timezone=m.timezone,
            venue=m.venue,
            address=m.address,
            attendee_ids=frozenset(attendees.get(m.id, ())),
            organization_ids=tuple(organizations.get(m.id, ())),
        )
        for m in session.execute(
            select(Meeting)
            .where(Meeting.mission_id == mission_id)
            .order_by(Meeting.start_utc, Meeting.position)
        ).scalars()
    )
    plan = MissionPlan(
        id=mission.id,
        title=mission.title,
        home_timezone=mission.home_timezone,
        participants=participants,
        stops=stops,
        travel=travel,
        meetings=meetings,
    )
    return plan


def _called(kind: str, name: str) -> Message:
    return Message("record.called", kind=Message(f"kind.{kind}"), name=name)


def refuse_unprintable_dates(plan: MissionPlan) -> None:
    """Dates the rules refuse on every road in, should a database hold them anyway.

    A file written elsewhere can: calendars and documents would then fail on a year
    such as 9999 once a zone offset or a day is added to it. (The app still shows such
    a mission, so that it can be corrected or deleted.)
    """
    # A time near either end is a day off in UTC.
    first, last = date(FIRST_YEAR - 1, 12, 31), date(LAST_YEAR + 1, 1, 1)
    found: list[tuple[Message, date]] = []
    for stop in plan.stops:
        found += [(_called("stop", stop.city), day) for day in (stop.arrive, stop.depart)]
    for meeting in plan.meetings:
        what = _called("meeting", meeting.title)
        found += [(what, moment.date()) for moment in (meeting.start_utc, meeting.end_utc)]
    for trip in plan.travel:
        what = _called("travel", f"{trip.origin} {ARROW} {trip.destination}")
        found += [(what, moment.date()) for moment in (trip.depart_utc, trip.arrive_utc)]
    for what, day in found:
        if not first <= day <= last:
            raise MissionPlannerError(
                Message(
                    "plan.date-out-of-range",
                    title=plan.title,
                    what=what,
                    value=day,
                    first=FIRST_YEAR,
                    last=LAST_YEAR,
                )
            )


@dataclass(frozen=True, slots=True)
class ContactChoice:
    id: str
    name: str
    title: str
    organization_id: str


@dataclass(frozen=True, slots=True)
class OrganizationChoice:
    id: str
    name: str
    city: str
    country: str

    @property
    def label(self) -> str:
        place = ", ".join(part for part in (self.city, self.country) if part)
        return f"{self.name} ({place})" if place else self.name


def organization_choices(db: Database) -> tuple[list[OrganizationChoice], list[ContactChoice]]:
    """Every organization and contact, for pickers: two queries, names only."""
    from missionplanner.store.schema import Contact, Organization

    with db.reading() as session:
        organizations = [
            OrganizationChoice(*row)
            for row in session.execute(
                select(Organization.id, Organization.name, Organization.city, Organization.country)
            )
        ]
        contacts = [
            ContactChoice(*row)
            for row in session.execute(
                select(Contact.id, Contact.name, Contact.title, Contact.organization_id).order_by(
                    Contact.organization_id, Contact.position
                )
            )
        ]
    organizations.sort(key=lambda o: o.name.casefold())
    return organizations, contacts


def organization_names(db: Database, plan: MissionPlan) -> dict[str, str]:
    """Names of the organizations a plan's meetings refer to."""
    from missionplanner.store.schema import Organization

    wanted = sorted({oid for meeting in plan.meetings for oid in meeting.organization_ids})
    names: dict[str, str] = {}
    with db.reading() as session:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            query = select(Organization.id, Organization.name).where(Organization.id.in_(chunk))
            names.update((row[0], row[1]) for row in session.execute(query))
    return names
