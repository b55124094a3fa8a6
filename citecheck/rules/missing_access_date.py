from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Family, Severity
from citecheck.rules import Context, Hit, rule
from citecheck.rules._sources import is_web_source


@rule("missing-access-date", Family.MISSING, Severity.WARNING)
def missing_access_date(ctx: Context) -> Iterator[Hit]:
    """A citation of a web page that does not say when the page was read.

    ## What it does
    Flags references with no access date (`[2023-09-18]`, `Retrieved …`, `Дата обращения …`,
    `Процитовано …`, `…閲覧`) that cite a web page. Printed and catalogued works (a DOI, ISBN,
    PMID…, or only an ISSN) and, where the input shows URLs, citations without one are left
    alone: an access date is for online sources.

    ## Why it matters
    The access date tells which version of a changing page supported the claim, and which
    archive snapshot to look for once the page is gone.

    ## Example
    `Лидер Северной Кореи… Радио «Свобода». 2023-09-15 (俄语).`

    ## How to fix
    Add `access-date` with the day the source was read.
    """
    for ref in ctx.article.references:
        if ref.accessed is None and is_web_source(ref, ctx):
            yield Hit(
                f"reference {ref.label} has no access date",
                reference=ref,
                evidence={"published": ref.published.iso() if ref.published else None},
            )
