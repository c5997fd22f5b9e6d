"""Raw HTML and addresses in chapters, read for what could run code or load something in a reader's browser.

Nothing here knows about rules: the rules in ``rules/markup.py`` turn what is found into findings.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import unquote

SCRIPT_SCHEMES = ("javascript", "vbscript", "livescript", "data")
"""URL schemes that run code or carry a whole document; a browser gives them the page's rights."""

ACTIVE_ELEMENTS = frozenset(
    {
        "script", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet", "param",
        "style", "link", "meta", "base", "form", "input", "button", "select", "textarea",
        "svg", "math", "template", "portal",
    }
)  # fmt: skip
"""Elements that run code, load other documents, restyle the page or send data."""

_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def script_scheme(url: str) -> str | None:
    """The scheme of ``url`` if it is one of :data:`SCRIPT_SCHEMES`, as a browser would read it.

    Character references and percent-escapes are decoded, and the invisible characters that
    browsers skip (``java&#9;script:``) are removed, before the scheme is compared.
    """
    decoded = url
    for _ in range(3):  # nested escapes: &amp;#106; or %2526
        decoded = unquote(html.unescape(decoded))
    match = _SCHEME.match(_INVISIBLE.sub("", decoded).lower())
    if match and match.group(1) in SCRIPT_SCHEMES:
        return match.group(1)
    return None


@dataclass(frozen=True)
class Tag:
    """An HTML tag, comment or declaration in a fragment, with its place in the fragment."""

    name: str
    """Lower-case element name (``/name`` for an end tag); ``!--`` for a comment, ``!`` for a declaration
    or processing instruction."""
    attributes: tuple[tuple[str, str], ...]
    line: int
    """1-based line within the fragment."""
    column: int
    """1-based column within its line."""
    source: str
    """The tag as written (its first 200 characters)."""


_START_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:_.-]*)(?=[\s/>])([^<>]*)>")
_DECLARATION = re.compile(r"<[!?][^<>]*>")
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'<>=`]+))?""")
_RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext")
"""Elements whose content is text up to their end tag, not more tags."""
_SOURCE_LIMIT = 200


def tags(fragment: str) -> list[Tag]:
    """Every tag, comment and declaration in an HTML fragment, in order (text is left out).

    A plain scanner rather than :class:`html.parser.HTMLParser`, which takes quadratic time on
    unclosed tags (``<a <a <a ...``): every character is looked at a bounded number of times. A
    quoted '>' ends a tag early here; what follows is then read as text, and the fragment is still
    raw HTML.
    """
    found: list[Tag] = []
    lowered = fragment.lower()
    position, counted, line, line_start = 0, 0, 1, 0
    while (start := fragment.find("<", position)) >= 0:
        newlines = fragment.count("\n", counted, start)
        if newlines:
            line, line_start = line + newlines, fragment.rfind("\n", counted, start) + 1
        counted = start
        column = start - line_start + 1
        if fragment.startswith("<!--", start):
            close = fragment.find("-->", start + 4)
            position = len(fragment) if close < 0 else close + 3
            found.append(Tag("!--", (), line, column, fragment[start:position][:_SOURCE_LIMIT]))
            continue
        match = _START_TAG.match(fragment, start)
        if match is None:
            declaration = _DECLARATION.match(fragment, start)
            if declaration is not None:
                found.append(Tag("!", (), line, column, declaration.group(0)[:_SOURCE_LIMIT]))
            position = declaration.end() if declaration is not None else start + 1
            continue
        closing, name, body = match.group(1), match.group(2).lower(), match.group(3)
        attributes = tuple(
            (key.lower(), html.unescape(value[1:-1] if value[:1] in ("'", '"') else value))
            for key, value in _ATTRIBUTE.findall(body)
        )
        found.append(Tag(closing + name, () if closing else attributes, line, column, match.group(0)[:_SOURCE_LIMIT]))
        position = match.end()
        if not closing and name in _RAW_TEXT:
            end = lowered.find("</" + name, position)
            position = len(fragment) if end < 0 else end
    return found


def event_handlers(tag: Tag) -> list[str]:
    """The event-handler attributes of a tag (``onclick``, ``onerror``...)."""
    return [name for name, _ in tag.attributes if name.startswith("on") and len(name) > 2]


def script_urls(tag: Tag) -> list[tuple[str, str]]:
    """(attribute, scheme) for each attribute of a tag whose value is, or lists, a script address."""
    found: list[tuple[str, str]] = []
    for name, value in tag.attributes:
        for candidate in (value, *value.split(",")):  # srcset lists addresses
            scheme = script_scheme(candidate.strip().split(" ")[0]) if candidate.strip() else None
            if scheme is not None:
                found.append((name, scheme))
                break
    return found


def shown(text: str, limit: int = 60) -> str:
    """Text from a chapter for a message: one line, shortened, with bidirectional controls spelled out."""
    flat = " ".join(text.split())
    flat = _BIDI.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", flat)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
