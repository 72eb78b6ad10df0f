"""Which document to produce, for whom, on which paper: asked before exporting or printing."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from missionplanner.domain.plan import ParticipantInfo
from missionplanner.export.limits import CONFIDENTIAL_MOST_CHARACTERS
from missionplanner.export.paper import Paper


class DocumentKind(StrEnum):
    ITINERARY = "itinerary"
    PARTICIPANT_ITINERARY = "participant-itinerary"
    BRIEFING = "briefing"


@dataclass(frozen=True)
class DocumentChoice:
    kind: DocumentKind
    paper: Paper
    participant_id: str | None = None
    confidential: str | None = None


class DocumentOptionsDialog(QDialog):
    """Document, participant (for a personal itinerary), paper size, confidentiality line."""

    def __init__(
        self,
        title: str,
        participants: tuple[ParticipantInfo, ...],
        *,
        kind: DocumentKind,
        paper: Paper,
        confirm_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Itinerary (whole mission)"), DocumentKind.ITINERARY.value)
        self.kind.addItem(
            self.tr("Itinerary for one participant"), DocumentKind.PARTICIPANT_ITINERARY.value
        )
        self.kind.addItem(self.tr("Briefing pack"), DocumentKind.BRIEFING.value)
        self.kind.setAccessibleName(self.tr("Document"))
        self.participant = QComboBox()
        self.participant.setAccessibleName(self.tr("Participant"))
        for person in participants:
            label = f"{person.name} ({person.role})" if person.role else person.name
            self.participant.addItem(label, person.id)
        self.paper = QComboBox()
        self.paper.addItem(self.tr("Letter"), Paper.LETTER.value)
        self.paper.addItem(self.tr("A4"), Paper.A4.value)
        self.paper.setAccessibleName(self.tr("Paper size"))
        self.paper.setCurrentIndex(self.paper.findData(paper.value))
        self.confidential = QLineEdit()
        # A pasted essay is cut at the limit here; the export refuses one that is not.
        self.confidential.setMaxLength(CONFIDENTIAL_MOST_CHARACTERS)
        self.confidential.setPlaceholderText(self.tr("e.g. Confidential – for official use only"))
        self.confidential.setAccessibleName(self.tr("Confidentiality line"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        for combo in (self.kind, self.participant, self.paper):
            # Long names and roles must not stretch the dialog across the screen.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(36)
        form = QFormLayout()
        for text, field in (
            (self.tr("&Document:"), self.kind),
            (self.tr("P&articipant:"), self.participant),
            (self.tr("&Paper:"), self.paper),
            (self.tr("&Confidentiality line:"), self.confidential),
        ):
            caption = QLabel(text)
            caption.setBuddy(field)
            form.addRow(caption, field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(confirm_text)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._update)
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self._update()

    def _update(self) -> None:
        kind = DocumentKind(self.kind.currentData())
        personal = kind is DocumentKind.PARTICIPANT_ITINERARY
        self.participant.setEnabled(personal)
        self.confidential.setEnabled(kind is DocumentKind.BRIEFING)
        missing = personal and self.participant.count() == 0
        self.note.setText(
            self.tr("This mission has no participants yet: add one first.") if missing else ""
        )
        self.note.setVisible(missing)
        self.ok_button.setEnabled(not missing)

    def choice(self) -> DocumentChoice:
        kind = DocumentKind(self.kind.currentData())
        confidential = self.confidential.text().strip() or None
        return DocumentChoice(
            kind=kind,
            paper=Paper(self.paper.currentData()),
            participant_id=(
                str(self.participant.currentData())
                if kind is DocumentKind.PARTICIPANT_ITINERARY
                else None
            ),
            confidential=confidential if kind is DocumentKind.BRIEFING else None,
        )
