"""Plain domain types and rules: zones, places, enumerations, mission snapshots."""
