"""The file's own properties: title, author (the officer's unit), dates, application.

python-docx's template says python-docx, 2013 and "Microsoft Macintosh Word"; a pack
handed to a leader says who made it, when, and with what.
"""

from __future__ import annotations

import datetime as _dt
from xml.sax.saxutils import escape

from exporters.xml_text import clean_xml_text

APPLICATION = "PolicyBrief"
_APP_XML = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>{app}</Application><DocSecurity>0</DocSecurity><Company>{company}</Company>"
    "</Properties>"
)


def set_properties(document, title: str, unit: str, now: _dt.datetime | None = None) -> None:
    """Core properties (docProps/core.xml) and the application (docProps/app.xml)."""
    now = (now or _dt.datetime.now(_dt.UTC)).replace(microsecond=0, tzinfo=None)
    author = clean_xml_text(unit).strip() or APPLICATION
    props = document.core_properties
    props.title = clean_xml_text(title).strip()
    props.author = author
    props.last_modified_by = author
    props.created = now
    props.modified = now
    props.revision = 1
    props.comments = ""
    props.keywords = ""
    props.subject = ""
    props.category = ""
    _set_app(document, author)


def _set_app(document, company: str) -> None:
    """Replace the template's docProps/app.xml (Microsoft Macintosh Word) and drop its thumbnail."""
    package = document.part.package
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = _APP_XML.format(app=APPLICATION, company=escape(company)).encode("utf-8")
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package.rels.pop(rel_id)
