"""What a fetch of an ORIGINAL URL says about the link: alive, dead, soft-404, unverified or
not-recorded (``excluded`` links are never fetched: see citecheck.check.checker). Pure: it reads
FetchResults and decides.

Precision first. Only evidence that a page is gone makes it dead (404/410, no such host, refused,
TLS failure, timeout after retries, redirect loop, a persistent server error). Bot walls, paywalls
and rate limits (401/403/429/451, 503 from CDNs) and anything we did not or could not ask are
``unverified``, never dead.
"""

from __future__ import annotations

import functools
import hashlib
import re
from urllib.parse import urlsplit, urlunsplit

from citecheck.evidence import ErrorKind, FetchResult, LinkStatus, LinkVerdict
from citecheck.http.safety import SimpleSplit, split_simple
from citecheck.lang import LANGUAGES


def _split(url: str) -> SimpleSplit:
    simple = split_simple(url)
    if simple is not None:
        return simple
    parts = urlsplit(url)
    return parts.scheme, parts.netloc, parts.path, parts.query, parts.fragment


DEAD_ERRORS = frozenset(
    {
        ErrorKind.DNS,
        ErrorKind.CONNECTION_REFUSED,
        ErrorKind.TLS,
        ErrorKind.TIMEOUT,
        ErrorKind.REDIRECT_LOOP,
        ErrorKind.TOO_MANY_REDIRECTS,
    }
)
DEAD_STATUSES = frozenset({404, 410})
# Answers that mean "not for you" rather than "not here".
UNVERIFIED_STATUSES = frozenset({401, 402, 403, 429, 451})
# 503 and Cloudflare's 52x are what bot walls and overloaded CDNs answer.
UNVERIFIED_5XX = frozenset({503, *range(520, 531)})

# What titles of error pages served with 200 say, in the languages citecheck reads
# (citecheck/lang: error_title_phrases).
_ERROR_PHRASE = re.compile(
    "|".join(p for lang in LANGUAGES.values() for p in lang.error_title_phrases), re.IGNORECASE
)
# What else such a title part may hold: "Error 404 (Not Found)!!1", "Oops! Page not found",
# "Ошибка 404", "抱歉，您访问的页面不存在", "お探しのページは見つかりませんでした". Whole words
# where a language writes spaces, any run of its filler where it does not.
_ERROR_FILLER = re.compile(
    r"(?:\b(?:"
    + "|".join(
        w for lang in LANGUAGES.values() if lang.writes_spaces for w in lang.error_title_filler
    )
    + r")\b|[\W\d_]|"
    + "|".join(
        w for lang in LANGUAGES.values() if not lang.writes_spaces for w in lang.error_title_filler
    )
    + ")+",
    re.IGNORECASE,
)
# The words an error title must hold: each tuple's words all (citecheck/lang). One search for
# any hint's first word (its rarest) settles most titles before the hints are tried one by one.
_ERROR_HINTS = tuple(hint for lang in LANGUAGES.values() for hint in lang.error_title_hints)
# The hints by their first word: a title names the few hints whose first word it holds, so
# only those are tried (a loop over every hint cost a warm re-audit ~20 ms on 5,000 titles).
_HINTS_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {}
for _hint in _ERROR_HINTS:
    _HINTS_BY_FIRST[_hint[0]] = (*_HINTS_BY_FIRST.get(_hint[0], ()), _hint)
# Where a title's parts meet: "Page not found | Example News", "页面不存在_新浪网".
_TITLE_PARTS = re.compile(r"\s+[-–—|:·•»]\s+|\s*[|｜_－–—]\s*")


def has_error_hint(title: str) -> bool:
    """Whether ``title`` holds the words one of the error phrases needs: a title without them
    is settled without the regular expressions, which take 3-15 µs a title (a warm re-audit
    of 5,000 references classifies 5,000 titles)."""
    folded = title.lower()
    for first, hints in _HINTS_BY_FIRST.items():
        if first in folded:
            for hint in hints:
                if all(word in folded for word in hint[1:]):
                    return True
    return False


def is_error_title(title: str) -> bool:
    """Whether a page title names an error page: some part of it is an error phrase and
    nothing else ("Page not found | Example News", "404 Not Found"). Precision first: a
    headline that says "not found" ("Missing hiker not found after search") is a page."""
    if not has_error_hint(title) or _ERROR_PHRASE.search(title) is None:
        return False
    for part in _TITLE_PARTS.split(title):
        rest = _ERROR_PHRASE.sub(" ", part)
        if rest != part and not _ERROR_FILLER.sub("", rest):
            return True
    return False


def page_title(result: FetchResult) -> str | None:
    """The HTML <title>, whitespace collapsed, or None."""
    raw = result.title_bytes
    if raw is None:
        return None
    try:
        text = raw.decode(result.encoding or "utf-8")
    except (LookupError, UnicodeDecodeError):
        text = raw.decode("utf-8", errors="replace")
    return " ".join(text.split()) or None


def probe_url(url: str) -> str:
    """A path on ``url``'s host that should not exist. Derived from the host, not random, so a
    recorded audit asks for the same probe when it is replayed."""
    scheme, netloc = _split(url)[:2]
    return _probe(scheme, netloc)


@functools.lru_cache(maxsize=4096)  # one per host; the hash is the cost
def _probe(scheme: str, netloc: str) -> str:
    token = hashlib.sha256(netloc.lower().encode()).hexdigest()[:16]
    return urlunsplit((scheme, netloc, f"/citecheck-missing-{token}", "", ""))


def is_site_root(url: str) -> bool:
    _, _, path, query, _ = _split(url)
    return path in ("", "/") and not query


def _same_page(a: FetchResult, b: FetchResult) -> bool:
    """Two 200 answers that look like the same page: same title, lengths within 10%."""
    title_a, title_b = page_title(a), page_title(b)
    if not title_a or title_a != title_b:
        return False
    longer = max(a.size, b.size, 1)
    return abs(a.size - b.size) / longer <= 0.10


def _soft_404(result: FetchResult, probe: FetchResult | None) -> str | None:
    """Why a 200 answer is really "not found", or None."""
    if result.redirected and is_site_root(result.final_url) and not is_site_root(result.url):
        return f"redirects to the site's home page ({result.final_url})"
    title = page_title(result)
    if title and is_error_title(title):
        return f"answers 200 with an error page titled {title!r}"
    if probe is not None and probe.ok:
        if result.redirected and probe.redirected and result.final_url == probe.final_url:
            return f"redirects where a made-up path does ({result.final_url})"
        if _same_page(result, probe):
            return "answers with the same page as a made-up path on the same site"
    return None


def classify(
    result: FetchResult, probe: FetchResult | None = None, accept: frozenset[int] | None = None
) -> LinkVerdict:
    """The verdict on an original URL; ``probe`` is the fetch of ``probe_url(result.url)``.

    ``accept`` (``--accept``, as lychee's): the statuses that count as alive, in place of 2xx.
    A status in it is alive (a 2xx still checked for a soft 404); a 2xx not in it is only
    unverified, and any other status keeps its usual verdict (precision first: narrowing the
    accepted statuses never makes a link dead)."""
    error, status = result.error, result.status
    if accept is not None and status is not None and error is None:
        if status in accept and not 200 <= status < 300:
            return LinkVerdict(LinkStatus.ALIVE, f"HTTP {status} (accepted)")
        if status not in accept and 200 <= status < 300:
            return LinkVerdict(LinkStatus.UNVERIFIED, f"HTTP {status} (not in --accept)")
    if error is ErrorKind.NOT_RECORDED:
        return LinkVerdict(LinkStatus.NOT_RECORDED, "not in the cassette or cache")
    if error in DEAD_ERRORS:
        return LinkVerdict(LinkStatus.DEAD, f"{error.value}: {result.detail}")
    if status is None:
        reason = f"{error.value}: {result.detail}" if error else "no response"
        return LinkVerdict(LinkStatus.UNVERIFIED, reason)
    if status in DEAD_STATUSES:
        return LinkVerdict(LinkStatus.DEAD, f"HTTP {status}")
    if status in UNVERIFIED_STATUSES or status in UNVERIFIED_5XX:
        return LinkVerdict(LinkStatus.UNVERIFIED, f"HTTP {status} (access refused or limited)")
    if status >= 500:
        return LinkVerdict(LinkStatus.DEAD, f"HTTP {status} after retries")
    if 200 <= status < 300:
        why = _soft_404(result, probe)
        if why is not None:
            return LinkVerdict(LinkStatus.SOFT_404, why)
        return LinkVerdict(LinkStatus.ALIVE, f"HTTP {status}")
    return LinkVerdict(LinkStatus.UNVERIFIED, f"HTTP {status}")


def needs_probe(result: FetchResult) -> bool:
    """Whether a probe of the host could change the verdict (a 200 for a non-root path)."""
    return result.ok and not is_site_root(result.url)
