from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Family, Severity
from citecheck.rules import Context, Hit, rule
from citecheck.rules._links import link_evidence, link_of, snapshot_evidence, snapshot_of


@rule("unverified-link", Family.DEAD, Severity.INFO)
def unverified_link(ctx: Context) -> Iterator[Hit]:
    """A link could not be verified: the site or archive refused, limited or did not answer.

    ## What it does
    Reports original URLs answered with 401, 403, 429, 451 or a CDN's 503 (bot walls, paywalls,
    rate limits), snapshots the archive would not serve right now (rate limit, its own error),
    and, in offline mode, links the cassette or cache has no recording of (`not-recorded`).
    These are never reported as dead.

    ## Why it matters
    The citation may be fine; the audit simply could not tell. Check it by hand.

    ## Example
    `403 Forbidden` from a news site's bot protection.

    ## How to fix
    Open the link in a browser; re-run later, or record a cassette where the site answers.
    """
    for ref in ctx.article.references:
        check = link_of(ctx, ref)
        if check is not None and check.verdict.status.is_unverified:
            yield Hit(
                f"reference {ref.label}: the URL could not be verified ({check.verdict.reason})",
                reference=ref,
                evidence={**link_evidence(check), "unverified": True},
            )
        snapshot = snapshot_of(ctx, ref)
        if snapshot is not None and snapshot.status.is_unverified:
            yield Hit(
                f"reference {ref.label}: the archive snapshot could not be verified "
                f"({snapshot.detail})",
                reference=ref,
                evidence={**snapshot_evidence(snapshot), "unverified": True},
            )
