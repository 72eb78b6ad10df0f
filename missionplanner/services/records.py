"""Create, change and delete single records: the write road of the edit dialogs.

Every write is one unit of work. An update names the version it was made from and is
refused if the record has moved on (another window or program changed it). Values are
validated by :func:`missionplanner.store.kinds.clean`, the same validation mission files
and spreadsheets go through; errors come back together as FieldErrors, one message
per field. Every write returns what it changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from missionplanner.domain import zones
from missionplanner.domain.changes import (
    MEETING,
    ORGANIZATION,
    PARTICIPANT,
    STOP,
    TRAVEL,
    Changes,
)
from missionplanner.domain.forms import (
    ContactForm,
    Form,
    MeetingForm,
    ParticipantForm,
    TravelForm,
)
from missionplanner.domain.limits import MOST_MEETINGS
from missionplanner.errors import NotFoundError, StaleRecordError, ValidationError
from missionplanner.messages import Message
from missionplanner.store import deletions, kinds
from missionplanner.store.database import Database
from missionplanner.store.kinds import Binding, Clean, Context
from missionplanner.store.reading import FormReader
from missionplanner.store.schema import (
    Contact,
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
R = TypeVar("R", bound=Record)


@dataclass(frozen=True, slots=True)
class Saved:
    """What a write left behind: the record and its new version (None once deleted)."""

    kind: str
    id: str
    version: int | None
    mission_id: str | None
    # Every record and mission the write touched.
    changes: Changes = Changes()  # noqa: RUF009 - frozen, so shared safely


def _what(kind: str) -> Message:
    return Message(f"kind.{kind}")


def load_current(session: Session, model: type[R], record_id: str, version: int, kind: str) -> R:
    """The record, provided it is still at ``version``."""
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError(Message("record.gone", kind=_what(kind), id=record_id))
    if record.version != version:
        raise StaleRecordError(Message("record.stale", kind=_what(kind)))
    return record


def _row(record: Record) -> dict[str, Any]:
    table = record.__table__  # type: ignore[attr-defined]
    return {column.key: getattr(record, column.key) for column in table.c}


# --- reading forms ------------------------------------------------------------------------


def _contact_memo(session: Session, contact_ids: list[str]) -> dict[str, dict[str, Any]]:
    named: dict[str, dict[str, int]] = {}
    if contact_ids:
        for meeting_id, contact_id, position in session.execute(
            select(MeetingContact.meeting_id, MeetingContact.contact_id, MeetingContact.position)
            .where(MeetingContact.contact_id.in_(contact_ids))
            .order_by(MeetingContact.meeting_id)
        ):
            named.setdefault(contact_id, {})[meeting_id] = position
    return {cid: {"meeting_positions": named.get(cid, {})} for cid in contact_ids}


def _participant_memo(session: Session, participant_id: str) -> dict[str, Any]:
    meetings = session.scalars(
        select(meeting_attendees.c.meeting_id).where(
            meeting_attendees.c.participant_id == participant_id
        )
    )
    travel = session.scalars(
        select(travel_participants.c.travel_id).where(
            travel_participants.c.participant_id == participant_id
        )
    )
    return {"meeting_ids": sorted(meetings), "travel_ids": sorted(travel)}


def _form(session: Session, bound: Binding, record: Record) -> Any:
    """The form of a stored record, with what an undone delete needs to restore links."""
    form = FormReader(session).one(bound.kind, record.id)
    assert form is not None
    if bound.kind == PARTICIPANT:
        form = replace(form, **_participant_memo(session, record.id))
    elif bound.kind == ORGANIZATION:
        memo = _contact_memo(session, [c.id for c in form.contacts])
        form.contacts = [replace(c, **memo[c.id]) for c in form.contacts]
    return form


def load(db: Database, form_type: type[F], record_id: str) -> tuple[F, int]:
    """The form of a record as it is now, and its version."""
    bound = kinds.binding(form_type)
    with db.reading() as session:
        record = session.get(bound.model, record_id)
        if record is None:
            raise NotFoundError(Message("record.gone", kind=_what(bound.kind), id=record_id))
        form = _form(session, bound, record)
        assert isinstance(form, form_type)
        return form, record.version


# --- validating and writing ---------------------------------------------------------------


def _context(session: Session, form: Any) -> Context:
    """What the form may refer to, read from the database."""
    mission_id = getattr(form, "mission_id", None)
    context = Context()
    if mission_id is None:
        return context
    mission = session.get(Mission, mission_id)
    if mission is None:
        raise NotFoundError(Message("not-found.mission", id=mission_id))
    context.region = zones.zone_country(mission.home_timezone)
    if isinstance(form, TravelForm | MeetingForm):
        context.participants = set(
            session.scalars(select(Participant.id).where(Participant.mission_id == mission_id))
        )
    if isinstance(form, MeetingForm):
        stops = select(Stop.id, Stop.timezone).where(Stop.mission_id == mission_id)
        context.stop_zones = {stop_id: zone for stop_id, zone in session.execute(stops)}
        context.organizations = _existing(session, Organization, form.organization_ids)
        context.contacts = _existing(session, Contact, form.contact_ids)
    return context


def _existing(session: Session, model: Any, ids: list[str]) -> set[str]:
    return set(session.scalars(select(model.id).where(model.id.in_(ids)))) if ids else set()


def _position(session: Session, model: Any, mission_id: str) -> int:
    highest = session.scalar(select(func.max(model.position)).where(model.mission_id == mission_id))
    return 0 if highest is None else int(highest) + 1


def _write(session: Session, record: Record | None, cleaned: Clean[Any]) -> Record:
    """Write a valid form's columns, lists of ids and children; returns the record."""
    bound = kinds.binding(cleaned.form)
    form = cleaned.form
    row = kinds.columns(cleaned)
    row.pop("id", None)
    if record is None:
        model: Any = bound.model
        record = model(id=form.id or new_id())
        if "mission_id" in row and getattr(form, "position", None) is None:
            row["position"] = _position(session, bound.model, row["mission_id"])
        session.add(record)
    else:
        # A save is a change even when only links moved: the version must rise.
        row["updated_at"] = utcnow()
    for name, value in row.items():
        setattr(record, name, value)
    session.flush()
    for name, link in bound.links.items():
        _replace_links(session, link, record.id, getattr(form, name))
    for name, children in cleaned.children.items():
        _write_children(session, bound, record, name, children)
    return record


def _replace_links(session: Session, link: kinds.Link, owner_id: str, targets: list[str]) -> None:
    table = link.table
    current = list(
        session.scalars(
            select(table.c[link.target])
            .where(table.c[link.owner] == owner_id)
            .order_by(*([table.c.position] if link.ordered else [table.c[link.target]]))
        )
    )
    if (current if link.ordered else sorted(current)) == (
        targets if link.ordered else sorted(targets)
    ):
        return
    session.execute(table.delete().where(table.c[link.owner] == owner_id))
    if targets:
        session.execute(
            insert(table),
            [
                {link.owner: owner_id, link.target: target}
                | ({"position": position} if link.ordered else {})
                for position, target in enumerate(targets)
            ],
        )


def _write_children(
    session: Session, bound: Binding, record: Record, name: str, children: list[Clean[Any]]
) -> None:
    child = kinds.binding(children[0].form) if children else None
    info = next(i for i in bound.fields if i.name == name)
    child_bound = child or kinds.binding(info.spec.of)
    model: Any = child_bound.model
    parent_column = child_bound.parent_column
    assert parent_column is not None
    existing = {
        r.id: r
        for r in session.scalars(select(model).where(getattr(model, parent_column) == record.id))
    }
    kept: set[str] = set()
    created: list[tuple[Record, Any]] = []
    for position, cleaned in enumerate(children):
        values = kinds.columns(cleaned, position=position, **{parent_column: record.id})
        values.pop("id", None)
        found = existing.get(cleaned.form.id or "")
        if found is None:
            found = model(id=cleaned.form.id or new_id())
            session.add(found)
            created.append((found, cleaned.form))
        for column, value in values.items():
            setattr(found, column, value)
        kept.add(found.id)
    for child_id, stale in existing.items():
        if child_id not in kept:
            session.delete(stale)
    session.flush()
    for contact, form in created:
        if isinstance(form, ContactForm) and form.meeting_positions:
            # A contact created again (an undone removal) is named on its meetings again.
            wanted = form.meeting_positions
            still_there = session.scalars(select(Meeting.id).where(Meeting.id.in_(wanted)))
            for meeting_id in sorted(still_there):
                session.add(
                    MeetingContact(
                        meeting_id=meeting_id, contact_id=contact.id, position=wanted[meeting_id]
                    )
                )


def _relink_participant(session: Session, record: Record, form: ParticipantForm) -> None:
    """An undone removal names the person on their meetings and trips again."""
    for table, owner, model, wanted in (
        (meeting_attendees, "meeting_id", Meeting, form.meeting_ids),
        (travel_participants, "travel_id", TravelSegment, form.travel_ids),
    ):
        if not wanted:
            continue
        existing = set(
            session.scalars(
                select(model.id).where(model.id.in_(wanted), model.mission_id == form.mission_id)
            )
        )
        current = set(
            session.scalars(select(table.c[owner]).where(table.c.participant_id == record.id))
        )
        for owner_id in sorted(existing - current):
            session.execute(table.insert().values({owner: owner_id, "participant_id": record.id}))


def _changes(session: Session, bound: Binding, record_id: str, mission_id: str | None) -> Changes:
    changes = Changes.of(bound.kind, record_id, mission_id)
    if bound.kind == ORGANIZATION:
        # Meetings show the organizations' names: their missions change too.
        missions = session.scalars(
            select(Meeting.mission_id)
            .join(MeetingOrganization, MeetingOrganization.meeting_id == Meeting.id)
            .where(MeetingOrganization.organization_id == record_id)
            .distinct()
        )
        changes = changes | Changes.many((), missions)
    return changes


def _mission_of(record: Record) -> str | None:
    if isinstance(record, Mission):
        return record.id
    mission_id = getattr(record, "mission_id", None)
    return str(mission_id) if mission_id else None


def _clean(session: Session, form: Any) -> Clean[Any]:
    return kinds.clean(form, _context(session, form), kinds.called(form))


def save(db: Database, form: Form, version: int | None) -> Saved:
    """Create the record (``version`` None) or update it from ``version``."""
    bound = kinds.binding(form)
    with db.writing() as session:
        if version is None:
            if isinstance(form, MeetingForm):
                _room_for_a_meeting(session, form.mission_id)
            written = _create(session, form)
        else:
            if form.id is None:
                raise ValidationError(Message("record.no-id", kind=_what(bound.kind)))
            record = load_current(session, bound.model, form.id, version, bound.kind)
            written = _write(session, record, _clean(session, form))
        mission_id = _mission_of(written)
        return Saved(
            bound.kind,
            written.id,
            written.version,
            mission_id,
            _changes(session, bound, written.id, mission_id),
        )


def remove(
    db: Database, form_type: type[Form], record_id: str, version: int
) -> tuple[Saved, list[Form]]:
    """Delete a record; also returns the forms of the records deleted with it.

    A mission takes its cities, delegation, travel and meetings along: their forms come
    back in an order that :func:`restore` can create them in again (an undone delete).
    """
    bound = kinds.binding(form_type)
    with db.writing() as session:
        record = load_current(session, bound.model, record_id, version, bound.kind)
        _refuse_if_in_use(session, record)
        mission_id = _mission_of(record)
        dependents = _dependents(session, record)
        changes = _changes(session, bound, record_id, mission_id)
        deletions.remember(session, bound.kind, [record_id])
        session.delete(record)
        session.flush()
        return Saved(bound.kind, record_id, None, mission_id, changes), dependents


def delete(db: Database, form_type: type[Form], record_id: str, version: int) -> Saved:
    return remove(db, form_type, record_id, version)[0]


def restore(db: Database, form: Form, dependents: Sequence[Form] = ()) -> Saved:
    """Create a record and the records that went with it, all or nothing.

    The reverse of :func:`remove`: ``dependents`` are created after ``form``, in order,
    in the same unit of work, so an undone mission delete brings everything back or, if
    something can no longer be restored (another window removed an organization its
    meetings name), changes nothing.
    """
    bound = kinds.binding(form)
    with db.writing() as session:
        written = _create(session, form)
        for dependent in dependents:
            _create(session, dependent)
        mission_id = _mission_of(written)
        return Saved(
            bound.kind,
            written.id,
            written.version,
            mission_id,
            _changes(session, bound, written.id, mission_id),
        )


def _room_for_a_meeting(session: Session, mission_id: str) -> None:
    """A mission holds no more meetings than the app can check and print."""
    held = session.execute(
        select(func.count()).select_from(Meeting).where(Meeting.mission_id == mission_id)
    ).scalar_one()
    if held >= MOST_MEETINGS:
        raise ValidationError(Message("record.too-many-meetings", most=MOST_MEETINGS))


def _create(session: Session, form: Form) -> Record:
    bound = kinds.binding(form)
    if form.id is not None and session.get(bound.model, form.id) is not None:
        raise ValidationError(Message("rule.id-exists", kind=_what(bound.kind), value=form.id))
    written = _write(session, None, _clean(session, form))
    if isinstance(form, ParticipantForm):
        _relink_participant(session, written, form)
    # Written records are found by the next one (a meeting looks up its city).
    session.flush()
    deletions.forget(session, bound.kind, [written.id])
    session.flush()
    session.expire(written, ["version"])
    return written


def _dependents(session: Session, record: Record) -> list[Form]:
    """Forms of the records that a delete of ``record`` takes along, parents first."""
    if not isinstance(record, Mission):
        return []
    forms: list[Form] = []
    parts: tuple[tuple[str, Any], ...] = (
        (STOP, Stop),
        (PARTICIPANT, Participant),
        (TRAVEL, TravelSegment),
        (MEETING, Meeting),
    )
    for kind, model in parts:
        bound = kinds.binding(kind)
        for child in session.scalars(
            select(model).where(model.mission_id == record.id).order_by(model.position)
        ):
            forms.append(_form(session, bound, child))
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
            code = "record.sole-attendee-more" if len(alone) > 3 else "record.sole-attendee"
            raise ValidationError(
                Message(code, name=record.name, titles=alone[:3], more=len(alone) - 3)
            )
    if isinstance(record, Stop):
        count = session.scalar(
            select(func.count()).select_from(Meeting).where(Meeting.stop_id == record.id)
        )
        if count:
            raise ValidationError(Message("record.city-has-meetings", city=record.city, n=count))
    if isinstance(record, Organization):
        count = session.scalar(
            select(func.count())
            .select_from(MeetingOrganization)
            .where(MeetingOrganization.organization_id == record.id)
        )
        if count:
            raise ValidationError(
                Message("record.organization-has-meetings", name=record.name, n=count)
            )


def with_id(form: F) -> F:
    """The form with an id of its own, so creating it again (redo) makes the same record."""
    return form if form.id is not None else replace(form, id=new_id())


def change(db: Database, form_type: type[F], record_id: str, version: int, **values: Any) -> int:
    """Change some fields of a record seen at ``version``; returns its new version.

    The rest of the record is taken as it is now, and the whole is validated as any
    save is: moving a meeting is ``change(db, MeetingForm, id, version, start_local=…,
    end_local=…)``.
    """
    form, _current = load(db, form_type, record_id)
    saved = save(db, replace(form, **values), version)
    assert saved.version is not None
    return saved.version
