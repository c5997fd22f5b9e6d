"""Opening a page in a fresh browser context, with every request and every error on record."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, Route

LOCAL_SCHEMES = ("data:", "blob:", "about:")
LoadState = Literal["load", "domcontentloaded", "networkidle"]


@dataclass
class Visit:
    """A page, what it asked for and what went wrong while it loaded and ran."""

    page: Page
    origin: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        """Every request that would have left the local server (all of them were blocked)."""
        return [url for url in self.requests if not is_local(url, self.origin)]


def is_local(url: str, origin: str) -> bool:
    return url.startswith(f"{origin}/") or url == origin or url.startswith(LOCAL_SCHEMES)


@contextmanager
def visit(browser: Browser, url: str, origin: str, width: int = 1280, wait: LoadState = "load") -> Iterator[Visit]:
    """``url`` in a new context ``width`` CSS pixels wide; requests leaving ``origin`` are recorded and aborted."""
    context = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block")
    page = context.new_page()
    record = Visit(page, origin)

    def on_request(request: Request) -> None:
        record.requests.append(request.url)

    def on_response(response: Response) -> None:
        if response.status >= 400:
            record.errors.append(f"HTTP {response.status}: {response.url}")

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            record.errors.append(f"console error: {message.text} ({where})")

    def on_page_error(error: Exception) -> None:
        record.errors.append(f"uncaught exception: {error}")

    def block(route: Route) -> None:
        route.abort("blockedbyclient")

    context.route(lambda target: not is_local(target, origin), block)
    page.on("request", on_request)
    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    try:
        page.goto(url, wait_until=wait)
        yield record
    finally:
        context.close()
