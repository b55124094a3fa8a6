"""GOST R 7.0.5-2008, GOST R 7.0.100-2018, GOST 7.1 and DSTU 8302:2015 (ru/uk library styles).

    Иванов И. И. Заглавие : сведения к заглавию / И. И. Иванов, П. П. Петров. — М. : Наука, 2019.
    Иванов И. И. Статья // Журнал. — 2020. — № 3. — С. 5–10.
    Хміль І. О. Стаття. Вісник університету. Запоріжжя, 2016. № 3. С. 20–27.   (DSTU, no dashes)
    Sommerville I. Software Engineering. 10th ed. Boston : Pearson, 2015. 816 p.

Areas are set apart by ``. — `` (or only ``. `` in DSTU 8302); `` // `` introduces the host
document, `` / `` the statement of responsibility, `` : `` other title information, and
``Place : Publisher, Year`` the imprint. The heading's names are ``Surname I. I.``; when the
statement of responsibility lists ``I. I. Surname``, those are the full list of authors.
"""

from __future__ import annotations

import re

from citecheck.model import PartialDate
from citecheck.parse.dates import DATE_PATTERN, parse_date
from citecheck.parse.styles.common import (
    IMPRINT,
    YEAR,
    Fields,
    cjk_names,
    clean,
    date_of,
    is_place,
    only_date,
    split_names,
)
from citecheck.parse.styles.wiki import take_authors

NAME = "GOST / DSTU"
BRACKETED_ACCESS = False
PAREN_DATES = True

_UP = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐ"
_LOW = "a-zß-öø-ÿā-žа-яёіїєґ'’ʼ"
_INIT = rf"[{_UP}]\.(?:\s?-?[{_UP}]\.){{0,2}}"
_SURNAME = rf"[{_UP}][{_LOW}]+(?:-[{_UP}]?[{_LOW}]+)?"
# Heading names: "Иванов И. И.", "Бершадский, И. А.", "Jang J.-S. R.", "Lewis P., … et al."
_HEADING_NAME = rf"{_SURNAME},? {_INIT}"
_HEADING = re.compile(
    rf"((?:{_HEADING_NAME},\s?)*{_HEADING_NAME})(?:,?\s(?:et al\.|и др\.|та ін\.))?\s+"
)
_HEADING_NAMES = re.compile(_HEADING_NAME)
_ET_AL_END = re.compile(r"\s(?:и др|та ін|et al)\.?$")
# CJK names before the title with only a space between (Uspekhi Gerontologii): "山口 真綾, 藤原
# 花子 Title", "郑丽华, 王兰英 Title"; Japanese names carry their own space, Chinese ones none.
_HAN = "\u3005\u3400-\u9fff"
_JA_NAME = rf"[{_HAN}]{{1,4}} [{_HAN}\u3040-\u30ff]{{1,4}}"
_SPACED_CJK_HEAD = re.compile(
    rf"({_JA_NAME}(?:, {_JA_NAME})*|[{_HAN}]{{2,4}}(?:, [{_HAN}]{{2,4}})+|[{_HAN}]{{2,3}})"
    rf"(?:,? (?:и др|et al)\.)? (?=[^\s,/].)"
)
# Responsibility names: "И. А. Бершадский", "Andreas M. Antonopoulos", "Gavin Wood".
_RESP_NAME = re.compile(
    rf"(?:{_INIT}\s?{_SURNAME}|[{_UP}][{_LOW}]+(?: [{_UP}]\.| [{_UP}][{_LOW}]+)? {_SURNAME})"
)
# One name, given name first, before the title (ruwiki renders GOST so): "Dirk Merkel. Title".
_GIVEN_FIRST = re.compile(rf"[{_UP}][{_LOW}]+(?: [{_UP}]\.| [{_UP}][{_LOW}]+)? {_SURNAME}")
# Words that make a two-word head a title or a body, not a person: "Redis Documentation".
_NOT_PERSON = re.compile(
    r"\b(?:Documentation|Docs|Guide|Manual|Handbook|Reference|Tutorials?|Specification|Blog"
    r"|News|Project|Foundation|Group|Team|Inc|Ltd|Corporation|University|Institute|Society"
    r"|Press|Journal|Wiki|Install|Getting|Started|Introduction|Overview|Docker|Linux)\b"
    r"|України|России|Украины"
)
# Other title information that is a kind of document, not part of the title: "…: навч. посіб.",
# "…: монографія", "…: дис. …", "…: Закон України від …".
_GENRE = re.compile(
    r"\s?:\s(?=(?:навч|учеб|посіб|пособ|монограф|дис|автореф|доклад|матер|зб|сб|довід|справоч"
    r"|слов|енцикл|підруч|учебник|Закон|закон|Указ|Постанова|Федеральный)[\w.]*)"
)
_LAW_DATE = re.compile(
    rf"(?:Закон|закон|Указ|Постанова|постанов\w+)[^.,]*?\s(?:від|от)\s({DATE_PATTERN})"
)
# The host's own responsibility ends its title: "// Book / под ред. И. И. Иванова. М.: …".
_HOST_END = re.compile(r"\s[—–/]\s|\.\s+(?=\[?\d{4}|URL|[—–])|:\s*\[[^\]]*\]|\s(?:URL|Режим)\b")
_EDITION = re.compile(r"\d+(?:st|nd|rd|th|-е|-ге|-тє)?\s?(?:ed|изд|вид)\b\.?.*|\d+\s?[сp]\.?", re.I)
# Areas: ". — " in GOST, ". " alone in DSTU 8302 and GOST 7.0.5 without dashes.
_AREA = re.compile(r"\.\s+[—–]\s+|\.\s+|^[—–]\s+")
# The statement of responsibility ends at the next area: a full stop after a word, not after
# an initial ("/ Л. І. Перхоменко. Київ : …").
_RESP_END = re.compile(rf"\.\s+[—–]\s+|(?<=[{_LOW}])\.\s+|\s[—–]\s")
_GIVEN_FIRST_LIST = re.compile(
    rf"((?:[{_UP}][{_LOW}]+(?: [{_UP}]\.| [{_UP}][{_LOW}]+)? {_SURNAME}; )+"
    rf"[{_UP}][{_LOW}]+(?: [{_UP}]\.| [{_UP}][{_LOW}]+)? {_SURNAME})\.\s+"
)
# A year as its own sentence, not a date's end ("Accessed 22 Dec. 2025.").
_YEAR_SENTENCE = re.compile(
    r"(?<!Jan)(?<!Feb)(?<!Mar)(?<!Apr)(?<!Jun)(?<!Jul)(?<!Aug)(?<!Sep)"
    r"(?<!Sept)(?<!Oct)(?<!Nov)(?<!Dec)\.\s\d{4}\."
)
_HOST_EDITORS = re.compile(r"^[^()]{1,200}?\((?:eds?|ред|éd|Hrsg)\.\),\s")
# ISO 690's heading names: "ЖУРАВЛЕВ, Рюрик Устинович", "SMITH, John".
_ISO_NAME = re.compile(rf"[{_UP}][{_UP}'’ʼ-]+, [{_UP}].*")
_SITE = re.compile(r"\s*:\s*\[[^\]]*\]")
_TRAILING_NAMES = re.compile(r"^(?P<head>.+?)\s[–—]\s+(?P<names>[^–—]+?)(?:\s[–—](?:\s.*)?)?$")


def detect(text: str) -> float:
    if " // " in text or "[Электронный ресурс]" in text or "[Електронний ресурс]" in text:
        return 0.9
    # ruwiki also writes "(дата обращения: …)"; GOST and DSTU announce the URL as well.
    if "Режим доступу" in text or (
        "URL" in text and ("(дата обращения" in text or "(дата звернення" in text)
    ):
        return 0.8
    if ". — " in text or ". – " in text:
        return 0.6
    if (" : " in text or " / " in text) and IMPRINT.search(text):
        return 0.6
    if _HEADING.match(text) and (_YEAR_SENTENCE.search(text) or IMPRINT.search(text)):
        return 0.4
    # "山田 健一, 石井 治. Title. 東京: 有斐閣, 2017.": CJK names, then a book's imprint.
    head, stop, _ = text.partition(". ")
    if stop and ":" in text and cjk_names(head):
        last = text.rstrip(" .").rpartition(". ")[2]
        if (m := IMPRINT.match(last)) and m.end() == len(last):
            return 0.4
    return 0.0


def read(text: str, *, zh: bool = False) -> Fields:
    text = text.strip(" .")
    if " // " not in text and (named := _read_trailing_names(text)):
        return named
    body, _, host = text.partition(" // ")
    if not host and " In : " in text:
        # ISO 690's host, with its editors first: ". In : EDITOR, Name (ed.), Book. Place : …".
        body, _, host = text.partition(" In : ")
        host = _HOST_EDITORS.sub("", host)
    container: str | None = None
    published: PartialDate | None = None
    place_only = False
    if host:
        m = _HOST_END.search(host)
        end = m.start() if m else len(host)
        # "Book. Place : Publisher, 2019": the host's title ends where its imprint starts.
        if (imprint := IMPRINT.search(host, 0, end + 1)) and host[: imprint.start()].strip():
            end = imprint.start()
            # "Book. Cambridge, MA : MIT Press": the place's first part stays behind the comma.
            if host[:end].rstrip().endswith(",") and ". " in host[:end]:
                end = host.rfind(". ", 0, end)
        container = clean(_SITE.sub("", host[:end]))
        rest = host[end:]
        imprint = IMPRINT.search(rest)
        published = parse_date(imprint.group("date")) if imprint else _year(rest)
    else:
        body, container, published, place_only = _imprint(body)
    main, _, resp = body.partition(" / ")
    resp = _RESP_END.split(resp, maxsplit=1)[0]
    authors, title = _heading(main)
    if resp and (names := _resp_names(resp)):
        authors = names
    areas = [a for a in _AREA.split(title) if a.strip(" .") and not _EDITION.fullmatch(a)]
    title = ". ".join(areas)
    if not host and len(areas) >= 2 and container is None:
        if published is None:
            title, container, published = _journal_without_dashes(areas, bool(authors))
        elif place_only and authors:
            # "Стаття. Вісник університету. Запоріжжя, 2016" or "Title. Journal. 2010. Vol. 14":
            # the journal's name, then where or when.
            title, container = areas[0], ". ".join(areas[1:])
    if title and (cut := _GENRE.search(title)):
        published = published or _law_date(title[cut.end() :])
        title = title[: cut.start()]
    if title and " : " in title:
        title, _, info = title.partition(" : ")
        published = published or _law_date(info)
    return Fields(authors, clean(title), clean(container), published)


def _imprint(text: str) -> tuple[str, str | None, PartialDate | None, bool]:
    """The text before the imprint, the publisher, the year, and whether no publisher was
    given (``Одеса, 2022``, ``. 2010.``); or the text as it was."""
    if m := IMPRINT.search(text):
        before = text[: m.start()].rstrip(" .—–")
        # "Cambridge, MA: MIT Press": the place's first part stays behind the comma.
        # "Title / 杨海燕, 北京: …": the responsibility's comma, not the place's.
        if before.endswith(",") and " / " not in before[before.rfind(". ") + 1 :]:
            before = before[: max(before.rfind(". "), 0)]
        return before, m.group("publisher"), parse_date(m["date"]), False
    areas = _AREA.split(text)
    for i, area in enumerate(areas):
        if i and (date := only_date(area)):
            return ". ".join(areas[:i]), None, date, True
        # "— O'Reilly Media, 2017", "VMware, Inc., 2024" or "Одеса, 2022": then the year.
        publisher, _, year = area.rpartition(", ")
        if i and publisher and (date := only_date(year)) and not _EDITION.fullmatch(area):
            before = ". ".join(areas[:i])
            if is_place(publisher):
                return before, None, date, True
            # "RFC 7519, Internet Engineering Task Force": the last name is the publisher's.
            pieces = publisher.split(", ")
            keep = 2 if re.fullmatch(r"(?:Inc|LLC|Ltd|Co)\.?", pieces[-1]) else 1
            return before, ", ".join(pieces[-keep:]), date, False
    return text, None, None, False


def _heading(main: str) -> tuple[tuple[str, ...], str]:
    """The heading's authors and the title after them."""
    main = main.strip(" .")
    if m := _GIVEN_FIRST_LIST.match(main + " "):
        return tuple(m.group(1).split("; ")), main[m.end() :].strip(" .")
    if m := _HEADING.match(main + " "):
        rest = main[m.end() :].strip(" .")
        if rest:
            names = tuple(n.group(0).rstrip(",") for n in _HEADING_NAMES.finditer(m.group(1)))
            return names, rest
    if (listed := take_authors(main))[0] and all(_ISO_NAME.fullmatch(n) for n in listed[0]):
        return listed
    areas = [a for a in _AREA.split(main) if a.strip(" .")]
    if len(areas) == 1 and (m := _SPACED_CJK_HEAD.match(main)):
        return tuple(m.group(1).split(", ")), main[m.end() :]
    # "山口 里佳, 佐々木 桃子. Title", "蔡斌 и др. Title".
    if len(areas) >= 2 and (names := cjk_names(_ET_AL_END.sub("", areas[0]))):
        return names, ". ".join(areas[1:])
    # A lone capital is the place's abbreviation: "Chmod. [Электронный ресурс]. М."
    areas = [a for a in areas if not re.fullmatch(rf"[{_UP}]\.?", a.strip())]
    if len(areas) >= 2 and _GIVEN_FIRST.fullmatch(areas[0]) and not _NOT_PERSON.search(areas[0]):
        return (areas[0],), ". ".join(areas[1:])
    # "Microsoft. .NET documentation": a body before a two-part head names no person.
    if len(areas) == 2 and len(areas[0].split()) <= 3 and not re.search(r"\d", areas[0]):
        return (), areas[1]
    return (), ". ".join(areas)


def _resp_names(resp: str) -> tuple[str, ...]:
    """The statement of responsibility's names when it is a list of persons."""
    resp = resp.strip(" .[]")
    if resp[:1].islower():  # "голов. ред. …", "пер. с англ. …": editors and translators
        return ()
    names = split_names(resp.replace("[", "").replace("]", ""))
    if names and all(_RESP_NAME.fullmatch(n) for n in names):
        return names
    return cjk_names(resp.rstrip(","))


def _journal_without_dashes(
    areas: list[str], has_authors: bool
) -> tuple[str, str | None, PartialDate | None]:
    """DSTU 8302 without dashes: ``Title. Journal. Year. Vol. Pages``; a title alone stays."""
    for i, area in enumerate(areas):
        if (date := only_date(area)) and i >= 2 and has_authors:
            return areas[0], ". ".join(areas[1:i]), date
        if date and i >= 1:
            return ". ".join(areas[:i]), None, date
    return ". ".join(areas), None, None


def _read_trailing_names(text: str) -> Fields | None:
    """``Title, Month Year [Електронний ресурс] – Given Surname, Given Surname – URL``."""
    m = _TRAILING_NAMES.match(text)
    if not m:
        return None
    names = split_names(m.group("names"))
    if not names or not all(_GIVEN_FIRST.fullmatch(n) for n in names):
        return None
    head = m.group("head")
    published = None
    if date := re.search(r",\s+([A-Z][a-z]+\.? \d+)$", head):
        published = only_date(date.group(1))
        head = head[: date.start()]
    return Fields(names, clean(head), None, published)


def _year(text: str) -> PartialDate | None:
    m = YEAR.search(text)
    return date_of(m.group(0)) if m else None


def _law_date(info: str) -> PartialDate | None:
    m = _LAW_DATE.search(info)
    return parse_date(m.group(1)) if m else None
