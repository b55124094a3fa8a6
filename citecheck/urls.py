"""URLs as citations write them: untrusted text that the standard splitter may refuse."""

from __future__ import annotations

from urllib.parse import SplitResult, urlsplit


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
