"""Exporting and printing itineraries and briefing packs from the app."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from reportlab.pdfgen.canvas import Canvas

from missionplanner.domain.plan import ParticipantInfo
from missionplanner.errors import MissionPlannerError
from missionplanner.export.limits import CONFIDENTIAL_MOST_CHARACTERS
from missionplanner.export.paper import Paper
from missionplanner.services.missions import load_plan
from missionplanner.store.database import Database
from tests.ui.conftest import Settle
from ui.dialogs.document_options import DocumentChoice, DocumentKind, DocumentOptionsDialog
from ui.documents import DocumentExports, suggested_name
from ui.printing import print_pdf
from ui.settings import UiSettings
from ui.tasks import Runner

if TYPE_CHECKING:
    from conftest import MessageBoxes

PEOPLE = (
    ParticipantInfo(id="p-1", name="Cesar Vence", role="Senior Business Development Manager"),
    ParticipantInfo(id="p-2", name="Zoë Özdemir"),
)


def _dialog(qtbot: QtBot, kind: DocumentKind, people: tuple[ParticipantInfo, ...] = PEOPLE):
    dialog = DocumentOptionsDialog(
        "Export PDF", people, kind=kind, paper=Paper.A4, confirm_text="Export…"
    )
    qtbot.addWidget(dialog)
    return dialog


def test_options_ask_for_a_participant_only_for_a_personal_itinerary(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, DocumentKind.ITINERARY)
    assert not dialog.participant.isEnabled()
    assert not dialog.confidential.isEnabled()
    dialog.kind.setCurrentIndex(dialog.kind.findData(DocumentKind.PARTICIPANT_ITINERARY.value))
    assert dialog.participant.isEnabled()
    dialog.participant.setCurrentIndex(1)
    choice = dialog.choice()
    assert choice == DocumentChoice(DocumentKind.PARTICIPANT_ITINERARY, Paper.A4, "p-2", None)


def test_options_take_a_confidentiality_line_for_the_briefing_pack(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, DocumentKind.BRIEFING)
    assert dialog.confidential.isEnabled()
    dialog.confidential.setText("  Confidential – for the minister  ")
    dialog.paper.setCurrentIndex(dialog.paper.findData(Paper.LETTER.value))
    choice = dialog.choice()
    assert choice.confidential == "Confidential – for the minister"
    assert choice.paper is Paper.LETTER
    assert choice.participant_id is None


def test_a_pasted_confidentiality_line_is_cut_at_the_limit_the_pack_can_print(
    qtbot: QtBot,
) -> None:
    dialog = _dialog(qtbot, DocumentKind.BRIEFING)
    dialog.confidential.setText("Confidential " * 400)
    choice = dialog.choice()
    assert choice.confidential is not None
    assert len(choice.confidential) <= CONFIDENTIAL_MOST_CHARACTERS


def test_a_personal_itinerary_needs_someone_to_be_for(qtbot: QtBot, settle: Settle) -> None:
    dialog = _dialog(qtbot, DocumentKind.PARTICIPANT_ITINERARY, people=())
    assert not dialog.ok_button.isEnabled()
    assert "no participants" in dialog.note.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData(DocumentKind.ITINERARY.value))
    assert dialog.ok_button.isEnabled()


def _three_page_pdf(path: Path) -> Path:
    canvas = Canvas(str(path))
    for number in (1, 2, 3):
        canvas.drawString(72, 720, f"Sheet {number}")
        canvas.showPage()
    canvas.save()
    return path


def _pdf_printer(output: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(output))
    return printer


def test_printing_sends_the_chosen_pages_to_the_printer(qtbot: QtBot, tmp_path: Path) -> None:
    source = _three_page_pdf(tmp_path / "source.pdf")
    printer = _pdf_printer(tmp_path / "printed.pdf")
    printer.setFromTo(2, 3)
    assert print_pdf(source, printer) == 2
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 2


def test_printing_every_page_by_default(qtbot: QtBot, tmp_path: Path) -> None:
    source = _three_page_pdf(tmp_path / "source.pdf")
    printer = _pdf_printer(tmp_path / "printed.pdf")
    assert print_pdf(source, printer) == 3
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 3


def test_printing_a_damaged_file_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.4 this is not really a PDF")
    with pytest.raises(MissionPlannerError, match=r"Cannot read damaged\.pdf"):
        print_pdf(damaged, _pdf_printer(tmp_path / "printed.pdf"))


def test_file_names_suggested_from_the_mission(demo_db: Database) -> None:
    plan = load_plan(demo_db, "m-atl-latam-2027")
    person = plan.participants[0]
    briefing = suggested_name(plan, DocumentChoice(DocumentKind.BRIEFING, Paper.A4))
    personal = suggested_name(
        plan, DocumentChoice(DocumentKind.PARTICIPANT_ITINERARY, Paper.A4, person.id)
    )
    assert briefing.endswith(" - briefing pack")
    assert briefing.startswith("Invest Atlanta exploratory mission")
    assert person.name.split()[0] in personal
    assert "/" not in briefing + personal


@pytest.mark.parametrize(
    ("kind", "participant"),
    [
        (DocumentKind.ITINERARY, False),
        (DocumentKind.PARTICIPANT_ITINERARY, True),
        (DocumentKind.BRIEFING, False),
    ],
)
def test_the_app_writes_each_document_off_the_gui_thread(
    qtbot: QtBot,
    tmp_path: Path,
    demo_db: Database,
    kind: DocumentKind,
    participant: bool,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    import threading

    from PySide6.QtWidgets import QMessageBox, QWidget

    import ui.documents

    threads: list[threading.Thread] = []
    real_render = ui.documents.render_document

    def render_and_note_thread(*args, **kwargs):  # the real rendering, watched
        threads.append(threading.current_thread())
        return real_render(*args, **kwargs)

    monkeypatch.setattr(ui.documents, "render_document", render_and_note_thread)
    window = QWidget()
    qtbot.addWidget(window)
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    runner = Runner(window)
    exports = DocumentExports(window, runner, demo_db, settings)
    plan = load_plan(demo_db, "m-atl-latam-2027")
    person = plan.participants[0].id if participant else None
    choice = DocumentChoice(kind, Paper.LETTER, person, None)
    target = tmp_path / "out.pdf"
    message_boxes.answer(QMessageBox.ButtonRole.RejectRole)  # "Close", not "Open"
    with qtbot.waitSignal(runner.idle, timeout=60_000):
        assert exports.write(plan, choice, target)
    reader = PdfReader(target)
    pages = len(reader.pages)
    counted = f"{pages} pages." if pages > 1 else "1 page."
    assert message_boxes.seen == [("Saved", "Saved out.pdf.", f"{counted}\n\nOpen it now?")]
    assert "Invest Atlanta" in (reader.metadata.author or "")
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (612, 792)  # Letter, as chosen
    assert threads and threads[0] is not threading.main_thread()


def test_the_paper_chosen_last_is_offered_again(
    qtbot: QtBot, tmp_path: Path, demo_db: Database
) -> None:
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    exports = DocumentExports(window, Runner(window), demo_db, settings)
    settings.settings.setValue("documents/paper", "letter")
    assert exports.paper() is Paper.LETTER
    settings.settings.setValue("documents/paper", "a4")
    assert exports.paper() is Paper.A4


def test_an_unwritable_target_is_explained_and_nothing_is_left(
    qtbot: QtBot, tmp_path: Path, demo_db: Database, monkeypatch: pytest.MonkeyPatch, settle: Settle
) -> None:
    from PySide6.QtWidgets import QMessageBox, QWidget

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    window = QWidget()
    qtbot.addWidget(window)
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    runner = Runner(window)
    exports = DocumentExports(window, runner, demo_db, settings)
    plan = load_plan(demo_db, "m-atl-latam-2027")
    target = tmp_path / "no such folder" / "out.pdf"
    choice = DocumentChoice(DocumentKind.BRIEFING, Paper.A4)
    with qtbot.waitSignal(runner.idle, timeout=60_000):
        assert exports.write(plan, choice, target)
    assert len(shown) == 1 and "Cannot write" in shown[0]
    assert not target.parent.exists()
    assert settings.export_folder() is None  # nothing saved there: not offered next time


def _accept_options_when_shown(kind: DocumentKind, participant_row: int = 0) -> None:
    """Once the options dialog is open, choose ``kind`` and press its OK button."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, DocumentOptionsDialog):
            QTimer.singleShot(10, act)
            return
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind.value))
        dialog.participant.setCurrentIndex(participant_row)
        dialog.ok_button.click()

    QTimer.singleShot(0, act)


def test_export_menu_writes_a_personal_itinerary_and_offers_to_open_it(
    qtbot: QtBot,
    tmp_path: Path,
    demo_window,
    message_boxes,
    monkeypatch: pytest.MonkeyPatch,
    settle: Settle,
) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    window = demo_window
    window.mission_list.select("m-atl-latam-2027")
    target = tmp_path / "mine.pdf"
    asked: list[str] = []

    def save_as(_parent, _title, suggested, _filter):
        asked.append(suggested)
        return str(tmp_path / "mine"), "PDF documents (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    assert window.export_personal_action.isEnabled()
    _accept_options_when_shown(DocumentKind.PARTICIPANT_ITINERARY, participant_row=1)
    message_boxes.answer(QMessageBox.ButtonRole.RejectRole)  # "Close", not "Open"
    with qtbot.waitSignal(window.operations.runner.idle, timeout=60_000):
        window.export_personal_action.trigger()
    assert target.exists()  # ".pdf" added to the name typed
    person = window.plan.participants[1]
    assert person.name.split()[0] in asked[0]
    assert "Open it now?" in message_boxes.texts[0]
    reader = PdfReader(target)
    assert reader.metadata.title.startswith(f"Itinerary of {person.name}")
    assert "PERSONAL ITINERARY" in reader.pages[0].extract_text()


def test_documents_can_be_made_from_a_read_only_database(
    qtbot: QtBot, demo_db: Database, settings: UiSettings
) -> None:
    from missionplanner.store.database import open_database
    from ui.main_window import MainWindow

    path = demo_db.path
    demo_db.close()
    read_only = open_database(path, read_only=True)
    try:
        window = MainWindow(read_only, settings)
        qtbot.addWidget(window)
        window.mission_list.select("m-atl-latam-2027")
        assert not window.new_meeting_action.isEnabled()
        assert not window.import_contacts_action.isEnabled()
        assert len(window.sheet_actions) == 3
        for action in window.document_actions:
            assert action.isEnabled(), action.text()
        assert window.print_action.shortcut().toString() == "Ctrl+P"
    finally:
        read_only.close()


def test_printing_lays_out_then_prints_without_blocking_the_window(
    qtbot: QtBot,
    tmp_path: Path,
    demo_db: Database,
    settings: UiSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QDialog, QWidget

    printed = tmp_path / "printed.pdf"
    asked: list[tuple[int, int]] = []

    def print_to_a_file(dialog: QPrintDialog) -> int:
        # The user picks a "printer" that writes a PDF, so the pages can be counted.
        asked.append((dialog.minPage(), dialog.maxPage()))
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", print_to_a_file)
    window = QWidget()
    qtbot.addWidget(window)
    runner = Runner(window)
    exports = DocumentExports(window, runner, demo_db, settings)
    plan = load_plan(demo_db, "m-atl-latam-2027")
    _accept_options_when_shown(DocumentKind.ITINERARY)
    assert exports.print(plan)  # returns at once, the layout running
    assert runner.busy
    assert not exports.print(plan)  # one task at a time
    qtbot.waitUntil(lambda: printed.exists() and not runner.busy, timeout=120_000)
    ((first, last),) = asked
    assert first == 1 and last >= 1
    assert len(PdfReader(printed).pages) == last
    assert not list(tmp_path.glob("missionplanner-print-*"))
