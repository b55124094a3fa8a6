from __future__ import annotations

import re
from collections.abc import Iterator

from citecheck.model import CiteArchive, Family, Severity
from citecheck.rules import Context, Hit, rule
from citecheck.rules._links import snapshot_evidence, snapshot_of

_RAW_FLAG = re.compile(r"/(\d{4,14})id_/")
# Archives stamp captures in UTC and editors write their local date: one day apart is normal.
TOLERANCE_DAYS = 1


@rule("archive-date-mismatch", Family.MISMATCHED, Severity.WARNING)
def archive_date_mismatch(ctx: Context) -> Iterator[Hit]:
    """The cited archive date is not the date of the snapshot the archive link serves.

    ## What it does
    Compares the citation's archive date with the capture's own time (its `Memento-Datetime`,
    or the time of the archive's redirect to its nearest capture), at the cited date's precision
    and with one day of tolerance for time zones.

    ## Why it matters
    The date tells which version of the page supported the claim; a wrong one points readers at
    another version, or at a capture that does not exist.

    ## Example
    `archive-date=2023-09-14` for a link that redirects to a capture of 2024-01-02.

    ## How to fix
    Set the archive date to the capture's date (shown in the evidence), or link the capture the
    date names.
    """
    for ref in ctx.article.references:
        snapshot = snapshot_of(ctx, ref)
        if snapshot is None or not snapshot.status.is_ok or ref.archived is None:
            continue
        captured = snapshot.date
        if captured is None:
            continue
        low, high = ref.archived.earliest(), ref.archived.latest()
        day = captured.earliest()
        if (low - day).days > TOLERANCE_DAYS or (day - high).days > TOLERANCE_DAYS:
            # The archive served another capture than the URL names: cite that one, so the
            # fixed URL and date agree.
            playback = _playback_url(snapshot.memento_url)
            why = f"cited archive date {ref.archived} but the snapshot was captured on {captured}"
            yield Hit(
                f"reference {ref.label}: {why}",
                reference=ref,
                evidence={
                    **snapshot_evidence(snapshot),
                    "cited_archive_date": ref.archived.iso(),
                    "suggested_archive_date": captured.iso(),
                    "suggested_archive_url": playback,
                },
                fix=CiteArchive(playback, captured, note=why),
            )


def _playback_url(memento_url: str) -> str:
    """The capture's address for readers: the raw-mode flag (``id_``) taken out."""
    return _RAW_FLAG.sub(r"/\1/", memento_url, count=1)
