from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Family, Severity
from citecheck.rules import Context, Hit, rule


@rule("missing-reference", Family.MISSING, Severity.ERROR)
def missing_reference(ctx: Context) -> Iterator[Hit]:
    """A marker in the body names no entry of the reference or notes list.

    ## What it does
    Flags every marker, such as `[45]` or `[a]`, for which the document has no reference or
    note with that label. A note marker is flagged when the notes section is empty or lacks it.

    ## Why it matters
    The reader of the claim cannot find its source: the citation is missing.

    ## Example
    `…会面[b]。` with an empty `注释` section.

    ## How to fix
    Restore the missing entry (often a note dropped by a copy) or remove the marker.
    """
    refs = {r.label for r in ctx.article.references}
    notes = {n.label for n in ctx.article.notes}
    for label, claims in sorted(ctx.uses.items(), key=lambda kv: (kv[1][0], kv[0])):
        is_note = not label.isdigit()
        if label in (notes if is_note else refs):
            continue
        if is_note and ctx.article.has_notes_section and not notes:
            why = f"[{label}] cites a note, but the notes section is empty"
        elif is_note:
            why = f"[{label}] cites a note that the notes section lacks"
        else:
            why = f"[{label}] names no entry of the reference list"
        yield Hit(why, claims=claims, evidence={"marker": f"[{label}]", "uses": len(claims)})
