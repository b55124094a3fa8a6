"""A corpus run: documents stream through in segments; each segment's documents are parsed
(kept in the memo), their links checked together as one article (each URL asked once, each
host's manners kept across them; the cache carries answers to later segments), then each
document's rules run and its report is written. One row per document goes to the index as it
finishes. Workers (``citecheck.corpus.cluster``) run segments side by side.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citecheck import rules
from citecheck.audit import checking, malformed_links, report_of
from citecheck.corpus.index import failed_row, row_of
from citecheck.corpus.merge import merge, split
from citecheck.load import LoadError
from citecheck.model import Article, Document, Report
from citecheck.parse import ParseError, parse
from citecheck.parse.memo import Memo, parse_remembered
from citecheck.report import SUFFIXES, is_report, render, write_atomic

if TYPE_CHECKING:
    from citecheck.http import HttpSettings
    from citecheck.http.limits import SharedHostLimits

# Documents checked together: their URLs asked once among them, and at most this many reports'
# worth of data held at a time.
SEGMENT = 100


@dataclass(frozen=True)
class RunSettings:
    """What every document of the run is audited with (picklable: workers get a copy)."""

    output: Path
    fmt: str = "markdown"
    today: dt.date | None = None
    select: tuple[str, ...] = ("all",)
    ignore: tuple[str, ...] = ()
    http: HttpSettings | None = None
    archives: tuple[str, ...] = ()
    force: bool = False
    segment: int = SEGMENT

    @property
    def judges_claims(self) -> bool:
        """Whether the rules chosen judge claims against their pages (``unsupported-claim``)."""
        return any(r.code == "unsupported-claim" for r in rules.select(self.select, self.ignore))

    @property
    def reads_pages(self) -> bool:
        """Whether a rule chosen reads what cited pages say (else no page is read)."""
        return any(r.reads_pages for r in rules.select(self.select, self.ignore))


def ready_cache(http: HttpSettings) -> None:
    """The run's cache opened once before any document: one citecheck must not write to, or a
    server that does not answer, stops the run here (``CacheBackendError``), and an SQLite file
    is made now, so the workers opening it at once do not meet it half made."""
    from citecheck.http import ResponseCache

    cache = ResponseCache(None, http)
    try:
        cache.make_file()
    finally:
        cache.close()


def segments(
    documents: Iterable[tuple[str, Document | str]], size: int
) -> Iterator[list[tuple[str, Document | str]]]:
    """``documents`` (name, document or why it could not be loaded) in lists of ``size``."""
    it = iter(documents)
    while batch := list(itertools.islice(it, size)):
        yield batch


def parsed_articles(
    documents: Sequence[tuple[str, Document | str]], memo: Memo | None
) -> Iterator[Article]:
    """The articles of the documents that load and parse (kept in ``memo``)."""
    for _, _, article in _parsed(documents, memo, {}):
        yield article


def _parsed(
    documents: Sequence[tuple[str, Document | str]],
    memo: Memo | None,
    rows: dict[int, dict[str, Any]],
) -> Iterator[tuple[int, Document, Article]]:
    """Each document parsed (kept in ``memo``); a failed row in ``rows`` for those that are
    not (a document given as a string could not be loaded: the string says why)."""
    for i, (name, document) in enumerate(documents):
        if isinstance(document, str):
            rows[i] = failed_row(name, name, document)
            continue
        try:
            article = parse_remembered(document, memo) if memo is not None else parse(document)
        except (LoadError, ParseError) as exc:
            rows[i] = failed_row(name, document.origin, str(exc))
            continue
        yield i, document, article


def audit_segment(
    documents: Sequence[tuple[str, Document | str]],
    settings: RunSettings,
    shared: SharedHostLimits | None = None,
) -> list[dict[str, Any]]:
    """Audit these documents together and write their reports; their index rows, in order.

    A document that cannot be loaded, parsed, or whose report cannot be written gets a failed
    row, and the others go on."""
    chosen = rules.select(settings.select, settings.ignore)
    today = settings.today or dt.date.today()
    rows: dict[int, dict[str, Any]] = {}
    if settings.http is None:
        for i, document, article in _parsed(documents, None, rows):
            found = rules.run(article, today, chosen, malformed=malformed_links(article))
            report = Report(document.origin, today, article, found)
            rows[i] = _written(documents[i][0], document.origin, report, settings)
        return [rows[i] for i in sorted(rows)]
    from citecheck.check import check_article

    with checking(settings.http, settings.archives) as (http, services, cache):
        memo = cache if cache.keeps_derived else None
        parsed = list(_parsed(documents, memo, rows))
        if parsed:
            merged = merge([article for *_, article in parsed])
            evidence = check_article(
                merged.article,
                http,
                services,
                cache=cache,
                support=settings.judges_claims,
                read_pages=settings.reads_pages,
                shared=shared,
                documents=merged.claim_ids,
            )
            for j, (i, document, article) in enumerate(parsed):
                own = split(evidence, merged, j, article)
                report = report_of(document.origin, article, today, chosen, own)
                rows[i] = _written(documents[i][0], document.origin, report, settings)
    return [rows[i] for i in sorted(rows)]


def _written(name: str, origin: str, report: Report, settings: RunSettings) -> dict[str, Any]:
    """Write the document's report under the output folder; its index row."""
    relative = f"{name}{SUFFIXES[settings.fmt]}"
    path = settings.output / relative
    if path.exists() and not settings.force and not _is_report_file(path):
        return failed_row(name, origin, f"{path}: exists and is not a citecheck report")
    write_atomic(path, render(report, settings.fmt))
    return row_of(name, origin, relative, report)


def _is_report_file(path: Path) -> bool:
    try:
        return path.is_file() and is_report(path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return False


def run_serial(
    documents: Iterable[tuple[str, Document | str]],
    settings: RunSettings,
    done: Callable[[dict[str, Any]], None],
) -> None:
    """The run in this process, segment after segment; ``done`` gets each row as it comes."""
    for batch in segments(documents, settings.segment):
        for row in audit_segment(batch, settings):
            done(row)
