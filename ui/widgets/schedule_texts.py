"""What the schedule grid says in words: block and day tooltips, the accessible
description of the selected meeting, and the text of an empty grid."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QScrollArea

from missionplanner.checks import Severity
from missionplanner.domain.plan import MissionPlan
from ui import labels
from ui.widgets.schedule_colors import ERROR_COLOR
from ui.widgets.schedule_layout import (
    ScheduleBlock,
    ScheduleLayout,
    day_title,
    long_day_title,
    status_label,
)


class GridTextsPart(QScrollArea):
    """The grid's words, from what it shows."""

    _plan: MissionPlan | None
    _layout: ScheduleLayout

    def empty_text(self) -> str:
        if self._plan is None:
            return self.tr("No mission to show.")
        return self.tr("This mission has no stops, travel or meetings yet.")

    def tooltip_html(self, block: ScheduleBlock) -> str:
        """The tooltip of a block: what, when, where, who, status and its problems."""
        esc = html.escape
        day = long_day_title(block.span.start.date())
        rows = [f"<b>{esc(block.title)}</b>", esc(f"{day}, {block.time_text}")]
        if block.meeting is not None:
            meeting = block.meeting
            if meeting.venue:
                rows.append(esc(meeting.venue))
            count = len(meeting.organization_ids)
            if count:
                rows.append(esc(labels.organizations(count)))
            if meeting.attendee_ids:
                total = len(self._plan.participants) if self._plan else 0
                rows.append(
                    esc(
                        self.tr("Attending: {count} of {participants}").format(
                            count=len(meeting.attendee_ids),
                            participants=labels.participants(total),
                        )
                    )
                )
            else:
                rows.append(esc(self.tr("Attending: the whole delegation")))
            rows.append(
                esc(self.tr("Status: {status}").format(status=status_label(meeting.status)))
            )
        elif block.travel is not None:
            rows.append(esc(block.travel.label))
        for problem in block.problems:
            if problem.severity == Severity.ERROR:
                label, colour = self.tr("Error"), ERROR_COLOR.name()
            else:
                label, colour = self.tr("Warning"), "#b07800"
            details = esc(str(problem.message))
            rows.append(f'<span style="color:{colour}"><b>{esc(label)}:</b></span> {details}')
        return "<p style='white-space:pre-wrap'>" + "<br>".join(rows) + "</p>"

    def day_tooltip_html(self, day: int) -> str:
        column = self._layout.days[day]
        esc = html.escape
        rows = [f"<b>{esc(long_day_title(column.date))}</b>"]
        if column.place_text:
            rows.append(esc(column.place_text))
        if column.zone_change:
            rows.append(esc(self.tr("Clocks change: {zones}").format(zones=column.zone_text)))
        elif column.zone_text:
            rows.append(esc(self.tr("Local time: {zone}").format(zone=column.zone_text)))
        return "<br>".join(rows)

    def _accessible_text(self, block: ScheduleBlock | None) -> str:
        if block is None:
            return self.tr("No meeting selected.")
        return self.tr("{title}, {day}, {time}, {status}").format(
            title=block.title,
            day=day_title(block.span.start.date()),
            time=block.time_text,
            status=status_label(block.status),
        )
