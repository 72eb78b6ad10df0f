"""The English words of every message code, grouped by the part of the core that speaks.

Each module holds an ``ENTRIES`` mapping of code to template (``N_``) or plural forms
(``NP_``); the markers let a translation extractor find every template. Codes are
stable: callers and tests may rely on them; the words may change.
"""

from __future__ import annotations

from missionplanner.catalogue import (
    arguments,
    backups,
    checks,
    cli,
    columns,
    contacts,
    days,
    desktop,
    documents,
    files,
    general,
    lookups,
    mission_file,
    progress,
    records,
    rules,
    store,
)
from missionplanner.messages import Plural

CATALOGUE: dict[str, str | Plural] = {}
_AREAS = [
    general,
    mission_file,
    records,
    rules,
    checks,
    store,
    backups,
    files,
    lookups,
    documents,
    progress,
    cli,
    columns,
    days,
    contacts,
    arguments,
    desktop,
]
for _module in _AREAS:
    _overlap = CATALOGUE.keys() & _module.ENTRIES.keys()
    if _overlap:
        raise RuntimeError(f"message codes defined twice: {sorted(_overlap)}")
    CATALOGUE.update(_module.ENTRIES)
