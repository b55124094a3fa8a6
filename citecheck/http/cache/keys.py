"""citecheck's cache keys, and the same keys installed in a requests-cache backend."""

from __future__ import annotations

from hashlib import blake2b
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from requests_cache.backends.base import BaseCache

# Part of every key: changing how keys are made changes this, so old entries are simply missed.
KEY_VERSION = b"citecheck-key-1"


def request_key(method: str, url: str) -> str:
    """citecheck's cache key for a body-less request: a hash of the method and the exact URL.

    requests-cache's default key normalises the URL first (IDNA, percent-encoding, sorted query),
    which was most of the time of a warm re-audit. citecheck fetches each exact URL string once
    per audit, so the exact string is the right identity; the hash recipe follows requests-cache's
    (blake2b, 8 bytes, hex), so keys look and sort the same.
    """
    digest = blake2b(KEY_VERSION, digest_size=8)
    digest.update(method.upper().encode("ascii", "replace"))
    digest.update(b" ")
    digest.update(url.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def citecheck_key_fn(request: Any, **_: Any) -> str:
    """``request_key`` as a requests-cache ``key_fn`` (its KeyCallback signature), so the
    backend's own ``create_key`` (used by ``contains``, ``delete``...) agrees with citecheck."""
    body = getattr(request, "body", None)
    if body:  # citecheck sends no bodies; anything else gets requests-cache's own key
        from requests_cache.cache_keys import create_key

        return create_key(request, **_)
    return request_key(str(request.method or "GET"), str(request.url or ""))


def use_citecheck_keys(backend: BaseCache) -> BaseCache:
    """Make ``backend.create_key`` use ``citecheck_key_fn``.

    requests-cache keeps its settings on the backend and lets ``CachedSession.settings`` replace
    them; citecheck has no session, so it sets the one field the same way the session would.
    """
    backend._settings.key_fn = citecheck_key_fn
    return backend
