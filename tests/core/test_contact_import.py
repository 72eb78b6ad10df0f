"""Importing organizations and contacts from spreadsheets: the plan, the rules, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from missionplanner import wording
from missionplanner.domain.changes import CONTACT, Changes
from missionplanner.domain.changes import ORGANIZATION as ORGANIZATION_KIND
from missionplanner.domain.forms import ContactForm, OrganizationForm
from missionplanner.domain.rules import email as check_email
from missionplanner.domain.rules import phone as normalize_phone
from missionplanner.errors import FieldErrors, ValidationError
from missionplanner.io.sheets import Sheet, SheetRow, read_sheet
from missionplanner.messages import Message, Words
from missionplanner.progress import Cancelled, Progress
from missionplanner.services import records
from missionplanner.services.contact_import import (
    CITY,
    COUNTRY,
    EMAIL,
    FIRST_NAME,
    LAST_NAME,
    NAME,
    NOTES,
    ORGANIZATION,
    PHONE,
    SECTORS,
    TITLE,
    WEBSITE,
    RowsRejectedError,
    guess_mapping,
    import_contacts,
    mapping_with,
    plan_import,
)
from missionplanner.services.directory import get_organization, list_organizations
from missionplanner.store import kinds
from missionplanner.store.database import Database
from missionplanner.store.database import open_database as open_db
from missionplanner.wording import render

SPANISH = ["Nombre", "Organización", "Ciudad", "País", "Correo electrónico", "Teléfono", "Cargo"]


def write_csv(
    path: Path, rows: list[list[str]], separator: str = ",", encoding: str = "utf-8"
) -> Path:
    def quoted(cell: str) -> str:
        if any(ch in cell for ch in f'{separator}"\n'):
            return '"' + cell.replace('"', '""') + '"'
        return cell

    text = "\r\n".join(separator.join(quoted(c) for c in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def sheet_of(headers: list[str], *rows: list[str]) -> Sheet:
    return Sheet(
        source="test.csv",
        headers=tuple(headers),
        header_line=1,
        rows=tuple(SheetRow(number, tuple(row)) for number, row in enumerate(rows, start=2)),
        encoding="utf-8",
        delimiter=",",
    )


def add_organization(db: Database, name: str, city: str, country: str, *people: str) -> str:
    form = OrganizationForm(
        id=None,
        name=name,
        kind="innovation centre",
        city=city,
        country=country,
        website="https://example.org",
        contacts=[ContactForm(id=None, name=person, title="Director") for person in people],
    )
    return records.save(db, form, None).id


def snapshot(db: Database) -> list[tuple[object, ...]]:
    rows = []
    for row in list_organizations(db):
        detail = get_organization(db, row.id)
        rows.append((detail, row.version))
    return rows


# --- the guess ----------------------------------------------------------------------------


def test_spanish_headers_are_understood() -> None:
    assert guess_mapping(SPANISH) == (NAME, ORGANIZATION, CITY, COUNTRY, EMAIL, PHONE, TITLE)
    assert guess_mapping(["Empresa", "Entidad", "Celular", "Correo", "Sitio web", "Notas"]) == (
        ORGANIZATION,
        None,  # the organization is already taken by the first column
        PHONE,
        EMAIL,
        WEBSITE,
        NOTES,
    )


def test_english_and_crm_headers_are_understood() -> None:
    headers = [
        "Full Name",
        "Company Name",
        "Job Title",
        "E-mail Address",
        "Business Phone",
        "Mailing City",
        "Country/Region",
        "Industry",
    ]
    assert guess_mapping(headers) == (
        NAME,
        ORGANIZATION,
        TITLE,
        EMAIL,
        PHONE,
        CITY,
        COUNTRY,
        SECTORS,
    )
    assert guess_mapping(["Nombre", "Apellidos", "Nombre de la empresa"]) == (
        FIRST_NAME,
        LAST_NAME,
        ORGANIZATION,
    )
    assert guess_mapping(["Whatever", ""]) == (None, None)


def test_mapping_can_be_changed_by_column_name() -> None:
    headers = ["Persona", "Institución", "Correo personal", "Correo trabajo"]
    guessed = guess_mapping(headers)
    assert guessed == (NAME, ORGANIZATION, EMAIL, None)
    changed = mapping_with(headers, guessed, ["correo TRABAJO=email", "Persona=ignore"])
    assert changed == (None, ORGANIZATION, None, EMAIL)
    assert mapping_with(headers, guessed, ["2=notes"])[1] == NOTES
    with pytest.raises(ValidationError, match="no column “Fax”"):
        mapping_with(headers, guessed, ["Fax=phone"])
    with pytest.raises(ValidationError, match="“shoe size” is not a field"):
        mapping_with(headers, guessed, ["Persona=shoe size"])
    with pytest.raises(ValidationError, match="COLUMN=FIELD"):
        mapping_with(headers, guessed, ["Persona"])


def test_a_file_without_an_organization_column_is_refused(db: Database) -> None:
    sheet = sheet_of(["Name", "Email"], ["Cesar Vence", "cvence@investatlanta.com"])
    with pytest.raises(ValidationError, match="no column holds the organization"):
        plan_import(db, sheet)


# --- values -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "region", "expected"),
    [
        ("300 123 4567", "CO", "+57 300 1234567"),
        ("(604) 444-7266", "CO", "+57 604 4447266"),
        ("0057 300 123 4567", "", "+57 300 1234567"),
        ("+1 404 880 4100", "", "+1 404-880-4100"),
        ("+56 2 2354 2000", "CO", "+56 2 2354 2000"),  # its own code wins over the row's
        ("300 123 4567 / 604 444 7266", "CO", "+57 300 1234567 / +57 604 4447266"),
    ],
)
def test_phones_become_international(raw: str, region: str, expected: str) -> None:
    assert normalize_phone(raw, region) == expected


@pytest.mark.parametrize(
    ("raw", "region", "message"),
    [
        ("12345", "CO", "not a valid phone number in Colombia"),
        ("call me", "CO", "not a phone number"),
        ("300 123 4567", "", "no country code"),
    ],
)
def test_bad_phones_are_explained(raw: str, region: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        normalize_phone(raw, region)


@pytest.mark.parametrize(
    "raw", ["juan@", "@rutanmedellin.org", "juan@@x.co", "juan perez@x.co", "a..b@x.co", "a@x"]
)
def test_bad_emails_are_refused(raw: str) -> None:
    with pytest.raises(ValidationError, match="is not a valid e-mail address"):
        check_email(raw)


def test_good_emails_are_tidied() -> None:
    assert check_email("mailto:AFranco@RutaNMedellin.ORG") == "AFranco@rutanmedellin.org"
    assert check_email("josé.núñez@bogotá.gov.co") == "josé.núñez@bogotá.gov.co"


# --- importing ----------------------------------------------------------------------------


def test_spanish_cp1252_semicolon_file_imports(db: Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "contactos.csv",
        [
            SPANISH,
            [
                "Alejandro Franco",
                "Ruta N",
                "Medellín",
                "Colombia",
                "afranco@rutanmedellin.org",
                "(604) 516 7770",
                "Director Ejecutivo",
            ],
            ["Felipe Jaramillo", "ProColombia", "Bogotá", "CO", "", "601 560 0100", "Presidente"],
            ["", "ProColombia", "Bogotá", "", "", "", ""],  # the organization only
        ],
        separator=";",
        encoding="cp1252",
    )
    plan = import_contacts(db, read_sheet(path))
    assert plan.applied and not plan.rejected
    assert plan.count("organizations", "add") == 2
    assert plan.count("contacts", "add") == 2
    rows = {row.name: row for row in list_organizations(db)}
    assert set(rows) == {"Ruta N", "ProColombia"}
    ruta_n = get_organization(db, rows["Ruta N"].id)
    assert (ruta_n.city, ruta_n.country, ruta_n.kind) == ("Medellín", "CO", "other")
    (franco,) = ruta_n.contacts
    assert (franco.name, franco.title, franco.email, franco.phone) == (
        "Alejandro Franco",
        "Director Ejecutivo",
        "afranco@rutanmedellin.org",
        "+57 604 5167770",
    )
    procolombia = get_organization(db, rows["ProColombia"].id)
    assert procolombia.contacts[0].phone == "+57 601 5600100"


def test_xlsx_with_english_headers_imports(db: Database, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Organization", "City", "Country", "Name", "Title", "Phone", "Sector"])
    sheet.append(["Invest Atlanta", "Atlanta", "US", "Cesar Vence", "SBDM", 4048804100, "FDI"])
    sheet.append(["CIC Miami", "Miami", "United States", "", "", "", "Innovation; Real estate"])
    path = tmp_path / "contacts.xlsx"
    workbook.save(path)
    import_contacts(db, read_sheet(path))
    rows = {row.name: row for row in list_organizations(db)}
    atlanta = get_organization(db, rows["Invest Atlanta"].id)
    assert atlanta.contacts[0].phone == "+1 404-880-4100"
    assert get_organization(db, rows["CIC Miami"].id).sectors == ("Innovation", "Real estate")


def test_same_name_and_city_ignoring_case_and_accents_is_updated(db: Database) -> None:
    org_id = add_organization(db, "Ruta N", "Medellín", "CO", "Alejandro Franco")
    before = get_organization(db, org_id)
    sheet = sheet_of(
        ["Organización", "Ciudad", "Sitio web", "Nombre", "Correo", "Sector"],
        ["RUTA N", "MEDELLIN", "https://www.rutanmedellin.org", "ALEJANDRO FRANCO", "", ""],
        ["ruta-n", "medellin", "", "Sin Kit I", "skit@rutanmedellin.org", "Innovation"],
    )
    plan = plan_import(db, sheet)
    assert [(o.action, o.name, o.changes) for o in plan.organizations] == [
        ("update", "Ruta N", ("website", "sectors"))
    ]
    assert [(c.action, c.name) for c in plan.contacts] == [
        ("unchanged", "Alejandro Franco"),
        ("add", "Sin Kit I"),
    ]
    import_contacts(db, sheet)
    assert len(list_organizations(db)) == 1
    after = get_organization(db, org_id)
    assert after.name == "Ruta N"  # the known spelling is kept
    assert after.website == "https://www.rutanmedellin.org"
    assert after.sectors == ("Innovation",)
    assert [c.name for c in after.contacts] == ["Alejandro Franco", "Sin Kit I"]
    # The version rises: an edit dialog opened before the import cannot drop the new contact.
    assert after.version > before.version
    # Empty cells erased nothing.
    assert after.contacts[0].title == "Director"


def test_importing_the_same_file_twice_changes_nothing(db: Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "c.csv",
        [
            ["Name", "Organization", "City", "Country", "Phone"],
            ["Cesar Vence", "Invest Atlanta", "Atlanta", "US", "404 880 4100"],
            ["Manolo Constain", "Invest Pacific", "Cali", "CO", "+57 602 380 0000"],
        ],
    )
    import_contacts(db, read_sheet(path))
    before = snapshot(db)
    second = import_contacts(db, read_sheet(path))
    assert not second.changes_anything
    assert second.count("organizations", "unchanged") == 2
    assert second.count("contacts", "unchanged") == 2
    assert snapshot(db) == before


def test_a_contact_is_found_by_email_too(db: Database) -> None:
    org_id = add_organization(db, "ACI Medellín", "Medellín", "CO")
    sheet = sheet_of(
        ["Organization", "City", "Name", "Email", "Title"],
        ["ACI Medellín", "Medellín", "Sergio Escobar", "sescobar@acimedellin.org", ""],
        ["ACI Medellin", "", "S. Escobar", "SEscobar@acimedellin.org", "Director Ejecutivo"],
    )
    import_contacts(db, sheet)
    (contact,) = get_organization(db, org_id).contacts
    assert (contact.name, contact.title) == ("Sergio Escobar", "Director Ejecutivo")
    # A shared address under another name is another person.
    shared = sheet_of(
        ["Organization", "City", "Name", "Email"],
        ["ACI Medellín", "Medellín", "Ana Ríos", "info@acimedellin.org"],
        ["ACI Medellín", "Medellín", "Luis Mora", "info@acimedellin.org"],
    )
    import_contacts(db, shared)
    names = [c.name for c in get_organization(db, org_id).contacts]
    assert names == ["Sergio Escobar", "Ana Ríos", "Luis Mora"]


def test_rows_of_one_new_organization_make_one(db: Database) -> None:
    sheet = sheet_of(
        ["Empresa", "Ciudad", "Nombre"],
        ["Invest Pacific", "Cali", "Manolo Constain"],
        ["INVEST PACIFIC", "cali", "Ana Gómez"],
        ["Invest Pacífic", "", "Luis Pérez"],
    )
    plan = import_contacts(db, sheet)
    (organization,) = plan.organizations
    assert organization.lines == (2, 3, 4)
    (row,) = list_organizations(db)
    assert row.contact_count == 3


def test_near_duplicates_are_listed_and_can_be_merged(db: Database) -> None:
    globant = add_organization(db, "Globant", "Buenos Aires", "AR")
    add_organization(db, "ProColombia", "Bogotá", "CO")
    sheet = sheet_of(
        ["Organization", "City", "Name"],
        ["Globant S.A.", "Buenos Aires", "Maria Lopez"],
        ["Pro Colombia", "Atlanta", "Juan Ruiz"],
        ["Start-Up Chile", "Santiago", "Rocío Fonseca"],
    )
    plan = plan_import(db, sheet)
    near = {n.name: n for n in plan.near_duplicates}
    assert set(near) == {"Globant S.A.", "Pro Colombia"}
    assert near["Globant S.A."].candidate_ref == globant
    assert near["Globant S.A."].in_directory and not near["Globant S.A."].same
    assert near["Globant S.A."].line == 2
    assert "looks like “Globant”" in render(near["Globant S.A."].describe())
    assert plan.count("organizations", "add") == 3

    decided = {near["Globant S.A."].ref: globant}
    merged = plan_import(db, sheet, same_as=decided)
    assert [n.same for n in merged.near_duplicates if n.name == "Globant S.A."] == [True]
    assert merged.count("organizations", "add") == 2
    import_contacts(db, sheet, same_as=decided)
    assert [c.name for c in get_organization(db, globant).contacts] == ["Maria Lopez"]
    assert len(list_organizations(db)) == 4


def test_a_typo_is_found_among_many_similar_names(db: Database) -> None:
    sheet = sheet_of(
        ["Organization", "City"],
        *[[f"Invest Agency {n}", "Cali"] for n in range(150)],
        ["Invest Pacific S.A.S.", "Cali"],
        ["Invest Pacifc", "Cali"],
    )
    plan = plan_import(db, sheet)
    (near,) = plan.near_duplicates  # numbered names are not taken for typos of each other
    assert near.name == "Invest Pacifc"
    assert near.candidate_name == "Invest Pacific S.A.S."
    assert 0.85 <= near.similarity < 1


def test_near_duplicates_within_the_file(db: Database) -> None:
    sheet = sheet_of(
        ["Organization", "Name"],
        ["Centro de Innovación UC", "A"],
        ["Centro Innovacion UC", "B"],
    )
    plan = plan_import(db, sheet)
    (near,) = plan.near_duplicates
    assert (near.line, near.candidate_ref, near.in_directory) == (3, "new:2", False)
    merged = import_contacts(db, sheet, same_as={near.ref: near.candidate_ref})
    assert merged.count("organizations", "add") == 1
    (row,) = list_organizations(db)
    assert row.contact_count == 2


def test_bad_rows_reject_the_whole_file_with_line_numbers(db: Database, tmp_path: Path) -> None:
    add_organization(db, "Ruta N", "Medellín", "CO", "Alejandro Franco")
    before = snapshot(db)
    path = write_csv(
        tmp_path / "mixed.csv",
        [
            ["Nombre", "Empresa", "Ciudad", "País", "Correo", "Teléfono", "Tipo"],
            ["Ana Gómez", "Ruta N", "Medellín", "CO", "ana@rutanmedellin.org", "", ""],
            ["Luis Pérez", "Invest Pacific", "Cali", "CO", "luis@", "", ""],
            ["Sofía Díaz", "Invest Pacific", "Cali", "CO", "", "12345", ""],
            ["", "", "Cali", "", "", "", ""],
            ["Eva Ríos", "Firma X", "Lima", "Narnia", "", "", "universidad"],
            ["Juan Paz", "Firma Y", "Lima", "PE", "", "", "spaceship"],
            ["", "Firma Z", "Lima", "PE", "z@firmaz.pe", "", ""],
            ["Pedro Ruiz", "Nueva", "Bogotá", "CO", "", "310 555 1234", "empresa"],
        ],
    )
    sheet = read_sheet(path)
    plan = plan_import(db, sheet)
    reasons = {row.line: render(row.message) for row in plan.rejected}
    assert set(reasons) == {3, 4, 5, 6, 7, 8}
    assert "Contact e-mail: “luis@” is not a valid e-mail address" in reasons[3]
    assert "Contact phone: “12345” is not a valid phone number in Colombia" in reasons[4]
    assert "Organization: is required" in reasons[5]
    assert "Country: “Narnia” is not a country" in reasons[6]
    assert "Kind of organization: “spaceship” is not one of" in reasons[7]
    assert "Contact name: is required" in reasons[8]

    with pytest.raises(RowsRejectedError, match="line 3") as caught:
        import_contacts(db, sheet)
    assert len(caught.value.plan.rejected) == 6
    assert snapshot(db) == before  # nothing at all was written

    done = import_contacts(db, sheet, good_rows=True)
    assert done.count("contacts", "add") == 2
    names = {row.name for row in list_organizations(db)}
    assert names == {"Ruta N", "Nueva"}
    nueva = next(row for row in list_organizations(db) if row.name == "Nueva")
    assert nueva.kind == "corporation"


def test_a_row_longer_than_the_header_is_rejected(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "shifted.csv"
    path.write_text(
        "Name,Organization,City\nAna,Ruta N,Medellín\nLuis,Globant, Inc.,Buenos Aires\n",
        encoding="utf-8",
    )
    plan = plan_import(db, read_sheet(path))
    (rejected,) = plan.rejected
    assert rejected.line == 3
    assert "4 cells but the header has 3 columns" in render(rejected.message)


def test_cancelling_keeps_nothing(db: Database) -> None:
    sheet = sheet_of(
        ["Organization", "Name"], *[[f"Organization {n}", f"Person {n}"] for n in range(500)]
    )
    steps: list[str] = []

    def cancelled() -> bool:
        return any(step.startswith("Saving organization 201") for step in steps)

    with pytest.raises(Cancelled):
        import_contacts(db, sheet, progress=Progress(report=steps.append, cancelled=cancelled))
    assert list_organizations(db) == []
    assert any(step.startswith("Saving organization") for step in steps)


def test_default_country_is_the_region_of_bare_phone_numbers(db: Database) -> None:
    sheet = sheet_of(["Organization", "Name", "Phone"], ["Ruta N", "Ana", "300 123 4567"])
    assert "no country code" in render(plan_import(db, sheet).rejected[0].message)
    plan = import_contacts(db, sheet, default_country="Colombia")
    assert not plan.rejected
    (row,) = list_organizations(db)
    assert get_organization(db, row.id).contacts[0].phone == "+57 300 1234567"


def test_an_existing_organizations_country_is_the_phone_region(db: Database) -> None:
    org_id = add_organization(db, "Start-Up Chile", "Santiago", "CL")
    sheet = sheet_of(["Organization", "Name", "Phone"], ["Start-Up Chile", "Rocío", "2 2354 2000"])
    import_contacts(db, sheet)
    assert get_organization(db, org_id).contacts[0].phone == "+56 2 2354 2000"


def test_plan_lines_tell_the_whole_story(db: Database) -> None:
    add_organization(db, "Ruta N", "Medellín", "CO")
    sheet = sheet_of(
        ["Organización", "Ciudad", "Nombre", "Correo"],
        ["Ruta N", "Medellín", "Ana", "ana@"],
        ["Ruta N.", "Medellín", "Luis", ""],
        ["Ruta N", "Medellín", "Eva", "eva@rutanmedellin.org"],
    )
    lines = plan_import(db, sheet).lines()
    assert all(isinstance(line, Message) for line in lines)  # facts; words come later
    text = "\n".join(wording.lines(lines))
    assert "test.csv: CSV, UTF-8, separated by commas; 3 rows." in text
    assert "Organización → Organization" in text
    assert "Organizations: 1 to add, 0 to update, 1 unchanged." in text
    assert "line 2: Contact e-mail: “ana@” is not a valid e-mail address" in text
    assert "line 3: “Ruta N.” (Medellín) looks like “Ruta N” (Medellín, CO)" in text
    assert "add contact “Eva” of “Ruta N”  [line 4]" in text


@pytest.mark.parametrize("make", ["binary", "empty"])
def test_unreadable_files_change_nothing(
    db: Database, tmp_path: Path, make: str, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    add_organization(db, "Ruta N", "Medellín", "CO")
    before = snapshot(db)
    path = tmp_path / "contacts.csv"
    path.write_bytes(bytes(range(256)) * 4 if make == "binary" else b"")
    assert db.path is not None
    code, _out, err = run_cli("import-contacts", str(path), "--db", str(db.path))
    assert code == 2
    assert err.startswith("missionplanner: contacts.csv ")
    assert "Traceback" not in err
    assert snapshot(db) == before


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    from missionplanner.cli import main

    def invoke(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


# --- the command line ---------------------------------------------------------------------


def test_command_line_all_or_nothing_then_good_rows(
    tmp_path: Path, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    db_path = tmp_path / "plan.sqlite"
    path = write_csv(
        tmp_path / "contactos.csv",
        [
            ["Nombre", "Empresa", "Ciudad", "País", "Correo", "Teléfono"],
            ["Ana Gómez", "Ruta N", "Medellín", "Colombia", "ana@rutanmedellin.org", "3001234567"],
            ["Luis Pérez", "Invest Pacific", "Cali", "CO", "luis@", ""],
            ["Eva Ríos", "ProColombia", "Bogotá", "CO", "", "12"],
        ],
        separator=";",
        encoding="cp1252",
    )
    code, out, err = run_cli("--db", str(db_path), "import-contacts", str(path))
    assert code == 2
    assert "line 3: Contact e-mail: “luis@” is not a valid e-mail address" in out
    assert "line 4: Contact phone: “12” is not a valid phone number in Colombia" in out
    assert err.startswith("missionplanner: 2 rows rejected, so nothing was imported.")
    with open_db(db_path) as db:
        assert list_organizations(db) == []

    code, out, err = run_cli("--db", str(db_path), "import-contacts", str(path), "--dry-run")
    assert code == 2 and "Dry run: nothing was changed." in out
    code, out, err = run_cli(
        "--db", str(db_path), "import-contacts", str(path), "--dry-run", "--good-rows"
    )
    assert code == 0 and "Organizations: 1 to add, 0 to update, 0 unchanged." in out
    with open_db(db_path) as db:
        assert list_organizations(db) == []

    code, out, err = run_cli("--db", str(db_path), "import-contacts", str(path), "--good-rows")
    assert code == 0, err
    assert "Organizations: 1 added, 0 updated, 0 unchanged." in out
    assert "Contacts: 1 added, 0 updated, 0 unchanged." in out
    with open_db(db_path) as db:
        (row,) = list_organizations(db)
        assert get_organization(db, row.id).contacts[0].phone == "+57 300 1234567"


def test_command_line_mapping(tmp_path: Path, run_cli: Callable[..., tuple[int, str, str]]) -> None:
    db_path = tmp_path / "plan.sqlite"
    path = write_csv(
        tmp_path / "crm.csv",
        [["Account", "Persona", "Extra"], ["Invest Atlanta", "Cesar Vence", "Atlanta"]],
    )
    code, out, _err = run_cli(
        "--db", str(db_path), "import-contacts", str(path), "--mapping", "Extra=city", "--dry-run"
    )
    assert code == 0
    assert "Extra → City" in out
    assert "add organization “Invest Atlanta” (Atlanta)" in out
    code, _out, err = run_cli(
        "--db", str(db_path), "import-contacts", str(path), "--mapping", "Fax=phone"
    )
    assert code == 2
    assert "missionplanner: the file has no column “Fax”" in err


def test_command_line_export_sheet(
    tmp_path: Path, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    db_path = tmp_path / "plan.sqlite"
    out_path = tmp_path / "meetings.xlsx"
    code, out, err = run_cli(
        "--db", str(db_path), "--demo", "export-sheet", "m-atl-latam-2027", "meetings",
        "-o", str(out_path),
    )  # fmt: skip
    assert code == 0, err
    assert out.startswith("Exported the meetings (")
    assert read_sheet(out_path).headers[:3] == ("City", "Title", "Start (local)")
    code, _out, err = run_cli("--db", str(db_path), "export-sheet", "m-atl-latam-2027", "hotels")
    assert code == 2


def test_the_same_phone_number_written_differently_is_unchanged(db: Database) -> None:
    """A number already known, grouped another way, is not an update (nor rewritten).

    Saved through the dialog road, the number is stored as phonenumbers writes it.
    """
    form = OrganizationForm(
        id=None,
        name="Ruta N",
        kind="innovation centre",
        city="Medellín",
        country="CO",
        contacts=[ContactForm(id=None, name="Alejandro Franco", phone="+57 604 516 7770")],
    )
    org_id = records.save(db, form, None).id
    sheet = sheet_of(
        ["Organización", "Ciudad", "País", "Nombre", "Teléfono"],
        ["Ruta N", "Medellín", "Colombia", "Alejandro Franco", "(604) 516-7770"],
    )
    plan = plan_import(db, sheet)
    assert [(c.action, c.changes) for c in plan.contacts] == [("unchanged", ())]
    assert not plan.changes_anything
    import_contacts(db, sheet)
    assert get_organization(db, org_id).contacts[0].phone == "+57 604 5167770"
    # Another number is still an update.
    other = sheet_of(
        ["Organización", "Ciudad", "País", "Nombre", "Teléfono"],
        ["Ruta N", "Medellín", "Colombia", "Alejandro Franco", "(604) 516-7771"],
    )
    assert [(c.action, c.changes) for c in plan_import(db, other).contacts] == [
        ("update", ("phone",))
    ]


# --- the same rules, the same words, what changed -----------------------------------------


def dialog_errors(db: Database, form: OrganizationForm) -> dict[str, Words]:
    """What the organization dialog's road says of ``form``, field by field."""
    with pytest.raises(FieldErrors) as caught:
        records.save(db, form, None)
    return caught.value.errors


def problem_of(words: Words) -> Words:
    """The rule's own words inside a row's problem ("Organization: <them>")."""
    assert isinstance(words, Message) and words.code == "contacts.field-problem"
    problem: Words = words["problem"]
    return problem


def test_a_row_obeys_the_dialogs_field_rules_with_the_dialogs_words(db: Database) -> None:
    limit = kinds.limit(OrganizationForm, "name")
    assert limit is not None
    long_name = "N" * (limit + 1)
    sheet = sheet_of(
        ["Organization", "Name", "Email"],
        [long_name, "Ana", ""],
        ["Ruta N", "Luis", "luis@"],
        ["N" * limit, "Eva", "eva@example.org"],
    )
    plan = plan_import(db, sheet)
    too_long, bad_email = plan.rejected
    said = dialog_errors(db, OrganizationForm(id=None, name=long_name))
    assert too_long.line == 2
    assert [problem_of(words) for words in too_long.problems] == [said["name"]]
    assert render(too_long.message) == f"line 2: Organization: {render(said['name'])}"
    said = dialog_errors(
        db,
        OrganizationForm(
            id=None, name="Ruta N", contacts=[ContactForm(None, "Luis", email="luis@")]
        ),
    )
    assert bad_email.line == 3
    assert [problem_of(words) for words in bad_email.problems] == [said["contacts[0].email"]]
    # A name exactly at the limit is as welcome as in the dialog.
    assert [o.name for o in plan.organizations] == ["N" * limit]


def test_the_import_says_which_records_it_changed(db: Database) -> None:
    org_id = add_organization(db, "Ruta N", "Medellín", "CO", "Alejandro Franco", "Ana Ríos")
    franco, rios = (c.id for c in get_organization(db, org_id).contacts)
    quiet = add_organization(db, "ProColombia", "Bogotá", "CO", "Felipe Jaramillo")
    sheet = sheet_of(
        ["Organization", "City", "Name", "Title"],
        ["Ruta N", "Medellín", "Alejandro Franco", "Presidente"],  # an update
        ["Ruta N", "Medellín", "Ana Ríos", ""],  # unchanged
        ["ProColombia", "Bogotá", "Felipe Jaramillo", ""],  # unchanged
        ["Invest Pacific", "Cali", "Manolo Constain", ""],  # new
    )
    assert plan_import(db, sheet).changes == Changes()  # a plan changes nothing
    done = import_contacts(db, sheet)
    added = next(row.id for row in list_organizations(db) if row.name == "Invest Pacific")
    (constain,) = (c.id for c in get_organization(db, added).contacts)
    assert done.changes.ids(ORGANIZATION_KIND) == {org_id, added}
    assert done.changes.ids(CONTACT) == {franco, constain}
    assert quiet not in done.changes.ids(ORGANIZATION_KIND) and rios not in done.changes.ids(
        CONTACT
    )
    # Importing it again changes nothing, and says so.
    assert not import_contacts(db, sheet).changes


def test_the_plan_is_codes_that_read_as_english(db: Database) -> None:
    add_organization(db, "Ruta N", "Medellín", "CO", "Alejandro Franco")
    sheet = sheet_of(
        ["Organization", "City", "Name", "Email", "Website"],
        ["Ruta N", "Medellín", "Alejandro Franco", "afranco@rutanmedellin.org", "https://rutan.co"],
        ["Ruta N", "Medellín", "Ana", "ana@"],
    )
    plan = plan_import(db, sheet)
    assert [message.code for message in plan.summary()] == [
        "contacts.plan.organizations",
        "contacts.plan.contacts",
        "contacts.plan.rejected-count",
    ]
    assert plan.summary()[0].values == {"add": 0, "update": 1, "unchanged": 0}
    assert wording.lines(plan.summary()) == [
        "Organizations: 0 to add, 1 to update, 0 unchanged.",
        "Contacts: 0 to add, 1 to update, 0 unchanged.",
        "Rows: 1 of 2 can be imported; 1 is rejected (listed below).",
    ]
    (records_,) = [m for m in plan.lines() if m.code == "contacts.plan.records"]
    assert render(records_).splitlines() == [
        "To add or update (2):",
        "  update organization “Ruta N” (Medellín, CO): website  [line 2]",
        "  update contact “Alejandro Franco” of “Ruta N”: e-mail  [line 2]",
    ]
    done = import_contacts(db, sheet, good_rows=True)
    assert wording.lines(done.summary())[:2] == [
        "Organizations: 0 added, 1 updated, 0 unchanged.",
        "Contacts: 0 added, 1 updated, 0 unchanged.",
    ]
    rejected = next(m for m in done.lines() if m.code == "contacts.done.rejected")
    assert render(rejected).startswith("Rejected rows, not imported (1):\n  line 3: ")
