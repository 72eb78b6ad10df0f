"""Mission Planner in the applications menu of Linux desktops (freedesktop.org).

``missionplanner --install-desktop-entry`` writes ``missionplanner.desktop`` to
``$XDG_DATA_HOME/applications/`` and the app's icon to the hicolor theme in
``$XDG_DATA_HOME/icons/``; ``--uninstall-desktop-entry`` removes both. The entry starts
the very command that wrote it, by its absolute path, so it works for an installed
tool, a virtual environment or a self-contained bundle alike.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import BinaryIO

from missionplanner import wording
from missionplanner.errors import MissionPlannerError
from missionplanner.messages import Message
from missionplanner.paths import resource

# The desktop file ID and the icon name; the app announces the same name to the
# desktop (ui/app.py), so its windows are grouped under this entry.
APP_ID = "missionplanner"
CATEGORIES = "Office;ProjectManagement;"
# Characters that make the Desktop Entry Specification quote an Exec argument.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def add_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add Mission Planner to the applications menu (Linux), then stop",
    )
    group.add_argument(
        "--uninstall-desktop-entry",
        action="store_true",
        help="remove it from the applications menu again, then stop",
    )


def asked(args: argparse.Namespace) -> bool:
    return bool(args.install_desktop_entry or args.uninstall_desktop_entry)


def run(args: argparse.Namespace) -> Message:
    """Install or remove the entry as ``args`` asks; returns the one line to print."""
    if args.command is not None:
        raise MissionPlannerError(Message("desktop.alone"))
    if sys.platform in ("win32", "darwin"):
        raise MissionPlannerError(Message("desktop.linux-only"))
    if args.install_desktop_entry:
        return install(running_command())
    return uninstall()


def data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset or not absolute."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".local" / "share"


def entry_path() -> Path:
    return data_home() / "applications" / f"{APP_ID}.desktop"


def icon_path() -> Path:
    return data_home() / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"


def running_command() -> Path:
    """The absolute path of the program now running, as the menu should start it."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable)
    launched = sys.argv[0] if sys.argv else ""
    if launched and os.sep not in launched:
        launched = shutil.which(launched) or ""
    # Kept as typed, not resolved: a link in a bin folder survives upgrades of its target.
    command = Path(launched).absolute() if launched else None
    if command is None or command.suffix == ".py" or not os.access(command, os.X_OK):
        raise MissionPlannerError(Message("desktop.unknown-command"))
    return command


def install(command: Path) -> Message:
    # Imported here so that the command line's start (which adds the options) stays light.
    from missionplanner.io.atomic import write_atomically, write_text_atomically

    entry, icon = entry_path(), icon_path()
    _make_folder(entry.parent)
    _make_folder(icon.parent)
    picture = resource("icons", "app.svg").read_bytes()

    def write_icon(out: BinaryIO) -> None:
        out.write(picture)

    write_atomically(icon, write_icon, binary=False)
    write_text_atomically(entry, desktop_file(command))
    return Message("desktop.installed", entry=entry, icon=icon)


def uninstall() -> Message:
    from missionplanner.io.targets import cannot_write

    removed = []
    for path in (entry_path(), icon_path()):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise cannot_write(str(path), error) from error
        removed.append(str(path))
    if not removed:
        return Message("desktop.not-installed", entry=entry_path())
    return Message("desktop.uninstalled", paths=tuple(removed))


def desktop_file(command: Path) -> str:
    """The ``.desktop`` file that starts ``command``."""
    exec_line = _string(_exec_argument(str(command)))
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.5",
        f"Name={_string(wording.render(Message('desktop.name')))}",
        f"GenericName={_string(wording.render(Message('desktop.generic-name')))}",
        f"Comment={_string(wording.render(Message('desktop.comment')))}",
        f"Exec={exec_line}",
        f"TryExec={_string(str(command))}",
        f"Icon={APP_ID}",
        "Terminal=false",
        f"Categories={CATEGORIES}",
        "StartupNotify=true",
    ]
    return "\n".join(lines) + "\n"


def _exec_argument(text: str) -> str:
    """One argument of an Exec key: quoted when it must be, ``%`` doubled."""
    text = text.replace("%", "%%")
    if not _RESERVED.intersection(text):
        return text
    escaped = "".join("\\" + ch if ch in '"`$\\' else ch for ch in text)
    return f'"{escaped}"'


def _string(text: str) -> str:
    """A value of type string: backslashes and line ends escaped."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def _make_folder(folder: Path) -> None:
    from missionplanner.io.targets import cannot_write

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise cannot_write(str(folder), error) from error
