"""Fixes an editor can paste: what to change in a citation, in the parameter names of its wiki.

Two steps, both pure:

1. A :class:`Fix` says *what* to change, whatever the input format: the archive URL and date to
   cite, and whether to mark the original URL dead. It is the typed fix a finding carries
   (:func:`fix_from_finding`), which its rule built from the evidence: ``archive-date-mismatch``
   cites the capture the archive serves, ``dead-url`` with a working archive (cited, or found by
   ``--suggest-archives``) marks the URL dead, and ``missing-archive`` cites the capture
   ``--suggest-archives`` found; :func:`merge_fixes` makes them one fix per reference. Nothing
   here reads a rule's code or its evidence's keys.
2. Where the reference is wikitext, :func:`template_fix` writes the fix as parameters of the
   citation template actually used, under the names its wiki writes: CS1 on en/zh/ja
   ``|archive-url= |archive-date= |url-status=dead``; ruwiki's ``{{cite web}}``
   ``|archiveurl= |archivedate= |deadlink=yes``; ruwiki's ``{{статья}}``/``{{публикация}}``/
   ``{{книга}}`` ``|архив= |архив дата=``; ukwiki's CS1 ``|url-архіву= |дата-архіву=``.

Parameter names are never invented here: each one chosen is an alias the parser reads for that
field (``citecheck.parse.templates`` checks the language modules' names on import), so a pasted
fix reads back as what it says. A parameter the template already has (even empty) keeps its own
spelling. Nothing here parses wikitext: the reader kept the template as written, with which
parameter carries which field (``Reference.citation``), and the fix edits that text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any, assert_never

from citecheck.lang import LANGUAGES, wiki_union
from citecheck.model import (
    CitationSource,
    CiteArchive,
    Finding,
    MarkUrlDead,
    PartialDate,
    Reference,
    Report,
    SetArchiveDate,
)
from citecheck.report.template_text import set_params

__all__ = [
    "Fix",
    "TemplateFix",
    "fix_from_finding",
    "guess_wiki",
    "merge_fixes",
    "template_fix",
]

ARCHIVE_URL = "archive_url"
ARCHIVE_DATE = "archive_date"
URL_STATUS = "url_status"

# Each wiki's spelling per (scheme, wiki), from the language modules (citecheck/lang:
# Wiki.fix_params); a wiki without its own (zh, ja) follows another's (Wiki.fixes_as).
_NAMES: Mapping[tuple[str, str], Mapping[str, str]] = MappingProxyType(
    {
        (scheme, code): names
        for code, lang in LANGUAGES.items()
        for scheme, names in lang.wiki.fix_params.items()
    }
)
_WIKI_ALIASES: Mapping[str, str] = MappingProxyType(
    {code: lang.wiki.fixes_as for code, lang in LANGUAGES.items() if lang.wiki.fixes_as}
)

# How each url-status parameter says "dead": CS1's keyword, the older switches' "yes".
_DEAD_VALUES: Mapping[str, str] = MappingProxyType(
    dict.fromkeys(wiki_union("status_keyword_params"), "dead")
)
_DEAD_SWITCH_VALUE = "yes"  # deadlink=yes, deadurl=yes, dead-url=yes

_UKRAINIAN_LETTERS = LANGUAGES["uk"].own_letters
# ukwiki's aliases spelled without those letters (the rest of its names have one).
_UKRAINIAN_NAMES = frozenset(LANGUAGES["uk"].wiki.wiki_signs)
_RUWIKI_SIGNS = frozenset(LANGUAGES["ru"].wiki.wiki_signs)


@dataclass(frozen=True)
class Fix:
    """What to change in one citation, in no template's terms.

    ``code`` is the finding the fix answers; ``note`` a one-line reason for a report.
    """

    label: str
    code: str
    archive_url: str | None = None
    archive_date: PartialDate | None = None
    url_dead: bool = False
    note: str = ""

    @property
    def empty(self) -> bool:
        return not (self.archive_url or self.archive_date or self.url_dead)

    def values(self) -> dict[str, str]:
        """Field -> value, in the order editors write them."""
        found: dict[str, str] = {}
        if self.archive_url:
            found[ARCHIVE_URL] = self.archive_url
        if self.archive_date:
            found[ARCHIVE_DATE] = self.archive_date.iso()
        if self.url_dead:
            found[URL_STATUS] = "dead"
        return found

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "code": self.code, "set": self.values(), "note": self.note}


def fix_from_finding(finding: Finding) -> Fix | None:
    """The fix a finding carries (its rule built it from the evidence), as what to change in
    its citation; ``None`` when it carries none or names no reference."""
    if finding.reference is None or finding.fix is None:
        return None
    label, code, fix = finding.reference, finding.code, finding.fix
    match fix:
        case CiteArchive():
            return Fix(label, code, fix.archive_url, fix.archive_date, note=fix.note)
        case SetArchiveDate():
            return Fix(label, code, archive_date=fix.archive_date, note=fix.note)
        case MarkUrlDead():
            return Fix(label, code, url_dead=True, note=fix.note)
    assert_never(fix)


def merge_fixes(fixes: Iterable[Fix]) -> list[Fix]:
    """One fix per reference, in first-seen order; a later fix fills what earlier ones left."""
    merged: dict[str, Fix] = {}
    for fix in fixes:
        have = merged.get(fix.label)
        if have is None:
            merged[fix.label] = fix
            continue
        merged[fix.label] = replace(
            have,
            code=have.code if fix.code in have.code.split(",") else f"{have.code},{fix.code}",
            archive_url=have.archive_url or fix.archive_url,
            archive_date=have.archive_date or fix.archive_date,
            url_dead=have.url_dead or fix.url_dead,
            note="; ".join(n for n in (have.note, fix.note) if n),
        )
    return list(merged.values())


# -- wikitext --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateFix:
    """A fix as parameters of the citation template a reference uses.

    ``params`` are ``(name, value)`` in the template's own spelling; ``corrected`` is the whole
    template with them set (existing values replaced, new ones appended), ready to paste.
    """

    label: str
    template: str
    wiki: str
    params: tuple[tuple[str, str], ...]
    corrected: str
    skipped: tuple[str, ...] = ()

    @property
    def wikitext(self) -> str:
        """``|archive-url=… |archive-date=… |url-status=dead``."""
        return " ".join(f"|{name}={value}" for name, value in self.params)

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "template": self.template,
            "wiki": self.wiki,
            "params": dict(self.params),
            "wikitext": self.wikitext,
            "corrected": self.corrected,
            "skipped": list(self.skipped),
        }


def guess_wiki(citation: CitationSource) -> str:
    """Which wiki's conventions a citation follows, from its parameter names alone.

    ukwiki's aliases (or Ukrainian letters in a name) mean ukwiki; the GOST templates, Russian
    names, ``lang`` or ``deadlink`` mean ruwiki; anything else is CS1 as en, zh and ja write it.
    """
    names = citation.named_keys()
    if _UKRAINIAN_NAMES & set(names) or any(_UKRAINIAN_LETTERS & set(name) for name in names):
        return "uk"
    if citation.scheme != "cs1":
        return "ru"
    cyrillic = any("а" <= char <= "я" for name in names for char in name)
    if cyrillic or _RUWIKI_SIGNS & set(names):
        return "ru"
    return "en"


def _dead_value(citation: CitationSource, name: str) -> str:
    # The key the tables know the name by: the template's own, or (a new one) the language
    # module's, written as the tables key it.
    key = next((k for i, k in enumerate(citation.keys) if citation.name_of(i) == name), name)
    return _DEAD_VALUES.get(key, _DEAD_SWITCH_VALUE)


def template_fix(reference: Reference, fix: Fix, *, wiki: str | None = None) -> TemplateFix | None:
    """``fix`` as parameters of ``reference``'s citation template, or ``None`` when the reference
    is not a wikitext citation template or nothing is left to change.

    ``wiki`` (``en``, ``zh``, ``ja``, ``ru``, ``uk``) is the wiki the article is from, when
    known; otherwise it is guessed from the template (:func:`guess_wiki`). A URL already
    declared dead (by the citation or a dead-link tag, as the reader read it) is not marked
    again.
    """
    citation = reference.citation
    if citation is None or fix.empty:
        return None
    chosen_wiki = _WIKI_ALIASES.get(wiki or "", wiki) or guess_wiki(citation)
    scheme_name = citation.scheme
    names = _NAMES.get((scheme_name, chosen_wiki)) or _NAMES[(scheme_name, _default(scheme_name))]
    wanted = fix.values()
    if URL_STATUS in wanted and reference.url_status == "dead":
        del wanted[URL_STATUS]
    params: list[tuple[str, str]] = []
    skipped: list[str] = []
    for field_name, value in wanted.items():
        name = citation.written(field_name) or names.get(field_name)
        if name is None:
            skipped.append(field_name)  # the template has no parameter for it
            continue
        params.append((name, _dead_value(citation, name) if field_name == URL_STATUS else value))
    if not params:
        return None
    return TemplateFix(
        label=reference.label,
        template=citation.name,
        wiki=chosen_wiki,
        params=tuple(params),
        corrected=set_params(citation, params),
        skipped=tuple(skipped),
    )


def _default(scheme_name: str) -> str:
    return "en" if scheme_name == "cs1" else "ru"


def report_fixes(report: Report) -> list[tuple[Fix, TemplateFix | None]]:
    """Each reference's fix from the report's findings, with its template parameters where the
    reference is a wikitext citation template (None for other inputs)."""
    refs = {r.label: r for r in report.article.references}
    fixes = merge_fixes(fix for f in report.findings if (fix := fix_from_finding(f)) is not None)
    return [
        (fix, template_fix(refs[fix.label], fix) if fix.label in refs else None) for fix in fixes
    ]
