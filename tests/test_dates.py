"""One source date for everything built: the PDF's dates and XMP, the EPUB's dcterms:modified, the site's feed.

Built for real from a git repository whose last commit is at a known time of day (no SOURCE_DATE_EPOCH),
then read back as a reader's tools read them: pikepdf for the PDF, ebooklib for the EPUB, XML for OPDS.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import git
import pikepdf
import pytest
from ebooklib import epub

from conftest import copy_book
from handbook.pipeline import build
from handbook.publish.site import build_site

COMMITTED = datetime(2026, 3, 14, 15, 9, 26, tzinfo=UTC)
"""The last commit's time: not midnight, so that a date without its time shows."""
PUBLICATION = "gender-dialogue"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The gender papers in three formats, the Kyrgyz paper as an offprint, and the site, from one commit."""
    root = copy_book(tmp_path_factory.mktemp("dated"))
    repo = git.Repo.init(root, initial_branch="main")
    repo.git.add("--all")
    actor = git.Actor("Editor", "editors@example.org")
    when = f"{int(COMMITTED.timestamp())} +0000"  # GitPython reads ISO seconds wrongly (15:09:26 as 15:09:02)
    repo.index.commit("The papers", author=actor, committer=actor, author_date=when, commit_date=when)
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        build(root, PUBLICATION, ("html", "epub", "pdf"), edition="en")
        build(root, PUBLICATION, ("epub", "pdf"), chapter="kg", edition="en")
        build_site(root)
    return root


def pdf_dates(path: Path) -> dict[str, datetime]:
    with pikepdf.open(path) as pdf:
        found = {key: _pdf_date(str(pdf.docinfo[key])) for key in ("/CreationDate", "/ModDate")}
        xmp = pdf.open_metadata()
        for key in ("xmp:CreateDate", "xmp:ModifyDate"):
            found[key] = datetime.fromisoformat(str(xmp[key]).replace("Z", "+00:00"))
    return found


def _pdf_date(text: str) -> datetime:
    """A PDF date, ``D:YYYYMMDDHHmmSS`` followed by ``Z`` or an offset."""
    return datetime.strptime(text.removeprefix("D:")[:14], "%Y%m%d%H%M%S").replace(tzinfo=UTC)


def epub_modified(path: Path) -> datetime:
    book = epub.read_epub(str(path), {"ignore_ncx": True})
    modified = [
        value
        for value, attributes in book.get_metadata("OPF", "meta")
        if attributes.get("property") == "dcterms:modified"
    ]
    assert len(modified) == 1, book.metadata
    return datetime.fromisoformat(modified[0].replace("Z", "+00:00"))


def test_every_pdf_is_dated_with_the_last_commit(dated: Path) -> None:
    out = dated / "_build" / PUBLICATION / "en"
    pdfs = sorted(out.rglob("*.pdf"))
    assert len(pdfs) == 2, pdfs  # the book and the offprint
    for pdf in pdfs:
        assert pdf_dates(pdf) == dict.fromkeys(
            ("/CreationDate", "/ModDate", "xmp:CreateDate", "xmp:ModifyDate"), COMMITTED
        ), pdf


def test_every_epub_is_dated_with_the_last_commit(dated: Path) -> None:
    epubs = sorted((dated / "_build" / PUBLICATION / "en").rglob("*.epub"))
    assert len(epubs) == 2, epubs
    for path in epubs:
        assert epub_modified(path) == COMMITTED, path


def test_the_site_is_dated_with_the_last_commit(dated: Path) -> None:
    feed = ET.parse(dated / "_build" / "site" / "opds.xml").getroot()
    times = [feed.findtext(f"{ATOM}updated")] + [e.findtext(f"{ATOM}updated") for e in feed.iter(f"{ATOM}entry")]
    assert len(times) > 1 and set(times) == {COMMITTED.strftime("%Y-%m-%dT%H:%M:%SZ")}, times
