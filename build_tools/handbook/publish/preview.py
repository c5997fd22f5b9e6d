"""The live preview of ``handbook watch``: the published HTML over HTTP, reloaded in the browser after
each rebuild.

Every page served gets a small script that asks the server, once a second, for the number of the
last build (``/_preview/build``) and reloads the page when it changes. The folder is looked up on
every request, so the new HTML is served as soon as the build has published it in place.
"""

from __future__ import annotations

import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

BUILD_PATH = "/_preview/build"
RELOAD = (
    "<script>(function () { var seen = null; setInterval(function () {"
    f' fetch("{BUILD_PATH}", {{cache: "no-store"}}).then(function (r) {{ return r.text(); }})'
    ".then(function (n) { if (seen !== null && n !== seen) { location.reload(); } seen = n; })"
    ".catch(function () {}); }, 1000); })();</script>"
)
WAITING = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Building…</title></head>'
    "<body><main><h1>The first build is running</h1><p>This page reloads when the HTML is ready.</p>"
    "</main></body></html>"
)


class Preview:
    """An HTTP server for ``folder`` on ``host``:``port`` (0: any free port), in a thread of its own."""

    def __init__(self, folder: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
        self.folder = folder
        self.build = 0
        """The number of the last build; pages reload when it changes."""
        preview = self

        class Handler(_Handler):
            served = preview

        self.server = ThreadingHTTPServer((host, port), Handler)  # OSError when the port is taken
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, name="handbook-preview", daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/"

    def start(self) -> None:
        self._thread.start()

    def reload(self) -> None:
        """Tell the pages open in browsers that a new build is published."""
        self.build += 1

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _Handler(SimpleHTTPRequestHandler):
    served: Preview

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, directory=str(self.served.folder), **kwargs)

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == BUILD_PATH:
            self._send(HTTPStatus.OK, str(self.served.build).encode(), "text/plain; charset=utf-8")
            return
        if not self.served.folder.is_dir():
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, _with_reload(WAITING.encode()), "text/html; charset=utf-8")
            return
        page = Path(self.translate_path(path))
        if page.is_dir():
            page = page / "index.html"
        if page.suffix == ".html" and page.is_file() and path.endswith(("/", ".html")):
            self._send(HTTPStatus.OK, _with_reload(page.read_bytes()), "text/html; charset=utf-8")
            return
        super().do_GET()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not logged: the terminal is for build results."""

    def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _with_reload(page: bytes) -> bytes:
    """The page with the reload script before its last ``</body>`` (at its end when it has none)."""
    at = page.rfind(b"</body>")
    script = RELOAD.encode()
    return page + script if at < 0 else page[:at] + script + page[at:]
