"""Evidence from a fetched page: its titles, language, publication date, canonical URL and, for
archive and snapshot-service pages, the original address and the capture time.

Pure: it reads the bytes the checker already fetched and never asks the network. Every value
keeps where it came from (``og:title``, ``<html lang>``, JSON-LD…), because a rule must weigh a
``<meta>`` tag differently from a date guessed out of the URL, and the report must show which.

Measured on the readability samples in ``tests/data/pages/readability/`` (see
``tests/check/test_page.py``); that is also where a change to the heuristics is caught.
"""

from __future__ import annotations

import codecs
import collections
import datetime as dt
import functools
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from hashlib import blake2b
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from citecheck import model
from citecheck.archives import BANNER_READERS, CaptureBanner
from citecheck.http import outcome
from citecheck.http.outcome import FetchResult, declared_charset
from citecheck.model import PartialDate
from citecheck.parse import dates, languages
from citecheck.parse.dates import DATE_PATTERN, make_date, parse_date
from citecheck.parse.languages import detect_language, primary, script_of
from citecheck.parse.memo import Memo, code_digest

if TYPE_CHECKING:
    # The HTML parser is loaded where a page is read: a re-audit answered from the page memo
    # reads none and never loads it (~10 ms).
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

# Only the start of a page is read for charsets and banners; the body is capped upstream anyway.
_SNIFF_BYTES = 4096
# The most of a page's running text any reader looks at.
_MAIN_TEXT_CHARS = 5_000
# langdetect's guess is kept only over this much text; a menu or a caption says little.
_MIN_DETECT_LETTERS = 60
# langdetect's time grows with the text; a few paragraphs name a language as surely as a page.
_DETECT_CHARS = 2_000
# A declared language loses to the text's only on strong evidence: templates ship lang="en".
_OVERRIDE_LETTERS = 300
_OVERRIDE_PROBABILITY = 0.99


@dataclass(frozen=True)
class TitleCandidate:
    """One title the page gives, with where it came from (``og:title``, ``title``, ``h1``…)."""

    text: str
    source: str


@dataclass(frozen=True)
class PageLanguage:
    """A language code (BCP-47 as found), where it came from, and langdetect's probability."""

    code: str
    source: str
    probability: float | None = None

    @property
    def primary(self) -> str:
        return primary(self.code.replace("_", "-"))


@dataclass(frozen=True)
class PageDate:
    """A publication date the page states: the day, the raw text it was read from, the source."""

    date: PartialDate
    source: str
    raw: str

    @property
    def strong(self) -> bool:
        """Machine-readable metadata, not a date guessed from visible text or the URL."""
        return self.source not in ("visible", "url")


@dataclass(frozen=True)
class PageEvidence:
    """What one fetched page says about itself.

    ``titles`` lists every candidate, the best first; ``language`` is the one the rules use and
    ``declared_language``/``detected_language`` are what it was decided from. ``original_url``
    and ``captured`` come from an archive page's own banner or comment, not from the archive's
    headers (those are in the snapshot outcome).
    """

    url: str
    charset: str
    charset_source: str
    titles: tuple[TitleCandidate, ...] = ()
    language: PageLanguage | None = None
    declared_language: PageLanguage | None = None
    detected_language: PageLanguage | None = None
    published: PageDate | None = None
    canonical: str | None = None
    canonical_source: str | None = None
    original_url: str | None = None
    captured: dt.datetime | None = None
    captured_source: str | None = None

    @property
    def title(self) -> str | None:
        return self.titles[0].text if self.titles else None

    def to_dict(self) -> dict[str, Any]:
        """A small stable shape for findings' evidence and JSON reports."""
        lang = self.language
        return {
            "page_url": self.url,
            "charset": f"{self.charset} ({self.charset_source})",
            "page_title": self.title,
            "page_titles": [f"{c.source}: {c.text}" for c in self.titles],
            "page_language": lang.code if lang else None,
            "page_language_source": lang.source if lang else None,
            "page_language_probability": (
                round(lang.probability, 3) if lang and lang.probability is not None else None
            ),
            "page_published": self.published.date.iso() if self.published else None,
            "page_published_source": self.published.source if self.published else None,
            "canonical": self.canonical,
            "page_original_url": self.original_url,
            "page_captured": self.captured.isoformat() if self.captured else None,
        }


# --- decoding ---------------------------------------------------------------------------------

# What browsers really use for a declared label (WHATWG): the declared ones are subsets.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "big5": "big5hkscs",
}
# Labels that servers send by default, not because anyone chose them for this page.
_DEFAULT_LABELS = frozenset({"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    name = _SUPERSETS.get(label, label)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decodes(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(body: bytes, content_type: str | None = None) -> tuple[str, str, str]:
    """The page's text, the codec used and why: ``bom``, ``http``, ``meta``, ``detected``…

    A declared charset is used when the body decodes with it. A server's default Latin-1 gives
    way to the page's own ``<meta charset>``, which is what old cp1251 and shift_jis sites set.
    """
    for bom, bom_codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16")):
        if body.startswith(bom) and (text := _decodes(body, bom_codec)) is not None:
            return text, bom_codec, "bom"
    http_label = declared_charset(content_type)
    meta = _META_CHARSET.search(body[:_SNIFF_BYTES])
    meta_label = meta.group(1).decode("ascii", "replace") if meta else None
    declared = [("http", http_label), ("meta", meta_label)]
    if http_label and http_label.lower() in _DEFAULT_LABELS and meta_label:
        declared.reverse()
    for source, label in declared:
        codec = _codec(label)
        if codec and (decoded := _decodes(body, codec)) is not None:
            return decoded, codec, source
    if (text := _decodes(body, "utf-8")) is not None:
        return text, "utf-8", "utf-8"
    detected = _detect_charset(body)
    if detected and (text := _decodes(body, detected)) is not None:
        return text, detected, "detected"
    return body.decode("cp1252", "replace"), "cp1252", "fallback"


def _detect_charset(body: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    return _codec(best.encoding) if best else None


# --- titles -----------------------------------------------------------------------------------

# Separators between a headline and the site's name: "Headline - BBC News", "标题_科技_腾讯网".
_SUFFIX_SEP = re.compile(r"\s+[-|–—:·»«]{1,2}\s+|\s*(?:::|｜|_|—|\|)\s*")


def strip_site_suffix(title: str, site_names: tuple[str, ...] = ()) -> str:
    """The headline without the site's name after it (or before it), when one is recognised.

    A trailing segment goes when it names the site (``og:site_name`` or the host) or is short
    next to the rest; at most three segments go (``_探索者 _光明网``), and never the headline.
    """
    names = {_fold(n) for n in site_names if n}
    current = title.strip()
    for _ in range(3):
        parts = list(_split_last(current))
        if not parts:
            break
        head, tail = parts[0]
        known = _fold(tail) in names or any(n and n in _fold(tail) for n in names)
        short = len(tail) <= max(4, len(head) // 2) and len(tail.split()) <= 4
        if not head or not (known or short):
            break
        current = head
    return current


def _split_last(title: str) -> Iterator[tuple[str, str]]:
    matches = list(_SUFFIX_SEP.finditer(title))
    if matches:
        last = matches[-1]
        head, tail = title[: last.start()].strip(), title[last.end() :].strip(" :")
        if tail:
            yield head, tail


def _fold(text: str) -> str:
    return re.sub(r"\W+", "", unicodedata.normalize("NFKC", text).casefold())


_SPACES = re.compile(r"\s+")


def _clean(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


Metas = Mapping[str, str]


def _metas(tree: HTMLParser) -> Metas:
    """Each ``<meta>`` name (its property, name, itemprop or http-equiv, lower-cased) with the
    first non-empty ``content`` given for it: read once per page, looked up by ``_meta``."""
    found: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        content = _clean(attrs.get("content"))
        if not content:
            continue
        for key in ("property", "name", "itemprop", "http-equiv"):
            value = (attrs.get(key) or "").strip().lower()
            if value:
                found.setdefault(value, content)
    return found


def _meta(metas: Metas, *names: str) -> str | None:
    """The content of the first of ``names`` the page's metas give."""
    return next((metas[n] for n in names if n in metas), None)


def _titles(tree: HTMLParser, metas: Metas, host: str) -> tuple[TitleCandidate, ...]:
    site = _meta(metas, "og:site_name", "application-name")
    names = tuple(n for n in (site, host.removeprefix("www.").split(".")[0]) if n)
    found: list[TitleCandidate] = []
    og = _meta(metas, "og:title", "twitter:title")
    if og:
        stripped = strip_site_suffix(og, names)
        found.append(TitleCandidate(stripped, "og:title"))
    title_node = tree.css_first("head title") or tree.css_first("title")
    raw = _clean(title_node.text()) if title_node else ""
    if raw:
        stripped = strip_site_suffix(raw, names)
        found.append(TitleCandidate(stripped, "title"))
        if stripped != raw:
            found.append(TitleCandidate(raw, "title (whole)"))
    h1 = tree.css_first("h1")
    heading = _clean(h1.text()) if h1 else ""
    if heading and len(heading) <= 300:
        found.append(TitleCandidate(heading, "h1"))
    unique: dict[str, TitleCandidate] = {}
    for candidate in found:
        unique.setdefault(candidate.text, candidate)
    return tuple(unique.values())


# --- language ---------------------------------------------------------------------------------

_LANG_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def _code(value: str | None) -> str | None:
    value = (value or "").split(",")[0].strip()
    return value.replace("_", "-") if _LANG_CODE.match(value) else None


def _declared_language(
    tree: HTMLParser, metas: Metas, content_language: str | None
) -> PageLanguage | None:
    html = tree.css_first("html")
    candidates = [
        ("html lang", html.attributes.get("lang") if html else None),
        ("html xml:lang", html.attributes.get("xml:lang") if html else None),
        ("Content-Language", content_language),
        ("meta Content-Language", _meta(metas, "content-language")),
        ("og:locale", _meta(metas, "og:locale")),
    ]
    for source, value in candidates:
        if code := _code(value):
            return PageLanguage(code, source)
    return None


def _letters(text: str, enough: int) -> int:
    """How many letters ``text`` has, counted only until there are ``enough``."""
    counted = 0
    for start in range(0, len(text), 4 * enough):  # bounded by len(text)
        counted += sum(map(str.isalpha, text[start : start + 4 * enough]))
        if counted >= enough:
            break
    return counted


# The first letter script_of calls Han, Kana or Hangul (HANGUL CHOSEONG KIYEOK), pinned by a test.
_FIRST_CJK = "\u1100"


def _cjk_language(text: str) -> tuple[str, float] | None:
    """zh, ja or ko from the script of a mostly-CJK text, with the CJK share as probability.

    langdetect reads long Traditional Chinese as Korean at 0.99999 (the pixnet sample), so
    East Asian text is decided by its script: any real share of kana is Japanese, of Hangul
    Korean, and Han alone Chinese.
    """
    sample = text[:_MAIN_TEXT_CHARS]
    if not sample or max(sample) < _FIRST_CJK:
        return None  # no East Asian letter at all: most pages, settled without counting
    han = kana = hangul = letters = 0
    # Each distinct character is looked at once: a page repeats its characters.
    for ch, n in collections.Counter(sample).items():
        if not ch.isalpha():
            continue
        letters += n
        script = script_of(ch)
        if script == "Han":
            han += n
        elif script == "Kana":
            kana += n
        elif script == "Hangul":
            hangul += n
    cjk = han + kana + hangul
    if not letters or cjk / letters < 0.5:
        return None
    share = round(cjk / letters, 3)
    if kana >= 0.05 * cjk:
        return "ja", share
    if hangul >= 0.2 * cjk:
        return "ko", share
    return "zh", share


def _language(
    declared: PageLanguage | None, text: str
) -> tuple[PageLanguage | None, PageLanguage | None]:
    """The page's language and langdetect's guess, which overrides a contradicted declaration
    only on a long text and a near-certain guess."""
    letters = _letters(text, max(_MIN_DETECT_LETTERS, _OVERRIDE_LETTERS))
    detected: PageLanguage | None = None
    if letters >= _MIN_DETECT_LETTERS:
        if script := _cjk_language(text):
            detected = PageLanguage(script[0], "script", script[1])
        elif guess := detect_language(text[:_DETECT_CHARS]):
            detected = PageLanguage(guess[0], "langdetect", guess[1])
    if declared is None:
        return detected, detected
    if (
        detected is not None
        and detected.primary != declared.primary
        and letters >= _OVERRIDE_LETTERS
        and (detected.probability or 0) >= _OVERRIDE_PROBABILITY
    ):
        source = f"{detected.source} (the page declares {declared.code} in {declared.source})"
        return PageLanguage(detected.code, source, detected.probability), detected
    return declared, detected


_DROP = "script, style, noscript, template, nav, header, footer, aside, form, select, iframe"


def main_text(tree: HTMLParser) -> str:
    """The page's running text: paragraphs of the article (or of the body), no menus."""
    found = tree.css_first("article") or tree.body
    if found is None:
        return ""
    # A copy, so that dropping menus does not change the tree the other readers use.
    root = type(tree)(found.html or "")
    for node in root.css(_DROP):
        node.decompose()
    paragraphs: list[str] = []
    length = 0
    for node in root.css("p"):
        paragraph = _clean(node.text(separator=" "))
        if len(paragraph) >= 20:
            paragraphs.append(paragraph)
            length += len(paragraph) + 1
            if length >= _MAIN_TEXT_CHARS:
                break  # enough to judge the language by
    text = " ".join(paragraphs)
    if len(text) < 200 and root.body is not None:
        text = _clean(root.body.text(separator=" "))
    return text[:_MAIN_TEXT_CHARS]


# --- dates ------------------------------------------------------------------------------------

_PUBLISHED_META = (
    "article:published_time",
    "article:published",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "sailthru.date",
    "parsely-pub-date",
    "date",
    "pdate",
)
# yyyy-mm-dd, yyyy/mm/dd and yyyy.mm.dd: the year first leaves no day/month doubt.
_YMD = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_COMPACT = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})(?:\d{6})?$")
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/_-]|\.html?|$)"
)
_DATE_CLASS = re.compile(r"pub|date|time|post-?meta|byline|article-?info", re.I)
_JSON_LD_LIMIT = 20


def parse_page_date(raw: str) -> PartialDate | None:
    """A day read from a machine-readable value (ISO 8601, ``20170113``) or an unambiguous text
    date (year first, ``2023年9月14日``, ``14 September 2023``); None for anything vaguer."""
    raw = raw.strip()
    if m := _COMPACT.match(raw):
        return make_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _YMD.search(raw):
        return make_date(int(m[1]), int(m[2]), int(m[3]))
    # Compiled on first use (re's own cache keeps it): ~5 ms that a re-audit, which reads no
    # page, would spend at import.
    for m in re.finditer(DATE_PATTERN, raw):
        found = parse_date(m.group(0))
        if found is not None and found.day is not None:
            return found
    return None


def _json_ld(tree: HTMLParser) -> Iterator[Mapping[str, Any]]:
    """Every JSON object in the page's JSON-LD blocks, ``@graph`` members included."""
    for script in tree.css('script[type="application/ld+json"]')[:_JSON_LD_LIMIT]:
        try:
            data = json.loads(script.text() or "null")
        except ValueError:
            continue
        stack = [data]
        for _ in range(200):  # bounded: JSON-LD nests, but not deeply
            if not stack:
                break
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))


def _published(tree: HTMLParser, metas: Metas, url: str) -> PageDate | None:
    for item in _json_ld(tree):
        value = item.get("datePublished")
        if isinstance(value, str) and (day := parse_page_date(value)):
            return PageDate(day, "json-ld datePublished", value)
    for name in _PUBLISHED_META:
        value = _meta(metas, name)
        if value and (day := parse_page_date(value)):
            return PageDate(day, f"meta {name}", value)
    for node in tree.css(
        'time[itemprop="datePublished"], time[pubdate], [itemprop="datePublished"]'
    ):
        value = node.attributes.get("datetime") or node.attributes.get("content") or node.text()
        if value and (day := parse_page_date(value)):
            return PageDate(day, "time datePublished", _clean(value))
    canonical, _ = _canonical(tree, metas, url)
    return _visible_date(tree) or _url_date(url) or (_url_date(canonical) if canonical else None)


def _visible_date(tree: HTMLParser) -> PageDate | None:
    """The first short element whose class or id says date/time/pub and whose text has a day."""
    body = tree.body
    if body is None:
        return None
    for node in body.traverse(include_text=False):
        if node.tag in ("script", "style", "a", "option"):
            continue
        marks = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if node.tag != "time" and not _DATE_CLASS.search(marks):
            continue
        text = _clean(node.text(separator=" "))
        if not text or len(text) > 80:
            continue
        if day := parse_page_date(text):
            return PageDate(day, "visible", text)
    return None


def _url_date(url: str) -> PageDate | None:
    m = _URL_DATE.search(urlsplit(url).path)
    if m and (day := make_date(int(m[1]), int(m[2]), int(m[3]))):
        return PageDate(day, "url", m.group(0).strip("/"))
    return None


# --- archive and snapshot-service pages ---------------------------------------------------------

# Archive and snapshot-service banners (a feed capture's comment, ``快照生成时间…``, the Wayback
# replay comment…) are read by the readers registered in ``check.archives.BANNER_READERS``.


@dataclass(frozen=True)
class _Capture:
    original: str | None = None
    captured: dt.datetime | None = None
    source: str | None = None
    title: str | None = None
    published: PageDate | None = None


def _capture_banner(text: str) -> _Capture | None:
    for reader in BANNER_READERS:
        if (banner := reader.read_banner(text)) is not None:
            return _Capture(
                banner.original,
                banner.captured,
                banner.source,
                banner.title,
                _banner_published(banner),
            )
    return None


def _banner_published(banner: CaptureBanner) -> PageDate | None:
    if banner.published is None or (day := parse_page_date(banner.published)) is None:
        return None
    return PageDate(day, banner.published_source or banner.source, banner.published_raw or "")


# --- the whole page ---------------------------------------------------------------------------


def read_page(
    body: bytes,
    url: str,
    content_type: str | None = None,
    content_language: str | None = None,
) -> PageEvidence:
    """Everything ``body`` (fetched from ``url``) says about itself."""
    text, charset, charset_source = decode(body, content_type)
    capture = _capture_banner(text)
    is_html = "html" in (content_type or "").lower() or bool(
        re.search(r"<(?:html|head|body|title|meta|div|p)\b", text[:_SNIFF_BYTES], re.I)
    )
    from selectolax.lexbor import LexborHTMLParser

    page = text if is_html else f"<html><body><pre>{_escape(text)}</pre></body></html>"
    tree = LexborHTMLParser(page)
    host = urlsplit(capture.original if capture and capture.original else url).hostname or ""
    metas = _metas(tree)
    titles = _titles(tree, metas, host) if is_html else ()
    if capture and capture.title:
        titles = (TitleCandidate(capture.title, capture.source or "capture"), *titles)
    declared = _declared_language(tree, metas, content_language)
    language, detected = _language(declared, main_text(tree))
    canonical, canonical_source = _canonical(tree, metas, url)
    published = capture.published if capture and capture.published else None
    published = published or _published(
        tree, metas, capture.original if capture and capture.original else url
    )
    return PageEvidence(
        url=url,
        charset=charset,
        charset_source=charset_source,
        titles=titles,
        language=language,
        declared_language=declared,
        detected_language=detected,
        published=published,
        canonical=canonical,
        canonical_source=canonical_source,
        original_url=capture.original if capture else None,
        captured=capture.captured if capture else None,
        captured_source=capture.source if capture else None,
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _canonical(tree: HTMLParser, metas: Metas, url: str) -> tuple[str | None, str | None]:
    for node in tree.css("link[rel]"):
        rels = (node.attributes.get("rel") or "").lower().split()
        href = _clean(node.attributes.get("href"))
        if "canonical" in rels and href:
            return urljoin(url, href), "link canonical"
    if og := _meta(metas, "og:url"):
        return urljoin(url, og), "og:url"
    return None, None


_PAGE_TYPES = ("text/html", "application/xhtml", "text/plain", "application/xml", "text/xml")


@functools.cache
def reader_version() -> str:
    """What decides ``read_page``'s output for the same bytes: this module, the capture-banner
    readers and the readers of dates, languages and charsets it calls, the model, and the HTML
    and language-detection libraries. A kept page read by other code is read again (see
    ``pages_of``)."""
    sources = [Path(m.__file__ or "") for m in (model, outcome, dates, languages)]
    # The banner readers' modules, and the one that says what a banner gives.
    readers = dict.fromkeys(type(r).__module__ for r in BANNER_READERS)
    sources += [
        Path(sys.modules[name].__file__ or "") for name in (*readers, CaptureBanner.__module__)
    ]
    return code_digest(
        b"citecheck-page", [Path(__file__), *sources], ("selectolax", "langdetect")
    ).hex()


def page_of(
    result: FetchResult, url: str | None = None, memo: Memo | None = None
) -> PageEvidence | None:
    """Evidence from a fetch that ended in a complete 2xx page; None for anything else.

    ``url`` is the page's own address when the fetch was of an archive's raw copy of it.
    With a ``memo``, a page read before is not read again (see ``pages_of``).
    """
    return pages_of([(result, url)], memo)[0]


def pages_of(
    fetched: Sequence[tuple[FetchResult, str | None]],
    memo: Memo | None = None,
    body_of: Callable[[FetchResult], bytes] | None = None,
) -> list[PageEvidence | None]:
    """``page_of`` for many fetches (result, page address or None), with one memo lookup.

    With a ``memo``, a page read before from the same response is not read again, so a warm
    re-audit neither parses pages nor loads langdetect. There is one entry per requested URL,
    page address and headers, holding what identifies the code that read it (``reader_version``)
    and the response it was read from: when the response was fetched and its length (a response
    replayed from the cache keeps the time it was fetched at, so hashing its bytes is not
    needed), or the bytes' digest when the time is not known. A page fetched again, or read by
    other code, replaces its entry instead of adding one.

    A result whose body was left in the cache (``FetchResult.facts``) is read with ``body_of``
    (``Fetcher.body_of``) when its page is not in the memo; without it, or when the cache no
    longer holds the body, it has no page.
    """
    pages: list[PageEvidence | None] = [None] * len(fetched)
    wanted: list[tuple[int, str, str | None, str | None, str, str]] = []
    for i, (result, url) in enumerate(fetched):
        content_type = result.headers.get("content-type")
        if not result.ok or not result.size or not _is_page_type(content_type):
            continue
        address = url or result.final_url
        content_language = result.headers.get("content-language")
        key = made_from = ""
        if memo is not None:
            where = blake2b(b"citecheck-page-1", digest_size=16)
            for part in (result.url, address, content_type or "", content_language or ""):
                where.update(part.encode("utf-8", "surrogatepass") + b"\0")
            key = "page:" + where.hexdigest()
            made_from = f"{reader_version()} {_response_identity(result, body_of)}\n"
        wanted.append((i, address, content_type, content_language, key, made_from))
    known = memo.get_derived_many([w[4] for w in wanted]) if memo is not None else {}
    for i, address, content_type, content_language, key, made_from in wanted:
        value = known.get(key)
        if value is not None and value.startswith(made_from):
            pages[i] = evidence_from_json(value[len(made_from) :])
            continue
        result = fetched[i][0]
        body = _body(result, body_of)
        if not body:
            continue
        page = read_page(
            body,
            address,
            content_type=content_type,
            content_language=content_language,
        )
        if memo is not None:
            memo.put_derived(key, made_from + evidence_to_json(page))
        pages[i] = page
    return pages


def _is_page_type(content_type: str | None) -> bool:
    return not content_type or content_type.lower().startswith(_PAGE_TYPES)


def _body(result: FetchResult, body_of: Callable[[FetchResult], bytes] | None) -> bytes:
    """The result's body, read with ``body_of`` when it was left in the cache."""
    return result.body if result.facts is None or body_of is None else body_of(result)


def _response_identity(
    result: FetchResult, body_of: Callable[[FetchResult], bytes] | None = None
) -> str:
    if result.checked_at is not None:
        return f"{result.checked_at.isoformat()} {result.size}"
    body = _body(result, body_of)
    return blake2b(body, digest_size=16).hexdigest()


def evidence_to_json(page: PageEvidence) -> str:
    """``page`` as JSON that ``evidence_from_json`` reads back to an equal PageEvidence."""

    def language(lang: PageLanguage | None) -> list[Any] | None:
        return None if lang is None else [lang.code, lang.source, lang.probability]

    published = page.published
    return json.dumps(
        [
            page.url,
            page.charset,
            page.charset_source,
            [[t.text, t.source] for t in page.titles],
            language(page.language),
            language(page.declared_language),
            language(page.detected_language),
            None
            if published is None
            else [
                [published.date.year, published.date.month, published.date.day],
                published.source,
                published.raw,
            ],
            page.canonical,
            page.canonical_source,
            page.original_url,
            page.captured.isoformat() if page.captured else None,
            page.captured_source,
        ],
        ensure_ascii=False,
    )


def evidence_from_json(text: str) -> PageEvidence:
    (
        url,
        charset,
        charset_source,
        titles,
        lang,
        declared,
        detected,
        published,
        canonical,
        canonical_source,
        original_url,
        captured,
        captured_source,
    ) = json.loads(text)

    def language(value: list[Any] | None) -> PageLanguage | None:
        return None if value is None else PageLanguage(*value)

    return PageEvidence(
        url=url,
        charset=charset,
        charset_source=charset_source,
        titles=tuple(TitleCandidate(t, source) for t, source in titles),
        language=language(lang),
        declared_language=language(declared),
        detected_language=language(detected),
        published=None
        if published is None
        else PageDate(PartialDate(*published[0]), published[1], published[2]),
        canonical=canonical,
        canonical_source=canonical_source,
        original_url=original_url,
        captured=dt.datetime.fromisoformat(captured) if captured else None,
        captured_source=captured_source,
    )


__all__ = [
    "PageDate",
    "PageEvidence",
    "PageLanguage",
    "TitleCandidate",
    "decode",
    "detect_language",
    "evidence_from_json",
    "evidence_to_json",
    "main_text",
    "page_of",
    "pages_of",
    "parse_page_date",
    "read_page",
    "strip_site_suffix",
]
