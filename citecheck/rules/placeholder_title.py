from __future__ import annotations

from collections.abc import Iterator

from citecheck.lang import union
from citecheck.model import Family, Severity
from citecheck.rules import Context, Hit, rule

# Titles that archiving bots write when they do not know the real one (citecheck/lang).
PLACEHOLDERS = union("placeholder_titles")


@rule("placeholder-title", Family.MISSING, Severity.WARNING)
def placeholder_title(ctx: Context) -> Iterator[Hit]:
    """A bot placeholder stands where the title of the work should be.

    ## What it does
    Flags titles such as `存档副本`, `Archived copy`, `Архивная копия`, `Архівна копія` and
    `アーカイブされたコピー`, which archiving bots write when they do not know the real title.

    ## Why it matters
    A reader cannot tell what work supports the claim, and the title cannot be checked against
    the page.

    ## Example
    `存档副本. [2023-09-26]. (原始内容存档于2023-09-30).`

    ## How to fix
    Replace it with the work's real title (and add its publisher, date and language).
    """
    for ref in ctx.article.references:
        if ref.title and ref.title.strip(" .\"'“”«»").casefold() in PLACEHOLDERS:
            absent = [
                name
                for name, value in (
                    ("publisher", ref.publisher),
                    ("publication date", ref.published),
                    ("language", ref.language),
                )
                if not value
            ]
            message = f"reference {ref.label} has the placeholder title {ref.title!r}"
            if absent:
                listed = " or ".join([", ".join(absent[:-1]), absent[-1]] if absent[1:] else absent)
                message += f" and no {listed} to identify the work"
            yield Hit(message, reference=ref, evidence={"title": ref.title, "absent": absent})
