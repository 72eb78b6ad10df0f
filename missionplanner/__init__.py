"""Mission Planner core: trade missions, their cities, travel and meetings."""

__version__ = "0.1.0"
