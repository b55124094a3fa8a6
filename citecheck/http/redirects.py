"""Following redirects, hop by hop, as a pure walk: the caller answers each hop.

``walk_steps`` is the one implementation (a generator: it yields each ``(method, url)`` to ask
and is sent the hop's ``Attempt``); ``walk`` drives it with an async hop (the cache, then the
network), ``walk_sync`` with a synchronous one (the cache pre-pass, no event-loop round trips).
Redirects are followed here, not by httpx, so each hop is cached and the chain is kept.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator
from urllib.parse import urldefrag, urljoin

from citecheck.evidence.fetch import ErrorKind, FetchResult, Hop
from citecheck.http.errors import FetchFailure
from citecheck.http.outcome import declared_charset, keep_headers
from citecheck.http.retry import Attempt
from citecheck.http.safety import check_url

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

HopFn = Callable[[str, str], Awaitable[Attempt]]


def redirect_target(url: str, attempt: Attempt) -> str | None:
    """Where ``attempt`` (an answer for ``url``) redirects to, without its fragment; None when
    it is not a redirect to follow."""
    location = attempt.headers.get("location")
    if attempt.status in REDIRECT_STATUSES and location and not attempt.error:
        return urldefrag(urljoin(url, location))[0]
    return None


def _loop_or_next(
    current: str, location: str, visits: dict[str, int], set_cookie: bool
) -> str | None:
    """The next URL of a redirect, or None when following it would loop.

    A URL may be visited twice when the redirect back set a cookie: cookie-check redirects
    (A -> B sets cookie -> A) are common and end well.
    """
    target, _ = urldefrag(urljoin(current, location))
    allowed = 2 if set_cookie else 1
    if visits.get(target, 0) >= allowed:
        return None
    return target


WalkSteps = Generator[tuple[str, str], Attempt, FetchResult]


def walk_steps(url: str, method: str, max_redirects: int) -> WalkSteps:
    """Follow ``url``'s redirects: yields each ``(method, url)`` to ask, is sent its Attempt.

    The one implementation of redirect following; ``walk`` (async) and ``walk_sync`` drive it.
    """
    chain: list[Hop] = []
    visits: dict[str, int] = {}
    current = url
    all_cached = True
    for _ in range(max_redirects + 1):
        visits[current] = visits.get(current, 0) + 1
        try:
            check_url(current)
        except FetchFailure as failure:
            return FetchResult.failure(
                url, method, failure.kind, failure.detail, chain=tuple(chain)
            )
        attempt = yield method, current
        all_cached = all_cached and attempt.from_cache
        if attempt.status is None:
            return FetchResult.failure(
                url,
                method,
                attempt.error or ErrorKind.INTERNAL,
                attempt.detail,
                chain=tuple(chain),
                checked_at=attempt.fetched_at,
                from_cache=all_cached and bool(chain),
            )
        kept = keep_headers(attempt.headers)
        chain.append(Hop(current, attempt.status, kept))
        location = attempt.headers.get("location")
        if attempt.status not in REDIRECT_STATUSES or not location or attempt.error:
            return _final(url, method, attempt, tuple(chain), all_cached, kept)
        following = _loop_or_next(current, location, visits, "set-cookie" in attempt.headers)
        if following is None:
            return FetchResult.failure(
                url,
                method,
                ErrorKind.REDIRECT_LOOP,
                f"{current} redirects back to {urljoin(current, location)}",
                chain=tuple(chain),
                checked_at=attempt.fetched_at,
                from_cache=all_cached,
            )
        current = following
    return FetchResult.failure(
        url,
        method,
        ErrorKind.TOO_MANY_REDIRECTS,
        f"more than {max_redirects} redirects",
        chain=tuple(chain),
        from_cache=all_cached,
    )


async def walk(url: str, method: str, hop: HopFn, max_redirects: int) -> FetchResult:
    """Follow ``url``'s redirects with ``hop`` answering each request."""
    steps = walk_steps(url, method, max_redirects)
    try:
        asked = next(steps)
        while True:
            asked = steps.send(await hop(*asked))
    except StopIteration as done:
        result: FetchResult = done.value
        return result


def walk_sync(
    url: str, method: str, hop: Callable[[str, str], Attempt], max_redirects: int
) -> FetchResult:
    """``walk`` with a synchronous ``hop`` (the cache pre-pass: no event-loop round trips)."""
    steps = walk_steps(url, method, max_redirects)
    try:
        asked = next(steps)
        while True:
            asked = steps.send(hop(*asked))
    except StopIteration as done:
        result: FetchResult = done.value
        return result


def _final(
    url: str,
    method: str,
    attempt: Attempt,
    chain: tuple[Hop, ...],
    all_cached: bool,
    headers: dict[str, str],
) -> FetchResult:
    """The result of a walk that ended with a response; ``headers`` are its kept headers."""
    return FetchResult(
        url=url,
        method=method,
        status=attempt.status,
        final_url=attempt.url,
        chain=chain,
        headers=headers,
        body=attempt.body,
        encoding=declared_charset(headers.get("content-type")),
        from_cache=all_cached,
        checked_at=attempt.fetched_at,
        error=attempt.error,
        detail=attempt.detail,
        facts=attempt.facts,
    )
