"""What a ref says of its URL: a dead-link tag, or the citation's url-status parameter."""

from __future__ import annotations

from collections.abc import Callable

from mwparserfromhell.nodes import Template
from mwparserfromhell.wikicode import Wikicode

from citecheck.lang import wiki_union
from citecheck.parse import templates as tables
from citecheck.parse import wikibounds
from citecheck.parse.formats.wikitext.tree import _Params, _template_name

_LIVE_URL_VALUES = wiki_union("live_url_values")


def url_status(raw: str | Wikicode) -> str | None:
    """``dead``, ``live`` or ``usurped`` as a ref's wikitext (text, or already parsed) declares
    it, else None.

    A dead-link tag ({{dead link}}, {{失效链接}}, {{Недоступная ссылка}}…) wins over the citation's
    ``url-status``/``deadurl``/``deadlink`` parameter.
    """
    code = wikibounds.parse(raw) if isinstance(raw, str) else raw
    return _status_of(code.filter_templates(), _Params)


def _status_of(templates: list[Template], params_of: Callable[[Template], _Params]) -> str | None:
    """What ``url_status`` says, from a ref's templates (their parameters read by ``params_of``,
    so a citation's are read once)."""
    status: str | None = None
    for template in templates:
        name = _template_name(template)
        if name in tables.DEAD_LINK_TEMPLATES:
            return "dead"
        scheme_name = tables.CITATION_TEMPLATES.get(name)
        if scheme_name is None or status is not None:
            continue
        found = params_of(template).first(tables.SCHEMES[scheme_name].fields["url_status"])
        if found is not None:
            status = _url_status_value(found[1])
    return status


def _url_status_value(value: str) -> str | None:
    value = value.strip().casefold()
    if value in tables.DEAD_URL_VALUES:
        return "dead"
    if value in tables.USURPED_URL_VALUES:
        return "usurped"
    if value in _LIVE_URL_VALUES:
        return "live"
    return None
