"""A real Redis server for the cache's tests: Debian's ``redis-server`` on a free 127.0.0.1 port,
with no persistence, started and stopped by its PID.

The tests skip when ``redis-server`` is not installed (``apt-get install redis-server``), except in
CI, which must test the real server (.ci/run installs it).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from tests.support.processes import Running, end_process
from tests.support.pywb_server import free_port

INSTALL_HINT = "apt-get install redis-server (Debian's package), or put redis-server on PATH"


def require_redis_server() -> Path:
    """The ``redis-server`` program, or skip the test (fail it in CI)."""
    import pytest

    found = shutil.which("redis-server")
    if found is None:
        message = f"redis-server is not installed: {INSTALL_HINT}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return Path(found)


def _answers_ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer(Running):
    """One redis-server in ``folder``, on 127.0.0.1, while the context is open."""

    def __init__(self, program: Path, folder: Path) -> None:
        self.program = program
        self.folder = folder
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._log = folder / "redis.log"

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, *, attempts: int = 3, ready_within: float = 10.0) -> None:
        """Start on a free port, trying another if one was taken meanwhile."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for _ in range(attempts):
            self.port = free_port()
            # No snapshots, no append-only file: nothing outlives the test.
            options = {
                "bind": "127.0.0.1",
                "port": str(self.port),
                "save": "",
                "appendonly": "no",
                "dir": str(self.folder),
                "daemonize": "no",
            }
            args = [str(self.program), *(a for k, v in options.items() for a in (f"--{k}", v))]
            with self._log.open("wb") as log:
                self._process = subprocess.Popen(
                    args,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            deadline = time.monotonic() + ready_within
            while time.monotonic() < deadline and self._process.poll() is None:
                if _answers_ping(self.port):
                    return
                time.sleep(0.05)
            self.stop()
        raise RuntimeError(f"redis-server did not start; its log:\n{self._log.read_text()[-2000:]}")

    def kill(self) -> None:
        """End it at once (SIGKILL), as a crashed or killed server ends: no goodbye to clients."""
        self._end(signal.SIGKILL)

    def stop(self) -> None:
        self._end(signal.SIGTERM)

    def _end(self, how: signal.Signals) -> None:
        process, self._process = self._process, None
        end_process(process, how)

