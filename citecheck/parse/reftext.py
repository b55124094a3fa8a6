"""The one parser for the text of a reference entry, in every language and rendering.

Citation templates render the same fields in a fixed order per wiki, e.g. zh CS1

    Smith, Josh. Title. Reuters. 2023-09-12 [2023-09-12]. ISSN …. (原始内容存档于2023-09-12) (英语).

en CS1 ``Smith, Josh (12 September 2023). "Title". Reuters. Archived from the original on … .
Retrieved … .``, ruwiki ``Title (рус.). Publisher (12 сентября 2023). Дата обращения: … .
Архивировано … года.``, ukwiki ``… Архів оригіналу за … . Процитовано … .`` and jawiki
``"Title" (英語). Publisher. 2023年9月13日. … 時点のオリジナルよりアーカイブ。… 閲覧。``

The parser first takes out the parts that announce themselves (URLs, archive and access clauses,
language labels, ISSN, leaked template errors), then reads what is left as sentence-like segments:
authors, title, publisher and a publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from citecheck.model import PartialDate, Reference
from citecheck.parse.dates import DATE_PATTERN, parse_date
from citecheck.parse.languages import language_code

ARCHIVE_HOSTS = re.compile(
    r"^https?://(?:[\w-]+\.)*(?:web\.archive\.org|archive\.org/web|archive\.(?:today|ph|is|li|vn|"
    r"md|fo)|webcitation\.org|archive-it\.org|arquivo\.pt|webarchive\.[\w.]+|ghostarchive\.org)",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://[^\s<>\"）)\]]+[^\s<>\"）)\].,;:。，]")
_D = rf"({DATE_PATTERN})"

# Clauses that name their own field. Each pattern's group 1 is the date (None if undated).
_ARCHIVED = [
    re.compile(
        rf"[（(]\s*原始(?:内容|內容)\s*(?:存档|存檔|归档|歸檔)\s*(?:\(PDF\)\s*)?[于於]\s*{_D}\s*[)）]"
    ),
    re.compile(rf"Archived(?: \(PDF\))? from the original(?: \(PDF\))? on {_D}\.?"),
    re.compile(rf"Archived {_D} at the Wayback Machine\.?"),
    re.compile(rf"Архивировано(?: из оригинала)? {_D}(?: года)?\.?"),
    re.compile(rf"Архивная копия от {_D}(?: года)? на Wayback Machine\.?"),
    re.compile(rf"Архів оригіналу за {_D}\.?"),
    re.compile(rf"Архівовано з (?:джерела|першоджерела) {_D}\.?"),
    re.compile(rf"Архівна копія від {_D}(?: на Wayback Machine)?\.?"),
    re.compile(rf"{_D}\s*時点のオリジナルよりアーカイブ。?"),
]
_ARCHIVED_UNDATED = [
    re.compile(r"[（(]\s*(?:页面存档备份|頁面存檔備份)[^)）]*[)）]"),
    re.compile(r"Архивная копия на Wayback Machine\.?"),
]
_ACCESSED = [
    re.compile(rf"Retrieved(?: on)? {_D}\.?"),
    re.compile(rf"[(（]?[Дд]ата обращения:? {_D}[)）]?\.?"),
    re.compile(rf"[(（]?[Дд]ата звернення:? {_D}[)）]?\.?"),
    re.compile(rf"(?:Процитовано|Переглянуто) {_D}\.?"),
    re.compile(rf"{_D}\s*閲覧。?"),
    re.compile(rf"[（(]\s*{_D}\s*(?:访问|訪問)[)）]"),
]
# Leaked citation-template error and maintenance messages (zh, en, ru, uk, ja).
_TEMPLATE_ERRORS = [
    re.compile(r"\|[\w-]+=\s*被忽略\s*[（(]帮助[)）]"),
    re.compile(r"[^\s.。]*[（(]帮助[)）]"),
    re.compile(
        r"(?:\{\{[^{}]*\}\}: )?(?:Check date values in|Unknown parameter|Missing or empty|"
        r"Cite has empty unknown parameter|External link in)[^()]*\(help\)"
    ),
    re.compile(r"CS1 maint: [^.]*\."),
    re.compile(r"引文格式1维护：[^.。]*[.。]?"),
    re.compile(r"Ошибка в сносках[^.]*\.?"),
    re.compile(r"Ошибка: [^.]*\."),
    re.compile(r"Помилка цитування[^.]*\.?"),
    re.compile(r"引用エラー[^。]*。?"),
]
_ISSN = re.compile(r"ISSN\s*(\d{4}-?\d{3}[\dXx])\.?")
_ISBN = re.compile(r"ISBN\s*[\d-]{9,17}[\dXx]\.?")
# A bracketed group with one level of nesting: (俄语), （中文（臺灣））, (in Russian).
_PAREN = re.compile(r"[（(]((?:[^()（）]|[（(][^()（）]*[)）])+)[)）]")
# zh CS1 puts the access date in brackets after the publication date: 2023-09-13 [2023-09-18].
_ZH_DATES = re.compile(rf"(?:{_D}\s*)?\[\s*{_D}\s*\]")
_PAREN_DATE = re.compile(rf"[（(]\s*{_D}\s*[)）]")
_BACKLINKS = re.compile(
    r"^\s*(?:[-*•]\s*)?(?:\d{1,4}[.)]\s+)?[\^↑]\s*((?:(?:\d{1,4}\.\d{1,3}|[a-z]{1,2}|\d{1,3})\s+)*)"
)
_QUOTED = re.compile(r'^(?:"(.+)"|“(.+)”|«(.+)»|「(.+)」|『(.+)』)$')
_INITIAL = re.compile(r"^[A-ZА-ЯЁІЇЄҐ]$")
_CAP = r"[A-ZА-ЯЁІЇЄҐ][\w'’.-]*"
_WESTERN_AUTHOR = re.compile(rf"^({_CAP}(?: {_CAP})?), ((?:{_CAP})(?: {_CAP}){{0,3}})$")
_SLAVIC_AUTHOR = re.compile(rf"^{_CAP}(?: [A-ZА-ЯЁІЇЄҐ]\.){{1,2}}$")


@dataclass
class _Scan:
    """What the scan has taken out of the text so far."""

    text: str
    unread: list[str] = field(default_factory=list)

    def take(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        matches = list(pattern.finditer(self.text))
        if matches:
            self.text = pattern.sub(" ", self.text)
        return matches

    def take_date(self, patterns: list[re.Pattern[str]], name: str) -> PartialDate | None:
        found: PartialDate | None = None
        for pattern in patterns:
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
        return (), re.sub(r"^\s*(?:[-*•]\s+|\d{1,4}[.)]\s+)", "", line).strip()
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
    archive_urls = [u for u in urls if ARCHIVE_HOSTS.match(u)]
    original_urls = [u for u in urls if not ARCHIVE_HOSTS.match(u)]

    errors = tuple(m.group(0).strip() for p in _TEMPLATE_ERRORS for m in scan.take(p))
    is_zh = bool(
        re.search(r"原始(?:内容|內容)|存档|存檔|\[\s*" + DATE_PATTERN + r"\s*\]", scan.text)
    )
    archived = scan.take_date(_ARCHIVED, "archived")
    has_archive = archived is not None or bool(archive_urls)
    for pattern in _ARCHIVED_UNDATED:
        has_archive = bool(scan.take(pattern)) or has_archive
    accessed = scan.take_date(_ACCESSED, "accessed")
    issn = next((m.group(1).upper() for m in scan.take(_ISSN)), None)
    scan.take(_ISBN)

    language = language_label = None
    for m in list(_PAREN.finditer(scan.text)):
        code = language_code(m.group(1))
        if code is not None:
            language, language_label = language or code, language_label or m.group(1).strip()
            scan.text = scan.text.replace(m.group(0), " ", 1)
    # Simplified 语 is zh only; 語 is also Japanese, whose CS1 quotes titles.
    is_zh = is_zh or (language_label is not None and language_label.endswith("语"))

    published: PartialDate | None = None
    for m in scan.take(_ZH_DATES):
        published = published or (parse_date(m.group(1)) if m.group(1) else None)
        accessed = accessed or parse_date(m.group(2))
    for m in scan.take(_PAREN_DATE):
        published = published or parse_date(m.group(1))

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
        template_errors=errors,
        unread=tuple(unread),
    )


def _segments(text: str) -> list[str]:
    """Sentence-like pieces separated by ``. `` or ``。``, initials rejoined to their name."""
    text = " ".join(text.split())
    pieces = [p.strip(" .。,;") for p in re.split(r"(?<=[.。])\s+|。", text)]
    merged: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        # "Иванов И. И. Title" splits after each initial; put the initials back on the name.
        if merged and _INITIAL.match(piece):
            merged[-1] = f"{merged[-1]}. {piece}"
            continue
        merged.append(piece)
    return merged


def _authors(segment: str) -> tuple[str, ...] | None:
    parts = [p.strip() for p in re.split(r";\s*|\s+(?:and|и|і|та)\s+", segment) if p.strip()]
    if parts and parts[-1] in ("et al", "и др", "та ін"):
        parts = parts[:-1]
    if not parts:
        return None
    if all(_WESTERN_AUTHOR.match(p) for p in parts):
        # The segment split ate the full stop of a final initial: "Barnes, Julian E".
        return tuple(p + "." if re.search(r" [A-ZА-ЯЁІЇЄҐ]$", p) else p for p in parts)
    slavic = [p.strip() for p in segment.split(",")]
    if all(_SLAVIC_AUTHOR.match(p + ".") or _SLAVIC_AUTHOR.match(p) for p in slavic):
        return tuple(p if p.endswith(".") else p + "." for p in slavic)
    return None


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
    segments = _segments(text)
    date: PartialDate | None = None
    kept: list[str] = []
    for segment in segments:
        as_date = parse_date(segment)
        if as_date is not None:
            date = date or as_date
        else:
            kept.append(segment)
    authors: tuple[str, ...] = ()
    if len(kept) >= 2 and (found := _authors(kept[0])):
        authors, kept = found, kept[1:]
    if not kept:
        return authors, None, None, date, []
    if quoted:
        for i, segment in enumerate(kept):
            if m := _QUOTED.match(segment):
                title = next(g for g in m.groups() if g)
                publisher = kept[i + 1] if i + 1 < len(kept) else None
                return authors, title, publisher, date, kept[:i] + kept[i + 2 :]
    if len(kept) == 1:
        return authors, kept[0], None, date, []
    return authors, ". ".join(kept[:-1]), kept[-1], date, []
