"""Each record kind bound to its table, and the one validation every road in uses.

:mod:`missionplanner.domain.forms` describes the fields of each record;
this module adds what the database knows: the table and model of each kind, each text
field's length limit (read from its column, so the two never disagree), the link
tables behind lists of ids, and the columns a form is written to. :func:`clean`
validates a form field by field with :mod:`missionplanner.domain.rules` plus the few
rules that tie fields together (a stay's dates in order, a meeting ending after it
starts); dialogs, mission files, spreadsheets and the command line all call it, so a
value is accepted or refused the same way wherever it comes from.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import String, Table

from missionplanner.domain import rules
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
from missionplanner.domain.forms import (
    FORMS,
    KIND_OF_FORM,
    FieldInfo,
    Kind,
    fields_of,
)
from missionplanner.domain.zones import ResolvedTime
from missionplanner.errors import FieldErrors, ValidationError
from missionplanner.messages import Message, Words
from missionplanner.store.schema import (
    ID_LENGTH,
    Contact,
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
    travel_participants,
)

F = TypeVar("F")
# A short text inside a list (a sector): one line, this long at most.
LIST_ITEM_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Link:
    """The table behind a list of ids: who owns each row, whom it names, in order or not."""

    table: Table
    owner: str
    target: str
    ordered: bool


@dataclass(frozen=True, slots=True)
class Binding:
    kind: str
    form: type[Any]
    model: type[Record]
    # The column naming the record a child belongs to (a follow-up's meeting).
    parent_column: str | None = None
    links: Mapping[str, Link] = field(default_factory=dict)

    @property
    def table(self) -> Table:
        table: Table = self.model.__table__  # type: ignore[attr-defined]
        return table

    @property
    def fields(self) -> tuple[FieldInfo, ...]:
        return fields_of(self.form)

    def limit(self, name: str) -> int | None:
        """The most characters a field holds (its column's length; None: no limit)."""
        return _limits(self)[name]


def _link(table: Any, owner: str, target: str) -> Link:
    real: Table = table if isinstance(table, Table) else table.__table__
    return Link(real, owner, target, ordered="position" in real.c)


BINDINGS: dict[str, Binding] = {
    MISSION: Binding(MISSION, FORMS[MISSION], Mission),
    PARTICIPANT: Binding(PARTICIPANT, FORMS[PARTICIPANT], Participant),
    STOP: Binding(STOP, FORMS[STOP], Stop),
    TRAVEL: Binding(
        TRAVEL,
        FORMS[TRAVEL],
        TravelSegment,
        links={"participant_ids": _link(travel_participants, "travel_id", "participant_id")},
    ),
    MEETING: Binding(
        MEETING,
        FORMS[MEETING],
        Meeting,
        links={
            "organization_ids": _link(MeetingOrganization, "meeting_id", "organization_id"),
            "contact_ids": _link(MeetingContact, "meeting_id", "contact_id"),
            "attendee_ids": _link(meeting_attendees, "meeting_id", "participant_id"),
        },
    ),
    FOLLOW_UP: Binding(FOLLOW_UP, FORMS[FOLLOW_UP], FollowUp, parent_column="meeting_id"),
    ORGANIZATION: Binding(ORGANIZATION, FORMS[ORGANIZATION], Organization),
    CONTACT: Binding(CONTACT, FORMS[CONTACT], Contact, parent_column="organization_id"),
}


def binding(kind_or_form: str | type[Any] | object) -> Binding:
    if isinstance(kind_or_form, str):
        return BINDINGS[kind_or_form]
    form_type = kind_or_form if isinstance(kind_or_form, type) else type(kind_or_form)
    return BINDINGS[KIND_OF_FORM[form_type]]


_LIMITS: dict[str, dict[str, int | None]] = {}


def _limits(bound: Binding) -> dict[str, int | None]:
    found = _LIMITS.get(bound.kind)
    if found is None:
        found = {}
        for info in bound.fields:
            column = bound.table.c.get(info.name)
            length = (
                column.type.length
                if column is not None and isinstance(column.type, String)
                else None
            )
            found[info.name] = ID_LENGTH if info.spec.kind in (Kind.ID, Kind.REF) else length
        _LIMITS[bound.kind] = found
    return found


def limit(form_type: type[Any], name: str) -> int | None:
    """How many characters a form field holds (for a dialog's line edit)."""
    return binding(form_type).limit(name)


# --- validation ---------------------------------------------------------------------------


@dataclass(slots=True)
class Context:
    """What a record may refer to, for the rules that look beyond the record itself.

    A container left as None is not checked here (the database's own keys still are).
    """

    # The stops a meeting may be in, with their zones.
    stop_zones: Mapping[str, str] = field(default_factory=dict)
    participants: Container[str] | None = None
    organizations: Container[str] | None = None
    contacts: Container[str] | None = None
    # Where a phone number written without its country code belongs.
    region: str = ""


@dataclass(slots=True)
class Clean(Generic[F]):
    """A valid form (values tidied) and what validation worked out from it."""

    form: F
    times: dict[str, ResolvedTime] = field(default_factory=dict)
    latitude: float | None = None
    longitude: float | None = None
    children: dict[str, list[Clean[Any]]] = field(default_factory=dict)


class _Errors:
    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self.found: dict[str, Words] = {}

    def fail(self, name: str, words: Words) -> None:
        self.found.setdefault(self.prefix + name, words)

    def has(self, name: str) -> bool:
        return self.prefix + name in self.found


def clean(form: F, context: Context | None = None, what: Words = "") -> Clean[F]:
    """``form`` with every value checked and tidied, or FieldErrors naming each field."""
    errors = _Errors()
    result = _clean(form, context or Context(), errors)
    if errors.found:
        raise FieldErrors(errors.found, what)
    return result


def _clean(form: Any, context: Context, errors: _Errors) -> Clean[Any]:
    bound = binding(form)
    values: dict[str, Any] = {}
    result: Clean[Any] = Clean(form)
    region = context.region
    if bound.kind == ORGANIZATION:
        with suppress(ValidationError):
            region = rules.country(form.country) or region
    for info in bound.fields:
        name, spec = info.name, info.spec
        value = getattr(form, name)
        try:
            values[name] = _value(bound, info, value, context, region)
        except ValidationError as error:
            errors.fail(name, error.message)
            values[name] = value
        if spec.kind is Kind.CHILDREN:
            kept, cleaned = [], []
            for index, child in enumerate(value):
                child_errors = _Errors(f"{errors.prefix}{name}[{index}].")
                child_context = replace(context, region=region)
                child_clean = _clean(child, child_context, child_errors)
                errors.found.update(
                    (key, words) for key, words in child_errors.found.items()
                    if key not in errors.found
                )  # fmt: skip
                kept.append(child_clean.form)
                cleaned.append(child_clean)
            values[name] = kept
            result.children[name] = cleaned
    tidy = type(form)(**values)
    result.form = tidy
    _together(bound.kind, tidy, result, context, errors)
    return result


def called(form: Any) -> Message:
    """ "meeting “Visit”": what a list of field errors is about."""
    kind = binding(form).kind
    if kind == TRAVEL:
        name = f"{form.origin} → {form.destination}"
    else:
        name = str(getattr(form, "title", None) or getattr(form, "name", None) or "")
        name = name or str(getattr(form, "city", "") or getattr(form, "action", "") or "")
    if not isinstance(name, str) or not name.strip():
        return Message(f"kind.{kind}")
    return Message("record.called", kind=Message(f"kind.{kind}"), name=name.strip())


def _value(bound: Binding, info: FieldInfo, value: Any, context: Context, region: str) -> Any:
    spec = info.spec
    kind = spec.kind
    limit_ = bound.limit(info.name)
    if kind is Kind.ID:
        return None if value is None else rules.text(value, limit=ID_LENGTH) or None
    if kind is Kind.TEXT:
        return rules.text(value, limit=limit_, required=spec.required)
    if kind is Kind.LONG_TEXT:
        return rules.text(value, limit=limit_, required=spec.required, lines=True)
    if kind is Kind.CHOICE:
        assert spec.vocabulary is not None
        return rules.choice(rules.text(value, limit=limit_), spec.vocabulary, spec.default_choice)
    if kind is Kind.ZONE:
        return rules.zone(rules.text(value, limit=limit_), required=spec.required)
    if kind is Kind.COUNTRY:
        return rules.country(rules.text(value, limit=None))
    if kind is Kind.EMAIL:
        return rules.email(rules.text(value, limit=limit_))
    if kind is Kind.PHONE:
        written = rules.phone(rules.text(value, limit=None), region)
        return rules.text(written, limit=limit_)
    if kind is Kind.DATE:
        if value is None:
            if spec.required:
                raise ValidationError(Message("rule.required"))
            return None
        return rules.day(value)
    if kind is Kind.FLAG:
        if not isinstance(value, bool):
            raise ValidationError(Message("rule.not-a-flag"))
        return value
    if kind is Kind.TEXTS:
        items = [rules.text(item, limit=LIST_ITEM_LIMIT) for item in value]
        return [item for item in dict.fromkeys(items) if item]
    if kind is Kind.REF:
        return rules.text(value, limit=ID_LENGTH, required=spec.required)
    if kind is Kind.REFS:
        wanted = list(dict.fromkeys(rules.text(item, limit=ID_LENGTH) for item in value))
        known = _known(context, spec.of)
        unknown = [item for item in wanted if known is not None and item not in known]
        if unknown:
            code = "rule.not-participants" if spec.of == PARTICIPANT else "rule.unknown-references"
            raise ValidationError(
                Message(
                    code,
                    values=unknown,
                    kind=Message(f"kind.{spec.of}"),
                    kinds=Message(f"kinds.{spec.of}"),
                )
            )
        return [item for item in wanted if item]
    return value  # local times (checked together below), parents, positions, memos


def _known(context: Context, kind: str) -> Container[str] | None:
    if kind == PARTICIPANT:
        return context.participants
    if kind == ORGANIZATION:
        return context.organizations
    if kind == CONTACT:
        return context.contacts
    return None


def _resolve(
    form: Any, name: str, zone: str, result: Clean[Any], errors: _Errors
) -> ResolvedTime | None:
    value = getattr(form, name)
    if not zone or errors.has(name):
        return None
    if not isinstance(value, datetime):
        errors.fail(name, Message("rule.required"))
        return None
    try:
        resolved = rules.local_time(value, zone)
    except ValidationError as error:
        errors.fail(name, error.message)
        return None
    result.times[name] = resolved
    return resolved


def _together(kind: str, form: Any, result: Clean[Any], context: Context, errors: _Errors) -> None:
    """The rules that tie fields of one record together."""
    if kind == STOP:
        _stop(form, result, errors)
    elif kind == TRAVEL:
        depart = _resolve(form, "depart_local", form.depart_timezone, result, errors)
        arrive = _resolve(form, "arrive_local", form.arrive_timezone, result, errors)
        if depart and arrive and arrive.utc <= depart.utc:
            errors.fail(
                "arrive_local",
                Message(
                    "rule.arrives-before-departs",
                    arrive=arrive.local,
                    arrive_zone=arrive.zone,
                    depart=depart.local,
                    depart_zone=depart.zone,
                ),
            )
    elif kind == MEETING:
        stop_zone = context.stop_zones.get(form.stop_id)
        if form.stop_id and stop_zone is None and not errors.has("stop_id"):
            errors.fail("stop_id", Message("rule.not-a-stop", value=form.stop_id))
        if not form.timezone and stop_zone:
            form.timezone = stop_zone
        start = _resolve(form, "start_local", form.timezone, result, errors)
        end = _resolve(form, "end_local", form.timezone, result, errors)
        if start and end and end.utc <= start.utc:
            code = "rule.ends-before-start" if end.utc < start.utc else "rule.ends-at-start"
            errors.fail("end_local", Message(code))


def _stop(form: Any, result: Clean[Any], errors: _Errors) -> None:
    if isinstance(form.arrive, date) and isinstance(form.depart, date):
        try:
            rules.dates_in_order(form.arrive, form.depart)
        except ValidationError as error:
            errors.fail("depart", error.message)
    if not form.city or errors.has("country") or errors.has("timezone"):
        return
    if form.country:
        try:
            place = rules.place(form.city, form.country)
        except ValidationError as error:
            if not form.timezone:
                errors.fail("timezone", Message("rule.zone-not-found", reason=error.message))
            return
        result.latitude, result.longitude = place.latitude, place.longitude
        form.timezone = form.timezone or place.timezone
    elif not form.timezone:
        errors.fail("timezone", Message("rule.zone-needed"))


# --- forms to columns and back -------------------------------------------------------------


def columns(cleaned: Clean[Any], **extra: Any) -> dict[str, Any]:
    """The database columns of a valid record (its links and children apart)."""
    form = cleaned.form
    bound = binding(form)
    row: dict[str, Any] = {}
    for info in bound.fields:
        kind = info.spec.kind
        if kind in (Kind.REFS, Kind.CHILDREN, Kind.MEMO):
            continue
        if kind is Kind.LOCAL_TIME:
            resolved = cleaned.times[info.name]
            row[info.name] = resolved.local
            row[info.name.removesuffix("_local") + "_utc"] = resolved.utc
            continue
        if kind is Kind.POSITION and getattr(form, info.name) is None:
            continue
        row[info.name] = getattr(form, info.name)
    if bound.kind == STOP:
        row["latitude"], row["longitude"] = cleaned.latitude, cleaned.longitude
    row.update(extra)
    return row


def form_of(
    kind: str,
    row: Mapping[str, Any],
    links: Mapping[str, Sequence[str]] | None = None,
    children: Mapping[str, list[Any]] | None = None,
    **memo: Any,
) -> Any:
    """The form of a stored record: its row, its lists of ids and its children's forms."""
    bound = BINDINGS[kind]
    values: dict[str, Any] = {}
    for info in bound.fields:
        spec_kind = info.spec.kind
        if spec_kind is Kind.REFS:
            values[info.name] = list((links or {}).get(info.name, ()))
        elif spec_kind is Kind.CHILDREN:
            values[info.name] = list((children or {}).get(info.name, ()))
        elif spec_kind is Kind.MEMO:
            if info.name in memo:
                values[info.name] = memo[info.name]
        elif spec_kind is Kind.TEXTS:
            values[info.name] = list(row[info.name] or [])
        elif spec_kind is Kind.FLAG:
            values[info.name] = bool(row[info.name])
        else:
            values[info.name] = row[info.name]
    return bound.form(**values)


def file_keys(kind: str) -> frozenset[str]:
    """The keys a mission-file object of this kind may have."""
    return frozenset(key for info in BINDINGS[kind].fields if (key := info.file_key) is not None)
