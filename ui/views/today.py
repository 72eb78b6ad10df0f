"""Today / Next: what is on now and what comes next, in the local time of the city.

The city is where the chosen participant is now by the core's day model (their own
travel first, then the delegation's cities), the zone of the home office outside the
mission's days.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from missionplanner.domain.agenda import AgendaItem, agenda
from missionplanner.domain.days import MissionDays, Place
from missionplanner.domain.plan import MissionPlan
from missionplanner.domain.zones import abbreviation, to_local
from ui.views.delegation import local_range


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class TodayView(QWidget):
    def __init__(self, clock: Callable[[], datetime] = utc_now) -> None:
        super().__init__()
        self.clock = clock
        self.plan: MissionPlan | None = None
        self._days: dict[str, MissionDays] = {}
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
        self._days.clear()
        chosen = self.person.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        for participant in plan.participants:
            self.person.addItem(participant.name, participant.id)
        index = self.person.findData(chosen)
        self.person.setCurrentIndex(max(0, index))
        self.person.blockSignals(False)
        self.update_view()

    def _place_now(self, person: str, now: datetime) -> Place | None:
        """Where the participant is at ``now`` (None before or after their days)."""
        assert self.plan is not None
        if person not in self._days:
            self._days[person] = MissionDays(self.plan, person=person)
        return self._days[person].place_at(now)

    def _describe(self, item: AgendaItem) -> str:
        return f"{local_range(item)} — {item.what}" + (f" ({item.where})" if item.where else "")

    def update_view(self) -> None:
        if self.plan is None or self.person.currentData() is None:
            for label in (self.local_time, self.now_label, self.next_label, self.later_label):
                label.setText("—")
            return
        now = self.clock()
        person = str(self.person.currentData())
        place = self._place_now(person, now)
        zone = place.zone if place is not None else self.plan.home_timezone
        local = to_local(now, zone)
        when = f"{local:%A %d %B %Y, %H:%M} {abbreviation(now, zone)} ({zone})"
        self.local_time.setText(f"{place.name} · {when}" if place is not None else when)
        items = agenda(self.plan, person)
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
