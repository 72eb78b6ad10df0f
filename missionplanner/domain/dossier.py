"""A mission as it is printed: the plan and every detail behind it, detached from the store.

Itineraries, briefing packs and calendar files need more than the schedule that the
checks read (:class:`~missionplanner.domain.plan.MissionPlan`): the briefing texts of
each meeting, the organizations met with their profiles and contacts, open follow-ups,
and what happened with those organizations in other missions. These frozen objects hold
all of it, so a renderer may take its time (or run on another thread) without holding a
session; :func:`missionplanner.services.dossier.load_dossier` reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from missionplanner.domain.agenda import plan_of, takes_part, whole_delegation
from missionplanner.domain.enums import MeetingStatus
from missionplanner.domain.plan import MeetingInfo, MissionPlan, TravelInfo
from missionplanner.errors import NotFoundError
from missionplanner.messages import Message


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
        raise NotFoundError(unknown_participant(self.title, participant_id, self.participants))

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
        return whole_delegation(self.plan, named)

    def attendees_of(self, meeting: MeetingBrief) -> tuple[ParticipantBrief, ...]:
        """Who of the delegation attends; an empty attendee list means everyone."""
        named = meeting.info.attendee_ids
        return tuple(p for p in self.participants if takes_part(p.id, named))

    def travellers_of(self, travel: TravelInfo) -> tuple[ParticipantBrief, ...]:
        named = travel.participant_ids
        return tuple(p for p in self.participants if takes_part(p.id, named))

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
        meetings = tuple(
            m for m in self.meetings if takes_part(participant_id, m.info.attendee_ids)
        )
        narrowed = plan_of(self.plan, participant_id)
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


# An unknown participant's error names this many valid ones, then counts the rest.
PARTICIPANTS_NAMED = 10


def unknown_participant(
    title: str, participant_id: str, participants: Sequence[ParticipantBrief]
) -> Message:
    """ "… has no participant with the id “x”; its participants are “p-ana” (Ana Ruiz), …" """
    if not participants:
        return Message("not-found.participant-none", title=title, id=participant_id)
    known: list[Message] = [
        Message("participant.id-name", id=person.id, name=person.name)
        for person in participants[:PARTICIPANTS_NAMED]
    ]
    if len(participants) > PARTICIPANTS_NAMED:
        known.append(Message("participant.more", n=len(participants) - PARTICIPANTS_NAMED))
    return Message("not-found.participant", title=title, id=participant_id, known=known)
