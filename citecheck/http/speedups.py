"""The speed-ups that shape the HTTP layer, in one place: what each is, why, and where it lives.

Measured on a 2-core machine against a local server (see /work/shared/notes/http-performance.md
and bench/links.py, bench/audit.py); each one is covered by tests/http/test_http_speed_paths.py.
The tuning numbers they use are defined here; the code that carries them out stays where it acts.

- **Lazy imports.** ``citecheck.http`` loads its names on first use (``__init__``); httpx, aiohttp
  and the wires are imported by ``hops.NetworkHops`` for the first network request
  (``wire.open_wire``); requests-cache only to open a backend, store through it, or decode a value
  the lean decoder does not read (cache/response.py). A warm re-audit on the SQLite cache
  imports none of them (~0.16 s of start-up for requests-cache alone).
- **Cache first, in bulk, before any client** (``warm.py``): every URL is walked through the
  cache with one bulk query per redirect level; only misses go to the network. Warm 5,000 URLs:
  ~0.5 s instead of 4.5 s. URLs the pass found not stored at all skip their first lookup again
  (``NetworkHops.unstored``). On the cold path the URLs are set up ``SETUP_CHUNK`` at a time so
  the first requests leave while the rest are being looked up.
- **Keys computed once** (cache/keys.py ``request_key``: a hash of the exact URL, no
  normalisation; memoised per (method, URL) in ``ResponseCache.key``, up to ``MAX_MEMO_KEYS``).
  requests-cache's own key (URL normalisation, IDNA) was 41% of a warm hit.
- **The SQLite cache without requests-cache** (cache/sqlite.py, cache/codec.py): bulk reads in
  ``SQL_CHUNK``s, lean encode/decode of requests-cache's pickle format, bodies left in the
  cache when only the verdict is needed (``citecheck_heads``), writes committed ``WRITE_BATCH``
  at a time by a background thread, 16 KB pages (``PAGE_SIZE``) for ~20 KB stored pages.
- **A lean wire** (aio.py ``LeanClient``): plain requests straight through aiohttp, no httpx
  objects per request, the URL made as httpx would make it without httpx for plain URLs
  (``wire_url``); httpx's own pool slows down with requests in flight.
- **Per-host workers, not a task per URL** (limits.py ``HostBatch``), and a plain-class slot
  (``_Slot``) instead of a generator context manager; the first try of a request runs outside
  tenacity (retry.py ``with_retries``).
- **No repr of a large result** at the end of ``asyncio.run`` (fetch.py ``run_sync``), and the
  last commit made in a thread while the connections close (``Fetcher.aclose``).

The speed-ups outside this layer (garbage-collector tuning, the parse and page memos, memos of
pure functions) are listed in :mod:`citecheck.speedups`, which points here for these.
"""

from __future__ import annotations

# URLs set up (looked up in the cache, queued) before the requests made so far are let go.
SETUP_CHUNK = 256
# Writes to an SQLite cache are committed this many at a time (and at every flush()).
WRITE_BATCH = 256
# Bytes, of an SQLite cache file citecheck creates: a stored page is ~20 KB, and in 4 KB pages
# each spills over five overflow pages. With 16 KB ones the writer thread took 0.37-0.40 s of
# CPU for 5,251 responses instead of 0.53-0.57 s.
PAGE_SIZE = 16384
# Keys per bulk query: SQLite's default limit on ``?`` parameters in one statement is 999
# (older builds).
SQL_CHUNK = 900
# Memoised cache keys: enough for a large audit, bounded so a long-lived process cannot grow.
MAX_MEMO_KEYS = 200_000
