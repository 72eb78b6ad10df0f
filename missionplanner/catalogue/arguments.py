"""Words for what was typed on the command line and could not be understood.

``problem`` is argparse's own phrase, as it said it; ``what`` the words typed or missing.
"""

from __future__ import annotations

from missionplanner.messages import N_, Plural

ENTRIES: dict[str, str | Plural] = {
    "arguments.line": N_("{problem}. See {help:quoted}."),
    "arguments.unknown-command": N_("unknown command {value:quoted}"),
    "arguments.unknown-command-like": N_(
        "unknown command {value:quoted} (did you mean {close:quoted}?)"
    ),
    "arguments.bad-choice": N_("{name} cannot be {value:quoted}: choose {choices:quoted-or}"),
    "arguments.bad-choice-like": N_(
        "{name} cannot be {value:quoted} (did you mean {close:quoted}?)"
    ),
    "arguments.unknown": N_("not understood: {what}"),
    "arguments.missing": N_("missing: {what}"),
    "arguments.ambiguous": N_("{option} is short for more than one option: {matches:or}"),
    "arguments.needs-value": N_("{name} needs a value after it"),
    "arguments.argument": N_("{name}: {problem}"),
    "arguments.other": N_("{problem}"),
}
