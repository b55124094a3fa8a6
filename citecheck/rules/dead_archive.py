from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Family, Severity
from citecheck.rules import Context, Hit, rule
from citecheck.rules._links import snapshot_evidence, snapshot_of


@rule("dead-archive", Family.DEAD, Severity.ERROR)
def dead_archive(ctx: Context) -> Iterator[Hit]:
    """The cited archive link does not give the reader the archived page.

    ## What it does
    Fetches the snapshot in raw mode (`id_`) and flags it when the archive holds no capture
    (404), has blocked the URL, the capture is itself an error page or a redirect, or the
    archive's redirects loop. A rate limit or the archive's own failure is not dead: see
    `unverified-link`.

    ## Why it matters
    The archive link is the citation's safety net; a broken one protects nothing.

    ## Example
    `https://web.archive.org/web/2023/https://example.org/a` with no capture of that page.

    ## How to fix
    Look for another capture (or another archive), or archive the page now if it is alive.
    """
    for ref in ctx.article.references:
        snapshot = snapshot_of(ctx, ref)
        if snapshot is not None and snapshot.status.is_dead:
            yield Hit(
                f"reference {ref.label}: the archive link is dead ({snapshot.detail})",
                reference=ref,
                evidence=snapshot_evidence(snapshot),
            )
