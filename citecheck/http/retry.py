"""When to try a request again, and how long to wait: pure decisions, then the one loop.

``should_retry`` and ``retry_after_seconds`` are pure and tested on their own; ``with_retries``
only carries them out with tenacity (exponential backoff with jitter, Retry-After honoured up to
a cap, a bounded number of attempts and a bounded total wait).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from citecheck.evidence.fetch import BodyFacts, ErrorKind
from citecheck.http.settings import HttpSettings

if TYPE_CHECKING:
    from tenacity import RetryCallState

RETRY_ERRORS = frozenset(
    {
        ErrorKind.TIMEOUT,
        ErrorKind.CONNECTION_REFUSED,
        ErrorKind.CONNECTION_RESET,
        ErrorKind.CONNECTION,
        ErrorKind.PROTOCOL,
    }
)
# 501 and 505 say the server will never do this; retrying cannot help.
NO_RETRY_5XX = frozenset({501, 505})


@dataclass(frozen=True)
class Attempt:
    """One try at one URL: a response (complete, or cut short) or an error, never both unset."""

    url: str
    status: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict, hash=False)  # lower-case names
    body: bytes = field(default=b"", repr=False)  # pages are large; a repr names the rest
    error: ErrorKind | None = None
    detail: str = ""
    from_cache: bool = False
    fetched_at: dt.datetime | None = None
    facts: BodyFacts | None = field(default=None, repr=False)  # the body left in the cache
    # Came from an address known to be public (the cache keeps this with the answer, and serves
    # an answer that did not only where private addresses are allowed).
    public: bool = False


def should_retry(status: int | None, error: ErrorKind | None) -> bool:
    """Whether trying again may give another answer: transient network errors, 429 and 5xx."""
    if error is not None and status is None:
        return error in RETRY_ERRORS
    if error is not None:
        return False  # a response arrived but was cut short: trying again reads the same
    if status == 429:
        return True
    return status is not None and 500 <= status < 600 and status not in NO_RETRY_5XX


def retry_after_seconds(value: str | None, now: dt.datetime) -> float | None:
    """Seconds asked for by a Retry-After header (delta-seconds or HTTP-date), else None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now).total_seconds())


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def with_retries(
    attempt: Callable[[], Awaitable[Attempt]],
    settings: HttpSettings,
) -> Attempt:
    """Run ``attempt`` until it needs no retry or the bounds are reached; the last one wins.

    The first try runs outside tenacity: most requests need no retry, and building the
    retrying machinery costs more CPU than the request itself on a fast network.
    """
    first = await attempt()
    if not should_retry(first.status, first.error) or settings.max_attempts <= 1:
        if first.status == 429 and first.error is None:
            return _rate_limited(first, 1)
        return first
    tries = 0

    async def again() -> Attempt:  # tenacity's first call replays the try already made
        nonlocal tries
        tries += 1
        return first if tries == 1 else await attempt()

    return await _with_tenacity(again, settings)


def _rate_limited(result: Attempt, attempts: int) -> Attempt:
    return Attempt(
        url=result.url,
        status=429,
        headers=result.headers,
        body=result.body,
        error=ErrorKind.RATE_LIMITED,
        detail=f"429 after {attempts} attempt(s)",
        from_cache=result.from_cache,
        fetched_at=result.fetched_at,
    )


async def _with_tenacity(
    attempt: Callable[[], Awaitable[Attempt]],
    settings: HttpSettings,
) -> Attempt:
    from tenacity import AsyncRetrying, retry_if_result, wait_exponential_jitter

    backoff = wait_exponential_jitter(
        multiplier=settings.retry_initial,
        max=settings.retry_max_wait,
        jitter=settings.retry_jitter,
    )

    def last(state: RetryCallState) -> Attempt:
        assert state.outcome is not None
        result: Attempt = state.outcome.result()
        return result

    def wait(state: RetryCallState) -> float:
        asked = retry_after_seconds(last(state).headers.get("retry-after"), _utcnow())
        if asked is None:
            return float(backoff(state))
        # Waiting less than asked gets a client banned; waiting longer than the cap is not worth it.
        return asked if asked <= settings.retry_after_cap else math.inf

    def stop(state: RetryCallState) -> bool:
        return (
            state.attempt_number >= settings.max_attempts
            or math.isinf(state.upcoming_sleep)
            or state.idle_for + state.upcoming_sleep > settings.retry_budget
        )

    def give_up(state: RetryCallState) -> Attempt:
        result = last(state)
        if result.status == 429:
            return _rate_limited(result, state.attempt_number)
        return result

    retrying = AsyncRetrying(
        retry=retry_if_result(lambda a: should_retry(a.status, a.error)),
        wait=wait,
        stop=stop,
        retry_error_callback=give_up,
    )

    async def call() -> Attempt:  # tenacity awaits only what is declared ``async def``
        return await attempt()

    result: Attempt = await retrying(call)
    return result
