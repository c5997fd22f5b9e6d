"""The landing pages: every publication with its cover, facts, and downloads with sizes and checksums.

One page per language (``index.html``, ``ru/index.html``): plain HTML5, no script, nothing loaded from
elsewhere; the stylesheet is inlined.
"""

from __future__ import annotations

import functools
import html
from importlib import resources

from ...core import registry
from ...core.cldr import language_name, language_name_in
from ...core.labels.book import label
from ...core.labels.site import site_label
from .catalogue import Catalogue, Entry, HtmlEdition, Offprint, SiteFile
from .labels import LANGUAGES, format_date, format_size

PAGES = {"en": "index.html", "ru": "ru/index.html"}
"""Each landing page's path in the site, by language."""
OPDS_TYPE = "application/atom+xml;profile=opds-catalog;kind=acquisition"


def escape(text: str) -> str:
    """Text for HTML content and double-quoted attribute values."""
    return html.escape(text, quote=True)


def page(catalogue: Catalogue, language: str) -> str:
    """The landing page in ``language`` (en or ru)."""
    base = "../" * PAGES[language].count("/")
    shown = catalogue.for_language(language)
    publisher = ", ".join(dict.fromkeys(entry.spec.publisher for entry in shown))
    title = f"{site_label(language, 'site_title')} — {publisher}"
    entries = "\n".join(_entry(entry, catalogue, language, base) for entry in shown)
    return f"""<!DOCTYPE html>
<html lang="{language}" dir="{registry.direction_of(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<meta name="description" content="{escape(site_label(language, "intro", publisher=publisher))}">
{_alternates(language, base)}
<link rel="alternate" type="{OPDS_TYPE}" href="{base}opds.xml" title="{escape(site_label(language, "opds"))}">
<style>
{_stylesheet()}</style>
</head>
<body>
<a class="skip" href="#publications">{escape(site_label(language, "skip"))}</a>
<header>
<p class="site-name"{_in(shown[0].spec.language)}>{escape(publisher)}</p>
<h1>{escape(site_label(language, "site_title"))}</h1>
<p class="intro">{escape(site_label(language, "intro", publisher=publisher))}</p>
{_language_nav(language, base)}
</header>
<main id="publications">
{entries}
</main>
<footer>
<p><a href="{base}opds.xml" type="{OPDS_TYPE}">{escape(site_label(language, "opds"))}</a></p>
<p><a href="{base}SHA256SUMS" type="text/plain">{escape(site_label(language, "sums"))}</a></p>
<p>{escape(site_label(language, "sums_hint"))} <code>sha256sum --check --ignore-missing SHA256SUMS</code></p>
</footer>
</body>
</html>
"""


def _alternates(language: str, base: str) -> str:
    return "\n".join(
        f'<link rel="alternate" hreflang="{other}" href="{base}{PAGES[other]}">'
        for other in LANGUAGES
        if other != language
    )


def _language_nav(language: str, base: str) -> str:
    items = []
    for other in LANGUAGES:
        current = ' aria-current="page"' if other == language else ""
        own = escape(language_name(other))
        items.append(f'<li><a href="{base}{PAGES[other]}" hreflang="{other}" lang="{other}"{current}>{own}</a></li>')
    name = escape(site_label(language, "language_nav"))
    return f'<nav class="languages-nav" aria-label="{name}">\n<ul>{"".join(items)}</ul>\n</nav>'


def _entry(entry: Entry, catalogue: Catalogue, language: str, base: str) -> str:
    """One edition of a publication: cover, title, facts, downloads, offprints, and its other editions."""
    spec = entry.spec
    heading = f"{spec.id}-title"
    text = _in(spec.language)
    parts = [f'<article class="publication" aria-labelledby="{heading}">']
    if entry.thumbnail is not None:
        alt = escape(site_label(language, "cover_alt", title=spec.title))
        parts.append(
            f'<img class="cover" src="{base}{entry.thumbnail.href}" alt="{alt}" '
            f'width="{entry.thumbnail.width}" height="{entry.thumbnail.height}">'
        )
    parts.append("<div>")
    parts.append(f'<h2 id="{heading}"{text}>{escape(spec.title)}</h2>')
    if spec.subtitle:
        parts.append(f'<p class="subtitle"{text}>{escape(spec.subtitle)}</p>')
    parts.append(_facts(entry, language))
    if spec.description:
        parts.append(f"<p{text}>{escape(spec.description)}</p>")
    others = [other for other in catalogue.editions_of(entry) if other is not entry and other.built]
    if others:
        parts.append(_other_editions(others, language, base))
    if not entry.built:
        parts.append(f'<p class="note">{escape(site_label(language, "nothing_built"))}</p>')
    elif entry.missing:
        what = ", ".join(_missing_name(key, language) for key in entry.missing)
        parts.append(f'<p class="note">{escape(site_label(language, "not_built", what=what))}</p>')
    if entry.html or entry.editions or entry.data:
        parts.append(_downloads(entry, language, base))
    if entry.offprints:
        parts.append(_offprints(entry, language, base))
    parts.append("</div>\n</article>")
    return "\n".join(parts)


def _other_editions(others: list[Entry], language: str, base: str) -> str:
    """Links to the publication's editions in other languages: their landing page, else their HTML."""
    links = []
    for other in others:
        tag = other.spec.language
        name = escape(site_label(language, "edition_in", language=language_name_in(tag, language)))
        if tag in PAGES:
            href = f"{base}{PAGES[tag]}#{other.spec.id}-title"
        elif other.html is not None:
            href = f"{base}{other.html.index}"
        else:
            continue
        links.append(f'<li><a href="{href}" hreflang="{escape(tag)}">{name}</a></li>')
    if not links:
        return ""
    return f'<p class="other-editions">{escape(site_label(language, "editions"))}:</p><ul>{"".join(links)}</ul>'


def _facts(entry: Entry, language: str) -> str:
    spec = entry.spec
    languages = "".join(f"<li{_in(tag)}>{escape(language_name(tag))}</li>" for tag in entry.languages)
    rows = [
        (site_label(language, "edition"), f"<span{_in(spec.language)}>{escape(spec.edition)}</span>"),
        (
            site_label(language, "date"),
            f'<time datetime="{spec.date}">{escape(format_date(spec.date, language))}</time>',
        ),
        (site_label(language, "languages"), f'<ul class="languages">{languages}</ul>'),
        (site_label(language, "licence"), escape(spec.license)),
    ]
    return '<dl class="facts">' + "".join(f"<dt>{escape(term)}</dt><dd>{value}</dd>" for term, value in rows) + "</dl>"


def _downloads(entry: Entry, language: str, base: str) -> str:
    title = entry.spec.title
    items = []
    if entry.html is not None:
        items.append(_read_online(entry.html, title, language, base))
    for file in entry.editions:
        items.append(_download(file, label(language, file.format.lower()), title, language, base))
    for file in entry.data:
        name = f"{site_label(language, 'recommendations')} ({file.format})"
        items.append(_download(file, name, title, language, base))
    heading = f"{entry.spec.id}-downloads"
    return (
        f'<h3 id="{heading}">{escape(site_label(language, "read_and_download"))}</h3>\n'
        f'<ul class="downloads" aria-labelledby="{heading}">\n' + "\n".join(items) + "\n</ul>"
    )


def _offprints(entry: Entry, language: str, base: str) -> str:
    heading = f"{entry.spec.id}-offprints"
    items = [_offprint(offprint, entry, language, base) for offprint in entry.offprints]
    return (
        f'<h3 id="{heading}">{escape(site_label(language, "offprints"))}</h3>\n'
        f"<p>{escape(site_label(language, 'offprints_intro'))}</p>\n"
        f'<ul class="offprints" aria-labelledby="{heading}">\n' + "\n".join(items) + "\n</ul>"
    )


def _offprint(offprint: Offprint, entry: Entry, language: str, base: str) -> str:
    country = offprint.name(language)
    context = f"{country}, {site_label(language, 'offprint_of', title=entry.spec.title)}"
    title = (
        f" <cite{_in(offprint.language)}>{escape(offprint.title)}</cite>"
        if offprint.title and offprint.language
        else ""
    )
    links = []
    if offprint.html is not None:
        links.append(_read_online(offprint.html, context, language, base))
    links += [_download(file, file.format, context, language, base) for file in offprint.files]
    return (
        f'<li><p class="offprint-title"><strong>{escape(country)}</strong>{title}</p>\n'
        f'<ul class="downloads">\n' + "\n".join(links) + "\n</ul></li>"
    )


def _read_online(edition: HtmlEdition, context: str, language: str, base: str) -> str:
    text = site_label(language, "read_online")
    return (
        f'<li><a class="download" href="{base}{edition.index}" type="text/html" '
        f'aria-label="{escape(f"{text}: {context}")}">{escape(text)}</a></li>'
    )


def _download(file: SiteFile, name: str, context: str, language: str, base: str) -> str:
    """A download link that says what it is and how big, then the file's SHA-256 checksum."""
    text = f"{name}, {format_size(file.size, language)}"
    return (
        f'<li><a class="download" href="{base}{file.href}" type="{file.media_type}" '
        f'aria-label="{escape(f"{text}: {context}")}">{escape(text)}</a>\n'
        f'<span class="checksum">{escape(site_label(language, "checksum"))} <code>{file.sha256}</code></span></li>'
    )


def _missing_name(key: str, language: str) -> str:
    if key in ("epub", "pdf"):
        return label(language, key)
    return site_label(language, "html_edition" if key == "html" else "offprints_missing")


def _in(tag: str | None) -> str:
    """``lang`` and ``dir`` attributes for text in the language ``tag``."""
    return f' lang="{escape(tag)}" dir="{registry.direction_of(tag)}"' if tag else ""


@functools.cache
def _stylesheet() -> str:
    return resources.files("handbook.publish.site").joinpath("site.css").read_text(encoding="utf-8")
