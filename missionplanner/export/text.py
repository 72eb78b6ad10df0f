"""User text into reportlab paragraph markup: always data, never markup.

Names such as ``AT&T <Latam>`` or notes holding ``<b>`` must print literally; reportlab
would read them as tags (or open files for ``<img>``). Every user string passes through
:func:`markup`, which escapes it, keeps its line breaks and switches font where the main
font lacks a glyph.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from missionplanner.export.fonts import runs


def markup(text: str) -> str:
    """Escaped paragraph markup for user text, line breaks kept, fonts per run."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts: list[str] = []
    for run in runs(text):
        escaped = escape(run.text).replace("\n", "<br/>")
        if run.font is None:
            parts.append(escaped)
        else:
            parts.append(f'<font face="{run.font}">{escaped}</font>')
    return "".join(parts)


def plain(text: str) -> str:
    """Text for places that take plain text (outline entries, metadata): one line."""
    return " ".join(text.split())
