from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import UNPLACED, Family, Severity
from citecheck.rules import Context, Hit, rule


@rule("unreadable-reference", Family.MISSING, Severity.INFO)
def unreadable_reference(ctx: Context) -> Iterator[Hit]:
    """Part of a reference's text could not be read as any citation field.

    ## What it does
    Reports the fields the parser looked for and could not make sense of (a title it could not
    find, a date it could not read, text it could not place in an entry whose title it could
    not find either). The entry's full text is kept in
    the report either way, and the other rules still run on what was read. A field already
    reported by `template-error` (a malformed date) is not reported twice.

    ## Why it matters
    A field the auditor cannot read is a field it cannot check; often the citation is also hard
    for a reader to follow.

    ## Example
    `Retrieved 31 Febtember 2023.`

    ## How to fix
    Write the citation with a citation template, or correct the unreadable part.
    """
    for ref in ctx.article.references:
        # A field the template itself reports as wrong ("malformed date") is template-error's.
        unread = [u for u in ref.unread if not any(u in e for e in ref.template_errors)]
        # Words left over beside a title that was read (an editor's remark, a series, a reader's
        # own slip over a long author list) cost no check: they stay in the JSON's ``unread``.
        if ref.title:
            unread = [u for u in unread if not u.startswith(UNPLACED)]
        if unread:
            yield Hit(
                f"reference {ref.label}: citecheck could not read {', '.join(unread)}",
                reference=ref,
                evidence={"unread": unread, "raw": ref.raw},
            )
