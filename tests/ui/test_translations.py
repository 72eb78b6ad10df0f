"""Every string people see in the app can be translated: lupdate finds them, none is bare.

A later release adds Spanish by translating the .ts file that ``pyside6-lupdate`` writes
from ``ui/``; these tests keep that possible without touching the code again.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "ui"

# Calls that put text on the screen, and which of their arguments are text (None: all).
TEXT_SETTERS: dict[str, tuple[int, ...] | None] = {
    "setText": None,
    "setWindowTitle": None,
    "setToolTip": None,
    "setStatusTip": None,
    "setWhatsThis": None,
    "setPlaceholderText": None,
    "setAccessibleName": None,
    "setAccessibleDescription": None,
    "setInformativeText": None,
    "setDetailedText": None,
    "setLabelText": None,
    "setTitle": None,
    "setTabText": (1,),
    "setTabToolTip": (1,),
    "addTab": (1, 2),
    "insertTab": (2, 3),
    "addMenu": None,
    "addToolBar": None,
    "addAction": None,
    "addButton": (0,),
    "addItem": (0,),
    "addRow": (0,),
    "setItemText": (1,),
    "setHorizontalHeaderLabels": None,
    "setHeaderLabels": None,
    "showMessage": (0,),
    "drawText": None,
}
TEXT_WIDGETS = {
    "QLabel",
    "QAction",
    "QPushButton",
    "QToolButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QMenu",
    "QMessageBox",
    "QProgressDialog",
    "QStandardItem",
}
MESSAGE_BOXES = {"information", "warning", "critical", "question", "about"}
TRANSLATORS = {"tr", "translate", "_tr", "self_tr"}


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


def has_words(node: ast.expr) -> bool:
    """A literal (or f-string) whose fixed text has letters once markup is taken out."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(
            part.value
            for part in node.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
    elif isinstance(node, ast.BinOp):
        return has_words(node.left) or has_words(node.right)
    else:
        return False
    return any(ch.isalpha() for ch in re.sub(r"<[^>]*>", "", text))


def called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def bare_strings(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, description) of each literal handed to the screen without a translation."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = called_name(node)
        if name in TRANSLATORS:
            # lupdate reads literals only: tr(variable) is never offered to translators.
            text_index = 1 if name == "translate" else 0
            if len(node.args) > text_index and not (
                isinstance(node.args[text_index], ast.Constant)
                and isinstance(node.args[text_index].value, str)
            ):
                yield node.lineno, f"{name}() of something lupdate cannot read"
            continue
        if name in TEXT_SETTERS and isinstance(node.func, ast.Attribute):
            positions = TEXT_SETTERS[name]
        elif name in TEXT_WIDGETS or (
            name in MESSAGE_BOXES
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "QMessageBox"
        ):
            positions = None
        else:
            continue
        for position, argument in enumerate(node.args):
            if positions is not None and position not in positions:
                continue
            items = argument.elts if isinstance(argument, ast.List | ast.Tuple) else [argument]
            for item in items:
                if has_words(item):
                    yield node.lineno, f"{name}() is given untranslated text"


def findings() -> list[Finding]:
    found = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for line, what in bare_strings(tree):
            found.append(Finding(str(path.relative_to(UI.parent)), line, what))
    return found


def test_the_static_check_catches_bare_text() -> None:
    source = """
label = QLabel("Mission")
label.setText(f"{count} meetings")
box = QMessageBox.warning(self, "Problem", message)
combo.addItem(self.tr(status), status)
self.setWindowTitle(self.tr("Mission Planner"))
action = QAction(self.tr("&Undo"), self)
note = QLabel("–")
bold = QLabel(f"<b>{label}</b>")
combo.addItem(self.tr("All"), "all")
"""
    lines = [line for line, _what in bare_strings(ast.parse(source))]
    assert lines == [2, 3, 4, 5]


def test_no_user_visible_text_bypasses_translation() -> None:
    bare = findings()
    assert not bare, "\n".join(str(finding) for finding in bare)


def lupdate() -> Path:
    tool = Path(sys.executable).with_name("pyside6-lupdate")
    if not tool.exists():
        pytest.skip("pyside6-lupdate is not installed next to this Python")
    return tool


def test_lupdate_extracts_every_message_without_warnings(tmp_path: Path) -> None:
    sources = sorted(str(path) for path in UI.rglob("*.py"))
    target = tmp_path / "missionplanner_es.ts"
    result = subprocess.run(
        [str(lupdate()), *sources, "-ts", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    noise = [
        line
        for line in output.splitlines()
        if line.strip()
        and not line.lstrip().startswith(("Scanning directory", "Updating", "Found "))
    ]
    assert not noise, "\n".join(noise)

    root = ElementTree.parse(target).getroot()
    contexts = {
        context.findtext("name"): [m.findtext("source") for m in context.iter("message")]
        for context in root.iter("context")
    }
    messages = [source for sources in contexts.values() for source in sources]
    assert len(messages) > 400, len(messages)
    # A message without a context comes from a call lupdate misread (a renamed
    # translate(context, text) taken for tr(text)); at run time it would not be found.
    assert not contexts.get(""), contexts.get("")
    assert all(source and source.strip() for source in messages)
    # The main window, its dialogs and views all take part.
    for context in ("MainWindow", "DirectoryView", "MeetingDialog", "ScheduleView", "Labels"):
        assert contexts.get(context), context
    assert "&Delete mission…" in contexts["MenusPart"]
