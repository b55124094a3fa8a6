from __future__ import annotations

from collections.abc import Iterator

from citecheck.evidence import Support, SupportVerdict
from citecheck.model import Family, Severity
from citecheck.rules import Context, Hit, rule


@rule("unsupported-claim", Family.MISMATCHED, Severity.WARNING, reads_pages=True)
def unsupported_claim(ctx: Context) -> Iterator[Hit]:
    """The cited page does not say what the claim says.

    ## What it does
    Reads the main text of each page a claim cites (the original, or the archived copy when the
    original is dead or only a copy is cited) and looks in it for the claim's dates and numbers,
    compared across languages, scripts and units (`13 сентября 2023` = `2023年9月13日`,
    `1,300 km` = `1300公里`), and for the claim's words. A page that states a date or number of
    the claim otherwise, or, in the claim's own language, is about something else, does not
    support it. Across languages, where only words could be compared, nothing is said. A claim
    is flagged only where none of the pages it cites supports it; each finding names the others.

    Severity is a warning when the page contradicts the claim or is plainly about something
    else, info when the evidence is weaker (a fact merely absent from the page).

    ## Why it matters
    A citation is there to let a reader check the sentence; one that does not say it misleads.

    ## Example
    "Kim met Putin on 9 September 2023.[1]" citing a page that says they met on 13 September.

    ## How to fix
    Read the quoted passage: correct the claim, or cite a source that says it.
    """
    supports = ctx.evidence.supports if ctx.evidence is not None else {}
    if not supports:
        return
    references = {r.label: r for r in ctx.article.references}
    for claim in ctx.article.claims:
        labels = list(dict.fromkeys(m.label for m in claim.markers if not m.is_note))
        verdicts = {
            label: supports[(claim.id, label)] for label in labels if (claim.id, label) in supports
        }
        if any(s.verdict is SupportVerdict.SUPPORTED for s in verdicts.values()):
            continue
        for label, support in verdicts.items():
            if support.verdict is not SupportVerdict.NOT_SUPPORTED:
                continue
            others = _others(label, labels, verdicts)
            yield Hit(
                f"claim {claim.id}: reference {label} does not support it ({support.reason})"
                + (f"; {others}" if others else ""),
                reference=references.get(label),
                claims=(claim.id,),
                evidence=support.to_dict(),
                severity=None if support.strong else Severity.INFO,
                line=claim.line,
            )


def _others(label: str, labels: list[str], verdicts: dict[str, Support]) -> str:
    """What the claim's other references said, for the finding's message."""
    parts = []
    for other in labels:
        if other == label:
            continue
        found = verdicts.get(other)
        if found is None:
            parts.append(f"{other} was not read")
        elif found.verdict is SupportVerdict.NOT_SUPPORTED:
            parts.append(f"{other} does not support it either")
        else:
            parts.append(f"{other} can't tell")
    return "other references: " + ", ".join(parts) if parts else ""
