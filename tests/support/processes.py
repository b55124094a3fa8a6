"""Servers the tests start as child processes are stopped by their own PID, never by name."""

from __future__ import annotations

import signal
import subprocess


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
