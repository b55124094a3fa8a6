from __future__ import annotations

from collections.abc import Iterator

from citecheck.evidence import LinkStatus, Suggestion
from citecheck.model import Family, MarkUrlDead, Severity
from citecheck.rules import Context, Hit, rule
from citecheck.rules._links import link_evidence, link_of
from citecheck.rules.snapshot_mismatch import working_snapshot

_LINK_ARCHIVE_FIRST = "the original is dead and the archive works: link the archive first"
_CITE_FOUND_ARCHIVE = "the original is dead and an archive was found: cite it and link it first"


@rule("dead-url", Family.DEAD, Severity.ERROR)
def dead_url(ctx: Context) -> Iterator[Hit]:
    """The cited page is gone: its URL no longer resolves.

    ## What it does
    Fetches the original URL (once per audit, through the cache) and flags 404 and 410, an
    unknown host, a refused connection, a TLS failure, a timeout after retries and redirect
    loops. Bot walls, paywalls and rate limits (401, 403, 429, 451, 503) are never called dead:
    they are reported by `unverified-link`. An error when the citation has no working archive,
    a warning when it has one, and nothing when it also marks the URL dead already
    (`url-status=dead`, `{{dead link}}`). With `--suggest-archives`, a dead original whose
    capture was found is told to be marked dead too: its fix sets `url-status=dead` (or the
    wiki's own parameter) beside the found `archive-url` that `missing-archive` suggests.

    ## Why it matters
    A reader following the link finds nothing; without an archive the claim has lost its source.

    ## Example
    `url=https://example.org/news/1` answering `404 Not Found`.

    ## How to fix
    Add an archived copy (`archive-url`, `archive-date`) and mark the URL dead
    (`url-status=dead`), or replace the source.
    """
    suggestions = ctx.evidence.suggestions if ctx.evidence else {}
    for ref in ctx.article.references:
        check = link_of(ctx, ref)
        if check is None or check.verdict.status is not LinkStatus.DEAD:
            continue
        archived = working_snapshot(ctx, ref)
        if archived and ref.url_status in ("dead", "usurped"):
            continue  # already marked dead, and readers get the archive: nothing to do
        message = f"reference {ref.label}: the URL is dead ({check.verdict.reason})"
        evidence = {**link_evidence(check), "working_archive": archived}
        fix = None
        if archived:
            message += "; a working archive exists: mark the URL dead (url-status=dead)"
            fix = MarkUrlDead(_LINK_ARCHIVE_FIRST)
        elif isinstance(found := suggestions.get(ref.label), Suggestion) and found.archive_url:
            # --suggest-archives found a capture (missing-archive's fix cites it): once cited,
            # readers get the archive first, as when it was cited already.
            message += (
                f"; an archive was found ({found.archive_url}): cite it and mark the URL dead "
                "(url-status=dead)"
            )
            evidence["suggested_archive_url"] = found.archive_url
            fix = MarkUrlDead(_CITE_FOUND_ARCHIVE)
        yield Hit(
            message,
            reference=ref,
            evidence=evidence,
            severity=Severity.WARNING if archived else Severity.ERROR,
            fix=fix,
        )
    yield from _other_works(ctx)


def _other_works(ctx: Context) -> Iterator[Hit]:
    """The links of the further works an entry cites (one <ref> with two books): a dead one is
    an error, since the entry's archive is its first work's."""
    for ref in ctx.article.references:
        for url in ref.more_urls:
            check = ctx.evidence.links.get(url) if ctx.evidence else None
            if check is None or check.verdict.status is not LinkStatus.DEAD:
                continue
            yield Hit(
                f"reference {ref.label}: the URL of another work it cites is dead "
                f"({check.verdict.reason})",
                reference=ref,
                evidence={**link_evidence(check), "other_work": True},
            )
