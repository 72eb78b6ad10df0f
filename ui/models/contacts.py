"""The table of one organization's contacts, in the directory."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QObject

from missionplanner.domain.places import fold
from missionplanner.services.directory import ContactInfo
from ui.models.table import Column, RowTableModel

# Strings go through literal translate("Directory", "…") calls so pyside6-lupdate finds them.
translate = QCoreApplication.translate


class ContactColumn(IntEnum):
    NAME = 0
    TITLE = 1
    EMAIL = 2
    PHONE = 3


def _contact_tooltip(contact: ContactInfo) -> str | None:
    return f"{contact.name}\n{contact.notes}" if contact.notes else contact.name or None


class ContactTableModel(RowTableModel[ContactInfo]):
    """The contacts of one organization, in their order."""

    def __init__(self, parent: QObject | None = None) -> None:
        columns: list[Column[ContactInfo]] = [
            Column(
                translate("Directory", "Name"),
                lambda c: c.name,
                sort=lambda c: fold(c.name),
                tooltip=_contact_tooltip,
            ),
            Column(
                translate("Directory", "Title"),
                lambda c: c.title,
                sort=lambda c: fold(c.title),
                tooltip=lambda c: c.title or None,
            ),
            Column(
                translate("Directory", "Email"),
                lambda c: c.email,
                sort=lambda c: fold(c.email),
                tooltip=lambda c: c.email or None,
            ),
            Column(
                translate("Directory", "Phone"),
                lambda c: c.phone,
                sort=lambda c: fold(c.phone),
                tooltip=lambda c: c.phone or None,
            ),
        ]
        super().__init__(columns, key=lambda c: c.id, parent=parent)
