"""Japanese academic and book styles, SIST 02, and the zh footnotes written after them.

    著者『書名』出版社, 2017.
    阿萬 裕久, 「論文名」 『誌名』 28 巻, 3 号, p. 3-28, 2011
    松原雅文 山田敬三. 書名. 森北出版. 2021.
    tsudaryo1715. "記事名". Qiita. 2022. https://… (参照 2025-05-03)
    大川内隆郎, 大原竜男, 書名, 技術評論社, 2017.
    qyb, 《标题》, V2EX, 2018-09-20. (参照 2022-08-10).

The title is the first bracketed span (「」, 『』, 《》 or quotes); a 『』 after a 「」 title is the
journal. Without brackets the pieces are positional: authors, title, publisher, year. Names
before the title end at a full stop, a colon or the bracket; roles (著, 編, 監修) mark them.
"""

from __future__ import annotations

import re

from citecheck.model import PartialDate
from citecheck.parse.styles.common import (
    Fields,
    clean,
    covers,
    only_date,
    plausible_names,
    split_names,
    split_outside,
)
from citecheck.parse.styles.wiki import take_authors

NAME = "Japanese academic / SIST 02"
BRACKETED_ACCESS = True
PAREN_DATES = False

_OPEN = "「『《“\"'"
_CLOSE = {"「": "」", "『": "』", "《": "》", "“": "”", '"': '"', "'": "'"}
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# Roles after a name: 著/原著 (author), 編/主编 (editor), 監修 (supervisor), 訳/翻譯 (translator).
_ROLE = re.compile(
    r"\s*[（(]?\s*(原著|共著|編著|编著|主編|主编|監修|監訳|翻譯|翻译|著|編|编|訳|譯|译)\s*[)）]?\s*"
)
_AUTHOR_ROLES = {"著", "原著", "共著", "編著", "编著"}
_EDITOR_ROLES = {"編", "编", "主編", "主编"}
_YEAR_AFTER_NAME = re.compile(r"\s*[（(]\s*(\d{4})\s*年?\s*[)）]\s*$")
# Volume, issue and count pieces of the imprint: 28 巻, 3 号, 304ページ, B5変形判, 575.
_SKIP = re.compile(
    r"\d+\s*(?:巻|号|ページ|頁|p|pp)?|.*判|vol\.?.*|no\.?.*|第.*[版刷]|\[.*\]|［.*］"
)
_PUBLISHER_TAIL = re.compile(r"^(.+?)\s+(\S+(?:出版|社|書店|書房|プレス|Press|出版社|株式会社))$")
_EDITION = re.compile(r"\s*[\[［][^\]］]*版[\]］]$")
_SENTENCE = re.compile(
    r"\.\s+|(?<=[\u3040-\u30ff\u3400-\u9fff])\.|\.(?=[\u3040-\u30ff\u3400-\u9fff])"
)
# SIST 02 book: "松原雅文 山田敬三. 書名. 出版社. 2021." or "…. 書名. 東京: 出版社, 2015.", four
# parts where zh CS1's "Title. Publisher. 2023." has three (and its access date in brackets).
_SIST_BOOK = re.compile(
    r"[\u3400-\u9fff]{2,5}(?:[ ，、,]\s?[\u3400-\u9fff]{2,5})*(?:\.\s[^.]+){2,}(?<!\d)[.,]\s"
    r"(?:1[5-9]|20)\d\d\.?$"
)
_HIRAGANA = re.compile(r"[\u3041-\u309f]")
_PLACE_BEFORE = re.compile(r"^[^:：]{1,12}[:：]\s*(?=\S)")
# Names a sentence of their own may be: Vancouver's initials without dots ("Gray CH, Mercado AM",
# "Федоров ЯБ", as the Igaku Toshokan style prints them) and Japanese family and given names
# apart by a space, the given one perhaps in kana ("橋本 さゆり").
_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ"
_INITIALLED = rf"[{_UPPER}][^\W\d_]+(?:[-'’ʼ][{_UPPER}]?[^\W\d_]+)? [{_UPPER}]{{1,3}}"
_INITIALLED_NAMES = re.compile(rf"{_INITIALLED}(?:, {_INITIALLED})*(?:, et al)?")
_JA_NAME = r"[\u3005\u3400-\u9fff]{1,4} [\u3005\u3040-\u30ff\u3400-\u9fff]{1,4}"
_JA_NAMES = re.compile(rf"{_JA_NAME}(?:, {_JA_NAME})*(?:, 他)?")
# Igaku Toshokan's chapter: "Names. Title. Editor, 編集者. Book. 2011. ページ 276–99."
_EDITED_BY = re.compile(r"\.\s([^.]+?),\s?編集者\.\s")
_PAGES_WORD = re.compile(r"(?:^|\.\s)ページ\s?(\d+(?:\s?[–-]\s?\d+)?)\.?$")
_COLON = re.compile(r"\s*(?:：|(?<=[\u3040-\u30ff\u3400-\u9fff]):)\s*")


def detect(text: str) -> float:
    if "参照" in text or "入手先" in text or "編集者" in text:  # SIST 02's own words
        return 0.95
    if "『" in text or ("《" in text and _opens_field(text, text.index("《"))):
        return 0.8
    if "「" in text and "“" not in text and _opens_field(text, text.index("「")):
        return 0.75
    if _CJK.match(text) and "[" not in text and _SIST_BOOK.match(text):
        return 0.5
    # 著者, 書名, 出版社, 2017: commas only, where zh CS1 would write full stops.
    body = text.rstrip(" .．")
    closed = body.rstrip(")）")  # "玉置 編, 書名 (オーム社, 2005)"
    commas = body.count(",") + body.count("，")
    if _CJK.search(text) and closed[-1:].isdigit() and commas >= 2 and ". " not in body:
        return 0.5
    return 0.0


def read(text: str, *, zh: bool = False) -> Fields:
    text = text.strip(" .。．")
    if "編集者" in text and (edited := _read_chapter(text)):
        return edited
    span = _title_span(text)
    if span is None:
        return _read_positional(text)
    start, end = span
    title = clean(text[start + 1 : end - 1].strip(" ,"))
    head, tail = text[:start], text[end:]
    authors, published = _names(head)
    container: str | None = None
    # 「論文」『誌名』: the journal follows the article's title.
    if text[start] == "「" and (inner := _title_span(tail)) and tail[inner[0]] == "『":
        container = clean(tail[inner[0] + 1 : inner[1] - 1])
        tail = tail[inner[1] :]
    # "陆游《诗名》：风卷江湖…": a quotation follows the title, not an imprint.
    more, date = (None, None) if tail.lstrip()[:1] in ":：" else _imprint(tail)
    return Fields(authors, title, container or more, published or date)


def _read_chapter(text: str) -> Fields | None:
    """``Names. Title. Editor, 編集者. Book. 2011. ページ 276–99``: the book after its editor."""
    m = _EDITED_BY.search(text)
    if m is None:
        return None
    head = [p for p in _SENTENCE.split(text[: m.start()]) if p.strip(" .")]
    authors = _lead_names(head[0]) if len(head) >= 2 else ()
    title = ". ".join(head[1:] if authors else head)
    tail = text[m.end() :]
    pages = None
    if found := _PAGES_WORD.search(tail):
        pages, tail = found.group(1), tail[: found.start()]
    book, _, date = tail.rpartition(". ")
    published = only_date(date)
    if published is None:
        book = tail
    return Fields(authors, clean(title), clean(book), published, pages)


def _lead_names(sentence: str) -> tuple[str, ...]:
    """The names when a whole sentence is a list of them (Latin and Cyrillic initials, CJK
    names); hiragana otherwise writes a title ("猫の研究"), as does a long run of characters."""
    sentence = sentence.strip(" .,")
    if _INITIALLED_NAMES.fullmatch(sentence):
        return split_names(sentence)
    if not _CJK.search(sentence):
        return ()
    if _HIRAGANA.search(sentence) and not _JA_NAMES.fullmatch(sentence):
        return ()
    names = _names(sentence)[0]
    # A CJK name is a few characters; a long run is a title ("继续电影工程经营那个").
    return () if any(len(n.replace(" ", "")) > 8 for n in names) else names


def _title_span(text: str) -> tuple[int, int] | None:
    """Where the first bracketed title starts and ends, nested 「」 included."""
    for i, ch in enumerate(text):
        if ch not in _OPEN or not _opens_field(text, i):
            continue
        close, depth = _CLOSE[ch], 0
        for j in range(i + 1, len(text)):
            if text[j] == ch and ch != close:
                depth += 1
            elif text[j] == close:
                if depth == 0:
                    return i, j + 1
                depth -= 1
        return None
    return None


def _opens_field(text: str, i: int) -> bool:
    """Whether the bracket at ``i`` opens a field rather than quoting inside running text:
    "全死於「貓殺」" and "是知《爾雅》" quote; "GitHub「ブランチ」" and "村山公保『書名』" name."""
    before = text[i - 1] if i else " "
    if text[i] == "'":
        return not before.isalnum()  # an apostrophe, not a quote
    return text[i] not in "「《" or not _CJK.match(before)


def _names(head: str) -> tuple[tuple[str, ...], PartialDate | None]:
    """Authors before the title, and a year written after them: すぽてくブログ(2022)."""
    head = head.strip(" .,，、:：")
    published = None
    if m := _YEAR_AFTER_NAME.search(head):
        published, head = only_date(m.group(1)), head[: m.start()]
    if not head:
        return (), published
    authors: list[str] = []
    editors: list[str] = []
    pos = 0
    for m in _ROLE.finditer(head):
        # "馬敘倫. 李圃, 编": the names before the last full stop are the authors'.
        *before, named = re.split(r"\.\s+", head[pos : m.start()].strip(" .,，、"))
        authors.extend(n for b in before for n in split_names(b))
        if m.group(1) in _AUTHOR_ROLES:
            authors.extend(split_names(named))
        elif m.group(1) in _EDITOR_ROLES:
            editors.extend(split_names(named))
        pos = m.end()
    if pos:
        # The editors stand for the authors only when no one else is named (玉置 編, 書名).
        names = tuple(authors or editors) + split_names(head[pos:])
    elif (listed := take_authors(head + ". x")[0]) and covers(listed, head):
        # "Белозерова, В. Г., Гаврилова, Н. Г.": names that carry their own commas.
        names = listed
    else:
        names = split_names(head)
        # "松原雅文 山田敬三": full CJK names apart by a space; "武内 覚" is one name.
        if len(names) == 1 and all(len(p) >= 3 and _CJK.match(p) for p in names[0].split()):
            names = tuple(names[0].split())
    return (names if plausible_names(names) else ()), published


def _imprint(tail: str) -> tuple[str | None, PartialDate | None]:
    """Publisher (or site) and date from the pieces after the title."""
    container: str | None = None
    named = False  # the first name-like piece is the publisher's, or no piece is
    published = None
    tail = tail.strip(" .,，、。")
    # "『書名』(技術評論社, 2022)": the imprint in brackets reads as if it had none.
    if tail[:1] in "(（":
        tail = tail[1:].rstrip(")）")
    for piece in split_outside(tail, ",，、"):
        for part in _SENTENCE.split(piece):
            part = _unwrap(part.strip(" .。．"))
            if not part:
                continue
            if date := only_date(re.sub(r":\s*[\d–-]+$", "", part)):  # "2013-07: 50"
                published = published or date
            elif not named and not _SKIP.fullmatch(part):
                named = True
                container = clean(part) if _balanced(part) else None
    return container, published


def _unwrap(part: str) -> str:
    return part[1:-1] if part[:1] in "(（" and part[-1:] in ")）" else part


def _balanced(part: str) -> bool:
    """No stray quote or bracket: "德）瓦尔特" is what is left of "（德）瓦尔特", not a name."""
    return '"' not in part and part.count("(") + part.count("（") == part.count(")") + part.count(
        "）"
    )


def _read_positional(text: str) -> Fields:
    """Bracketless: ``Authors: Title, Publisher, Year`` or ``Author. Title. Publisher, Year``."""
    published = None
    # "…AI gateway (CNCF ブログ, 2026-03-25)": the work and its date in closing brackets.
    m = re.search(r"\s*[(（]([^()（）]*?)[,，]\s*([^(),（）]+?)[)）]$", text)
    if m and (date := only_date(m.group(2))):
        text, published = f"{text[: m.start()]}, {m.group(1)}", date
    authors: tuple[str, ...] = ()
    # "Peters, S., Cooper, P. D. Title. 2013.": initials would split the sentences.
    if not _CJK.match(text) and (listed := take_authors(text))[0]:
        authors, text = listed
    sentences = [s for s in _SENTENCE.split(text) if s.strip(" .,，")]
    colon = None
    if len(sentences) < 3:
        colon = _COLON.search(text)
    # "Title: Subtitle. Publisher": the colon is the title's when a sentence follows it alone.
    if colon and len(sentences) == 2 and colon.start() < len(sentences[0]):
        after = text[colon.end() :]
        colon = colon if "," in after or "，" in after else None
    # "中村 晃 and 山崎 陽子, 書名: 副題, 有斐閣": a colon after more than names is the title's.
    if colon and _CJK.search(before := text[: colon.start()]) and not _lead_names(before):
        colon = None
    if colon:
        authors = split_names(text[: colon.start()])
        rest = split_outside(text[colon.end() :], ",，、")
    elif authors:
        rest = [sentences[0], *split_outside(". ".join(sentences[1:]), ",，、.")]
    elif len(sentences) >= 3:
        # SIST 02: Author. Title. Publisher, Year. Hiragana ("猫の研究") writes a title, not a
        # name; nor does a long sentence: the entry then starts with its title.
        # Full names were read above (take_authors); here CJK ones and bare initials.
        authors = _lead_names(sentences[0])
        if not authors:
            sentences = ["", *sentences]
        rest = [sentences[1], *split_outside(". ".join(sentences[2:]), ",，、.")]
    elif len(sentences) == 2 and "," not in sentences[0] and "，" not in sentences[0]:
        rest = sentences  # "Title. Publisher."
    else:
        rest = split_outside(text, ",，、")
    while rest and ((date := only_date(rest[-1])) or _count(rest[-1])):
        published = published or date
        rest.pop()
    container = None
    if len(rest) >= 2:
        # "北京: 高等教育出版社": the place before a publisher is not its name.
        container = clean(_PLACE_BEFORE.sub("", rest.pop()))
    if not colon and len(sentences) < 3 and len(rest) >= 2:
        authors = _names(", ".join(rest[:-1]))[0]
        rest = rest[-1:]
    title = clean(", ".join(rest)) if rest else None
    if title and container is None and (m := _PUBLISHER_TAIL.match(title)):
        title, container = m.group(1), m.group(2)
    if title:
        title = _EDITION.sub("", title)
    if not plausible_names(authors):
        authors = ()
    return Fields(authors, clean(title), container, published)


def _count(piece: str) -> bool:
    """A page count or number closing a book entry: "575", "304ページ"."""
    return bool(re.fullmatch(r"\d{1,4}\s*(?:ページ|頁|p\.?)?", piece.strip(" .")))
