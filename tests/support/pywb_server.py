"""A real web archive for tests: captures written with warcio, served by pywb on 127.0.0.1.

pywb (Webrecorder's Wayback-compatible replay) speaks the Wayback URL grammar, raw mode
(``id_``), nearest-capture redirects and Memento headers, so the archive logic can be checked
against a real server. pywb lives in its own virtualenv: it pins ``redis==2.10.6`` (the cache's
Redis backend needs redis>=3) and installs a top-level ``tests`` package that would shadow this
project's. Its scripts are looked up in ``$CITECHECK_PYWB_BIN``, then ``.venv-pywb/bin``, then
``PATH``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import httpx
from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]
from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

from tests.support.processes import Running, end_process

ROOT = Path(__file__).resolve().parents[2]
PYWB_BIN_ENV = "CITECHECK_PYWB_BIN"
INSTALL_HINT = (
    "python -m venv .venv-pywb && .venv-pywb/bin/pip install 'pywb==2.10.0' "
    f"(or point ${PYWB_BIN_ENV} at a directory holding pywb's wayback and wb-manager)"
)
# Frameless, Memento on, and a redirect to the exact capture time as the Wayback Machine does.
CONFIG = "framed_replay: false\nenable_memento: true\nredirect_to_exact: true\n"


@dataclass(frozen=True)
class Capture:
    """One archived HTTP response: what was fetched, when, and what came back."""

    url: str
    when: dt.datetime
    body: bytes = b""
    status: str = "200 OK"
    content_type: str = "text/html; charset=utf-8"
    location: str | None = None


def write_warc(path: Path, captures: Iterable[Capture]) -> None:
    """A gzipped WARC with one response record per capture."""
    with path.open("wb") as output:
        writer = WARCWriter(output, gzip=True)
        for capture in captures:
            headers = [
                ("Content-Type", capture.content_type),
                ("Content-Length", str(len(capture.body))),
            ]
            if capture.location:
                headers.append(("Location", capture.location))
            http_headers = StatusAndHeaders(capture.status, headers, protocol="HTTP/1.1")
            when = capture.when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            record = writer.create_warc_record(
                capture.url,
                "response",
                payload=BytesIO(capture.body),
                http_headers=http_headers,
                warc_headers_dict={"WARC-Date": when},
            )
            writer.write_record(record)


def find_pywb_bin() -> Path | None:
    """The directory holding pywb's ``wayback`` and ``wb-manager`` scripts, if installed."""
    candidates = [os.environ.get(PYWB_BIN_ENV), str(ROOT / ".venv-pywb" / "bin")]
    found = shutil.which("wayback")
    if found:
        candidates.append(str(Path(found).parent))
    for candidate in candidates:
        if candidate and (Path(candidate) / "wayback").is_file():
            return Path(candidate)
    return None


def require_pywb_bin() -> Path:
    """pywb's scripts, or skip the test (fail it in CI, which must test the real archive)."""
    import pytest

    bin_dir = find_pywb_bin()
    if bin_dir is None:
        message = f"pywb is not installed: {INSTALL_HINT}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return bin_dir


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class PywbArchive(Running):
    """One pywb collection in ``root``, served on 127.0.0.1 while the context is open."""

    def __init__(self, root: Path, bin_dir: Path, collection: str = "citations") -> None:
        self.root = root
        self.bin_dir = bin_dir
        self.collection = collection
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._log = root / "pywb.log"

    @classmethod
    def of(cls, folder: Path, captures: Iterable[Capture], bin_dir: Path) -> PywbArchive:
        """An archive of ``captures`` built in ``folder`` (a WARC written, then indexed), not
        yet started."""
        warc = folder / "captures.warc.gz"
        write_warc(warc, captures)
        archive = cls(folder / "archive", bin_dir)
        archive.build(warc)
        return archive

    @property
    def netloc(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def prefix(self) -> str:
        return f"http://{self.netloc}/{self.collection}/"

    def url(self, stamp: str, original: str, flag: str = "id_") -> str:
        return f"{self.prefix}{stamp}{flag}/{original}"

    def build(self, warc: Path) -> None:
        """Create the collection and index the WARC into it (``wb-manager init`` and ``add``)."""
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "config.yaml").write_text(CONFIG, encoding="utf-8")
        for args in (["init", self.collection], ["add", self.collection, str(warc)]):
            subprocess.run(
                [str(self.bin_dir / "wb-manager"), *args],
                cwd=self.root,
                check=True,
                capture_output=True,
                timeout=60,
            )

    def start(
        self, *, attempts: int = 3, ready_within: float = 30.0, port: int | None = None
    ) -> None:
        """Start pywb on ``port``, or on a free port, trying another if one was taken meanwhile."""
        for _ in range(1 if port else attempts):
            self.port = port or free_port()
            with self._log.open("wb") as log:
                self._process = subprocess.Popen(
                    [str(self.bin_dir / "wayback"), "-b", "127.0.0.1", "-p", str(self.port)],
                    cwd=self.root,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            if self._wait_ready(ready_within):
                return
            self.stop()
        raise RuntimeError(f"pywb did not start; its log:\n{self._log_tail()}")

    def _wait_ready(self, within: float) -> bool:
        deadline = time.monotonic() + within
        with httpx.Client(trust_env=False, timeout=2.0) as client:
            while time.monotonic() < deadline:
                if self._process is None or self._process.poll() is not None:
                    return False
                try:
                    if client.get(f"http://{self.netloc}/").status_code == 200:
                        return True
                except httpx.TransportError:
                    pass
                time.sleep(0.1)
        return False

    def stop(self) -> None:
        process, self._process = self._process, None
        end_process(process)

    def _log_tail(self) -> str:
        if not self._log.exists():
            return "(no log)"
        return self._log.read_text(encoding="utf-8", errors="replace")[-3000:]

