"""Parsed articles kept between audits: a re-audit of unchanged text is not parsed again.

Parsing is most of a warm re-audit: mwparserfromhell builds its tree in pure Python (~3 s for a
1 MB article of 5,000 references), where reading the links from the cache takes ~1 s. So the
Article parsed from a document is kept in a store (the SQLite HTTP cache's own table), one entry
per document, with a digest of what it was parsed from: the text and the code that parsed it (the
source of ``citecheck.model`` and of every module of ``citecheck.parse``, and the versions of the
libraries they read with). An edit of the text, of the parser or of a library no longer matches,
so the document is parsed again and its entry replaced: never stale, and the store does not grow
with each edit. The value is a compressed pickle: the store is the user's own cache file, which
requests-cache already fills with pickles.
"""

from __future__ import annotations

import base64
import functools
import importlib.util
import os
import pickle
import zlib
from collections.abc import Collection, Iterable
from hashlib import blake2b
from pathlib import Path
from typing import Protocol

from citecheck import model
from citecheck.model import Article, Document
from citecheck.parse import parse

__all__ = ["Memo", "code_digest", "parse_remembered"]

# The libraries whose reading decides what an Article holds.
_LIBRARIES = ("mwparserfromhell", "selectolax", "langdetect")


class Memo(Protocol):
    """Somewhere to keep values derived from inputs between audits (the HTTP cache, when it can)."""

    def get_derived(self, key: str) -> str | None: ...

    def get_derived_many(self, keys: Collection[str]) -> dict[str, str]:
        """The values of those ``keys`` that have one."""
        ...

    def put_derived(self, key: str, value: str) -> None: ...


@functools.cache
def code_version() -> bytes:
    """A digest of everything that decides the Article read from a text."""
    sources = [Path(model.__file__), *sorted(Path(__file__).parent.rglob("*.py"))]
    return code_digest(b"citecheck-parse-memo-1", sources, _LIBRARIES)


def code_digest(label: bytes, sources: Iterable[Path], libraries: Iterable[str]) -> bytes:
    """A digest of the code that derives a kept value: its source files and the installs of
    the libraries it reads with. Any change to them changes the digest, so a value made by
    other code is made again, never read."""
    digest = blake2b(label, digest_size=16)
    for source in sources:
        digest.update(source.read_bytes())
    for name in libraries:
        digest.update(f"{name} {install_stamp(name)}\0".encode())
    return digest.digest()


def install_stamp(name: str) -> str:
    """Which install of a library: its package file, that file's size and modification time
    (a new version rewrites it), or ``-`` when it is not installed. What its version number
    told, without importing ``importlib.metadata`` (~25 ms of a re-audit's start-up)."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return "-"
    stat = os.stat(spec.origin)
    return f"{spec.origin} {stat.st_size} {stat.st_mtime_ns}"


def memo_key(document: Document) -> str:
    """Where a document's article is kept: one place per document (its origin and the format
    asked for), so a document edited a thousand times still holds one entry."""
    digest = blake2b(b"citecheck-article", digest_size=16)
    digest.update(document.format.encode() + b"\0" + document.origin.encode("utf-8", "replace"))
    return "article:" + digest.hexdigest()


def text_digest(document: Document) -> str:
    """What the kept article must have been parsed from: this text, by this code."""
    digest = blake2b(code_version(), digest_size=16)
    digest.update(document.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def parse_remembered(document: Document, memo: Memo | None) -> Article:
    """``parse(document)``, or the Article parsed from the same text by the same code before.

    Only what parsed is kept: a ParseError is raised again each time, with its message.
    """
    if memo is None:
        return parse(document)
    key, made_from = memo_key(document), text_digest(document)
    known = memo.get_derived(key)
    if known is not None and known.startswith(made_from + "\n"):
        try:
            packed = base64.b64decode(known[len(made_from) + 1 :])
            article = pickle.loads(zlib.decompress(packed))
        except Exception:  # an entry that cannot be read is parsed again and replaced
            article = None
        if isinstance(article, Article):
            return article
    article = parse(document)
    # Compressed: an article's pickle shrinks ~20 times (2.3 MB -> 0.12 MB for 5,000 refs).
    packed = zlib.compress(pickle.dumps(article, protocol=5), 1)
    memo.put_derived(key, made_from + "\n" + base64.b64encode(packed).decode("ascii"))
    return article
