"""Hostile spreadsheets given to contact import: each is refused in one line, nothing changes.

Every file is made here, small on disk; the ones that would be huge in memory only say
so (a zip part declaring gigabytes), so the refusal proves the limit is checked before
the file is read.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from missionplanner.io.sheet_limits import MAX_COLUMNS, MAX_ROWS, MEGABYTE
from missionplanner.services.directory import list_organizations
from missionplanner.store.database import open_database

GOOD = "Empresa,Nombre,Ciudad\r\nRuta N,Ana Gómez,Medellín\r\n"


def declare_size(data: bytes, part: str, size: int) -> bytes:
    """``data`` (a zip) with ``part`` declaring ``size`` unpacked bytes in its directory."""
    wanted = part.encode()
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        (length,) = struct.unpack_from("<H", data, at + 28)
        if data[at + 46 : at + 46 + length] == wanted:
            return data[: at + 24] + struct.pack("<I", size) + data[at + 28 :]
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"no part {part}")


def workbook_bytes(rows: list[list[str]], tmp_path: Path) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    path = tmp_path / "made.xlsx"
    book.save(path)
    return path.read_bytes()


def zip_bomb(tmp_path: Path) -> bytes:
    """A workbook whose shared strings would unpack to 2 GB (here they are a few bytes)."""
    workbook_bytes([["Empresa", "Nombre"], ["Ruta N", "Ana"]], tmp_path)
    with zipfile.ZipFile(tmp_path / "made.xlsx", "a") as archive:
        archive.writestr(
            "xl/sharedStrings.xml",
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            "<si><t>Ruta N</t></si></sst>",
        )
    data = (tmp_path / "made.xlsx").read_bytes()
    return declare_size(data, "xl/sharedStrings.xml", 2_000_000_000)


def wide_empty_row(tmp_path: Path) -> bytes:
    """A row of 20,000 empty cells: a few bytes each unpacked, hundreds each once read."""
    workbook_bytes([["Empresa", "Nombre"], ["Ruta N", "Ana"]], tmp_path)
    crafted = tmp_path / "crafted.xlsx"
    with (
        zipfile.ZipFile(tmp_path / "made.xlsx") as source,
        zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                row = '<row r="3">' + "<c/>" * 20_000 + "</row>"
                data = text.replace("</sheetData>", row + "</sheetData>").encode()
            archive.writestr(info.filename, data)
    return crafted.read_bytes()


def word_document(tmp_path: Path) -> bytes:
    path = tmp_path / "made.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return path.read_bytes()


def wide_csv(columns: int) -> bytes:
    header = ",".join(f"Columna {n}" for n in range(columns))
    return f"{header}\r\n{','.join('x' for _ in range(columns))}\r\n".encode()


def mixed_encoding() -> bytes:
    lines = [
        b"Empresa,Nombre,Ciudad\r\n",
        "Ruta N,Ana Gómez,Bogotá\r\n".encode(),
        "Invest Pacific,Luis Pérez,Cali\r\n".encode("cp1252"),
        "ProColombia,Eva Ríos,Medellín\r\n".encode(),
        "ACI,Sergio Niño,Medellín\r\n".encode("cp1252"),
    ]
    return b"".join(lines)


def nul_late() -> bytes:
    text = GOOD.encode() + b"".join(f"Org {n},Persona {n},Cali\r\n".encode() for n in range(400))
    assert len(text) > 5001
    return text[:5000] + b"\x00" + text[5001:]


def many_rows() -> bytes:
    rows = "".join(f"Org {n},P {n}\r\n" for n in range(MAX_ROWS + 1))
    return f"Empresa,Nombre\r\n{rows}".encode()


Maker = Callable[[Path], bytes]

HOSTILE: list[tuple[str, str, Maker, list[str]]] = [
    (
        "zip-bomb",
        "contactos.xlsx",
        zip_bomb,
        ["unpacks to 1908 MB", "more than the 100 MB a workbook may hold"],
    ),
    (
        "row of countless empty cells",
        "vacio.xlsx",
        wide_empty_row,
        [f"line 3 has more than {MAX_COLUMNS} columns"],
    ),
    (
        "100,000 columns",
        "ancho.csv",
        lambda _tmp: wide_csv(100_000),
        [f"line 1 has more than {MAX_COLUMNS} columns"],
    ),
    (
        "a million columns",
        "enorme.csv",
        lambda _tmp: b"a," * 1_000_000 + b"a\r\n",
        [f"line 1 has more than {MAX_COLUMNS} columns"],
    ),
    (
        "xlsx too wide",
        "ancho.xlsx",
        lambda tmp: workbook_bytes([[f"C{n}" for n in range(MAX_COLUMNS + 1)]], tmp),
        [f"line 1 has more than {MAX_COLUMNS} columns"],
    ),
    (
        "too many rows",
        "largo.csv",
        lambda _tmp: many_rows(),
        [f"more than {MAX_ROWS:,} rows"],
    ),
    (
        "cell too long",
        "celda.csv",
        lambda _tmp: f"Empresa,Notas\r\nRuta N,{'x' * 20_000}\r\n".encode(),
        ["a cell on line 2 is longer than 10,000 characters"],
    ),
    (
        "cell too long in a workbook",
        "celda.xlsx",
        lambda tmp: workbook_bytes([["Empresa", "Notas"], ["Ruta N", "x" * 20_000]], tmp),
        ["a cell on line 2 is longer than 10,000 characters"],
    ),
    (
        "HTML named .xls",
        "export.xls",
        lambda _tmp: b"<html><body><table><tr><td>Empresa</td></tr></table></body></html>",
        ["is an HTML page, not a spreadsheet"],
    ),
    (
        "PDF",
        "contactos.csv",
        lambda _tmp: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        ["is a PDF document, not a spreadsheet"],
    ),
    (
        "Word document named .xlsx",
        "contactos.xlsx",
        word_document,
        ["is a Word document, not a spreadsheet"],
    ),
    (
        "mixed encodings",
        "mezcla.csv",
        lambda _tmp: mixed_encoding(),
        ["mixes two text encodings: lines 3, 5 are not UTF-8"],
    ),
    ("NUL after 4 KB", "nulo.csv", lambda _tmp: nul_late(), ["its contents are not text"]),
]


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    from missionplanner.cli import main

    def invoke(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


@pytest.mark.parametrize(
    ("name", "make", "words"), [case[1:] for case in HOSTILE], ids=[case[0] for case in HOSTILE]
)
@pytest.mark.parametrize("options", [["--dry-run"], []], ids=["dry-run", "import"])
def test_hostile_spreadsheets_are_refused_in_one_line(
    tmp_path: Path,
    run_cli: Callable[..., tuple[int, str, str]],
    name: str,
    make: Maker,
    words: list[str],
    options: list[str],
) -> None:
    db_path = tmp_path / "plan.sqlite"
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    assert run_cli("--db", str(db_path), "import-contacts", str(good))[0] == 0
    before = db_path.read_bytes()
    path = tmp_path / name
    path.write_bytes(make(tmp_path))

    code, out, err = run_cli("--db", str(db_path), "import-contacts", str(path), *options)

    assert code == 2
    assert out == ""
    assert err.startswith(f"missionplanner: {name}")
    assert err.count("\n") == 1, err
    for word in words:
        assert word in err
    assert db_path.read_bytes() == before
    with open_database(db_path) as db:
        assert [row.name for row in list_organizations(db)] == ["Ruta N"]


def test_a_file_too_large_is_refused_unread(
    tmp_path: Path, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    path = tmp_path / "grande.csv"
    with path.open("wb") as file:
        file.truncate(150 * MEGABYTE)  # sparse: nothing is written, nothing need be read
    code, _out, err = run_cli("--db", str(tmp_path / "plan.sqlite"), "import-contacts", str(path))
    assert code == 2
    assert err == (
        "missionplanner: grande.csv is 150 MB, more than the 100 MB a spreadsheet may be. "
        "Split it into smaller files and import each.\n"
    )


def test_mapping_of_a_wide_file_prints_short_lines(
    tmp_path: Path, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    """Headers of any length and a full width of columns still make readable lines."""
    db_path = tmp_path / "plan.sqlite"
    headers = ["Empresa"] + [f"Columna {n} {'x' * 4_000}" for n in range(1, MAX_COLUMNS)]
    path = tmp_path / "ancho.csv"
    path.write_text(
        ",".join(headers) + "\r\n" + ",".join(["Ruta N"] + ["v"] * (MAX_COLUMNS - 1)) + "\r\n",
        encoding="utf-8",
    )
    mapping = ["--mapping", "Empresa=organization"]
    code, out, err = run_cli(
        "--db", str(db_path), "import-contacts", str(path), "--dry-run", *mapping
    )
    assert code == 0, err
    assert max(len(line) for line in out.splitlines()) < 3_000
    assert "Columna 1 xxxxxxxxxxxxxxxxxxxxxxxxxxxxx… → (ignored)" in out
    assert "and 170 more columns (ignored)." in out

    code, out, err = run_cli(
        "--db", str(db_path), "import-contacts", str(path), "--mapping", f"Nada{'y' * 100_000}=city"
    )
    assert code == 2
    assert err.count("\n") == 1 and len(err) < 3_000
    assert "the file has no column “Nadayyyy" in err
    assert "and 170 more follow" in err
    with open_database(db_path) as db:
        assert list_organizations(db) == []
