"""The organization editor: the organization's fields and its contacts."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from missionplanner.domain.enums import OrganizationKind
from missionplanner.domain.forms import ContactForm, OrganizationForm
from missionplanner.services.commands import RecordCommand
from ui import labels
from ui.dialogs.common import RecordDialog, line_edit
from ui.dialogs.mission import choice_combo, translate
from ui.operations import Operations

CONTACT_FIELDS = ("name", "title", "email", "phone", "notes")
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class OrganizationDialog(RecordDialog):
    def __init__(
        self,
        operations: Operations,
        form: OrganizationForm,
        version: int | None,
        parent: QWidget | None = None,
    ) -> None:
        creating = version is None
        super().__init__(
            operations,
            translate("OrganizationDialog", "New organization")
            if creating
            else translate("OrganizationDialog", "Edit organization"),
            parent,
        )
        self.original, self.version = form, version
        self.name = line_edit(form, "name")
        self.kind = choice_combo(OrganizationKind, labels.organization_kind, form.kind)
        self.city = line_edit(form, "city")
        self.country = line_edit(form, "country")
        self.country.setMaxLength(2)
        self.website = line_edit(form, "website")
        self.sectors = QLineEdit(", ".join(form.sectors))
        self.sectors.setPlaceholderText(self.tr("separated by commas"))
        self.profile = QPlainTextEdit(form.profile)
        self.profile.setTabChangesFocus(True)
        self.contacts = QStandardItemModel(0, len(CONTACT_FIELDS), self)
        self.contacts.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Title"),
                self.tr("Email"),
                self.tr("Phone"),
                self.tr("Notes"),
            ]
        )
        for contact in form.contacts:
            self._append_contact(contact)
        table = QTableView()
        table.setModel(self.contacts)
        table.setAccessibleName(self.tr("Contacts"))
        table.horizontalHeader().setStretchLastSection(True)
        table.setTabKeyNavigation(False)
        self.contact_table = table
        add = QPushButton(self.tr("A&dd contact"))
        add.clicked.connect(self._add_contact)
        remove = QPushButton(self.tr("&Remove contact"))
        remove.setToolTip(
            self.tr(
                "Remove the selected contacts (Delete). Saving makes it final; Edit → Undo "
                "brings them back."
            )
        )
        remove.clicked.connect(self._remove_contact)
        # Delete in the table removes the selected contacts (not while typing in a cell).
        self.remove_contact_action = QAction(self.tr("&Remove contact"), table)
        self.remove_contact_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_contact_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_contact_action.triggered.connect(self._remove_contact)
        table.addAction(self.remove_contact_action)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.add_contact_button, self.remove_contact_button = add, remove
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        contacts_box = QVBoxLayout()
        contacts_box.addWidget(table)
        contacts_box.addLayout(buttons)
        self.add_field(self.tr("&Name"), self.name, "name")
        self.add_field(self.tr("&Kind"), self.kind, "kind")
        self.add_field(self.tr("&City"), self.city, "city")
        self.add_field(self.tr("C&ountry (ISO code)"), self.country, "country",
                       accessible=self.tr("Country"))  # fmt: skip
        self.add_field(self.tr("&Website"), self.website, "website")
        self.add_field(self.tr("&Sectors"), self.sectors, "sectors")
        self.add_field(self.tr("&Profile"), self.profile, "profile")
        self.add_field(
            self.tr("Con&tacts"),
            contacts_box,
            *(f"contacts[{i}].name" for i in range(200)),
        )
        self.setMinimumSize(720, 640)

    def _append_contact(self, contact: ContactForm) -> None:
        row = [QStandardItem(getattr(contact, name)) for name in CONTACT_FIELDS]
        row[0].setData(contact.id, ID_ROLE)
        self.contacts.appendRow(row)

    def _add_contact(self) -> None:
        self._append_contact(ContactForm(None, ""))
        index = self.contacts.index(self.contacts.rowCount() - 1, 0)
        self.contact_table.setCurrentIndex(index)
        self.contact_table.setFocus()
        self.contact_table.edit(index)

    def _remove_contact(self) -> None:
        selected = {i.row() for i in self.contact_table.selectedIndexes()}
        current = self.contact_table.currentIndex()
        if not selected and current.isValid():
            selected = {current.row()}
        for row in sorted(selected, reverse=True):
            self.contacts.removeRow(row)

    def _contact_forms(self) -> list[ContactForm]:
        forms = []
        for row in range(self.contacts.rowCount()):
            values: dict[str, Any] = {
                name: (self.contacts.item(row, column).text() if self.contacts.item(row, column)
                       else "")
                for column, name in enumerate(CONTACT_FIELDS)
            }  # fmt: skip
            record_id = self.contacts.item(row, 0).data(ID_ROLE)
            forms.append(ContactForm(id=record_id or None, **values))
        return forms

    def command(self) -> RecordCommand:
        form = replace(
            self.original,
            name=self.name.text(),
            kind=str(self.kind.currentData()),
            city=self.city.text(),
            country=self.country.text(),
            website=self.website.text(),
            sectors=[s.strip() for s in self.sectors.text().split(",") if s.strip()],
            profile=self.profile.toPlainText(),
            contacts=self._contact_forms(),
        )
        return self.record_command(
            self.original,
            self.version,
            form,
            self.tr("Add organization {0}").format(form.name),
            self.tr("Edit organization {0}").format(form.name),
        )
