"""The Mission Planner desktop app (PySide6). It imports ``missionplanner``; never the reverse."""
