"""Which garbage-collector policy a benchmark step process runs under.

The driver passes the choice to its step processes in the environment; each step applies
it before it imports and measures anything, as ``missionplanner`` does at start-up.
"""

from __future__ import annotations

import gc
import os

ENV = "MISSIONPLANNER_BENCH_COLLECTOR"
# cli: the command line's own policy; python: Python's defaults; off: no collection.
CHOICES = ("cli", "python", "off")


def apply_from_environment() -> str:
    choice = os.environ.get(ENV, "cli")
    if choice == "cli":
        from missionplanner.cli import adopt_collector_policy

        adopt_collector_policy()
    elif choice == "off":
        gc.disable()
    return choice
