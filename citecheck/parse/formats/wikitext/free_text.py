"""Refs written without a citation template, read by the reference-text reader with what only
the wikitext shows: links, their texts, italics."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from mwparserfromhell.nodes import ExternalLink, Tag, Template, Text
from mwparserfromhell.wikicode import Wikicode

from citecheck.lang import LANGUAGES
from citecheck.model import Reference
from citecheck.parse.formats.wikitext.archive_links import _wayback_date
from citecheck.parse.formats.wikitext.tree import (
    _BOLD_ITALIC,
    _Params,
    _plain,
    _squash,
    _tag_name,
    _template_name,
)
from citecheck.parse.reftext import is_archive_url, is_archived_copy, parse_reference_text

# Templates that render one external link, kept here until the wikis' tables name them: the URL
# made from the id parameter, the parameters that hold the link's text, and the site's name.
_LINK_TEMPLATES: dict[str, tuple[str, tuple[str, ...], str]] = {
    "imdb name": ("https://www.imdb.com/name/nm{id}/", ("2", "name"), "IMDb"),
    "imdb title": ("https://www.imdb.com/title/tt{id}/", ("2", "title"), "IMDb"),
    "imdb character": ("https://www.imdb.com/character/ch{id}/", ("2", "name"), "IMDb"),
    "imdb company": ("https://www.imdb.com/company/co{id}/", ("2", "name", "company"), "IMDb"),
}

# Words of an access clause: link text holding one ("[http://… accessed 1 Jan 2008]") says when
# the page was read, not what it is called.
_ACCESS_WORDS = tuple(sorted({n for lang in LANGUAGES.values() for n, _ in lang.accessed_clauses}))

# An external link in the marked text of a free-text ref: U+E000, its index, U+E001.
_LINK_MARK = re.compile("\ue000(\\d+)\ue001")

_ITALIC = re.compile(r"(?<!')''(?!')(.+?)(?<!')''(?!')")

# A title in quotes before the italics: the article, the italics its newspaper or book.
_QUOTED = re.compile(r"[\"“‘]([^\"“”‘’]{3,300})[\"”’]")

# "Surname, Given" (or initials) opening the ref, right before a link, italics or a year.
_LEADING_AUTHOR = re.compile(
    r"^\s*([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?, (?:[A-Z][\w'’-]*\.? ?){1,3}?)[.,]?\s*"
    r"(?=\ue000|''|\(|$)"
)

# Where one work may end and the next begin: "; ", "--", or a sentence before "Surname, G. (1990)".
_WORK_BREAK = re.compile(r";\s+|\s*--\s*|(?<=[.)])\s+(?=[A-Z][\w'’-]+, [A-Z][\w.' -]*\(\d{4})")

_WORK_SIGN = re.compile(r"\ue000|https?://|\b(?:1[5-9]|20)\d\d\b")


@dataclass(frozen=True)
class _Link:
    url: str
    text: str  # as shown, empty for a bare or numbered link
    site: str | None = None  # the site a link template names


def _read_free_text(
    content: Wikicode, label: str, line: int, backlinks: tuple[str, ...]
) -> Reference:
    """A ref written without a citation template, read by the reference-text reader as its
    rendering would be, then given what only the wikitext shows: an external link's text is the
    title and its URL the url (an archive link, by its URL or its text, the archive_url); the
    italics after a titled link are the work; a leading ``Surname, Given`` is the author.

    A remark before ``--`` that names no work is left out. A ref holding several works (parts
    split at ``;``, ``--`` or a sentence that starts with an author and a year, at least two of
    them with a year or a link) is read from its first work only: fields are never merged across
    works, so no date rule compares two books' dates and no title meets another work's date. The
    Reference stays one entry (its ``raw`` holds every work); the other works' links are its
    ``more_urls``, checked like its ``url``.
    """
    links: list[_Link] = []
    marked = _squash(_marked(content, links))
    comment, dash, rest = marked.partition("--")
    if dash and not _WORK_SIGN.search(comment) and _WORK_SIGN.search(rest):
        marked = rest.strip()  # "A remark.--Langdon, A. G. (1896) …": the remark is no field
    parts = [p for p in _WORK_BREAK.split(marked) if p.strip()]
    works = [p for p in parts if _WORK_SIGN.search(p)]
    more_urls: tuple[str, ...] = ()
    if len(works) > 1:
        marked = works[0]
        more: list[str] = []
        for work in works[1:]:
            found = [links[int(i)] for i in _LINK_MARK.findall(work)]
            # A work with an archive link of its own loses nothing when its page dies.
            if not any(is_archive_url(k.url) for k in found):
                more += [k.url for k in found if k.url]
        more_urls = tuple(dict.fromkeys(more))
    shown = [links[int(i)] for i in _LINK_MARK.findall(marked)]

    def unmark(text: str, *, urls: bool) -> str:
        def link(m: re.Match[str]) -> str:
            found = links[int(m[1])]
            return f" {found.text} {found.url} " if urls else f" {found.text} "

        return _squash(_BOLD_ITALIC.sub("", _LINK_MARK.sub(link, text)))

    reference = parse_reference_text(
        unmark(marked, urls=True), label=label, line=line, backlinks=backlinks
    )
    archive = next(
        (k for k in shown if is_archived_copy(k.url, k.text)),
        None,
    )
    original = next((k for k in shown if k is not archive and not is_archive_url(k.url)), None)
    changes: dict[str, object] = {}
    linked_title = False  # the link's text is the title: the italics are then the work
    if archive is not None:
        archived = reference.archived or _wayback_date(archive.url)
        changes.update(archive_url=archive.url, has_archive=True, archived=archived)
    if original is not None:
        changes["url"] = original.url
        title = original.text.strip(" \"“”'‘’«»")
        if title and not any(word in title for word in _ACCESS_WORDS) and "://" not in title:
            site = original.site
            if site is None and " | " in title:  # "Title | Site", as the page's <title> reads
                title, site = (t.strip() for t in title.rsplit(" | ", 1))
            outside = _LINK_MARK.sub(" ", marked)
            italic = next((_squash(m[1]) for m in _ITALIC.finditer(outside)), None)
            changes.update(title=title, publisher=italic or site or reference.publisher)
            changes["unread"] = tuple(u for u in reference.unread if u != "title")
            linked_title = True
    if author := _LEADING_AUTHOR.match(marked):
        name = _squash(author[1]).rstrip(",")
        if not reference.authors or (
            name != reference.authors[0] and name.startswith(reference.authors[0].rstrip("."))
        ):
            changes["authors"] = (name, *reference.authors[1:])
            # The reader may have left the name (or what it did not take of it) in the title.
            read_title = reference.title
            lead = unmark(marked[: author.end()], urls=False).rstrip(" .,")
            rest = name[len(reference.authors[0].rstrip(".")) :] if reference.authors else lead
            rest = rest.strip(" .")
            if "title" not in changes and read_title and rest and read_title.startswith(rest):
                changes["title"] = read_title[len(rest) :].lstrip(" .,") or None
    if not linked_title:
        now = changes.get("title", reference.title)
        if (italics := _italic_title(marked, str(now or ""))) is not None:
            title, work = italics
            changes.update(title=title, unread=tuple(u for u in reference.unread if u != "title"))
            if work is not None:
                changes["publisher"] = work
    if more_urls:
        changes["more_urls"] = tuple(u for u in more_urls if u != changes.get("url", reference.url))
    return replace(reference, **changes) if changes else reference  # type: ignore[arg-type]


def _italic_title(marked: str, read_title: str) -> tuple[str, str | None] | None:
    """The title (and work) the italics of a free-text ref show, where the text reader, which
    sees no italics, ran them into other words: ``Pevsner, N. (1970) ''Cornwall''; second ed.``
    is the book *Cornwall*, and ``"Illiterate Recruits" in ''The Times''`` an article in a
    newspaper. ``None`` when the reader placed the title apart from the italics (an article title
    before an italic journal), or there are no italics."""
    outside = _LINK_MARK.sub(" ", marked)
    found = _ITALIC.search(outside)
    if found is None:
        return None
    italic = _squash(_BOLD_ITALIC.sub("", found[1])).strip(" .,;:")
    if not italic or (read_title and (italic not in read_title or read_title == italic)):
        return None
    quoted = _QUOTED.search(outside, 0, found.start())
    if quoted is not None:
        return _squash(quoted[1]).strip(" .,"), italic
    return italic, None


def _marked(code: Wikicode, links: list[_Link]) -> str:
    """A free-text ref as a reader sees it, with its italics still marked ``''`` and each external
    link (or link template) replaced by a mark naming its index in ``links``."""
    parts: list[str] = []
    for node in code.nodes:
        if isinstance(node, Text):
            parts.append(node.value)
        elif isinstance(node, ExternalLink):
            text = _squash(_plain(node.title)) if node.title is not None else ""
            parts.append(f"\ue000{len(links)}\ue001")
            links.append(_Link(str(node.url).strip(), text))
        elif isinstance(node, Template) and (made := _link_template(node)) is not None:
            parts.append(f"\ue000{len(links)}\ue001")
            links.append(made)
        elif isinstance(node, Tag) and _tag_name(node) not in ("ref", "br") and node.contents:
            parts.append(_marked(node.contents, links))
        else:
            parts.append(_plain(Wikicode([node])))
    return "".join(parts)


def _link_template(template: Template) -> _Link | None:
    known = _LINK_TEMPLATES.get(_template_name(template))
    if known is None:
        return None
    pattern, title_params, site = known
    params = _Params(template)
    ident = params.first(("id", "1"))
    if ident is None:
        return None
    title = params.first(title_params)
    return _Link(
        pattern.format(id=ident[1].removeprefix("nm").removeprefix("tt")),
        title[1] if title else "",
        site,
    )
