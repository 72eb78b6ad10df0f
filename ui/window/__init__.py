"""The parts of the main window, one job each."""
