"""What a write changed: the value every core operation returns.

Views update from it: a meeting edit names its meeting and mission, so the window
re-checks that one mission and leaves the directory alone; an import names every
mission it touched; a restore or a new database says ``everything``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# The record kinds, as ``Changes.kinds`` and deletion records name them.
MISSION = "mission"
STOP = "stop"
TRAVEL = "travel"
PARTICIPANT = "participant"
MEETING = "meeting"
FOLLOW_UP = "follow-up"
ORGANIZATION = "organization"
CONTACT = "contact"
KINDS = (ORGANIZATION, CONTACT, MISSION, PARTICIPANT, STOP, TRAVEL, MEETING, FOLLOW_UP)


@dataclass(frozen=True, slots=True)
class Changes:
    """Records that changed, by kind and id, and the missions they belong to."""

    records: frozenset[tuple[str, str]] = frozenset()  # (kind, id)
    missions: frozenset[str] = frozenset()
    # The whole database may differ (a restore, another file): reload everything.
    everything: bool = False

    @classmethod
    def of(cls, kind: str, record_id: str, mission_id: str | None = None) -> Changes:
        return cls(frozenset({(kind, record_id)}), frozenset({mission_id} if mission_id else ()))

    @classmethod
    def many(cls, records: Iterable[tuple[str, str]], missions: Iterable[str] = ()) -> Changes:
        return cls(frozenset(records), frozenset(m for m in missions if m))

    @classmethod
    def all(cls) -> Changes:
        return cls(everything=True)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.records | other.records,
            self.missions | other.missions,
            self.everything or other.everything,
        )

    def __bool__(self) -> bool:
        return self.everything or bool(self.records) or bool(self.missions)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(kind for kind, _id in self.records)

    def ids(self, kind: str) -> frozenset[str]:
        return frozenset(
            record_id for record_kind, record_id in self.records if record_kind == kind
        )

    def touches(self, *kinds: str) -> bool:
        """Whether records of any of ``kinds`` changed (always, after ``everything``)."""
        return self.everything or bool(self.kinds & set(kinds))

    def touches_mission(self, mission_id: str) -> bool:
        return self.everything or mission_id in self.missions
