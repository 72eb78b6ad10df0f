"""Words of the contact import (missionplanner.services.contact_import): the fields a
column can hold, the plan, rejected rows, possible duplicates and the report."""

from __future__ import annotations

from missionplanner.messages import N_, NP_, Plural

ENTRIES: dict[str, str | Plural] = {
    # The fields a column of the spreadsheet can hold.
    "contacts.field.organization": N_("Organization"),
    "contacts.field.kind": N_("Kind of organization"),
    "contacts.field.city": N_("City"),
    "contacts.field.country": N_("Country"),
    "contacts.field.website": N_("Website"),
    "contacts.field.sectors": N_("Sectors"),
    "contacts.field.profile": N_("Profile"),
    "contacts.field.name": N_("Contact name"),
    "contacts.field.first_name": N_("Contact first name"),
    "contacts.field.last_name": N_("Contact last name"),
    "contacts.field.title": N_("Contact title"),
    "contacts.field.email": N_("Contact e-mail"),
    "contacts.field.phone": N_("Contact phone"),
    "contacts.field.notes": N_("Notes"),
    # What an update changes, by the record's field.
    "contacts.changed.kind": N_("kind"),
    "contacts.changed.city": N_("city"),
    "contacts.changed.country": N_("country"),
    "contacts.changed.website": N_("website"),
    "contacts.changed.profile": N_("profile"),
    "contacts.changed.sectors": N_("sectors"),
    "contacts.changed.title": N_("title"),
    "contacts.changed.email": N_("e-mail"),
    "contacts.changed.phone": N_("phone"),
    "contacts.changed.notes": N_("notes"),
    # The columns.
    "contacts.not-a-field": N_(
        "{value:quoted} is not a field; use one of {allowed:commas} or ignore"
    ),
    "contacts.no-column": N_(
        "the file has no column {value:quoted}; its columns are {columns:quoted-and}"
    ),
    "contacts.no-column-more": N_(
        "the file has no column {value:quoted}; its first columns are "
        "{columns:quoted-and}, and {more} more follow"
    ),
    "contacts.not-a-pair": N_("{value:quoted} should read COLUMN=FIELD, for example Correo=email"),
    "contacts.no-organization-column": N_(
        "no column holds the organization's name; say which one does (for example "
        "--mapping Empresa=organization)"
    ),
    # Rows.
    "contacts.field-problem": N_("{field}: {problem}"),
    "contacts.extra-cells": N_(
        "the row has {cells} cells but the header has {columns} columns (a separator inside "
        "a value that is not in quotes?)"
    ),
    "contacts.rejected-row": N_("line {line}: {problems:semicolons}"),
    "contacts.chosen-gone": N_(
        "the organization chosen as the same as {name:quoted} (line {line}) is no longer "
        "there; review the import again"
    ),
    "contacts.rows-rejected": NP_(
        "{source}: {n} row cannot be imported (line {line}: {problems:semicolons}), so "
        "nothing was imported. Correct the file, or choose to import only the good rows.",
        "{source}: {n} rows cannot be imported (the first, line {line}: "
        "{problems:semicolons}), so nothing was imported. Correct the file, or choose to "
        "import only the good rows.",
    ),
    # Near-duplicates.
    "contacts.named": N_("{name:quoted}"),
    "contacts.named-in": N_("{name:quoted} ({place:commas})"),
    "contacts.in-directory": N_("already in the directory"),
    "contacts.earlier-in-file": N_("earlier in the file"),
    "contacts.near": N_("line {line}: {new} looks like {known}, {where}"),
    "contacts.near-same": N_(
        "line {line}: {new} looks like {known}, {where} — treated as the same organization"
    ),
    # The plan.
    "contacts.plan.source": NP_(
        "{source}: {described}; {n} row.", "{source}: {described}; {n} rows."
    ),
    "contacts.plan.column": N_("{header} → {field}"),
    "contacts.plan.ignored": N_("(ignored)"),
    "contacts.plan.columns": N_("Columns: {columns:semicolons}."),
    "contacts.plan.columns-more": NP_(
        "Columns: {columns:semicolons}; and {more} more column (ignored).",
        "Columns: {columns:semicolons}; and {more} more columns (ignored).",
        count="more",
    ),
    "contacts.plan.organizations": N_(
        "Organizations: {add} to add, {update} to update, {unchanged} unchanged."
    ),
    "contacts.plan.contacts": N_(
        "Contacts: {add} to add, {update} to update, {unchanged} unchanged."
    ),
    "contacts.done.organizations": N_(
        "Organizations: {add} added, {update} updated, {unchanged} unchanged."
    ),
    "contacts.done.contacts": N_("Contacts: {add} added, {update} updated, {unchanged} unchanged."),
    "contacts.plan.rejected-count": NP_(
        "Rows: {good} of {total} can be imported; {n} is rejected (listed below).",
        "Rows: {good} of {total} can be imported; {n} are rejected (listed below).",
    ),
    "contacts.done.rejected-count": NP_(
        "Rows: {good} of {total} imported; {n} was rejected (listed below).",
        "Rows: {good} of {total} imported; {n} were rejected (listed below).",
    ),
    "contacts.plan.records": N_("To add or update ({n}):\n{items:lines}"),
    "contacts.done.records": N_("Added or updated ({n}):\n{items:lines}"),
    "contacts.plan.add-organization": N_("add organization {organization}  [{lines}]"),
    "contacts.plan.update-organization": N_(
        "update organization {organization}: {changes:commas}  [{lines}]"
    ),
    "contacts.plan.add-contact": N_(
        "add contact {name:quoted} of {organization:quoted}  [{lines}]"
    ),
    "contacts.plan.update-contact": N_(
        "update contact {name:quoted} of {organization:quoted}: {changes:commas}  [{lines}]"
    ),
    "contacts.plan.lines": NP_("line {lines:commas}", "lines {lines:commas}", count="lines"),
    "contacts.plan.lines-more": N_("lines {lines:commas} and {more} more"),
    "contacts.plan.rejected": N_("Rejected rows ({n}):\n{rows:lines}"),
    "contacts.done.rejected": N_("Rejected rows, not imported ({n}):\n{rows:lines}"),
    "contacts.plan.near": N_(
        "Possible duplicates ({n}): check whether they are the same organization; if so, "
        "write the name as it is already known.\n{rows:lines}"
    ),
    # Progress.
    "contacts.checking-row": N_("Checking row {row} of {total}…"),
    "contacts.saving-organization": N_("Saving organization {row} of {total}…"),
}
