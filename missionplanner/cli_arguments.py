"""argparse's complaints about what was typed, said in one line with a pointer to --help.

argparse prints its usage and then a terse line ("argument COMMAND: invalid choice:
…"); a trip organizer needs the one line saying what is wrong and where to look. Its
messages are matched by their shape; one not recognized is still said, in its words.
"""

from __future__ import annotations

import difflib
import re

from missionplanner.messages import Message

_ARGUMENT = re.compile(r"^argument (?P<name>[^:]+): (?P<problem>.*)$", re.DOTALL)
_CHOICE = re.compile(
    r"^invalid choice: '(?P<value>.*)' \(choose from (?P<choices>.*)\)$", re.DOTALL
)
_UNKNOWN = "unrecognized arguments: "
_REQUIRED = "the following arguments are required: "
_ONE_VALUE = "expected one argument"
_AMBIGUOUS = re.compile(r"^ambiguous option: (?P<option>\S+) could match (?P<matches>.*)$")
# How argparse names the sub-command (the metavar given to add_subparsers).
COMMAND_NAME = "COMMAND"


def _choices(text: str) -> tuple[str, ...]:
    # Python 3.11 quotes each choice ('demo', 'import'); later versions do not.
    return tuple(choice.strip().strip("'") for choice in text.split(","))


def _choice(name: str, value: str, choices: tuple[str, ...]) -> Message:
    close = difflib.get_close_matches(value, choices, n=1)
    if name == COMMAND_NAME:
        if close:
            return Message("arguments.unknown-command-like", value=value, close=close[0])
        return Message("arguments.unknown-command", value=value)
    if close:
        return Message("arguments.bad-choice-like", name=name, value=value, close=close[0])
    return Message("arguments.bad-choice", name=name, value=value, choices=choices)


def _problem(message: str) -> Message:
    if message.startswith(_UNKNOWN):
        return Message("arguments.unknown", what=message.removeprefix(_UNKNOWN))
    if message.startswith(_REQUIRED):
        return Message("arguments.missing", what=message.removeprefix(_REQUIRED))
    ambiguous = _AMBIGUOUS.match(message)
    if ambiguous:
        return Message(
            "arguments.ambiguous",
            option=ambiguous["option"],
            matches=tuple(ambiguous["matches"].split(", ")),
        )
    argument = _ARGUMENT.match(message)
    if argument:
        name, problem = argument["name"], argument["problem"]
        choice = _CHOICE.match(problem)
        if choice:
            return _choice(name, choice["value"], _choices(choice["choices"]))
        if problem == _ONE_VALUE:
            return Message("arguments.needs-value", name=name)
        return Message("arguments.argument", name=name, problem=problem)
    return Message("arguments.other", problem=message)


def explain(prog: str, message: str) -> Message:
    """One line for argparse's ``message`` about the command ``prog`` (``missionplanner
    check``), ending with where the command's options are described."""
    return Message("arguments.line", problem=_problem(message), help=f"{prog} --help")
