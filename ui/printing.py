"""Printing a PDF the app produced, through the system print dialog.

Qt cannot read PDFs without its add-on modules, so each page is rasterized with
pdfium (pypdfium2) at the printer's resolution (capped to keep memory sensible) and
painted onto the QPrinter.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from missionplanner.errors import MissionPlannerError

if TYPE_CHECKING:
    import pypdfium2 as pdfium

MAX_DPI = 300

_FORMATS = {
    "BGR": QImage.Format.Format_BGR888,
    "BGRA": QImage.Format.Format_ARGB32,
    "BGRX": QImage.Format.Format_RGB32,
    "L": QImage.Format.Format_Grayscale8,
}


def _open(pdf_path: Path) -> pdfium.PdfDocument:
    # Imported when printing: pdfium is large and start-up counts.
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(pdf_path))
    except pdfium.PdfiumError as error:
        raise MissionPlannerError(f"Cannot read {pdf_path.name} for printing: {error}") from error


def print_pdf(
    pdf_path: Path,
    printer: QPrinter,
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Print the pages the printer's range asks for (all by default); returns pages printed."""
    document = _open(pdf_path)
    try:
        total = len(document)
        first = printer.fromPage() or 1
        last = printer.toPage() or total
        first, last = max(1, first), min(total, last)
        dpi = min(max(printer.resolution(), 72), MAX_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise MissionPlannerError("The printer could not be started.")
        printed = 0
        try:
            for number in range(first, last + 1):
                if cancelled():
                    printer.abort()
                    break
                if printed:
                    printer.newPage()
                _paint_page(painter, document[number - 1], dpi)
                printed += 1
        finally:
            painter.end()
        return printed
    finally:
        document.close()


def _paint_page(painter: QPainter, page: pdfium.PdfPage, dpi: int) -> None:
    bitmap = page.render(scale=dpi / 72)
    image_format = _FORMATS.get(bitmap.mode)
    if image_format is None:
        raise MissionPlannerError(f"Unexpected page image format {bitmap.mode}.")
    image = QImage(
        bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, image_format
    ).copy()  # the buffer belongs to pdfium: copy before it goes
    target = painter.viewport()
    scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
    painter.drawImage(QRect(target.topLeft(), scaled), image)
