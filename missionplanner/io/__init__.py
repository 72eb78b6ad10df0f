"""Getting data in and out: the mission file (JSON), later spreadsheets and calendars."""
