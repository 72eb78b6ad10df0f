"""The database: schema, engine set-up, opening and upgrading files, units of work."""
