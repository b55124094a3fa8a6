"""How well citecheck reads reference lists: field accuracy and whole documents.

    python bench/accuracy.py [--entries] [--documents] [--styles [--style NAME]] [--verbose]

- **Real entries** (``tests/data/corpus/reference-strings/*.jsonl``): 268 reference strings from
  public documents with hand-labelled fields. Each string goes through the one reference-text
  parser; every labelled field (a null label included: reading a URL that is not there is wrong
  too) is compared after the normalisation in :func:`same`. Printed per language × field.
- **Whole documents** (``tests/data/corpus/documents/``): 20 real documents with hand-counted
  reference lists. A document is *exact* when the parser finds exactly the labelled number of
  entries, with no label used twice within a list, and the document parses without an error.
- **Style matrix** (``tests/data/corpus/style-matrix.jsonl``, made by bench/stylematrix.py):
  ~2,900 references generated with citeproc-py in 18 CSL styles (GOST, GB/T 7714, SIST 02,
  IEEE, APA, Chicago, Vancouver, MLA, ISO 690, Harvard…) from zh, ru, uk, ja and en items, with
  the fields each rendering prints. Field accuracy per style × language × field, null labels
  included (a field the rendering does not print must be read as absent), compared with the
  same :func:`same`; then the goals the parser must reach on it, with pass/fail.

Nothing here touches the network. Figures, not pass/fail (but for the matrix's goal lines):
tests/parse/test_corpus.py holds the floors that must not regress.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
sys.path.insert(0, str(ROOT))

from citecheck.load import load  # noqa: E402
from citecheck.model import Reference  # noqa: E402
from citecheck.parse import ParseError, parse  # noqa: E402
from citecheck.parse.reftext import parse_reference_text  # noqa: E402

FIELDS = (
    "title",
    "authors",
    "container",
    "published",
    "accessed",
    "archived",
    "url",
    "archive_url",
    "doi",
    "pages",
)

_EDGE = " \t\"'“”„«»「」『』《》〈〉<>[]()（）【】.,;:。，；：、/"
_NAME_NOISE = re.compile(r"[\s.,·‧・]+")


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(unicodedata.normalize("NFKC", value).split()).strip(_EDGE)
    return value.casefold() or None


def _name(value: str) -> str:
    return _NAME_NOISE.sub("", unicodedata.normalize("NFKC", value)).casefold()


def predicted(ref: Reference, field: str) -> Any:
    """The parser's value of a labelled field, in the labels' shape."""
    if field == "container":
        return ref.publisher
    if field == "authors":
        return list(ref.authors)
    if field in ("published", "accessed", "archived"):
        date = getattr(ref, field)
        return date.iso() if date else None
    if field == "doi":
        for ident in ref.identifiers:
            if m := re.search(r"10\.\d{4,9}/\S+", ident):
                return m.group(0)
        return None
    return getattr(ref, field, None)


def same(field: str, want: Any, got: Any) -> bool:
    """Equal as a reader would judge: case, spacing, edge punctuation and quotes aside;
    author names compared without spaces and dots, in order; URLs exactly, but for a trailing
    full stop; DOIs case-insensitively."""
    if field == "authors":
        return [_name(a) for a in want or []] == [_name(a) for a in got or []]
    if field in ("url", "archive_url"):
        return (want or None) == ((got or "").rstrip(".") or None)
    if field == "doi":
        return (want or "").lower().rstrip(".") == (got or "").lower().rstrip(".")
    if field == "pages":
        norm = lambda v: re.sub(r"[\s–—−]", "-", v or "").strip("-") or None  # noqa: E731
        return norm(want) == norm(got)
    return _text(want) == _text(got)


@dataclass(frozen=True)
class Outcome:
    lang: str
    style: str
    field: str
    labelled: bool  # the label has a value (not null / empty)
    right: bool
    want: Any
    got: Any
    text: str


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


def entries() -> Iterator[dict[str, Any]]:
    for path in sorted((CORPUS / "reference-strings").glob("*.jsonl")):
        yield from _jsonl(path)


def score_entries(rows: Iterator[dict[str, Any]] | None = None) -> list[Outcome]:
    out = []
    for i, row in enumerate(entries() if rows is None else rows):
        ref = parse_reference_text(row["text"], label=str(i + 1), line=1)
        for field in FIELDS:
            if field not in row["fields"]:
                continue
            want = row["fields"][field]
            got = predicted(ref, field)
            out.append(
                Outcome(
                    row["lang"],
                    row["style"],
                    field,
                    bool(want),
                    same(field, want, got),
                    want,
                    got,
                    row["text"],
                )
            )
    return out


def _pct(right: int, total: int) -> str:
    return f"{100 * right / total:5.1f}% ({right}/{total})" if total else "    -"


def print_entries(outcomes: list[Outcome], verbose: bool) -> None:
    print("## Real entries: field accuracy (labelled values; all fields incl. null labels)\n")
    langs = sorted({o.lang for o in outcomes})
    print("| field | " + " | ".join(langs) + " | all (labelled) | all (incl. null) |")
    print("| --- |" + " ---: |" * (len(langs) + 2))
    for field in FIELDS:
        cells = []
        for lang in langs:
            sel = [o for o in outcomes if o.field == field and o.lang == lang and o.labelled]
            cells.append(_pct(sum(o.right for o in sel), len(sel)))
        lab = [o for o in outcomes if o.field == field and o.labelled]
        every = [o for o in outcomes if o.field == field]
        cells.append(_pct(sum(o.right for o in lab), len(lab)))
        cells.append(_pct(sum(o.right for o in every), len(every)))
        print(f"| {field} | " + " | ".join(cells) + " |")
    lab = [o for o in outcomes if o.labelled]
    print(f"\nall labelled fields: {_pct(sum(o.right for o in lab), len(lab))}")
    print(f"all fields incl. null labels: {_pct(sum(o.right for o in outcomes), len(outcomes))}")
    by_style: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_style[f"{o.lang} {o.style}"].append(o)
    print("\n| language style | labelled fields right |\n| --- | ---: |")
    for key in sorted(by_style):
        sel = [o for o in by_style[key] if o.labelled]
        print(f"| {key} | {_pct(sum(o.right for o in sel), len(sel))} |")
    if verbose:
        print("\n### Wrong\n")
        for o in outcomes:
            if not o.right:
                print(f"- {o.lang} {o.field}: want {o.want!r} got {o.got!r}\n  {o.text}")


@dataclass(frozen=True)
class DocumentResult:
    file: str
    want: int
    got: int | None  # None: the document did not parse
    exact: bool
    note: str


def score_documents() -> list[DocumentResult]:
    base = CORPUS / "documents"
    out = []
    for item in json.loads((base / "index.json").read_text(encoding="utf-8")):
        want = item["references"]
        try:
            article = parse(load(str(base / item["file"])))
        except ParseError as exc:
            out.append(DocumentResult(item["file"], want, None, False, str(exc)))
            continue
        labels = [r.label for r in article.references]
        repeated = [k for k, n in Counter(labels).items() if n > 1]
        # Two lists (e.g. Works Cited, then References) each number from 1.
        lists = len(item.get("lists") or [None])
        twice_ok = lists > 1 and all(n <= lists for n in Counter(labels).values())
        exact = len(labels) == want and (not repeated or twice_ok)
        note = "" if exact else f"labels {','.join(labels[:40])}"
        out.append(DocumentResult(item["file"], want, len(labels), exact, note))
    return out


def print_documents(results: list[DocumentResult], verbose: bool) -> None:
    print("## Whole documents: exact reference list\n")
    print("| document | labelled | read | exact |\n| --- | ---: | ---: | --- |")
    for r in results:
        got = "error" if r.got is None else str(r.got)
        print(f"| {r.file} | {r.want} | {got} | {'yes' if r.exact else 'no'} |")
        if verbose and r.note:
            print(f"|  | | | {r.note[:200]} |")
    exact = sum(r.exact for r in results)
    errors = sum(r.got is None for r in results)
    print(f"\nexact: {exact}/{len(results)}; no list read (error): {errors}")


STYLE_MATRIX = CORPUS / "style-matrix.jsonl"
# field -> share of the matrix's strings (null labels included) the parser must read right.
# "published" is judged by its year alone.
GOALS = {"url": 0.97, "accessed": 0.97, "published": 0.97, "title": 0.95, "authors": 0.90}


def _year(value: Any) -> str | None:
    return str(value)[:4] if value else None


def score_styles(only: str | None = None) -> list[Outcome]:
    """The matrix's outcomes; ``only``: the styles whose name holds it (case-insensitive)."""
    rows = _jsonl(STYLE_MATRIX)
    if only:
        rows = (r for r in rows if only.lower() in r["style"].lower())
    return score_entries(rows)


def print_styles(outcomes: list[Outcome], verbose: bool, only: str | None = None) -> None:
    print("## Style matrix: field accuracy per style × language (all strings, null labels incl.)\n")
    print(
        "Cells: % right (a rendering that does not print a field counts too: the parser must "
        "then read it as absent). n: strings.\n"
    )
    cells: dict[tuple[str, str, str], list[Outcome]] = defaultdict(list)
    for o in outcomes:
        cells[(o.style, o.lang, o.field)].append(o)
    keys = sorted({(o.style, o.lang) for o in outcomes})
    print("| style | lang | n | " + " | ".join(FIELDS) + " |")
    print("| --- | --- | ---: |" + " ---: |" * len(FIELDS))
    for style, lang in keys:
        row = []
        for field in FIELDS:
            sel = cells[(style, lang, field)]
            row.append(f"{100 * sum(o.right for o in sel) / len(sel):.0f}" if sel else "-")
        n = len(cells[(style, lang, "title")])
        print(f"| {style} | {lang} | {n} | " + " | ".join(row) + " |")
    print("\n| field | all (incl. null) | labelled | " + " | ".join(LANGS_ORDER) + " |")
    print("| --- | ---: | ---: |" + " ---: |" * len(LANGS_ORDER))
    for field in FIELDS:
        every = [o for o in outcomes if o.field == field]
        lab = [o for o in every if o.labelled]
        by_lang = [
            _pct(sum(o.right for o in every if o.lang == x), sum(o.lang == x for o in every))
            for x in LANGS_ORDER
        ]
        print(
            f"| {field} | {_pct(sum(o.right for o in every), len(every))} "
            f"| {_pct(sum(o.right for o in lab), len(lab))} | " + " | ".join(by_lang) + " |"
        )
    print("\n### Goals on the style matrix (all strings, null labels included)\n")
    for field, goal in GOALS.items():
        sel = [o for o in outcomes if o.field == field]
        if field == "published":
            right = sum(_year(o.want) == _year(o.got) for o in sel)
            name = "published year"
        else:
            right, name = sum(o.right for o in sel), field
        share = right / len(sel) if sel else 0.0
        verdict = "pass" if share >= goal else "FAIL"
        print(f"- {name} >= {100 * goal:.0f}%: {_pct(right, len(sel)).strip()} {verdict}")
    if verbose:
        _print_wrong_styles(outcomes, only)


def _print_wrong_styles(outcomes: list[Outcome], only: str | None, per_style: int = 40) -> None:
    """The wrong fields of each style (first ``per_style``), with the string they came from."""
    print(f"\n### Wrong fields per style (first {per_style} of each)\n")
    by_style: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        if not o.right:
            by_style[o.style].append(o)
    for style in sorted(by_style):
        wrong = by_style[style]
        counts = ", ".join(
            f"{field} {sum(o.field == field for o in wrong)}"
            for field in FIELDS
            if any(o.field == field for o in wrong)
        )
        print(f"#### {style}: {len(wrong)} wrong ({counts})\n")
        for o in wrong[:per_style]:
            print(f"- {o.lang} {o.field}: want {o.want!r} got {o.got!r}\n  {o.text}")
        print()


LANGS_ORDER = ("zh", "ru", "uk", "ja", "en")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", action="store_true", help="real entries only")
    parser.add_argument("--documents", action="store_true", help="whole documents only")
    parser.add_argument("--styles", action="store_true", help="style matrix only")
    parser.add_argument("-v", "--verbose", action="store_true", help="list what is wrong")
    parser.add_argument(
        "--style", metavar="NAME", help="style matrix: only the styles whose name holds NAME"
    )
    args = parser.parse_args()
    both = not (args.entries or args.documents or args.styles)
    if args.entries or both:
        print_entries(score_entries(), args.verbose)
        print()
    if args.documents or both:
        print_documents(score_documents(), args.verbose)
    if args.styles or both:
        if args.documents or both:
            print()
        print_styles(score_styles(args.style), args.verbose, args.style)


if __name__ == "__main__":
    main()
