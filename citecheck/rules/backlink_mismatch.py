from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Family, Severity
from citecheck.rules import Context, Hit, rule


@rule("backlink-mismatch", Family.MISMATCHED, Severity.INFO)
def backlink_mismatch(ctx: Context) -> Iterator[Hit]:
    """The number of backlinks of an entry differs from its uses in the body.

    ## What it does
    Compares the backlinks a rendered list shows (`16.00 … 16.15` are sixteen uses, a lone `^`
    is one) with the markers found in the body. Sources that do not show backlinks are skipped.
    When the list claims more uses and the body cites notes the document lacks, the finding says
    the extra uses are probably inside those notes.

    ## Why it matters
    Uses the list knows of but the text lacks point at lost text: a dropped note, a removed
    sentence, or a copy that left something out.

    ## Example
    `- ^ 7.0 7.1 7.2 7.3 7.4 …` with four `[7]` markers in the body.

    ## How to fix
    Find where the missing uses went (often the notes section) and restore them.
    """
    missing_notes = ctx.missing_notes()
    for ref in ctx.article.references:
        shown, used = len(ref.backlinks), len(ctx.uses.get(ref.label, ()))
        if not shown or shown == used:
            continue
        message = (
            f"reference {ref.label} has {_n(shown, 'backlink')} but {_n(used, 'use')} in the body"
        )
        evidence: dict[str, object] = {"backlinks": shown, "uses": used}
        if shown > used and missing_notes:
            marks = " ".join(f"[{n}]" for n in missing_notes)
            message += f", consistent with citations inside the missing notes {marks}"
            evidence["missing_notes"] = missing_notes
        yield Hit(message, reference=ref, evidence=evidence)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
