"""Whether a text is wikitext: refs and citation templates are near-certain signs."""

from __future__ import annotations

import re

from citecheck.parse import templates as tables

# The names detection looks for: enwiki's families (cite …, sfn…, efn…) and every wiki's
# citation, reference-list and notes-list templates (citecheck/lang/), longest first.
_FAMILIES = ("cite", "citation", "sfn", "efn")

_CITATION_NAMES = "|".join(
    re.escape(name)
    for name in sorted(
        {*_FAMILIES, *(n for n in tables.CITATION_TEMPLATES if not n.startswith(_FAMILIES))},
        key=lambda n: (-len(n), n),
    )
)

_REFLIST_NAMES = "|".join(
    re.escape(name)
    for name in sorted(
        tables.REFLIST_TEMPLATES | set(tables.NOTELIST_TEMPLATES),
        key=lambda n: (-len(n), n),
    )
)

_DETECT_SIGNS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"<ref[\s>/]", re.IGNORECASE), 0.6),
    # With parameters: rendered pages leak bare "{{cite journal}}: CS1 maint" messages.
    (re.compile(rf"\{{\{{\s*(?:{_CITATION_NAMES})[^{{}}]*\|", re.I), 0.5),
    (re.compile(rf"\{{\{{\s*(?:{_REFLIST_NAMES})\s*(?:\||\}}\}})", re.I), 0.5),
    (re.compile(r"^={2,6}[^=\n]+={2,6}\s*$", re.MULTILINE), 0.3),
    # A wikilink, but not the [[1]](#cite_note-1) of Markdown converted from a wiki page.
    (re.compile(r"\[\[[^\[\]\d|][^\[\]]*\]\](?!\()"), 0.2),
    (re.compile(r"\{\{[^{}|<>]+\|[^{}]*\}\}"), 0.2),
)

_HTML_DOCUMENT = re.compile(r"<(?:!doctype|html|body|head)\b|<(?:div|span|p)\s+class=", re.I)


def detect(text: str) -> float:
    """How sure we are that ``text`` is wikitext: refs and citation templates are near-certain.

    HTML (a saved page, with classed elements) is not wikitext even when it quotes some.
    """
    if _HTML_DOCUMENT.search(text[:5000]):
        return 0.0
    return min(1.0, sum(weight for pattern, weight in _DETECT_SIGNS if pattern.search(text)))
