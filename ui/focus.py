"""Putting the keyboard focus where a user would start typing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def focus_first(
    container: QWidget,
    *,
    skip: QWidget | None = None,
    reason: Qt.FocusReason = Qt.FocusReason.TabFocusReason,
) -> bool:
    """Focus the first control inside ``container`` that Tab would reach (not in ``skip``).

    Returns False if there is none.
    """
    widget = container.nextInFocusChain()
    while widget is not None and widget is not container:
        if (
            container.isAncestorOf(widget)
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
            and widget.isEnabled()
            and widget.isVisibleTo(container)
            and not (skip is not None and skip.isAncestorOf(widget))
        ):
            widget.setFocus(reason)
            return True
        widget = widget.nextInFocusChain()
    return False
