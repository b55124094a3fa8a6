from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

from citecheck.lang import LANGUAGES
from citecheck.model import Family, Reference, Severity
from citecheck.parse.languages import script_of, scripts
from citecheck.rules import Context, Hit, rule
from citecheck.rules.placeholder_title import PLACEHOLDERS

if TYPE_CHECKING:
    from citecheck.evidence import PageEvidence

# Below this similarity the cited title and the page's are taken for different works. Measured
# on the demo site and the samples: a shortened or re-punctuated title of the same work scores
# 0.8 and more, two headlines of one news day about the same people about 0.3.
THRESHOLD = 0.4
# Shorter titles are too weak to compare: one word ("Интервью") or a brand says little.
MIN_LETTERS = 10
MIN_WORDS = 2
MIN_CJK = 6
# How a rendered or templated citation shows a translated title.
_TRANSLATED = re.compile(
    "|".join(p for lang in LANGUAGES.values() for p in lang.translated_title_patterns), re.I
)
_QUOTES = str.maketrans({c: '"' for c in "“”„‟«»「」『』〝〞＂'‘’‚‛"})
# Runs of letters and digits: ``\w`` without the underscore.
_WORD = re.compile(r"[^\W_]+")


def normalise_title(title: str) -> str:
    """Case, width, quotes, punctuation and spacing set aside: what a reader would compare.
    What is left is letters and digits (``str.isalnum``) in words split by one space."""
    text = unicodedata.normalize("NFKC", title).casefold().translate(_QUOTES)
    return " ".join(_WORD.findall(text))


def similarity(cited: str, page: str) -> float:
    """How much of the shorter title the longer one contains, or their overall likeness.

    Containment lets a shortened citation ("Putin and Kim meet") match the page's full
    headline; the overall ratio catches reworded titles. 1.0 is the same title.
    """
    return _similarity(normalise_title(cited), normalise_title(page))


def _similarity(cited: str, page: str) -> float:
    """``similarity`` of two normalised titles."""
    a, b = cited.replace(" ", ""), page.replace(" ", "")
    if not a or not b:
        return 0.0
    if min(len(a), len(b)) >= 2 and (a in b or b in a):
        return 1.0  # what the matcher says, without its cost: the shorter is one block
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks() if block.size >= 2)
    return max(matcher.ratio(), matched / min(len(a), len(b)))


def main_script(text: str) -> str | None:
    """The script most of ``text``'s letters are in; Japanese (any kana) counts as Kana."""
    counts = scripts(text)
    if not counts:
        return None
    if counts["Kana"]:
        return "Kana"
    return counts.most_common(1)[0][0]


def has_translated_title(ref: Reference) -> bool:
    """Whether the citation gives a translation of its title: a ``trans-title`` parameter, or
    the rendered form ``Title [Translation]`` (a bracket after the title that is not a date)."""
    if _TRANSLATED.search(ref.raw):
        return True
    return bool(ref.title and re.search(re.escape(ref.title) + r"\s*\[[^\]\d]", ref.raw))


def comparable(text: str) -> bool:
    """Long enough to tell two works apart: 6 CJK characters, or 10 letters in 2 words.
    ``text`` is normalised (``normalise_title``): every character but the spaces is a letter
    or digit."""
    # The letter count first: it is cheap, and settles most Latin and Cyrillic titles.
    if len(text) - text.count(" ") >= MIN_LETTERS and text.count(" ") + 1 >= MIN_WORDS:
        return True
    return sum(script_of(ch) in ("Han", "Kana", "Hangul") for ch in text) >= MIN_CJK


def closest_title(cited: str, page: PageEvidence) -> tuple[str, float] | None:
    """The page's title closest to the ``cited`` one, and their similarity; None when the cited
    title or every title of the page is too short to compare (see ``comparable``)."""
    normalised = normalise_title(cited)
    if not comparable(normalised):
        return None
    scored = [
        (t.text, _similarity(normalised, n))
        for t in page.titles
        if comparable(n := normalise_title(t.text))
    ]
    return max(scored, key=lambda pair: pair[1], default=None)


@rule("title-mismatch", Family.MISMATCHED, Severity.WARNING, reads_pages=True)
def title_mismatch(ctx: Context) -> Iterator[Hit]:
    """The cited title is not the title of the page the citation links to.

    ## What it does
    Reads the page's titles (`og:title`, `<title>` without the site's name, the first `h1`)
    from the original when it is alive, else from the archived snapshot, and compares each with
    the cited title after setting aside case, width, quotes, punctuation and the site's name. A
    shortened title contained in the page's counts as the same. Fires only when no page title
    reaches a similarity of 0.4 (reported in the evidence), and only for titles long enough to
    tell works apart (6 CJK characters, or 10 letters in two words). A cited title in another
    script than the page's (a translation) is an info, and nothing at all when the citation
    also gives a translated title (`trans-title`).

    ## Why it matters
    The link may lead to another work than the one cited: a different article of the same site,
    an index page, or a page whose content was replaced since.

    ## Example
    `title=США пригрозили новыми санкциями` for a page titled `Путин и Ким встретились на
    космодроме — Demo News`.

    ## How to fix
    Check that the link is the cited work; correct the title or the link. For a translated
    title, give the original in `title` and the translation in `trans-title`.
    """
    if ctx.evidence is None:
        return
    for ref in ctx.article.references:
        title = ref.title
        if not title or title.strip().casefold() in PLACEHOLDERS:
            continue
        found = ctx.evidence.page_for(ref.url, ref.archive_url)
        if found is None:
            continue
        where, page = found
        match = closest_title(title, page)
        if match is None or match[1] >= THRESHOLD:
            continue
        closest, score = match
        evidence: dict[str, Any] = {
            "cited_title": title,
            "page_title": closest,
            "similarity": round(score, 2),
            "threshold": THRESHOLD,
            "page_from": where,
            **page.to_dict(),
        }
        cited_script, page_script = main_script(title), main_script(closest)
        if cited_script != page_script:
            if has_translated_title(ref):
                continue
            yield Hit(
                f"reference {ref.label}: the cited title is in {cited_script} script but the "
                f"{where} page's title is in {page_script} ({closest!r}): a translated title?",
                reference=ref,
                evidence={**evidence, "cited_script": cited_script, "page_script": page_script},
                severity=Severity.INFO,
            )
            continue
        yield Hit(
            f"reference {ref.label}: the cited title differs from the {where} page's title "
            f"{closest!r} (similarity {score:.2f})",
            reference=ref,
            evidence=evidence,
        )
