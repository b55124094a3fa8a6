"""The test suite's one set of HTTP settings: local, uncached, with tiny waits and timeouts so
that retries and failures take milliseconds. A test changes only the fields it is about
(``fast_settings(timeout=2.0)``, or the ``settings`` fixture of ``tests/conftest.py``)."""

from __future__ import annotations

import dataclasses
from typing import Any

from citecheck.http import HttpSettings

# 127.0.0.1 needs allow_private; max_bytes caps the fault server's endless bodies.
FAST = HttpSettings(
    no_cache=True,
    allow_private=True,
    timeout=0.5,
    max_attempts=3,
    retry_initial=0.01,
    retry_max_wait=0.05,
    retry_jitter=0.01,
    retry_after_cap=2.0,
    retry_budget=3.0,
    max_bytes=100_000,
)


def fast_settings(**changes: Any) -> HttpSettings:
    """The fast test settings with ``changes`` made."""
    return dataclasses.replace(FAST, **changes)
