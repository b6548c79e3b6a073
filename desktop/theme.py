"""Fonts and the style sheet: readable Chinese on Windows, macOS and Linux alike."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

import resources

# First installed family wins; Qt falls back per glyph after that.
UI_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Sans Serif",
)
READING_FAMILIES = ("Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", *UI_FAMILIES)


def pick_family(candidates: tuple[str, ...]) -> str:
    installed = set(QFontDatabase.families())
    return next((f for f in candidates if f in installed), candidates[-1])


def ui_font(point_size: float = 10.0) -> QFont:
    font = QFont(pick_family(UI_FAMILIES))
    font.setPointSizeF(point_size)
    return font


def reading_font(point_size: float = 12.0) -> QFont:
    font = QFont(pick_family(READING_FAMILIES))
    font.setPointSizeF(point_size)
    return font


def apply_theme(app: QApplication) -> None:
    app.setFont(ui_font())
    app.setStyleSheet(resources.path("styles/app.qss").read_text(encoding="utf-8"))
