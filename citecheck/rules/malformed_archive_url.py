from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Family, Severity
from citecheck.rules import Context, Hit, rule


@rule("malformed-archive-url", Family.DEAD, Severity.ERROR)
def malformed_archive_url(ctx: Context) -> Iterator[Hit]:
    """The archive link cannot name a snapshot: a save command, a bad timestamp, no original.

    ## What it does
    Reads the archive URL by the archive's own grammar (Wayback `/web/<timestamp>/<url>`,
    archive.today `/YYYY.MM.DD-hhmmss/<url>` and short forms) without any network, and flags
    links that are not snapshots: `/save/` commands, impossible timestamps (month 13), `liveweb`
    links, Wayback links with no original URL.

    ## Why it matters
    Such a link archives nothing; readers get an error or a fresh capture of today's page.

    ## Example
    `https://web.archive.org/save/https://example.org/a`

    ## How to fix
    Replace it with the URL of an actual capture, such as `/web/20230914000000/https://…`.
    """
    for ref in ctx.article.references:
        parsed = ctx.malformed.get(ref.archive_url) if ref.archive_url else None
        if parsed is not None:
            yield Hit(
                f"reference {ref.label}: the archive URL is not a snapshot ({parsed.reason.value}: "
                f"{parsed.detail})",
                reference=ref,
                evidence={"archive_url": ref.archive_url, "reason": parsed.reason.value},
            )
