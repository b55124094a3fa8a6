from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Family, Severity
from citecheck.rules import Context, Hit, rule

# Pages stamp times in their own zone (or UTC) and citations a local day: one day is normal.
TOLERANCE_DAYS = 1


@rule("date-mismatch", Family.MISMATCHED, Severity.WARNING, reads_pages=True)
def date_mismatch(ctx: Context) -> Iterator[Hit]:
    """The cited publication date is not the date the page says it was published.

    ## What it does
    Reads the page's publication date (JSON-LD `datePublished`, meta tags such as
    `article:published_time`, `<time itemprop=datePublished>`, a snapshot service's `发布时间`;
    then dates shown in the page's date elements or its URL) from the original when it is alive,
    else from the archived snapshot, and compares it with the cited date at the cited date's
    precision, with one day of tolerance for time zones. A warning when the page's date comes
    from its metadata, an info when it was read from visible text or the URL.

    ## Why it matters
    The date identifies the version of a story; a wrong one sends readers to the wrong day's
    coverage, and often reveals that the citation was copied from another source.

    ## Example
    `date=2023-09-15` for a page whose `article:published_time` is `2023-09-12T08:00:00+03:00`.

    ## How to fix
    Set the date to the page's publication date (shown in the evidence), or check that the link
    is the cited work.
    """
    if ctx.evidence is None:
        return
    for ref in ctx.article.references:
        cited = ref.published
        if cited is None:
            continue
        found = ctx.evidence.page_for(ref.url, ref.archive_url)
        if found is None:
            continue
        where, page = found
        stated = page.published
        if stated is None:
            continue
        day = stated.date.earliest()
        low, high = cited.earliest(), cited.latest()
        if (low - day).days <= TOLERANCE_DAYS and (day - high).days <= TOLERANCE_DAYS:
            continue
        yield Hit(
            f"reference {ref.label}: cited publication date {cited} but the {where} page says "
            f"{stated.date} ({stated.source})",
            reference=ref,
            evidence={
                "cited_published": cited.iso(),
                "page_published": stated.date.iso(),
                "page_published_source": stated.source,
                "page_published_raw": stated.raw,
                "page_from": where,
                "page_url": page.url,
            },
            severity=Severity.WARNING if stated.strong else Severity.INFO,
        )
