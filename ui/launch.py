"""The ``missionplanner`` command: the core's command line, or the desktop app.

The core parses every argument; with no command it hands back what to open, and only
here is the desktop app imported (late, so ``--version`` and the commands never load
Qt, and a machine without it still runs them).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from missionplanner import cli
from missionplanner.errors import MissionPlannerError
from missionplanner.messages import Message


def open_desktop(request: cli.DesktopRequest) -> int:
    """Start the desktop app on the database asked for; returns its exit code."""
    from ui.display import check_display

    check_display()
    try:
        from ui.app import run
    except ImportError as error:
        raise MissionPlannerError(Message("cli.desktop-unavailable", reason=str(error))) from error
    return run(request.database, read_only=request.read_only, reopen_last=request.reopen_last)


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, desktop=open_desktop)


if __name__ == "__main__":
    sys.exit(main())
