"""Messages become the right words, and every message the core sends has words.

The core says what it found as ``Message(code, **params)``; the catalogue holds the
English template of each code. These tests read the source: a code used without a
template would show users its bare code, a template naming a parameter no caller can
give would fail where it is shown, and an English sentence written straight into an
error would be out of reach of the translation that follows.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from missionplanner import wording
from missionplanner.catalogue import CATALOGUE
from missionplanner.messages import LocalSpan, Message, Plural

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "missionplanner"
UI = ROOT / "ui"

# Modules whose words all live in the catalogue: none hands an error (or a progress
# step) a sentence of its own.
CONVERTED = [
    CORE / "checks.py",
    *sorted((CORE / "store").glob("*.py")),
    CORE / "services" / "backups.py",
    CORE / "services" / "calendars.py",
    CORE / "services" / "documents.py",
    CORE / "services" / "missions.py",
    CORE / "services" / "directory.py",
    CORE / "services" / "contact_import.py",
    CORE / "io" / "atomic.py",
    CORE / "io" / "sheets.py",
    CORE / "io" / "sheet_export.py",
    CORE / "export" / "paper.py",
    CORE / "export" / "document.py",
    CORE / "paths.py",
    CORE / "progress.py",
    CORE / "cli.py",
]

SANTIAGO = ZoneInfo("America/Santiago")


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def literal_codes(path: Path) -> Iterator[tuple[int, str]]:
    """(line, code) of each ``Message("code", ...)`` in a file."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and called_name(node) == "Message"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value


def sources() -> list[Path]:
    return sorted([*CORE.rglob("*.py"), *UI.rglob("*.py")])


# --- every code has words, every template can be rendered ------------------------------


def test_every_message_code_in_the_source_has_a_template() -> None:
    used = [
        (f"{relative(path)}:{line}", code)
        for path in sources()
        for line, code in literal_codes(path)
    ]
    assert len(used) > 100, "the scan found too few messages: is it still reading them?"
    missing = [f"{where}: {code}" for where, code in used if code not in CATALOGUE]
    assert missing == [], "codes without a template in missionplanner/catalogue:\n" + "\n".join(
        missing
    )


def dummy(spec: str) -> Any:
    """A value of the kind a template's format spec shows."""
    if spec in ("clock", "zone", "iso"):
        return datetime(2026, 10, 6, 10, 0, tzinfo=SANTIAGO)
    if spec == "weekday":
        return date(2026, 10, 6)
    if spec in ("and", "or", "commas", "semicolons", "quoted-and", "quoted-or", "lines"):
        return ("Ana", "Luis")
    if spec == "quoted":
        return "Visit"
    if spec:
        return 1.5  # a number format such as ".1f"
    return "x"


def fields(template: str) -> dict[str, str]:
    """The named fields of a template and the format spec each is shown with."""
    found: dict[str, str] = {}
    for _text, name, spec, _conversion in string.Formatter().parse(template):
        if name is None:
            continue
        assert name and not name.isdigit(), f"{template!r}: fields must be named"
        assert re.fullmatch(r"[a-z_]+", name), f"{template!r}: {name!r} is not a plain name"
        found[name] = spec or ""
    return found


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_template_renders_with_parameters_of_its_names(code: str) -> None:
    entry = CATALOGUE[code]
    forms = [entry.one, entry.other] if isinstance(entry, Plural) else [entry]
    for count in (1, 2):
        params: dict[str, Any] = {}
        for form in forms:
            params.update({name: dummy(spec) for name, spec in fields(form).items()})
        if isinstance(entry, Plural):
            counted = params.get(entry.count)
            # A plural may count the names of a list it shows.
            params[entry.count] = ("Ana", "Luis")[:count] if isinstance(counted, tuple) else count
        words = wording.render(Message(code, **params))
        assert words and "{" not in words and "}" not in words, (code, words)


def test_plural_entries_count_a_parameter_they_are_given() -> None:
    for code, entry in CATALOGUE.items():
        if isinstance(entry, Plural):
            named = fields(entry.one).keys() | fields(entry.other).keys()
            assert entry.count in named or entry.count == "n", code


# --- no sentences written straight into errors -------------------------------------


def has_words(node: ast.expr) -> bool:
    """A literal (or f-string, or sum of them) whose fixed text has letters."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(ch.isalpha() for ch in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.Constant) and has_words(part) for part in node.values)
    if isinstance(node, ast.BinOp):
        return has_words(node.left) or has_words(node.right)
    return False


def words_in(node: ast.AST) -> Iterator[ast.expr]:
    """Literals with words anywhere inside ``node``, except the code of a Message."""
    if isinstance(node, ast.Call) and called_name(node) == "Message":
        arguments: list[ast.AST] = [*node.args[1:], *(k.value for k in node.keywords)]
        for argument in arguments:
            yield from words_in(argument)
        return
    if isinstance(node, ast.expr) and has_words(node):
        yield node
        return
    for child in ast.iter_child_nodes(node):
        yield from words_in(child)


def speaks_to_people(call: ast.Call) -> bool:
    """An error being made (``...Error(...)``, ``Cancelled(...)``) or a progress step."""
    name = called_name(call)
    return name.endswith("Error") or name in ("Cancelled", "step")


def sentences_in_errors(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and speaks_to_people(node):
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                for literal in words_in(argument):
                    yield f"{relative(path)}:{literal.lineno}: {called_name(node)}(...)"


def test_converted_modules_put_no_sentence_into_an_error() -> None:
    found = [finding for path in CONVERTED for finding in sentences_in_errors(path)]
    assert found == [], "write these as Message(code, ...) with a catalogue entry:\n" + (
        "\n".join(found)
    )


def test_the_sentence_check_finds_a_sentence() -> None:
    tree = ast.parse(
        "raise DatabaseFileError(f'Cannot open {path}.')\n"
        "raise ValidationError(Message('store.x', reason='it broke'))\n"
        "progress.step('Saving…')\n"
        "raise DatabaseFileError(Message('store.y', path=path))\n"
    )
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and speaks_to_people(n)]
    flagged = [call.lineno for call in calls if any(list(words_in(arg)) for arg in call.args)]
    assert flagged == [1, 2, 3]


# Modules that report what they did or plan (imports): their reports are messages too, so
# no sentence is put together from pieces there, not even outside an error.
REPORTING = [CORE / "services" / "contact_import.py"]
# Fixed text with a word next to a space: the start of a sentence ("line {n}", "{n} rows").
SENTENCE_PIECE = re.compile(r"[^\W\d_]\s|\s[^\W\d_]")


def pieces_of_sentences(path: Path) -> Iterator[tuple[int, str]]:
    """f-strings (except message codes) whose fixed text holds part of a sentence."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    codes = {
        id(node.args[0])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and called_name(node) == "Message" and node.args
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and id(node) not in codes:
            fixed = "".join(
                part.value
                for part in node.values
                if isinstance(part, ast.Constant) and isinstance(part.value, str)
            )
            if SENTENCE_PIECE.search(fixed):
                yield node.lineno, fixed


def test_reporting_modules_build_no_sentences() -> None:
    found = [
        f"{relative(path)}:{line}: {fixed!r}"
        for path in REPORTING
        for line, fixed in pieces_of_sentences(path)
    ]
    assert found == [], "return Message(code, ...) with a catalogue entry instead:\n" + (
        "\n".join(found)
    )


def test_the_sentence_piece_check_finds_a_sentence(tmp_path: Path) -> None:
    source = tmp_path / "report.py"
    source.write_text(
        'a = f"line {n}: {reason}"\n'
        'b = f"{n} rows"\n'
        'c = Message(f"contacts.{tense}.rows", n=n)\n'
        'd = f"new:{line}"\n'
        'e = f" {key} "\n',
        encoding="utf-8",
    )
    assert [line for line, _fixed in pieces_of_sentences(source)] == [1, 2]


# --- how values read -------------------------------------------------------------------


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SANTIAGO)


def test_a_span_reads_with_the_zone_abbreviation() -> None:
    same_day = LocalSpan(local("2026-10-06 10:00"), local("2026-10-06 11:00"))
    assert wording.show(same_day) == "Tue 6 Oct 2026, 10:00–11:00 -03"
    overnight = LocalSpan(local("2026-10-08 23:00"), local("2026-10-09 00:30"))
    assert wording.show(overnight) == "Thu 8 Oct 2026 23:00 – Fri 9 Oct 2026 00:30 -03"


def test_a_span_across_a_clock_change_shows_each_abbreviation() -> None:
    # Santiago's clocks went back at midnight on 4-5 April 2026.
    start = local("2026-04-04 23:30")
    end = datetime(2026, 4, 5, 4, 30, tzinfo=ZoneInfo("UTC")).astimezone(SANTIAGO)
    assert wording.span(start, end) == "Sat 4 Apr 2026 23:30 -03 – Sun 5 Apr 2026 00:30 -04"


def test_an_aware_time_shows_its_abbreviation_and_a_naive_one_does_not() -> None:
    assert wording.show(local("2026-10-05 22:10")) == "Mon 5 Oct 2026 22:10 -03"
    assert wording.show(datetime(2026, 10, 5, 22, 10)) == "Mon 5 Oct 2026 22:10"


def test_a_plural_agrees_with_a_list_of_names() -> None:
    one = Message("check.tight-connection.no-time", people=("Ana",), first="A", second="B")
    two = Message("check.tight-connection.no-time", people=("Ana", "Luis"), first="A", second="B")
    assert str(one) == "Ana has no time to get from A to B."
    assert str(two) == "Ana and Luis have no time to get from A to B."


def test_messages_as_json_values() -> None:
    message = Message(
        "check.tight-connection",
        people=("Ana",),
        gap=timedelta(minutes=15),
        first=Message("check.meeting-day", title="Visit", day=date(2026, 10, 6), city="Lima"),
        second=Message("check.outside-hours", meeting="m", day_start=time(8), day_end=time(19)),
    )
    assert message.as_data() == {
        "code": "check.tight-connection",
        "params": {
            "people": ["Ana"],
            "gap": 15,
            "first": {
                "code": "check.meeting-day",
                "params": {"title": "Visit", "day": "2026-10-06", "city": "Lima"},
            },
            "second": {
                "code": "check.outside-hours",
                "params": {"meeting": "m", "day_start": "08:00:00", "day_end": "19:00:00"},
            },
        },
    }


def test_an_unknown_code_still_says_something() -> None:
    assert wording.render(Message("from.a-newer-version", n=3)) == "from.a-newer-version (n=3)"
