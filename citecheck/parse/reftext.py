"""The one parser for the text of a reference entry, in every language and rendering.

Citation templates render the same fields in a fixed order per wiki, e.g. zh CS1

    Smith, Josh. Title. Reuters. 2023-09-12 [2023-09-12]. ISSN …. (原始内容存档于2023-09-12) (英语).

en CS1 ``Smith, Josh (12 September 2023). "Title". Reuters. Archived from the original on … .
Retrieved … .``, ruwiki ``Title (рус.). Publisher (12 сентября 2023). Дата обращения: … .
Архивировано … года.``, ukwiki ``… Архів оригіналу за … . Процитовано … .`` and jawiki
``"Title" (英語). Publisher. 2023年9月13日. … 時点のオリジナルよりアーカイブ。… 閲覧。``

The parser first takes out the parts that announce themselves (URLs, archive and access clauses,
language labels, ISSN and other identifiers, leaked template errors, volume and page numbers),
then the author list at the head (CS1 ``Surname, G. A.; …``, given names first, Vancouver, GOST),
then reads what is left as sentence-like segments: title, publisher and a publication date.
Every pattern is a row of a table below; the function itself stays one pass over the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from citecheck.model import PartialDate, Reference
from citecheck.parse.dates import DATE_PATTERN, LOOSE_DATE_PATTERN, parse_date
from citecheck.parse.languages import language_code

# Hosts whose links are snapshots, not the cited page. archive.org itself also hosts books and
# media (``/details/…``), so it counts only for ``/web/`` paths (see is_archive_url).
ARCHIVE_HOSTS = frozenset(
    {
        "web.archive.org",
        "wayback.archive.org",
        "webarchive.org",
        "archive.today",
        "archive.ph",
        "archive.is",
        "archive.li",
        "archive.vn",
        "archive.fo",
        "archive.md",
        "webcitation.org",
        "archive.wikiwix.com",
        "ghostarchive.org",
        "perma.cc",
        "arquivo.pt",
        "wayback.archive-it.org",
        "webarchive.loc.gov",
        "webarchive.nla.gov.au",
        "webarchive.nationalarchives.gov.uk",
        "webarchive.org.uk",
        "vefsafn.is",
        "web.archive.bibalex.org",
        "megalodon.jp",
        "timetravel.mementoweb.org",
    }
)



def is_archive_url(url: str) -> bool:
    """Whether ``url`` is a link into a web archive rather than to the cited page itself."""
    try:
        parts = urlsplit(url)
        host, path = (parts.hostname or "").lower(), parts.path
    except ValueError:  # "Invalid IPv6 URL": text that only looks like a URL
        return False
    if host in {"archive.org", "www.archive.org"}:
        return path.startswith("/web/")
    return any(host == h or host.endswith("." + h) for h in ARCHIVE_HOSTS)


_URL = re.compile(r"https?://[^\s<>\"）)\]]+[^\s<>\"）)\].,;:。，]")
_D = rf"({DATE_PATTERN})"
# In a clause that announces its date any month-like word is taken, to report a bad one.
_LD = rf"({LOOSE_DATE_PATTERN})"
_WAYBACK = (
    r"(?:the Wayback Machine|Wayback Machine|archive\.today|archive\.ph|WebCite|Ghostarchive)"
)

# Clauses that name their own field. Each pattern's group 1 is the date (None if undated); the
# word before it is a cheap test that spares the pattern's run on entries without that word.
_Clause = tuple[str, re.Pattern[str]]
_ARCHIVED: list[_Clause] = [
    # zh: （原始内容存档于…）, （原始内容存档 (PDF)于…）, （原始内容 (PDF)存档于…）, or bare.
    (
        "原始",
        re.compile(
            r"[（(]?\s*原始(?:内容|內容)\s*(?:\(PDF\)\s*)?(?:存档|存檔|归档|歸檔)\s*(?:\(PDF\)\s*)?"
            rf"[于於]\s*{_LD}\s*(?:[)）]|\.(?=\s|$))?"
        ),
    ),
    ("Archived", re.compile(rf"Archived(?: \(PDF\))? from the original(?: \(PDF\))? on {_LD}\.?")),
    ("Archived", re.compile(rf"Archived {_LD} at {_WAYBACK}\.?")),
    (
        "Архивировано",
        re.compile(rf"Архивировано(?: из (?:оригинала|первоисточника))? {_LD}(?: года)?\.?"),
    ),
    ("Архивная", re.compile(rf"Архивная копия от {_LD}(?: года)? на {_WAYBACK}\.?")),
    ("Архів", re.compile(rf"Архів оригіналу за {_LD}\.?")),
    (
        "Архівовано",
        re.compile(
            rf"Архівовано(?: з (?:джерела|першоджерела|оригіналу))? {_LD}(?: року)?"
            rf"(?: (?:у|на) {_WAYBACK})?\.?"
        ),
    ),
    ("Архівна", re.compile(rf"Архівна копія від {_LD}(?: (?:у|на) {_WAYBACK})?\.?")),
    ("時点の", re.compile(rf"{_LD}\s*時点の(?:オリジナルより)?アーカイブ。?")),
    ("オリジナルの", re.compile(rf"オリジナルの\s*{_LD}\s*時点におけるアーカイブ。?")),
    ("ウェイバックマシン", re.compile(rf"アーカイブ\s*{_LD}\s*-\s*ウェイバックマシン。?")),
]
_ARCHIVED_UNDATED: list[_Clause] = [
    ("存", re.compile(r"[（(]\s*(?:页面存档备份|頁面存檔備份)[^)）]*[)）]")),
    ("Архивная", re.compile(rf"Архивная копия на {_WAYBACK}\.?")),
    (
        "Archived",
        re.compile(r"Archived(?: \(PDF\))? from the original(?: \(PDF\))?(?:\.|(?=\s*$))"),
    ),
]
_ACCESSED: list[_Clause] = [
    ("Retrieved", re.compile(rf"Retrieved(?: on)? {_LD}\.?")),
    ("Accessed", re.compile(rf"Accessed(?: on)? {_LD}\.?")),
    ("ата обращения", re.compile(rf"[(（]?[Дд]ата обращения:? {_LD}[)）]?\.?")),
    ("ата звернення", re.compile(rf"[(（]?[Дд]ата звернення:? {_LD}[)）]?\.?")),
    ("Процитовано", re.compile(rf"Процитовано {_LD}\.?")),
    ("Переглянуто", re.compile(rf"Переглянуто {_LD}\.?")),
    ("閲覧", re.compile(rf"{_LD}\s*閲覧。?")),
    ("访问", re.compile(rf"[（(]\s*{_LD}\s*访问[)）]")),
    ("訪問", re.compile(rf"[（(]\s*{_LD}\s*訪問[)）]")),
]
# Leaked citation-template error and maintenance messages (zh, en, ru, uk, ja).
_TEMPLATE_ERRORS: list[_Clause] = [
    ("被忽略", re.compile(r"\|[\w-]+=\s*被忽略\s*[（(]帮助[)）]")),
    ("帮助", re.compile(r"[^\s.。]*[（(]帮助[)）]")),
    (
        "(help)",
        re.compile(
            r"(?:\{\{[^{}]*\}\}: )?(?:Check date values in|Unknown parameter|Missing or empty|"
            r"Cite has empty unknown parameter|External link in)[^()]*\(help\)"
        ),
    ),
    ("CS1 maint", re.compile(r"CS1 maint: [^.]*\.")),
    ("引文格式1维护", re.compile(r"引文格式1维护：[^.。]*[.。]?")),
    ("Ошибка", re.compile(r"Ошибка в сносках[^.]*\.?")),
    ("Ошибка", re.compile(r"Ошибка: [^.]*\.")),
    ("Помилка", re.compile(r"Помилка цитування[^.]*\.?")),
    ("引用エラー", re.compile(r"引用エラー[^。]*。?")),
]
# How dead-link tags render: [永久失效链接], [失效連結], [dead link], [недоступная ссылка]…
_DEAD_LINK = re.compile(
    r"[\[［]\s*(?:永久失效链接|永久失效連結|失效链接|失效連結|dead link|permanent dead link"
    r"|недоступная ссылка|недоступне посилання|リンク切れ)[^\]］]*[\]］]",
    re.IGNORECASE,
)
_ZH_ARCHIVE_WORD = re.compile(r"原始(?:内容|內容)|存档|存檔")
_ISSN = re.compile(r"\bISSN\s*(\d{4}-?\d{3}[\dXx])\.?")
# Identifiers CS1 renders after the work: ``doi:10.1016/…``, ``PMID 6711951``, ``OCLC …`` …
# The value runs to the first space after a separator, so dots inside it (doi, Bibcode) stay.
_IDENTIFIER = re.compile(
    r"(?<![\w-])(?:doi|DOI|PMID|PMC|OCLC|NLC|LCCN|ISBN|E?ISSN|eISSN|Bibcode|S2CID|JSTOR|hdl|"
    r"arXiv|CiteSeerX|OSTI|SSRN|ZDB|ASIN|NCID|JPNO|ISNI|INIST|ProQuest)(?::\s*|\s+)(?=[\w(]*\d)"
    r"\S+?(?:\s*\(inactive [^()]*\))?(?=[.,;]?(?:\s|$))"
)
# Format and type marks, en "– via" notes and zh interlanguage notes: (PDF), (Press release.),
# – via About.com, （英语：National Museum of Georgia）.
_NOISE = re.compile(
    r"\s*[（(](?:PDF|DOC|DOCX|PPT|XLS|XLSX|PostScript|ZIP|Press release|Report|Thesis)\.?[)）]"
    r"|\s[–—] via [^.]+\.?"
    r"|[（(][^()（）：:]{1,10}[语語][：:][^()（）]*[)）]"
)
# Where in the work: ``Vol. 1 (10th reformed ed.)``, ``p. 42``, ``pp. 534–535``, ``С. 12``,
# ``第42页``, ``320 с.``. Volume and page numbers have no field; they are read and dropped.
_PAGES = r"[A-Za-z]{0,2}\d[\dA-Za-z]*(?:\s?[–—−-]\s?[A-Za-z]{0,2}\d[\dA-Za-z]*)?"
_LOCATORS = re.compile(
    rf"(?<![\w.])pp?\.\s?(?:{_PAGES}(?:,\s?{_PAGES})*|[ivxlc]+)(?![\w])"
    r"|(?:^|(?<=[.。] ))(?:Vol|vol|Volume)\.?\s+[^\s.,;()]+(?:\s\([^()]*\))?(?=[.,;]?(?:\s|$))"
    rf"|(?<![\w.])(?:[СТ]\.\s?{_PAGES}|(?:№|No\.)\s?\d+|\d+\s?(?:с|стор)\.)"
    r"|第\s*\d+(?:\s*[–—－-]\s*\d+)?\s*[页頁](?!\w)"
)
# A segment that is only a volume, issue and pages: ``31 (5): 645–651``, ``II: 162–163``,
# ``Special Issue 11: 21``, ``11 (1): e0147295``; after a date: ``2016-01-22, 11 (1)``.
_VOLUME = (
    r"(?:(?:Special Issue|Supplement|Suppl\.|Series|Part|Issue|No\.|Volume)\s*)?"
    r"(?:(?:\d+|[IVXLC]+)(?:\s?[–—−-]\s?(?:\d+|[IVXLC]+))?(?:\s?\([^()]*\))?)?"
    rf"(?::\s?{_PAGES})?"
)
_LOCATOR_SEGMENT = re.compile(rf"(?=[^,:]*\d|[IVXLC]+\b){_VOLUME}")
_DATED_LOCATOR = re.compile(rf"({DATE_PATTERN})\s*(?:[,:]\s*{_VOLUME})?")
# A bracketed group with one level of nesting: (俄语), （中文（臺灣））, (in Russian).
_PAREN = re.compile(r"[（(]((?:[^()（）]|[（(][^()（）]*[)）])+)[)）]")
# zh CS1 puts the access date in brackets after the publication date: 2023-09-13 [2023-09-18].
_ZH_ACCESS = re.compile(rf"\[\s*{_D}\s*\]")
_DATE_AT_END = re.compile(rf"{_D}\s*$")
_PAREN_DATE = re.compile(rf"[（(]\s*{_D}\s*[)）](?!\s*:)(?:\s*\[{DATE_PATTERN}\])?")
_BULLET = re.compile(r"^\s*(?:[-*•]\s+|\d{1,4}[.)]\s+)")
_BACKLINKS = re.compile(
    r"^\s*(?:[-*•]\s*)?(?:\d{1,4}[.)]\s+)?[\^↑]\s*((?:(?:\d{1,4}\.\d{1,3}|[a-z]{1,2}|\d{1,3})\s+)*)"
)
# A quoted title, perhaps with its translation: "Sur une …" [Tentative estimation …].
_QUOTED = re.compile(r'^(?:"(.+)"|“(.+)”|«(.+)»|「(.+)」|『(.+)』)(?: \[[^\[\]]+\])?$')

# Author lists at the head of an entry, as CS1 (en, zh), Vancouver and GOST write them.
_UP = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐ"
_WORD = rf"[{_UP}][\w'’-]+"
_INIT = rf"[{_UP}](?:\.-?[{_UP}])*\.?(?![\w'’-])"
_PARTICLE = r"(?:van|von|de|der|den|del|della|di|da|du|dos|das|le|la|ten|ter|al|el|bin)"
_SURNAME = rf"(?:{_PARTICLE} ){{0,2}}{_WORD}(?:(?: {_PARTICLE}){{0,2}} {_WORD})?"
_GIVEN = rf"(?:{_WORD}(?: {_WORD}){{0,2}}(?: {_INIT}){{0,2}}|{_INIT}(?: ?{_INIT}){{0,3}})"
_NAME = rf"{_SURNAME}, {_GIVEN}"
_SEP = r"(?:;? & |,? and |; (?:and )?| и | і | та )"
_ETAL = r"(?:[,;]? (?:et al\.?|и др\.|та ін\.))?"
_EDS = r"(?:,? eds?\.|,? \((?:eds?\.|编|編|主编|主編|ред\.)\))"
_GIVEN_FIRST = rf"{_WORD}(?: (?:{_WORD}|{_INIT})){{1,3}}"
_VANCOUVER = rf"{_WORD}(?: {_WORD})? [{_UP}]{{1,3}}"
_SLAVIC = r"[А-ЯЁІЇЄҐ][а-яёіїєґ'’-]+(?: [А-ЯЁІЇЄҐ]\.){1,2}"
_NAME_SEP = re.compile(_SEP)
# What may follow an author list: the full stop (perhaps the last initial's own) and a space.
_END = r"(?:(?<=\.)\s+|\s*[.。]\s*|\s+(?=[.。]))"
# Each pattern, how to split its names, and whether a bare final initial lost its full stop.
_AUTHOR_LISTS = [
    # Surname, Given; Surname, G. & Surname, G. G., eds. (a group author may stand between).
    (
        re.compile(
            rf"({_NAME}(?:{_SEP}(?:{_NAME}|{_WORD}(?: {_WORD}){{1,3}}(?=;)))*){_ETAL}{_EDS}?{_END}"
        ),
        _NAME_SEP,
        True,
    ),
    # Given Surname; Given M. Surname (two or more).
    (re.compile(rf"({_GIVEN_FIRST}(?:; {_GIVEN_FIRST})+){_ETAL}{_END}"), re.compile("; "), False),
    # Surname AB, Surname C (two or more).
    (re.compile(rf"({_VANCOUVER}(?:, {_VANCOUVER})+){_ETAL}{_END}"), re.compile(", "), False),
    # Иванов И. И., Петров П.
    (re.compile(rf"({_SLAVIC}(?:, {_SLAVIC})*){_END}"), re.compile(", "), True),
]
_FINAL_INITIAL = re.compile(rf"(?<![\w'’.-])[{_UP}]$")
_EDITORS = re.compile(rf"(?:In )?{_NAME}(?:{_SEP}{_NAME})*{_ETAL}{_EDS}")
# A place before the publisher: "Leiden, Boston: Brill", "New York: Gramercy (Random House)".
_PLACE_PUBLISHER = re.compile(rf"[{_UP}][\w.'’-]*(?:,? [{_UP}][\w.'’-]*){{0,3}}: \S.*")
# A short name with no digits after the work: the publisher behind it (Oxford University Press).
_PUBLISHER = re.compile(r"[^\d:]+")
# No sentence break after an initial inside a name: "D. Appleton", "Reeder, D. M. (eds.)".
_INITIAL_BEFORE_STOP = re.compile(rf"(?:^|[,;:&]\s|(?<![\w])[{_UP}]\.\s?|-)[{_UP}]$")
_INITIAL_AFTER_STOP = re.compile(rf"[{_UP}]\.|\((?:eds?\.|编|編)\)")
# Where sentences end: ". ", "。" and GOST's ". — ".
_STOP = re.compile(r"(?<=\.)\s+(?:[—–]\s+)?|。")
# GOST's imprint: "М.: Наука, 2019", "Київ: Наукова думка, 2020".
_IMPRINT = re.compile(rf"([^,]+?:\s[^,]+),\s*({DATE_PATTERN})")
_QUOTED_SPAN = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»|「[^」]*」|『[^』]*』')


@dataclass
class _Scan:
    """What the scan has taken out of the text so far."""

    text: str
    unread: list[str] = field(default_factory=list)

    def take(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        matches = list(pattern.finditer(self.text))
        if matches:
            self.text = " ".join(pattern.sub(" ", self.text).split())
        return matches

    def take_date(self, clauses: list[_Clause], name: str) -> PartialDate | None:
        found: PartialDate | None = None
        for needle, pattern in clauses:
            if needle not in self.text:
                continue
            for m in self.take(pattern):
                date = parse_date(m.group(1))
                if date is None:
                    self.unread.append(name)
                found = found or date
        return found


def strip_backlinks(line: str) -> tuple[tuple[str, ...], str]:
    """Split a rendered list entry into its backlink labels and its text.

    ``- ^ 16.00 16.01 Title…`` -> (("16.00", "16.01"), "Title…"); ``^ a b Title`` -> (("a", "b"),
    …); ``^ Title`` -> (("^",), "Title"); a line with no ``^``/``↑`` has no backlinks to show.
    """
    m = _BACKLINKS.match(line)
    if not m:
        return (), _BULLET.sub("", line).strip()
    tokens = tuple(m.group(1).split())
    rest = line[m.end() :].strip()
    # Single letters and bare numbers are backlinks only when there are several: "^ a b c".
    if len(tokens) == 1 and "." not in tokens[0]:
        rest, tokens = f"{tokens[0]} {rest}".strip(), ()
    # A lone caret is the one backlink of a reference used once.
    return tokens or ("^",), rest


def parse_reference_text(
    text: str, *, label: str, line: int, backlinks: tuple[str, ...] = ()
) -> Reference:
    """Read authors, title, publisher, dates, language, ISSN and URLs from a rendered entry."""
    scan = _Scan(" ".join(text.split()))
    urls = [m.group(0) for m in scan.take(_URL)]
    archive_urls = [u for u in urls if is_archive_url(u)]
    original_urls = [u for u in urls if not is_archive_url(u)]

    errors = tuple(
        m.group(0).strip()
        for needle, pattern in _TEMPLATE_ERRORS
        if needle in scan.text
        for m in scan.take(pattern)
    )
    is_zh = bool(_ZH_ARCHIVE_WORD.search(scan.text))
    archived = scan.take_date(_ARCHIVED, "archived")
    has_archive = archived is not None or bool(archive_urls)
    for needle, pattern in _ARCHIVED_UNDATED:
        has_archive = (needle in scan.text and bool(scan.take(pattern))) or has_archive
    accessed = scan.take_date(_ACCESSED, "accessed")
    url_status = "dead" if scan.take(_DEAD_LINK) else None
    issn = next((m.group(1).upper() for m in scan.take(_ISSN)), None)
    identifiers = tuple(m.group(0).strip() for m in scan.take(_IDENTIFIER))
    scan.take(_NOISE)

    language = language_label = None
    for m in list(_PAREN.finditer(scan.text)):
        code = language_code(m.group(1))
        if code is not None:
            language, language_label = language or code, language_label or m.group(1).strip()
            scan.text = scan.text.replace(m.group(0), " ", 1)
    # Simplified 语 is zh only; 語 is also Japanese, whose CS1 quotes titles.
    is_zh = is_zh or (language_label is not None and language_label.endswith("语"))

    published: PartialDate | None = None
    for m in scan.take(_PAREN_DATE):
        published = published or parse_date(m.group(1))
    if "[" in scan.text and (found := _take_zh_dates(scan)):
        is_zh = True
        published, accessed = published or found[0], accessed or found[1]
    scan.take(_LOCATORS)

    authors, title, publisher, date, leftover = _read_segments(scan.text, quoted=not is_zh)
    published = published or date
    unread = list(dict.fromkeys(scan.unread))
    if title is None:
        unread.append("title")
    if leftover:
        unread.append("unplaced text: " + " | ".join(leftover))
    return Reference(
        label=label,
        line=line,
        raw=text.strip(),
        backlinks=backlinks,
        authors=authors,
        title=title,
        publisher=publisher,
        published=published,
        accessed=accessed,
        archived=archived,
        has_archive=has_archive,
        language=language,
        language_label=language_label,
        issn=issn,
        url=original_urls[0] if original_urls else None,
        archive_url=archive_urls[0] if archive_urls else None,
        url_status=url_status,
        identifiers=identifiers,
        template_errors=errors,
        unread=tuple(unread),
    )


def _take_zh_dates(scan: _Scan) -> tuple[PartialDate | None, PartialDate | None] | None:
    """zh CS1's ``2023-09-13 [2023-09-18]``: the first publication date right before a bracketed
    access date, and the first access date. Found from the bracket: cheaper than from any date."""
    spans: list[tuple[int, int]] = []
    published = accessed = None
    for m in _ZH_ACCESS.finditer(scan.text):
        before = _DATE_AT_END.search(scan.text, max(0, m.start() - 40), m.start())
        if before:
            published = published or parse_date(before.group(1))
        accessed = accessed or parse_date(m.group(1))
        spans.append((before.start() if before else m.start(), m.end()))
    if not spans:
        return None
    for start, end in reversed(spans):
        scan.text = f"{scan.text[:start]} {scan.text[end:]}"
    scan.text = " ".join(scan.text.split())
    return published, accessed


def _segments(text: str) -> list[str]:
    """Sentence-like pieces separated by ``. `` or ``。``; not inside quotes nor after an initial
    within a name (``D. Appleton``, ``Reeder, D. M.``)."""
    quoted = [m.span() for m in _QUOTED_SPAN.finditer(text)] if '"' in text or "“" in text else []
    pieces: list[str] = []
    start = 0
    for m in _STOP.finditer(text):
        at = m.start()
        if any(a < at < b for a, b in quoted):
            continue
        if m.group(0) != "。" and (
            _INITIAL_BEFORE_STOP.search(text, max(0, at - 6), at - 1)
            or (
                _FINAL_INITIAL.search(text, max(0, at - 3), at - 1)
                and _INITIAL_AFTER_STOP.match(text, m.end())
            )
        ):
            continue
        pieces.append(text[start:at])
        start = m.end()
    pieces.append(text[start:])
    return [p for p in (piece.strip(" .。,;—–") for piece in pieces) if p]


def _take_authors(text: str) -> tuple[tuple[str, ...], str]:
    """The author list at the head of the text, if there is one, and the text after it."""
    for pattern, separator, dotted in _AUTHOR_LISTS:
        m = pattern.match(text)
        if not m or not (rest := text[m.end() :].strip(" .。")):
            continue
        names = [n.strip() for n in separator.split(m.group(1)) if n.strip()]
        # The list's full stop was also its last initial's: "Barnes, Julian E." + " Title".
        return tuple(n + "." if dotted and _FINAL_INITIAL.search(n) else n for n in names), rest
    return (), text


def _read_gost(
    text: str, *, quoted: bool
) -> tuple[tuple[str, ...], str | None, str | None, PartialDate | None, list[str]]:
    """ru/uk library style: ``Author. Title // Journal. — 2023. — № 5.``"""
    head, _, tail = text.partition(" // ")
    authors, title, _, date, _ = _read_segments(head, quoted=quoted)
    journal = re.split(r"\s+[—–-]\s+|\.\s", tail, maxsplit=1)[0].strip(" .")
    years = re.findall(r"(?<!\d)(?:1[5-9]|20)\d{2}(?!\d)", tail)
    year = parse_date(years[0]) if years else None
    return authors, title, journal or None, date or year, []


def _read_segments(
    text: str, *, quoted: bool
) -> tuple[tuple[str, ...], str | None, str | None, PartialDate | None, list[str]]:
    """Authors, title, publisher, publication date and unplaced pieces of what is left."""
    if " // " in text:
        return _read_gost(text, quoted=quoted)
    authors, text = _take_authors(text)
    date: PartialDate | None = None
    kept: list[str] = []
    for segment in _segments(text):
        if m := _DATED_LOCATOR.fullmatch(segment):
            date = date or parse_date(m.group(1))
        elif m := _IMPRINT.fullmatch(segment):
            date = date or parse_date(m.group(2))
            kept.append(m.group(1))
        elif not (_LOCATOR_SEGMENT.fullmatch(segment) or _EDITORS.fullmatch(segment)):
            kept.append(segment)
    if not kept:
        return authors, None, None, date, []
    if quoted:
        for i, segment in enumerate(kept):
            if m := _QUOTED.match(segment):
                title = next(g for g in m.groups() if g)
                work, after = (kept[i + 1], kept[i + 2 :]) if i + 1 < len(kept) else (None, [])
                # "Title". Work. [Place:] Publisher. The model keeps the work, as templates do.
                if after and _PLACE_PUBLISHER.fullmatch(after[-1]):
                    work, after = ". ".join([kept[i + 1], *after[:-1]]), []
                elif len(after) == 1 and _PUBLISHER.fullmatch(after[0]) and len(after[0]) < 60:
                    after = []
                return authors, title, work, date, kept[:i] + after
    if len(kept) == 1:
        return authors, kept[0], None, date, []
    return authors, ". ".join(kept[:-1]), kept[-1], date, []
