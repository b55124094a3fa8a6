"""Files served as pages on 127.0.0.1 (a free port), in a thread: ``StaticSite({"/a": (type,
bytes)})``, stopped through its own handle."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


class StaticSite:
    def __init__(self, pages: Mapping[str, tuple[str, bytes]]) -> None:
        served = dict(pages)

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                content_type, body = served.get(self.path, ("text/plain", b"not found"))
                self.send_response(200 if self.path in served else 404)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output clean

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> StaticSite:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
