"""Archive link templates ({{Webarchive}}, {{Wayback}}, {{Архивировано}}) and Wayback dates."""

from __future__ import annotations

import re
from dataclasses import replace

from mwparserfromhell.nodes import Template

from citecheck.model import PartialDate, Reference
from citecheck.parse import templates as tables
from citecheck.parse.dates import parse_date
from citecheck.parse.formats.wikitext.tree import _Params, _template_name

_WAYBACK_STAMP = re.compile(r"/web/(\d{4})(\d{2})(\d{2})\d*")


def _with_archive_templates(reference: Reference, templates: list[Template]) -> Reference:
    """{{Webarchive}}, {{Wayback}} and {{Архивировано}} after a citation add its archive."""
    for template in templates:
        kind = tables.ARCHIVE_TEMPLATES.get(_template_name(template))
        if kind is None:
            continue
        params = _Params(template)
        url = params.first(("url", "ссылка"))
        date = params.first(("date", "дата"))
        archive_url: str | None = None
        archived: PartialDate | None = None
        if kind == "snapshot" and url:
            archive_url = url[1]
        elif kind == "original" and url:
            stamp = date[1] if date else "*"
            archive_url = f"https://web.archive.org/web/{stamp}/{url[1]}"
            if reference.url is None:
                reference = replace(reference, url=url[1])
        if date is not None:
            # {{Wayback|date=}} is a snapshot timestamp (20230914123456), others a date.
            timestamp = re.fullmatch(r"\d{14}|\d{8}", date[1])
            archived = _wayback_date(f"/web/{date[1]}") if timestamp else parse_date(date[1])
        if archived is None and archive_url:
            archived = _wayback_date(archive_url)
        reference = replace(
            reference,
            has_archive=True,
            archive_url=reference.archive_url or archive_url,
            archived=reference.archived or archived,
        )
    return reference


def _wayback_date(url: str) -> PartialDate | None:
    match = _WAYBACK_STAMP.search(url)
    if match is None:
        return None
    try:
        return PartialDate(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
