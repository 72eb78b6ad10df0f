"""docs/mission-file.md tells the truth about the records a mission file holds.

Trip organizers and IT people write mission files from that document alone. Its tables
are read here and compared with the record descriptions the parser itself reads, so a
field added to a record (or a limit changed in the database) without the document
following fails with the key named.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

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
from missionplanner.domain.forms import MISSION_PARTS, FieldInfo, Kind
from missionplanner.io.parse import FILE_KEYS
from missionplanner.store import kinds

DOC = Path(__file__).resolve().parents[2] / "docs" / "mission-file.md"

# The document's heading of each record kind's table.
SECTIONS = {
    ORGANIZATION: "Organization",
    CONTACT: "Contact",
    MISSION: "Mission",
    PARTICIPANT: "Participant",
    STOP: "Stop",
    TRAVEL: "Travel segment",
    MEETING: "Meeting",
    FOLLOW_UP: "Follow-up",
}
COLUMNS = ["key", "type", "required", "default", "notes"]
# How the "type" column names each kind of field; {of} is the record kind named.
TYPE_NAMES = {
    Kind.ID: "id",
    Kind.TEXT: "text",
    Kind.LONG_TEXT: "long text",
    Kind.CHOICE: "vocabulary",
    Kind.ZONE: "zone",
    Kind.COUNTRY: "country",
    Kind.EMAIL: "e-mail",
    Kind.PHONE: "phone",
    Kind.DATE: "date",
    Kind.LOCAL_TIME: "local time",
    Kind.FLAG: "`true` or `false`",
    Kind.TEXTS: "list of texts",
    Kind.REF: "{of} id",
    Kind.REFS: "list of {of} ids",
}
# Kinds whose value is text limited by its column: the notes must give that limit.
LIMITED = {Kind.ID, Kind.REF, Kind.TEXT, Kind.LONG_TEXT, Kind.EMAIL, Kind.PHONE}
LENGTH = re.compile(r"at most ([\d,]+) characters")


@dataclass(frozen=True, slots=True)
class Row:
    type: str
    required: str
    default: str
    notes: str


def table_after(heading: str) -> dict[str, Row]:
    """The first table under ``heading``, by key; fails naming the heading if absent."""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    assert heading in lines, f"{DOC.name} has no heading {heading!r}"
    rows: list[list[str]] = []
    for line in lines[lines.index(heading) + 1 :]:
        if line.startswith("#"):
            break
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif rows:
            break
    assert rows, f"{DOC.name}, {heading!r}: no table"
    header, _rule, *body = rows
    assert header == COLUMNS, f"{DOC.name}, {heading!r}: columns are {header}, not {COLUMNS}"
    table: dict[str, Row] = {}
    for cells in body:
        assert len(cells) == len(COLUMNS), f"{DOC.name}, {heading!r}: bad row {cells}"
        key = cells[0].strip("`")
        assert key not in table, f"{DOC.name}, {heading!r}: `{key}` has two rows"
        table[key] = Row(*cells[1:])
    return table


def documented(kind: str) -> dict[str, Row]:
    return table_after(f"### {SECTIONS[kind]}")


def fields_by_key(kind: str) -> dict[str, FieldInfo]:
    """The described fields of a kind by file key, those with a row in the document.

    A key without a row is reported once, by the test of the keys.
    """
    rows = documented(kind)
    return {
        key: info
        for info in kinds.binding(kind).fields
        if (key := info.file_key) is not None and key in rows
    }


def expected_keys(kind: str) -> set[str]:
    # A mission also holds its parts, which are records of their own.
    extra = set(MISSION_PARTS) if kind == MISSION else set()
    return set(kinds.file_keys(kind)) | extra


def required_in_file(kind: str, info: FieldInfo) -> bool:
    # The parser asks every record for its id, except a follow-up, whose id is derived
    # from its meeting and place when left out.
    return info.spec.required or (info.spec.kind is Kind.ID and kind != FOLLOW_UP)


def stated_limit(notes: str) -> int | None:
    found = LENGTH.findall(notes)
    assert len(found) <= 1, f"two lengths in {notes!r}"
    return int(found[0].replace(",", "")) if found else None


def form_default(kind: str, name: str) -> Any:
    for item in dataclasses.fields(kinds.binding(kind).form):
        if item.name == name:
            return item.default
    raise AssertionError(name)


@pytest.mark.parametrize("kind", list(SECTIONS))
def test_every_key_the_parser_accepts_is_documented(kind: str) -> None:
    table = documented(kind)
    missing = sorted(expected_keys(kind) - set(table))
    extra = sorted(set(table) - expected_keys(kind))
    assert not missing, (
        f"{DOC.name}, {SECTIONS[kind]}: mission-file key(s) {missing} of a {kind} "
        "have no row in its table"
    )
    assert not extra, (
        f"{DOC.name}, {SECTIONS[kind]}: row(s) {extra} are not keys of a {kind} "
        "in a mission file (the parser refuses them)"
    )


@pytest.mark.parametrize("kind", list(SECTIONS))
def test_required_flags_match(kind: str) -> None:
    table = documented(kind)
    fields = fields_by_key(kind)
    for key, row in table.items():
        info = fields.get(key)
        required = info is not None and required_in_file(kind, info)
        assert row.required == ("yes" if required else "no"), (
            f"{DOC.name}, {SECTIONS[kind]}: `{key}` is documented as required "
            f"{row.required!r} but is {'required' if required else 'optional'}"
        )
        if required:
            assert not row.default, f"{SECTIONS[kind]}: required `{key}` has a default"


@pytest.mark.parametrize("kind", list(SECTIONS))
def test_types_match(kind: str) -> None:
    table = documented(kind)
    for key, info in fields_by_key(kind).items():
        spec = info.spec
        if spec.kind is Kind.CHILDREN:
            wanted = rf"list of \[[^\]]+\]\(#{re.escape(spec.of)}\)"
        else:
            wanted = re.escape(TYPE_NAMES[spec.kind].format(of=spec.of))
        assert re.fullmatch(wanted, table[key].type), (
            f"{DOC.name}, {SECTIONS[kind]}: `{key}` is documented as {table[key].type!r}, "
            f"but holds a {spec.kind.value}"
        )


@pytest.mark.parametrize("kind", list(SECTIONS))
def test_maximum_lengths_match_the_columns(kind: str) -> None:
    table = documented(kind)
    bound = kinds.binding(kind)
    for key, info in fields_by_key(kind).items():
        if info.spec.kind in LIMITED:
            # Without a column limit a text is held to the rules' limit for long texts.
            wanted: int | None = bound.limit(info.name) or rules.LONG_TEXT_LIMIT
        elif info.spec.kind is Kind.TEXTS:
            wanted = kinds.LIST_ITEM_LIMIT
        else:
            wanted = None  # lengths of codes, zones and vocabularies would only confuse
        assert stated_limit(table[key].notes) == wanted, (
            f"{DOC.name}, {SECTIONS[kind]}: `{key}` holds at most {wanted} characters, "
            f"the notes say {table[key].notes!r}"
        )


@pytest.mark.parametrize("kind", list(SECTIONS))
def test_vocabularies_and_defaults_match(kind: str) -> None:
    table = documented(kind)
    for key, info in fields_by_key(kind).items():
        row = table[key]
        if info.spec.vocabulary is not None:
            allowed = re.findall(r'`"([^"]*)"`', row.notes)
            values = [member.value for member in info.spec.vocabulary]
            assert allowed == values, (
                f"{DOC.name}, {SECTIONS[kind]}: `{key}` lists {allowed}, the values are {values}"
            )
        default = form_default(kind, info.name)
        if isinstance(default, str) and default:
            assert row.default == f'`"{default}"`', (
                f"{DOC.name}, {SECTIONS[kind]}: `{key}` defaults to {default!r}, "
                f"the document says {row.default!r}"
            )


def test_top_level_keys_are_documented() -> None:
    table = table_after("## The format, field by field")
    assert set(table) == set(FILE_KEYS)
    assert table["format"].required == "yes"


def test_every_record_kind_has_a_table() -> None:
    assert set(SECTIONS) == set(kinds.BINDINGS)
