"""Reading spreadsheets as real exports make them: encodings, separators, workbooks, junk."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from missionplanner.io.sheets import SpreadsheetError, read_sheet

ROWS = [
    ["Nombre", "Organización", "Ciudad"],
    ["Alejandro Franco", "Ruta N", "Medellín"],
    ["Felipe Jaramillo", "ProColombia", "Bogotá"],
]


def _csv(rows: list[list[str]], separator: str = ",") -> str:
    return "\r\n".join(separator.join(row) for row in rows) + "\r\n"


@pytest.mark.parametrize(
    ("encoding", "prefix", "described"),
    [
        ("utf-8", b"", "UTF-8"),
        ("utf-8", b"\xef\xbb\xbf", "UTF-8 with a byte-order mark"),
        ("cp1252", b"", "Windows-1252"),
    ],
)
def test_accents_survive_each_encoding(
    tmp_path: Path, encoding: str, prefix: bytes, described: str
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(prefix + _csv(ROWS).encode(encoding))
    sheet = read_sheet(path)
    assert sheet.headers == ("Nombre", "Organización", "Ciudad")  # no BOM in the first name
    assert [row.cells for row in sheet.rows] == [tuple(r) for r in ROWS[1:]]
    assert [row.line for row in sheet.rows] == [2, 3]
    assert described in str(sheet.describe())


def test_cp1252_bytes_are_really_windows_1252(tmp_path: Path) -> None:
    # "Medellín" in Windows-1252 is not valid UTF-8: the fallback must be taken.
    raw = _csv(ROWS).encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    path = tmp_path / "excel.csv"
    path.write_bytes(raw)
    assert read_sheet(path).rows[1].cells[2] == "Bogotá"


def test_utf16_unicode_text_from_excel(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes(_csv(ROWS, "\t").encode("utf-16"))
    sheet = read_sheet(path)
    assert sheet.delimiter == "\t"
    assert sheet.rows[0].cells == ("Alejandro Franco", "Ruta N", "Medellín")


def test_semicolons_from_spanish_excel_with_commas_inside_values(tmp_path: Path) -> None:
    rows = [
        ["Nombre", "Empresa", "Sector"],
        ["Manolo Constain", "Invest Pacific", "Software, BPO, KPO"],
        ["Jarrison Martínez", "Alcaldía de Cali", "Gobierno"],
    ]
    path = tmp_path / "es.csv"
    path.write_bytes(_csv(rows, ";").encode("cp1252"))
    sheet = read_sheet(path)
    assert sheet.delimiter == ";"
    assert sheet.headers == ("Nombre", "Empresa", "Sector")
    assert sheet.rows[0].cells[2] == "Software, BPO, KPO"
    assert str(sheet.describe()) == "CSV, Windows-1252, separated by semicolons"


def test_excel_sep_line_names_the_separator(tmp_path: Path) -> None:
    path = tmp_path / "sep.csv"
    path.write_text("sep=;\r\n" + _csv(ROWS, ";"), encoding="utf-8")
    sheet = read_sheet(path)
    assert sheet.headers[0] == "Nombre"
    assert [row.line for row in sheet.rows] == [3, 4]


def test_quoted_newlines_keep_the_line_where_the_record_starts(tmp_path: Path) -> None:
    text = (
        "Name,Organization,Notes\n"
        'Cesar Vence,Invest Atlanta,"Met at SelectUSA;\nfollow up in June"\n'
        "\n"
        "Sergio Escobar,ACI Medellín,\n"
    )
    path = tmp_path / "notes.csv"
    path.write_text(text, encoding="utf-8")
    sheet = read_sheet(path)
    assert sheet.delimiter == ","
    assert [row.line for row in sheet.rows] == [2, 5]
    assert sheet.rows[0].cells[2] == "Met at SelectUSA;\nfollow up in June"


def test_xlsx_rows_have_their_excel_row_numbers(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Name", "Company", "Phone"])
    sheet.append(["Cesar Vence", "Invest Atlanta", 14048804100])
    sheet.append([])
    sheet.append(["Natalia Martínez-Kalínina", "CIC Miami", "+1 305 555 0100"])
    path = tmp_path / "contacts.xlsx"
    workbook.save(path)
    read = read_sheet(path)
    assert read.headers == ("Name", "Company", "Phone")
    assert [row.line for row in read.rows] == [2, 4]
    assert read.rows[0].cells == ("Cesar Vence", "Invest Atlanta", "14048804100")
    assert read.rows[1].cells[0] == "Natalia Martínez-Kalínina"
    assert str(read.describe()) == "Excel workbook"


def test_title_lines_above_the_header_are_skipped(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = "Directorio de contactos 2026"
    sheet.append([])
    sheet.append(["Nombre", "Empresa"])
    sheet.append(["Manolo Constain", "Invest Pacific"])
    path = tmp_path / "titled.xlsx"
    workbook.save(path)
    read = read_sheet(path)
    assert (read.headers, read.header_line) == (("Nombre", "Empresa"), 3)
    assert [row.line for row in read.rows] == [4]
    one_column = tmp_path / "names.csv"
    one_column.write_text("Organization\nRuta N\nProColombia\n", encoding="utf-8")
    assert read_sheet(one_column).headers == ("Organization",)
    assert len(read_sheet(one_column).rows) == 2


def test_blank_header_cells_get_a_name(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text("Name,,City\nA,x,B\n", encoding="utf-8")
    assert read_sheet(path).headers == ("Name", "Column 2", "City")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "is empty"),
        ("blank.csv", b"\r\n  \r\n", "is empty"),
        ("commas.csv", b",,,\r\n,,\r\n", "has no rows"),
        ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "an image"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old-style Excel"),
        ("fake.xlsx", b"Name,City\nA,B\n", "not a readable Excel workbook"),
        ("broken.xlsx", b"PK\x03\x04" + b"\x14\x00" * 40, "not a readable Excel workbook"),
        ("control.csv", bytes(range(1, 32)) * 50, "not text"),
    ],
)
def test_unreadable_files_give_a_clear_message(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SpreadsheetError, match=message) as caught:
        read_sheet(path)
    assert name in str(caught.value)
    assert "Traceback" not in str(caught.value)


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(SpreadsheetError, match="is a zip archive, not a spreadsheet"):
        read_sheet(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(SpreadsheetError, match="There is no file"):
        read_sheet(tmp_path / "nowhere.csv")
    with pytest.raises(SpreadsheetError, match="is a folder"):
        read_sheet(tmp_path)


@pytest.mark.parametrize("separator", [",", ";"])
def test_a_quote_never_closed_is_refused_with_its_line(tmp_path: Path, separator: str) -> None:
    """An unclosed quote would swallow the rest of the file into one cell."""
    path = tmp_path / "unclosed.csv"
    rows = ["Organización", "Nombre"], ["Ruta N", "Alejandro Franco"]
    text = _csv(list(map(list, rows)), separator)
    path.write_text(text + f'"ProColombia{separator}Felipe\r\nACI{separator}Sergio\r\n')
    with pytest.raises(SpreadsheetError, match=r"line 3") as caught:
        read_sheet(path)
    assert "unclosed.csv" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_quotes_inside_cells_are_still_read(tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    path.write_text('Organización,Nombre\r\nRuta N,"Sala ""A"", piso 2"\r\nSala 5" TV,B\r\n')
    sheet = read_sheet(path)
    assert [row.cells for row in sheet.rows] == [
        ("Ruta N", 'Sala "A", piso 2'),
        ('Sala 5" TV', "B"),
    ]
