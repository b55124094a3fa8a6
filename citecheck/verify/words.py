"""Lexical support: how much of a claim's wording a cited page (or one passage of it) contains.

:func:`terms` turns a text into its content terms: lower-cased, stop words and numbers dropped
(dates and numbers are compared by their own module), words stemmed with Snowball for en, ru,
fr and pt and with a light suffix stripper for uk (Snowball has no Ukrainian), and Chinese and
Japanese cut into overlapping character bigrams. Bigrams were measured against dictionary
segmenters (jieba; janome and sudachipy) in ``bench/words.py``: they separate on-topic from
off-topic sentences as well or better (zh AUC 0.95 vs jieba 0.92; ja 0.83 vs janome 0.84 and
sudachipy 0.82), need no dictionary and no start-up, and build a 20 KB page ~10x faster than
jieba or sudachipy (~100x than janome). Latin-script words inside zh, ja, ru or uk text stay
terms (lower-cased, unstemmed): names are what carries across languages.

:class:`PageTerms` indexes a page's passages once; a claim is then scored against it by
idf-weighted term share, not BM25: a share is already in [0, 1] and reads as "how much of the
claim the page says", while BM25 has no upper bound and rewards repeating a term, which says
nothing about support. Idf comes from the page's own passages; a claim term that the page lacks
gets the weight of a term found in no passage (the largest), so a missing name or key word
costs the claim the most.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from citecheck.verify.stopwords import stop_chars, stop_words

__all__ = ["PageTerms", "terms"]

_SNOWBALL = {"en": "english", "ru": "russian", "fr": "french", "pt": "portuguese"}
_CJK = frozenset({"zh", "ja"})

# A word of an alphabetic language; an apostrophe inside a word is joined for ru/uk
# (комп'ютер) and split for the others (l'Élysée, don't), where the pieces are stop words.
# Words of two or more characters that start with a letter (2023, 13th are numbers, not words;
# names like G20 stay) and hold no "_" (identifiers, not words).
_WORD = re.compile(r"\b[^\W\d_][^\W_]+\b")
_APOSTROPHE = re.compile(r"(?<=\w)['’ʼ](?=\w)")
# Pieces of zh/ja text: Han runs (the language's stop characters carved out of the class, so
# that a run ends at each), katakana runs, hiragana (dropped: particles and endings), and any
# other word (Latin names, numbers), which must not run on into Han or kana.
_HAN = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x3005, 0x3006))
_CJK_PIECE = (
    r"(?P<han>[{han}]+)"
    r"|(?P<kana>[\u30a1-\u30faー\uff66-\uff9d]+)"
    r"|(?P<hira>[\u3041-\u309f]+)"
    r"|(?P<word>[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆\uff66-\uff9f]+)"
)
_CYRILLIC = re.compile(r"[а-яіїєґё]")


class _Stemmer(Protocol):
    def stemWords(self, words: Sequence[str]) -> list[str]: ...


# Ukrainian endings, longest first within the strip (a light stemmer: Snowball has none). The
# reflexive ся/сь goes first, then one inflectional ending, keeping a stem of 3+ letters.
_UK_REFLEXIVE = ("ся", "сь")
_UK_ENDING_LIST = """
        ування ювання ення ання іння ість ості істю ськими ського ському ська ське ський ських
        ськи ами ями ові еві ого ому ими іми ими ах ях ів їв ам ям ом ем ій ий ої ою ею єю им
        ім их іх ати ити іти ути яти ать уть ють ять ить емо ємо имо ете ите ала ало али али
        ував увати ує а я о е є у ю і ї и ь й
"""
_UK_ENDINGS = tuple(sorted(set(_UK_ENDING_LIST.split()), key=len, reverse=True))


def _uk_stem(word: str) -> str:
    """A light Ukrainian stem: drop the reflexive suffix and one ending, keep 3+ letters."""
    if not _CYRILLIC.search(word):
        return word
    for suffix in _UK_REFLEXIVE:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    for ending in _UK_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


@cache
def _snowball(language: str) -> _Stemmer:
    # Imported late: a warm re-audit that never compares text should not load it. Snowball
    # uses PyStemmer's C code when that is installed (~20x faster), else pure Python.
    import snowballstemmer  # type: ignore[import-untyped]

    stemmer: _Stemmer = snowballstemmer.stemmer(_SNOWBALL[language])
    return stemmer


# Stems already computed, per language: a page's words repeat across pages and claims.
_STEMS: dict[str, dict[str, str]] = {}
_STEMS_LIMIT = 200_000


def _stem_all(words: list[str], language: str) -> list[str]:
    memo = _STEMS.setdefault(language, {})
    new = [w for w in set(words) if w not in memo]
    if new:
        if len(memo) > _STEMS_LIMIT:
            memo.clear()
        if language == "uk":
            memo.update((w, _uk_stem(w)) for w in new)
        else:
            memo.update(zip(new, _snowball(language).stemWords(new), strict=True))
    return [memo[w] for w in words]


def _alphabetic_terms(text: str, language: str) -> tuple[str, ...]:
    text = text.lower()
    if language in ("ru", "uk"):
        text = _APOSTROPHE.sub("", text)
        if language == "ru":
            text = text.replace("ё", "е")
    stop = stop_words(language)
    words = [w for w in _WORD.findall(text) if w not in stop]
    if language in _SNOWBALL or language == "uk":
        return tuple(_stem_all(words, language))
    return tuple(words)


@cache
def _cjk_pieces(language: str) -> re.Pattern[str]:
    cuts = sorted(ord(c) for c in stop_chars(language))
    ranges: list[str] = []
    for low, high in _HAN:
        start = low
        for cut in (c for c in cuts if low <= c <= high):
            if cut > start:
                ranges.append(f"{chr(start)}-{chr(cut - 1)}")
            start = cut + 1
        if start <= high:
            ranges.append(f"{chr(start)}-{chr(high)}")
    return re.compile(_CJK_PIECE.format(han="".join(ranges)))


def _cjk_bigram_terms(text: str, language: str) -> tuple[str, ...]:
    """Han runs as overlapping bigrams (a lone character as itself), cut at stop characters;
    katakana runs whole (loanwords and names); hiragana dropped; other words lower-cased."""
    stop = stop_words(language)
    out: list[str] = []
    for m in _cjk_pieces(language).finditer(text):
        kind = m.lastgroup
        piece = m.group()
        if kind == "han":
            if piece in stop:
                continue
            if len(piece) < 3:
                out.append(piece)
            else:
                out.extend([piece[i : i + 2] for i in range(len(piece) - 1)])
        elif kind == "kana":
            if len(piece) > 1:
                out.append(piece)
        elif kind == "word" and len(piece) > 1 and not piece[0].isdigit():
            out.append(piece.lower())
    return tuple(out)


def terms(text: str, language: str) -> tuple[str, ...]:
    """The content terms of ``text`` in ``language`` (an ISO 639-1 code), in text order,
    repeats kept. An unknown language is lower-cased and split into words, without stemming."""
    if language in _CJK:
        return _cjk_bigram_terms(text, language)
    return _alphabetic_terms(text, language)


def _idf(passages: int, df: int) -> float:
    # BM25's idf with +1 inside the log, so that it stays positive even for a term in every
    # passage; df = 0 (a claim term the page lacks) gives the largest weight, ln(2N + 2).
    return math.log(1.0 + (passages - df + 0.5) / (df + 0.5))


@dataclass(frozen=True)
class PageTerms:
    """A page's passages indexed by term: built once per page, then any number of claims are
    scored against it. Build it only when a claim needs it (``of`` is the costly part)."""

    # How many passages the page has.
    passages: int
    # Term -> indices of the passages that contain it, ascending.
    postings: Mapping[str, tuple[int, ...]]

    @classmethod
    def of(cls, passages: Sequence[str], language: str) -> PageTerms:
        """Index ``passages`` (the page's text blocks, in order) written in ``language``."""
        return cls.from_terms([terms(p, language) for p in passages])

    @classmethod
    def from_terms(cls, passage_terms: Sequence[Iterable[str]]) -> PageTerms:
        """Index passages already turned into terms (by :func:`terms`)."""
        postings: dict[str, list[int]] = {}
        for i, ts in enumerate(passage_terms):
            for t in set(ts):
                postings.setdefault(t, []).append(i)
        return cls(len(passage_terms), {t: tuple(ix) for t, ix in postings.items()})

    def weight(self, term: str) -> float:
        """The term's idf on this page; a term absent from the page weighs the most."""
        return _idf(self.passages, len(self.postings.get(term, ())))

    def coverage(self, claim_terms: Iterable[str]) -> float:
        """The idf-weighted share of the claim's distinct terms found anywhere on the page, in
        [0, 1]; 0.0 for a claim without terms."""
        total = found = 0.0
        for t in set(claim_terms):
            w = self.weight(t)
            total += w
            if t in self.postings:
                found += w
        return found / total if total else 0.0

    def best(self, claim_terms: Iterable[str]) -> tuple[int, float] | None:
        """The passage that contains the largest idf-weighted share of the claim's distinct
        terms, and that share in [0, 1]; the first such passage on a tie. None when the claim
        has no terms or no passage shares one with it."""
        total = 0.0
        scores: dict[int, float] = {}
        for t in set(claim_terms):
            hits = self.postings.get(t, ())
            w = _idf(self.passages, len(hits))
            total += w
            for i in hits:
                scores[i] = scores.get(i, 0.0) + w
        if not scores:
            return None
        index = min(scores, key=lambda i: (-scores[i], i))
        return index, scores[index] / total
