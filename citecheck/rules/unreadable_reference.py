from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Family, Severity
from citecheck.rules import Context, Hit, rule


@rule("unreadable-reference", Family.MISSING, Severity.INFO)
def unreadable_reference(ctx: Context) -> Iterator[Hit]:
    """Part of a reference's text could not be read as any citation field.

    ## What it does
    Reports the fields the parser looked for and could not make sense of (a title it could not
    find, a date it could not read, text it could not place). The entry's full text is kept in
    the report either way, and the other rules still run on what was read.

    ## Why it matters
    A field the auditor cannot read is a field it cannot check; often the citation is also hard
    for a reader to follow.

    ## Example
    `Retrieved 31 Febtember 2023.`

    ## How to fix
    Write the citation with a citation template, or correct the unreadable part.
    """
    for ref in ctx.article.references:
        if ref.unread:
            yield Hit(
                f"reference {ref.label}: could not read {', '.join(ref.unread)}",
                reference=ref,
                evidence={"unread": list(ref.unread), "raw": ref.raw},
            )
