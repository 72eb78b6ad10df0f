"""Filtering the directory's organizations by words, kind and country, fast."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt

from missionplanner.domain.places import fold
from missionplanner.services.directory import OrganizationRow
from ui.models.organizations import AnyIndex, OrganizationTableModel
from ui.models.table import SORT_ROLE


class _SearchIndex:
    """The rows' search texts in one string, to find a word's rows in a single scan."""

    def __init__(self, rows: Sequence[OrganizationRow]) -> None:
        self.texts = [row.search_text for row in rows]
        self.starts: list[int] = []
        position = 0
        for text in self.texts:
            self.starts.append(position)
            position += len(text) + 1
        self.starts.append(position)
        self.joined = "\0".join(self.texts)

    def rows_with(self, word: str, among: set[int] | None) -> set[int]:
        """Numbers of the rows (of ``among``, when given) whose text contains ``word``."""
        texts = self.texts
        if among is not None and len(among) < len(texts) // 8:
            return {number for number in among if word in texts[number]}
        joined, starts = self.joined, self.starts
        if joined.count(word) > len(texts) // 4:
            found = {number for number, text in enumerate(texts) if word in text}
        else:
            found = set()
            position = joined.find(word)
            while position >= 0:
                number = bisect_right(starts, position) - 1
                found.add(number)
                position = joined.find(word, starts[number + 1])
        return found if among is None else found & among


class OrganizationFilterProxy(QSortFilterProxyModel):
    """Filters the directory by words, kind and country; sorting is the source's.

    Every word of the text (folded like the rows' ``search_text``) must occur in a row's
    search text, so "medellin innovation" finds Ruta N.

    ``filterAcceptsRow`` is called for every row on every keystroke, and each call from
    Qt into Python costs about a microsecond, so which rows pass is worked out in Python
    first (one scan of all search texts per word) and ``filterAcceptsRow`` only looks
    the answer up; a keystroke that does not change which rows pass changes nothing.

    Over an :class:`OrganizationTableModel`, :meth:`sort` sorts the source model and this
    proxy keeps its order: far faster than sorting here (see the model).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._kind: str | None = None
        self._country: str | None = None
        self._organizations: OrganizationTableModel | None = None
        self._accepted: list[bool] | None = None
        self._accepted_generation = -1
        self._index: _SearchIndex | None = None
        self._index_generation = -1
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def setSourceModel(self, model: Any) -> None:
        self._organizations = model if isinstance(model, OrganizationTableModel) else None
        self._accepted_generation = self._index_generation = -1
        super().setSourceModel(model)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._organizations is None:
            super().sort(column, order)
        else:
            self._organizations.sort(column, order)

    @property
    def text_words(self) -> tuple[str, ...]:
        return self._words

    @property
    def kind(self) -> str | None:
        return self._kind

    @property
    def country(self) -> str | None:
        return self._country

    def is_filtering(self) -> bool:
        return bool(self._words) or self._kind is not None or self._country is not None

    def set_text(self, text: str) -> None:
        """Show the rows containing every word of ``text`` (ignoring case and accents)."""
        words = tuple(dict.fromkeys(fold(text.replace("\0", " ")).split()))
        if words != self._words:
            self._change_filter(words, self._kind, self._country)

    def set_kind(self, kind: str | None) -> None:
        """Show only organizations of this kind (a stored value); ``None`` for all."""
        if (kind or None) != self._kind:
            self._change_filter(self._words, kind or None, self._country)

    def set_country(self, country: str | None) -> None:
        """Show only organizations in this country (ISO code); ``None`` for all."""
        if (country or None) != self._country:
            self._change_filter(self._words, self._kind, country or None)

    def _change_filter(self, words: tuple[str, ...], kind: str | None, country: str | None) -> None:
        organizations = self._organizations
        if organizations is None:
            self.beginFilterChange()
            self._words, self._kind, self._country = words, kind, country
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
            return
        before = self._current_acceptance(organizations)
        self._words, self._kind, self._country = words, kind, country
        after = self._accepted_rows(organizations.rows)
        if after == before:
            self._accepted = after
            return
        self._accepted = after
        self._accepted_generation = organizations.generation
        # One layout change rather than Qt's row-by-row update: removing thousands of
        # scattered rows one range at a time takes Qt 40-100 ms for 20,000 rows, and in
        # single-selection views it selects the next row when the selected one goes.
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        organizations = self._organizations
        if organizations is None:
            return super().filterAcceptsRow(source_row, source_parent)
        # Inlined rather than a call to _current_acceptance: this runs 20,000 times.
        if self._accepted_generation != organizations.generation:
            self._current_acceptance(organizations)
        accepted = self._accepted
        return accepted is None or accepted[source_row]

    def _current_acceptance(self, organizations: OrganizationTableModel) -> list[bool] | None:
        if self._accepted_generation != organizations.generation:
            self._accepted = self._accepted_rows(organizations.rows)
            self._accepted_generation = organizations.generation
        return self._accepted

    def _accepted_rows(self, rows: Sequence[OrganizationRow]) -> list[bool] | None:
        """Whether each row passes the filter; ``None`` when there is no filter."""
        if not self.is_filtering():
            return None
        selected: set[int] | None = None
        if self._kind is not None:
            kind = self._kind
            selected = {number for number, row in enumerate(rows) if row.kind == kind}
        if self._country is not None:
            country = self._country
            selected = {
                number
                for number in (selected if selected is not None else range(len(rows)))
                if rows[number].country == country
            }
        if self._words:
            assert self._organizations is not None
            if self._index is None or self._index_generation != self._organizations.generation:
                self._index = _SearchIndex(rows)
                self._index_generation = self._organizations.generation
            # The longest word first: it usually has the fewest rows.
            for word in sorted(self._words, key=len, reverse=True):
                selected = self._index.rows_with(word, selected)
        accepted = [False] * len(rows)
        for number in selected or ():
            accepted[number] = True
        return accepted
