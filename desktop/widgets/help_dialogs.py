"""帮助 menu: the shortcut card (F1) and 关于 (version, the open library, the data folder)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout

from desktop import APP_TITLE, __version__

SHORTCUTS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "在条文目录中（阅读页左侧）",
        (
            ("T", "添加标签（输入筛选，回车确定；没有的名称会新建）"),
            ("1 – 9", "加上最常用的第 1–9 个标签"),
            ("N", "为当前条文新建批注（边打字边保存）"),
            ("Alt+1 – Alt+5", "采用建议标签"),
            ("Ctrl+B", "加入当前简报（简报页选中的那一节；状态栏会说明加到了哪里）"),
        ),
    ),
    (
        "任何时候",
        (
            ("Ctrl+F / Ctrl+K", "搜索全部条文；回车打开第一条结果，结果列表滚动到底会继续列出"),
            ("Ctrl+Z / Ctrl+Shift+Z", "撤销 / 重做标签、批注和简报的修改"),
            ("F9", "会议模式：大字、隐藏侧栏，新批注标注会议名称；再按 F9 退出"),
            ("Ctrl+= / Ctrl+- / Ctrl+0", "放大 / 缩小 / 恢复阅读文字（会记住；Ctrl+滚轮也可以）"),
            ("Ctrl+O / Ctrl+Shift+O", "导入文件 / 导入文件夹（也可以直接拖进窗口）"),
            ("Ctrl+P", "打印当前条文或简报预览"),
            ("F1", "本快捷键一览"),
            ("Ctrl+Q", "退出（正在输入的批注会先保存）"),
        ),
    ),
)


def shortcuts_html() -> str:
    parts = []
    for title, rows in SHORTCUTS:
        parts.append(f"<h3>{html.escape(title)}</h3><table cellspacing='6'>")
        for keys, what in rows:
            parts.append(f"<tr><td><b>{html.escape(keys)}</b></td><td>{html.escape(what)}</td></tr>")
        parts.append("</table>")
    return "".join(parts)


def _closing(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.close)
    return buttons


class ShortcutCard(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("快捷键一览")
        self.view = QTextBrowser()
        self.view.setHtml(shortcuts_html())
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(_closing(self))
        self.resize(620, 520)


class AboutDialog(QDialog):
    def __init__(self, library_path: str, data_folder: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("关于政策简报")
        self.text = QLabel(
            f"<h2>{html.escape(APP_TITLE)}</h2>"
            f"<p>版本 {html.escape(__version__)}</p>"
            f"<p>当前资料库：<br>{html.escape(library_path)}</p>"
            f"<p>数据文件夹（默认资料库、自动备份、未保存批注的暂存）：<br>{html.escape(data_folder)}</p>"
            "<p>完全离线运行，不连接网络。</p>"
        )
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(_closing(self))
        self.resize(560, 0)
