"""URLs as citations write them: untrusted text that the standard splitter may refuse, and
one page spelt many ways.

Archives and citations spell one page many ways (``http://www.fws.gov:80/birds`` and
``https://fws.gov/birds/`` are one page to a reader), so "is this snapshot of the cited URL"
compares normalised forms, never raw strings. A leaf: the archive logic and the rules both
compare URLs, and neither should import the other for it.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, quote, unquote, urljoin, urlsplit


def split_url(url: str) -> SplitResult:
    """``urlsplit``, reading a URL it cannot split (``http://[::1``) as empty: citations are
    untrusted text, and a bad one must become a finding, not an exception."""
    try:
        return urlsplit(url)
    except ValueError:
        return SplitResult("", "", "", "", "")


def is_valid_url(url: str) -> bool:
    """Whether the standard splitter accepts ``url``, with a host when it is http(s). Other
    schemes (ftp:, news:) are left to the checker, which says it does not fetch them."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return False
    return bool(host) or parts.scheme.lower() not in ("http", "https")


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Servers and editors collapse "//" in paths, turning http://x into http:/x.
_COLLAPSED = re.compile(r"^(https?):/(?!/)", re.IGNORECASE)
_ENCODED = re.compile(r"^https?%3A", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# What percent-encoding leaves alone when re-quoting, so raw and encoded forms compare equal.
_SAFE = "/:@!$&'()*+,;=-._~"
_HOME_NAMES = re.compile(r"^(index|default|home|main)(\.[a-z]+)?$", re.IGNORECASE)


def join_url(base: str, target: str) -> str | None:
    """``target`` resolved against ``base`` (path-only and schemeless ones too), or ``None``."""
    try:
        return urljoin(base, target.strip())
    except ValueError:
        return None


def coerce_original(text: str) -> str:
    """The archived URL as an absolute URL: add a missing scheme, undo collapse and encoding."""
    text = text.strip()
    if _ENCODED.match(text):
        text = unquote(text)
    text = _COLLAPSED.sub(r"\1://", text)
    if text.startswith("//"):
        return "http:" + text
    if not _SCHEME.match(text) or text.split(":", 1)[0].isdigit():
        return "http://" + text  # archives store schemeless URLs as http
    return text


def is_web_url(url: str) -> bool:
    """An http(s) URL with a host: the only kind of URL a web archive captures."""
    parts = split_url(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _requote(text: str) -> str:
    return quote(unquote(text), safe=_SAFE)


def _host_and_path(url: str) -> tuple[str, str, str]:
    parts = split_url(coerce_original(url))
    host = (parts.hostname or "").lower().rstrip(".")
    host = host.removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    return host, _requote(parts.path).rstrip("/"), _requote(parts.query)


def normalise_url(url: str) -> str:
    """A comparison key: no scheme, no ``www.``, no default port, no trailing slash, no fragment.

    Percent-encoding is made uniform, so ``/亚洲`` and ``/%E4%BA%9A%E6%B4%B2`` are one path.
    """
    host, path, query = _host_and_path(url)
    return f"{host}{path}" + (f"?{query}" if query else "")


def same_resource(a: str, b: str) -> bool:
    """Whether two URLs name one page once spelling differences are set aside."""
    return normalise_url(a) == normalise_url(b)


def is_home_page_of(target: str, cited: str) -> bool:
    """Whether ``target`` looks like the home page a dead ``cited`` URL is redirected to.

    True for the site root (``/``, ``/index.html``) and for a one-segment ancestor of the cited
    path such as a language or section home (``/zh/`` for ``/zh/a-66800000``).
    """
    t_host, t_path, t_query = _host_and_path(target)
    c_host, c_path, _ = _host_and_path(cited)
    if t_query or t_host != c_host or t_path == c_path:
        return False
    segments = [s for s in t_path.split("/") if s]
    if not segments or (len(segments) == 1 and _HOME_NAMES.match(segments[0])):
        return True
    return len(segments) == 1 and c_path.startswith(t_path + "/")
