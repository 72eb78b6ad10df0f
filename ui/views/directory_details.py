"""The selected organization in the directory: its name, kind, place, website,
sectors, profile and contacts, or a placeholder when none is selected."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from missionplanner.errors import MissionPlannerError, NotFoundError
from missionplanner.services.directory import (
    MeetingHistoryRow,
    OrganizationDetail,
    get_organization,
    organization_history,
)
from ui.models.contacts import ContactColumn
from ui.models.organizations import country_name, kind_label
from ui.views.directory_base import directory_table
from ui.views.directory_history import DirectoryHistoryPart


class DirectoryDetailsPart(DirectoryHistoryPart):
    """The details pane: the selected organization, or a placeholder."""

    def _build_details(self) -> None:
        pane = self._details_pane = QStackedWidget(self)
        pane.setAccessibleName(self.tr("Organization details"))

        self.placeholder = QLabel(self.tr("Select an organization to see its details."), pane)
        self.placeholder.setAccessibleName(self.tr("No organization selected"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        pane.addWidget(self.placeholder)

        page = self._details_page = QWidget(pane)
        layout = QVBoxLayout(page)

        self.name_label = QLabel(page)
        self.name_label.setAccessibleName(self.tr("Organization name"))
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.name_label)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.kind_value = self._value_label(page, self.tr("Kind"))
        self.place_value = self._value_label(page, self.tr("City and country"))
        self.website_value = QLabel(page)
        self.website_value.setAccessibleName(self.tr("Website"))
        self.website_value.setTextFormat(Qt.TextFormat.RichText)
        self.website_value.setOpenExternalLinks(True)
        self.website_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.sectors_value = self._value_label(page, self.tr("Sectors"))
        form.addRow(self.tr("Kind:"), self.kind_value)
        form.addRow(self.tr("Place:"), self.place_value)
        form.addRow(self.tr("Website:"), self.website_value)
        form.addRow(self.tr("Sectors:"), self.sectors_value)
        layout.addLayout(form)

        self.profile_view = QPlainTextEdit(page)
        self.profile_view.setAccessibleName(self.tr("Profile"))
        self.profile_view.setReadOnly(True)
        self.profile_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.profile_view.setTabChangesFocus(True)
        self.profile_view.setPlaceholderText(self.tr("No profile yet."))
        self.profile_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.profile_view.setFixedHeight(self.profile_view.fontMetrics().lineSpacing() * 7 + 12)
        layout.addWidget(self._section_title(self.tr("Profile"), page))
        layout.addWidget(self.profile_view)

        self.contacts_title = self._section_title(self.tr("Contacts"), page)
        self.contacts_table = directory_table(self.tr("Contacts"), page)
        self.contacts_table.setModel(self.contacts_model)
        self.contacts_table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # A few rows each: fitting columns to their contents costs nothing here.
        contact_header = self.contacts_table.horizontalHeader()
        contact_header.setStretchLastSection(False)
        contact_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (ContactColumn.TITLE, ContactColumn.EMAIL):
            contact_header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.contacts_title)
        layout.addWidget(self.contacts_table)

        self._build_history(page, layout)

        pane.addWidget(page)

    @staticmethod
    def _value_label(parent: QWidget, name: str) -> QLabel:
        label = QLabel(parent)
        label.setAccessibleName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _show_organization(self, org_id: str) -> None:
        if self._db is None:
            return
        try:
            detail = get_organization(self._db, org_id)
            history = organization_history(self._db, org_id)
        except NotFoundError:
            self._show_placeholder(
                self.tr("This organization is no longer in the database. Reload the directory.")
            )
            return
        except MissionPlannerError as error:
            self._show_placeholder(str(error))
            return
        self._fill_details(detail, history)

    def _fill_details(self, detail: OrganizationDetail, history: list[MeetingHistoryRow]) -> None:
        self._shown_id = detail.id
        self.name_label.setText(detail.name)
        self.kind_value.setText(kind_label(detail.kind) if detail.kind else "—")
        place = ", ".join(
            part
            for part in (detail.city, country_name(detail.country) if detail.country else "")
            if part
        )
        self.place_value.setText(place or "—")
        self.website_value.setText(_link(detail.website) or "—")
        self.website_value.setToolTip(detail.website)
        self.sectors_value.setText(", ".join(detail.sectors) or "—")
        self.profile_view.setPlainText(detail.profile)
        self.contacts_model.set_rows(detail.contacts)
        self._fit_height(self.contacts_table, len(detail.contacts), most=6)
        self.contacts_title.setText(self.tr("Contacts (%n)", "", len(detail.contacts)))
        self._fill_history(history)
        self._details_pane.setCurrentWidget(self._details_page)

    @staticmethod
    def _fit_height(table: QTableView, rows: int, most: int) -> None:
        """Make a short table just tall enough for its rows (at least one, at most ``most``)."""
        shown = min(max(rows, 1), most)
        height = (
            table.horizontalHeader().sizeHint().height()
            + shown * table.verticalHeader().defaultSectionSize()
            + 2 * table.frameWidth()
        )
        table.setFixedHeight(height)

    def _show_placeholder(self, message: str | None = None) -> None:
        self._shown_id = None
        self.placeholder.setText(message or self.tr("Select an organization to see its details."))
        self.contacts_model.set_rows([])
        self.history_model.set_rows([])
        self._details_pane.setCurrentWidget(self.placeholder)


def _link(url: str) -> str:
    """A clickable link to a website; only web addresses become links."""
    url = url.strip()
    if not url:
        return ""
    target = url if "://" in url else f"https://{url}"
    if not target.lower().startswith(("http://", "https://")):
        return escape(url)
    shown = url.removeprefix("https://").removeprefix("http://").rstrip("/")
    return f'<a href="{escape(target, quote=True)}">{escape(shown)}</a>'
