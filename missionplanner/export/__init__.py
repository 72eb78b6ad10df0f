"""PDF documents (reportlab): itineraries and briefing packs, rendered to a stream."""
