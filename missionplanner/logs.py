"""The rotating log file, where unexpected errors leave their details for support."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import platformdirs

from missionplanner.paths import APP_NAME

LOG_FILENAME = "missionplanner.log"


def log_file() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)) / LOG_FILENAME


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send log records to the rotating log file; returns its path, or None if unwritable."""
    path = log_file()
    root = logging.getLogger()
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path
