from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Family, PartialDate, Severity
from citecheck.rules import Context, Hit, rule


@rule("date-order", Family.MISMATCHED, Severity.ERROR)
def date_order(ctx: Context) -> Iterator[Hit]:
    """A reference's dates are in an impossible order.

    ## What it does
    Flags a source accessed before it was published, archived before it was published, or any
    date after the audit date (`--today`). Dates are compared at their precision: `2023` is not
    before `2023-09-13`.

    ## Why it matters
    One of the dates is wrong, so the citation may point at another version or another work.

    ## Example
    `2023-09-18 [2023-09-13]`: read five days before it appeared.

    ## How to fix
    Check the dates against the source and its snapshot and correct the wrong one.
    """
    for ref in ctx.article.references:
        dates: dict[str, PartialDate | None] = {
            "published": ref.published,
            "accessed": ref.accessed,
            "archived": ref.archived,
        }
        pub = ref.published
        for name in ("accessed", "archived"):
            when = dates[name]
            if pub and when and when.surely_before(pub):
                yield Hit(
                    f"reference {ref.label} was {name} ({when}) before it was published ({pub})",
                    reference=ref,
                    evidence=_shown(dates),
                )
        for name, when in dates.items():
            if when and when.earliest() > ctx.today:
                yield Hit(
                    f"reference {ref.label} has a {name} date in the future ({when}, "
                    f"audit date {ctx.today.isoformat()})",
                    reference=ref,
                    evidence={**_shown(dates), "today": ctx.today.isoformat()},
                )


def _shown(dates: dict[str, PartialDate | None]) -> dict[str, str]:
    """The evidence of a hit: the dates the reference gives (made only for a hit: most
    references have none)."""
    return {name: when.iso() for name, when in dates.items() if when is not None}
