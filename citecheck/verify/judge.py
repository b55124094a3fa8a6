"""The verdict on one claim and one page, precision first.

The claim's dates and numbers (:mod:`citecheck.verify.facts`) are looked for in the page's
passages, compared across languages, scripts and units; the claim's words
(:mod:`citecheck.verify.words`) are compared only where the claim and the page share a
language. The page does not support the claim when

- its best passage states one of the claim's facts otherwise, and the page states the claim's
  nowhere (a contradiction: strong);
- in the claim's own language, it holds almost none of the claim's words (another subject:
  strong);
- it states one of the claim's facts nowhere (absent, not contradicted: weak — a news page may
  say "Wednesday" for the date the claim gives).

It supports the claim when every fact is found and, in the same language, the best passage
holds enough of its words (across languages: when the claim states facts and all are found).
Anything else is "can't tell", which no rule reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from citecheck.evidence.support import PASSAGE_QUOTE, Support, SupportVerdict
from citecheck.lang import primary
from citecheck.model import PartialDate
from citecheck.verify import facts as facts_
from citecheck.verify.extract import passages, passages_of_tree
from citecheck.verify.facts import Fact
from citecheck.verify.words import PageTerms, terms

# Below this share of the claim's (idf-weighted) words anywhere on the page, a page in the
# claim's language is about something else; bench/support.py measures it on the labelled claims.
OFF_TOPIC_COVERAGE = 0.15
# A claim needs this many distinct content terms for its words to say anything.
MIN_TERMS = 4
# In the same language, the best passage must hold this share of the claim's words to support it.
SUPPORTING_SCORE = 0.4
# Across languages, a passage holding this share of the claim's names (Latin-script words,
# terms in every language) is taken to be about the claim.
SHARED_NAMES = 0.3


@dataclass(frozen=True)
class PageText:
    """A page's main text as the judge reads it: passages in page order, the page's language
    (a primary code: ``zh``, ``en``…), and its publication date, which completes dates the
    page gives without a year ("周三(13日)")."""

    url: str
    passages: tuple[str, ...]
    language: str | None = None
    published: PartialDate | None = None
    from_snapshot: bool = False


class Reading:
    """A page made ready for judging many claims: its terms and its facts, each built on
    first use (a claim with no date or number never needs the page's facts)."""

    def __init__(self, page: PageText) -> None:
        self.page = page
        self._index: PageTerms | None = None
        self._stated: list[tuple[int, Fact]] | None = None

    @property
    def index(self) -> PageTerms:
        if self._index is None:
            self._index = PageTerms.of(self.page.passages, self.page.language or "en")
        return self._index

    @property
    def stated(self) -> list[tuple[int, Fact]]:
        if self._stated is None:
            self._stated = _page_facts(self.page)
        return self._stated


# How far into a page's text its dateline is looked for, in characters.
DATELINE_WITHIN = 3000


def page_text(
    url: str,
    text: str,
    *,
    is_html: bool,
    language: str | None,
    published: PartialDate | None,
    from_snapshot: bool = False,
) -> PageText:
    """A decoded page as the judge reads it: its main text's passages, and its date, from its
    metadata or else its dateline (the first full date near its top, which the main text may
    leave out: "2023年9月14日" above a DW story)."""
    if is_html:
        from selectolax.lexbor import LexborHTMLParser

        tree = LexborHTMLParser(text)
        found = passages_of_tree(tree)
        if published is None and tree.body is not None:
            published = _dateline(tree.body.text(separator="\n")[:DATELINE_WITHIN])
    else:
        found = passages(text, is_html=False)
        if published is None:
            published = _dateline(text[:DATELINE_WITHIN])
    return PageText(url, found, language, published, from_snapshot)


def _dateline(head: str) -> PartialDate | None:
    """The first full date in ``head``, the top of a page's text."""
    for fact in facts_.facts_in(head):
        if fact.year and fact.month and fact.day and not fact.weak:
            return PartialDate(fact.year, fact.month, fact.day)
    return None


def judge(claim: str, language: str | None, page: PageText | Reading) -> Support:
    """Whether ``page`` says ``claim`` (written in ``language``); a ``Reading`` of the page
    keeps its terms and facts for the next claim."""
    reading = page if isinstance(page, Reading) else Reading(page)
    page = reading.page
    base = Support(
        verdict=SupportVerdict.CANT_TELL,
        reason="",
        page_url=page.url,
        from_snapshot=page.from_snapshot,
    )
    if not page.passages:
        return replace(base, reason="the page has no main text to read")
    claimed = [f for f in facts_.facts_in(claim, language) if not f.weak]
    stated = reading.stated if claimed else []
    found = [c for c in claimed if any(facts_.matches(c, s) for _, s in stated)]
    # A fact is missing only when it is written in digits or has a unit: "one man", "两人"
    # may be "a man", "the couple" on the page.
    missing = [c for c in claimed if c not in found and _checkable(c)]
    same_language = bool(
        language and page.language and primary(language) == primary(page.language)
    )
    # The best passage: by words in the same language; across languages by the claim's facts
    # it states, then by the names both write alike (Latin words, kept as terms everywhere).
    page_language = page.language or language or "en"
    index = reading.index
    words = terms(claim, language if same_language and language else page_language)
    best = index.best(words)
    coverage = index.coverage(words) if words else None
    if same_language:
        best_index = best[0] if best else None
    else:
        best_index = _passage_with_most(found, stated)
        if best_index is None and best is not None and best[1] >= SHARED_NAMES:
            best_index = best[0]
    passage = page.passages[best_index] if best_index is not None else None
    conflicting = _conflicts(claimed, stated, best_index)
    shown = replace(
        base,
        facts=tuple(f.text for f in claimed),
        missing=tuple(f.text for f in missing),
        conflicting=tuple((c.text, s.text) for c, s in conflicting),
        passage=_quote(passage) if passage else None,
        passage_language=page.language,
        score=round(best[1], 3) if best else None,
        coverage=None if coverage is None else round(coverage, 3),
    )
    distinct = len(set(words))
    # Across languages, a page sharing none of the claim's facts and names may be about
    # anything: what it lacks says nothing.
    related = same_language or best_index is not None
    if conflicting and related:
        said = "; ".join(f"{c.text} where the page says {s.text}" for c, s in conflicting)
        # Contradicted and stated nowhere else: strong. A value the page states elsewhere
        # (a year it names for something else) leaves room for doubt.
        strong = all(c in missing for c, _ in conflicting)
        return replace(
            shown,
            verdict=SupportVerdict.NOT_SUPPORTED,
            strong=strong,
            reason=f"the claim states {said}",
        )
    off_topic = coverage is not None and coverage < OFF_TOPIC_COVERAGE
    if same_language and distinct >= MIN_TERMS and off_topic:
        return replace(
            shown,
            verdict=SupportVerdict.NOT_SUPPORTED,
            reason=f"the page is about something else ({coverage:.0%} of the claim's words "
            "are on it)",
        )
    if missing and related:
        return replace(
            shown,
            verdict=SupportVerdict.NOT_SUPPORTED,
            strong=False,
            reason="the page states " + ", ".join(f.text for f in missing) + " nowhere",
        )
    if missing:
        return replace(shown, reason="another language, and none of the claim's facts or names")
    if same_language:
        if best is not None and best[1] >= SUPPORTING_SCORE and distinct >= 2:
            return replace(
                shown, verdict=SupportVerdict.SUPPORTED, reason="the best passage says it"
            )
        return replace(shown, reason="too few of the claim's words in any one passage")
    if sum(_checkable(f) for f in found) >= 1 and best_index is not None:
        return replace(
            shown, verdict=SupportVerdict.SUPPORTED, reason="the page states the claim's facts"
        )
    return replace(shown, reason="another language, and no date or number to compare")


def _page_facts(page: PageText) -> list[tuple[int, Fact]]:
    """Every fact the page states, with its passage; dates without a year completed from the
    page's publication date, which is a fact of the page too."""
    language = page.language
    read = [(i, f) for i, p in enumerate(page.passages) for f in facts_.facts_in(p, language)]
    # Without a publication date, the page's first full date dates it (a news text's
    # dateline), so that "周三(13日)" is read in its month.
    reference = page.published or next(
        (PartialDate(f.year, f.month, f.day) for _, f in read if f.day and f.year and f.month),
        None,
    )
    found: list[tuple[int, Fact]] = []
    for i, fact in read:
        if reference is not None and fact.kind is facts_.FactKind.DATE:
            fact = facts_.resolve(fact, reference)
        found.append((i, fact))
    if page.published is not None:
        date = page.published
        key = date.iso()
        found.append(
            (
                -1,
                Fact(
                    facts_.FactKind.DATE, key, key, 0, 0, date.year, date.month, date.day
                ),
            )
        )
    return found


def _passage_with_most(found: Sequence[Fact], stated: Sequence[tuple[int, Fact]]) -> int | None:
    counts: dict[int, int] = {}
    for claim_fact in found:
        for i, fact in stated:
            if i >= 0 and facts_.matches(claim_fact, fact):
                counts[i] = counts.get(i, 0) + 1
    return max(sorted(counts), key=lambda i: counts[i]) if counts else None


def _conflicts(
    claimed: Sequence[Fact], stated: Sequence[tuple[int, Fact]], best: int | None
) -> list[tuple[Fact, Fact]]:
    """The claim's facts that its best passage states otherwise, and does not also state."""
    if best is None:
        return []
    here = [s for i, s in stated if i == best]
    out = []
    for claim_fact in claimed:
        if any(facts_.matches(claim_fact, s) for s in here):
            continue
        other = next((s for s in here if facts_.conflicts(claim_fact, s)), None)
        if other is not None:
            out.append((claim_fact, other))
    return out


def _checkable(fact: Fact) -> bool:
    """A fact whose absence says something: written in digits, or with a unit."""
    return bool(fact.unit) or any(ch.isdigit() for ch in fact.text)


def _quote(passage: str) -> str:
    text = " ".join(passage.split())
    return text if len(text) <= PASSAGE_QUOTE else text[: PASSAGE_QUOTE - 1].rstrip() + "…"
