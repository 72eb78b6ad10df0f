"""Pausing Python's cyclic garbage collector around bulk work.

Imports, the directory list and briefing packs build hundreds of thousands of objects
that are alive together and hardly ever in cycles. Each full collection walks them all:
about 40 % of a large import, and a quarter of a large pack's layout time.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Keep the collector off inside the block; leave it as it was found afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
