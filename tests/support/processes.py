"""Servers the tests start: stopped by their own PID, never by name, and each a context
manager (``with RedisServer(...) as server:``) through ``Running``."""

from __future__ import annotations

import signal
import subprocess
from typing import Self


class Running:
    """A test server as a context manager: ``start()`` on entering, ``stop()`` on leaving."""

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def end_process(process: subprocess.Popen[bytes] | None, how: int = signal.SIGTERM) -> None:
    """Send ``how`` to the child and wait for it; kill it if it has not ended in 10 s."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(how)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
