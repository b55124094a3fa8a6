"""The snapshot a Wayback-style or archive.today URL names, once its service has split it."""

from __future__ import annotations

from citecheck.archives._stamps import parse_digits
from citecheck.archives._types import ArchiveRef
from citecheck.evidence import MalformedArchiveUrl, MalformedReason
from citecheck.urls import coerce_original, is_web_url


def snapshot_ref(
    service: str, url: str, stamp: str | None, original_text: str, flag: str | None = None
) -> ArchiveRef | MalformedArchiveUrl:
    """``url``'s snapshot of ``original_text`` at ``stamp`` (None: the archive picks one), or
    why it is malformed: no original, an original that is not http(s), a stamp that is no time.
    """

    def malformed(reason: MalformedReason, detail: str) -> MalformedArchiveUrl:
        return MalformedArchiveUrl(service=service, url=url, reason=reason, detail=detail)

    if not original_text:
        return malformed(MalformedReason.NO_ORIGINAL, "no archived URL after it")
    original = coerce_original(original_text)
    if not is_web_url(original):
        return malformed(MalformedReason.BAD_ORIGINAL, f"{original!r} is not http(s)")
    if stamp is None:
        return ArchiveRef(service=service, url=url, original=original, flag=flag)
    parsed = parse_digits(stamp)
    if isinstance(parsed, str):
        return malformed(MalformedReason.BAD_TIMESTAMP, parsed)
    when, precision = parsed
    return ArchiveRef(
        service=service,
        url=url,
        original=original,
        timestamp=when,
        precision=precision,
        stamp=stamp,
        flag=flag,
    )
