"""Briefing packs: library content -> Brief records -> a GB/T 9704 Word file.

    >>> from exporters import brief_from_library, write_brief
    >>> write_brief(brief_from_library(lib, brief_id), "简报.docx")

Names are loaded on first use, so importing the plain records (exporters.brief) pulls in
neither python-docx nor the library.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "Brief": "exporters.brief",
    "BriefItem": "exporters.brief",
    "BriefNote": "exporters.brief",
    "BriefSection": "exporters.brief",
    "SourceDoc": "exporters.brief",
    "ExportError": "exporters.errors",
    "write_brief": "exporters.docx_writer",
    "brief_from_library": "exporters.assemble",
    "brief_from_tags": "exporters.assemble",
    "brief_from_clauses": "exporters.assemble",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'exporters' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
