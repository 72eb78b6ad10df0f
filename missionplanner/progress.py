"""Progress reports and cancellation for long work, through plain callbacks.

The core knows nothing of threads or dialogs: a caller passes a Progress whose callbacks
the desktop app turns into a progress dialog with a Cancel button.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from missionplanner.errors import MissionPlannerError
from missionplanner.messages import Message, Words


class Cancelled(MissionPlannerError):
    """The user cancelled the work; everything it had done was rolled back."""


def _ignore(_text: str) -> None:
    return None


def _never() -> bool:
    return False


@dataclass
class Progress:
    report: Callable[[str], None] = field(default=_ignore)
    cancelled: Callable[[], bool] = field(default=_never)

    def step(self, text: Words) -> None:
        """Say what is being done next; stop here if the user asked to cancel.

        ``report`` receives the words (a message is rendered here).
        """
        if self.cancelled():
            raise Cancelled(Message("progress.cancelled"))
        from missionplanner.wording import render

        self.report(render(text))


SILENT = Progress()
