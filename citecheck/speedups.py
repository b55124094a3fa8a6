"""The speed-ups that shape citecheck's code, in one place: what each is, why, and where it acts.

Speed is measured in bench/ (audit.py: a 5,000-reference audit cold and warm, against lychee in
the same run; links.py: the link check alone), never in tests; tests/http/test_http_speed_paths.py
and tests/test_cli.py pin that each path below is taken. Tuning numbers live beside them.

- **Fewer garbage collections during an audit** (:func:`batch_collection`, below; the CLI wraps
  every command in it).
- **The HTTP layer** (cache first and in bulk, keys computed once, SQLite without requests-cache,
  the lean aiohttp wire, per-host workers, lazy imports of httpx/aiohttp/requests-cache): see
  :mod:`citecheck.http.speedups`, which holds their numbers.
- **Derived data kept with the answers**: a parsed article (parse/memo.py, keyed by the
  document's bytes and the digest of the code that reads it) and each fetched page's evidence
  (check/page/memo.py) are stored through ``ResponseCache.put_derived``, so a re-audit of an
  unchanged article loads neither the parsers nor requests-cache (tests/test_cli.py checks the
  modules a warm re-audit imports).
- **Memos of pure functions** where the same few inputs come back on every reference or URL,
  each with its reason beside it: dates (parse/dates.py), headings (parse/headings.py), script
  counts (parse/languages.py), template names (parse/templates.py), URL splitting and address
  checks (http/safety.py), host classification (http/classify.py), language tables
  (lang/__init__.py).
- **Lazy imports** in the entry points: ``citecheck.check`` and ``citecheck.http`` load their
  names on first use; audit.py imports the network stack only with ``http=``; report/fixes.py
  nothing from the wikitext reader.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

# Young objects are collected every this many allocations during an audit (CPython: 700).
AUDIT_GC_THRESHOLDS = (50_000, 20, 20)


@contextlib.contextmanager
def batch_collection(*, restore: bool = True) -> Iterator[None]:
    """Fewer cyclic garbage collections while an audit runs; the interpreter's settings after,
    unless ``restore`` is false (a process about to end: restoring them sets off a collection
    of everything allocated since the last one, 25 ms after a 5,000-link check).

    An audit builds many objects that live until it ends (references, pages, fetch results,
    findings) and drops few cycles: with CPython's default thresholds a 5,000-reference
    re-audit ran ~500 collections (0.16 s, three full ones 0.1 s) that freed ~500 objects, and a
    cold one ~1,300 (1 s). Objects loaded before the audit are frozen out of the full
    collections, and young ones are collected every 50,000 allocations, not 700 (mypy does the
    same for its batch runs). Memory is still freed by reference counting as before.
    """
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*AUDIT_GC_THRESHOLDS)
    try:
        yield
    finally:
        if restore:
            gc.set_threshold(*before)
            gc.unfreeze()
