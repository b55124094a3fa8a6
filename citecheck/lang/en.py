"""English: what citecheck knows of it."""

from citecheck.lang import Language, Wiki

# fmt: off
# The English parameter names ruwiki's {{статья}} and ru/ukwiki's {{книга}} accept.
_GOST_ENGLISH = {
    "title": ("title",), "publisher": ("publisher",), "date": ("date",), "year": ("year",),
    "access_date": ("accessdate", "access-date"), "archive_url": ("archiveurl", "archive-url"),
    "archive_date": ("archivedate", "archive-date"), "url": ("url",),
    "language": ("lang", "language"), "issn": ("issn",), "url_status": ("deadlink", "url-status"),
    "pages": ("pages", "page"),
}

LANGUAGE = Language(
    code="en",
    writes_spaces=True,
    own_letters=frozenset(),
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
    archive_link_words=(
        "archived", "archived from the original",
        "archived version", "wayback machine",
    ),
    language_labels={
        "russian": "ru", "english": "en", "ukrainian": "uk", "japanese": "ja", "chinese": "zh",
        "korean": "ko", "french": "fr", "german": "de", "belarusian": "be", "latin": "la",
        "spanish": "es", "italian": "it", "portuguese": "pt", "polish": "pl", "kazakh": "kk",
        "dutch": "nl", "arabic": "ar", "turkish": "tr", "swedish": "sv", "greek": "el",
        "vietnamese": "vi",
    },
    abbreviations=(
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "etc",
        "e.g", "i.e", "no", "vol", "pp", "fig", "approx", "gen", "gov", "sen", "rep", "u.s", "u.k",
        "u.n", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ),
    placeholder_titles=("archived copy", "archive copy", "untitled", "no title"),
    error_title_phrases=(
        r"(?<!\d)404(?!\d)", r"not\s+found", r"can(?:no|'|’)t\s+be\s+found",
        r"could\s+not\s+be\s+found", r"page\s+(?:does\s+not|doesn['’]t)\s+exist",
        r"no\s+longer\s+available",
    ),
    error_title_hints=(
        ("404",), ("found", "not"), ("found", "can"), ("exist", "does"), ("available", "longer"),
    ),
    error_title_filler=(
        "error", "http", "oops", "whoops", "sorry", "we", "you", "the", "this", "that",
        "requested", "looking", "for", "page", "file", "url", "is", "was", "were",
    ),
    redirect_words=("redirect",),
    translated_title_patterns=(r"trans[-_ ]?title",),
    months={
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
        "oct": 10, "nov": 11, "dec": 12,
    },
    month_pattern=(
        r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
        r"sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    ),
    year_words=(),
    archived_clauses=(
        ("Archived", r"Archived(?: \(PDF\))? from the original(?: \(PDF\))? on {date}\.?"),
        ("Archived", r"Archived {date} at {wayback}\.?"),
    ),
    archived_undated_clauses=(
        ("Archived", r"Archived(?: \(PDF\))? from the original(?: \(PDF\))?(?:\.|(?=\s*$))"),
    ),
    accessed_clauses=(
        # CS2 ({{citation}}) writes it in lower case after a comma: ", retrieved 2021-01-01".
        ("etrieved", r"[Rr]etrieved(?: on)? {date}(?:,? from)?\.?"),
        # IEEE brackets its access date; an unreadable one (09-10-2026: which is the month?) is
        # still the access clause, reported unread rather than left in the title. Harvard and
        # Vancouver (Elsevier) bracket it too: "(Accessed: 9 August 2024)".
        ("ccessed", r"[\[(]\s*[Aa]ccessed(?: on)?:?\s*([^\[\]()]*?)\s*[\])]\.?"),
        # Chicago notes write it in lower case: ", accessed January 15, 2023,".
        ("ccessed", r"[Aa]ccessed(?: on)?:? {date}[.,]?"),
        # Template parameter names typed as prose in free-text refs: ", accessdate: 23 June 2016".
        ("ccess", r"[Aa]ccess[ -]?date:? {date}[.,]?"),
        # Vancouver (NLM): "[cited 2020 Jan 5]".
        ("cited", r"\[\s*[Cc]ited\s+([^\[\]]*?)\s*\]\.?"),
    ),
    template_error_clauses=(
        (
            "(help)",
            r"(?:\{\{[^{}]*\}\}: )?(?:Check date values in|Unknown parameter|Missing or empty|"
            r"Cite has empty unknown parameter|External link in)[^()]*\(help\)",
        ),
        ("CS1 maint", r"CS1 maint: [^.]*\."),
    ),
    dead_link_words=("dead link", "permanent dead link"),
    medium_words=("online", "webpage", "web page", "internet"),
    availability_words=("Available from", "Available at", "Available online", "Retrieved from"),
    # ISO 690's "Online." as a sentence of its own.
    medium_clauses=(("Online.", r"(?:^|(?<=\.\s))Online\.(?=\s|$)"),),
    reference_signs=("retrieved", "accessed", "available", "et al", "press", "publish"),
    heading_part_prepositions=("for", "to", "of", "in"),
    heading_parts=("chapter", "section", "part", "the chapter", "this chapter"),
    heading_suffixes=("url", "urls"),
    unit_words={
        "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
        "m": "m", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
        "kg": "kg", "kilograms": "kg", "kilogrammes": "kg", "kilogram": "kg",
        "tonnes": "t", "tons": "t", "tonne": "t", "ton": "t",
        "hours": "h", "hour": "h", "hrs": "h", "minutes": "min", "minute": "min",
        "mins": "min", "min": "min",
        "days": "d", "day": "d", "years": "y", "year": "y",
        "%": "%", "percent": "%", "per cent": "%",
        "percentage points": "pp", "percentage point": "pp",
        "dollars": "usd", "euros": "eur", "pounds": "gbp", "yuan": "cny", "yen": "jpy",
        "roubles": "rub", "rubles": "rub", "hryvnias": "uah",
        "people": "", "persons": "",
    },
    multiplier_words={
        "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
        "mln": 10**6, "bn": 10**9,
    },
    approximate_words=(
        "about", "around", "approximately", "roughly", "nearly", "almost", "some", "circa",
        "an estimated", "up to",
    ),
    wiki=Wiki(
        template_namespaces=("template:",),
        file_namespaces=("file", "image"),
        category_namespaces=("category",),
        container_prefixes=("infobox", "navbox"),
        citation_templates=dict.fromkeys(
            (
                "cite web", "cite news", "cite journal", "cite book", "citation", "cite magazine",
                "cite press release", "cite report", "cite encyclopedia", "cite conference",
                "cite av media", "cite video", "cite tweet", "cite thesis", "cite interview",
                "cite periodical", "cite document", "cite episode", "cite arxiv",
                "cite newspaper", "cite paper",
            ),
            "cs1",
        ),
        citation_params={
            "cs1": {
                "title": ("title",),
                "work": (
                    "website", "work", "newspaper", "journal", "magazine", "periodical",
                    "encyclopedia", "site",
                ),
                "publisher": ("publisher", "agency"),
                "date": ("date",),
                "publication_date": ("publication-date", "publication date"),
                "year": ("year",),
                "access_date": ("access-date", "accessdate", "access date", "access_date"),
                "archive_url": ("archive-url", "archiveurl", "archive url", "archive_url"),
                "archive_date": ("archive-date", "archivedate", "archive date", "archive_date"),
                "url": ("url",),
                # lang and deadlink are ruwiki's older names of its own cite web.
                "language": ("language", "lang"),
                "issn": ("issn", "eissn"),
                "url_status": (
                    "url-status", "urlstatus", "deadurl", "dead-url", "deadlink", "dead-link",
                ),
                # Where in the work: two citations of one book at other pages or chapters are
                # two uses, not a duplicate.
                "pages": ("pages", "page", "pp", "p", "at"),
                "chapter": ("chapter", "contribution", "entry", "article", "section"),
            },
            # The English aliases ruwiki's and ukwiki's own templates accept.
            "ru-article": _GOST_ENGLISH,
            "book": _GOST_ENGLISH,
        },
        citation_authors={
            "cs1": {
                "pairs": (
                    ("last{n}", "first{n}"), ("surname{n}", "given{n}"),
                    ("author-last{n}", "author-first{n}"),
                ),
                "names": (("author{n}", ""),),
                "lists": (("authors", ""),),
            },
            "ru-article": {"authors": (("author{n}", ""),)},
            "book": {"authors": (("author{n}", ""),)},
        },
        archive_templates={
            "webarchive": "snapshot", "web archive": "snapshot", "wayback": "original",
        },
        dead_link_templates=("dead link", "deadlink", "dead", "404"),
        dead_url_values=("dead", "yes", "y", "true", "unfit"),
        live_url_values=("live", "no", "n", "false"),
        note_templates={
            "efn": "lower-alpha", "efn-ua": "upper-alpha", "efn-la": "lower-alpha",
            "efn-lr": "lower-roman", "efn-ur": "upper-roman", "efn-lg": "lower-greek",
            "comment": "comment", "refn": None,
        },
        sfn_templates=("sfn", "sfnp", "sfnm", "sfn-ua"),
        reflist_templates=("reflist", "references", "refs", "reflist-talk"),
        notelist_templates={
            "notelist": "lower-alpha", "notelist-ua": "upper-alpha", "notelist-la": "lower-alpha",
            "notelist-lr": "lower-roman", "notelist-ur": "upper-roman", "notes": "lower-alpha",
        },
        inline_text_templates={
            "lang": (2,), "ill": (1,), "iw": (1,), "nowrap": (1,), "nobr": (1,), "abbr": (1,),
            "transl": (2,), "convert": (1, 2), "small": (1,), "noflag": (1,),
        },
        inline_text_prefixes={"lang-": (1,)},
        fix_params={
            "cs1": {
                "archive_url": "archive-url", "archive_date": "archive-date",
                "url_status": "url-status",
            },
        },
        status_keyword_params=("url-status", "urlstatus"),
    ),
)
# fmt: on
