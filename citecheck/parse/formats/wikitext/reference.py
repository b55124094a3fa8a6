"""One ref's content as a Reference: a citation template, a footnote, or free text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from mwparserfromhell.nodes import Template
from mwparserfromhell.wikicode import Wikicode

from citecheck.model import CitationSource, Reference
from citecheck.parse import templates as tables
from citecheck.parse import wikibounds
from citecheck.parse.formats.wikitext.archive_links import _with_archive_templates
from citecheck.parse.formats.wikitext.citation import (
    _citation_source,
    _citation_url,
    _read_citation,
)
from citecheck.parse.formats.wikitext.dead_links import _status_of
from citecheck.parse.formats.wikitext.free_text import _read_free_text
from citecheck.parse.formats.wikitext.tree import _NAMELESS_TEMPLATE, _Params, _template_name

# At most this many "}}" are added to close the templates a ref leaves open.
_MAX_CLOSED_TEMPLATES = 8


# Where a template stands in the text as given, its text there, and its layout (tree.Layout's
# parameters); None when the text there is not the template's (see _Source).
Placed = tuple[int, str, tuple[tuple[int, int, int], ...] | None]


@dataclass(frozen=True)
class _Source:
    """Where a ref stands in the document: its text, its span, and ``place``, which places a
    template of the indexed tree (None for one of no indexed tree), all in ``given``, the
    text as given."""

    raw: str
    span: tuple[int, int]
    place: Callable[[Template], Placed | None]
    given: str

    def placed(self, template: Template, reparsed: bool) -> Placed | None:
        """``template`` placed in the text as given; a template of a ref re-read after a
        repair is printed and looked for in the ref's text. None where the text there is not
        the template's: a repair made it, or put a ``</ref>`` inside it, and a fix pasting the
        repair would break the page."""
        if not reparsed:
            return self.place(template)
        text = str(template)
        found = self.raw.find(text)
        at = self.span[0] + found
        if found < 0 or not self.given.startswith(text, at):
            return None
        return at, text, None


def _read_content(
    content: Wikicode,
    source: _Source,
    label: str,
    line: int,
    backlinks: tuple[str, ...],
    is_note: bool,
    found: list[str],
) -> Reference:
    """The Reference a ref's ``content`` gives; ``source`` is the whole ref's, and ``found``
    the problems the caller met around it (listed after those of the content)."""
    raw = source.raw
    errors: list[str] = []
    reparsed = False
    # The checks read ``raw``, printed already: the content plus balanced ref or note markup.
    if _NAMELESS_TEMPLATE.search(raw) or raw.count("{{") > raw.count("}}"):
        text = str(content)
        if _NAMELESS_TEMPLATE.search(text):
            # Read the parameters anyway: a nameless template in a ref is almost always a citation.
            text = _NAMELESS_TEMPLATE.sub("{{citation|", text, count=1)
            errors.append("template with no name (read as a citation)")
        missing = text.count("{{") - text.count("}}")
        if missing > 0:
            # A citation left open needs one or two; thousands of "{{" are no citation.
            text += "}}" * min(missing, _MAX_CLOSED_TEMPLATES)
            errors.append("template is never closed")
        content = wikibounds.parse(text)
        reparsed = True
    templates = content.filter_templates()
    read: dict[int, _Params] = {}

    def params_of(template: Template) -> _Params:
        if (params := read.get(id(template))) is None:
            params = read[id(template)] = _Params(template)
        return params

    citations = [t for t in templates if _template_name(t) in tables.CITATION_TEMPLATES]
    cited: CitationSource | None = None
    if citations:
        citation = citations[0]
        scheme = tables.SCHEMES[tables.CITATION_TEMPLATES[_template_name(citation)]]
        reference = _read_citation(params_of(citation), scheme, label, line, backlinks, raw)
        if (placed := source.placed(citation, reparsed)) is not None:
            # Set with the other fields below: one replace of a Reference per ref.
            cited = _citation_source(citation, placed[1], scheme, placed[0], placed[2])
        if len(citations) > 1:
            # Several works: the fields are the first's, and so are the archive and dead-link
            # templates that follow it (those after the second citation are the second's); the
            # other works' links are checked too.
            templates = templates[: templates.index(citations[1])]
            more = [_citation_url(c, params_of(c), label, line) for c in citations[1:]]
            urls = tuple(dict.fromkeys(u for u in more if u and u != reference.url))
            reference = replace(reference, more_urls=urls)
    elif is_note:
        reference = Reference(label=label, line=line, raw=raw, backlinks=backlinks)
    else:
        reference = _read_free_text(content, label, line, backlinks)
    reference = _with_archive_templates(reference, templates)
    return replace(
        reference,
        raw=raw,
        template_errors=(*reference.template_errors, *errors, *found),
        # Only the ref's templates declare it, the dead-link tag first (see url_status).
        url_status=_status_of(templates, params_of),
        span=source.span,
        citation=cited if cited is not None else reference.citation,
    )
