"""The link gate: every internal link and anchor of a built HTML tree, or inside an EPUB, resolves.

Pages are parsed as a browser or a reading system meets them (lxml), every ``href``, ``src``,
``srcset``, ``poster`` and SVG ``xlink:href`` is resolved against its page, and the target must be a
file of the tree and, when the link names a fragment of a page, an ``id`` (or ``<a name>``) on that
page. Links with a scheme (``https:``, ``mailto:``) are external: they are listed, not fetched.
Links that leave the tree (an HTML edition's downloads box points at the EPUB and PDF beside it)
are returned apart, for the caller that knows what sits beside the tree.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree
from lxml import html as lxml_html

from ..core.model import Finding, Severity

RULE = "link-broken"
"""The rule id of a link whose target is missing."""

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_PAGES = (".html", ".xhtml", ".htm")
_LINKING = ("href", "src", "poster", "data", "action", "{http://www.w3.org/1999/xlink}href")


@dataclass(frozen=True)
class Link:
    """One link as written on one page."""

    page: str
    """The page, relative to the checked tree's root, with '/'."""
    line: int
    href: str


@dataclass(frozen=True)
class Broken:
    """A link whose target is missing."""

    link: Link
    target: str
    """The file it leads to, relative to the tree's root ('' when it has none)."""
    reason: str

    def __str__(self) -> str:
        return f"{self.link.page}:{self.link.line}: '{self.link.href}' leads nowhere: {self.reason}"


@dataclass
class LinkCheck:
    """What a tree's links point at."""

    broken: list[Broken] = field(default_factory=list)
    outside: list[tuple[Link, str]] = field(default_factory=list)
    """Links that leave the tree, with the target's path from the tree's root (starting '../')."""
    external: set[str] = field(default_factory=set)
    """Links with a scheme, as written."""
    pages: int = 0

    def findings(self, shown: str) -> list[Finding]:
        """One error per broken link, at the page (``shown``/page) and line where it is written."""
        return [
            Finding(
                f"{shown}/{broken.link.page}",
                broken.link.line,
                1,
                Severity.ERROR,
                RULE,
                f"the link '{broken.link.href}' leads nowhere: {broken.reason}",
                "the page or anchor it names is not in the output; report this with the page and link",
            )
            for broken in self.broken
        ]


def check_folder(root: Path, expected: Iterable[str] = ()) -> LinkCheck:
    """Check every page under ``root``; ``expected`` names files (relative to ``root``) written after the check."""
    files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    pages = {name: (root / name).read_bytes() for name in files if name.endswith(_PAGES)}
    return _check(pages, files | set(expected), xml=False)


def check_epub(path: Path) -> LinkCheck:
    """Check every XHTML document inside an EPUB against the EPUB's own files."""
    with zipfile.ZipFile(path) as archive:
        names = {n for n in archive.namelist() if not n.endswith("/")}
        pages = {n: archive.read(n) for n in names if n.endswith(_PAGES)}
    return _check(pages, names, xml=True)


def _check(pages: Mapping[str, bytes], present: set[str], *, xml: bool) -> LinkCheck:
    parsed = {name: _parse(data, xml) for name, data in pages.items()}
    anchors = {name: _anchors(tree) for name, tree in parsed.items() if tree is not None}
    result = LinkCheck(pages=len(pages))
    folders = {posixpath.dirname(name) for name in present}
    for name, tree in parsed.items():
        if tree is None:
            result.broken.append(Broken(Link(name, 1, ""), name, "the page cannot be parsed"))
            continue
        for link in _links(name, tree):
            _resolve(link, present, folders, anchors, result)
    result.broken.sort(key=lambda b: (b.link.page, b.link.line, b.link.href))
    result.outside.sort(key=lambda found: (found[0].page, found[0].line, found[0].href))
    return result


def _resolve(
    link: Link, present: set[str], folders: set[str], anchors: Mapping[str, set[str]], result: LinkCheck
) -> None:
    href = link.href.strip()
    if not href or href.startswith("data:"):
        return
    if _SCHEME.match(href) or href.startswith("//"):
        result.external.add(href)
        return
    parts = urlsplit(href)
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if path.startswith("/"):
        result.broken.append(Broken(link, "", "a path from the server's root does not work in a downloaded book"))
        return
    target = posixpath.normpath(posixpath.join(posixpath.dirname(link.page), path)) if path else link.page
    if target == ".." or target.startswith("../"):
        result.outside.append((link, target))
        return
    if target not in present and (path.endswith("/") or target in folders or target == "."):
        target = posixpath.join(target, "index.html") if target != "." else "index.html"
    if target not in present:
        result.broken.append(Broken(link, target, f"there is no file {target}"))
    elif fragment and target in anchors and fragment not in anchors[target]:
        result.broken.append(Broken(link, target, f"{target} has no anchor '{fragment}'"))


def _parse(data: bytes, xml: bool) -> etree._Element | None:
    try:
        if xml:
            parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
            return etree.fromstring(data, parser)
        return lxml_html.document_fromstring(data)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def _anchors(tree: etree._Element) -> set[str]:
    found: set[str] = set()
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if ident := element.get("id"):
            found.add(ident)
        if (name := element.get("name")) and etree.QName(element).localname == "a":
            found.add(name)
    return found


def _links(page: str, tree: etree._Element) -> Iterator[Link]:
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        line = element.sourceline or 1
        for attribute in _LINKING:
            if (value := element.get(attribute)) is not None:
                if attribute == "data" and etree.QName(element).localname != "object":
                    continue
                yield Link(page, line, value)
        if srcset := element.get("srcset"):
            for candidate in srcset.split(","):
                if candidate.strip():
                    yield Link(page, line, candidate.split()[0])
