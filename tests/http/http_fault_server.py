"""A misbehaving HTTP/1.1 server on 127.0.0.1 for the HTTP layer's tests.

Written on raw asyncio streams so it can do what a well-behaved server library refuses to:
reset connections, stall before headers or mid-body, stream forever, lie about gzip. It runs its
own event loop in a thread and records every request it reads, so a test can assert that none
was made. Every route is bounded: no route sends or waits forever.

Routes under ``/keepalive/`` keep the connection open (no ``Connection: close``) and then do
what their second segment says with it: ``serve`` answers the next request as usual; ``drop``
reads the next request and closes without answering (a server closing an idle connection just
as a request arrives); ``reset`` answers the next request's first bytes with an RST; ``close``
closes right after the response (the client may or may not notice before it reuses it);
``overlong`` sends 20 bytes more body than its Content-Length and then serves as usual;
``late`` sends 20 bytes more once the next request has come, and closes without answering it.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import socket
import struct
import threading
from collections import Counter
from collections.abc import Awaitable, Callable

CYRILLIC = "Архивная копия от 3 февраля 2009 на Wayback Machine"
JAPANESE = "2025年5月19日時点のオリジナルよりアーカイブ。"
LATIN = "Café crème à la façon de Zoë"

Route = Callable[["Request"], Awaitable[None]]


class Request:
    def __init__(
        self, method: str, path: str, writer: asyncio.StreamWriter, server: FaultServer
    ) -> None:
        self.method = method
        self.path = path
        self.writer = writer
        self.server = server

    async def respond(
        self,
        status: int,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        *,
        length: bool = True,
        keep_alive: bool = False,
        extra: bytes = b"",
    ) -> None:
        lines = [f"HTTP/1.1 {status} Whatever"]
        for name, value in (headers or {}).items():
            lines.append(f"{name}: {value}")
        if length:
            lines.append(f"Content-Length: {len(body)}")
        if not keep_alive:
            lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        self.writer.write(head + (b"" if self.method == "HEAD" else body + extra))
        await self.writer.drain()

    async def redirect(self, status: int, location: str) -> None:
        await self.respond(status, b"moved", {"Location": location})


def _keep_alive_mode(path: str) -> str:
    """What a ``/keepalive/<mode>/...`` route does with its connection after answering."""
    parts = path.split("/")
    return parts[2] if len(parts) > 2 and parts[1] == "keepalive" else ""


def _reset(writer: asyncio.StreamWriter) -> None:
    # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
    sock = writer.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


def html(title: str, text: str = "") -> bytes:
    return f"<html><head><title>{title}</title></head><body>{text}</body></html>".encode()


class FaultServer:
    """Start with ``start()``, stop with ``stop()``; ``base`` is its URL."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []
        self.heads: list[bytes] = []  # every request head as received, for header assertions
        self.hits: Counter[str] = Counter()
        self.dropped = 0  # requests read on a kept-alive connection and never answered
        self.connections = 0
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self.port = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> None:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        future.result(timeout=5)

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        async def _stop() -> None:
            assert self._server is not None
            self._server.close()
            for task in asyncio.all_tasks():
                if task is not asyncio.current_task():
                    task.cancel()

        asyncio.run_coroutine_threadsafe(_stop(), self._loop).result(timeout=5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._loop.close()

    def seen(self, path: str) -> int:
        with self._lock:
            return self.hits[path]

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with self._lock:
            self.connections += 1
        try:
            # Bounded: a kept-alive connection serves at most 100 requests.
            for _ in range(100):
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=5)
                method, path, _ = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ", 2)
                with self._lock:
                    self.heads.append(head)
                    self.requests.append((method, path))
                    self.hits[path] += 1
                    count = self.hits[path]
                await self._route(Request(method, path, writer, self), count)
                then = _keep_alive_mode(path)
                if then in ("serve", "overlong"):
                    continue
                if then in ("drop", "late"):
                    await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=5)
                    with self._lock:
                        self.dropped += 1
                    if then == "late":
                        writer.write(b"x" * 20)
                        await writer.drain()
                elif then == "reset":
                    await asyncio.wait_for(reader.read(1), timeout=5)  # the next request begins
                    _reset(writer)
                break
        except (ConnectionError, asyncio.IncompleteReadError, TimeoutError):
            pass
        finally:
            if not writer.is_closing():
                writer.close()

    async def _route(self, req: Request, count: int) -> None:
        path = req.path
        if path == "/":
            await req.respond(200, html("Home"), {"Content-Type": "text/html"})
        elif path == "/ok":
            await req.respond(200, html("A real page", "hello"), {"Content-Type": "text/html"})
        elif path.startswith("/page/"):  # as many distinct good pages as a test wants
            title = f"Page {path.rsplit('/', 1)[1]}"
            await req.respond(200, html(title, "hello"), {"Content-Type": "text/html"})
        elif path.startswith("/status/"):
            await req.respond(int(path.rsplit("/", 1)[1]), html("status"))
        elif path == "/reset":
            _reset(req.writer)
        elif _keep_alive_mode(path) == "overlong":
            body = html("Overlong")
            await req.respond(
                200, body, {"Content-Type": "text/html"}, keep_alive=True, extra=b"x" * 20
            )
        elif _keep_alive_mode(path):
            await req.respond(
                200, html("Kept alive"), {"Content-Type": "text/html"}, keep_alive=True
            )
        elif path == "/slow-headers":
            await asyncio.sleep(3)
            await req.respond(200, b"late")
        elif path == "/slow-body":
            req.writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 50\r\nConnection: close\r\n\r\n")
            for _ in range(50):
                req.writer.write(b"x")
                await req.writer.drain()
                await asyncio.sleep(0.1)
        elif path == "/endless":
            req.writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n")
            for _ in range(2000):  # at most 128 MB, far beyond any cap a test sets
                req.writer.write(b"y" * 65536)
                await req.writer.drain()
        elif path == "/loop-a":
            await req.redirect(302, "/loop-b")
        elif path == "/loop-b":
            await req.redirect(302, "/loop-a")
        elif path.startswith("/redirect/"):
            await req.redirect(int(path.rsplit("/", 1)[1]), "/ok")
        elif path.startswith("/chain/"):
            n = int(path.rsplit("/", 1)[1])
            await req.redirect(302, f"/chain/{n - 1}" if n > 0 else "/ok")
        elif path == "/old-page":
            await req.redirect(301, "/")
        elif path == "/429-then-ok":
            if count == 1:
                await req.respond(429, b"slow down", {"Retry-After": "1"})
            else:
                await req.respond(200, html("after 429"), {"Content-Type": "text/html"})
        elif path == "/429-forever":
            await req.respond(429, b"go away", {"Retry-After": "3600"})
        elif path == "/503-then-ok":
            if count == 1:
                await req.respond(503, b"busy")
            else:
                await req.respond(200, html("after 503"), {"Content-Type": "text/html"})
        elif path == "/503-forever":
            await req.respond(503, b"busy")
        elif path == "/cp1251":
            body = html(CYRILLIC).decode().encode("cp1251")
            await req.respond(200, body, {"Content-Type": "text/html; charset=windows-1251"})
        elif path == "/wrong-charset":
            body = html(CYRILLIC).decode().encode("cp1251")
            await req.respond(200, body, {"Content-Type": "text/html; charset=utf-8"})
        elif path == "/no-charset":
            body = html(LATIN).decode().encode("latin-1")
            await req.respond(200, body, {"Content-Type": "text/html"})
        elif path == "/shift-jis":
            body = html(JAPANESE).decode().encode("shift_jis")
            await req.respond(200, body, {"Content-Type": "text/html; charset=Shift_JIS"})
        elif path == "/json":
            body = b'{ "a" :  [1,2 ,3],\n  "b": "\\u00e9" }'
            await req.respond(200, body, {"Content-Type": "application/json"})
        elif path == "/binary":
            await req.respond(200, bytes(range(256)), {"Content-Type": "image/png"})
        elif path == "/gzip-ok":
            body = gzip.compress(html("zipped", "z" * 1000))
            headers = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
            await req.respond(200, body, headers)
        elif path == "/gzip-lies":
            headers = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
            await req.respond(200, html("not zipped at all"), headers)
        elif path == "/gzip-bomb":
            body = gzip.compress(b"0" * 5_000_000)
            headers = {"Content-Type": "text/plain", "Content-Encoding": "gzip"}
            await req.respond(200, body, headers)
        elif path == "/soft-404":
            await req.respond(200, html("Page not found"), {"Content-Type": "text/html"})
        elif path == "/memento":
            headers = {
                "Content-Type": "text/html",
                "Memento-Datetime": "Sat, 14 Sep 2023 10:00:00 GMT",
                "Link": '<http://example.org/>; rel="original"',
            }
            await req.respond(200, html("snapshot"), headers)
        elif path == "/counter":
            await req.respond(
                200, json.dumps({"n": count}).encode(), {"Content-Type": "text/plain"}
            )
        else:
            await req.respond(404, html("Not Found"), {"Content-Type": "text/html"})
