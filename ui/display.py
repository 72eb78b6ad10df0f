"""Whether the desktop app can show a window here, checked before Qt is started.

Without a display, or on X11 without the libraries Qt's xcb platform plugin loads,
creating the application object aborts the process with Qt's own advice ("Reinstalling
the application may fix this problem"), which misleads: the application is fine, the
system lacks a display or a package. So this module must not import Qt.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

from missionplanner.errors import MissionPlannerError
from missionplanner.messages import Message

# What Qt's xcb platform plugin loads, and the Debian/Ubuntu package each comes in.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
}


def loads(library: str) -> bool:
    """Whether the system's dynamic loader finds and loads ``library``."""
    try:
        ctypes.CDLL(library)
    except OSError:
        return False
    return True


def _platform(environ: Mapping[str, str]) -> str:
    """The platform plugin Qt is told to use: "xcb" of "xcb;wayland" or "xcb:option"."""
    first = environ.get("QT_QPA_PLATFORM", "").split(";")[0]
    return first.split(":")[0].strip().lower()


def _uses_xcb(environ: Mapping[str, str]) -> bool:
    platform = _platform(environ)
    if platform:
        return platform == "xcb"
    # Left to choose, Qt prefers Wayland in a Wayland session and X11 otherwise.
    wayland = environ.get("WAYLAND_DISPLAY") and environ.get("XDG_SESSION_TYPE") == "wayland"
    return bool(environ.get("DISPLAY")) and not wayland


def check_display(
    environ: Mapping[str, str] | None = None,
    system: str | None = None,
    can_load: Callable[[str], bool] = loads,
) -> None:
    """Raise, in one line a user can act on, when Qt could not show a window here."""
    environ = os.environ if environ is None else environ
    system = sys.platform if system is None else system
    if system in ("win32", "darwin"):
        return
    if _platform(environ) in ("", "xcb") and not (
        environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")
    ):
        raise MissionPlannerError(Message("cli.no-display"))
    if not _uses_xcb(environ):
        return
    missing = [package for library, package in XCB_LIBRARIES.items() if not can_load(library)]
    if missing:
        raise MissionPlannerError(Message("cli.missing-libraries", packages=" ".join(missing)))
