from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from citecheck.model import Family, Reference, Severity
from citecheck.rules import Context, Hit, rule
from citecheck.rules._links import snapshot_evidence, snapshot_of
from citecheck.rules.title_mismatch import THRESHOLD, closest_title
from citecheck.urls import is_home_page_of, normalise_url, same_resource

if TYPE_CHECKING:
    from citecheck.evidence import PageEvidence, SnapshotOutcome

# Paths of the pages sites send readers to instead of an article.
_WALL = re.compile(
    r"(?:^|[/_.-])(?:log-?in|sign-?in|signup|register|auth|account|subscribe|paywall)(?:$|[/_.?-])",
    re.I,
)


@rule("snapshot-mismatch", Family.MISMATCHED, Severity.WARNING, reads_pages=True)
def snapshot_mismatch(ctx: Context) -> Iterator[Hit]:
    """The archive snapshot is of another page than the one cited.

    ## What it does
    Compares the original URL of the capture the archive serves (after its redirects) with the
    cited URL, ignoring scheme, `www.`, default ports and trailing slashes. A capture of the
    site's home page, a login wall or another article is flagged. The captured page itself is
    read too: a snapshot whose canonical URL is the site's home page or a login page, whose own
    banner names another original address (snapshot services), or whose canonical URL is
    another page of the site and whose title is not the cited one, is of another page.

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
        elif snapshot is not None and snapshot.status.is_ok and ctx.evidence and ref.url:
            page = ctx.evidence.snapshot_pages.get(ref.archive_url or "")
            hit = _page_says_other(ref, ref.url, snapshot, page) if page else None
            if hit is not None:
                yield hit


def working_snapshot(ctx: Context, ref: Reference) -> bool:
    """Whether the citation's archive link serves a capture of the cited page itself."""
    snapshot = snapshot_of(ctx, ref)
    if snapshot is None or not snapshot.status.is_ok:
        return False
    page = ctx.evidence.snapshot_pages.get(ref.archive_url or "") if ctx.evidence else None
    return not (page and ref.url and _page_says_other(ref, ref.url, snapshot, page))


def _page_says_other(
    ref: Reference, cited: str, snapshot: SnapshotOutcome, page: PageEvidence
) -> Hit | None:
    """A finding when the captured page says it is another page than the cited one."""
    why: str | None = None
    other = page.original_url or page.canonical
    if page.original_url and not same_resource(page.original_url, cited):
        why = f"its capture banner names {page.original_url}"
    elif page.canonical and is_home_page_of(page.canonical, cited):
        why = f"its canonical URL is the site's home page {page.canonical}"
    elif (
        page.canonical
        and _WALL.search(urlsplit(page.canonical).path)
        and not _WALL.search(urlsplit(cited).path)
    ):
        why = f"its canonical URL is a login or subscription page {page.canonical}"
    elif page.canonical and _another_article(page.canonical, cited) and ref.title:
        # A canonical URL alone differs for harmless reasons (slugs, mobile sites); only with a
        # title that is not the cited one is it another article.
        match = closest_title(ref.title, page)
        if match is not None and match[1] < THRESHOLD:
            closest, score = match
            why = (
                f"its canonical URL is {page.canonical} and its title {closest!r} is not the "
                f"cited one (similarity {score:.2f})"
            )
    if why is None:
        return None
    return Hit(
        f"reference {ref.label}: the snapshot is of another page than the cited {cited}: {why}",
        reference=ref,
        evidence={
            **snapshot_evidence(snapshot),
            "page_other_url": other,
            **page.to_dict(),
        },
        severity=Severity.WARNING,
    )


def _another_article(canonical: str, cited: str) -> bool:
    """Same site, another path: not a scheme, ``www.`` or trailing-slash difference."""
    same_host = normalise_url(canonical).split("/", 1)[0] == normalise_url(cited).split("/", 1)[0]
    return same_host and not same_resource(canonical, cited)
