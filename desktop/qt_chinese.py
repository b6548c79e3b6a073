"""Qt's own dialogs entirely in Chinese: Qt's zh_CN catalogue, a Chinese default locale (dates in
the file dialog), and the few strings that catalogue lacks (seen in the file dialog: "Look in:",
"Files of type:", "Folder", sizes)."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

CHINA = QLocale(QLocale.Language.Chinese, QLocale.Country.China)

# source text -> Chinese, whatever the Qt context (these are not ambiguous)
MISSING = {
    "&Look in:": "查找范围(&L)：",
    "Files of &type:": "文件类型(&T)：",
    "Folder": "文件夹",
    "File": "文件",
    "Drive": "驱动器",
    "Computer": "计算机",
    "Cancel": "取消",
    "%1 KB": "%1 KB",
    "%1 MB": "%1 MB",
    "%1 GB": "%1 GB",
    "%1 bytes": "%1 字节",
    "%1 File": "%1 文件",
    "Alias": "别名",
    "Shortcut": "快捷方式",
}


class MissingStrings(QTranslator):
    """Asked after Qt's catalogue: answers only what that catalogue leaves in English."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002 (Qt signature)
        return MISSING.get(source)  # None: not ours (an empty string would blank the label)

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def install(app) -> None:
    QLocale.setDefault(CHINA)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    missing = MissingStrings(app)
    app.installTranslator(missing)  # installed first: asked last
    for name in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(CHINA, name, "_", path):
            app.installTranslator(translator)
            return
