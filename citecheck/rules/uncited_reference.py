from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Family, Severity
from citecheck.rules import Context, Hit, rule


@rule("uncited-reference", Family.MISSING, Severity.WARNING)
def uncited_reference(ctx: Context) -> Iterator[Hit]:
    """An entry of the reference list that no claim of the body cites.

    ## What it does
    Flags references whose label no marker in the body uses. When the entry shows backlinks and
    the body cites notes that the document lacks, the finding says the reference is probably cited
    from inside those missing notes.

    ## Why it matters
    Either the citation was lost from the text (so a claim lost its source), or the entry is
    left over and misleads readers about what supports the article.

    ## Example
    `- ^ 21.0 21.1 21.2 КНДР празднует…` while no sentence carries `[21]`.

    ## How to fix
    Restore the marker (or the missing note that cites it), or remove the entry.
    """
    missing_notes = ctx.missing_notes()
    for ref in ctx.article.references:
        if ref.label in ctx.uses:
            continue
        message = f"reference {ref.label} is not cited by any claim in the body"
        evidence: dict[str, object] = {"uses": 0}
        if ref.backlinks:
            evidence["backlinks"] = len(ref.backlinks)
        if ref.backlinks and missing_notes:
            marks = " ".join(f"[{n}]" for n in missing_notes)
            message += f"; its backlinks suggest it is cited from the missing notes {marks}"
            evidence["missing_notes"] = missing_notes
        yield Hit(message, reference=ref, evidence=evidence)
