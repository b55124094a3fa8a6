"""Responses stored in a requests-cache backend, in four parts:

- ``backends``: which cache the settings choose (cassette folder, SQLite file, Redis or MongoDB
  URL, memory) and opening it; ``keys``: citecheck's cache keys;
- ``sqlite`` and ``codec``: the default SQLite file read and written directly, in requests-cache's
  own format (bulk reads, lean encoding, a background writer);
- ``policy``: pure decisions (expiry, what is stored, which stored answers may be served);
- ``memo``: the derived-data memo (parsed articles, page evidence) kept in the same file;

and ``ResponseCache`` (``response``) on top: the domain operations and the cache's failure
boundary (``CacheUnavailable``). Cassettes, Redis and MongoDB go through requests-cache's
public API.
"""

from citecheck.http.cache.backends import (
    cache_name,
    default_cache_path,
    foreign_tables,
    open_backend,
    refuse_unusable_sqlite,
    shown_url,
    sqlite_path,
)
from citecheck.http.cache.codec import Stored, head_decode, head_encode, lean_decode, lean_encode
from citecheck.http.cache.keys import KEY_VERSION, citecheck_key_fn, request_key
from citecheck.http.cache.policy import (
    ADDRESS_HEADER,
    Expiry,
    cacheable,
    must_stop,
    served_from_public,
    storable_headers,
)
from citecheck.http.cache.response import ResponseCache
from citecheck.http.cache.sqlite import SCHEMA
from citecheck.http.speedups import PAGE_SIZE, WRITE_BATCH

__all__ = [
    "ADDRESS_HEADER",
    "KEY_VERSION",
    "PAGE_SIZE",
    "SCHEMA",
    "WRITE_BATCH",
    "Expiry",
    "ResponseCache",
    "Stored",
    "cache_name",
    "cacheable",
    "citecheck_key_fn",
    "default_cache_path",
    "foreign_tables",
    "head_decode",
    "head_encode",
    "lean_decode",
    "lean_encode",
    "must_stop",
    "open_backend",
    "refuse_unusable_sqlite",
    "request_key",
    "served_from_public",
    "shown_url",
    "sqlite_path",
    "storable_headers",
]
