"""Backups of a database and restoring one, for the app and the command line.

Backups go to the user data folder, one folder per database
(``backups/<name>-<short hash of its path>/``), named by their time in UTC:
``plan-20261005-142233Z.sqlite``. Each is made with SQLite's online backup API and
verified with ``PRAGMA integrity_check`` before it takes its name. The folder keeps the
last :data:`KEEP_LAST` backups plus the newest of each of the last :data:`KEEP_DAYS` days.

Restoring refuses anything that is not a Mission Planner database, keeps a verified copy
of the current database first, and replaces the file in one rename: the database is
either the old one or the restored one, never half of each.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from missionplanner.domain.changes import Changes
from missionplanner.errors import (
    DatabaseFileError,
    MissionPlannerError,
    NotADatabaseError,
    SchemaTooNewError,
)
from missionplanner.io.atomic import remove_stale_temporaries, temporary_name
from missionplanner.io.targets import OutputKind, resolve_output
from missionplanner.messages import Message
from missionplanner.paths import backup_folder as backup_folder
from missionplanner.paths import make_private_folder
from missionplanner.store import migrate
from missionplanner.store.backup import COPY_MODE, backup_database, fsync_folder, sidecars
from missionplanner.store.classify import FileKind, classify
from missionplanner.store.in_use import InUse

log = logging.getLogger(__name__)

BACKUP_INTERVAL = timedelta(minutes=30)
KEEP_LAST = 10
KEEP_DAYS = 14
BEFORE_RESTORE = "before-restore"
DAMAGED = "damaged"
# Leftovers of a backup that was interrupted (the process killed) are removed after this.
STALE_PARTIAL = timedelta(hours=1)
# How long a restore waits for others to finish reading before calling the file in use.
IN_USE_WAIT_SECONDS = 2.0

_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(
    r"^(?P<stem>.*)-(?P<stamp>\d{8}-\d{6})Z(?:-(?P<label>" + BEFORE_RESTORE + r"))?\.sqlite$"
)
_OURS = (FileKind.CURRENT, FileKind.OUTDATED, FileKind.TOO_NEW)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: where it is, when it was made (UTC), how big it is."""

    path: Path
    created: datetime
    size: int
    before_restore: bool = False

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    restored_from: Path
    # The database as it was before, or None when there was nothing to keep.
    kept: Path | None
    # True when the old file was damaged and kept byte for byte instead of verified.
    kept_damaged: bool = False
    # True when the backup came from an older version (it is upgraded when opened).
    needs_upgrade: bool = False

    @property
    def changes(self) -> Changes:
        """A restore replaces the whole database: every view reloads."""
        return Changes.all()

    def messages(self) -> list[Message]:
        """What was done, one message a line (``wording.lines`` gives the words)."""
        said = [Message("restore.done", database=self.database, backup=self.restored_from.name)]
        if self.kept is None:
            said.append(Message("restore.nothing-kept"))
        elif self.kept_damaged:
            said.append(Message("restore.kept-damaged", kept=self.kept))
        else:
            said.append(Message("restore.kept", kept=self.kept))
        if self.needs_upgrade:
            said.append(Message("restore.upgraded-on-open"))
        return said


# --- where backups live --------------------------------------------------------------


def backup_name(stem: str, created: datetime, label: str = "") -> str:
    stamp = created.astimezone(UTC).strftime(_STAMP)
    return f"{stem}-{stamp}Z{'-' + label if label else ''}.sqlite"


def _parse(path: Path) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if match is None or not path.is_file():
        return None
    try:
        created = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupInfo(path, created, size, before_restore=match["label"] == BEFORE_RESTORE)


def list_backups(database: Path) -> list[BackupInfo]:
    """The backups of ``database``, newest first."""
    folder = backup_folder(database)
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found = [info for info in map(_parse, entries) if info is not None]
    return sorted(found, key=lambda info: (info.created, info.name), reverse=True)


# --- what to keep --------------------------------------------------------------------


def backups_to_keep(
    stamps: Sequence[datetime],
    now: datetime,
    *,
    keep_last: int = KEEP_LAST,
    keep_days: int = KEEP_DAYS,
) -> set[datetime]:
    """Which backup times to keep: the newest ``keep_last``, plus the newest of each of
    the last ``keep_days`` days (today included).

    Days are the calendar dates of ``stamps`` and ``now`` as given, so pass them in the
    zone whose days count (the user's local time). Backups dated after ``now`` (a clock
    that was wrong) are among the newest, so they are kept.
    """
    newest_first = sorted(set(stamps), reverse=True)
    keep = set(newest_first[:keep_last])
    today = now.date()
    window = {today - timedelta(days=back) for back in range(keep_days)}
    seen_days: set[object] = set()
    for stamp in newest_first:
        day = stamp.date()
        if day in window and day not in seen_days:
            seen_days.add(day)
            keep.add(stamp)
    return keep


def prune_backups(database: Path, now: datetime | None = None) -> list[Path]:
    """Remove the backups the rotation no longer keeps; returns the removed files.

    A file that cannot be removed is left (and logged): pruning never fails a backup.
    """
    now = now or datetime.now(UTC)
    backups = list_backups(database)
    local_now = now.astimezone()
    keep = backups_to_keep([b.created.astimezone() for b in backups], local_now)
    removed: list[Path] = []
    for info in backups:
        if info.created.astimezone() in keep:
            continue
        try:
            info.path.unlink()
            removed.append(info.path)
        except OSError as error:
            log.warning("could not remove old backup %s: %s", info.path, error)
    _remove_stale_partials(backup_folder(database), now)
    return removed


def _remove_stale_partials(folder: Path, now: datetime) -> None:
    """Copies left half-written by a process that was killed, once clearly abandoned."""
    limit = now.timestamp() - STALE_PARTIAL.total_seconds()
    try:
        leftovers = [p for p in folder.iterdir() if ".partial" in p.name]
    except OSError:
        return
    for path in leftovers:
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass


# --- making backups ------------------------------------------------------------------


def _require_database(database: Path) -> None:
    if not database.exists():
        raise DatabaseFileError(Message("backup.no-database", path=database))
    if database.is_dir():
        raise DatabaseFileError(Message("backup.database-is-folder", path=database))


def _free_name(folder: Path, stem: str, created: datetime, label: str) -> tuple[Path, datetime]:
    """A name not yet taken; a second backup in the same second is dated a second later
    (so no two backups of a database share a time, which the rotation relies on)."""
    created = created.astimezone(UTC).replace(microsecond=0)
    while any((folder / backup_name(stem, created, x)).exists() for x in ("", BEFORE_RESTORE)):
        created += timedelta(seconds=1)
    return folder / backup_name(stem, created, label), created


def make_backup(
    database: Path,
    *,
    now: datetime | None = None,
    before_restore: bool = False,
    prune: bool = True,
) -> BackupInfo:
    """A verified backup of ``database`` in its backup folder; then old ones are pruned."""
    database = Path(database)
    _require_database(database)
    now = now or datetime.now(UTC)
    folder = backup_folder(database)
    label = BEFORE_RESTORE if before_restore else ""
    try:
        make_private_folder(folder.parent)  # the backups of every database
        make_private_folder(folder)
    except OSError as error:
        raise DatabaseFileError(
            Message("file.cannot-write", path=folder, reason=error.strerror or str(error))
        ) from error
    path, created = _free_name(folder, database.stem, now, label)
    backup_database(database, path)
    info = BackupInfo(path, created, path.stat().st_size, before_restore=before_restore)
    if prune:
        prune_backups(database, now)
    return info


def backup_to_file(database: Path, target: Path) -> BackupInfo:
    """A verified backup of ``database`` at a place the user chose (not rotated).

    The place is checked as every export's is (never the database, its files or its
    backups; the folder must exist); a symbolic link has its target written, and a file
    replaced keeps its permissions. Devices, pipes and standard output are refused: a
    database copy is made in place, by SQLite.
    """
    database, target = Path(database), Path(target)
    _require_database(database)
    try:
        output = resolve_output(target, protect=database)
    except MissionPlannerError as error:
        raise DatabaseFileError(error.words) from error
    if output.kind not in (OutputKind.NEW, OutputKind.FILE):
        raise DatabaseFileError(Message("backup.target-not-a-file", path=target))
    real = output.real
    remove_stale_temporaries(real.parent, real.name)
    try:
        backup_database(
            database,
            real,
            partial=real.with_name(temporary_name(real.name)),
            mode=output.mode if output.mode is not None else COPY_MODE,
            make_folder=False,
        )
    except DatabaseFileError as error:
        if isinstance(error.__cause__, OSError):
            raise DatabaseFileError(
                Message("file.cannot-write", path=target, reason=_reason(error.__cause__))
            ) from error
        raise
    return BackupInfo(target, datetime.now(UTC).replace(microsecond=0), real.stat().st_size)


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def backup_is_due(
    last: datetime | None,
    now: datetime,
    changed: bool,
    interval: timedelta = BACKUP_INTERVAL,
) -> bool:
    """Whether to back up now: only after changes, and ``interval`` after the last one
    (or if the clock was set back by more than ``interval`` since)."""
    if not changed:
        return False
    return last is None or now - last >= interval or last - now > interval


def backup_if_due(
    db_path: Path,
    last: datetime | None,
    now: datetime,
    changed: bool,
    *,
    interval: timedelta = BACKUP_INTERVAL,
) -> BackupInfo | None:
    """For the app: back up after changes, at most every ``interval``; None if not due.

    ``last`` is when the previous backup was made (None if never); on closing, pass
    ``interval=timedelta(0)`` so changes are always saved.
    """
    if not backup_is_due(last, now, changed, interval):
        return None
    return make_backup(db_path, now=now)


# --- restoring -----------------------------------------------------------------------

_REFUSALS = {
    FileKind.EMPTY: Message("restore.why.empty"),
    FileKind.NOT_SQLITE: Message("restore.why.not-sqlite"),
    FileKind.FOREIGN: Message("restore.why.foreign"),
    FileKind.CORRUPT: Message("restore.why.corrupt"),
    FileKind.NO_VERSION: Message("restore.why.no-version"),
}


def check_restorable(backup: Path, database: Path) -> FileKind:
    """Refuse (with a message for people) a file that cannot be restored over ``database``.

    Reads only. Returns the backup's kind (current, or outdated: upgraded when opened).
    """
    backup, database = Path(backup), Path(database)
    if not backup.exists():
        raise DatabaseFileError(Message("restore.no-file", path=backup))
    if backup.is_dir():
        raise DatabaseFileError(Message("restore.is-folder", path=backup))
    live = {database.resolve(), *(p.resolve() for p in sidecars(database))}
    if backup.resolve() in live:
        raise DatabaseFileError(Message("restore.is-the-database", path=backup))
    try:
        verdict = classify(backup, migrate.known_revisions(), migrate.head_revision())
    except OSError as error:
        raise DatabaseFileError(
            Message("restore.unreadable", path=backup, reason=error.strerror or str(error))
        ) from error
    kind = verdict.kind
    if kind in _REFUSALS:
        raise NotADatabaseError(Message("restore.not-ours", name=backup.name, why=_REFUSALS[kind]))
    if kind is FileKind.UNEXPECTED:
        raise NotADatabaseError(Message("restore.not-ours", name=backup.name, why=verdict.problem))
    if kind is FileKind.DISK_FULL:
        raise DatabaseFileError(Message("restore.disk-full", name=backup.name))
    if kind is FileKind.UNREADABLE:
        raise DatabaseFileError(Message("restore.unreadable", path=backup, reason=verdict.problem))
    if kind is FileKind.TOO_NEW:
        raise SchemaTooNewError(
            Message("restore.too-new", name=backup.name, revision=verdict.revision)
        )
    return kind


def _keep_damaged(database: Path, now: datetime) -> Path:
    """A byte-for-byte copy of a damaged database (and its WAL), for later rescue."""
    folder = backup_folder(database)
    stamp = now.astimezone(UTC).strftime(_STAMP)
    target = folder / f"{database.stem}-{stamp}Z-{DAMAGED}.sqlite"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for source, copy in zip(
            (database, *sidecars(database)), (target, *sidecars(target)), strict=True
        ):
            if source.exists():
                partial = copy.with_name(copy.name + ".partial")
                shutil.copyfile(source, partial)
                os.replace(partial, copy)
    except OSError as error:
        raise DatabaseFileError(
            Message("restore.cannot-keep", reason=error.strerror or str(error))
        ) from error
    return target


def _keep_current(database: Path, now: datetime) -> tuple[Path | None, bool]:
    """Keep the database as it is before it is replaced: (the copy, whether damaged)."""
    if not database.exists():
        return None, False
    kind = classify(database, migrate.known_revisions(), migrate.head_revision()).kind
    if kind is FileKind.DISK_FULL:
        raise DatabaseFileError(Message("restore.disk-full", name=database.name))
    if kind is FileKind.FOREIGN:
        raise NotADatabaseError(Message("restore.target-foreign", name=database.name))
    if kind is FileKind.EMPTY:
        return None, False
    if kind in _OURS:
        try:
            return make_backup(database, now=now, before_restore=True, prune=False).path, False
        except DatabaseFileError as error:
            log.warning("verified copy before restore failed (%s); copying as it is", error)
    return _keep_damaged(database, now), True


def _fold_wal(database: Path) -> None:
    """Write the WAL back into the file; refuse if another program is using it."""
    if not database.with_name(database.name + "-wal").exists():
        return
    try:
        connection = sqlite3.connect(database, timeout=IN_USE_WAIT_SECONDS)
    except sqlite3.Error:
        return
    try:
        busy, _log, _done = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error:
        return  # a damaged file: it was kept byte for byte, and is replaced now
    finally:
        connection.close()
    if busy:
        raise DatabaseFileError(Message("restore.in-use", name=database.name))


def restore(backup: Path, target: Path, *, now: datetime | None = None) -> RestoreResult:
    """Replace the database ``target`` with the backup ``backup``.

    The backup is checked first (a file that is not a Mission Planner database is
    refused), then copied next to the target and verified; the current database is kept
    as a backup; then one rename puts the copy in place. On any failure the target is
    left as it was. Close every connection to ``target`` before calling this.
    """
    backup, target = Path(backup), Path(target)
    now = now or datetime.now(UTC)
    kind = check_restorable(backup, target)
    # Held alone while the file is swapped: an import or an app using it makes us refuse,
    # and whatever starts meanwhile waits until the new file is in place.
    guard = InUse(target)
    if not guard.take_alone():
        guard.release()
        raise DatabaseFileError(Message("restore.busy", name=target.name))
    staging = target.with_name(target.name + ".restoring")
    try:
        try:
            backup_database(backup, staging, source_at_rest=True)
        except DatabaseFileError as error:
            raise DatabaseFileError(
                Message("restore.copy-failed", name=backup.name, reason=error.words)
            ) from error
        kept, damaged = _keep_current(target, now)
        if target.exists():
            _fold_wal(target)
        # The old WAL must go before the new file arrives: replayed into it, it would
        # corrupt it. The old database was written back into its file (and kept) above.
        for leftover in sidecars(target):
            leftover.unlink(missing_ok=True)
        os.replace(staging, target)
        fsync_folder(target.parent)
    except OSError as error:
        raise DatabaseFileError(
            Message("restore.cannot-replace", path=target, reason=error.strerror or str(error))
        ) from error
    finally:
        for leftover in (staging, *sidecars(staging)):
            leftover.unlink(missing_ok=True)
        guard.release()
    return RestoreResult(
        database=target,
        restored_from=backup,
        kept=kept,
        kept_damaged=damaged,
        needs_upgrade=kind is FileKind.OUTDATED,
    )


def describe_size(size: int) -> Message:
    """A file size for people: 512 bytes, 84 KB, 3.2 MB (decimal units, as file managers
    show them)."""
    if size < 1000:
        return Message("size.bytes", n=size)
    if size < 1000**2:
        return Message("size.kilobytes", value=_figures(size / 1000))
    if size < 1000**3:
        return Message("size.megabytes", value=_figures(size / 1000**2))
    return Message("size.gigabytes", value=_figures(size / 1000**3))


def _figures(value: float) -> float:
    """One decimal below ten (3.2), whole numbers above (84)."""
    return round(value, 1) if value < 10 else round(value)
