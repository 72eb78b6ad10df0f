"""Importing organizations and contacts from a spreadsheet, with a plan shown first.

The steps a person goes through, each a function here:

1. :func:`guess_mapping` says which column holds which field, from headers in English
   or Spanish ("Nombre", "Empresa", "Correo electrónico", "Teléfono"…); the person may
   change it (:func:`mapping_with`).
2. :func:`plan_import` is a dry run: what would be added, updated or left unchanged,
   which rows are rejected (with their line numbers and why), and which new
   organizations look like ones already known (near-duplicates) for the person to decide.
3. :func:`import_contacts` does it, in one unit of work: a file with rejected rows
   imports nothing unless the caller asks for the good rows; cancelling rolls back.

Rules: each row is an organization and, optionally, one of its contacts. An organization
with the same name and city as a known one (ignoring case and accents) is that one, and
is updated rather than duplicated; so is a contact with the same name (or e-mail) in the
same organization. Empty cells never erase what is known. Phone numbers are stored in
international format (the row's country is the default region); e-mails are checked.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from missionplanner.domain import rules
from missionplanner.domain.changes import CONTACT, Changes
from missionplanner.domain.changes import ORGANIZATION as ORGANIZATION_KIND
from missionplanner.domain.enums import OrganizationKind
from missionplanner.domain.forms import ContactForm, OrganizationForm
from missionplanner.domain.places import fold
from missionplanner.errors import FieldErrors, ValidationError
from missionplanner.io.sheet_export import is_dangerous
from missionplanner.io.sheets import Sheet, SheetRow
from missionplanner.messages import Message, Words
from missionplanner.progress import SILENT, Progress
from missionplanner.store import kinds
from missionplanner.store.database import Database
from missionplanner.store.schema import (
    Contact,
    Meeting,
    MeetingContact,
    MeetingOrganization,
    Organization,
    new_id,
    utcnow,
)
from missionplanner.wording import render

# --- fields and the guess ---------------------------------------------------------------

ORGANIZATION = "organization"
KIND = "kind"
CITY = "city"
COUNTRY = "country"
WEBSITE = "website"
SECTORS = "sectors"
PROFILE = "profile"
NAME = "name"
FIRST_NAME = "first_name"
LAST_NAME = "last_name"
TITLE = "title"
EMAIL = "email"
PHONE = "phone"
NOTES = "notes"

FIELDS: tuple[str, ...] = (
    ORGANIZATION,
    KIND,
    CITY,
    COUNTRY,
    WEBSITE,
    SECTORS,
    PROFILE,
    NAME,
    FIRST_NAME,
    LAST_NAME,
    TITLE,
    EMAIL,
    PHONE,
    NOTES,
)
"""Every field a column can hold, in the order shown (:func:`field_label` names each)."""


def field_label(name: str) -> Message:
    """The name of a field for people ("Contact e-mail")."""
    return Message(f"contacts.field.{name}")


ColumnMapping = tuple[str | None, ...]
"""One entry per column of the sheet: the field it holds, or None to ignore it."""

# Whole headers, folded (see _header_key), and the field they mean.
_EXACT: dict[str, str] = {
    "nombre": NAME,
    "name": NAME,
    "full name": NAME,
    "nombre completo": NAME,
    "contact": NAME,
    "contacto": NAME,
    "nombre del contacto": NAME,
    "contact name": NAME,
    "first name": FIRST_NAME,
    "given name": FIRST_NAME,
    "nombres": FIRST_NAME,
    "primer nombre": FIRST_NAME,
    "last name": LAST_NAME,
    "family name": LAST_NAME,
    "surname": LAST_NAME,
    "apellido": LAST_NAME,
    "apellidos": LAST_NAME,
    "title": TITLE,
    "job title": TITLE,
    "cargo": TITLE,
    "puesto": TITLE,
    "position": TITLE,
    "role": TITLE,
    "rol": TITLE,
    "email": EMAIL,
    "e mail": EMAIL,
    "mail": EMAIL,
    "correo": EMAIL,
    "correo electronico": EMAIL,
    "phone": PHONE,
    "telefono": PHONE,
    "tel": PHONE,
    "celular": PHONE,
    "movil": PHONE,
    "mobile": PHONE,
    "whatsapp": PHONE,
    "website": WEBSITE,
    "web": WEBSITE,
    "sitio web": WEBSITE,
    "pagina web": WEBSITE,
    "url": WEBSITE,
    "city": CITY,
    "ciudad": CITY,
    "country": COUNTRY,
    "pais": COUNTRY,
    "sector": SECTORS,
    "sectors": SECTORS,
    "sectores": SECTORS,
    "industry": SECTORS,
    "industria": SECTORS,
    "kind": KIND,
    "type": KIND,
    "tipo": KIND,
    "notes": NOTES,
    "notas": NOTES,
    "profile": PROFILE,
    "perfil": PROFILE,
    "description": PROFILE,
    "descripcion": PROFILE,
    "organization": ORGANIZATION,
    "organisation": ORGANIZATION,
    "organizacion": ORGANIZATION,
    "empresa": ORGANIZATION,
    "entidad": ORGANIZATION,
    "company": ORGANIZATION,
}

# Words (or phrases) found inside a longer header, tried in this order: "Teléfono de la
# empresa" is a phone, "Nombre de la empresa" an organization, "Tipo de entidad" a kind.
_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (KIND, ("tipo", "type", "kind", "categoria", "category")),
    (EMAIL, ("email", "e mail", "correo", "mail")),
    (PHONE, ("phone", "telefono", "tel", "celular", "movil", "mobile", "cell", "whatsapp")),
    (WEBSITE, ("website", "web", "sitio", "url", "homepage", "pagina")),
    (CITY, ("city", "ciudad", "town", "municipio")),
    (COUNTRY, ("country", "pais")),
    (SECTORS, ("sector", "sectors", "sectores", "industry", "industria")),
    (LAST_NAME, ("apellido", "apellidos", "surname", "last name", "family name")),
    (FIRST_NAME, ("first name", "given name", "primer nombre", "nombres")),
    (TITLE, ("title", "cargo", "puesto", "position", "job", "rol", "role", "titulo")),
    (
        ORGANIZATION,
        (
            "organization",
            "organisation",
            "organizacion",
            "company",
            "empresa",
            "entidad",
            "institucion",
            "institution",
            "compania",
            "account",
            "employer",
            "razon social",
        ),
    ),
    (NOTES, ("notes", "note", "notas", "nota", "comments", "comentarios", "observaciones")),
    (PROFILE, ("description", "descripcion", "profile", "perfil", "about")),
    (NAME, ("name", "nombre", "contact", "contacto", "persona", "person")),
)


def _header_key(header: str) -> str:
    return " ".join(re.sub(r"[^\w]+|_", " ", fold(header)).split())


def _guess_one(header: str) -> str | None:
    key = _header_key(header)
    if not key:
        return None
    exact = _EXACT.get(key)
    if exact:
        return exact
    padded = f" {key} "
    for target, words in _WORDS:
        if any(f" {word} " in padded for word in words):
            return target
    return None


def guess_mapping(headers: Sequence[str]) -> ColumnMapping:
    """The field each column most likely holds; a field goes to its first column only."""
    taken: set[str] = set()
    guessed: list[str | None] = []
    for header in headers:
        target = _guess_one(header)
        if target in taken:
            target = None
        if target:
            taken.add(target)
        guessed.append(target)
    # "Nombre" next to "Apellido" is a first name.
    if NAME in taken and LAST_NAME in taken and FIRST_NAME not in taken:
        guessed = [FIRST_NAME if target == NAME else target for target in guessed]
    return tuple(guessed)


# What a message quotes from a file or a command line: a header or value of any length
# would make a line of megabytes, so each is cut to a few dozen characters and a long
# list of columns is counted rather than named.
SHOWN_CHARS = 40
SHOWN_COLUMNS = 30


def clipped(text: str) -> str:
    """``text`` on one line, cut to :data:`SHOWN_CHARS` characters ("Nombre compl…")."""
    text = " ".join(text[: SHOWN_CHARS * 4].split())
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def field_of(text: str) -> str | None:
    """The field named by ``text`` (its key or label, any case); None for "ignore"."""
    key = _header_key(text)
    if key in ("", "ignore", "ignored", "none", "skip", "nothing", "ignorar", "ninguno"):
        return None
    for name in FIELDS:
        if key in (_header_key(name), _header_key(render(field_label(name)))):
            return name
    raise ValidationError(
        Message("contacts.not-a-field", value=clipped(text), allowed=list(FIELDS))
    )


def column_of(headers: Sequence[str], text: str) -> int:
    """The column named ``text``: its header (case and accents ignored) or its number."""
    for index, header in enumerate(headers):
        if header == text:
            return index
    wanted = fold(text.strip())
    for index, header in enumerate(headers):
        if fold(header.strip()) == wanted:
            return index
    if text.strip().isdigit() and 1 <= int(text) <= len(headers):
        return int(text) - 1
    shown = [clipped(header) for header in headers[:SHOWN_COLUMNS]]
    if len(headers) > SHOWN_COLUMNS:
        raise ValidationError(
            Message(
                "contacts.no-column-more",
                value=clipped(text),
                columns=shown,
                more=len(headers) - SHOWN_COLUMNS,
            )
        )
    raise ValidationError(Message("contacts.no-column", value=clipped(text), columns=shown))


def mapping_with(
    headers: Sequence[str], base: ColumnMapping, pairs: Iterable[str]
) -> ColumnMapping:
    """``base`` changed by ``COLUMN=field`` pairs (``field`` empty or "ignore" to ignore).

    A field given to a column is taken away from any other column that had it.
    """
    result = list(base)
    for pair in pairs:
        column_text, sep, field_text = pair.rpartition("=")
        if not sep or not column_text.strip():
            raise ValidationError(Message("contacts.not-a-pair", value=clipped(pair)))
        column = column_of(headers, column_text)
        target = field_of(field_text)
        if target is not None:
            result = [None if t == target else t for t in result]
        result[column] = target
    return tuple(result)


def check_mapping(mapping: ColumnMapping) -> None:
    """Refuse a mapping without an organization column: every row needs one."""
    if ORGANIZATION not in mapping:
        raise ValidationError(Message("contacts.no-organization-column"))


# --- the plan -----------------------------------------------------------------------------

ADD = "add"
UPDATE = "update"
UNCHANGED = "unchanged"
# At most this many line numbers are named for one record ("lines 2, 3 … and 4 more").
SHOWN_LINES = 10


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A row that cannot be imported, with each of its problems."""

    line: int
    problems: tuple[Words, ...]

    @property
    def message(self) -> Message:
        """ "line 4: Contact e-mail: “luis@” is not a valid e-mail address" """
        return Message("contacts.rejected-row", line=self.line, problems=list(self.problems))


@dataclass(frozen=True, slots=True)
class PlannedOrganization:
    """An organization the import adds, updates or finds unchanged.

    ``ref`` is the organization's id when it is known, else ``new:LINE`` (the line of
    its first row), which is how near-duplicate decisions name it. ``changes`` names the
    fields of :class:`OrganizationForm` an update changes.
    """

    ref: str
    action: str  # ADD, UPDATE or UNCHANGED
    name: str
    city: str
    country: str
    lines: tuple[int, ...]
    changes: tuple[str, ...] = ()

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.city, self.country) if part)

    @property
    def called(self) -> Message:
        """ "“Ruta N” (Medellín, CO)" """
        return _called(self.name, self.city, self.country)


@dataclass(frozen=True, slots=True)
class PlannedContact:
    """A contact the import adds, updates or finds unchanged (``changes``: fields of
    :class:`ContactForm`)."""

    action: str  # ADD, UPDATE or UNCHANGED
    name: str
    organization: str
    lines: tuple[int, ...]
    changes: tuple[str, ...] = ()


def _called(name: str, *place: str) -> Message:
    where = [part for part in place if part]
    if where:
        return Message("contacts.named-in", name=name, place=where)
    return Message("contacts.named", name=name)


def changed_fields(changes: Sequence[str]) -> list[Message]:
    """What an update changes, for people ("website", "e-mail")."""
    return [Message(f"contacts.changed.{name}") for name in changes]


def line_numbers(numbers: Sequence[int]) -> Message:
    """ "line 4", "lines 2, 3", "lines 1, … 10 and 5 more" """
    shown = list(numbers[:SHOWN_LINES])
    if len(numbers) > SHOWN_LINES:
        return Message("contacts.plan.lines-more", lines=shown, more=len(numbers) - SHOWN_LINES)
    return Message("contacts.plan.lines", lines=shown)


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    """A new organization whose name is close to one already known.

    ``same`` says whether the plan treats it as ``candidate_ref`` (as decided through
    ``same_as``); otherwise it is added as a separate organization.
    """

    ref: str
    name: str
    city: str
    line: int
    candidate_ref: str
    candidate_name: str
    candidate_city: str
    candidate_country: str
    in_directory: bool
    similarity: float
    same: bool = False

    @property
    def candidate_place(self) -> str:
        return ", ".join(p for p in (self.candidate_city, self.candidate_country) if p)

    def describe(self) -> Message:
        """ "line 3: “Ruta N.” (Medellín) looks like “Ruta N” (Medellín, CO), …" """
        where = "contacts.in-directory" if self.in_directory else "contacts.earlier-in-file"
        return Message(
            "contacts.near-same" if self.same else "contacts.near",
            line=self.line,
            new=_called(self.name, self.city),
            known=_called(self.candidate_name, self.candidate_city, self.candidate_country),
            where=Message(where),
        )


@dataclass(frozen=True)
class ImportPlan:
    """What an import does (or did, once ``applied``; ``changes`` then names the
    organizations and contacts it added or updated)."""

    source: str
    described: Words
    columns: tuple[tuple[str, str | None], ...]
    row_count: int
    organizations: tuple[PlannedOrganization, ...]
    contacts: tuple[PlannedContact, ...]
    rejected: tuple[RejectedRow, ...]
    near_duplicates: tuple[NearDuplicate, ...]
    applied: bool = False
    changes: Changes = Changes()  # noqa: RUF009 - frozen, so shared safely

    def count(self, records: str, action: str) -> int:
        items: Sequence[PlannedOrganization | PlannedContact] = (
            self.organizations if records == "organizations" else self.contacts
        )
        return sum(1 for item in items if item.action == action)

    @property
    def changes_anything(self) -> bool:
        items: list[PlannedOrganization | PlannedContact] = [*self.organizations, *self.contacts]
        return any(item.action != UNCHANGED for item in items)

    def summary(self) -> list[Message]:
        """How many records are (or were) added, updated and unchanged; rows rejected."""
        tense = "done" if self.applied else "plan"
        out = [
            Message(
                f"contacts.{tense}.{records}",
                add=self.count(records, ADD),
                update=self.count(records, UPDATE),
                unchanged=self.count(records, UNCHANGED),
            )
            for records in ("organizations", "contacts")
        ]
        if self.rejected:
            # Good rows first: this line stands above the records to add, which must not
            # read as the rejected ones.
            out.append(
                Message(
                    f"contacts.{tense}.rejected-count",
                    good=self.row_count - len(self.rejected),
                    n=len(self.rejected),
                    total=self.row_count,
                )
            )
        return out

    def records(self) -> list[Message]:
        """Each organization and contact added or updated, with its lines."""
        out = []
        for item in self.organizations:
            if item.action in (ADD, UPDATE):
                out.append(
                    Message(
                        f"contacts.plan.{item.action}-organization",
                        organization=item.called,
                        changes=changed_fields(item.changes),
                        lines=line_numbers(item.lines),
                    )
                )
        for person in self.contacts:
            if person.action in (ADD, UPDATE):
                out.append(
                    Message(
                        f"contacts.plan.{person.action}-contact",
                        name=person.name,
                        organization=person.organization,
                        changes=changed_fields(person.changes),
                        lines=line_numbers(person.lines),
                    )
                )
        return out

    def lines(self) -> list[Message]:
        """The whole plan, one message a paragraph, for the command line."""
        out = [
            Message(
                "contacts.plan.source",
                source=self.source,
                described=self.described,
                n=self.row_count,
            )
        ]
        # Every column that holds a field, and the first ignored ones up to a few dozen.
        ignored = 0
        mapped: list[Message] = []
        for header, target in self.columns:
            if target is None and len(mapped) >= SHOWN_COLUMNS:
                ignored += 1
                continue
            label = field_label(target) if target else Message("contacts.plan.ignored")
            mapped.append(Message("contacts.plan.column", header=clipped(header), field=label))
        if ignored:
            out.append(Message("contacts.plan.columns-more", columns=mapped, more=ignored))
        else:
            out.append(Message("contacts.plan.columns", columns=mapped))
        out.extend(self.summary())
        records = self.records()
        if records:
            tense = "done" if self.applied else "plan"
            out.append(Message(f"contacts.{tense}.records", n=len(records), items=records))
        if self.rejected:
            out.append(
                Message(
                    "contacts.done.rejected" if self.applied else "contacts.plan.rejected",
                    n=len(self.rejected),
                    rows=[row.message for row in self.rejected],
                )
            )
        if self.near_duplicates:
            out.append(
                Message(
                    "contacts.plan.near",
                    n=len(self.near_duplicates),
                    rows=[near.describe() for near in self.near_duplicates],
                )
            )
        return out


class RowsRejectedError(ValidationError):
    """The file has rejected rows and the caller did not ask for the good rows only."""

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        first = plan.rejected[0]
        super().__init__(
            Message(
                "contacts.rows-rejected",
                source=plan.source,
                n=len(plan.rejected),
                line=first.line,
                problems=list(first.problems),
            )
        )


# --- checking values ----------------------------------------------------------------------

_SECTOR_SPLIT = re.compile(r"\s*[;,|]\s*")
_CONTACT_FIELDS = (TITLE, EMAIL, PHONE)

_KINDS: dict[str, str] = {
    **{fold(kind.value): kind.value for kind in OrganizationKind},
    "innovation center": OrganizationKind.INNOVATION_CENTRE.value,
    "centro de innovacion": OrganizationKind.INNOVATION_CENTRE.value,
    "aceleradora": OrganizationKind.ACCELERATOR.value,
    "incubadora": OrganizationKind.ACCELERATOR.value,
    "universidad": OrganizationKind.UNIVERSITY.value,
    "government": OrganizationKind.GOVERNMENT.value,
    "trade office": OrganizationKind.GOVERNMENT.value,
    "gobierno": OrganizationKind.GOVERNMENT.value,
    "entidad publica": OrganizationKind.GOVERNMENT.value,
    "oficina comercial": OrganizationKind.GOVERNMENT.value,
    "agencia de inversion": OrganizationKind.INVESTMENT_AGENCY.value,
    "agencia de promocion": OrganizationKind.INVESTMENT_AGENCY.value,
    "company": OrganizationKind.CORPORATION.value,
    "empresa": OrganizationKind.CORPORATION.value,
    "corporacion": OrganizationKind.CORPORATION.value,
    "compania": OrganizationKind.CORPORATION.value,
    "emprendimiento": OrganizationKind.STARTUP.value,
    "inversionista": OrganizationKind.INVESTOR.value,
    "inversor": OrganizationKind.INVESTOR.value,
    "fondo": OrganizationKind.INVESTOR.value,
    "evento": OrganizationKind.EVENT.value,
    "chamber": OrganizationKind.CHAMBER.value,
    "association": OrganizationKind.CHAMBER.value,
    "camara": OrganizationKind.CHAMBER.value,
    "camara de comercio": OrganizationKind.CHAMBER.value,
    "asociacion": OrganizationKind.CHAMBER.value,
    "gremio": OrganizationKind.CHAMBER.value,
    "otro": OrganizationKind.OTHER.value,
    "otra": OrganizationKind.OTHER.value,
}


def _kind_value(text: str) -> str:
    """The kind a cell names, in English or Spanish; an unknown one is left as written
    (for the kind's rule to refuse)."""
    return _KINDS.get(" ".join(re.sub(r"[^\w]+", " ", fold(text)).split()), text)


# --- near-duplicates ----------------------------------------------------------------------

# A legal form at the end of a name: "S.A.S.", "S.A.", "Ltda.", "Inc.", "Co., Ltd."…
_LEGAL_TAIL = re.compile(
    r"[\s,]+(?:s\.?\s?a\.?\s?s\.?|s\.?\s?a\.?|s\.?\s?r\.?\s?l\.?|s\.?\s?p\.?\s?a\.?"
    r"|e\.?\s?s\.?\s?p\.?|b\.?\s?v\.?|ltda\.?|ltd\.?|limited|inc\.?|incorporated"
    r"|l\.?\s?l\.?\s?c\.?|corp\.?|corporation|co\.?|gmbh|plc|ag)\s*$"
)
_DIGITS = re.compile(r"\d+")
_STOP = {"de", "del", "la", "las", "los", "el", "the", "of", "and", "y", "for", "para", "en"}
NEAR_RATIO = 0.85
MAX_CANDIDATES = 3
# A key shared by more organizations than this ("group", "colombia") tells nothing apart.
BLOCK_CAP = 100
# Organizations compared closely with each new one: those sharing the most keys with it.
CLOSE_LOOKS = 25


def _words(name: str) -> list[str]:
    """The words of a name that tell it apart: folded, without a legal form at the end
    ("S.A.S.", "Inc.") or little words ("de", "the"), unless nothing else is left."""
    text = fold(name)
    while True:
        shorter = _LEGAL_TAIL.sub("", text)
        if shorter == text or not shorter.strip():
            break
        text = shorter
    words = re.sub(r"[^\w]+|_", " ", text).split()
    return [word for word in words if word not in _STOP] or words


def _compact(name: str) -> str:
    return "".join(_words(name))


@dataclass
class _Known:
    """An organization someone may match: in the directory, or new from the file."""

    ref: str
    name: str
    city: str
    country: str
    in_directory: bool
    folded_name: str = ""
    folded_city: str = ""
    compact: str = ""

    def __post_init__(self) -> None:
        self.folded_name = fold(self.name)
        self.folded_city = fold(self.city)
        self.compact = _compact(self.name)


class _NearIndex:
    """Finds known organizations with close names without comparing against all of them.

    Names that differ only in case, accents, spacing, punctuation, legal forms or little
    words are found at once; others through shared words, word beginnings and name
    beginnings or endings (keys too common to tell anything apart are skipped), and
    only the few sharing the most keys are compared letter by letter.
    """

    def __init__(self) -> None:
        self._blocks: dict[str, list[_Known]] = defaultdict(list)
        self._same: dict[str, list[_Known]] = defaultdict(list)

    @staticmethod
    def _keys(known: _Known) -> set[str]:
        keys: set[str] = set()
        for word in _words(known.name):
            if len(word) >= 3:
                keys.add(f"w:{word}")
            if len(word) >= 5:
                keys.add(f"p:{word[:4]}")
        if len(known.compact) >= 5:
            keys.update((f"s:{known.compact[:5]}", f"e:{known.compact[-5:]}"))
        return keys

    def add(self, known: _Known) -> None:
        self._same[known.compact].append(known)
        for key in self._keys(known):
            block = self._blocks[key]
            if len(block) <= BLOCK_CAP:  # one past the cap marks it as too common
                block.append(known)

    def near(self, new: _Known) -> list[tuple[float, _Known]]:
        found: dict[str, tuple[float, _Known]] = {
            other.ref: (1.0, other) for other in self._same.get(new.compact, ())
        }
        hits: Counter[str] = Counter()
        others: dict[str, _Known] = {}
        for key in self._keys(new):
            block = self._blocks.get(key, ())
            if len(block) > BLOCK_CAP:
                continue
            for other in block:
                hits[other.ref] += 1
                others[other.ref] = other
        for ref, _count in hits.most_common(CLOSE_LOOKS):
            if ref in found or ref == new.ref:
                continue
            if _DIGITS.findall(new.compact) != _DIGITS.findall(others[ref].compact):
                continue  # "Zona Franca 2" and "Zona Franca 3" are two places
            matcher = difflib.SequenceMatcher(None, new.compact, others[ref].compact)
            if matcher.real_quick_ratio() < NEAR_RATIO or matcher.quick_ratio() < NEAR_RATIO:
                continue
            score = matcher.ratio()
            if score >= NEAR_RATIO:
                found[ref] = (score, others[ref])
        ranked = sorted(
            found.values(), key=lambda pair: (-pair[0], pair[1].folded_name, pair[1].ref)
        )
        return ranked[:MAX_CANDIDATES]


# --- planning -----------------------------------------------------------------------------


@dataclass
class _ContactWork:
    """A contact as the import leaves it (its form) and what the plan knows of it."""

    form: ContactForm
    existing: bool
    lines: list[int] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # fields of the form


@dataclass
class _OrgWork:
    """An organization as the import leaves it (its form, without its contacts, which
    are the work rows in ``contacts``) and what the plan knows of it."""

    known: _Known
    form: OrganizationForm
    existing: bool
    lines: list[int] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # fields of the form
    # The contacts the file names, in the order met.
    contacts: list[_ContactWork] = field(default_factory=list)
    by_name: dict[str, _ContactWork] = field(default_factory=dict)
    by_email: dict[str, _ContactWork] = field(default_factory=dict)
    next_position: int = 0

    def note_change(self, name: str) -> None:
        if self.existing and name not in self.changes:
            self.changes.append(name)


# Which column a field of a row's forms comes from, to name it in a problem.
_ORGANIZATION_COLUMNS = {
    "name": ORGANIZATION,
    "kind": KIND,
    "city": CITY,
    "country": COUNTRY,
    "website": WEBSITE,
    "profile": PROFILE,
    "sectors": SECTORS,
}
_CONTACT_COLUMNS = {"name": NAME, "title": TITLE, "email": EMAIL, "phone": PHONE, "notes": NOTES}


def _same_surname(one: str, other: str) -> bool:
    """Whether two ways of writing a name share a word longer than an initial."""
    words = {word for word in re.sub(r"[^\w]+", " ", fold(one)).split() if len(word) > 2}
    return any(word in words for word in re.sub(r"[^\w]+", " ", fold(other)).split())


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _Planner:
    def __init__(
        self,
        session: Session,
        sheet: Sheet,
        mapping: ColumnMapping,
        same_as: Mapping[str, str],
        default_country: str,
        progress: Progress,
    ) -> None:
        self.sheet = sheet
        self.mapping = mapping
        self.same_as = dict(same_as)
        self.default_country = default_country
        self.progress = progress
        self.rejected: list[RejectedRow] = []
        self.near: list[NearDuplicate] = []
        self.works: dict[str, _OrgWork] = {}  # by ref, in the order first met
        self.by_name: dict[str, list[_Known]] = defaultdict(list)
        self.index = _NearIndex()
        self.resolved: dict[str, str] = {}  # a "new:LINE" ref merged into another ref
        self.known: dict[str, _Known] = {}
        self.directory: dict[str, dict[str, Any]] = {}
        self._load(session)

    # The directory as it is now: organizations and their contacts, plain values.
    def _load(self, session: Session) -> None:
        org = Organization.__table__.c
        for row in session.execute(
            select(
                org.id,
                org.name,
                org.kind,
                org.city,
                org.country,
                org.website,
                org.profile,
                org.sectors,
            )
        ).mappings():
            known = _Known(row["id"], row["name"], row["city"], row["country"], True)
            self.known[known.ref] = known
            self.directory[known.ref] = dict(row)
            self.by_name[known.folded_name].append(known)
            self.index.add(known)
        self.contacts: dict[str, list[dict[str, Any]]] = defaultdict(list)
        contact = Contact.__table__.c
        for row in session.execute(
            select(
                contact.id,
                contact.organization_id,
                contact.name,
                contact.title,
                contact.email,
                contact.phone,
                contact.notes,
                contact.position,
            ).order_by(contact.organization_id, contact.position)
        ).mappings():
            self.contacts[row["organization_id"]].append(dict(row))
        self.positions: dict[str, int] = {
            org_id: (highest or 0) + 1
            for org_id, highest in session.execute(
                select(contact.organization_id, func.max(contact.position)).group_by(
                    contact.organization_id
                )
            )
        }

    def run(self) -> None:
        check_mapping(self.mapping)
        for number, row in enumerate(self.sheet.rows):
            if number % 200 == 0:
                self.progress.step(
                    Message("contacts.checking-row", row=number + 1, total=len(self.sheet.rows))
                )
            problems: list[Words] = []
            values = self._values(row, problems)
            if values is not None:
                self._row(row.line, values, problems)
            if problems:
                self.rejected.append(RejectedRow(row.line, tuple(problems)))

    def _values(self, row: SheetRow, problems: list[Words]) -> dict[str, str] | None:
        width = len(self.mapping)
        extra = [cell for cell in row.cells[width:] if cell.strip()]
        if extra:
            problems.append(Message("contacts.extra-cells", cells=len(row.cells), columns=width))
            return None
        values: dict[str, str] = {}
        for column, target in enumerate(self.mapping):
            if target is not None:
                value = row.cell(column).strip()
                # A value our own export protected from running as a formula ('+57 …).
                if value.startswith("'") and is_dangerous(value[1:]):
                    value = value[1:].strip()
                values[target] = value
        return values

    def _row_form(self, values: dict[str, str]) -> OrganizationForm:
        """The row as the records it describes, before any rule is applied."""
        get = values.get
        person = _one_line(get(NAME, "") or f"{get(FIRST_NAME, '')} {get(LAST_NAME, '')}")
        has_contact = bool(person) or any(get(name) for name in _CONTACT_FIELDS)
        contacts = []
        if has_contact:
            contacts.append(
                ContactForm(
                    id=None,
                    name=person,
                    title=_one_line(get(TITLE, "")),
                    email=get(EMAIL, ""),
                    phone=get(PHONE, ""),
                    notes=get(NOTES, ""),
                )
            )
        return OrganizationForm(
            id=None,
            name=_one_line(get(ORGANIZATION, "")),
            kind=_kind_value(get(KIND, "")),
            city=_one_line(get(CITY, "")),
            country=get(COUNTRY, ""),
            website=get(WEBSITE, ""),
            # Notes without a contact are about the organization.
            profile=get(PROFILE, "") or ("" if has_contact else get(NOTES, "")),
            sectors=[sector for sector in _SECTOR_SPLIT.split(get(SECTORS, "")) if sector],
            contacts=contacts,
        )

    def _row(self, line: int, values: dict[str, str], problems: list[Words]) -> None:
        written = self._row_form(values)
        target = self._match(written.name, written.city) if written.name else None
        region = (target.country if target else "") or self.default_country
        try:
            # The same rules as the organization dialog and mission files.
            row = kinds.clean(written, kinds.Context(region=region)).form
        except FieldErrors as error:
            problems.extend(
                Message("contacts.field-problem", field=field_label(column), problem=words)
                for name, words in error.errors.items()
                if (column := self._column_of(name, values))
            )
            return
        work = self._organization(line, row.name, row.city, target)
        work.lines.append(line)
        self._fill_organization(work, row, bool(values.get(KIND)))
        if row.contacts:
            self._contact(work, line, row.contacts[0])

    @staticmethod
    def _column_of(name: str, values: dict[str, str]) -> str:
        """The column a field error of a row's forms is about ("contacts[0].email": email)."""
        if name.startswith("contacts["):
            return _CONTACT_COLUMNS.get(name.rpartition(".")[2], NAME)
        if name == "profile" and not values.get(PROFILE):
            return NOTES
        return _ORGANIZATION_COLUMNS.get(name, ORGANIZATION)

    # --- organizations -------------------------------------------------------------------

    def _match(self, name: str, city: str) -> _Known | None:
        """The organization a row names: same name and city, or the only one of that name
        when one of the two has no city."""
        same_name = self.by_name.get(fold(name), [])
        folded_city = fold(city)
        for known in same_name:
            if known.folded_city == folded_city:
                return self._final(known)
        loose = [k for k in same_name if not k.folded_city or not folded_city]
        if len(loose) == 1:
            return self._final(loose[0])
        return None

    def _final(self, known: _Known) -> _Known:
        return self.known[self._final_ref(known.ref)]

    def _organization(self, line: int, name: str, city: str, target: _Known | None) -> _OrgWork:
        if target is None:
            new = _Known(f"new:{line}", name, city, "", False)
            candidates = self.index.near(new)
            chosen = self.same_as.get(new.ref)
            for score, other in candidates:
                other = self._final(other)
                self.near.append(
                    NearDuplicate(
                        ref=new.ref,
                        name=name,
                        city=city,
                        line=line,
                        candidate_ref=other.ref,
                        candidate_name=other.name,
                        candidate_city=other.city,
                        candidate_country=other.country,
                        in_directory=other.in_directory,
                        similarity=round(score, 3),
                        same=chosen is not None and self._final_ref(chosen) == other.ref,
                    )
                )
            if chosen is not None:
                if self._final_ref(chosen) not in self.known:
                    raise ValidationError(Message("contacts.chosen-gone", name=name, line=line))
                target = self.known[self._final_ref(chosen)]
                self.resolved[new.ref] = target.ref
                # Later rows with this name and city go to the same organization.
                self.by_name[new.folded_name].append(new)
                self.known[new.ref] = new
            else:
                target = new
                self.known[new.ref] = new
                self.by_name[new.folded_name].append(new)
                self.index.add(new)
        return self._work(target)

    def _final_ref(self, ref: str) -> str:
        while ref in self.resolved:
            ref = self.resolved[ref]
        return ref

    def _work(self, known: _Known) -> _OrgWork:
        work = self.works.get(known.ref)
        if work is not None:
            return work
        if known.in_directory:
            form: OrganizationForm = kinds.form_of(ORGANIZATION_KIND, self.directory[known.ref])
            work = _OrgWork(known, form, True, next_position=self.positions.get(known.ref, 0))
            for row in self.contacts.get(known.ref, ()):
                person = _ContactWork(kinds.form_of(CONTACT, row), existing=True)
                work.by_name.setdefault(fold(person.form.name), person)
                if person.form.email:
                    work.by_email.setdefault(person.form.email.casefold(), person)
        else:
            form = OrganizationForm(id=None, name=known.name, city=known.city)
            work = _OrgWork(known, form, False)
        self.works[known.ref] = work
        return work

    def _fill_organization(self, work: _OrgWork, row: OrganizationForm, has_kind: bool) -> None:
        """What the row says of its organization; an empty cell erases nothing."""
        form = work.form

        def put(name: str, value: str) -> None:
            if value and getattr(form, name) != value:
                setattr(form, name, value)
                work.note_change(name)

        if not form.city:
            put("city", row.city)
            work.known.city, work.known.folded_city = form.city, fold(form.city)
        if has_kind:
            put("kind", row.kind)
        put("country", row.country)
        work.known.country = form.country
        put("website", row.website)
        put("profile", row.profile)
        # Sectors add up: the file's are joined to those already known.
        known = {fold(sector) for sector in form.sectors}
        for sector in row.sectors:
            if fold(sector) not in known:
                known.add(fold(sector))
                form.sectors.append(sector)
                work.note_change("sectors")

    # --- contacts ------------------------------------------------------------------------

    def _contact(self, work: _OrgWork, line: int, row: ContactForm) -> None:
        name, email = row.name, row.email
        person = work.by_name.get(fold(name))
        if person is None and email:
            # The same address under a shortened name ("S. Escobar") is the same person;
            # a shared address (info@…) under another name is not.
            same_email = work.by_email.get(email.casefold())
            if same_email is not None and _same_surname(same_email.form.name, name):
                person = same_email
        if person is None:
            person = _ContactWork(ContactForm(id=None, name=name), existing=False)
            work.contacts.append(person)
            work.by_name[fold(name)] = person
        elif person not in work.contacts:
            work.contacts.append(person)
        person.lines.append(line)
        form = person.form
        for attribute in ("title", "email", "phone", "notes"):
            value = getattr(row, attribute)
            if value and getattr(form, attribute) != value:
                if attribute == "phone" and rules.same_phones(form.phone, value):
                    continue  # the known number, grouped another way: keep it as written
                setattr(form, attribute, value)
                if person.existing and attribute not in person.changes:
                    person.changes.append(attribute)
        if form.email:
            work.by_email.setdefault(form.email.casefold(), person)

    # --- the result ----------------------------------------------------------------------

    def plan(self) -> ImportPlan:
        organizations = []
        contacts = []
        for work in self.works.values():
            action = _action(work.existing, work.changes)
            organizations.append(
                PlannedOrganization(
                    ref=work.form.id if work.existing and work.form.id else work.known.ref,
                    action=action,
                    name=work.form.name,
                    city=work.form.city,
                    country=work.form.country,
                    lines=tuple(work.lines),
                    changes=tuple(work.changes),
                )
            )
            for person in work.contacts:
                contacts.append(
                    PlannedContact(
                        action=_action(person.existing, person.changes),
                        name=person.form.name,
                        organization=work.form.name,
                        lines=tuple(person.lines),
                        changes=tuple(person.changes),
                    )
                )
        return ImportPlan(
            source=self.sheet.source,
            described=self.sheet.describe(),
            columns=tuple(zip(self.sheet.headers, self.mapping, strict=False)),
            row_count=len(self.sheet.rows),
            organizations=tuple(organizations),
            contacts=tuple(contacts),
            rejected=tuple(self.rejected),
            near_duplicates=tuple(self.near),
        )


def _action(existing: bool, changes: Sequence[str]) -> str:
    if not existing:
        return ADD
    return UPDATE if changes else UNCHANGED


def _plan(
    session: Session,
    sheet: Sheet,
    mapping: ColumnMapping | None,
    same_as: Mapping[str, str] | None,
    default_country: str,
    progress: Progress,
) -> _Planner:
    if mapping is None:
        mapping = guess_mapping(sheet.headers)
    mapping = tuple(mapping[: len(sheet.headers)]) + (None,) * (len(sheet.headers) - len(mapping))
    unknown = [target for target in mapping if target is not None and target not in FIELDS]
    if unknown:
        raise ValidationError(
            Message("contacts.not-a-field", value=unknown[0], allowed=list(FIELDS))
        )
    country = ""
    if default_country:
        country = rules.country(default_country)
    planner = _Planner(session, sheet, mapping, same_as or {}, country, progress)
    planner.run()
    return planner


def plan_import(
    db: Database,
    sheet: Sheet,
    mapping: ColumnMapping | None = None,
    *,
    same_as: Mapping[str, str] | None = None,
    default_country: str = "",
    progress: Progress = SILENT,
) -> ImportPlan:
    """What importing ``sheet`` would do; nothing is written.

    ``mapping`` gives each column's field (default: :func:`guess_mapping`); ``same_as``
    maps a near-duplicate's ``ref`` to the ``candidate_ref`` the person says it is;
    ``default_country`` is the region of phone numbers on rows without a country.
    """
    with db.reading() as session:
        return _plan(session, sheet, mapping, same_as, default_country, progress).plan()


def import_contacts(
    db: Database,
    sheet: Sheet,
    mapping: ColumnMapping | None = None,
    *,
    same_as: Mapping[str, str] | None = None,
    good_rows: bool = False,
    default_country: str = "",
    progress: Progress = SILENT,
) -> ImportPlan:
    """Import ``sheet`` in one unit of work and return what was done.

    With rejected rows and ``good_rows`` false, nothing is written and
    :class:`RowsRejectedError` (carrying the plan) is raised. The plan is made again
    inside the unit of work, so it reflects the directory at that moment. The result's
    ``changes`` names every organization and contact added or updated.
    """
    with db.writing() as session:
        planner = _plan(session, sheet, mapping, same_as, default_country, progress)
        plan = planner.plan()
        if plan.rejected and not good_rows:
            raise RowsRejectedError(plan)
        changes = _write(session, planner, progress)
        progress.step(Message("import.saving"))
    return replace(plan, applied=True, changes=changes)


def _write(session: Session, planner: _Planner, progress: Progress) -> Changes:
    """Write the plan's records, valid by their forms' rules; what was changed."""
    touched: list[tuple[str, str]] = []
    known_ids: list[str] = []  # organizations and contacts that meetings may name
    works = list(planner.works.values())
    for number, work in enumerate(works):
        if number % 200 == 0:
            progress.step(Message("contacts.saving-organization", row=number + 1, total=len(works)))
        people = [p for p in work.contacts if not p.existing or p.changes]
        if work.existing and not work.changes and not people:
            continue
        if not work.existing:
            work.form.id = new_id()
        org_id = work.form.id
        assert org_id is not None
        row = kinds.columns(kinds.Clean(work.form))
        if work.existing:
            organization = session.get_one(Organization, org_id)
            # Its contacts are part of the organization: an edit dialog opened before the
            # import must be refused (stale) rather than drop the imported contacts.
            organization.updated_at = utcnow()
            known_ids.append(org_id)
        else:
            organization = Organization(id=org_id)
            session.add(organization)
        for name, value in row.items():
            if name != "id":
                setattr(organization, name, value)
        touched.append((ORGANIZATION_KIND, org_id))
        position = work.next_position
        for person in people:
            if person.existing:
                assert person.form.id is not None
                contact = session.get_one(Contact, person.form.id)
                known_ids.append(person.form.id)
                values = kinds.columns(kinds.Clean(person.form))
            else:
                person.form.id = new_id()
                contact = Contact(id=person.form.id)
                session.add(contact)
                values = kinds.columns(
                    kinds.Clean(person.form), organization_id=org_id, position=position
                )
                position += 1
            for name, value in values.items():
                if name != "id":
                    setattr(contact, name, value)
            touched.append((CONTACT, person.form.id))
    session.flush()
    return Changes.many(touched, _missions_naming(session, known_ids))


def _missions_naming(session: Session, ids: list[str]) -> list[str]:
    """The missions whose meetings name these organizations or contacts (their
    documents show them)."""
    if not ids:
        return []
    by_organization = (
        select(Meeting.mission_id)
        .join(MeetingOrganization, MeetingOrganization.meeting_id == Meeting.id)
        .where(MeetingOrganization.organization_id.in_(ids))
    )
    by_contact = (
        select(Meeting.mission_id)
        .join(MeetingContact, MeetingContact.meeting_id == Meeting.id)
        .where(MeetingContact.contact_id.in_(ids))
    )
    return sorted(set(session.scalars(by_organization.union(by_contact))))
