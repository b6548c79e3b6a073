"""Draw the app icon (a red seal with 政) and write it in every format the bundles need.

    QT_QPA_PLATFORM=offscreen python scripts/make_icons.py [resources/icons]

Writes policybrief.svg, policybrief.png (256 px, the window icon), policybrief.ico
(Windows exe) and policybrief.icns (macOS .app). The outputs are committed, so a build
never needs this script, a CJK font or Pillow: the glyph is turned into a path here,
and .ico/.icns are written by hand (both formats accept embedded PNGs).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CANVAS = 1024.0
SEAL_RED = "#b3191f"  # 印泥红: the colour of an official seal
PAPER = "#fff8ef"
CHAR = "政"
# First installed wins; a bold serif reads as carved, like a seal.
FONTS = ("Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", "Noto Sans CJK SC")
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# .icns PNG slots: type -> pixel size (ic11-ic14 are the @2x variants macOS picks on Retina).
ICNS_TYPES = (
    ("icp4", 16),
    ("icp5", 32),
    ("icp6", 64),
    ("ic07", 128),
    ("ic08", 256),
    ("ic09", 512),
    ("ic11", 32),
    ("ic12", 64),
    ("ic13", 256),
    ("ic14", 512),
)


def glyph_path():
    """政 as an outline centred in the seal, so the SVG does not depend on installed fonts."""
    from PySide6.QtGui import QFont, QFontDatabase, QPainterPath

    family = next((f for f in FONTS if f in QFontDatabase.families()), None)
    if family is None:
        sys.exit(f"no CJK font found (tried {', '.join(FONTS)}); install fonts-noto-cjk")
    font = QFont(family)
    font.setPixelSize(620)
    font.setWeight(QFont.Weight.Black)
    path = QPainterPath()
    path.addText(0, 0, font, CHAR)
    box = path.boundingRect()
    return path.translated(CANVAS / 2 - box.center().x(), CANVAS / 2 - box.center().y())


def seal_paths():
    """(outer rounded square, inner border ring): the two red shapes of the seal."""
    from PySide6.QtGui import QPainterPath

    outer = QPainterPath()
    outer.addRoundedRect(64, 64, CANVAS - 128, CANVAS - 128, 96, 96)
    ring = QPainterPath()
    ring.addRoundedRect(128, 128, CANVAS - 256, CANVAS - 256, 48, 48)
    ring.addRoundedRect(152, 152, CANVAS - 304, CANVAS - 304, 32, 32)
    return outer, ring


def svg_d(path) -> str:
    """A QPainterPath as SVG path data (move/line/cubic, the only element kinds Qt makes)."""
    from PySide6.QtGui import QPainterPath

    kinds = QPainterPath.ElementType
    out: list[str] = []
    i = 0
    while i < path.elementCount():
        e = path.elementAt(i)
        if e.type == kinds.MoveToElement:
            out.append(f"M{e.x:.1f} {e.y:.1f}")
        elif e.type == kinds.LineToElement:
            out.append(f"L{e.x:.1f} {e.y:.1f}")
        elif e.type == kinds.CurveToElement:
            c2, end = path.elementAt(i + 1), path.elementAt(i + 2)
            out.append(f"C{e.x:.1f} {e.y:.1f} {c2.x:.1f} {c2.y:.1f} {end.x:.1f} {end.y:.1f}")
            i += 2
        i += 1
    return "".join(out)


def write_svg(target: Path, outer, ring, glyph) -> None:
    from PySide6.QtCore import Qt

    rule = "evenodd" if glyph.fillRule() == Qt.FillRule.OddEvenFill else "nonzero"
    target.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CANVAS:.0f} {CANVAS:.0f}">\n'
        f"<title>政策简报 PolicyBrief</title>\n"
        f'<path fill="{SEAL_RED}" d="{svg_d(outer)}"/>\n'
        f'<path fill="{PAPER}" fill-rule="evenodd" d="{svg_d(ring)}"/>\n'
        f'<path fill="{PAPER}" fill-rule="{rule}" d="{svg_d(glyph)}"/>\n'
        "</svg>\n",
        encoding="utf-8",
    )


def render_png(size: int, outer, ring, glyph) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / CANVAS, size / CANVAS)
    painter.fillPath(outer, QColor(SEAL_RED))
    if size >= 32:  # below that the thin ring turns into a pink smudge
        painter.fillPath(ring, QColor(PAPER))
    painter.fillPath(glyph, QColor(PAPER))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """ICONDIR + entries + PNG payloads (PNG inside .ico works on Windows Vista and later)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, payload = b"", b""
    for s in sizes:
        data = pngs[s]
        entries += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(data), offset)
        payload += data
        offset += len(data)
    return header + entries + payload


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(
        kind.encode("ascii") + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
        for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main(out: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out.mkdir(parents=True, exist_ok=True)
    outer, ring = seal_paths()
    glyph = glyph_path()
    write_svg(out / "policybrief.svg", outer, ring, glyph)
    sizes = sorted({*ICO_SIZES, *(s for _, s in ICNS_TYPES)})
    pngs = {s: render_png(s, outer, ring, glyph) for s in sizes}
    (out / "policybrief.png").write_bytes(pngs[256])
    (out / "policybrief.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (out / "policybrief.icns").write_bytes(icns_bytes(pngs))
    for name in ("svg", "png", "ico", "icns"):
        f = out / f"policybrief.{name}"
        print(f"{f}: {f.stat().st_size / 1024:.1f} KB")


if __name__ == "__main__":
    main(
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[1] / "resources" / "icons"
    )
