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


def _words(text: str | None) -> str:
    return " ".join(_WORD.findall(text.casefold())) if text else ""


def _place(ref: Reference) -> tuple[str, str]:
    """Where in the work: two chapters or pages of one book (or one PDF) are two uses of it."""
    if ref.chapter is None and ref.pages is None:  # most web citations: no regex to run
        return ("", "")
    return (_words(ref.chapter), _words(ref.pages))


def _work_key(ref: Reference, place: tuple[str, str]) -> tuple[str, ...] | None:
    if not ref.title or ref.title.casefold() in PLACEHOLDERS or ref.published is None:
        return None
    return (_words(ref.title), (ref.publisher or "").casefold(), ref.published.iso(), *place)


@rule("duplicate-reference", Family.MISSING, Severity.WARNING)
def duplicate_reference(ctx: Context) -> Iterator[Hit]:
    """Two entries of the reference list cite the same work.

    ## What it does
    Flags an entry whose URL, or whose title, publisher and publication date together, equal
    those of an earlier entry. Entries citing other pages or chapters of one work are not
    duplicates: each says where in the work its claim is found.

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
        place = _place(ref)
        url_key = ("url", _url_key(ref.url), *place) if ref.url else None
        if url_key is not None:
            keys.append(url_key)
        if (work := _work_key(ref, place)) is not None:
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
