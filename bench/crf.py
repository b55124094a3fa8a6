"""Would a learned labeller split authors, title and container better than the rules?

    python bench/crf.py [--c1 0.05] [--c2 0.05] [--iterations 150]

A measurement, not part of citecheck. A token-level CRF (sklearn-crfsuite, L-BFGS) labels each
token of a reference string B-author / I-author / title / container / date / url / pages / other;
it is trained on the style matrix (``tests/data/corpus/style-matrix.jsonl``, see
bench/stylematrix.py) and evaluated on the 268 hand-labelled real entries
(``tests/data/corpus/reference-strings/``), field by field with bench/accuracy.py's ``same()``,
beside the rule parser (``parse_reference_text``) on the same entries and fields.

- **Tokens**: a URL is one token (without the punctuation that ends it); otherwise runs of
  letters or digits, except that each CJK or kana character is a token of its own; every other
  non-space character is a token.
- **Training labels** come from the matrix's fields: the tokens inside the first place each
  labelled value (title, container, each author, URL, pages, and the year of each date) occurs.
- **Reading fields back**: each author is a B-author token and the I-author tokens after it;
  title, container, URL and pages are the longest run of tokens with that label; each field is
  the text between its first and last token's characters. The CRF gives no dates (it only marks
  them), so dates, DOIs and archives are not compared here: the fields measured are title,
  authors, container, url and pages.
- Figures per field over the labelled values and over all entries (a null label counts: the
  field must be read as absent), and a check on the matrix itself (a fifth held out, by style)
  to see how much of the gap is the move from generated to real text.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
# bench/accuracy.py's scoring, loaded from beside this file (bench/ is scripts, not a package).
_spec = importlib.util.spec_from_file_location("bench_accuracy", BENCH / "accuracy.py")
assert _spec is not None and _spec.loader is not None
accuracy = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = accuracy  # its dataclasses look their module up by name
_spec.loader.exec_module(accuracy)

FIELDS = ("title", "authors", "container", "url", "pages")
_TOKEN = re.compile(
    r"https?://\S+?(?=[.,;:)\]」』]*(?:\s|$))|[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]|[^\W\d_]+|\d+|[^\w\s]",
    re.UNICODE,
)


def tokens(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text))


def _script(tok: str) -> str:
    ch = tok[0]
    if tok.startswith("http"):
        return "url"
    if ch.isdigit():
        return "digit"
    if "\u3040" <= ch <= "\u30ff":
        return "kana"
    if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff":
        return "cjk"
    if ch.isalpha():
        name = unicodedata.name(ch, "")
        return "cyr" if "CYRILLIC" in name else "lat"
    return "punct"


def _shape(tok: str) -> str:
    if tok.isdigit():
        return f"d{min(len(tok), 5)}"
    if tok.isalpha():
        if tok.isupper():
            return "A1" if len(tok) == 1 else "AA"
        if tok[0].isupper():
            return "Aa"
        return "aa"
    return tok if len(tok) == 1 else "x"


def features(toks: list[str]) -> list[dict[str, Any]]:
    n = len(toks)
    out = []
    for i, tok in enumerate(toks):
        low = tok.casefold()
        f: dict[str, Any] = {
            "bias": 1.0,
            "w": low if not tok.startswith("http") else "<url>",
            "shape": _shape(tok),
            "script": _script(tok),
            "len": min(len(tok), 8),
            "pre2": low[:2],
            "suf3": low[-3:],
            "pos": round(4 * i / max(n, 1)),
            "year": tok.isdigit() and len(tok) == 4 and tok[:2] in ("19", "20"),
        }
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                other = toks[j]
                f[f"{d}:w"] = other.casefold() if not other.startswith("http") else "<url>"
                f[f"{d}:shape"] = _shape(other)
                f[f"{d}:script"] = _script(other)
            else:
                f[f"{d}:edge"] = True
        out.append(f)
    return out


def _mark(labels: list[str], spans: list[tuple[int, int]], start: int, end: int, tag: str,
          begin: str | None = None) -> bool:  # fmt: skip
    idx = [k for k, (s, e) in enumerate(spans) if s >= start and e <= end and labels[k] == "O"]
    if not idx:
        return False
    for k in idx:
        labels[k] = tag
    if begin:
        labels[idx[0]] = begin
    return True


def labelled(row: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The tokens of a matrix string and their labels."""
    text, fields = row["text"], row["fields"]
    matches = tokens(text)
    spans = [m.span() for m in matches]
    labels = ["O"] * len(matches)
    low = text.casefold() if len(text.casefold()) == len(text) else text

    def find(value: str, after: int = 0) -> tuple[int, int] | None:
        v = value.casefold() if low is not text else value
        at = low.find(v, after)
        return (at, at + len(v)) if at >= 0 else None

    if fields.get("url") and (at := find(fields["url"])):
        _mark(labels, spans, *at, "url")
    cursor = 0
    for author in fields.get("authors") or []:
        if at := find(author, cursor):
            _mark(labels, spans, *at, "I-author", "B-author")
            cursor = at[1]
    for field in ("title", "container", "pages"):
        if fields.get(field) and (at := find(fields[field])):
            _mark(labels, spans, *at, field)
    for field in ("published", "accessed"):
        if fields.get(field):
            year = fields[field][:4]
            for k, m in enumerate(matches):
                if m.group(0) == year and labels[k] == "O":
                    labels[k] = "date"
    return [m.group(0) for m in matches], labels


def read_fields(text: str, labels: list[str]) -> dict[str, Any]:
    spans = [m.span() for m in tokens(text)]
    out: dict[str, Any] = {"authors": []}
    current: list[int] = []
    for k, lab in enumerate([*labels, "O"]):
        if current and lab != "I-author":
            out["authors"].append(text[spans[current[0]][0] : spans[current[-1]][1]])
            current = []
        if lab == "B-author" or (lab == "I-author" and not current):
            current = [k]
        elif lab == "I-author":
            current.append(k)
    for field in ("title", "container", "url", "pages"):
        runs: list[list[int]] = []
        for k, lab in enumerate(labels):
            if lab == field:
                if runs and runs[-1][-1] == k - 1:
                    runs[-1].append(k)
                else:
                    runs.append([k])
        if runs:
            best = max(runs, key=lambda r: spans[r[-1]][1] - spans[r[0]][0])
            out[field] = text[spans[best[0]][0] : spans[best[-1]][1]]
        else:
            out[field] = None
    return out


def matrix() -> list[dict[str, Any]]:
    return list(accuracy._jsonl(accuracy.STYLE_MATRIX))


def train(rows: list[dict[str, Any]], c1: float, c2: float, iterations: int) -> Any:
    import sklearn_crfsuite

    xs, ys = [], []
    for row in rows:
        toks, labels = labelled(row)
        xs.append(features(toks))
        ys.append(labels)
    crf = sklearn_crfsuite.CRF(
        algorithm="lbfgs", c1=c1, c2=c2, max_iterations=iterations, all_possible_transitions=True
    )
    crf.fit(xs, ys)
    return crf


def crf_scores(crf: Any, rows: list[dict[str, Any]]) -> dict[str, list[tuple[bool, bool]]]:
    """field -> [(labelled, right)] over ``rows``."""
    toks = [[m.group(0) for m in tokens(r["text"])] for r in rows]
    predicted = crf.predict([features(t) for t in toks])
    out: dict[str, list[tuple[bool, bool]]] = {f: [] for f in FIELDS}
    for row, labels in zip(rows, predicted, strict=True):
        got = read_fields(row["text"], list(labels))
        for field in FIELDS:
            if field in row["fields"]:
                want = row["fields"][field]
                out[field].append((bool(want), accuracy.same(field, want, got[field])))
    return out


def rule_scores(rows: Iterator[dict[str, Any]]) -> dict[str, list[tuple[bool, bool]]]:
    out: dict[str, list[tuple[bool, bool]]] = {f: [] for f in FIELDS}
    for o in accuracy.score_entries(rows):
        if o.field in out:
            out[o.field].append((o.labelled, o.right))
    return out


def _cell(pairs: list[tuple[bool, bool]], labelled_only: bool) -> str:
    sel = [right for lab, right in pairs if lab or not labelled_only]
    return accuracy._pct(sum(sel), len(sel))


def print_table(title: str, columns: dict[str, dict[str, list[tuple[bool, bool]]]]) -> None:
    print(f"## {title}\n")
    names = list(columns)
    head = " | ".join(f"{n} (labelled) | {n} (incl. null)" for n in names)
    print(f"| field | {head} |\n| --- |" + " ---: |" * (2 * len(names)))
    for field in FIELDS:
        cells = " | ".join(
            f"{_cell(columns[n][field], True)} | {_cell(columns[n][field], False)}" for n in names
        )
        print(f"| {field} | {cells} |")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--c1", type=float, default=0.05)
    parser.add_argument("--c2", type=float, default=0.05)
    parser.add_argument("--iterations", type=int, default=150)
    args = parser.parse_args()
    rows = matrix()
    real = list(accuracy.entries())

    # The matrix itself: every fifth string of each style held out.
    held = [r for i, r in enumerate(rows) if i % 5 == 0]
    fit = [r for i, r in enumerate(rows) if i % 5 != 0]
    crf = train(fit, args.c1, args.c2, args.iterations)
    print_table(
        f"Style matrix, a fifth held out ({len(held)} strings; CRF trained on {len(fit)})",
        {"rules": rule_scores(iter(held)), "CRF": crf_scores(crf, held)},
    )

    crf = train(rows, args.c1, args.c2, args.iterations)
    print_table(
        f"Real entries ({len(real)}; CRF trained on the whole matrix, {len(rows)} strings)",
        {"rules": rule_scores(iter(real)), "CRF": crf_scores(crf, real)},
    )


if __name__ == "__main__":
    main()
