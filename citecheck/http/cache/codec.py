"""Stored responses and the bytes they are kept as.

``Stored`` is what a lookup needs of a stored response. ``lean_*`` read and write the value
requests-cache's ``pickle_serializer`` (its SQLite default) keeps, without rebuilding a
``CachedResponse``; ``head_*`` the same response without its body (a row of ``citecheck_heads``).
The formats are requests-cache's; tests/http/test_http_speed_paths.py fails if a requests-cache
upgrade changes them.
"""

from __future__ import annotations

import datetime as dt
import http
import pickle
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from citecheck.evidence.fetch import BodyFacts

if TYPE_CHECKING:
    from requests_cache.models.response import CachedResponse


class Stored(NamedTuple):
    """What a lookup needs of a stored response."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    created_at: dt.datetime | None
    expires: dt.datetime | None
    facts: BodyFacts | None = None  # read without its body: ``body`` is empty

    def expired_at(self, now: dt.datetime | None) -> bool:
        """Whether it had expired at ``now`` (None: now)."""
        if self.expires is None:
            return False
        expires = self.expires
        if expires.tzinfo is None:  # requests-cache has stored naive UTC times
            expires = expires.replace(tzinfo=dt.UTC)
        return (now or dt.datetime.now(dt.UTC)) >= expires

    @classmethod
    def of(cls, cached: CachedResponse) -> Stored:
        return cls(
            url=cached.url,
            status=cached.status_code,
            headers=cached.headers,
            body=cached.content or b"",
            created_at=cached.created_at,
            expires=cached.expires,
        )


def _when(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def lean_decode(value: bytes) -> Stored | None:
    """Decode a value stored by requests-cache's ``pickle_serializer`` (its SQLite default)
    without rebuilding a ``CachedResponse``: that serializer pickles the dict cattrs made of the
    response, and a lookup needs five of its fields. None when the value does not look like
    that (then the storage's own ``deserialize`` decodes it). The format is requests-cache's;
    tests/http/test_http_speed_paths.py fails if a requests-cache upgrade changes it.
    """
    try:
        record = pickle.loads(value)
        return Stored(
            url=str(record["url"]),
            status=int(record["status_code"]),
            headers=dict(record.get("headers") or {}),
            body=bytes(record.get("_content") or b""),
            created_at=_when(record["created_at"]),
            expires=_when(record.get("expires")),
        )
    except Exception:  # any surprise: let requests-cache decode it
        return None


def lean_encode(stored: Stored, method: str, reason: str) -> bytes:
    """What requests-cache's ``pickle_serializer`` writes for the ``CachedResponse`` that
    ``ResponseCache.store`` would build, without building it: the dict cattrs makes of it
    (fields left at their defaults omitted), pickled. Pinned by a test against the real thing.
    """
    record: dict[str, Any] = {"_content": stored.body}
    if stored.created_at is not None:
        record["created_at"] = stored.created_at.isoformat()
    if stored.expires is not None:
        record["expires"] = stored.expires.isoformat()
    if stored.headers:
        record["headers"] = dict(stored.headers)
    record["reason"] = reason
    record["request"] = {"method": method, "url": stored.url}
    record["status_code"] = stored.status
    record["url"] = stored.url
    return pickle.dumps(record)


def head_encode(stored: Stored) -> bytes:
    """A response without its body, as ``head_decode`` reads it (a row of ``citecheck_heads``)."""
    facts = BodyFacts.of(stored.body)
    # Times as ISO text: pickled datetimes cost twice as much to write and read.
    created, expires = _iso(stored.created_at), _iso(stored.expires)
    return pickle.dumps(
        (stored.url, stored.status, dict(stored.headers), created, expires, facts.size, facts.title)
    )


def _iso(when: dt.datetime | None) -> str | None:
    return None if when is None else when.isoformat()


def head_decode(value: bytes) -> Stored | None:
    """The response ``head_encode`` wrote, its body left out; None for anything else."""
    try:
        url, status, headers, created, expires, size, title = pickle.loads(value)
        facts = BodyFacts(size, title)
        return Stored(url, status, headers, b"", _when(created), _when(expires), facts)
    except Exception:  # not a head after all: the response is read whole instead
        return None


def expires_unix(stored: Stored) -> int | None:
    """The ``expires`` column requests-cache writes (``CachedResponse.expires_unix``)."""
    return None if stored.expires is None else round(stored.expires.timestamp())


def reason_phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""
