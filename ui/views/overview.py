"""The mission at a glance: title, organizer, direction, status, dates, counts, problems."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from missionplanner.checks import Problem, tally
from missionplanner.domain.forms import MissionForm
from missionplanner.services.missions import MissionSummary
from ui import labels


class OverviewView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAccessibleName(self.tr("Mission title"))
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (
            ("organizer", self.tr("Organizer")),
            ("direction", self.tr("Direction")),
            ("status", self.tr("Status")),
            ("dates", self.tr("Dates")),
            ("cities", self.tr("Cities")),
            ("home", self.tr("Home time zone")),
            ("counts", self.tr("Delegation and meetings")),
            ("problems", self.tr("Problems")),
            ("objectives", self.tr("Objectives")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(label)
            self.fields[key] = value
            form.addRow(QLabel(f"<b>{label}</b>"), value)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addStretch(1)

    def show_mission(
        self, form: MissionForm, summary: MissionSummary | None, problems: list[Problem]
    ) -> None:
        self.heading.setText(form.title)
        values = self.fields
        values["organizer"].setText(form.organizer or "—")
        values["direction"].setText(labels.direction(form.direction))
        values["status"].setText(labels.mission_status(form.status))
        values["home"].setText(form.home_timezone)
        values["objectives"].setText(form.objectives or "—")
        if summary is not None and summary.start and summary.end:
            values["dates"].setText(f"{summary.start:%A %d %B %Y} – {summary.end:%A %d %B %Y}")
        else:
            values["dates"].setText(self.tr("No cities yet"))
        values["cities"].setText(", ".join(summary.cities) if summary else "—")
        if summary is not None:
            values["counts"].setText(
                self.tr("{participants}, {cities}, {meetings}").format(
                    participants=labels.participants(summary.participants),
                    cities=labels.cities(summary.stops),
                    meetings=labels.meetings(summary.meetings),
                )
            )
        else:
            values["counts"].setText("—")
        errors, warnings = tally(problems)
        values["problems"].setText(
            self.tr("None found")
            if not problems
            else self.tr("{counts}: see Problems").format(
                counts=labels.problem_count(errors, warnings)
            )
        )
