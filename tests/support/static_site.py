"""Pages served on 127.0.0.1 (a free port unless one is given), in a thread: each path's status,
headers and body, GET and HEAD, after an optional latency; it counts the requests per path and
the most it had in flight at once. Stopped through its own handle."""

from __future__ import annotations

import collections
import threading
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.support.processes import Running

# What a path answers: status, headers, body.
Answer = tuple[int, Mapping[str, str], bytes]


class StaticSite(Running):
    """``pages`` by path; any other path gets ``missing``. A header a page leaves out gets
    its value from ``headers`` (a default Content-Type)."""

    def __init__(
        self,
        pages: Mapping[str, Answer],
        *,
        missing: Answer = (404, {"Content-Type": "text/plain"}, b"not found"),
        headers: Mapping[str, str] | None = None,
        port: int = 0,
        latency: float = 0.0,
    ) -> None:
        served, defaults = dict(pages), dict(headers or {})
        self.requests: collections.Counter[str] = collections.Counter()
        self.headers_seen: dict[str, list[dict[str, str]]] = {}  # path -> each request's headers
        self.most_in_flight = 0
        self._in_flight = 0
        lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, with_body: bool) -> None:
                with lock:
                    site.requests[self.path] += 1
                    site.headers_seen.setdefault(self.path, []).append(dict(self.headers.items()))
                    site._in_flight += 1
                    site.most_in_flight = max(site.most_in_flight, site._in_flight)
                try:
                    time.sleep(latency)
                finally:
                    # Counted out before the answer is written: once written, the client may
                    # send its next request (another process's, holding the freed lease) before
                    # this thread runs again, and a count taken after the write saw three at
                    # once where the client never had more than two.
                    with lock:
                        site._in_flight -= 1
                self._send(with_body)

            def _send(self, with_body: bool) -> None:
                status, own, body = served.get(self.path, missing)
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                for name, value in {**defaults, **own}.items():
                    self.send_header(name, value)
                self.end_headers()
                if with_body:
                    self.wfile.write(body)

            def do_GET(self) -> None:
                self._answer(with_body=True)

            def do_HEAD(self) -> None:
                self._answer(with_body=False)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output clean

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
