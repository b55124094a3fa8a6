"""The cache policy, pure: what is stored, for how long, and what a stored answer may serve.

Snapshots never expire, live URLs after ``max_age``; never a 429, a 5xx or a response cut short.
Each stored answer carries ``ADDRESS_HEADER``: without ``allow_private`` an answer not known to
have come from a public address is not served (``served_from_public``). A failing cache stops
the run or is survived without it (``must_stop``); ``ResponseCache`` carries that out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from citecheck.http.errors import FetchFailure
from citecheck.http.retry import Attempt
from citecheck.http.safety import check_url, is_public_address, literal_address

# A header citecheck adds to every answer it stores: "public" when it came from an address known
# to be public, else "non-public". A header, not a field of lean_encode/head_encode, so the same
# mark is kept by every backend (requests-cache's own serializers store headers as they are) and
# the stored values stay in requests-cache's format. A server's own header of this name is
# dropped (storable_headers), so a page cannot mark itself public.
ADDRESS_HEADER = "x-citecheck-address"

# Headers that describe the bytes on the wire (stored bodies are already decoded), and
# citecheck's own mark, which only citecheck sets.
_UNSTORED_HEADERS = frozenset(
    {"content-encoding", "content-length", "transfer-encoding", ADDRESS_HEADER}
)


def storable_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {k: v for k, v in headers.items() if k.lower() not in _UNSTORED_HEADERS}


def stored_headers(attempt: Attempt) -> dict[str, str]:
    """The headers ``attempt`` is stored with: its storable ones and the address mark."""
    headers = storable_headers(attempt.headers)
    headers[ADDRESS_HEADER] = "public" if attempt.public else "non-public"
    return headers


def cacheable(attempt: Attempt) -> bool:
    status = attempt.status
    return attempt.error is None and status is not None and status != 429 and status < 500


def must_stop(answered: bool, offline: bool) -> bool:
    """Whether a failure of the cache stops the run (else it goes on without the cache): when
    the cache never answered in this run (it was broken from the start), or offline (it is the
    only source of answers)."""
    return not answered or offline


def served_from_public(url: str, headers: Mapping[str, str]) -> bool:
    """Whether a stored answer (lower-case ``headers``) came from an address known to be public.

    An answer stored before ``ADDRESS_HEADER`` existed is judged by its URL: one whose host is
    written as a non-public address (or is localhost) is not. Treating every unmarked answer as
    non-public would be stricter, but would stop every existing cache and cassette replaying
    offline without allow_private (each link not-recorded); before the mark, a non-public
    answer could only be stored under allow_private, which tests and local archives use with
    such hosts. (Left open: a named host that resolved to a private address then is served until
    its entry expires.)
    """
    mark = headers.get(ADDRESS_HEADER)
    if mark is not None:
        return mark == "public"
    try:
        host = check_url(url)[0]
    except FetchFailure:  # not a URL citecheck fetches: it cannot be shown to be public
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return False
    address = literal_address(host)
    return address is None or is_public_address(address)


class Expiry:
    """When a stored answer stops being fresh, from the settings' ``snapshot_patterns`` and
    ``max_age``. Pure (requests-cache's pattern matching is imported on the first snapshot-like
    URL, not on the way of every response)."""

    def __init__(self, snapshot_patterns: Iterable[str], max_age: dt.timedelta) -> None:
        self._sources = tuple(snapshot_patterns)
        self.max_age = max_age
        self._patterns: dict[Any, Any] | None = None  # built on the first match
        # The hosts the patterns name, when none has a wildcard in its host part (then a URL
        # on another host cannot match, and the costly matching is skipped).
        hosts = {
            p.partition("://")[2].partition("/")[0] if "://" in p else p.partition("/")[0]
            for p in self._sources
        }
        self._hosts: frozenset[str] | None = (
            None if any(ch in h for h in hosts for ch in "*?[") else frozenset(hosts)
        )

    def _patterns_dict(self) -> dict[Any, Any]:
        if self._patterns is None:
            from requests_cache.policy import NEVER_EXPIRE

            self._patterns = dict.fromkeys(self._sources, NEVER_EXPIRE)
        return self._patterns

    def is_snapshot(self, url: str) -> bool:
        # requests-cache matches patterns against the text after the LAST "://", which for an
        # archive URL is the embedded original URL; hide the embedded separators from it.
        bare = url.partition("://")[2].replace("://", ":/")
        if self._hosts is not None:
            host = bare.partition("/")[0].rpartition("@")[2].lower()
            if host not in self._hosts:
                return False  # no pattern names this host: skip the pattern matching
        from requests_cache.policy import NEVER_EXPIRE, get_url_expiration

        return get_url_expiration(bare, self._patterns_dict()) == NEVER_EXPIRE

    def expires(self, url: str, status: int, now: dt.datetime) -> dt.datetime | None:
        """When a response stops being fresh; None for never.

        Only a snapshot's successful or redirecting answer is permanent: an archive may later
        capture a URL it answered 404 for.
        """
        if status < 400 and self.is_snapshot(url):
            return None
        # What requests-cache's get_expiration_datetime gives for a timedelta, without importing
        # it on the way of every response.
        return now + self.max_age
