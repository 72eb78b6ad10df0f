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
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from missionplanner.domain import rules
from missionplanner.domain.enums import OrganizationKind
from missionplanner.domain.places import fold
from missionplanner.errors import ValidationError
from missionplanner.io.sheet_export import is_dangerous
from missionplanner.io.sheets import Sheet, SheetRow
from missionplanner.progress import SILENT, Progress
from missionplanner.store.database import Database
from missionplanner.store.schema import Contact, Organization, new_id, utcnow

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

FIELDS: dict[str, str] = {
    ORGANIZATION: "Organization",
    KIND: "Kind of organization",
    CITY: "City",
    COUNTRY: "Country",
    WEBSITE: "Website",
    SECTORS: "Sectors",
    PROFILE: "Profile",
    NAME: "Contact name",
    FIRST_NAME: "Contact first name",
    LAST_NAME: "Contact last name",
    TITLE: "Contact title",
    EMAIL: "Contact e-mail",
    PHONE: "Contact phone",
    NOTES: "Notes",
}
"""Every field a column can hold, with its label for people, in the order shown."""

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


def field_of(text: str) -> str | None:
    """The field named by ``text`` (its key or label, any case); None for "ignore"."""
    key = _header_key(text)
    if key in ("", "ignore", "ignored", "none", "skip", "nothing", "ignorar", "ninguno"):
        return None
    for name, label in FIELDS.items():
        if key in (_header_key(name), _header_key(label)):
            return name
    allowed = ", ".join(FIELDS)
    raise ValidationError(f"“{text}” is not a field; use one of {allowed} or ignore")


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
    shown = ", ".join(f"“{h}”" for h in headers)
    raise ValidationError(f"the file has no column “{text}”; its columns are {shown}")


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
            raise ValidationError(f"“{pair}” should read COLUMN=FIELD, for example Correo=email")
        column = column_of(headers, column_text)
        target = field_of(field_text)
        if target is not None:
            result = [None if t == target else t for t in result]
        result[column] = target
    return tuple(result)


def check_mapping(mapping: ColumnMapping) -> None:
    """Refuse a mapping without an organization column: every row needs one."""
    if ORGANIZATION not in mapping:
        raise ValidationError(
            "no column holds the organization's name; say which one does (for example "
            "--mapping Empresa=organization)"
        )


# --- the plan -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RejectedRow:
    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class PlannedOrganization:
    """An organization the import adds, updates or finds unchanged.

    ``ref`` is the organization's id when it is known, else ``new:LINE`` (the line of
    its first row), which is how near-duplicate decisions name it.
    """

    ref: str
    action: str  # "add", "update" or "unchanged"
    name: str
    city: str
    country: str
    lines: tuple[int, ...]
    changes: tuple[str, ...] = ()

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.city, self.country) if part)


@dataclass(frozen=True, slots=True)
class PlannedContact:
    action: str  # "add", "update" or "unchanged"
    name: str
    organization: str
    lines: tuple[int, ...]
    changes: tuple[str, ...] = ()


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

    def describe(self) -> str:
        place = f" ({self.city})" if self.city else ""
        where = "already in the directory" if self.in_directory else "earlier in the file"
        other = ", ".join(p for p in (self.candidate_city, self.candidate_country) if p)
        other = f" ({other})" if other else ""
        verdict = " — treated as the same organization" if self.same else ""
        return (
            f"line {self.line}: “{self.name}”{place} looks like “{self.candidate_name}”"
            f"{other}, {where}{verdict}"
        )


@dataclass(frozen=True)
class ImportPlan:
    """What an import does (or did, once ``applied``)."""

    source: str
    described: str
    columns: tuple[tuple[str, str | None], ...]
    row_count: int
    organizations: tuple[PlannedOrganization, ...]
    contacts: tuple[PlannedContact, ...]
    rejected: tuple[RejectedRow, ...]
    near_duplicates: tuple[NearDuplicate, ...]
    applied: bool = False

    def count(self, records: str, action: str) -> int:
        items: Sequence[PlannedOrganization | PlannedContact] = (
            self.organizations if records == "organizations" else self.contacts
        )
        return sum(1 for item in items if item.action == action)

    @property
    def changes_anything(self) -> bool:
        items: list[PlannedOrganization | PlannedContact] = [*self.organizations, *self.contacts]
        return any(item.action != "unchanged" for item in items)

    def summary(self) -> list[str]:
        if self.applied:
            verbs = {"add": "added", "update": "updated", "unchanged": "unchanged"}
        else:
            verbs = {"add": "to add", "update": "to update", "unchanged": "unchanged"}
        lines = []
        for records in ("organizations", "contacts"):
            parts = [f"{self.count(records, action)} {verb}" for action, verb in verbs.items()]
            lines.append(f"{records.capitalize()}: {', '.join(parts)}.")
        if self.rejected:
            lines.append(f"Rejected rows: {len(self.rejected)} of {self.row_count}.")
        return lines

    def lines(self) -> list[str]:
        """The whole plan in words, for the command line."""
        out = [f"{self.source}: {self.described}; {_plural(self.row_count, 'row')}."]
        mapped = [
            f"{header} → {FIELDS[target] if target else '(ignored)'}"
            for header, target in self.columns
        ]
        out.append("Columns: " + "; ".join(mapped) + ".")
        out.extend(self.summary())
        verbs = {"add": "add", "update": "update"}
        for item in self.organizations:
            if item.action in verbs:
                place = f" ({item.place})" if item.place else ""
                changed = f": {', '.join(item.changes)}" if item.action == "update" else ""
                out.append(
                    f"  {verbs[item.action]} organization “{item.name}”{place}{changed}"
                    f"  [{_lines(item.lines)}]"
                )
        for person in self.contacts:
            if person.action in verbs:
                changed = f": {', '.join(person.changes)}" if person.action == "update" else ""
                out.append(
                    f"  {verbs[person.action]} contact “{person.name}” of "
                    f"“{person.organization}”{changed}  [{_lines(person.lines)}]"
                )
        if self.rejected:
            skipped = ", not imported" if self.applied else ""
            out.append(f"Rejected rows{skipped} ({len(self.rejected)}):")
            out.extend(f"  line {row.line}: {row.reason}" for row in self.rejected)
        if self.near_duplicates:
            out.append(
                f"Possible duplicates ({len(self.near_duplicates)}): check whether they are "
                "the same organization; if so, write the name as it is already known."
            )
            out.extend(f"  {near.describe()}" for near in self.near_duplicates)
        return out


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _lines(numbers: Sequence[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    more = f" and {len(numbers) - 10} more" if len(numbers) > 10 else ""
    return f"line{'s' if len(numbers) != 1 else ''} {shown}{more}"


class RowsRejectedError(ValidationError):
    """The file has rejected rows and the caller did not ask for the good rows only."""

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        count = len(plan.rejected)
        first = plan.rejected[0]
        super().__init__(
            f"{plan.source}: {_plural(count, 'row')} cannot be imported (the first, line "
            f"{first.line}: {first.reason}), so nothing was imported. Correct the file, or "
            "choose to import only the good rows."
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


def _kind(text: str) -> str:
    found = _KINDS.get(" ".join(re.sub(r"[^\w]+", " ", fold(text)).split()))
    if found is None:
        allowed = ", ".join(kind.value for kind in OrganizationKind)
        raise ValidationError(
            f"kind “{text}” is not one of {allowed} (or map that column to nothing)"
        )
    return found


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
    existing_id: str | None
    name: str
    title: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""
    lines: list[int] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)


@dataclass
class _OrgWork:
    known: _Known
    existing_id: str | None
    name: str
    kind: str = ""
    city: str = ""
    country: str = ""
    website: str = ""
    profile: str = ""
    sectors: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    contacts: list[_ContactWork] = field(default_factory=list)
    by_name: dict[str, _ContactWork] = field(default_factory=dict)
    by_email: dict[str, _ContactWork] = field(default_factory=dict)
    next_position: int = 0

    def note_change(self, label: str) -> None:
        if self.existing_id is not None and label not in self.changes:
            self.changes.append(label)


def _same_surname(one: str, other: str) -> bool:
    """Whether two ways of writing a name share a word longer than an initial."""
    words = {word for word in re.sub(r"[^\w]+", " ", fold(one)).split() if len(word) > 2}
    return any(word in words for word in re.sub(r"[^\w]+", " ", fold(other)).split())


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
                self.progress.step(f"Checking row {number + 1} of {len(self.sheet.rows)}…")
            problems: list[str] = []
            values = self._values(row, problems)
            if values is not None:
                self._row(row.line, values, problems)
            if problems:
                self.rejected.append(RejectedRow(row.line, "; ".join(problems)))

    def _values(self, row: SheetRow, problems: list[str]) -> dict[str, str] | None:
        width = len(self.mapping)
        extra = [cell for cell in row.cells[width:] if cell.strip()]
        if extra:
            problems.append(
                f"the row has {len(row.cells)} cells but the header has {width} columns "
                "(a separator inside a value that is not in quotes?)"
            )
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

    def _row(self, line: int, values: dict[str, str], problems: list[str]) -> None:
        get = values.get
        org_name = " ".join(get(ORGANIZATION, "").split())
        person = " ".join((get(NAME, "") or f"{get(FIRST_NAME, '')} {get(LAST_NAME, '')}").split())
        if not org_name:
            problems.append("no organization name")
        city = " ".join(get(CITY, "").split())
        country = kind = email = ""
        try:
            country = rules.country(get(COUNTRY, ""))
        except ValidationError as error:
            problems.append(str(error.message))
        try:
            kind = _kind(get(KIND, "")) if get(KIND) else ""
        except ValidationError as error:
            problems.append(str(error.message))
        try:
            email = rules.email(get(EMAIL, ""))
        except ValidationError as error:
            problems.append(str(error.message))
        if not person and any(get(name) for name in _CONTACT_FIELDS):
            problems.append("the row has a contact's title, e-mail or phone but no contact name")
        target = self._match(org_name, city) if org_name else None
        phone = ""
        if get(PHONE):
            region = country or (target.country if target else "") or self.default_country
            try:
                phone = rules.phone(get(PHONE, ""), region)
            except ValidationError as error:
                problems.append(str(error.message))
        if problems:
            return
        work = self._organization(line, org_name, city, target)
        work.lines.append(line)
        self._fill_organization(work, values, kind, country, has_contact=bool(person))
        if person:
            self._contact(work, line, person, values, email, phone)

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
        ref = known.ref
        while ref in self.resolved:
            ref = self.resolved[ref]
        return self.known[ref]

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
                    raise ValidationError(
                        f"the organization chosen as the same as “{name}” (line {line}) is no "
                        "longer there; review the import again"
                    )
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
            stored = self.directory[known.ref]
            work = _OrgWork(
                known=known,
                existing_id=known.ref,
                name=stored["name"],
                kind=stored["kind"],
                city=stored["city"],
                country=stored["country"],
                website=stored["website"],
                profile=stored["profile"],
                sectors=list(stored["sectors"] or []),
                next_position=self.positions.get(known.ref, 0),
            )
            for contact in self.contacts.get(known.ref, ()):
                person = _ContactWork(
                    existing_id=contact["id"],
                    name=contact["name"],
                    title=contact["title"],
                    email=contact["email"],
                    phone=contact["phone"],
                    notes=contact["notes"],
                )
                work.by_name.setdefault(fold(person.name), person)
                if person.email:
                    work.by_email.setdefault(person.email.casefold(), person)
        else:
            work = _OrgWork(known=known, existing_id=None, name=known.name, city=known.city)
        self.works[known.ref] = work
        return work

    def _fill_organization(
        self, work: _OrgWork, values: dict[str, str], kind: str, country: str, has_contact: bool
    ) -> None:
        def put(attribute: str, label: str, value: str) -> None:
            if value and getattr(work, attribute) != value:
                setattr(work, attribute, value)
                work.note_change(label)

        if not work.city:
            put("city", "city", " ".join(values.get(CITY, "").split()))
            work.known.city, work.known.folded_city = work.city, fold(work.city)
        put("kind", "kind", kind)
        put("country", "country", country)
        work.known.country = work.country
        put("website", "website", values.get(WEBSITE, ""))
        profile = values.get(PROFILE, "") or ("" if has_contact else values.get(NOTES, ""))
        put("profile", "profile", profile)
        # Sectors add up: the file's are joined to those already known.
        known = {fold(sector) for sector in work.sectors}
        for sector in _SECTOR_SPLIT.split(values.get(SECTORS, "")):
            if sector and fold(sector) not in known:
                known.add(fold(sector))
                work.sectors.append(sector)
                work.note_change("sectors")

    # --- contacts ------------------------------------------------------------------------

    def _contact(
        self,
        work: _OrgWork,
        line: int,
        name: str,
        values: dict[str, str],
        email: str,
        phone: str,
    ) -> None:
        person = work.by_name.get(fold(name))
        if person is None and email:
            # The same address under a shortened name ("S. Escobar") is the same person;
            # a shared address (info@…) under another name is not.
            same_email = work.by_email.get(email.casefold())
            if same_email is not None and _same_surname(same_email.name, name):
                person = same_email
        if person is None:
            person = _ContactWork(existing_id=None, name=name)
            work.contacts.append(person)
            work.by_name[fold(name)] = person
        elif person not in work.contacts:
            work.contacts.append(person)
        person.lines.append(line)
        for attribute, label, value in (
            ("title", "title", " ".join(values.get(TITLE, "").split())),
            ("email", "e-mail", email),
            ("phone", "phone", phone),
            ("notes", "notes", values.get(NOTES, "")),
        ):
            if value and getattr(person, attribute) != value:
                if attribute == "phone" and rules.same_phones(person.phone, value):
                    continue  # the known number, grouped another way: keep it as written
                setattr(person, attribute, value)
                if person.existing_id is not None and label not in person.changes:
                    person.changes.append(label)
        if person.email:
            work.by_email.setdefault(person.email.casefold(), person)

    # --- the result ----------------------------------------------------------------------

    def plan(self) -> ImportPlan:
        organizations = []
        contacts = []
        for work in self.works.values():
            if work.existing_id is None:
                action = "add"
            else:
                action = "update" if work.changes else "unchanged"
            organizations.append(
                PlannedOrganization(
                    ref=work.existing_id or work.known.ref,
                    action=action,
                    name=work.name,
                    city=work.city,
                    country=work.country,
                    lines=tuple(work.lines),
                    changes=tuple(work.changes),
                )
            )
            for person in work.contacts:
                if person.existing_id is None:
                    person_action = "add"
                else:
                    person_action = "update" if person.changes else "unchanged"
                contacts.append(
                    PlannedContact(
                        action=person_action,
                        name=person.name,
                        organization=work.name,
                        lines=tuple(person.lines),
                        changes=tuple(person.changes),
                    )
                )
        return ImportPlan(
            source=self.sheet.source,
            described=str(self.sheet.describe()),
            columns=tuple(zip(self.sheet.headers, self.mapping, strict=False)),
            row_count=len(self.sheet.rows),
            organizations=tuple(organizations),
            contacts=tuple(contacts),
            rejected=tuple(self.rejected),
            near_duplicates=tuple(self.near),
        )


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
        raise ValidationError(f"“{unknown[0]}” is not a field; use one of {', '.join(FIELDS)}")
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
    inside the unit of work, so it reflects the directory at that moment.
    """
    with db.writing() as session:
        planner = _plan(session, sheet, mapping, same_as, default_country, progress)
        plan = planner.plan()
        if plan.rejected and not good_rows:
            raise RowsRejectedError(plan)
        _write(session, planner, progress)
        progress.step("Saving…")
    return ImportPlan(
        source=plan.source,
        described=plan.described,
        columns=plan.columns,
        row_count=plan.row_count,
        organizations=plan.organizations,
        contacts=plan.contacts,
        rejected=plan.rejected,
        near_duplicates=plan.near_duplicates,
        applied=True,
    )


def _write(session: Session, planner: _Planner, progress: Progress) -> None:
    works = list(planner.works.values())
    for number, work in enumerate(works):
        if number % 200 == 0:
            progress.step(f"Saving organization {number + 1} of {len(works)}…")
        if work.existing_id is None:
            organization = Organization(id=new_id(), name=work.name)
            session.add(organization)
            position = 0
        else:
            organization = session.get_one(Organization, work.existing_id)
            position = work.next_position
        if work.existing_id is None or work.changes:
            organization.kind = work.kind or organization.kind or OrganizationKind.OTHER.value
            organization.city, organization.country = work.city, work.country
            organization.website, organization.profile = work.website, work.profile
            organization.sectors = list(work.sectors)
        elif any(p.existing_id is None or p.changes for p in work.contacts):
            # Its contacts are part of the organization: an edit dialog opened before the
            # import must be refused (stale) rather than drop the imported contacts.
            organization.updated_at = utcnow()
        for person in work.contacts:
            if person.existing_id is None:
                contact = Contact(id=new_id(), organization_id=organization.id, position=position)
                position += 1
                session.add(contact)
            elif person.changes:
                contact = session.get_one(Contact, person.existing_id)
            else:
                continue
            contact.name, contact.title = person.name, person.title
            contact.email, contact.phone, contact.notes = person.email, person.phone, person.notes
    session.flush()
