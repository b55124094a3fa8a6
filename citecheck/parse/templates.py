"""Wiki templates that matter to citations, as data: names, aliases and parameter names per wiki.

The wikitext parser knows only the syntax (a template is a name and parameters); what a template
*means* is decided here, from the data of each language's wiki in ``citecheck/lang``. To teach
citecheck another wiki, add its template names and parameter aliases to its language module; no
parser code changes.

Names are compared after :func:`normalize_name` (namespace prefix dropped, ``_`` as space, case
folded), and parameter names after ``casefold`` and trimming, so ``Cite_web`` and ``cite web``,
``Access-Date`` and ``access-date`` are the same.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from citecheck.lang import LANGUAGES
from citecheck.lang import wiki_merged as merged
from citecheck.lang import wiki_union as union_of

_NAMESPACES = tuple(sorted(union_of("template_namespaces")))


@functools.lru_cache(maxsize=4096)  # a page names the same few templates and parameters
def normalize_name(name: str) -> str:
    """The form of a template or parameter name used as a key in these tables."""
    text = re.sub(r"[\s_]+", " ", name).strip().casefold()
    for prefix in _NAMESPACES:
        if text.startswith(prefix):
            return text[len(prefix) :].strip()
    return text


@dataclass(frozen=True)
class CitationScheme:
    """How one family of citation templates names its parameters.

    ``fields`` maps a Reference field to the parameter names that may carry it, most preferred
    first (the first non-empty one wins). ``authors`` lists ``(last, first)`` pairs of patterns
    with ``{n}`` for the author's number (``first`` may be empty for a whole-name parameter).
    """

    name: str
    fields: Mapping[str, tuple[str, ...]]
    authors: tuple[tuple[str, str], ...] = ()
    # A positional flag that sets the language, e.g. jawiki's {{Cite web|和書|…}}.
    positional_language: Mapping[str, str] = field(default_factory=dict)
    # Whether the template reports CS1's pairing errors (archive-url without archive-date…).
    # ruwiki's GOST-style templates do not, so flagging them there would cry wolf.
    cs1_errors: bool = False


# The roles a Reference field is read from, in order, where it is not simply its own name.
_FIELDS = (
    "title", "publisher", "date", "year", "access_date", "archive_url", "archive_date", "url",
    "language", "issn", "url_status", "pages", "chapter",
)  # fmt: skip


def _scheme(
    name: str,
    languages: tuple[str, ...],
    *,
    roles: Mapping[str, tuple[str, ...]] = MappingProxyType({}),
    authors: tuple[str, ...] = ("authors",),
    cs1_errors: bool = False,
) -> CitationScheme:
    """A scheme from the parameter names every language module gives it: for each field, each
    of its roles in turn, the names of ``languages`` first, in that order, then those of any
    other language (a new language's aliases need no change here)."""
    order = (*languages, *(code for code in LANGUAGES if code not in languages))
    wikis = [LANGUAGES[code].wiki for code in order]

    def names(role: str) -> tuple[str, ...]:
        return tuple(p for wiki in wikis for p in wiki.citation_params.get(name, {}).get(role, ()))

    return CitationScheme(
        name=name,
        fields=MappingProxyType(
            {f: tuple(p for role in roles.get(f, (f,)) for p in names(role)) for f in _FIELDS}
        ),
        authors=tuple(
            pair
            for role in authors
            for wiki in wikis
            for pair in wiki.citation_authors.get(name, {}).get(role, ())
        ),
        positional_language=MappingProxyType(
            {k: v for wiki in wikis for k, v in wiki.positional_language.get(name, {}).items()}
        ),
        cs1_errors=cs1_errors,
    )


# CS1 as used on en, zh, uk and ja, plus ruwiki's own {{cite web}} (same template name, older
# parameter names such as lang/deadlink) and ukwiki's Ukrainian aliases of the CS1 module. The
# work (site, newspaper, journal) comes before the publisher: it is what renderings show as the
# source, e.g. "Reuters" or "The Guardian".
CS1 = _scheme(
    "cs1",
    ("en", "uk", "ru"),
    roles=MappingProxyType(
        {"publisher": ("work", "publisher"), "date": ("date", "publication_date")}
    ),
    authors=("pairs", "names", "lists"),
    cs1_errors=True,
)
# ruwiki {{статья}} / {{публикация}} (GOST-style): издание is the periodical.
RU_ARTICLE = _scheme("ru-article", ("ru", "en"))
# ruwiki {{книга}} and ukwiki {{книга}}: издание/видання there is the edition, not the source.
BOOK = _scheme("book", ("ru", "uk", "en"))

SCHEMES: Mapping[str, CitationScheme] = MappingProxyType(
    {scheme.name: scheme for scheme in (CS1, RU_ARTICLE, BOOK)}
)

# Each table below is the union of one field of the language modules' wikis (citecheck/lang).
# Citation template name -> scheme name.
CITATION_TEMPLATES: Mapping[str, str] = merged("citation_templates")
# Archive link templates placed after a citation. ``archive`` says what |url= holds: the
# snapshot itself (Webarchive) or the original page, with |date= a Wayback timestamp (Wayback).
ARCHIVE_TEMPLATES: Mapping[str, str] = merged("archive_templates")
# Tags a wiki uses to say the cited URL no longer works.
DEAD_LINK_TEMPLATES: frozenset[str] = union_of("dead_link_templates")
# CS1 |url-status= values (and old |deadurl=/|deadlink=) meaning the original is gone.
DEAD_URL_VALUES: frozenset[str] = union_of("dead_url_values")
USURPED_URL_VALUES: frozenset[str] = frozenset({"usurped"})
# Footnote templates and the ref group they stand for. A group of None means "the template's
# |group= if given, else an ordinary reference" ({{refn}}).
NOTE_TEMPLATES: Mapping[str, str | None] = merged("note_templates")
# Short citations ({{sfn|Smith|2020|p=25}}): one reference per distinct argument list.
SFN_TEMPLATES: frozenset[str] = union_of("sfn_templates")
# Where the reference list or a notes list is rendered. |group= (or the notes templates
# themselves) makes it a notes list; |refs= may hold list-defined references.
REFLIST_TEMPLATES: frozenset[str] = union_of("reflist_templates")
NOTELIST_TEMPLATES: Mapping[str, str] = merged("notelist_templates")
# Inline templates that render text inside a sentence: name -> positional parameters whose
# values are shown, joined by a space. Other inline templates render nothing in a claim.
INLINE_TEXT_TEMPLATES: Mapping[str, tuple[int, ...]] = merged("inline_text_templates")
# Prefixes of families of inline text templates: {{lang-ru|…}}, {{lang-en|…}}.
INLINE_TEXT_PREFIXES: Mapping[str, tuple[int, ...]] = merged("inline_text_prefixes")
# Namespaces whose links are not prose: files (their captions may carry refs), categories.
FILE_NAMESPACES: frozenset[str] = union_of("file_namespaces")
CATEGORY_NAMESPACES: frozenset[str] = union_of("category_namespaces")


# Persistent identifiers a citation template may carry; a work with one is a printed or
# catalogued work (book, journal article), which needs no access date or web archive.
IDENTIFIER_PARAMS: tuple[str, ...] = (
    "doi", "isbn", "issn-l", "pmid", "pmc", "jstor", "oclc", "bibcode", "s2cid", "arxiv", "hdl",
)  # fmt: skip


def _check_fix_names() -> None:
    """Every parameter name a wiki writes fixes with (``Wiki.fix_params``, report/fixes.py) is
    one this scheme reads for that field, spelled as the tables key it: a pasted fix then reads
    back as what it says, and the report needs no tables to know what it wrote."""
    for code, lang in LANGUAGES.items():
        for scheme_name, names in lang.wiki.fix_params.items():
            fields = SCHEMES[scheme_name].fields
            for field_name, param in names.items():
                if normalize_name(param) != param or param not in fields[field_name]:
                    raise AssertionError(f"{scheme_name}/{code}: {param!r} is not a {field_name}")


_check_fix_names()
