"""Printing to a terminal safely: every line the command line prints goes through here.

Text from a database or a file may hold what a terminal would act on instead of showing
(an escape sequence that recolours or clears the screen, a bell, a carriage return that
writes over the line): data stored before the rules refused it, a file's name. Each such
character is shown as a visible escape (``\\u001b``), which also keeps JSON output valid.
A character the terminal's encoding cannot show (a file name's stray byte) is written as
an escape too, never as an error: a line printed after an import has committed must not
turn it into a failure.

A reader that stops early (``missionplanner missions | head -1``) closes the pipe; that
is not an error of the command, which goes on quietly and ends with its own exit code
(an import still commits, a refusal is still said on standard error).
"""

from __future__ import annotations

import os
import sys
import unicodedata
from typing import Protocol


class Stream(Protocol):
    """Where lines go: standard output or error, or anything written to like them."""

    def write(self, text: str, /) -> object: ...


# What a line may keep: line breaks and tabs are layout, not commands.
_KEPT = "\n\t"


def _shown(char: str) -> str:
    if char in _KEPT:
        return char
    if unicodedata.category(char) in ("Cc", "Cs") or char in "\u2028\u2029":
        return f"\\u{ord(char):04x}"
    return char


def visible(text: str) -> str:
    """``text`` with every control character and lone surrogate written as an escape."""
    if text.isprintable():
        return text
    return "".join(_shown(char) for char in text)


def one_line(text: str) -> str:
    """``text`` made visible and kept on one line (a title printed next to an id)."""
    return visible(text.replace("\r\n", "\n")).replace("\n", "\\n").replace("\t", " ")


def _encodable(text: str, stream: Stream) -> str:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return text.encode(encoding, "backslashreplace").decode(encoding)
    except LookupError:
        return text.encode("ascii", "backslashreplace").decode("ascii")


def write(text: str, stream: Stream | None = None, end: str = "\n") -> None:
    """Print ``text`` as one or more lines, made visible and encodable."""
    target = sys.stdout if stream is None else stream
    try:
        target.write(_encodable(visible(text), target) + end)
    except BrokenPipeError:
        pipe_closed(target)


def error(text: str) -> None:
    """Print ``text`` on standard error, after what standard output holds so far."""
    flush()
    write(text, sys.stderr)


def flush() -> None:
    """Send what standard output holds now, so a closed pipe shows here, not at exit."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pipe_closed(sys.stdout)


def pipe_closed(stream: Stream) -> None:
    """The reader of ``stream`` has gone (``| head`` read all it wanted): what is still
    printed goes nowhere, and the command ends as it would have.

    The stream is pointed at the null device, so the rest of its writes, and the flush
    Python makes at exit, do not fail in turn.
    """
    try:
        fileno = stream.fileno()  # type: ignore[attr-defined]
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fileno)
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass  # not a file (a test's capture): nothing more is flushed at exit
