"""Retry decisions are pure; the loop only carries them out, within its bounds."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable

import pytest

from citecheck.http import ErrorKind, HttpSettings, retry_after_seconds, should_retry
from citecheck.http.retry import Attempt, with_retries

Settings = Callable[..., HttpSettings]
NOW = dt.datetime(2026, 1, 1, 12, 0, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("status", "error", "expected"),
    [
        (200, None, False),
        (404, None, False),
        (403, None, False),
        (429, None, True),
        (500, None, True),
        (503, None, True),
        (501, None, False),
        (None, ErrorKind.TIMEOUT, True),
        (None, ErrorKind.CONNECTION_RESET, True),
        (None, ErrorKind.CONNECTION_REFUSED, True),
        (None, ErrorKind.DNS, False),
        (None, ErrorKind.TLS, False),
        (None, ErrorKind.BLOCKED_PRIVATE_ADDRESS, False),
        (None, ErrorKind.NOT_RECORDED, False),
        (200, ErrorKind.TOO_LARGE, False),
    ],
)
def test_what_is_worth_retrying(status: int | None, error: ErrorKind | None, expected: bool):
    assert should_retry(status, error) is expected


def test_retry_after_reads_seconds_and_http_dates():
    assert retry_after_seconds("120", NOW) == 120
    assert retry_after_seconds("Thu, 01 Jan 2026 12:00:30 GMT", NOW) == 30
    assert retry_after_seconds("Thu, 01 Jan 2026 11:00:00 GMT", NOW) == 0  # in the past
    assert retry_after_seconds("soon", NOW) is None
    assert retry_after_seconds(None, NOW) is None


def run_attempts(answers: list[Attempt], settings: HttpSettings) -> tuple[Attempt, int]:
    calls = 0

    async def attempt() -> Attempt:
        nonlocal calls
        calls += 1
        return answers[min(calls, len(answers)) - 1]

    return asyncio.run(with_retries(attempt, settings)), calls


def test_attempts_are_bounded(settings: Settings):
    result, calls = run_attempts([Attempt("u", status=503)], settings(max_attempts=3))
    assert result.status == 503 and calls == 3


def test_the_total_wait_is_bounded(settings: Settings):
    busy = Attempt("u", status=503, headers={"retry-after": "1"})
    result, calls = run_attempts([busy], settings(max_attempts=10, retry_budget=0.5))
    assert calls == 1 and result.status == 503  # waiting 1 s would exceed the 0.5 s budget


def test_a_success_ends_the_loop(settings: Settings):
    answers = [Attempt("u", error=ErrorKind.TIMEOUT), Attempt("u", status=200)]
    result, calls = run_attempts(answers, settings(max_attempts=5))
    assert result.status == 200 and calls == 2


def test_a_final_429_is_named_rate_limited(settings: Settings):
    result, _ = run_attempts([Attempt("u", status=429)], settings(max_attempts=2))
    assert result.error is ErrorKind.RATE_LIMITED and result.status == 429
