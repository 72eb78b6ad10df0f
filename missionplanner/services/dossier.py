"""Everything printed about one mission, read in one short session.

:func:`load_dossier` gathers what itineraries, briefing packs and calendar files show
into the frozen objects of :mod:`missionplanner.domain.dossier`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionplanner.domain.dossier import (
    ContactBrief,
    DeletedEvent,
    Dossier,
    EarlierMeeting,
    FollowUpBrief,
    MeetingBrief,
    OrganizationBrief,
    ParticipantBrief,
    Revision,
)
from missionplanner.errors import NotFoundError
from missionplanner.messages import Message
from missionplanner.services.missions import plan_in_session, refuse_unprintable_dates
from missionplanner.store.database import Database
from missionplanner.store.reading import chunks, meeting_links, rows_where
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


def load_dossier(db: Database, mission_id: str) -> Dossier:
    with db.reading() as session:
        return dossier_in_session(session, mission_id)


def dossier_in_session(session: Session, mission_id: str) -> Dossier:
    mission = session.get(Mission, mission_id)
    if mission is None:
        raise NotFoundError(Message("not-found.mission", id=mission_id))
    plan = plan_in_session(session, mission_id)
    refuse_unprintable_dates(plan)
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
    contact_links = meeting_links(session, mission_id, MeetingContact.__table__, "contact_id")
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
    contact_table = Contact.__table__
    for c in sorted(
        rows_where(session, contact_table, "organization_id", organization_ids),
        key=lambda row: (row["position"], row["id"]),
    ):
        brief = _contact(c)
        contacts[c["id"]] = brief
        by_organization[c["organization_id"]].append(brief)
    missing = contact_ids - contacts.keys()
    # A meeting may name a contact of an organization it does not list.
    for c in rows_where(session, contact_table, "id", missing):
        contacts[c["id"]] = _contact(c)
    history: dict[str, list[EarlierMeeting]] = defaultdict(list)
    for chunk in chunks(organization_ids):
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
    for o in rows_where(session, Organization.__table__, "id", organization_ids):
        organizations[o["id"]] = OrganizationBrief(
            id=o["id"],
            name=o["name"],
            kind=o["kind"],
            city=o["city"],
            country=o["country"],
            website=o["website"],
            profile=o["profile"],
            sectors=tuple(o["sectors"] or ()),
            contacts=tuple(by_organization.get(o["id"], ())),
            other_missions=tuple(history.get(o["id"], ())),
        )
    return organizations, contacts


def _contact(c: Mapping[str, Any]) -> ContactBrief:
    return ContactBrief(
        id=c["id"],
        organization_id=c["organization_id"],
        name=c["name"],
        title=c["title"],
        email=c["email"],
        phone=c["phone"],
    )
