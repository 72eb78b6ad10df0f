"""The organization directory: the list, one organization's details, its meeting history.

Everything returned is a plain, frozen object detached from the database, safe to keep
in a view after the session has closed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Text, func, select, type_coerce

from missionplanner.domain.enums import MeetingStatus
from missionplanner.domain.places import countries, fold
from missionplanner.errors import NotFoundError
from missionplanner.messages import Message
from missionplanner.store.database import Database
from missionplanner.store.schema import (
    Contact,
    Meeting,
    MeetingOrganization,
    Mission,
    Organization,
    Stop,
)


@dataclass(frozen=True, slots=True)
class OrganizationRow:
    """One line of the directory.

    ``search_text`` is the folded (case- and accent-free, see
    :func:`missionplanner.domain.places.fold`) text of the name, city, country code and
    name, kind, sectors and contact names: a filter folds its words the same way and
    tests each with ``in``.
    """

    id: str
    name: str
    kind: str
    city: str
    country: str
    sectors: tuple[str, ...]
    contact_count: int
    meeting_count: int
    version: int
    search_text: str


@dataclass(frozen=True, slots=True)
class ContactInfo:
    id: str
    name: str
    title: str
    email: str
    phone: str
    notes: str
    version: int


@dataclass(frozen=True, slots=True)
class OrganizationDetail:
    id: str
    name: str
    kind: str
    city: str
    country: str
    website: str
    profile: str
    sectors: tuple[str, ...]
    contacts: tuple[ContactInfo, ...]
    version: int


@dataclass(frozen=True, slots=True)
class MeetingHistoryRow:
    """A meeting with the organization; times are local wall-clock times as entered."""

    mission_id: str
    mission_title: str
    meeting_id: str
    title: str
    status: str
    start_local: datetime
    end_local: datetime
    timezone: str
    city: str


class _Folder(dict[str, str]):
    """:func:`fold` remembering its answers: cities, kinds and sectors repeat a lot."""

    def __missing__(self, text: str) -> str:
        folded = self[text] = fold(text)
        return folded


def _search_text(
    folded_name: str,
    kind: str,
    city: str,
    country: str,
    sectors: Iterable[str],
    contact_names: Iterable[str],
    folder: _Folder,
) -> str:
    parts = [folded_name, folder[city], folder[country]]
    parts.append(folder[countries().get(country, "")])
    parts.append(folder[kind])
    parts.extend(folder[sector] for sector in sectors)
    parts.extend(folder[name] for name in contact_names)
    # A line break between parts keeps one word from matching across two of them.
    return "\n".join(part for part in parts if part)


def list_organizations(db: Database) -> list[OrganizationRow]:
    """Every organization, by name (ignoring case and accents). Three queries in all."""
    organization = Organization.__table__.c
    contact = Contact.__table__.c
    with db.reading() as session:
        # Table columns rather than ORM attributes: the plain Core path is much faster
        # for tens of thousands of rows.
        organizations = session.execute(
            select(
                organization.id,
                organization.name,
                organization.kind,
                organization.city,
                organization.country,
                # Decoded below, once per distinct list: sectors repeat a lot.
                type_coerce(organization.sectors, Text),
                organization.version,
            )
        ).all()
        contact_names: dict[str, list[str]] = defaultdict(list)
        for organization_id, name in session.execute(
            select(contact.organization_id, contact.name).order_by(
                contact.organization_id, contact.position
            )
        ).all():
            contact_names[organization_id].append(name)
        meetings: dict[str, int] = {
            organization_id: count
            for organization_id, count in session.execute(
                select(MeetingOrganization.organization_id, func.count())
                .join(Meeting, Meeting.id == MeetingOrganization.meeting_id)
                .where(Meeting.status != MeetingStatus.CANCELLED.value)
                .group_by(MeetingOrganization.organization_id)
            )
        }
    folder = _Folder()
    sector_lists: dict[str | None, tuple[str, ...]] = {}
    keyed: list[tuple[str, str, str, OrganizationRow]] = []
    for org_id, name, kind, city, country, sectors, version in organizations:
        sector_list = sector_lists.get(sectors)
        if sector_list is None:
            sector_list = sector_lists[sectors] = _sectors(sectors)
        names = contact_names.get(org_id, ())
        folded_name = fold(name)
        row = OrganizationRow(
            id=org_id,
            name=name,
            kind=kind,
            city=city,
            country=country,
            sectors=sector_list,
            contact_count=len(names),
            meeting_count=meetings.get(org_id, 0),
            version=version,
            search_text=_search_text(folded_name, kind, city, country, sector_list, names, folder),
        )
        keyed.append((folded_name, name.casefold(), org_id, row))
    keyed.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in keyed]


def _sectors(stored: str | None) -> tuple[str, ...]:
    decoded = json.loads(stored) if stored else None
    return tuple(str(sector) for sector in decoded) if isinstance(decoded, list) else ()


def get_organization(db: Database, org_id: str) -> OrganizationDetail:
    """One organization with its contacts (in their order)."""
    with db.reading() as session:
        organization = session.get(Organization, org_id)
        if organization is None:
            raise NotFoundError(Message("not-found.organization", id=org_id))
        contacts = tuple(
            ContactInfo(
                id=c.id,
                name=c.name,
                title=c.title,
                email=c.email,
                phone=c.phone,
                notes=c.notes,
                version=c.version,
            )
            for c in session.execute(
                select(Contact).where(Contact.organization_id == org_id).order_by(Contact.position)
            ).scalars()
        )
        return OrganizationDetail(
            id=organization.id,
            name=organization.name,
            kind=organization.kind,
            city=organization.city,
            country=organization.country,
            website=organization.website,
            profile=organization.profile,
            sectors=tuple(organization.sectors or ()),
            contacts=contacts,
            version=organization.version,
        )


def organization_history(db: Database, org_id: str) -> list[MeetingHistoryRow]:
    """Every meeting with the organization in every mission, newest first.

    Cancelled meetings are included (their status says so); an unknown id raises
    :class:`NotFoundError`.
    """
    with db.reading() as session:
        if session.scalar(select(Organization.id).where(Organization.id == org_id)) is None:
            raise NotFoundError(Message("not-found.organization", id=org_id))
        found = session.execute(
            select(
                Mission.id,
                Mission.title,
                Meeting.id,
                Meeting.title,
                Meeting.status,
                Meeting.start_local,
                Meeting.end_local,
                Meeting.timezone,
                Stop.city,
            )
            .select_from(MeetingOrganization)
            .join(Meeting, Meeting.id == MeetingOrganization.meeting_id)
            .join(Mission, Mission.id == Meeting.mission_id)
            .join(Stop, Stop.id == Meeting.stop_id)
            .where(MeetingOrganization.organization_id == org_id)
            .order_by(Meeting.start_utc.desc(), Meeting.position.desc(), Meeting.id)
        ).all()
    return [
        MeetingHistoryRow(
            mission_id=mission_id,
            mission_title=mission_title,
            meeting_id=meeting_id,
            title=title,
            status=status,
            start_local=start_local,
            end_local=end_local,
            timezone=timezone,
            city=city,
        )
        for (
            mission_id,
            mission_title,
            meeting_id,
            title,
            status,
            start_local,
            end_local,
            timezone,
            city,
        ) in found
    ]
