from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Family, Severity
from citecheck.rules import Context, Hit, rule


@rule("template-error", Family.MISMATCHED, Severity.WARNING)
def template_error(ctx: Context) -> Iterator[Hit]:
    """A citation template's error message leaked into the rendered reference.

    ## What it does
    Flags error and maintenance text of citation templates left in an entry, such as
    `|journal=被忽略 (帮助)`, `Ошибка в сносках`, `Check date values in: |date= (help)`, and the
    template errors a wikitext parser finds (an archive URL without an archive date…).

    ## Why it matters
    The citation's parameters do not say what the editor meant: a field is ignored or wrong.

    ## Example
    `… The Economist. |journal=被忽略 (帮助)`

    ## How to fix
    Correct the template's parameters as the message says.
    """
    for ref in ctx.article.references:
        for error in ref.template_errors:
            yield Hit(
                f"reference {ref.label} shows a citation template error: {error}",
                reference=ref,
                evidence={"error": error},
            )
