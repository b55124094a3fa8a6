"""Where a corpus run's documents come from: paths (files, folders, globs, ``-``), a file of
wiki titles, or a MediaWiki XML dump.

Each source streams ``Item``s: a name for its report under the output folder and a ``load()``
that reads the document only when called, so nothing holds the corpus. A source that cannot
be found (a missing path, a glob matching nothing, a title MediaWiki forbids) still yields an
item, whose ``load()`` raises the ``LoadError`` naming it: the runner meets every error at the
same place and decides whether to stop, and one bad entry does not end the stream (a
generator that raises cannot be resumed). A dump that turns out damaged raises from the
generator, as nothing after the damage can be read.

Names are POSIX paths without a suffix, made safe for every file system: each component is
percent-encoded where Windows, macOS or Linux would refuse or alter it (``/`` inside a title,
``:``, ``..``, a trailing dot, ``CON``…), capped in length with a hash of the whole, and a
name that would collide with an earlier one on a case- or normalisation-insensitive file
system gets a hash of its origin appended.
"""

from __future__ import annotations

import bz2
import glob
import gzip
import hashlib
import io
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Protocol, TextIO
from xml.etree.ElementTree import ParseError

from citecheck.load import LoadError, decode, load
from citecheck.model import Document

__all__ = [
    "SUFFIXES",
    "Item",
    "Readable",
    "from_dump",
    "from_dump_file",
    "from_paths",
    "from_titles",
    "normalize_title",
    "safe_component",
]

# The file suffixes a folder walk or a glob keeps, by the reader that handles them. The format
# itself is detected from the text (``.txt`` files often hold wikitext), so this table only
# decides which files are articles; a file named on its own is read whatever its suffix.
SUFFIXES: dict[str, frozenset[str]] = {
    "html": frozenset({".html", ".htm", ".xhtml"}),
    "markdown": frozenset({".md", ".markdown", ".mdown", ".mkd"}),
    "text": frozenset({".txt", ".text"}),
    "wikitext": frozenset({".wiki", ".wikitext", ".mediawiki", ".mw"}),
}
_KEPT = frozenset().union(*SUFFIXES.values())


@dataclass(frozen=True)
class Item:
    """One document of a run: ``name`` places its report, ``origin`` is what the user gave."""

    name: str
    origin: str
    _load: Callable[[], Document] = field(repr=False, compare=False)

    def load(self) -> Document:
        """Read the document now (``LoadError`` naming the place when it cannot be read)."""
        return self._load()


# -- names -----------------------------------------------------------------------------------

# Characters some file system refuses in a name (Windows' list, NUL and controls everywhere),
# plus ``%`` itself so the encoding stays one-to-one.
_UNSAFE = frozenset('<>:"/\\|?*%') | frozenset(map(chr, [*range(32), 127]))
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in [*"0123456789", "¹", "²", "³"]}
)
# Bytes of one component, leaving room under the usual 255 for the report's suffix
# (``.sarif``) and the suffix a collision adds.
_MAX_BYTES = 180
_HASH = 8


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH]


def _pct(char: str) -> str:
    return "".join(f"%{b:02X}" for b in char.encode("utf-8", "surrogatepass"))


def safe_component(text: str) -> str:
    """One path component that every common file system stores as written: unsafe characters
    percent-encoded (one-to-one), a Windows device name, a leading dot or a trailing dot or
    space encoded, and a long one cut with a hash of the whole."""
    out = "".join(_pct(c) if c in _UNSAFE or 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    if not out:
        return "%00"  # no component is empty; "%00" cannot come from encoding a real text
    if out[0] == ".":  # hidden, or "." / ".."
        out = "%2E" + out[1:]
    if out[-1] in ". ":  # Windows drops a trailing dot or space
        out = out[:-1] + _pct(out[-1])
    if out.split(".", 1)[0].rstrip(" ").upper() in _RESERVED:  # "con.md" is a device too
        out = _pct(out[0]) + out[1:]
    if len(out.encode("utf-8")) > _MAX_BYTES:
        cut = out.encode("utf-8")[: _MAX_BYTES - _HASH - 1].decode("utf-8", "ignore")
        cut = re.sub(r"%[0-9A-F]?$", "", cut)  # never end inside an escape
        out = f"{cut.rstrip('. ')}~{_digest(text)}"
    return out


def _safe_name(parts: Iterable[str]) -> str:
    return "/".join(safe_component(p) for p in parts)


class _Names:
    """Hands out each name once per run: a name that a case- or normalisation-insensitive
    file system (Windows, macOS) would take for an earlier one gets its origin's hash.

    Only a 64-bit digest of each name is kept (about 70 bytes an item), so a dump of
    millions of pages does not hold its titles."""

    def __init__(self) -> None:
        self._taken: set[int] = set()

    def claim(self, name: str, origin: str) -> str:
        candidate, n = name, 0
        while (key := self._key(candidate)) in self._taken:
            n += 1  # the same origin twice (a dump listing a page twice) needs a counter too
            candidate = f"{name}~{_digest(origin if n == 1 else f'{origin}#{n}')}"
        self._taken.add(key)
        return candidate

    @staticmethod
    def _key(name: str) -> int:
        folded = unicodedata.normalize("NFC", name).casefold().encode("utf-8", "surrogatepass")
        return int.from_bytes(hashlib.blake2b(folded, digest_size=8).digest())


def _failed(name: str, origin: str, error: LoadError) -> Item:
    def fail() -> Document:
        raise error

    return Item(name, origin, fail)


def _held(document: Document) -> Callable[[], Document]:
    return lambda: document


# -- paths -----------------------------------------------------------------------------------


def from_paths(
    sources: Sequence[str], *, stdin: TextIO | None = None, input_format: str = "auto"
) -> Iterator[Item]:
    """Items for files, folders (walked recursively, sorted, keeping ``SUFFIXES``), globs
    (``docs/**/*.md``, sorted) and ``-`` (``stdin``, default the process's standard input).

    A file named twice is one item. Names mirror the path under the folder or glob root given,
    or are the stem of a file given on its own; ``-`` is ``stdin``.
    """
    names = _Names()
    seen: set[str] = set()
    for source in sources:
        if source == "-":
            if "-" not in seen:
                seen.add("-")
                yield Item(names.claim("stdin", "-"), "-", _stdin_loader(stdin, input_format))
            continue
        for relative, path in _expand(source):
            if isinstance(path, LoadError):
                name = _safe_name(relative or [source])
                yield _failed(names.claim(name, source), source, path)
                continue
            key = os.path.realpath(path)
            if key in seen:
                continue
            seen.add(key)
            origin = str(path)
            yield Item(
                names.claim(_safe_name(relative), origin),
                origin,
                partial(load, path, input_format=input_format),
            )


def _stdin_loader(stdin: TextIO | None, input_format: str) -> Callable[[], Document]:
    def read() -> Document:
        stream = sys.stdin if stdin is None else stdin
        # Bytes when there are any, so a wrong encoding is reported as ``load`` reports it.
        buffer: IO[bytes] | None = getattr(stream, "buffer", None)
        text = decode(buffer.read(), "<stdin>") if buffer is not None else stream.read()
        return Document(text, input_format, "<stdin>")

    return read


def _expand(source: str) -> Iterator[tuple[tuple[str, ...], Path | LoadError]]:
    """(name parts, path) for every file a source stands for, or one LoadError naming it."""
    path = Path(source)
    if not source.strip():
        yield (), LoadError("no article given (an empty path)")
    elif path.is_dir():
        found = False
        for relative, member in _walk(path, ()):
            found = True
            yield relative, member
        if not found:
            known = ", ".join(sorted(_KEPT))
            yield (), LoadError(f"{source}: the folder holds no article file ({known})")
    elif path.exists():
        yield (path.stem,), path
    elif _MAGIC.search(source):
        # Sorted as a folder walk sorts: by component, so "a/b" comes before "a-b".
        matches = sorted(glob.glob(source, recursive=True), key=lambda m: Path(m).parts)
        if not matches:
            yield (), LoadError(f"{source}: the pattern matches no file")
            return
        root = _glob_root(source)
        kept = [Path(m) for m in matches if _is_article(Path(m))]
        if not kept:
            known = ", ".join(sorted(_KEPT))
            yield (), LoadError(f"{source}: the pattern matches no article file ({known})")
        for match in kept:
            yield (*match.relative_to(root).parent.parts, match.stem), match
    else:
        yield (), LoadError(f"{source}: no such file or folder")


_MAGIC = re.compile(r"[*?\[]")  # what makes a source a glob pattern, as glob decides


def _is_article(path: Path) -> bool:
    return path.suffix.lower() in _KEPT and path.is_file()


def _walk(
    folder: Path, parts: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], Path | LoadError]]:
    """Depth first, each folder's entries sorted by name, hidden ones skipped; symbolic links
    to folders are not followed (no loops). An unreadable folder is one failed entry."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield parts, LoadError(f"{folder}: cannot read the folder ({exc.strerror})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path, (*parts, entry.name))
        elif path.suffix.lower() in _KEPT and entry.is_file():
            yield (*parts, path.stem), path


def _glob_root(pattern: str) -> Path:
    """The folders of a pattern before its first wildcard: ``docs/**/*.md`` -> ``docs``."""
    root: list[str] = []
    for part in Path(pattern).parts[:-1]:
        if _MAGIC.search(part):
            break
        root.append(part)
    return Path(*root) if root else Path()


# -- titles ----------------------------------------------------------------------------------

# What MediaWiki refuses in a title (Title::secureAndSplit): these characters, controls,
# "." and ".." as a path segment, three tildes, percent escapes, more than 255 bytes.
_BAD_TITLE = re.compile(
    r"[<>\[\]{}|#\x00-\x1f\x7f\ufffd]|%[0-9A-Fa-f]{2}|~{3}"
    r"|^\.\.?(?:/|$)|/\.\.?(?:/|$)"
)


def normalize_title(title: str) -> str:
    """A title as MediaWiki stores it: underscores are spaces, runs of spaces one, trimmed."""
    return re.sub(" +", " ", title.replace("_", " ")).strip()


def _title_problem(title: str) -> str | None:
    if bad := _BAD_TITLE.search(title):
        return f"MediaWiki forbids {bad.group()!r} in a title"
    if title.startswith(":"):
        return "a title cannot start with ':'"
    if len(title.encode("utf-8")) > 255:
        return "longer than MediaWiki's 255 bytes"
    return None


def from_titles(path: Path, wiki: str, load_page: Callable[[str], Document]) -> Iterator[Item]:
    """An item per title in ``path`` (UTF-8, one a line; blank lines and ``#`` comments
    skipped, spaces around stripped, a title given twice once); ``load_page(title)`` loads it.

    A line holding a title MediaWiki forbids yields an item whose ``load()`` raises a
    ``LoadError`` naming the file and line. A titles file that cannot be read raises here.
    """
    names = _Names()
    seen: set[str] = set()
    for number, line in _lines(path):
        title = normalize_title(line.strip())
        if not title or title.startswith("#") or title in seen:
            continue
        seen.add(title)
        origin = f"{wiki}:{title}"
        name = names.claim(_safe_name(["wiki", wiki, title]), origin)
        if problem := _title_problem(title):
            error = LoadError(f"{path}:{number}: {title!r} is not a page title ({problem})")
            yield _failed(name, origin, error)
        else:
            yield Item(name, origin, partial(load_page, title))


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        with path.open("rb") as file:
            for number, raw in enumerate(file, start=1):
                data = raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw
                yield number, decode(data, f"{path}:{number}")
    except FileNotFoundError:
        raise LoadError(f"{path}: no such titles file") from None
    except OSError as exc:
        raise LoadError(f"{path}: cannot read the titles file ({exc.strerror})") from None


# -- dumps -----------------------------------------------------------------------------------


class Readable(Protocol):
    """What a dump is read from: any binary file object (mwxml only calls ``read``)."""

    def read(self, size: int = ..., /) -> bytes | None: ...


def from_dump(
    path: Path,
    *,
    namespaces: frozenset[int] | None = None,
    titles: frozenset[str] | None = None,
) -> Iterator[Item]:
    """An item per page of a MediaWiki XML dump or export (plain, ``.bz2`` or ``.gz``, told by
    its first bytes), read as a stream; see ``from_dump_file``."""
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise LoadError(f"{path}: cannot open the dump ({exc.strerror})") from None
    with raw:
        magic = raw.peek(3)[:3] if hasattr(raw, "peek") else b""
        stream: io.BufferedIOBase
        if magic == b"BZh":
            stream = bz2.BZ2File(raw)
        elif magic[:2] == b"\x1f\x8b":
            stream = gzip.GzipFile(fileobj=raw)
        else:
            stream = raw
        with stream:
            yield from from_dump_file(stream, str(path), namespaces=namespaces, titles=titles)


def from_dump_file(
    file: Readable,
    origin: str,
    *,
    namespaces: frozenset[int] | None = None,
    titles: frozenset[str] | None = None,
) -> Iterator[Item]:
    """An item per page of the dump read from ``file`` (uncompressed XML): the latest revision
    of each page in ``namespaces`` (default: main only) and, when given, in ``titles`` (full
    titles, ``Talk:Foo``; underscores or spaces). Redirects and pages whose content is not
    wikitext are skipped. Items are named ``dump/<ns>/<title without its namespace>``.

    Only the page being read is held: its text is in the item. A damaged dump raises a
    ``LoadError`` naming ``origin`` and the last page read.
    """
    import mwxml  # type: ignore[import-untyped]

    wanted_ns = frozenset({0}) if namespaces is None else namespaces
    wanted = None if titles is None else frozenset(normalize_title(t) for t in titles)
    names = _Names()
    where = "at its start"

    def damaged(exc: BaseException) -> LoadError:
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        return LoadError(f"{origin}: damaged dump {where} ({detail})")

    # mwxml reports bad input with its own errors, expat's, a bare assert on the root element;
    # bz2 and gzip with OSError or EOFError when the file is cut short.
    broken = (mwxml.errors.MalformedXML, ParseError, AssertionError, EOFError, OSError,
              ValueError, TypeError, KeyError, AttributeError)  # fmt: skip
    try:
        dump = mwxml.Dump.from_file(file)
        prefixes = {ns.id: ns.name for ns in dump.site_info.namespaces or [] if ns.name}
        pages = iter(dump)
    except broken as exc:
        raise damaged(exc) from None
    while True:
        try:
            page = next(pages, None)
            if page is None:
                return
            title: str = page.title or ""
            where = f"in page {title!r}"
            skipped = page.namespace not in wanted_ns or page.redirect is not None
            if skipped or (wanted is not None and title not in wanted):
                # Not parsing its revisions: mwxml skips what is left of it on the next page.
                latest = None
            else:
                # Read every revision now: the stream moves on with the next page.
                latest = max(page, key=lambda r: r.id, default=None)
            where = f"after page {title!r}"
        except broken as exc:
            raise damaged(exc) from None
        if latest is None:
            continue
        if latest.model not in (None, "wikitext"):
            continue
        item_origin = f"{origin}#{title}"
        prefix = prefixes.get(page.namespace)
        bare = title.removeprefix(f"{prefix}:") if prefix else title
        name = names.claim(_safe_name(["dump", str(page.namespace), bare]), item_origin)
        if latest.deleted is not None and latest.deleted.text:
            error = LoadError(f"{item_origin}: revision {latest.id}'s text is deleted in the dump")
            yield _failed(name, item_origin, error)
        else:
            # mwxml gives None for an empty <text/>: an empty page.
            document = Document(latest.text or "", "wikitext", item_origin)
            yield Item(name, item_origin, _held(document))
