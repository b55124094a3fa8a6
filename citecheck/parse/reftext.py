"""The one parser for the text of a reference entry, in every language and rendering.

Citation templates render the same fields in a fixed order per wiki, e.g. zh CS1

    Smith, Josh. Title. Reuters. 2023-09-12 [2023-09-12]. ISSN …. (原始内容存档于2023-09-12) (英语).

en CS1 ``Smith, Josh (12 September 2023). "Title". Reuters. Archived from the original on … .
Retrieved … .``, ruwiki ``Title (рус.). Publisher (12 сентября 2023). Дата обращения: … .
Архивировано … года.``, ukwiki ``… Архів оригіналу за … . Процитовано … .`` and jawiki
``"Title" (英語). Publisher. 2023年9月13日. … 時点のオリジナルよりアーカイブ。… 閲覧。``

Entries from theses, papers and docs follow citation styles instead (GB/T 7714, GOST and DSTU,
SIST 02 and Japanese book styles, IEEE, APA and its kin): see ``citecheck.parse.styles``.

The parser reads the text through NFKC's eyes for PDF compatibility characters (``raw`` keeps
it as written) and as plain text where it is Markdown, then takes out what announces itself in
any style (URLs, archive and access clauses, language labels, ISSN and other identifiers, leaked
template errors, volume and page numbers), and hands the rest to the style the entry is most
likely written in for its authors, title, container and date. Every pattern is a row of a table
below; the function itself stays one pass over the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from citecheck.archives._links import is_archive_link
from citecheck.lang import LANGUAGES, alternation, primary, union
from citecheck.model import UNPLACED, PartialDate, Reference
from citecheck.parse import styles
from citecheck.parse.dates import DATE_PATTERN, LOOSE_DATE_PATTERN, make_date, parse_date
from citecheck.parse.languages import LABELS, language_code

# The one place that decides which links are archive copies (kept under this name for the
# formats that import it from here).
is_archive_url = is_archive_link
_ARCHIVE_LINK_WORDS = union("archive_link_words")


def is_archived_copy(url: str, text: str = "") -> bool:
    """Whether a link of an entry is its archived copy: by its URL (:func:`is_archive_url`), or by
    its text ("Archived", "存档", "Архивная копия"…) on any host. Every format's links ask this."""
    return " ".join(text.casefold().split()) in _ARCHIVE_LINK_WORDS or is_archive_url(url)


# A URL may hold balanced parentheses (doi.org/10.1016/S0925-7721(99)00017-6) but not CJK
# punctuation, which in running text ends it ("…html，2019-06-18").
_URL_CHAR = r"[^\s<>\"()（）\[\]，、。；「」『』《》]"
_URL = re.compile(
    rf"https?://(?:{_URL_CHAR}|\([^\s()<>]*\))*(?:[^\s<>\"()（）\[\].,;:!?'。，、；「」『』《》]|\([^\s()<>]*\))"
)
# A link written without its scheme ("at www.example.org/page.html"), taken only with a path and
# only when the entry has no other link: a bare "www.example.org" is mostly the site's name, and
# its home page would be checked against the cited page's title.
_BARE_WWW = re.compile(
    r"(?<![\w./@:-])www\.(?:[a-z0-9-]+\.)+[a-z]{2,}/[^\s<>\"()（）\[\]，、。；]*"
    r"[^\s<>\"()（）\[\].,;:!?'。，、；]",
    re.I,
)
# Words that put the entry's own URL after them, where other URLs may also be quoted.
_ANNOUNCED = re.compile(
    r"(?:URL|Available|入手先|доступу|ресурсу|from|書誌情報|Online)\s*[:：.]?\s*[<(\[]?\s*$", re.I
)
_EMPTY_BRACKETS = re.compile(r"\s*(?:\(\s*\)|（\s*）|<\s*>|\[\s*\])")
# Wayback-style snapshot links carry the capture time and the original URL.
_SNAPSHOT = re.compile(r"/(\d{4})(\d{2})(\d{2})\d{0,8}(?:[a-z]{2}_)?/(https?://.+)$")
_DOI_URL = re.compile(r"https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+)$")
_ARCHIVE_SERVICE = re.compile(
    r"(?i:the )?(?i:Wayback Machine|Internet Archive|archive\.(?:org|today|ph|is)|webarchive\.org"
    r"|ウェイバックマシン|インターネットアーカイブ|互联网档案馆|網際網路檔案館)"
)
# Text copied from PDFs: Kangxi radicals (⽂ for 文), CJK compatibility ideographs, ligatures (ﬁ)
# and full-width letters and digits, read through NFKC. Full-width punctuation stays: zh and ja
# write it on purpose, and the patterns here read it as it is.
_COMPAT_RANGES = "⺀-⻳⼀-⿕豈-﫿ﬀ-ﬆ０-９Ａ-Ｚａ-ｚ"
_COMPAT_CHARS = re.compile(f"[{_COMPAT_RANGES}]")
_COMPAT = {
    cp: unicodedata.normalize("NFKC", chr(cp))
    for lo, hi in (
        (0x2E80, 0x2EF4),
        (0x2F00, 0x2FD6),
        (0xF900, 0xFB00),
        (0xFB00, 0xFB07),
        (0xFF10, 0xFF1A),
        (0xFF21, 0xFF3B),
        (0xFF41, 0xFF5B),
    )
    for cp in range(lo, hi)
    if unicodedata.normalize("NFKC", chr(cp)) != chr(cp)
}
# Markdown as copied from rendered pages and docs: [text](url "title"), [url][n], \(, {:attrs}.
_MD_LINK = re.compile(
    r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"]*\")?\s*\)"
)
_MD_REF_LINK = re.compile(r"\[([^\[\]]+)\]\[\d+\]")
_MD_ESCAPE = re.compile(r"\\([\\()\[\]_*])")
_MD_ATTRS = re.compile(r"\{:[^{}]*\}")
_MD_EMPHASIS = re.compile(
    r"(?<![\w*])\*{1,2}([^*\s](?:[^*]*[^*\s])?)\*{1,2}(?![\w*])"
    r"|(?<![\w_])_([^_\s](?:[^_]*[^_\s])?)_(?![\w_])"
)
_D = rf"({DATE_PATTERN})"
# In a clause that announces its date any month-like word is taken, to report a bad one.
_LD = rf"({LOOSE_DATE_PATTERN})"
_WAYBACK = (
    r"(?:the[ _]Wayback[ _]Machine|Wayback[ _]Machine|archive\.today|archive\.ph|WebCite"
    r"|Ghostarchive)"
)

# Clauses that name their own field, each language's from its module (citecheck.lang). Each
# pattern's group 1 is the date (None if undated); the word before it is a cheap test that
# spares the pattern's run on entries without that word.
_Clause = tuple[str, re.Pattern[str]]


def _clauses(name: str) -> list[_Clause]:
    """The clauses of a field of every language, compiled with their dates and archive names."""
    return [
        (needle, re.compile(pattern.replace("{date}", _LD).replace("{wayback}", _WAYBACK)))
        for lang in LANGUAGES.values()
        for needle, pattern in getattr(lang, name)
    ]


_ARCHIVED = _clauses("archived_clauses")
_ARCHIVED_UNDATED = _clauses("archived_undated_clauses")
_ACCESSED = _clauses("accessed_clauses")
# Leaked citation-template error and maintenance messages.
_TEMPLATE_ERRORS = _clauses("template_error_clauses")
# How dead-link tags render: [永久失效链接], [失效連結], [dead link], [недоступная ссылка]…
_DEAD_LINK = re.compile(
    rf"[\[［]\s*(?:{alternation('dead_link_words')})[^\]］]*[\]］]", re.IGNORECASE
)
_ZH_ARCHIVE_WORD = re.compile(r"原始(?:内容|內容)|存档|存檔")
_ISSN = re.compile(r"\bISSN\s*(\d{4}-?\d{3}[\dXx])\.?")
# Identifiers CS1 renders after the work: ``doi:10.1016/…``, ``PMID 6711951``, ``OCLC …`` …
# The value runs to the first space after a separator, so dots inside it (doi, Bibcode) stay.
_IDENTIFIER = re.compile(
    # "arXiv preprint arXiv:2311.00176" is a container's name (GB/T, Google Scholar), kept.
    r"(?<![\w-])(?<!preprint )(?:doi|DOI|PMID|PMC|OCLC|NLC|LCCN|ISBN|E?ISSN|eISSN|Bibcode|S2CID|"
    r"JSTOR|hdl|arXiv|CiteSeerX|OSTI|SSRN|ZDB|ASIN|NCID|JPNO|ISNI|INIST|ProQuest)(?::\s*|\s+)(?=[\w(]*\d)"
    r"\S+?(?:\s*\(inactive [^()]*\))?(?=[.,;]?[)）]?(?:\s|$))"
)
# Format and type marks, en "– via" notes and zh interlanguage notes: (PDF), (Press release.),
# – via About.com, （英语：National Museum of Georgia）.
_NOISE = re.compile(
    r"\s*[（(](?:PDF|DOC|DOCX|PPT|XLS|XLSX|PostScript|ZIP|Press release|Report|Thesis)\.?[)）]"
    r"|\s[–—] via [^.]+\.?"
    r"|\s*\((?:Ph\.\s?D\.|PhD|Master's|MA|MSc|M\.A\.|Doctoral|Diploma|Bachelor's)\s[Tt]hesis\)"
    r"|[（(][^()（）：:]{1,10}[语語][：:][^()（）]*[)）]"
)
# Where to find it and what it is, said before the URL or in brackets: IEEE's "[Online].
# Available:", GOST's "[Электронный ресурс]. — URL:", DSTU's "Режим доступу:", SIST's 入手先;
# each language's words from its module.
_MEDIUM_BRACKETED = alternation("medium_words")
_AVAILABILITY = "|".join(
    re.escape(w)
    for w in sorted(
        {w for lang in LANGUAGES.values() for w in lang.availability_words}, key=lambda w: -len(w)
    )
)
_MEDIUM_CLAUSES = [c for lang in LANGUAGES.values() for c in lang.medium_clauses]
_MEDIUM_WORDS = re.compile(
    "|".join(
        (
            rf"(?i:{_MEDIUM_BRACKETED})\]",
            "URL|Available",
            *(re.escape(w) for lang in LANGUAGES.values() for w in lang.availability_words),
            *(re.escape(needle) for needle, _ in _MEDIUM_CLAUSES),
        )
    )
)
_MEDIUM = re.compile(
    rf"\[(?i:{_MEDIUM_BRACKETED})\]\.?"
    # IEEE's "Available:" and GOST's "URL:" need their colon: "Could Life Available Money" is
    # a title.
    rf"|(?:[—–-]\s*)?(?<![\w-])(?:(?:URL|Available)\s*[:：]|(?:{_AVAILABILITY})\s*[:：]?)(?=\s|$)"
    + "".join(f"|{pattern}" for _, pattern in _MEDIUM_CLAUSES)
)
# Where in the work: ``Vol. 1 (10th reformed ed.)``, ``p. 42``, ``pp. 534–535``, ``С. 12``,
# ``P. 47–57``, ``第42页``; and page counts (``320 с.``, ``437 p.``), read and dropped. The pages
# after a marker are the entry's pages; a bare year after a one-letter marker is an initial's.
_PAGES = r"[A-Za-z]{0,2}\d[\dA-Za-z_]*(?:\s?[–—−-]\s?[A-Za-z]{0,2}\d[\dA-Za-z_]*)?"
_NOT_YEAR = r"(?!(?:1[5-9]|20)\d\d(?![\d–—−_-]))"
# "pp. 12, 15-17" but not "pp. 939-946, 2014": a year closes the list.
_PAGE_LIST = rf"{_PAGES}(?:,\s?{_NOT_YEAR}{_PAGES})*"
_LOCATORS = re.compile(
    rf"(?<![\w.])(?:pp?|pg|Pp|PP|[ср]|стор|Стор)\.\s?(?P<pages>{_PAGE_LIST}|[ivxlc]+)(?![\w])"
    rf"|(?<![\w.])[PСР]\.\s?{_NOT_YEAR}(?P<upper>{_PAGE_LIST})(?![\w])"
    r"|(?<=, )(?:Vol|vol|Volume)\.?\s+\d+(?=[.,;]?(?:\s|$))"
    r"|(?:^|(?<=[.。] ))(?:Vol|vol|Volume)\.?\s+[^\s.,;()]+(?:\s\([^()]*\))?(?=[.,;]?(?:\s|$))"
    r"|(?<![\w.])(?:Т\.\s?\d+|(?:№|No\.|no\.)\s?\d+|\d+\s?(?:с|стор|p)\.(?=\s|$))"
    r"|第\s*(?P<zh>\d+(?:\s*[–—－-]\s*\d+)?)\s*[页頁](?!\w)"
)
# A bracketed group with one level of nesting: (俄语), （中文（臺灣））, (in Russian).
_PAREN = re.compile(r"[（(]((?:[^()（）]|[（(][^()（）]*[)）])+)[)）]")
# zh CS1 puts the access date in brackets after the publication date: 2023-09-13 [2023-09-18].
_ZH_ACCESS = re.compile(rf"\[\s*{_D}\s*\]")
_DATE_AT_END = re.compile(rf"{_D}\s*$")
# GB/T 7714 writes both after the title: (2020-01-01)[2023-05-01].
_PAREN_DATE = re.compile(
    rf"[（(]\s*{_D}\s*[)）](?!\s*:)(?:\[({DATE_PATTERN})\]|\s+\[{DATE_PATTERN}\])?"
)
# A bare code such as "(en)" counts when it names a language the labels know: "(voc)" is text.
_KNOWN_LANGUAGES = frozenset(primary(code) for code in LABELS.values())
_BULLET = re.compile(r"^\s*(?:[-*•]\s+|\d{1,4}[.)]\s+)")
_BACKLINKS = re.compile(
    r"^\s*(?:[-*•]\s*)?(?:\d{1,4}[.)]\s+)?[\^↑]\s*((?:(?:\d{1,4}\.\d{1,3}|[a-z]{1,2}|\d{1,3})\s+)*)"
)


@dataclass
class _Scan:
    """What the scan has taken out of the text so far."""

    text: str
    unread: list[str] = field(default_factory=list)

    def take(self, pattern: re.Pattern[str], *, stop: bool = False) -> list[re.Match[str]]:
        matches = list(pattern.finditer(self.text))
        if matches:
            gap = _stop_gap if stop else " "
            self.text = " ".join(pattern.sub(gap, self.text).split())
        return matches

    def take_date(self, clauses: list[_Clause], name: str) -> PartialDate | None:
        found: PartialDate | None = None
        for needle, pattern in clauses:
            if needle not in self.text:
                continue
            # A clause amid the entry ends a sentence: "Title Archived … at the Wayback
            # Machine. Journal" must not run the title into the journal.
            for m in self.take(pattern, stop=True):
                date = parse_date(m.group(1))
                if date is None:
                    self.unread.append(name)
                found = found or date
        return found


def _stop_gap(m: re.Match[str]) -> str:
    """What a clause leaves: a full stop when it ended one between two pieces of text."""
    rest = m.string[m.end() :].lstrip()
    return ". " if m.group(0).endswith(".") and m.start() and rest[:1].isalnum() else " "


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


# The longest entry text read; 4 times the longest real entry seen (see parse_reference_text).
MAX_ENTRY = 2000


def _head(text: str, limit: int) -> str:
    """``text`` up to ``limit`` characters, cut at a space when there is one in the last fifth."""
    if len(text) <= limit:
        return text
    space = text.rfind(" ", limit * 4 // 5, limit + 1)
    return text[: space if space > 0 else limit]


def parse_reference_text(
    text: str, *, label: str, line: int, backlinks: tuple[str, ...] = ()
) -> Reference:
    """Read authors, title, publisher, dates, pages, language, identifiers and URLs from the text
    of one entry, in any of the styles of ``citecheck.parse.styles``.

    Only the first ``MAX_ENTRY`` characters are read (``raw`` keeps them all): the style rules
    are regexes over the whole entry, some of which take the square of its length on hostile
    text, and no real entry comes near it (the longest of the labelled corpus has 553).
    """
    scan = _Scan(_markdown(_compatible(_head(" ".join(text.split()), MAX_ENTRY))))
    urls, announced = _take_urls(scan)
    archive_urls = [u for u in urls if is_archive_url(u)]
    original_urls = [u for u in urls if not is_archive_url(u)]
    style = styles.choose(scan.text)

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
    identifiers = [m.group(0).strip() for m in scan.take(_IDENTIFIER)]
    # A doi.org link is the work's DOI even when the entry does not write "doi:" before it.
    if urls and not any(i[:3].lower() == "doi" for i in identifiers):
        identifiers += [f"doi:{m.group(1)}" for u in urls if (m := _DOI_URL.match(u))][:1]
    scan.take(_NOISE)
    if _MEDIUM_WORDS.search(scan.text):
        scan.take(_MEDIUM)

    language = language_label = None
    for m in list(_PAREN.finditer(scan.text)):
        code = language_code(m.group(1))
        if code is not None and primary(code) in _KNOWN_LANGUAGES:
            language, language_label = language or code, language_label or m.group(1).strip()
            # "EMACS (англ.): The …" closes up to "EMACS: The …".
            at = scan.text.find(m.group(0))
            if scan.text[at + len(m.group(0)) : at + len(m.group(0)) + 1] in (":", ",", ";", "."):
                scan.text = scan.text[:at].rstrip() + scan.text[at + len(m.group(0)) :]
            else:
                scan.text = scan.text.replace(m.group(0), " ", 1)
    scan.text = " ".join(scan.text.split())
    # Simplified 语 is zh only; 語 is also Japanese, whose CS1 quotes titles.
    is_zh = is_zh or (language_label is not None and language_label.endswith("语"))

    published: PartialDate | None = None
    if style.PAREN_DATES:
        for m in scan.take(_PAREN_DATE):
            published = published or parse_date(m.group(1))
            accessed = accessed or (parse_date(m.group(2)) if m.group(2) else None)
    if style.BRACKETED_ACCESS and "[" in scan.text and (found := _take_zh_dates(scan)):
        is_zh = True
        published, accessed = published or found[0], accessed or found[1]
    pages = None
    for m in scan.take(_LOCATORS):
        pages = pages or m.group("pages") or m.group("upper") or m.group("zh")

    fields = style.read(scan.text, zh=is_zh)
    published = published or fields.published
    if not original_urls and archive_urls and (unwrapped := _unwrap(archive_urls[0])):
        # A snapshot given alone stands for the page it copied, captured on its timestamp.
        original_urls = [unwrapped[0]]
        archived = archived or unwrapped[1]
    url = next((u for u in announced if u in original_urls), None) or next(
        iter(original_urls), None
    )
    unread = list(dict.fromkeys(scan.unread))
    if fields.title is None and fields.titled:
        unread.append("title")
    if fields.leftover:
        unread.append(UNPLACED + " | ".join(fields.leftover))
    return Reference(
        label=label,
        line=line,
        raw=text.strip(),
        backlinks=backlinks,
        authors=fields.authors,
        title=fields.title,
        publisher=fields.container,
        published=published,
        accessed=accessed,
        archived=archived,
        has_archive=has_archive,
        language=language,
        language_label=language_label,
        issn=issn,
        url=url,
        archive_url=archive_urls[0] if archive_urls else None,
        url_status=url_status,
        identifiers=tuple(identifiers),
        pages=pages or fields.pages,
        template_errors=errors,
        unread=tuple(unread),
    )


def _compatible(text: str) -> str:
    """``text`` with PDF compatibility characters read as what they stand for (NFKC)."""
    return text.translate(_COMPAT) if _COMPAT_CHARS.search(text) else text


def _markdown(text: str) -> str:
    """Markdown links, escapes and emphasis as plain text: ``[text](url)`` -> ``text url``."""
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    if "](" in text:
        text = _MD_LINK.sub(_link_text, text)
    if "][" in text:
        text = _MD_REF_LINK.sub(r" \1 ", text)
    if "{:" in text:
        text = _MD_ATTRS.sub("", text)
    if "*" in text or "_" in text:
        text = _MD_EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    return " ".join(text.split())


def _link_text(m: re.Match[str]) -> str:
    text, target = m.group(1).strip(), m.group(2)
    before = m.string[max(0, m.start() - 6) : m.start()].rstrip()
    left = " " if before[-1:] in ".,;:" else ""
    if not target.startswith(("http://", "https://")):  # a wiki link or an anchor: only text
        return left + text
    if before.endswith(("URL", "URL:")) or text.startswith(("http://", "https://")):
        return f"{left}{target} "
    host = (urlsplit(target).hostname or "").removeprefix("www.")
    # "[Sony.net](http://sony.net/)", "[Wayback Machine](…)": a site, not the cited page.
    if text.lower().removeprefix("www.") == host or _ARCHIVE_SERVICE.fullmatch(text):
        return left + text
    return f"{left}{text} {target} "


def _take_urls(scan: _Scan) -> tuple[list[str], list[str]]:
    """All the URLs, and those an access word announces ("URL:", "Available:", "入手先")."""
    urls: list[str] = []
    announced: list[str] = []
    for m in _URL.finditer(scan.text):
        urls.append(m.group(0))
        if _ANNOUNCED.search(scan.text, max(0, m.start() - 30), m.start()):
            announced.append(m.group(0))
    if urls:
        scan.text = " ".join(_URL.sub(" ", scan.text).split())
        scan.text = _EMPTY_BRACKETS.sub("", scan.text)
    elif "www." in scan.text and (bare := _BARE_WWW.search(scan.text)):
        urls.append(f"http://{bare.group(0)}")
        scan.text = " ".join((scan.text[: bare.start()] + " " + scan.text[bare.end() :]).split())
    return urls, announced


def _unwrap(archive_url: str) -> tuple[str, PartialDate | None] | None:
    """The original URL and the capture date of a Wayback-style snapshot link."""
    m = _SNAPSHOT.search(archive_url)
    if not m:
        return None
    return m.group(4), make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def _take_zh_dates(scan: _Scan) -> tuple[PartialDate | None, PartialDate | None] | None:
    """zh CS1's ``2023-09-13 [2023-09-18]``: the first publication date right before a bracketed
    access date, and the first access date. Found from the bracket: cheaper than from any date."""
    spans: list[tuple[int, int]] = []
    published = accessed = None
    for m in _ZH_ACCESS.finditer(scan.text):
        before = _DATE_AT_END.search(scan.text, max(0, m.start() - 40), m.start())
        if before:
            published = published or parse_date(before.group(1))
        # GB/T author-date brackets an uncertain year too ("佚名, [2024]"): the access date is
        # the one with a day.
        date = parse_date(m.group(1))
        if accessed is None or (date and date.day and not accessed.day):
            accessed = date
        spans.append((before.start() if before else m.start(), m.end()))
    if not spans:
        return None
    for start, end in reversed(spans):
        scan.text = f"{scan.text[:start]} {scan.text[end:]}"
    scan.text = " ".join(scan.text.split())
    return published, accessed
