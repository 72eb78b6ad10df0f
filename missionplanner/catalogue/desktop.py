"""Words of the Linux applications-menu entry (``--install-desktop-entry``)."""

from __future__ import annotations

from missionplanner.messages import N_, Plural

ENTRIES: dict[str, str | Plural] = {
    # What the menu shows.
    "desktop.name": N_("Mission Planner"),
    "desktop.generic-name": N_("Trade mission planner"),
    "desktop.comment": N_("Plan, review and print trade missions"),
    # What the command says.
    "desktop.installed": N_(
        "Added Mission Planner to the applications menu: wrote {entry} and {icon}."
    ),
    "desktop.uninstalled": N_(
        "Removed Mission Planner from the applications menu: deleted {paths:commas}."
    ),
    "desktop.not-installed": N_(
        "Mission Planner was not in the applications menu (there is no {entry}); nothing "
        "was removed."
    ),
    "desktop.linux-only": N_(
        "The applications-menu entry is for Linux desktops. On Windows, pin the bundle's "
        "missionplanner.exe to Start; on macOS, drag Mission Planner.app to Applications "
        "(see the README, Installing)."
    ),
    "desktop.unknown-command": N_(
        "Cannot tell which program the menu should start: run the installed command "
        "itself, as 'missionplanner --install-desktop-entry'."
    ),
    "desktop.alone": N_(
        "--install-desktop-entry and --uninstall-desktop-entry go on their own, without a command."
    ),
}
