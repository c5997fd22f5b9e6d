"""``opds.xml``: an OPDS 1.2 acquisition feed of the publications, for e-reader apps.

Links are relative to the feed, so the site works wherever it is copied. The same catalogue and
SOURCE_DATE_EPOCH give the same bytes.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from ...core.labels.site import site_label
from .catalogue import Catalogue, Entry, Offprint

ATOM = "http://www.w3.org/2005/Atom"
OPDS = "http://opds-spec.org/2010/catalog"
DC = "http://purl.org/dc/terms/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ACQUISITION_FEED = "application/atom+xml;profile=opds-catalog;kind=acquisition"
REL_ACQUISITION = "http://opds-spec.org/acquisition"
REL_IMAGE = "http://opds-spec.org/image"
REL_THUMBNAIL = "http://opds-spec.org/image/thumbnail"
FEED = "opds.xml"
EPUB, PDF = "application/epub+zip", "application/pdf"

ET.register_namespace("", ATOM)
ET.register_namespace("dc", DC)


def feed(catalogue: Catalogue, language: str = "en") -> bytes:
    """The feed: one entry per publication that has an EPUB or a PDF, then one per offprint."""
    publisher = ", ".join(catalogue.publishers)
    # ElementTree declares only namespaces in use; OPDS readers look for this one all the same.
    root = ET.Element(_atom("feed"), {"xmlns:opds": OPDS, XML_LANG: language})
    _text(root, "id", feed_id(catalogue))
    _text(root, "title", site_label(language, "feed_title", publisher=publisher))
    _text(root, "updated", rfc3339(catalogue.updated()))
    _person(root, publisher)
    _link(root, "self", FEED, ACQUISITION_FEED)
    _link(root, "start", FEED, ACQUISITION_FEED)
    _link(root, "alternate", "index.html", "text/html")
    for entry in catalogue.entries:
        if entry.editions:
            _entry(root, entry, catalogue)
    for entry in catalogue.entries:
        for offprint in entry.offprints:
            if any(f.media_type in (EPUB, PDF) for f in offprint.files):
                _offprint_entry(root, entry, offprint, catalogue, language)
    ET.indent(root)
    return f'<?xml version="1.0" encoding="utf-8"?>\n{ET.tostring(root, encoding="unicode")}\n'.encode()


def feed_id(catalogue: Catalogue) -> str:
    """A URN that stays the same as long as the publishers do, whatever the books."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "opds:" + "\n".join(catalogue.publishers)).urn


def rfc3339(seconds: float) -> str:
    return datetime.fromtimestamp(int(seconds), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _entry(root: ET.Element, entry: Entry, catalogue: Catalogue) -> None:
    spec = entry.spec
    element = ET.SubElement(root, _atom("entry"))
    _text(element, "id", spec.identifier)
    _text(element, "title", spec.title)
    _text(element, "updated", rfc3339(catalogue.updated(entry)))
    for name in (spec.publisher, *entry.authors):
        _person(element, name)
    for tag in entry.languages:
        ET.SubElement(element, f"{{{DC}}}language").text = tag
    ET.SubElement(element, f"{{{DC}}}issued").text = spec.date
    ET.SubElement(element, f"{{{DC}}}publisher").text = spec.publisher
    _text(element, "rights", spec.license)
    if spec.description:
        _text(element, "summary", spec.description)
    for keyword in spec.keywords:
        ET.SubElement(element, _atom("category"), {"term": keyword, "label": keyword})
    if entry.cover is not None:
        _link(element, REL_IMAGE, entry.cover.href, entry.cover.media_type)
    if entry.thumbnail is not None:
        _link(element, REL_THUMBNAIL, entry.thumbnail.href, "image/png")
    for file in entry.editions:
        _link(element, REL_ACQUISITION, file.href, file.media_type)
    if entry.html is not None:
        _link(element, "alternate", entry.html.index, "text/html")


def _offprint_entry(root: ET.Element, entry: Entry, offprint: Offprint, catalogue: Catalogue, language: str) -> None:
    """A chapter built on its own, so that an e-reader app can fetch one country's chapter."""
    spec = entry.spec
    element = ET.SubElement(root, _atom("entry"))
    _text(element, "id", uuid.uuid5(uuid.NAMESPACE_URL, f"{spec.identifier}/{offprint.country}").urn)
    _text(element, "title", offprint.title or f"{spec.title}: {offprint.name(spec.language)}")
    _text(element, "updated", rfc3339(catalogue.updated(entry)))
    _person(element, spec.publisher)
    if offprint.language:
        ET.SubElement(element, f"{{{DC}}}language").text = offprint.language
    ET.SubElement(element, f"{{{DC}}}issued").text = spec.date
    _text(element, "summary", f"{offprint.name(spec.language)}: {spec.title}")
    if entry.thumbnail is not None:
        _link(element, REL_THUMBNAIL, entry.thumbnail.href, "image/png")
    for file in offprint.files:
        if file.media_type in (EPUB, PDF):
            _link(element, REL_ACQUISITION, file.href, file.media_type)
    if offprint.html is not None:
        _link(element, "alternate", offprint.html.index, "text/html")


def _atom(name: str) -> str:
    return f"{{{ATOM}}}{name}"


def _text(parent: ET.Element, name: str, text: str) -> None:
    ET.SubElement(parent, _atom(name)).text = text


def _person(parent: ET.Element, name: str) -> None:
    _text(ET.SubElement(parent, _atom("author")), "name", name)


def _link(parent: ET.Element, rel: str, href: str, media_type: str) -> None:
    ET.SubElement(parent, _atom("link"), {"rel": rel, "href": href, "type": media_type})
