"""The library entry point: the pipeline load -> parse -> rules, as one call."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citecheck import rules
from citecheck.load import load
from citecheck.model import Article, Document, Report
from citecheck.parse import parse
from citecheck.parse.memo import parse_remembered

if TYPE_CHECKING:
    from citecheck.archives import ArchiveService
    from citecheck.evidence import Evidence, MalformedArchiveUrl, Support
    from citecheck.http import HttpSettings, ResponseCache

INTERNET_ARCHIVE_HOST = "web.archive.org"


def audit(
    source: str | Path | Document,
    *,
    today: dt.date | None = None,
    input_format: str = "auto",
    select: Iterable[str] = ("all",),
    ignore: Iterable[str] = (),
    http: HttpSettings | None = None,
    archives: Sequence[str] = (),
    suggest_archives: bool = False,
    suggest_from: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Audit the references of an article.

    ``source`` is a path, ``-`` for standard input, the article's text itself, or a loaded
    ``Document`` (``citecheck.load.wiki.load_wiki`` gives one for a wiki page). ``today`` is
    the audit date the date rules compare against (default: the real date), so a report can be
    reproduced. With ``http`` settings the article's links and archive snapshots are fetched
    (cached, or replayed offline from a cassette) and the dead/mismatch rules read the answers;
    without them only the structural rules run and nothing touches the network. Raises
    ``LoadError``/``ParseError`` when the input cannot be read at all, and ``SelectionError`` for
    an unknown rule code. ``archives`` names further Wayback-compatible archives by their
    snapshot URL prefix (``http://127.0.0.1:8080/citations/``), besides the Internet Archive and
    archive.today. ``suggest_archives`` looks up a capture for each citation with a URL and no
    archive (off by default: the Wayback Machine's CDX allows about 60 requests a minute),
    asking the archives in ``archives`` first and then the Internet Archive, or only the
    archives in ``suggest_from`` (as :func:`suggestion_archive` reads them).
    ``progress`` is told (done, total) as the link checks go.

    Called where an event loop is already running (a Jupyter cell, an async web app's
    handler), the link checks run on a loop of their own in a worker thread, and ``audit``
    returns when they are done (``progress`` is then told from that thread); in async code,
    ``await aaudit(...)`` instead keeps the caller's loop free.
    """
    if http is None:  # no network: nothing to await, whatever loop runs
        return _structural(source, today, input_format, select, ignore)
    from citecheck.http.fetch import run_sync

    def work() -> Report:
        return run_sync(
            aaudit(
                source,
                today=today,
                input_format=input_format,
                select=select,
                ignore=ignore,
                http=http,
                archives=archives,
                suggest_archives=suggest_archives,
                suggest_from=suggest_from,
                progress=progress,
            )
        )

    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    # asyncio.run cannot start inside a running loop: the audit gets a thread and a loop of
    # its own (its cache is opened and closed there), and this call waits for it.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1, thread_name_prefix="citecheck-audit") as pool:
        return pool.submit(work).result()


async def aaudit(
    source: str | Path | Document,
    *,
    today: dt.date | None = None,
    input_format: str = "auto",
    select: Iterable[str] = ("all",),
    ignore: Iterable[str] = (),
    http: HttpSettings | None = None,
    archives: Sequence[str] = (),
    suggest_archives: bool = False,
    suggest_from: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Audit the references of an article, on the running event loop: :func:`audit`'s async
    entry point, with the same arguments and the same report.

    The link checks are awaited on the caller's loop, so other tasks run while they wait on
    the network; reading the file, parsing and the rules are CPU work done in place (for a
    long article, ``await asyncio.to_thread(citecheck.audit, ...)`` keeps the loop free of
    them too). ``progress`` is told (done, total) on the loop's thread.
    """
    if http is None:
        return _structural(source, today, input_format, select, ignore)
    # The network stack loads only when used.
    from citecheck.check.checker import acheck_article, unknown_archive_hosts
    from citecheck.check.manners import with_unknown_archive_manners
    from citecheck.http import Fetcher

    document = source if isinstance(source, Document) else load(source, input_format=input_format)
    chosen = rules.select(select, ignore)
    today = today or dt.date.today()
    only = None
    if suggest_from is not None:
        only = [suggestion_archive(name) for name in suggest_from]
    with checking(http, archives) as (http, services, cache):
        article = parse_remembered(document, cache if cache.keeps_derived else None)
        settings = with_unknown_archive_manners(http, unknown_archive_hosts(article, services))
        async with Fetcher(settings, cache=cache, progress=progress) as fetcher:
            evidence = await acheck_article(
                article,
                fetcher,
                services,
                suggest=suggest_archives,
                suggest_from=only,
                support=any(r.code == "unsupported-claim" for r in chosen),
                read_pages=any(r.reads_pages for r in chosen),
            )
    return report_of(document.origin, article, today, chosen, evidence)


def _structural(
    source: str | Path | Document,
    today: dt.date | None,
    input_format: str,
    select: Iterable[str],
    ignore: Iterable[str],
) -> Report:
    """The audit without the network: the structural rules on the parsed article."""
    document = source if isinstance(source, Document) else load(source, input_format=input_format)
    chosen = rules.select(select, ignore)
    today = today or dt.date.today()
    article = parse(document)
    found = rules.run(article, today, chosen, malformed=malformed_links(article))
    return Report(document.origin, today, article, found)


@contextlib.contextmanager
def checking(
    http: HttpSettings, archives: Sequence[str] = ()
) -> Iterator[tuple[HttpSettings, tuple[ArchiveService, ...], ResponseCache]]:
    """What checking links needs: the settings with the archives' manners, the archive
    services (the known ones and those at ``archives``' prefixes), and one cache opened on
    them, closed after. The cache keeps the parsed articles as well as the answers; the
    archives' manners and snapshot patterns (never expiring) are its policy too."""
    from citecheck.archives import DEFAULT_SERVICES, wayback_archive_at
    from citecheck.check.manners import with_service_manners
    from citecheck.http import ResponseCache

    services = (*DEFAULT_SERVICES, *(wayback_archive_at(prefix) for prefix in archives))
    http = with_service_manners(http, services)
    cache = ResponseCache(None, http)
    try:
        yield http, services, cache
    finally:
        cache.close()


def report_of(
    origin: str,
    article: Article,
    today: dt.date,
    chosen: Sequence[rules.Rule],
    evidence: Evidence,
) -> Report:
    """The report on an article whose links were checked: the chosen rules run on what the
    network said (``evidence``), and the statuses and verdicts the reports show."""
    return Report(
        origin,
        today,
        article,
        rules.run(article, today, chosen, evidence, malformed_links(article)),
        links={url: c.verdict.status.value for url, c in evidence.links.items()},
        snapshots={url: o.status.value for (url, _), o in evidence.snapshots.items()},
        supports=_supports(evidence.supports),
    )


def _supports(supports: Mapping[tuple[int, str], Support]) -> dict[int, dict[str, Any]]:
    """The verdicts per claim and reference label, as the report gives them."""
    out: dict[int, dict[str, Any]] = {}
    for (claim, label), support in supports.items():
        out.setdefault(claim, {})[label] = support.to_dict()
    return out


def malformed_links(article: Article) -> dict[str, MalformedArchiveUrl]:
    """The article's archive links that name no snapshot, by the known archives' grammar: read
    offline, with or without the network, for the rules to read as a verdict."""
    from citecheck.archives import malformed_archive_urls

    return malformed_archive_urls({r.archive_url for r in article.references if r.archive_url})


def suggestion_archive(name: str) -> ArchiveService:
    """The archive a ``--suggest-from`` value names: ``web.archive.org`` the Internet Archive,
    ``archive.today`` (or any of its domains: ``archive.ph``, ``archive.is`` …) archive.today,
    anything else a Wayback-compatible archive by its snapshot URL prefix. ``ValueError`` when
    it is none of these."""
    from citecheck.archives import ARCHIVE_TODAY, INTERNET_ARCHIVE, wayback_archive_at
    from citecheck.archives.archive_today import DOMAINS

    host = name.strip().lower().removeprefix("www.")
    if host == INTERNET_ARCHIVE_HOST:
        return INTERNET_ARCHIVE
    if host in DOMAINS:
        return ARCHIVE_TODAY
    return wayback_archive_at(name)
