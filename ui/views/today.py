"""Today / Next: what is on now and what comes next, in the local time of the city."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from missionplanner.domain.plan import MissionPlan
from missionplanner.domain.zones import abbreviation, to_local
from ui.views.delegation import AgendaItem, agenda


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class TodayView(QWidget):
    def __init__(self, clock: Callable[[], datetime] = utc_now) -> None:
        super().__init__()
        self.clock = clock
        self.plan: MissionPlan | None = None
        self.person = QComboBox()
        self.person.setAccessibleName(self.tr("Show the day of"))
        self.person.currentIndexChanged.connect(self.update_view)
        self.local_time = QLabel()
        self.now_label = QLabel()
        self.next_label = QLabel()
        self.later_label = QLabel()
        for label in (self.now_label, self.next_label, self.later_label):
            label.setWordWrap(True)
        font = self.now_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.now_label.setFont(font)
        self.next_label.setFont(font)
        form = QFormLayout()
        form.addRow(self.tr("Participant"), self.person)
        form.addRow(self.tr("Local time"), self.local_time)
        form.addRow(self.tr("<b>Now</b>"), self.now_label)
        form.addRow(self.tr("<b>Next</b>"), self.next_label)
        form.addRow(self.tr("Later today"), self.later_label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.update_view)
        self.timer.start(60_000)

    def set_plan(self, plan: MissionPlan) -> None:
        self.plan = plan
        chosen = self.person.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        for participant in plan.participants:
            self.person.addItem(participant.name, participant.id)
        index = self.person.findData(chosen)
        self.person.setCurrentIndex(max(0, index))
        self.person.blockSignals(False)
        self.update_view()

    def _zone_now(self, now: datetime) -> str:
        """The zone of the city the mission is in now (the stop whose dates hold today)."""
        assert self.plan is not None
        for stop in self.plan.stops:
            if stop.arrive <= to_local(now, stop.timezone).date() <= stop.depart:
                return stop.timezone
        return self.plan.home_timezone

    def _describe(self, item: AgendaItem) -> str:
        return f"{item.local_range()} — {item.what}" + (f" ({item.where})" if item.where else "")

    def update_view(self) -> None:
        if self.plan is None or self.person.currentData() is None:
            for label in (self.local_time, self.now_label, self.next_label, self.later_label):
                label.setText("—")
            return
        now = self.clock()
        zone = self._zone_now(now)
        local = to_local(now, zone)
        self.local_time.setText(f"{local:%A %d %B %Y, %H:%M} {abbreviation(now, zone)} ({zone})")
        items = agenda(self.plan, str(self.person.currentData()))
        current = [i for i in items if i.start_utc <= now < i.end_utc]
        upcoming = [i for i in items if i.start_utc > now]
        self.now_label.setText(
            "\n".join(self._describe(i) for i in current) or self.tr("Nothing scheduled")
        )
        self.next_label.setText(
            self._describe(upcoming[0]) if upcoming else self.tr("Nothing more in this mission")
        )
        today = [
            i for i in upcoming[1:] if to_local(i.start_utc, i.timezone).date() == local.date()
        ]
        self.later_label.setText("\n".join(self._describe(i) for i in today) or "—")
