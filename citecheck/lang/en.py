"""English: what citecheck knows of it."""

from citecheck.lang import Language

# fmt: off
LANGUAGE = Language(
    code="en",
    reference_headings=(
        "references", "citations", "sources", "footnotes", "bibliography", "works cited",
        "reference list", "literature", "literature cited", "references and notes",
        "notes and references", "cited works", "endnotes", "source",
    ),
    notes_headings=("notes", "explanatory notes"),
    ending_headings=("external links", "see also", "further reading"),
    edit_links=("edit", "edit source"),
    footer_phrases=(
        "this page was last edited", "text is available under the creative commons",
        "categories:", "hidden categories:", "retrieved from", "privacy policy",
    ),
    box_phrases=(
        "wikimedia commons has media related to", "scholia has a profile for",
        "scholia has a topic profile for", "wikiquote has quotations related to",
        "wikisource has original text related to", "wikisource has original works",
        "wikinews has news related to", "wikibooks has a book on the topic of",
        "wikivoyage has a travel guide for", "wikispecies has information related to",
        "library resources about",
    ),
)
# fmt: on
