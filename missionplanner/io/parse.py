"""Reading and validating a ``missionplanner/1`` mission file.

The file's objects are read into the same forms the edit dialogs fill
(:mod:`missionplanner.domain.forms`, whose descriptions name each field's key in the
file) and validated by the same :func:`missionplanner.store.kinds.clean`, so a value is
accepted or refused the same way on both roads. Every problem is reported with its
place in the file (``missions[0].meetings[3].end: ends before it starts``); reading
goes on after a problem so one run lists them all. Nothing is written here.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from missionplanner.domain import zones
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
    MISSION_PARTS,
    FieldInfo,
    Kind,
    MissionForm,
    OrganizationForm,
    fields_of,
)
from missionplanner.domain.limits import MOST_MEETINGS
from missionplanner.errors import FieldErrors, MissionFileError
from missionplanner.messages import Message, Words
from missionplanner.store import kinds
from missionplanner.store.kinds import Clean, Context
from missionplanner.wording import shorten

FORMAT = "missionplanner/1"
MAX_REPORTED = 25
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:00)?")
# The keys of the file's top object and of a mission besides its own fields.
FILE_KEYS = frozenset({"format", "organizations", "missions"})


@dataclass(slots=True)
class MissionEntry:
    """One mission of a file, validated: its own fields and its parts by kind."""

    mission: Clean[MissionForm]
    parts: dict[str, list[Clean[Any]]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.mission.form.id or ""


@dataclass(slots=True)
class MissionFileContents:
    organizations: list[Clean[OrganizationForm]] = field(default_factory=list)
    missions: list[MissionEntry] = field(default_factory=list)


class _Problems:
    def __init__(self) -> None:
        self.items: dict[str, Words] = {}

    def add(self, where: str, words: Words) -> None:
        self.items.setdefault(where, words)

    def raise_if_any(self) -> None:
        if not self.items:
            return
        shown = [
            Message("file.problem", where=where, problem=words)
            for where, words in list(self.items.items())[:MAX_REPORTED]
        ]
        more = len(self.items) - len(shown)
        if more:
            shown.append(Message("file.more-problems", n=more))
        raise MissionFileError(Message("file.problems", n=len(self.items), problems=shown))


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


class _Object:
    """One JSON object of the file and its path, with typed, error-collecting getters."""

    def __init__(self, data: dict[str, Any], where: str, problems: _Problems) -> None:
        self.data = data
        self.where = where
        self.problems = problems
        for key in dict.fromkeys(getattr(data, "repeated", ())):
            self.fail(key, Message("file.repeated-key"))

    def expect(self, kind: str, known: frozenset[str]) -> None:
        """Report keys that are not fields of ``kind`` (a typo would lose data)."""
        if self.data.keys() <= known:
            return
        for key in self.data:
            if key in known:
                continue
            close = difflib.get_close_matches(key, known, n=1)
            what = Message(f"kind.{kind}")
            if close:
                self.fail(key, Message("file.unknown-key-hint", kind=what, hint=close[0]))
            else:
                self.fail(key, Message("file.unknown-key", kind=what))

    def at(self, key: str) -> str:
        # A key is the file's text too: a key of a million characters is not echoed.
        key = shorten(key)
        return f"{self.where}.{key}" if self.where else key

    def fail(self, key: str, words: Words) -> None:
        self.problems.add(self.at(key), words)

    def objects(self, key: str) -> Iterable[_Object]:
        value = self.data.get(key)
        if value is None:
            return
        if not isinstance(value, list):
            self.fail(key, Message("rule.not-a-list"))
            return
        for index, item in enumerate(value):
            where = f"{self.at(key)}[{index}]"
            if not isinstance(item, dict):
                self.problems.add(where, Message("rule.not-an-object"))
                continue
            yield _Object(item, where, self.problems)

    # --- one value, by the kind of its field ----------------------------------------------

    def value(self, info: FieldInfo, key: str, absent: Any) -> Any:
        """The file's value of a field, in the form's type (a date for a date...).

        ``absent`` is the value of a field left out (or null).
        """
        raw = self.data.get(key)
        kind = info.spec.kind
        if raw is None:
            if info.spec.required or kind is Kind.ID:
                self.fail(key, Message("rule.missing"))
                return _empty(info)
            return absent
        if kind in (Kind.TEXTS, Kind.REFS):
            if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
                self.fail(key, Message("rule.not-texts"))
                return []
            return raw
        if kind is Kind.FLAG:
            if not isinstance(raw, bool):
                self.fail(key, Message("rule.not-a-flag"))
                return False
            return raw
        if not isinstance(raw, str):
            self.fail(key, Message("rule.not-text"))
            return _empty(info)
        text = raw.strip()
        if kind is Kind.DATE:
            return self._day(key, text)
        if kind is Kind.LOCAL_TIME:
            return self._local(key, text)
        return raw

    def _day(self, key: str, text: str) -> date | None:
        if not text:
            return None
        if not _DATE.fullmatch(text):
            self.fail(key, Message("rule.not-a-date", value=text))
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.fail(key, Message("rule.not-a-real-date", value=text))
            return None

    def _local(self, key: str, text: str) -> datetime | None:
        if not text:
            self.fail(key, Message("rule.required"))
            return None
        if not _DATETIME.fullmatch(text):
            self.fail(key, Message("rule.not-a-time", value=text))
            return None
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            self.fail(key, Message("rule.not-a-real-time", value=text))
            return None


def _absent(form_type: type[Any], info: FieldInfo) -> Any:
    """A field left out of the file has the form's default, as in a new dialog.

    The kind's empty value would do for most fields, but not all: a mission without a
    home zone is at home in UTC, not in no zone at all.
    """
    for item in dataclasses.fields(form_type):
        if item.name != info.name:
            continue
        if item.default is not dataclasses.MISSING:
            return item.default
        if item.default_factory is not dataclasses.MISSING:
            return item.default_factory()
    return _empty(info)


def _empty(info: FieldInfo) -> Any:
    kind = info.spec.kind
    if kind in (Kind.TEXTS, Kind.REFS, Kind.CHILDREN):
        return []
    if kind in (Kind.DATE, Kind.LOCAL_TIME, Kind.ID):
        return None
    if kind is Kind.FLAG:
        return False
    return ""


class _Ids:
    """Ids seen so far of one record kind, to report duplicates with both places."""

    def __init__(self, kind: str, problems: _Problems) -> None:
        self.kind = kind
        self.problems = problems
        self.places: dict[str, str] = {}

    def claim(self, record_id: str | None, where: str) -> bool:
        if not record_id:
            return False
        first = self.places.get(record_id)
        if first is not None:
            self.problems.add(
                f"{where}.id",
                Message(
                    "rule.id-taken", kind=Message(f"kind.{self.kind}"), value=record_id, place=first
                ),
            )
            return False
        self.places[record_id] = where
        return True


def load_json(raw: bytes | str, source: str = "the file") -> Any:
    if isinstance(raw, bytes):
        if not raw.strip():
            raise MissionFileError(Message("file.empty", source=source))
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise MissionFileError(Message("file.not-utf8", source=source)) from error
    if not raw.strip():
        raise MissionFileError(Message("file.empty", source=source))
    try:
        return json.loads(raw, object_pairs_hook=_json_object)
    except json.JSONDecodeError as error:
        raise MissionFileError(
            Message(
                "file.bad-json",
                source=source,
                line=error.lineno,
                column=error.colno,
                reason=error.msg,
            )
        ) from error
    except RecursionError as error:
        raise MissionFileError(Message("file.too-deep", source=source)) from error
    except ValueError as error:  # an integer too long to read
        raise MissionFileError(Message("file.bad-number", source=source)) from error


class _Reader:
    """Reads the file's objects into forms and validates them, collecting problems."""

    def __init__(self, problems: _Problems) -> None:
        self.problems = problems
        self.ids = {
            kind: _Ids(kind, problems)
            for kind in (ORGANIZATION, CONTACT, MISSION, PARTICIPANT, STOP, TRAVEL, MEETING)
        }
        self.ids[FOLLOW_UP] = _Ids(FOLLOW_UP, problems)

    def form(self, obj: _Object, kind: str, parent: str = "", position: int = 0) -> Any:
        """The form an object describes (values of the wrong type left empty, reported)."""
        bound = kinds.binding(kind)
        obj.expect(kind, kinds.file_keys(kind) | _extra_keys(kind))
        values: dict[str, Any] = {}
        for info in bound.fields:
            spec = info.spec
            if spec.kind is Kind.PARENT:
                values[info.name] = parent
            elif spec.kind is Kind.POSITION:
                values[info.name] = position
            elif spec.kind is Kind.MEMO:
                continue
            elif spec.kind is Kind.CHILDREN:
                values[info.name] = [
                    self.form(child, spec.of, values.get("id") or "", index)
                    for index, child in enumerate(obj.objects(info.file_key or info.name))
                ]
            elif info.file_key is not None:
                values[info.name] = obj.value(info, info.file_key, _absent(bound.form, info))
        if kind == FOLLOW_UP and not values.get("id"):
            # Follow-ups may come without ids; a derived id keeps re-imports idempotent.
            obj.problems.items.pop(obj.at("id"), None)
            values["id"] = f"{parent}/follow-up/{position + 1}"
        return bound.form(**values)

    def clean(self, obj: _Object, form: Any, context: Context) -> Clean[Any] | None:
        """The validated form, or None with its problems reported at their places."""
        try:
            return kinds.clean(form, context)
        except FieldErrors as error:
            name_of = kinds.called(form)
            for name, words in error.errors.items():
                where = f"{obj.where}.{_file_path(type(form), name)}"
                obj.problems.add(where, Message("file.record-problem", what=name_of, problem=words))
            return None


def _extra_keys(kind: str) -> frozenset[str]:
    return frozenset(MISSION_PARTS) if kind == MISSION else frozenset()


def _file_path(form_type: type[Any], name: str) -> str:
    """A field error's place in the file: ``start_local`` is ``start`` there."""
    head, dot, rest = name.partition(".")
    field_name, bracket, index = head.partition("[")
    for info in fields_of(form_type):
        if info.name == field_name:
            key = info.file_key or field_name
            if dot and info.spec.kind is Kind.CHILDREN:
                child = kinds.binding(info.spec.of).form
                return f"{key}{bracket}{index}.{_file_path(child, rest)}"
            return f"{key}{bracket}{index}{dot}{rest}"
    return name


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
        raise MissionFileError(Message("file.not-an-object"))
    file_format = data.get("format")
    if file_format is None:
        raise MissionFileError(Message("file.no-format", format=FORMAT))
    if file_format != FORMAT:
        raise MissionFileError(Message("file.other-format", found=str(file_format), format=FORMAT))
    problems = _Problems()
    reader = _Reader(problems)
    root = _Object(data, "", problems)
    root.expect("file", FILE_KEYS)
    contents = MissionFileContents()
    file_orgs: list[tuple[_Object, Any]] = []
    for obj in root.objects("organizations"):
        form = reader.form(obj, ORGANIZATION)
        for index, contact in enumerate(form.contacts):
            reader.ids[CONTACT].claim(contact.id, f"{obj.at('contacts')}[{index}]")
        if reader.ids[ORGANIZATION].claim(form.id, obj.where):
            file_orgs.append((obj, form))
    organizations = set(reader.ids[ORGANIZATION].places) | set(known_organizations)
    contacts = set(reader.ids[CONTACT].places) | set(known_contacts)
    for obj, form in file_orgs:
        cleaned = reader.clean(obj, form, Context())
        if cleaned is not None:
            contents.organizations.append(cleaned)
    for obj in root.objects("missions"):
        entry = _mission(reader, obj, organizations, contacts)
        if entry is not None and reader.ids[MISSION].claim(entry.mission.form.id, obj.where):
            contents.missions.append(entry)
    problems.raise_if_any()
    return contents


def _mission(
    reader: _Reader, obj: _Object, organizations: set[str], contacts: set[str]
) -> MissionEntry | None:
    form = reader.form(obj, MISSION)
    mission = reader.clean(obj, form, Context())
    mission_id = form.id or ""
    home = form.home_timezone if isinstance(form.home_timezone, str) else ""
    context = Context(
        participants=set(),
        organizations=organizations,
        contacts=contacts,
        region=zones.zone_country(home.strip()),
    )
    stop_zones: dict[str, str] = {}
    parts: dict[str, list[Clean[Any]]] = {}
    for key, kind in MISSION_PARTS.items():
        parts[kind] = []
        if kind == MEETING and len(obj.data.get(key) or ()) > MOST_MEETINGS:
            # Checked before reading them: such a mission could not be checked or printed.
            count = len(obj.data[key])
            obj.fail(key, Message("file.too-many-meetings", n=count, most=MOST_MEETINGS))
            continue
        for position, item in enumerate(obj.objects(key)):
            part = reader.form(item, kind, mission_id, position)
            if not reader.ids[kind].claim(part.id, item.where):
                continue
            if kind == MEETING:
                context.stop_zones = stop_zones
                for index, follow_up in enumerate(part.follow_ups):
                    reader.ids[FOLLOW_UP].claim(follow_up.id, f"{item.at('follow_ups')}[{index}]")
            cleaned = reader.clean(item, part, context)
            if kind == PARTICIPANT and part.id:
                assert isinstance(context.participants, set)
                context.participants.add(part.id)
            if kind == STOP and part.id:
                # A stop with problems (already reported) still names its meetings' city.
                stop_zones[part.id] = cleaned.form.timezone if cleaned else ""
            if cleaned is not None:
                parts[kind].append(cleaned)
    if mission is None:
        return None
    return MissionEntry(mission, parts)
