"""What a printed document can hold, checked before anything is read or written.

A confidentiality line is printed whole on the cover and on one line at the foot of
every page, so it is short; a mission past :data:`MOST_MEETINGS` would take gigabytes
to lay out (the page contents are held until the file is written), so it is refused in
words rather than left for the system to kill.
"""

from __future__ import annotations

from missionplanner.domain.limits import MOST_MEETINGS
from missionplanner.errors import ValidationError
from missionplanner.messages import Message

__all__ = ["MOST_MEETINGS", "confidential_line"]
CONFIDENTIAL_MOST_CHARACTERS = 200
CONFIDENTIAL_MOST_LINES = 3


def confidential_line(text: str | None) -> str | None:
    """The confidentiality line trimmed (None if empty), or a ValidationError naming the
    limit it passes."""
    if text is None:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return None
    if len(text) > CONFIDENTIAL_MOST_CHARACTERS:
        raise ValidationError(
            Message(
                "document.confidential-too-long", n=len(text), most=CONFIDENTIAL_MOST_CHARACTERS
            )
        )
    lines = len(text.split("\n"))
    if lines > CONFIDENTIAL_MOST_LINES:
        raise ValidationError(
            Message("document.confidential-too-many-lines", n=lines, most=CONFIDENTIAL_MOST_LINES)
        )
    return text
