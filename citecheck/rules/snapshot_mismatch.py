from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Family, Severity
from citecheck.rules import Context, Hit, rule
from citecheck.rules._links import snapshot_evidence, snapshot_of


@rule("snapshot-mismatch", Family.MISMATCHED, Severity.WARNING)
def snapshot_mismatch(ctx: Context) -> Iterator[Hit]:
    """The archive snapshot is of another page than the one cited.

    ## What it does
    Compares the original URL of the capture the archive serves (after its redirects) with the
    cited URL, ignoring scheme, `www.`, default ports and trailing slashes. A capture of the
    site's home page, a login wall or another article is flagged.

    ## Why it matters
    The archive link "works" but does not preserve the cited work.

    ## Example
    A Wayback link whose capture is a redirect to `https://example.org/`.

    ## How to fix
    Find a capture of the cited page itself (an earlier one, usually) and cite that.
    """
    for ref in ctx.article.references:
        snapshot = snapshot_of(ctx, ref)
        if snapshot is not None and snapshot.status.is_mismatch:
            yield Hit(
                f"reference {ref.label}: the snapshot is of {snapshot.original}, not of the cited "
                f"{snapshot.cited_url}",
                reference=ref,
                evidence=snapshot_evidence(snapshot),
            )
