"""A fake MediaWiki Action API on 127.0.0.1, answering as Wikimedia's api.php does.

It speaks only what citecheck asks (``action=query&prop=revisions&formatversion=2``) and answers
in the real response shape: ``query.pages`` as a list, ``normalized`` and ``redirects`` lists,
``missing``/``invalid``/``special`` flags, ``badrevids``, the ``redirectsandrevids`` warning, and
maxlag refusals as HTTP 200 with ``errors[0].code == "maxlag"`` plus ``Retry-After`` and
``X-Database-Lag`` headers (``errorformat=plaintext``). A request without ``formatversion=2`` is
refused, so the fake also checks what the client sends.

Record the committed cassette from the project's root (only 127.0.0.1 is contacted)::

    .venv/bin/python -m tests.load.wiki_api_server tests/data/wiki

That starts the server, loads one page with ``HttpSettings(record=<dir>/cassette,
allow_private=True)`` and writes ``<dir>/recording.json``: the API URL it was recorded at (the
cassette's keys include the port) and the Document it produced, which the replay test expects.
"""

from __future__ import annotations

import json
import re
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from citecheck.http import HttpSettings
from citecheck.load.wiki import load_wiki, parse_wiki_url

ARTICLE_TITLE = "2023年朝俄首脑会谈"
ARTICLE = """\
'''2023年朝俄首脑会谈'''是[[朝鲜最高领导人]][[金正恩]]与[[俄罗斯总统]][[弗拉基米尔·普京]]于2023年9月13日在[[东方航天发射场]]举行的会谈<ref name="ap">{{cite web |url=https://apnews.com/article/kim-putin-summit |title=North Korea's Kim vows full support for Russia |website=AP News |date=2023-09-13 |access-date=2023-09-13 |archive-url=https://web.archive.org/web/20230913120000/https://apnews.com/article/kim-putin-summit |archive-date=2023-09-13 |language=en}}</ref>。
这是金正恩自2019年以来首次访问俄罗斯<ref>{{cite web |url=https://tass.ru/politika/18735525 |title=Ким Чен Ын прибыл в Россию |website=ТАСС |date=2023-09-12 |access-date=2023-09-18 |language=ru}}</ref>，双方讨论了军事合作<ref name="ap" />。

== 参考资料 ==
{{reflist}}

[[Category:2023年朝鲜]]
"""
REDIRECT_TITLE = "金普会"
OLD_ARTICLE = "'''2023年朝俄首脑会谈'''是金正恩与普京的会谈。\n"

_REDIRECT = re.compile(r"^#(?:REDIRECT|重定向)\s*\[\[([^\]|#]+)", re.IGNORECASE)
_INVALID_CHARS = "#<>[]|{}"
_SPECIAL_PREFIXES = ("Special:", "特殊:")


@dataclass(frozen=True)
class Revision:
    revid: int
    timestamp: str
    content: str


@dataclass
class Page:
    pageid: int
    title: str
    revisions: list[Revision]  # oldest first

    @property
    def redirect_target(self) -> str | None:
        found = _REDIRECT.match(self.revisions[-1].content)
        return found.group(1).strip() if found else None


@dataclass
class FakeWiki:
    """The wiki's state, and how the server should misbehave."""

    pages: dict[str, Page] = field(default_factory=dict)
    maxlag_answers: int = 0  # answer this many requests with a maxlag refusal first
    retry_after: str = "5"  # what MediaWiki sends with a maxlag refusal
    error: tuple[str, str] | None = None  # (code, text) to refuse every request with

    @classmethod
    def sample(cls) -> FakeWiki:
        """A small zhwiki: one article with two revisions and one redirect to it."""
        article = Page(
            pageid=8_612_345,
            title=ARTICLE_TITLE,
            revisions=[
                Revision(79_000_001, "2023-09-13T10:00:00Z", OLD_ARTICLE),
                Revision(79_123_456, "2023-09-20T08:30:00Z", ARTICLE),
            ],
        )
        redirect = Page(
            pageid=8_612_400,
            title=REDIRECT_TITLE,
            revisions=[Revision(79_000_050, "2023-09-14T02:00:00Z", f"#重定向 [[{ARTICLE_TITLE}]]\n")],
        )
        return cls(pages={page.title: page for page in (article, redirect)})

    def by_id(self, pageid: int) -> Page | None:
        return next((p for p in self.pages.values() if p.pageid == pageid), None)

    def by_revid(self, revid: int) -> tuple[Page, Revision] | None:
        for page in self.pages.values():
            for revision in page.revisions:
                if revision.revid == revid:
                    return page, revision
        return None


def _normalise(title: str) -> str:
    title = title.replace("_", " ").strip()
    return title[:1].upper() + title[1:]


def _revision_json(revision: Revision) -> dict[str, Any]:
    return {
        "revid": revision.revid,
        "parentid": 0,
        "timestamp": revision.timestamp,
        "slots": {
            "main": {
                "contentmodel": "wikitext",
                "contentformat": "text/x-wiki",
                "content": revision.content,
            }
        },
    }


def _page_json(page: Page, revision: Revision | None = None) -> dict[str, Any]:
    return {
        "pageid": page.pageid,
        "ns": 0,
        "title": page.title,
        "revisions": [_revision_json(revision or page.revisions[-1])],
    }


def _error(code: str, text: str, **data: Any) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "text": text, "module": "main"}
    if data:
        error["data"] = data
    return {
        "errors": [error],
        "docref": "See https://zh.wikipedia.org/w/api.php for API usage.",
        "servedby": "mw-api-ext.fake",
    }


Answer = tuple[int, dict[str, str], dict[str, Any]]


def answer(wiki: FakeWiki, params: dict[str, str]) -> Answer:
    """What api.php answers: status, extra headers, JSON body. Pure but for ``maxlag_answers``."""
    if params.get("maxlag") and wiki.maxlag_answers > 0:
        wiki.maxlag_answers -= 1
        headers = {
            "Retry-After": wiki.retry_after,
            "X-Database-Lag": "7",
            "MediaWiki-API-Error": "maxlag",
        }
        text = "Waiting for 10.64.32.12: 7.2 seconds lagged."
        return 200, headers, _error("maxlag", text, host="10.64.32.12", lag=7.2, type="db")
    if wiki.error is not None:
        code, text = wiki.error
        return 200, {"MediaWiki-API-Error": code}, _error(code, text)
    wanted = {"action": "query", "format": "json", "formatversion": "2", "prop": "revisions"}
    for name, value in wanted.items():
        if params.get(name) != value:
            text = f"The fake API only answers {name}={value}."
            return 200, {"MediaWiki-API-Error": "badvalue"}, _error("badvalue", text)

    query: dict[str, Any] = {}
    body: dict[str, Any] = {"batchcomplete": True, "query": query}
    resolve = "redirects" in params

    def follow(page: Page) -> Page:
        target = page.redirect_target
        if resolve and target is not None and target in wiki.pages:
            query.setdefault("redirects", []).append({"from": page.title, "to": target})
            return wiki.pages[target]
        return page

    if "revids" in params:
        if resolve:
            body["warnings"] = [
                {
                    "code": "redirectsandrevids",
                    "text": "Redirect resolution cannot be used together with the revids "
                    "parameter. Any redirects the revids point to have not been resolved.",
                    "module": "query",
                }
            ]
        revid = int(params["revids"])
        found = wiki.by_revid(revid)
        if found is None:
            query["badrevids"] = {str(revid): {"revid": revid, "missing": True}}
        else:
            query["pages"] = [_page_json(*found)]
    elif "pageids" in params:
        pageid = int(params["pageids"])
        page = wiki.by_id(pageid)
        query["pages"] = [_page_json(follow(page)) if page else {"pageid": pageid, "missing": True}]
    else:
        asked = params.get("titles", "")
        title = _normalise(asked)
        if title != asked:
            query["normalized"] = [{"fromencoded": False, "from": asked, "to": title}]
        bad = next((c for c in title if c in _INVALID_CHARS), None)
        if not title or bad is not None:
            reason = (
                f'The requested page title contains invalid characters: "{bad}".'
                if bad
                else "The requested page title is empty or contains only the name of a namespace."
            )
            query["pages"] = [{"title": asked, "invalidreason": reason, "invalid": True}]
        elif title.startswith(_SPECIAL_PREFIXES):
            query["pages"] = [{"ns": -1, "title": title, "special": True}]
        elif title in wiki.pages:
            query["pages"] = [_page_json(follow(wiki.pages[title]))]
        else:
            query["pages"] = [{"ns": 0, "title": title, "missing": True}]
    return 200, {}, body


class WikiApiServer:
    """``start()``/``stop()``; ``api_url`` is its api.php. Records each request's query and UA."""

    def __init__(self, wiki: FakeWiki | None = None) -> None:
        self.wiki = wiki or FakeWiki.sample()
        self.requests: list[tuple[dict[str, str], str]] = []  # (query, User-Agent)
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        # A short poll interval: shutdown() waits for the loop's next poll.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def api_url(self) -> str:
        return f"{self.base}/w/api.php"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._httpd.shutdown()  # ends serve_forever's loop
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                params = {k: v[0] for k, v in parse_qs(parts.query).items()}
                headers: dict[str, str] = {}
                data: dict[str, Any] | None = None
                status = 404
                with server._lock:
                    server.requests.append((params, self.headers.get("User-Agent", "")))
                    if parts.path == "/w/api.php":
                        status, headers, data = answer(server.wiki, params)
                if data is None:
                    payload = b"<html><body>Not Found</body></html>"
                    headers = {"Content-Type": "text/html; charset=utf-8"}
                else:
                    payload = json.dumps(data, ensure_ascii=False).encode()
                    headers = {"Content-Type": "application/json; charset=utf-8", **headers}
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
                pass

        return Handler


RECORDED_PAGE_URL = f"https://zh.wikipedia.org/wiki/{ARTICLE_TITLE}"


def record(folder: Path) -> dict[str, Any]:
    """Record loading RECORDED_PAGE_URL into ``folder/cassette``; write ``recording.json``."""
    server = WikiApiServer()
    server.start()
    try:
        settings = HttpSettings(record=folder / "cassette", allow_private=True)
        document = load_wiki(parse_wiki_url(RECORDED_PAGE_URL), settings, api_url=server.api_url)
    finally:
        server.stop()
    recording = {
        "page_url": RECORDED_PAGE_URL,
        "api_url": server.api_url,
        "document": {"text": document.text, "format": document.format, "origin": document.origin},
    }
    text = json.dumps(recording, ensure_ascii=False, indent=2) + "\n"
    (folder / "recording.json").write_text(text, encoding="utf-8")
    return recording


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/data/wiki")
    if (target / "cassette").exists():
        sys.exit(f"{target / 'cassette'} exists; remove it first to re-record")
    target.mkdir(parents=True, exist_ok=True)
    print(json.dumps(record(target)["document"]["origin"], ensure_ascii=False))
