from __future__ import annotations

from collections.abc import Iterator

from citecheck.evidence import Suggestion
from citecheck.model import CiteArchive, Family, Severity
from citecheck.rules import Context, Hit, rule
from citecheck.rules._sources import is_web_source


@rule("missing-archive", Family.MISSING, Severity.WARNING)
def missing_archive(ctx: Context) -> Iterator[Hit]:
    """A citation of a web page with neither an archive link nor an archive date.

    ## What it does
    Flags citations of web pages whose text names no archived copy: no archive URL, no
    "archived on" date, no archive note such as `页面存档备份`. Printed and catalogued works (a
    DOI, ISBN, PMID…) and, where the input shows URLs, citations without one are left alone.

    ## Why it matters
    Web pages move and die; without a snapshot the claim loses its source when the page does.

    ## Example
    `Ким Чен Ын посетил… Baltijas Balss. 2023-09-15 (俄语).`

    With `--suggest-archives` the finding carries the capture closest before the access date
    (or publication date), found through the archive's CDX index.

    ## How to fix
    Cite the suggested capture, or archive the page (Wayback Machine, archive.today), and add
    `archive-url` and `archive-date`.
    """
    suggestions = ctx.evidence.suggestions if ctx.evidence else {}
    for ref in ctx.article.references:
        archived = ref.has_archive or ref.archived or ref.archive_url
        if archived or not is_web_source(ref, ctx):
            continue
        message = f"reference {ref.label} has no archived copy"
        evidence: dict[str, object] = {"url": ref.url}
        suggestion = suggestions.get(ref.label)
        fix = None
        if suggestion is not None:
            evidence.update(suggestion.to_dict())
        if isinstance(suggestion, Suggestion):
            message += f"; suggested: {suggestion.archive_url}"
            if suggestion.archive_url:
                fix = CiteArchive(suggestion.archive_url, suggestion.date, note=message)
        yield Hit(message, reference=ref, evidence=evidence, fix=fix)
