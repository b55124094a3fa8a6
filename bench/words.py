"""How well page coverage separates on-topic from off-topic sentences, per language and tokenizer.

    python bench/words.py

For each language, pages are read crudely (the text of ``<p>`` elements, or blank-line
paragraphs of a text file); each passage is cut into sentences. **On-topic**: a sentence scored
against its own page with its own passage removed (so an exact match is impossible).
**Off-topic**: a sentence of another page of the same language, against the page (as many per
page as it has on-topic sentences, evenly picked, so that precision is not skewed by counts).
Printed per language x tokenizer: coverage of on-topic (min / median) and off-topic (max /
median), the area under the ROC curve, and the best threshold's precision for "off-topic" (a
coverage at or below it) at a recall of at least 0.8. Then speed: start-up of each segmenter,
building PageTerms for a ~20 KB page, and scoring one claim.

Tokenizers: ``snowball``/``uk-light`` (what citecheck uses) against ``surface`` (no stemming)
and, for uk, Snowball's Russian stemmer; for zh ``bigram`` (citecheck) against jieba; for ja
``bigram`` against janome and sudachipy (dictionary words, part-of-speech filtered). jieba,
janome and sudachipy are optional: a missing one is skipped. No network.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from citecheck.verify import words
from citecheck.verify.words import PageTerms

ROOT = Path(__file__).resolve().parent.parent
READABILITY = ROOT / "tests" / "data" / "pages" / "readability"
SAMPLES = Path("/work/shared/samples")

Tokenizer = Callable[[str, str], tuple[str, ...]]

PAGES: dict[str, list[str]] = {
    "en": ["r:bbc-1", "r:nytimes-1", "r:wapo-1"],
    "fr": ["r:lemonde-1", "r:liberation-1"],
    "pt": ["r:folha"],
    "zh": ["r:gmw", "r:qq", "r:pixnet", "t:pages/dw-zh-20230914.txt"],
    "ja": [
        "r:yahoo-4",
        "t:wiki/jawiki-posix.txt",
        "t:documents/ja-academic-logistic-lecture.md",
        "t:documents/ja-web-ajax-sankou-url-nomarkers.md",
        "t:documents/ja-web-git-intro-linkmarkers.md",
    ],
    "ru": [
        "t:documents/ru-gost-automl-containers-nomarkers.md",
        "t:documents/ru-gost-c-migration-istochniki-paren.md",
        "t:documents/ru-gost-validation-stand-istochniki.md",
        "t:documents/ru-ieee-llm-receipts-pdfwrap.md",
        "t:wiki/ruwiki-html.txt",
    ],
    "uk": [
        "t:documents/uk-dstu-ecommerce-thesis-nomarkers.md",
        "t:documents/uk-dstu-like-security-lecture-literatura-nomarkers.md",
        "t:documents/uk-dstu-webprog-guide-pdftext.txt",
    ],
}

_MARKDOWN = re.compile(r"\[([^\]]*)\]\([^)]*\)|[#>*_`|]+|https?://\S+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])")



def _segmented_terms(tokens: Iterable[str], language: str) -> tuple[str, ...]:
    """A dictionary segmenter's words filtered as citecheck's own terms are (stop words,
    numbers and one-letter Latin words dropped)."""
    stop = words.stop_words(language)
    out: list[str] = []
    for token in tokens:
        t = token.strip().lower()
        if not t or not re.match(r"\w", t) or t[0].isdigit() or t in stop:
            continue
        if t.isascii() and len(t) < 2:
            continue
        out.append(t)
    return tuple(out)

def passages(spec: str) -> list[str]:
    """A page's passages, crudely: ``<p>`` texts of an HTML page, or paragraphs of a text."""
    kind, name = spec.split(":", 1)
    if kind == "r":
        from selectolax.lexbor import LexborHTMLParser

        tree = LexborHTMLParser((READABILITY / f"{name}.html").read_text(encoding="utf-8"))
        found = [" ".join(p.text(separator=" ").split()) for p in tree.css("p")]
    else:
        text = (SAMPLES / name).read_text(encoding="utf-8")
        found = [" ".join(_MARKDOWN.sub(r"\1", b).split()) for b in re.split(r"\n\s*\n", text)]
    return [p for p in found if len(p) >= 20]


def sentences(passage: str, language: str) -> list[str]:
    """Sentences long enough to be a claim (30 characters; 15 in zh/ja)."""
    shortest = 15 if language in ("zh", "ja") else 30
    return [s for s in _SENTENCE_END.split(passage) if len(s.strip()) >= shortest]


# --- tokenizers compared ----------------------------------------------------------------------


def surface(text: str, language: str) -> tuple[str, ...]:
    """Words lower-cased, stop words and numbers dropped, not stemmed."""
    stop = words.stop_words(language)
    text = text.lower()
    return tuple(
        w for w in words._WORD.findall(text) if len(w) > 1 and not w[0].isdigit() and w not in stop
    )


def uk_as_russian(text: str, language: str) -> tuple[str, ...]:
    import snowballstemmer

    return tuple(snowballstemmer.stemmer("russian").stemWords(list(surface(text, "uk"))))


@cache
def _jieba() -> Callable[[str], list[str]]:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba.lcut


def jieba_terms(text: str, language: str) -> tuple[str, ...]:
    return _segmented_terms(_jieba()(text), language)


@cache
def _janome() -> Callable[[str], list[tuple[str, str]]]:
    from janome.tokenizer import Tokenizer

    tk = Tokenizer()
    return lambda text: [(t.base_form, t.part_of_speech) for t in tk.tokenize(text)]


_JA_KEEP = ("名詞", "動詞", "形容詞", "形状詞")
_JA_DROP = ("数", "数詞", "非自立", "代名詞", "接尾", "助数詞")


def _content(pos: str) -> bool:
    parts = pos.split(",")
    return parts[0] in _JA_KEEP and not any(p in _JA_DROP for p in parts[1:])


def janome_terms(text: str, language: str) -> tuple[str, ...]:
    return _segmented_terms((w for w, pos in _janome()(text) if _content(pos)), language)


@cache
def _sudachi() -> Callable[[str], list[tuple[str, str]]]:
    from sudachipy import Dictionary, SplitMode

    tk = Dictionary().tokenizer(SplitMode.B)
    return lambda text: [
        (m.normalized_form(), ",".join(m.part_of_speech())) for m in tk.tokenize(text)
    ]


def sudachi_terms(text: str, language: str) -> tuple[str, ...]:
    return _segmented_terms((w for w, pos in _sudachi()(text) if _content(pos)), language)


def _available(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def tokenizers(language: str) -> dict[str, Tokenizer]:
    if language == "zh":
        found: dict[str, Tokenizer] = {"bigram*": words.terms}
        if _available("jieba"):
            found["jieba"] = jieba_terms
        return found
    if language == "ja":
        found = {"bigram*": words.terms}
        if _available("janome"):
            found["janome"] = janome_terms
        if _available("sudachipy"):
            found["sudachi"] = sudachi_terms
        return found
    if language == "uk":
        return {"uk-light*": words.terms, "ru-snowball": uk_as_russian, "surface": surface}
    return {"snowball*": words.terms, "surface": surface}


# --- separation -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Separation:
    on: list[float]
    off: list[float]

    def auc(self) -> float:
        wins = sum((a > b) + 0.5 * (a == b) for a in self.on for b in self.off)
        return wins / (len(self.on) * len(self.off))

    def precision_at_recall(self, recall: float = 0.8) -> tuple[float, float]:
        """Best precision of "off-topic" (coverage <= t) with recall >= ``recall``, and t."""
        best = (0.0, 1.0)
        for t in sorted(set(self.on) | set(self.off)):
            tp = sum(c <= t for c in self.off)
            if tp / len(self.off) < recall:
                continue
            p = tp / (tp + sum(c <= t for c in self.on))
            if p > best[0]:
                best = (p, t)
        return best


def separation(pages: Sequence[list[str]], language: str, tok: Tokenizer) -> Separation:
    terms_of = [[tok(p, language) for p in page] for page in pages]
    sents = [[(i, s) for i, p in enumerate(page) for s in sentences(p, language)] for page in pages]
    on: list[float] = []
    off: list[float] = []
    for k, page in enumerate(terms_of):
        whole = PageTerms.from_terms(page)
        mine = 0
        for i, s in sents[k]:
            claim = tok(s, language)
            if not claim:
                continue
            rest = PageTerms.from_terms(page[:i] + page[i + 1 :])
            on.append(rest.coverage(claim))
            mine += 1
        others = [s for j, ss in enumerate(sents) if j != k for _, s in ss]
        step = max(1, len(others) // max(mine, 1))
        for s in others[::step][:mine]:
            claim = tok(s, language)
            if claim:
                off.append(whole.coverage(claim))
    return Separation(on, off)


def separation_table() -> None:
    print(
        f"{'lang':4} {'tokenizer':11} {'on':>4} {'off':>4} {'on min':>7} {'on med':>7} "
        f"{'off max':>7} {'off med':>7} {'AUC':>5} {'P@R.8':>6} {'t':>5}"
    )
    for language, specs in PAGES.items():
        pages = [passages(s) for s in specs]
        for name, tok in tokenizers(language).items():
            sep = separation(pages, language, tok)
            if not sep.off:  # one page only (pt): nothing off-topic to compare with
                print(
                    f"{language:4} {name:11} {len(sep.on):4}    0 {min(sep.on):7.2f} "
                    f"{statistics.median(sep.on):7.2f}   (one page: no off-topic)"
                )
                continue
            p, t = sep.precision_at_recall()
            print(
                f"{language:4} {name:11} {len(sep.on):4} {len(sep.off):4} {min(sep.on):7.2f} "
                f"{statistics.median(sep.on):7.2f} {max(sep.off):7.2f} "
                f"{statistics.median(sep.off):7.2f} {sep.auc():5.2f} {p:6.2f} {t:5.2f}"
            )


# --- speed ------------------------------------------------------------------------------------


def _best_of(fn: Callable[[], object], repeat: int = 20) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def _page_of_20kb(language: str) -> list[str]:
    out: list[str] = []
    for spec in PAGES[language]:
        for p in passages(spec):
            if sum(len(x.encode()) for x in out) >= 20_000:
                return out
            out.append(p)
    return out


_STARTUP = {
    "citecheck.verify.words": "from citecheck.verify.words import terms",
    "snowballstemmer (en)": "from citecheck.verify import words; words._snowball('en')",
    "jieba": "import jieba; jieba.setLogLevel(60); jieba.initialize()",
    "janome": "from janome.tokenizer import Tokenizer; Tokenizer()",
    "sudachipy": "from sudachipy import Dictionary; Dictionary().tokenizer()",
}


def speed_table() -> None:
    print("\nstart-up (import + first use, in a fresh process):")
    for name, code in _STARTUP.items():
        module = name.split()[0]
        if not _available(module):
            continue
        snippet = f"import time; t0 = time.perf_counter(); {code}; print(time.perf_counter() - t0)"
        run = subprocess.run(
            [sys.executable, "-c", snippet], capture_output=True, text=True, check=True
        )
        print(f"  {name:22} {1000 * float(run.stdout.split()[-1]):8.1f} ms")
    print("\nbuild PageTerms of a ~20 KB page / score one claim (terms + best + coverage):")
    for language in PAGES:
        page = _page_of_20kb(language)
        size = sum(len(p.encode()) for p in page)
        claim = sentences(page[len(page) // 2], language)[0]
        for name, tok in tokenizers(language).items():
            words._STEMS.clear()
            t0 = time.perf_counter()
            PageTerms.from_terms([tok(p, language) for p in page])
            cold = time.perf_counter() - t0
            build = _best_of(
                lambda tok=tok, page=page, language=language: PageTerms.from_terms(
                    [tok(p, language) for p in page]
                )
            )
            pt = PageTerms.from_terms([tok(p, language) for p in page])

            def score(
                tok: Tokenizer = tok,
                pt: PageTerms = pt,
                claim: str = claim,
                language: str = language,
            ) -> None:
                ct = tok(claim, language)
                pt.best(ct)
                pt.coverage(ct)

            one = _best_of(score, 200)
            print(
                f"  {language:3} {name:11} {size / 1000:5.1f} KB  build {1000 * build:7.2f} ms "
                f"(cold stems {1000 * cold:7.2f} ms)  claim {1000 * one:6.3f} ms"
            )


if __name__ == "__main__":
    separation_table()
    speed_table()
