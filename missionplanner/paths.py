"""The one place that knows where shipped files live and where user data goes.

Shipped files (demo data, migrations, later icons and fonts) are found inside an
installed wheel (``missionplanner/_data/``) first and in a source checkout second; an
editable install has no ``_data`` folder, so the checkout is the fallback.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs

from missionplanner.errors import MissionPlannerError
from missionplanner.messages import Message

APP_NAME = "MissionPlanner"
DATABASE_ENV = "MISSIONPLANNER_DB"
DATABASE_FILENAME = "missionplanner.sqlite"
DEMO_DATABASE_FILENAME = "demo.sqlite"

_PACKAGE_DIR = Path(__file__).resolve().parent
_INSTALLED_DATA = _PACKAGE_DIR / "_data"
_CHECKOUT_ROOT = _PACKAGE_DIR.parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.exists():
            return candidate
    raise MissionPlannerError(Message("file.own-files-missing", name=candidates[0].name))


def resources_dir() -> Path:
    return _first_existing(_INSTALLED_DATA / "resources", _CHECKOUT_ROOT / "resources")


def migrations_dir() -> Path:
    return _first_existing(_INSTALLED_DATA / "migrations", _CHECKOUT_ROOT / "db" / "migrations")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def demo_mission_file() -> Path:
    return resource("demo", "missions.json")


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    """``MISSIONPLANNER_DB`` if set, else the database in the user data folder."""
    override = os.environ.get(DATABASE_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return user_data_dir() / DATABASE_FILENAME


def demo_database_path() -> Path:
    """The database ``--demo`` uses, apart from the user's own."""
    return user_data_dir() / DEMO_DATABASE_FILENAME


def is_demo_database(path: Path) -> bool:
    """Whether ``path`` is the demo database (by whatever name it was reached)."""
    try:
        return Path(path).resolve() == demo_database_path().resolve()
    except (OSError, RuntimeError):
        return False


def backup_folder(database: Path) -> Path:
    """The folder of ``database``'s backups: its name and a short hash of its full path."""
    resolved = Path(database).resolve()
    key = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:8]
    return user_data_dir() / "backups" / f"{resolved.stem}-{key}"


PRIVATE_FOLDER_MODE = 0o700


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` (and missing parents) readable by its owner only.

    An existing folder of ours is made private too; one that cannot be changed (owned by
    someone else, or on a file system without permissions) is left as it is.
    """
    folder.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    try:
        if folder.stat().st_mode & 0o777 != PRIVATE_FOLDER_MODE:
            folder.chmod(PRIVATE_FOLDER_MODE)
    except OSError:
        pass
