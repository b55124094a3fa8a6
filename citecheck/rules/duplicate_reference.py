from __future__ import annotations

import re
from collections.abc import Iterator

from citecheck.model import Family, Reference, Severity
from citecheck.rules import Context, Hit, rule
from citecheck.rules.placeholder_title import PLACEHOLDERS

_SCHEME = re.compile(r"^https?://(www\.)?")
_WORD = re.compile(r"\w+")


def _url_key(url: str) -> str:
    url = _SCHEME.sub("", url.strip().casefold())
    # The fragment stays: two sections of one page (#cats, #dogs) are two different sources.
    return url.rstrip("/")


def _work_key(ref: Reference) -> tuple[str, str, str] | None:
    if not ref.title or ref.title.casefold() in PLACEHOLDERS or ref.published is None:
        return None
    words = " ".join(_WORD.findall(ref.title.casefold()))
    return (words, (ref.publisher or "").casefold(), ref.published.iso())


@rule("duplicate-reference", Family.MISSING, Severity.WARNING)
def duplicate_reference(ctx: Context) -> Iterator[Hit]:
    """Two entries of the reference list cite the same work.

    ## What it does
    Flags an entry whose URL, or whose title, publisher and publication date together, equal
    those of an earlier entry.

    ## Why it matters
    Duplicates split a work's uses across labels and make the list longer than the sources.

    ## Example
    Two `<ref>`s with the same `url=` instead of one named ref reused.

    ## How to fix
    Keep one entry and cite it by name (`<ref name=…/>`) everywhere.
    """
    seen: dict[object, Reference] = {}
    for ref in ctx.article.references:
        keys: list[object] = []
        url_key = ("url", _url_key(ref.url)) if ref.url else None
        if url_key is not None:
            keys.append(url_key)
        if (work := _work_key(ref)) is not None:
            keys.append(("work", work))
        first = next((seen[k] for k in keys if k in seen), None)
        if first is not None:
            by = "URL" if url_key in seen else "title, publisher and date"
            yield Hit(
                f"reference {ref.label} cites the same work as reference {first.label} (same {by})",
                reference=ref,
                evidence={"same_as": first.label, "by": by},
            )
        for k in keys:
            seen.setdefault(k, ref)
