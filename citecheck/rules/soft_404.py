from __future__ import annotations

from collections.abc import Iterator

from citecheck.evidence import LinkStatus
from citecheck.model import Family, Severity
from citecheck.rules import Context, Hit, rule
from citecheck.rules._links import link_evidence, link_of


@rule("soft-404", Family.DEAD, Severity.WARNING)
def soft_404(ctx: Context) -> Iterator[Hit]:
    """The URL answers, but with an error page or the site's home page instead of the work.

    ## What it does
    Flags an original URL that returns 200 on a page titled like an error page ("404", "Not
    Found", "Страница не найдена", "页面不存在"…), redirects to the site's root, or looks the same
    as a made-up path on the same site.

    ## Why it matters
    The link looks alive to a simple checker, but the cited work is not there.

    ## Example
    `https://example.org/2019/story` redirecting to `https://example.org/`.

    ## How to fix
    Find the work's new address or an archived copy, and mark the old URL dead.
    """
    for ref in ctx.article.references:
        check = link_of(ctx, ref)
        if check is not None and check.verdict.status is LinkStatus.SOFT_404:
            yield Hit(
                f"reference {ref.label}: the URL no longer serves the work "
                f"({check.verdict.reason})",
                reference=ref,
                evidence=link_evidence(check),
            )
