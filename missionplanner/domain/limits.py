"""How large a mission may grow: the size the app can still check, show and print.

A mission past :data:`MOST_MEETINGS` would take gigabytes to check and lay out; it is
refused where it comes in (a mission file) and where it goes out (documents), in words.
"""

from __future__ import annotations

MOST_MEETINGS = 5_000
