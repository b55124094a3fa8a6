"""A citation template's meaning: its parameters read into Reference fields by the wiki's
tables (``citecheck.parse.templates``), and kept as plain data for fixes to edit."""

from __future__ import annotations

import functools
import re

from mwparserfromhell.nodes import Template

from citecheck.model import CitationSource, PartialDate, Reference
from citecheck.parse import templates as tables
from citecheck.parse.dates import parse_date
from citecheck.parse.formats.wikitext.tree import _Params, _plain, _squash, _template_name
from citecheck.parse.languages import language_code

_YEAR = re.compile(r"^(\d{4})[a-z]?$")


def _citation_source(
    template: Template,
    text: str,
    scheme: tables.CitationScheme,
    start: int,
    layout: tuple[tuple[int, int, int], ...] | None = None,
) -> CitationSource | None:
    """The citation ``template`` (printed: ``text``, starting at ``start`` in the document) as
    plain data: where each parameter lies in its text, and which parameter carries which field
    (the first named one among the field's aliases, even empty, as a fix should set it).

    ``layout`` is the one the tree's index recorded (``tree.Layout``), which spares printing
    each parameter again; a ref re-read after a repair has none, and is measured."""
    if layout is None:
        layout = _layout_by_printing(template)
        if (layout[-1][2] if layout else 2 + len(str(template.name))) + 2 != len(text):
            return None  # pragma: no cover - a template prints as its parts
    by_key = _fields_by_key(scheme.name)
    keys: list[str] = []
    fields: dict[str, int] = {}
    positional = 0
    for index, (at, equals, _) in enumerate(layout):
        if equals < 0:  # named by its number among the positional ones, as mwparserfromhell does
            positional += 1
            keys.append(str(positional))
            continue
        key = tables.normalize_name(text[at:equals])
        keys.append(key)
        for field_name in by_key.get(key, ()):
            fields.setdefault(field_name, index)  # in parameter order: the first one wins
    return CitationSource.of(
        name=text[2 : layout[0][0] - 1 if layout else -2].strip(),
        scheme=scheme.name,
        span=(start, start + len(text)),
        text=text,
        params=layout,
        keys=tuple(keys),
        fields=tuple(fields.items()),
    )


def _layout_by_printing(template: Template) -> tuple[tuple[int, int, int], ...]:
    """The layout the index records (``tree.Layout``), measured by printing each parameter
    (a tree without an index)."""
    at = 2 + len(str(template.name))  # {{name|…
    params: list[tuple[int, int, int]] = []
    for param in template.params:
        at += 1
        if param.showkey:
            equals = at + len(str(param.name))
            end = equals + 1 + len(str(param.value))
        else:
            equals, end = -1, at + len(str(param.value))
        params.append((at, equals, end))
        at = end
    return tuple(params)


@functools.cache
def _fields_by_key(scheme_name: str) -> dict[str, tuple[str, ...]]:
    """A scheme's parameter names (as the tables key them) -> the fields each may carry."""
    found: dict[str, list[str]] = {}
    for field_name, aliases in tables.SCHEMES[scheme_name].fields.items():
        for alias in aliases:
            found.setdefault(alias, []).append(field_name)
    return {key: tuple(names) for key, names in found.items()}


def _citation_url(template: Template, params: _Params, label: str, line: int) -> str | None:
    """The url of a further citation template in a ref, whose other fields are not read; None
    when it has an archive of its own (a dead original is then no loss to its reader)."""
    scheme = tables.SCHEMES[tables.CITATION_TEMPLATES[_template_name(template)]]
    read = _read_citation(params, scheme, label, line, (), "")
    return None if read.archive_url or read.has_archive else read.url


def _read_citation(
    params: _Params,
    scheme: tables.CitationScheme,
    label: str,
    line: int,
    backlinks: tuple[str, ...],
    raw: str,
) -> Reference:
    errors: list[str] = []
    unread: list[str] = []

    def get(key: str) -> str | None:
        found = params.first(scheme.fields.get(key, ()))
        return found[1] if found else None

    def date(key: str) -> PartialDate | None:
        found = params.first(scheme.fields.get(key, ()))
        if found is None:
            return None
        parsed = parse_date(found[1])
        if parsed is None:
            errors.append(f"malformed date: |{found[0]}={found[1]}")
            unread.append(key)
        return parsed

    url, archive_url = get("url"), get("archive_url")
    accessed, archived = date("access_date"), date("archive_date")
    published = date("date")
    if published is None and "date" not in unread:
        published = date("year")
    if scheme.cs1_errors:
        has_archive_date = params.first(scheme.fields["archive_date"]) is not None
        if archive_url and not has_archive_date:
            errors.append("archive-url without archive-date")
        if has_archive_date and not archive_url:
            errors.append("archive-date without archive-url")
        if params.first(scheme.fields["access_date"]) and not url:
            errors.append("access-date without url")
        if archive_url and not url:
            errors.append("archive-url without url")

    language_label = get("language")
    language = _language(language_label) if language_label else None
    if language_label and language is None:
        unread.append("language")
    if language_label is None:
        for value in params.values.values():
            flag = _squash(_plain(value))
            if flag in scheme.positional_language:
                language_label, language = flag, scheme.positional_language[flag]

    return Reference(
        label=label,
        line=line,
        raw=raw,
        backlinks=backlinks,
        authors=_authors(params, scheme),
        title=get("title"),
        publisher=get("publisher"),
        published=published,
        accessed=accessed,
        archived=archived,
        has_archive=bool(archive_url or archived),
        language=language,
        language_label=language_label,
        issn=get("issn"),
        identifiers=tuple(
            f"{name} {found[1]}"
            for name in tables.IDENTIFIER_PARAMS
            if (found := params.first((name,))) is not None
        ),
        pages=get("pages"),
        chapter=get("chapter"),
        url=url,
        archive_url=archive_url,
        template_errors=tuple(errors),
        unread=tuple(unread),
    )


def _language(label: str) -> str | None:
    code = language_code(label)
    if code is None and re.search(r"[,;/]", label):
        # "ru, en": the first language is the one a rendering shows first.
        code = language_code(re.split(r"[,;/]", label, maxsplit=1)[0].strip())
    return code


def _authors(params: _Params, scheme: tables.CitationScheme) -> tuple[str, ...]:
    """Authors in CS1 order (the number: last = last1, then last2…), "Last, First"."""
    found: dict[int, str] = {}
    for number, last_name, first_name in _author_params(scheme.authors):
        if number in found or last_name not in params.values:
            continue
        last = params.first((last_name,))
        if last is None:
            continue
        first = params.first((first_name,)) if first_name else None
        found[number] = f"{last[1]}, {first[1]}" if first else last[1]
    return tuple(found[n] for n in sorted(found))


@functools.cache
def _author_params(patterns: tuple[tuple[str, str], ...]) -> tuple[tuple[int, str, str], ...]:
    """(number, last, first) parameter names of a scheme's author ``patterns``, in the order
    ``_authors`` tries them."""
    return tuple(
        (number, last.format(n=suffix), first.format(n=suffix) if first else "")
        for number in range(1, 10)
        for last, first in patterns
        for suffix in (("", "1") if number == 1 else (str(number),))
    )


def _sfn_reference(
    template: Template, label: str, line: int, backlinks: tuple[str, ...]
) -> Reference:
    """{{sfn|Smith|Jones|2020|p=25}}: authors, then the year; the full work is elsewhere."""
    positional = [
        _squash(_plain(p.value)) for p in template.params if not p.showkey and str(p.value).strip()
    ]
    years = [match for v in positional if (match := _YEAR.match(v))]
    year = years[-1] if years else None
    authors = tuple(v for v in positional if year is None or v != year[0])
    published = parse_date(year[1]) if year else None
    return Reference(
        label=label,
        line=line,
        raw=str(template),
        backlinks=backlinks,
        authors=authors,
        published=published,
    )
