"""load: a wiki page by URL (or wiki + title / oldid) -> Document with the page's wikitext.

The page is read through the MediaWiki Action API with the project's one HTTP client
(``citecheck.http.Fetcher``), so the request is cached, recorded and replayed like every
other one. One GET per page::

    https://zh.wikipedia.org/w/api.php?action=query&format=json&formatversion=2
        &prop=revisions&rvprop=content|ids|timestamp&rvslots=main
        &redirects=1&maxlag=5&errorformat=plaintext&titles=…      (or pageids=…, or revids=…)

How the answer is read (``formatversion=2``: ``query.pages`` is a list, flags are booleans):

- ``redirects=1`` makes the API follow redirects itself and list them in ``query.redirects``;
  the loaded title goes into ``Document.origin`` and ``WikiRevision.redirected_from`` says which
  title was asked. The API refuses ``redirects`` together with ``revids`` (it warns
  ``redirectsandrevids``), so an oldid is asked without it, and an old revision that is itself a
  redirect is reported as :class:`WikiRedirectError`.
- A page with ``missing``, a ``badrevids`` entry, or ``invalid`` (with ``invalidreason``) becomes
  :class:`WikiPageMissingError` / :class:`WikiInvalidTitleError`.
- ``maxlag=5`` asks the servers to refuse bot reads while their replicas lag (Wikimedia's
  etiquette). The refusal is an HTTP **200** whose body holds the error code ``maxlag`` and
  whose ``Retry-After`` header says how long to wait, so the HTTP layer neither retries it nor
  refuses to cache it. This module waits as asked (up to ``HttpSettings.retry_after_cap``), tries
  once more, then raises :class:`WikiMaxlagError`.
- An answer that is not a usable query result (an API error, a non-200 status, a body that is
  not JSON) is removed from the cache again, so a later run asks afresh instead of replaying the
  failure; missing and invalid pages are genuine answers and stay cached. Offline, nothing is
  removed: cassettes are read-only there.

Requests carry ``HttpSettings.user_agent``; Wikimedia's User-Agent policy asks for the tool's
name and a way to contact its operator (a URL or an e-mail address), and a request to a
Wikimedia wiki is refused here before it is sent when the agent has neither.

Tests use a fake Action API on 127.0.0.1 (``tests/load/wiki_api_server.py``) and pass its
address as ``api_url``. The committed cassette ``tests/data/wiki/cassette/`` was recorded with
``python -m tests.load.wiki_api_server tests/data/wiki``, which starts that server, loads one
page with ``HttpSettings(record=…, allow_private=True)`` and writes the expected Document next
to the cassette; the tests replay it with ``HttpSettings(cassette=…, offline=True)``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

import httpx

from citecheck.http import (
    ErrorKind,
    Fetcher,
    FetchResult,
    HttpSettings,
    ResponseCache,
    open_backend,
    retry_after_seconds,
)
from citecheck.lang import alternation
from citecheck.load import LoadError
from citecheck.model import Document

__all__ = [
    "WikiApiError",
    "WikiError",
    "WikiFetchError",
    "WikiInvalidTitleError",
    "WikiMaxlagError",
    "WikiNotRecordedError",
    "WikiPage",
    "WikiPageMissingError",
    "WikiRedirectError",
    "WikiRevision",
    "WikiUrlError",
    "afetch_wiki",
    "api_query_url",
    "fetch_wiki",
    "load_wiki",
    "parse_wiki_url",
    "user_agent_problems",
]

# Wikimedia's own etiquette value: wait while replicas lag more than 5 seconds.
MAXLAG_SECONDS = 5
# When a maxlag answer carries no Retry-After, MediaWiki's documentation says to wait 5 s.
DEFAULT_MAXLAG_WAIT = 5.0

# Projects whose hosts are <language or site>.<project>.org, all with /wiki/ and /w/api.php.
_PROJECTS = frozenset(
    {
        "wikipedia",
        "wiktionary",
        "wikibooks",
        "wikinews",
        "wikiquote",
        "wikisource",
        "wikiversity",
        "wikivoyage",
        "wikimedia",
    }
)
# Single-site projects, keyed by their canonical host.
_SINGLE_SITES = frozenset(
    {"www.wikidata.org", "test.wikidata.org", "www.mediawiki.org", "www.wikifunctions.org"}
)
# What ``--wiki`` may name besides a language code or a host.
_WIKI_SHORTHANDS = {
    "commons": "commons.wikimedia.org",
    "meta": "meta.wikimedia.org",
    "species": "species.wikimedia.org",
    "incubator": "incubator.wikimedia.org",
    "wikidata": "www.wikidata.org",
    "mediawiki": "www.mediawiki.org",
}
# Database names (zhwiki, zh_yuewiki, enwiktionary…) -> host; "wiki" means Wikipedia.
_DBNAME_SUFFIXES = {
    "wiki": "wikipedia",
    "wiktionary": "wiktionary",
    "wikibooks": "wikibooks",
    "wikinews": "wikinews",
    "wikiquote": "wikiquote",
    "wikisource": "wikisource",
    "wikiversity": "wikiversity",
    "wikivoyage": "wikivoyage",
}
_SUBDOMAIN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
# Characters MediaWiki's wfUrlencode leaves as they are in a title.
_TITLE_SAFE = ";@$!*(),/~:"
# Redirect magic words of the languages citecheck reads (citecheck/lang); English works on
# every wiki.
_REDIRECT = re.compile(
    rf"^\s*#\s*(?:{alternation('redirect_words')})\s*:?\s*\[\[\s*([^\]|#]+)", re.IGNORECASE
)
_CONTACT = re.compile(r"https?://\S+|[\w.+-]+@[\w-]+\.[\w.-]+")


# --- errors ------------------------------------------------------------------------------------


class WikiError(LoadError):
    """A wiki page cannot be loaded. The message names the wiki and the page."""


class WikiUrlError(WikiError):
    """The URL (or ``--wiki``/``--title``/``--oldid``) does not name a page of a known wiki."""


class WikiPageMissingError(WikiError):
    """The wiki has no page by that title, page id or revision id."""


class WikiInvalidTitleError(WikiError):
    """The title is not a valid page title there (invalid characters, interwiki, special page)."""


class WikiRedirectError(WikiError):
    """The page is a redirect and was not followed (``follow_redirects=False``, or an oldid)."""


class WikiFetchError(WikiError):
    """The API could not be asked or gave no usable answer (network, HTTP status, not JSON)."""

    def __init__(self, message: str, kind: ErrorKind | None = None) -> None:
        super().__init__(message)
        self.kind = kind


class WikiNotRecordedError(WikiFetchError):
    """Offline, and the request is not in the cache or cassette."""


class WikiApiError(WikiFetchError):
    """The API answered with an error code (``readonly``, ``internal_api_error_…``…)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class WikiMaxlagError(WikiApiError):
    """The wiki's database replicas lagged too much, also after waiting and one more try."""


# --- which page --------------------------------------------------------------------------------


@dataclass(frozen=True)
class WikiPage:
    """A page of a wiki, as asked: by title, by page id (``?curid=``) or by revision (oldid).

    ``host`` is the canonical (desktop) host, ``title`` is as written with underscores made
    spaces (the API normalises it further). ``variant`` keeps a language-variant path
    (``/zh-cn/…``) for the record only: wikitext is the same in every variant.
    """

    host: str
    title: str | None = None
    oldid: int | None = None
    pageid: int | None = None
    variant: str | None = None

    def __post_init__(self) -> None:
        if self.title is None and self.oldid is None and self.pageid is None:
            raise WikiUrlError(f"{self.host}: no page given (a title, an oldid or a curid)")
        for name, value in (("oldid", self.oldid), ("curid", self.pageid)):
            if value is not None and value <= 0:
                raise WikiUrlError(f"{self.host}: {name} must be a positive number, not {value}")

    @property
    def lang(self) -> str:
        """The host's first label: the language code of a Wikipedia (``zh``), else the site."""
        return self.host.split(".", 1)[0]

    @property
    def api_url(self) -> str:
        return f"https://{self.host}/w/api.php"

    def describe(self) -> str:
        """How errors name the page: ``zh.wikipedia.org, page "标题"`` / ``…, revision 123``."""
        if self.oldid is not None and self.title is not None:
            return f'{self.host}, page "{self.title}" revision {self.oldid}'
        if self.oldid is not None:
            return f"{self.host}, revision {self.oldid}"
        if self.title is not None:
            return f'{self.host}, page "{self.title}"'
        return f"{self.host}, page id {self.pageid}"

    @classmethod
    def from_parts(
        cls,
        wiki: str,
        title: str | None = None,
        oldid: int | None = None,
        *,
        pageid: int | None = None,
    ) -> WikiPage:
        """The page of ``--wiki``/``--title``/``--oldid``.

        ``wiki`` is a language code of Wikipedia (``zh``), a host (``zh.wikipedia.org``,
        ``en.m.wiktionary.org``), a database name (``zhwiki``, ``zh_yuewiki``, ``enwiktionary``)
        or a site name (``commons``, ``meta``, ``wikidata``…).
        """
        host = _host_of_wiki(wiki)
        if title is not None:
            title = _clean_title(title)
            if not title:
                raise WikiUrlError(f"{host}: the title is empty")
        return cls(host=host, title=title, oldid=oldid, pageid=pageid)


def _canonical_host(host: str) -> str | None:
    """The desktop host of a Wikimedia wiki (mobile ``.m.`` dropped), or None for another site."""
    labels = host.lower().rstrip(".").split(".")
    if len(labels) >= 3 and labels[-3] == "m":  # zh.m.wikipedia.org, m.wikidata.org
        del labels[-3]
    if len(labels) == 2 and labels[0] in ("wikidata", "mediawiki", "wikifunctions"):
        labels.insert(0, "www")
    host = ".".join(labels)
    if host in _SINGLE_SITES or host == "wikisource.org":  # multilingual Wikisource
        return host
    if len(labels) == 3 and labels[2] == "org" and labels[1] in _PROJECTS:
        site = labels[0]
        if site != "www" and _SUBDOMAIN.match(site):  # www.wikipedia.org is the portal
            return host
    return None


def _host_of_wiki(wiki: str) -> str:
    name = wiki.strip().lower()
    if name in _WIKI_SHORTHANDS:
        return _WIKI_SHORTHANDS[name]
    if "://" in name:
        name = urlsplit(name).hostname or ""
    if "." in name:
        host = _canonical_host(name)
        if host is None:
            raise WikiUrlError(f"{wiki!r} is not a Wikimedia wiki (e.g. zh.wikipedia.org)")
        return host
    for suffix, project in _DBNAME_SUFFIXES.items():
        stem = name.removesuffix(suffix)
        if stem != name and _SUBDOMAIN.match(stem.replace("_", "-")):
            return f"{stem.replace('_', '-')}.{project}.org"
    if _SUBDOMAIN.match(name):
        return f"{name}.wikipedia.org"
    raise WikiUrlError(f"{wiki!r} is not a wiki name (e.g. zh, zhwiki, zh.wikipedia.org)")


def _clean_title(title: str) -> str:
    # MediaWiki treats underscores and spaces alike; a fragment names a section, not a page.
    return title.partition("#")[0].replace("_", " ").strip()


def _positive_int(value: str, name: str, url: str) -> int:
    if not value.isdigit() or int(value) == 0:
        raise WikiUrlError(f"{url}: {name}={value!r} is not a revision or page number")
    return int(value)


def parse_wiki_url(url: str) -> WikiPage:
    """The page a Wikimedia URL shows: ``/wiki/T``, ``/w/index.php?title=T&oldid=N``,
    ``?curid=N``, mobile hosts, variant paths (``/zh-hans/T``), percent-encoded titles."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise WikiUrlError(f"{url}: not a wiki page URL (expected https://zh.wikipedia.org/wiki/…)")
    host = _canonical_host(parts.hostname)
    if host is None:
        raise WikiUrlError(
            f"{url}: not a page of a Wikimedia wiki (expected e.g. https://zh.wikipedia.org/wiki/…)"
        )
    try:
        path = unquote(parts.path, errors="strict")
        # parse_qs turns "+" into a space, as PHP does for MediaWiki's query strings.
        query = parse_qs(parts.query, errors="strict")
    except UnicodeDecodeError:
        raise WikiUrlError(f"{url}: the percent-encoding is not UTF-8") from None

    def param(name: str) -> str | None:
        values = query.get(name)
        return values[0] if values else None

    title: str | None = None
    variant: str | None = None
    lang = host.split(".", 1)[0]
    first, _, rest = path.lstrip("/").partition("/")
    if first == "wiki":
        title = rest
    elif first == "w" and rest in ("index.php", ""):
        title = param("title")
    elif first == lang or first.startswith(lang + "-"):  # /zh-hans/T, /zh-cn/T, /sr-el/T
        variant, title = first, rest
    elif path not in ("", "/", "/index.php"):
        raise WikiUrlError(f"{url}: not a page URL of {host} (expected /wiki/… or /w/index.php?…)")
    if param("title") is not None:
        title = param("title")

    oldid = pageid = None
    diff = param("diff")
    if diff is not None and diff.isdigit():  # a diff URL shows the newer revision's text
        oldid = _positive_int(diff, "diff", url)
    elif (value := param("oldid")) is not None:
        oldid = _positive_int(value, "oldid", url)
    if (value := param("curid")) is not None:
        pageid = _positive_int(value, "curid", url)
    title = _clean_title(title) if title is not None else None
    if not title:
        title = None
        if oldid is None and pageid is None:
            raise WikiUrlError(f"{url}: names no page of {host}")
    return WikiPage(host=host, title=title, oldid=oldid, pageid=pageid, variant=variant)


# --- what was loaded ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WikiRevision:
    """One revision's wikitext as the API gave it, with what was asked and what was loaded."""

    page: WikiPage
    title: str  # as loaded: normalised, redirects followed
    pageid: int
    revid: int
    timestamp: dt.datetime | None
    text: str
    redirected_from: str | None = None  # the title asked, when it was a redirect
    from_cache: bool = False

    @property
    def url(self) -> str:
        """The permanent link: ``https://host/w/index.php?title=T&oldid=N``."""
        title = quote(self.title.replace(" ", "_"), safe=_TITLE_SAFE)
        return f"https://{self.page.host}/w/index.php?title={title}&oldid={self.revid}"

    @property
    def document(self) -> Document:
        return Document(text=self.text, format="wikitext", origin=self.url)


def user_agent_problems(user_agent: str) -> tuple[str, ...]:
    """What Wikimedia's User-Agent policy would find missing: a tool name, a contact."""
    problems = []
    if not re.match(r"^[\w.-]+/\S+", user_agent.strip()):
        problems.append("it does not start with the tool's name and version (citecheck/0.1)")
    if not _CONTACT.search(user_agent):
        problems.append("it gives no contact (a URL or an e-mail address)")
    return tuple(problems)


def api_query_url(page: WikiPage, api_url: str | None = None) -> str:
    """The one query URL for ``page``, in the form httpx sends (so cache keys match)."""
    params: dict[str, str] = {
        "action": "query",
        "format": "json",
        "formatversion": "2",
        "prop": "revisions",
        "rvprop": "content|ids|timestamp",
        "rvslots": "main",
        "maxlag": str(MAXLAG_SECONDS),
        "errorformat": "plaintext",
    }
    if page.oldid is not None:
        params["revids"] = str(page.oldid)  # "redirects" is refused together with revids
    else:
        params["redirects"] = "1"
        if page.pageid is not None:
            params["pageids"] = str(page.pageid)
        else:
            assert page.title is not None  # WikiPage guarantees one of the three
            params["titles"] = page.title
    url = f"{api_url or page.api_url}?{urlencode(params, quote_via=quote, safe='')}"
    return str(httpx.URL(url))


# --- reading the answer ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Maxlag:
    wait: float
    message: str


def _api_errors(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(code, text) of each error: ``errors`` (errorformat=plaintext) or legacy ``error``."""
    found = []
    for error in data.get("errors") or []:
        if isinstance(error, dict):
            found.append((str(error.get("code", "")), str(error.get("text", ""))))
    legacy = data.get("error")
    if isinstance(legacy, dict):
        found.append((str(legacy.get("code", "")), str(legacy.get("info", ""))))
    return found


def _json_of(result: FetchResult, where: str) -> dict[str, Any]:
    """The answer's JSON object, or the WikiError that says why there is none."""
    if result.error is ErrorKind.NOT_RECORDED:
        raise WikiNotRecordedError(
            f"{where}: not in the cache or cassette, and the network is off ({result.detail});"
            " record it first (--record DIR) or run without --offline/--no-network",
            result.error,
        )
    if result.error is not None:
        hint = " (raise HttpSettings.max_bytes)" if result.error is ErrorKind.TOO_LARGE else ""
        detail = f": {result.detail}" if result.detail else ""
        raise WikiFetchError(f"{where}: {result.error.value}{detail}{hint}", result.error)
    if result.status != 200:
        hint = ""
        if result.status == 403:
            hint = " (Wikimedia refuses clients whose User-Agent breaks its policy)"
        raise WikiFetchError(f"{where}: the API answered HTTP {result.status}{hint}")
    try:
        data = json.loads(result.text())
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise WikiFetchError(f"{where}: the answer is not MediaWiki API JSON ({result.url})")
    return data


def _revision_of(
    page: WikiPage, data: dict[str, Any], result: FetchResult, follow_redirects: bool
) -> WikiRevision:
    where = page.describe()
    query = data.get("query")
    if not isinstance(query, dict):
        raise WikiFetchError(f"{where}: the API answer has no query result")
    if query.get("badrevids"):
        raise WikiPageMissingError(f"{where}: no such revision")
    for link in query.get("interwiki") or []:
        raise WikiInvalidTitleError(
            f"{where}: is an interwiki link to the {link.get('iw')!r} wiki, not a page here"
        )
    redirects = query.get("redirects") or []
    pages = query.get("pages") or []
    if len(pages) != 1 or not isinstance(pages[0], dict):
        raise WikiFetchError(f"{where}: expected one page in the API answer, got {len(pages)}")
    found: dict[str, Any] = pages[0]
    if found.get("invalid"):
        reason = found.get("invalidreason") or "invalid title"
        raise WikiInvalidTitleError(f"{where}: not a valid title: {reason}")
    if found.get("special"):
        raise WikiInvalidTitleError(f"{where}: is a special page, which has no wikitext")
    if found.get("missing"):
        raise WikiPageMissingError(f"{where}: no such page")
    title = str(found.get("title", ""))
    redirected_from = str(redirects[0].get("from")) if redirects else None
    if redirected_from is not None and not follow_redirects:
        raise WikiRedirectError(f'{where}: is a redirect to "{title}"')
    revisions = found.get("revisions") or []
    if not revisions:
        raise WikiFetchError(f"{where}: the API answer has no revision")
    revision: dict[str, Any] = revisions[0]
    main = (revision.get("slots") or {}).get("main") or {}
    if main.get("texthidden") or revision.get("texthidden"):
        raise WikiPageMissingError(f"{where}: the revision's text is hidden (revision deleted)")
    model = main.get("contentmodel", "wikitext")
    if model != "wikitext" or "content" not in main:
        raise WikiError(f"{where}: holds {model} content, not wikitext")
    text = str(main["content"])
    if page.oldid is not None and (target := _REDIRECT.match(text)):
        raise WikiRedirectError(
            f'{where}: this revision of "{title}" is a redirect to "{target.group(1).strip()}"'
        )
    stamp = revision.get("timestamp")
    return WikiRevision(
        page=page,
        title=title,
        pageid=int(found.get("pageid", 0)),
        revid=int(revision["revid"]),
        timestamp=dt.datetime.fromisoformat(stamp) if isinstance(stamp, str) else None,
        text=text,
        redirected_from=redirected_from,
        from_cache=result.from_cache,
    )


def _forget(settings: HttpSettings, url: str) -> None:
    """Drop a stored answer that was no usable result, so it is not replayed next time.

    Done on a cache opened afresh after the Fetcher closed: the Fetcher may hold writes back
    until it closes (batched SQLite commits), and those must be on disk before they are deleted.
    """
    if settings.offline:
        return
    cache = ResponseCache(open_backend(settings), settings)
    try:
        cache.backend.delete(cache.key("GET", url))
    finally:
        cache.close()


async def _ask_once(
    page: WikiPage, url: str, settings: HttpSettings, follow_redirects: bool
) -> WikiRevision | _Maxlag:
    where = page.describe()
    async with Fetcher(settings) as fetcher:
        result = await fetcher.fetch(url)
    try:
        data = _json_of(result, where)
        errors = _api_errors(data)
        if not errors:
            # Missing, invalid and redirect answers stay cached: they are the page's state.
            return _revision_of(page, data, result, follow_redirects)
    except WikiNotRecordedError:
        raise
    except WikiFetchError:
        _forget(settings, url)
        raise
    except (KeyError, TypeError, ValueError) as exc:  # a field of the wrong shape
        _forget(settings, url)
        raise WikiFetchError(f"{where}: unexpected API answer ({exc!r})") from exc
    _forget(settings, url)
    code, text = errors[0]
    if code == "maxlag":
        asked = retry_after_seconds(result.headers.get("retry-after"), dt.datetime.now(dt.UTC))
        return _Maxlag(DEFAULT_MAXLAG_WAIT if asked is None else asked, text)
    raise WikiApiError(f"{where}: the API answered error {code!r}: {text}", code)


async def afetch_wiki(
    page: WikiPage,
    settings: HttpSettings | None = None,
    *,
    api_url: str | None = None,
    follow_redirects: bool = True,
) -> WikiRevision:
    """Fetch ``page``'s wikitext (the async core). ``api_url`` replaces the wiki's own
    ``https://<host>/w/api.php`` (a local server in tests); the page keeps its host."""
    settings = settings or HttpSettings()
    if api_url is None and (problems := user_agent_problems(settings.user_agent)):
        raise WikiError(
            f"{page.host}: the User-Agent {settings.user_agent!r} breaks Wikimedia's policy: "
            + "; ".join(problems)
        )
    url = api_query_url(page, api_url)
    answer = await _ask_once(page, url, settings, follow_redirects)
    if isinstance(answer, _Maxlag):
        wait = answer.wait
        if settings.offline or wait > settings.retry_after_cap:
            raise WikiMaxlagError(
                f"{page.describe()}: the wiki is lagging ({answer.message}); "
                f"it asks to wait {wait:g} s, try again later",
                "maxlag",
            )
        await asyncio.sleep(wait)
        answer = await _ask_once(page, url, settings, follow_redirects)
        if isinstance(answer, _Maxlag):
            raise WikiMaxlagError(
                f"{page.describe()}: the wiki is still lagging after waiting {wait:g} s "
                f"({answer.message}); try again later",
                "maxlag",
            )
    return answer


def fetch_wiki(
    page: WikiPage,
    settings: HttpSettings | None = None,
    *,
    api_url: str | None = None,
    follow_redirects: bool = True,
) -> WikiRevision:
    """The sync entry point of :func:`afetch_wiki` (not inside a running event loop)."""
    return asyncio.run(
        afetch_wiki(page, settings, api_url=api_url, follow_redirects=follow_redirects)
    )


def load_wiki(
    page: WikiPage,
    settings: HttpSettings | None = None,
    *,
    api_url: str | None = None,
    follow_redirects: bool = True,
) -> Document:
    """The page's wikitext as a Document; ``origin`` is the permanent link of what was loaded."""
    return fetch_wiki(page, settings, api_url=api_url, follow_redirects=follow_redirects).document
