from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from citecheck.lang import LANGUAGES, primary
from citecheck.model import Family, Reference, Severity
from citecheck.parse.languages import DETECTABLE, detect_language, scripts
from citecheck.rules import Context, Hit, rule

if TYPE_CHECKING:
    from citecheck.evidence import PageEvidence

# The scripts each declared language is written in.
_SCRIPTS = {
    "ru": {"Cyrillic"},
    "uk": {"Cyrillic"},
    "be": {"Cyrillic"},
    "bg": {"Cyrillic"},
    "zh": {"Han"},
    "ja": {"Han", "Kana"},
    "ko": {"Hangul", "Han"},
}
_LATIN_DEFAULT = {"Latin"}
# Letters only Ukrainian, only Russian writes among Cyrillic ones (citecheck/lang).
_ONLY_UK = LANGUAGES["uk"].own_letters
_ONLY_RU = LANGUAGES["ru"].own_letters
# langdetect is only trusted on titles this long, and this sure.
_MIN_LETTERS = 30
_MIN_PROBABILITY = 0.99


def evidence_against(ref: Reference) -> dict[str, object] | None:
    """Why the title is not in the declared language, or None when the evidence is weak."""
    if not ref.language or not ref.title:
        return None
    declared = primary(ref.language)
    title = ref.title.strip()
    # A title in square brackets is a translation of the work's own (MEDLINE's convention, as
    # PubMed-made citations carry it): it need not be in the work's language.
    if title.startswith(("[", "［")) and title.endswith(("]", "］")):
        return None
    counts = scripts(title)
    letters = sum(counts.values())
    # A brand or a name ("Meduza", "РБК") says nothing about the language of the work.
    if letters < 10 or (len(title.split()) < 2 and not counts["Han"]):
        return None
    expected = _SCRIPTS.get(declared, _LATIN_DEFAULT)
    main, main_count = counts.most_common(1)[0]
    # Kana decides Japanese whatever the Han share: 韓国統一相、…に懸念表明.
    kana_for_ja = declared == "ja" and counts["Kana"] > 0
    if main not in expected and main_count / letters >= 0.6 and not kana_for_ja:
        return {
            "declared": ref.language,
            "title_script": main,
            "expected_scripts": sorted(expected),
            "reason": "script",
        }
    lower = set(title.lower())
    if declared == "ru" and lower & _ONLY_UK and not lower & _ONLY_RU:
        return {
            "declared": ref.language,
            "detected": "uk",
            "reason": "letters",
            "letters": "".join(sorted(lower & _ONLY_UK)),
        }
    if declared == "uk" and lower & _ONLY_RU and not lower & _ONLY_UK:
        return {
            "declared": ref.language,
            "detected": "ru",
            "reason": "letters",
            "letters": "".join(sorted(lower & _ONLY_RU)),
        }
    # Within the Latin script only a long title and a very sure detection count.
    # langdetect has no Latin, Belarusian, Kazakh…: it would misname such titles with confidence.
    if (
        expected == _LATIN_DEFAULT
        and main == "Latin"
        and letters >= _MIN_LETTERS
        and declared in DETECTABLE
    ):
        guess = _detect(title)
        # Journals and PubMed give papers in other languages an English title, which citations
        # copy without the brackets of a translation: an English title of an indexed paper is
        # no evidence against its language.
        if guess and guess[0] == "en" and _is_indexed_paper(ref):
            return None
        if guess and guess[0] != declared and guess[1] >= _MIN_PROBABILITY:
            return {
                "declared": ref.language,
                "detected": guess[0],
                "probability": round(guess[1], 3),
                "reason": "langdetect",
            }
    return None


def _is_indexed_paper(ref: Reference) -> bool:
    return ref.issn is not None or any(
        i.casefold().startswith(("pmid", "doi", "issn")) for i in ref.identifiers
    )


# Languages that detectors and sites use for one another; never a mismatch between them.
_SAME = (
    frozenset({"no", "nb", "nn"}),
    frozenset({"sr", "hr", "bs", "sh"}),
    frozenset({"id", "ms"}),
)
# How sure the page's own language must be before it outweighs the title.
_PAGE_PROBABILITY = 0.99
_PAGE_SCRIPT_SHARE = 0.8


def _same_language(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in _SAME)


def page_language(page: PageEvidence) -> tuple[str, dict[str, object]] | None:
    """The page's language when the evidence is strong, with that evidence; None otherwise.

    Strong means the page's declaration (``<html lang>``, Content-Language) and the detection on
    its text agree, or the detection alone is near certain: a template's ``lang="en"`` alone
    proves nothing.
    """
    lang, declared, detected = page.language, page.declared_language, page.detected_language
    if lang is None or detected is None:
        return None
    probability = detected.probability or 0.0
    sure = probability >= (_PAGE_SCRIPT_SHARE if detected.source == "script" else _PAGE_PROBABILITY)
    agreed = declared is not None and _same_language(declared.primary, detected.primary)
    if not (agreed or sure) or not _same_language(lang.primary, detected.primary):
        return None
    return lang.primary, {
        "page_language": lang.code,
        "page_language_source": lang.source,
        "declared_by_page": f"{declared.code} ({declared.source})" if declared else None,
        "detected": detected.code,
        "detected_by": detected.source,
        "probability": round(probability, 3),
    }


def _page_hit(ctx: Context, ref: Reference) -> tuple[bool, Hit | None]:
    """Whether the page decided the question for ``ref``, and its finding if there is one."""
    if ctx.evidence is None or not ref.language:
        return False, None
    found = ctx.evidence.page_for(ref.url, ref.archive_url)
    judged = page_language(found[1]) if found else None
    if found is None or judged is None:
        return False, None
    where, page = found
    code, evidence = judged
    declared = primary(ref.language)
    if declared in ("mul", "und") or _same_language(declared, code):
        return True, None
    if declared not in DETECTABLE and evidence["declared_by_page"] is None:
        return False, None  # only langdetect spoke, and it cannot know the declared language
    return True, Hit(
        f"reference {ref.label} is tagged {ref.language} but the {where} page is in {code}",
        reference=ref,
        evidence={
            "declared": ref.language,
            "reason": "page",
            "page_from": where,
            "page_url": page.url,
            **evidence,
        },
    )


@rule("language-mismatch", Family.MISMATCHED, Severity.WARNING, reads_pages=True)
def language_mismatch(ctx: Context) -> Iterator[Hit]:
    """The declared language of a reference is not the language of its page or title.

    ## What it does
    Compares the language tag (`(俄语)`, `(рус.)`, `(in Russian)`, `language=`) with the page the
    citation links to (the original when alive, else the archived snapshot) when the page's
    language is certain: its declaration (`<html lang>`, Content-Language) agrees with the
    language detected in its text (script for Chinese, Japanese and Korean; langdetect with a
    fixed seed otherwise), or the detection alone is near certain. That page evidence decides
    whenever it exists. Otherwise it compares the tag with the title, and fires only on strong
    evidence: the title is written in another script (Cyrillic under an English tag, Chinese
    under a Russian tag: often a translated title); Ukrainian-only letters (і ї є ґ) under a
    Russian tag or Russian-only letters (ы э ъ ё) under a Ukrainian one; or, for long titles in
    the Latin script, langdetect at probability 0.99 or more. Short and ambiguous titles are
    left alone.

    ## Why it matters
    Readers and tools use the tag to know what they will find; a wrong tag, or a translated title
    passed off as the original, misleads them.

    ## Example
    `普京与金正恩会面. Коммерсантъ. … (俄语)`: a Chinese title under a Russian tag.

    ## How to fix
    Correct the tag, or give the original title with `trans-title` for the translation.
    """
    for ref in ctx.article.references:
        decided, hit = _page_hit(ctx, ref)
        if decided:
            if hit is not None:
                yield hit
            continue
        evidence = evidence_against(ref)
        if evidence is None:
            continue
        found = evidence.get("detected") or f"{evidence.get('title_script')} script"
        yield Hit(
            f"reference {ref.label} is tagged {ref.language} but its title reads as {found}",
            reference=ref,
            evidence={"title": ref.title, **evidence},
        )


def _detect(text: str) -> tuple[str, float] | None:
    guess = detect_language(text)
    return (primary(guess[0]), guess[1]) if guess else None
