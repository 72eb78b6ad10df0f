"""Everything printed about one mission, read in one short session.

Itineraries, briefing packs and calendar files need more than the schedule that the
checks read (:class:`~missionplanner.domain.plan.MissionPlan`): the briefing texts of
each meeting, the organizations met with their profiles and contacts, open follow-ups,
and what happened with those organizations in other missions. :func:`load_dossier`
gathers all of it into frozen objects detached from the database, so a renderer may
take its time (or run on another thread) without holding a session.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionplanner.domain.enums import MeetingStatus
from missionplanner.domain.plan import MeetingInfo, MissionPlan, TravelInfo
from missionplanner.errors import NotFoundError
from missionplanner.services.missions import plan_in_session
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
    Stop,
    TravelSegment,
)


@dataclass(frozen=True, slots=True)
class ContactBrief:
    id: str
    organization_id: str
    name: str
    title: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class EarlierMeeting:
    """A meeting with an organization in another mission (local times as entered)."""

    mission_id: str
    mission_title: str
    meeting_id: str
    title: str
    status: str
    start_utc: datetime
    start_local: datetime
    timezone: str
    city: str


@dataclass(frozen=True, slots=True)
class OrganizationBrief:
    id: str
    name: str
    kind: str = ""
    city: str = ""
    country: str = ""
    website: str = ""
    profile: str = ""
    sectors: tuple[str, ...] = ()
    contacts: tuple[ContactBrief, ...] = ()
    # Meetings with this organization in every other mission, oldest first.
    other_missions: tuple[EarlierMeeting, ...] = ()


@dataclass(frozen=True, slots=True)
class FollowUpBrief:
    action: str
    owner: str = ""
    due: date | None = None
    done: bool = False


@dataclass(frozen=True, slots=True)
class MeetingBrief:
    info: MeetingInfo
    objectives: str = ""
    talking_points: str = ""
    notes: str = ""
    contact_ids: tuple[str, ...] = ()
    follow_ups: tuple[FollowUpBrief, ...] = ()

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def cancelled(self) -> bool:
        return self.info.status == MeetingStatus.CANCELLED.value


@dataclass(frozen=True, slots=True)
class ParticipantBrief:
    id: str
    name: str
    role: str = ""
    organization: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class Revision:
    """A record's version (it rises with every change) and when it last changed (UTC)."""

    version: int
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class DeletedEvent:
    """A deleted meeting or travel segment of the mission, as its calendar event was."""

    kind: str  # "meeting" or "travel"
    id: str
    title: str
    start_utc: datetime
    start_timezone: str
    end_utc: datetime
    end_timezone: str
    last_version: int
    deleted_at: datetime


@dataclass(frozen=True, slots=True)
class Dossier:
    """A mission as printed: header fields, the plan, and every detail behind it."""

    plan: MissionPlan
    organizer: str = ""
    direction: str = ""
    status: str = ""
    objectives: str = ""
    participants: tuple[ParticipantBrief, ...] = ()
    meetings: tuple[MeetingBrief, ...] = ()
    organizations: dict[str, OrganizationBrief] = field(default_factory=dict)
    contacts: dict[str, ContactBrief] = field(default_factory=dict)
    stop_notes: dict[str, str] = field(default_factory=dict)
    # Keyed by (kind, id), kind "mission", "meeting" or "travel": what calendar files
    # need so that re-imported events update instead of duplicating (SEQUENCE, DTSTAMP).
    revisions: dict[tuple[str, str], Revision] = field(default_factory=dict)
    # Deleted meetings and trips: calendar files cancel the events they once held.
    deleted: tuple[DeletedEvent, ...] = ()

    @property
    def id(self) -> str:
        return self.plan.id

    @property
    def title(self) -> str:
        return self.plan.title

    @property
    def start(self) -> date | None:
        return min((s.arrive for s in self.plan.stops), default=None)

    @property
    def end(self) -> date | None:
        return max((s.depart for s in self.plan.stops), default=None)

    def participant(self, participant_id: str) -> ParticipantBrief:
        for person in self.participants:
            if person.id == participant_id:
                return person
        raise NotFoundError(f"“{self.title}” has no participant with the id “{participant_id}”.")

    def organizations_of(self, meeting: MeetingBrief) -> tuple[OrganizationBrief, ...]:
        return tuple(
            self.organizations[org_id]
            for org_id in meeting.info.organization_ids
            if org_id in self.organizations
        )

    def contacts_of(self, meeting: MeetingBrief) -> tuple[ContactBrief, ...]:
        return tuple(self.contacts[c] for c in meeting.contact_ids if c in self.contacts)

    def everyone(self, named: frozenset[str]) -> bool:
        """Whether a list of attendees or travellers is the whole delegation: empty (the
        convention for everyone) or naming every participant one by one."""
        return not named or self.plan.participant_ids() <= named

    def attendees_of(self, meeting: MeetingBrief) -> tuple[ParticipantBrief, ...]:
        """Who of the delegation attends; an empty attendee list means everyone."""
        named = meeting.info.attendee_ids
        return tuple(p for p in self.participants if not named or p.id in named)

    def travellers_of(self, travel: TravelInfo) -> tuple[ParticipantBrief, ...]:
        named = travel.participant_ids
        return tuple(p for p in self.participants if not named or p.id in named)

    def earlier_meetings(
        self, meeting: MeetingBrief
    ) -> tuple[tuple[OrganizationBrief, tuple[EarlierMeeting, ...]], ...]:
        """For each organization of the meeting, its meetings in other missions before it."""
        found = []
        for organization in self.organizations_of(meeting):
            earlier = tuple(
                m for m in organization.other_missions if m.start_utc < meeting.info.start_utc
            )
            if earlier:
                found.append((organization, earlier))
        return tuple(found)

    def for_participant(self, participant_id: str) -> Dossier:
        """Only what one person attends or travels on (their own itinerary).

        Deleted records are left out: who attended them is not kept, so only the
        whole-delegation calendar cancels them.
        """
        self.participant(participant_id)
        plan = self.plan
        meetings = tuple(
            m
            for m in self.meetings
            if not m.info.attendee_ids or participant_id in m.info.attendee_ids
        )
        travel = tuple(
            t for t in plan.travel if not t.participant_ids or participant_id in t.participant_ids
        )
        kept = {m.id for m in meetings}
        narrowed = MissionPlan(
            id=plan.id,
            title=plan.title,
            home_timezone=plan.home_timezone,
            participants=plan.participants,
            stops=plan.stops,
            travel=travel,
            meetings=tuple(m for m in plan.meetings if m.id in kept),
        )
        return Dossier(
            plan=narrowed,
            organizer=self.organizer,
            direction=self.direction,
            status=self.status,
            objectives=self.objectives,
            participants=self.participants,
            meetings=meetings,
            organizations=self.organizations,
            contacts=self.contacts,
            stop_notes=self.stop_notes,
            revisions=self.revisions,
        )


def load_dossier(db: Database, mission_id: str) -> Dossier:
    with db.reading() as session:
        return dossier_in_session(session, mission_id)


def dossier_in_session(session: Session, mission_id: str) -> Dossier:
    mission = session.get(Mission, mission_id)
    if mission is None:
        raise NotFoundError(f"There is no mission with the id “{mission_id}”.")
    plan = plan_in_session(session, mission_id)
    participants = tuple(
        ParticipantBrief(
            id=p.id,
            name=p.name,
            role=p.role,
            organization=p.organization,
            email=p.email,
            phone=p.phone,
        )
        for p in session.execute(
            select(Participant)
            .where(Participant.mission_id == mission_id)
            .order_by(Participant.position)
        ).scalars()
    )
    texts = {
        row.id: row
        for row in session.execute(
            select(Meeting.id, Meeting.objectives, Meeting.talking_points, Meeting.notes).where(
                Meeting.mission_id == mission_id
            )
        )
    }
    contact_links: dict[str, list[str]] = defaultdict(list)
    for meeting_id, contact_id in session.execute(
        select(MeetingContact.meeting_id, MeetingContact.contact_id)
        .join(Meeting, Meeting.id == MeetingContact.meeting_id)
        .where(Meeting.mission_id == mission_id)
        .order_by(MeetingContact.meeting_id, MeetingContact.position)
    ):
        contact_links[meeting_id].append(contact_id)
    follow_ups: dict[str, list[FollowUpBrief]] = defaultdict(list)
    for f in session.execute(
        select(FollowUp)
        .join(Meeting, Meeting.id == FollowUp.meeting_id)
        .where(Meeting.mission_id == mission_id)
        .order_by(FollowUp.meeting_id, FollowUp.position)
    ).scalars():
        follow_ups[f.meeting_id].append(
            FollowUpBrief(action=f.action, owner=f.owner, due=f.due, done=f.done)
        )
    meetings = tuple(
        MeetingBrief(
            info=info,
            objectives=texts[info.id].objectives,
            talking_points=texts[info.id].talking_points,
            notes=texts[info.id].notes,
            contact_ids=tuple(contact_links.get(info.id, ())),
            follow_ups=tuple(follow_ups.get(info.id, ())),
        )
        for info in plan.meetings
    )
    organization_ids = {org_id for m in plan.meetings for org_id in m.organization_ids}
    contact_ids = {c for ids in contact_links.values() for c in ids}
    organizations, contacts = _organizations(session, organization_ids, contact_ids, mission_id)
    stop_notes = {
        stop_id: notes
        for stop_id, notes in session.execute(
            select(Stop.id, Stop.notes).where(Stop.mission_id == mission_id)
        )
        if notes
    }
    revisions = {("mission", mission.id): Revision(mission.version, mission.updated_at)}
    for kind, model in (("meeting", Meeting), ("travel", TravelSegment)):
        for record_id, version, updated_at in session.execute(
            select(model.id, model.version, model.updated_at).where(model.mission_id == mission_id)
        ):
            revisions[(kind, record_id)] = Revision(version, updated_at)
    deleted = tuple(
        DeletedEvent(
            kind=d.kind,
            id=d.record_id,
            title=d.title,
            start_utc=d.start_utc,
            start_timezone=d.start_timezone,
            end_utc=d.end_utc,
            end_timezone=d.end_timezone,
            last_version=d.last_version,
            deleted_at=d.deleted_at,
        )
        for d in session.execute(
            select(DeletedRecord)
            .where(DeletedRecord.mission_id == mission_id)
            .order_by(DeletedRecord.start_utc, DeletedRecord.kind, DeletedRecord.record_id)
        ).scalars()
    )
    return Dossier(
        plan=plan,
        organizer=mission.organizer,
        direction=mission.direction,
        status=mission.status,
        objectives=mission.objectives,
        participants=participants,
        meetings=meetings,
        organizations=organizations,
        contacts=contacts,
        stop_notes=stop_notes,
        revisions=revisions,
        deleted=deleted,
    )


def _organizations(
    session: Session, organization_ids: set[str], contact_ids: set[str], mission_id: str
) -> tuple[dict[str, OrganizationBrief], dict[str, ContactBrief]]:
    contacts: dict[str, ContactBrief] = {}
    by_organization: dict[str, list[ContactBrief]] = defaultdict(list)
    for chunk in _chunks(organization_ids):
        for c in session.execute(
            select(Contact).where(Contact.organization_id.in_(chunk)).order_by(Contact.position)
        ).scalars():
            brief = _contact(c)
            contacts[c.id] = brief
            by_organization[c.organization_id].append(brief)
    missing = contact_ids - contacts.keys()
    for chunk in _chunks(missing):
        # A meeting may name a contact of an organization it does not list.
        for c in session.execute(select(Contact).where(Contact.id.in_(chunk))).scalars():
            contacts[c.id] = _contact(c)
    history: dict[str, list[EarlierMeeting]] = defaultdict(list)
    for chunk in _chunks(organization_ids):
        for row in session.execute(
            select(
                MeetingOrganization.organization_id,
                Mission.id,
                Mission.title,
                Meeting.id,
                Meeting.title,
                Meeting.status,
                Meeting.start_utc,
                Meeting.start_local,
                Meeting.timezone,
                Stop.city,
            )
            .join(Meeting, Meeting.id == MeetingOrganization.meeting_id)
            .join(Mission, Mission.id == Meeting.mission_id)
            .join(Stop, Stop.id == Meeting.stop_id)
            .where(MeetingOrganization.organization_id.in_(chunk))
            .where(Meeting.mission_id != mission_id)
            .order_by(Meeting.start_utc, Meeting.id)
        ):
            history[row[0]].append(
                EarlierMeeting(
                    mission_id=row[1],
                    mission_title=row[2],
                    meeting_id=row[3],
                    title=row[4],
                    status=row[5],
                    start_utc=row[6],
                    start_local=row[7],
                    timezone=row[8],
                    city=row[9],
                )
            )
    organizations: dict[str, OrganizationBrief] = {}
    for chunk in _chunks(organization_ids):
        for o in session.execute(select(Organization).where(Organization.id.in_(chunk))).scalars():
            organizations[o.id] = OrganizationBrief(
                id=o.id,
                name=o.name,
                kind=o.kind,
                city=o.city,
                country=o.country,
                website=o.website,
                profile=o.profile,
                sectors=tuple(o.sectors or ()),
                contacts=tuple(by_organization.get(o.id, ())),
                other_missions=tuple(history.get(o.id, ())),
            )
    return organizations, contacts


def _contact(c: Contact) -> ContactBrief:
    return ContactBrief(
        id=c.id,
        organization_id=c.organization_id,
        name=c.name,
        title=c.title,
        email=c.email,
        phone=c.phone,
    )


def _chunks(ids: Iterable[str], size: int = 500) -> Iterable[list[str]]:
    """Keep ``IN`` lists under SQLite's limit on bound parameters."""
    ordered = sorted(ids)
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]
