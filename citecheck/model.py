"""The plain data that flows between the pipeline's stages.

Every stage takes and returns these frozen dataclasses: load -> Document, parse -> Article,
rules -> Finding, and the reporters read a Report. Nothing here does I/O.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day, as the source gave it."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        # Raises ValueError for impossible dates such as 2023-02-30.
        dt.date(self.year, self.month or 1, self.day or 1)

    def iso(self) -> str:
        """ISO 8601 at the date's own precision: ``2023``, ``2023-02`` or ``2023-02-16``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def earliest(self) -> dt.date:
        """The first day the date can mean: ``2023-02`` is 1 February 2023."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """The last day the date can mean: ``2023-02`` is 28 February 2023."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def surely_before(self, other: PartialDate) -> bool:
        """True only when every day this date may mean is before every day ``other`` may mean."""
        return self.latest() < other.earliest()

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True)
class Document:
    """An input as loaded: its text, its format name and where it came from."""

    text: str
    format: str
    origin: str


@dataclass(frozen=True)
class Marker:
    """A citation marker in the body: ``[16]`` (a reference) or ``[a]`` (a note)."""

    label: str

    @property
    def is_note(self) -> bool:
        """Whether the marker cites a note (``[a]``) rather than a numbered reference."""
        return not self.label.isdigit()

    def __str__(self) -> str:
        return f"[{self.label}]"


@dataclass(frozen=True)
class Claim:
    """A sentence of the body that carries at least one marker."""

    id: int
    section: str | None
    line: int
    text: str
    markers: tuple[Marker, ...]


# How text that no field could take is named in ``Reference.unread``: "unplaced text: …".
UNPLACED = "unplaced text: "


@dataclass(frozen=True)
class CitationSource:
    """A wikitext citation template as written, kept so that a fix edits its text in place
    rather than parsing the reference again (the template itself stays in the parser).

    Plain data, as the parse memo keeps it. ``params`` lays out each parameter in ``text``:
    ``(start, equals, end)``, its name ``text[start:equals]`` and its value
    ``text[equals + 1:end]``; ``equals`` is -1 for a positional one (its value from ``start``).
    ``keys`` are the parameters' names as the wiki's tables key them (case and spacing
    folded), and ``fields`` gives, per Reference field the template has a named parameter for
    (even an empty one), the index of the first such parameter: read at parse time with the
    scheme's aliases, so ``archiveurl`` and ``архив`` are known without the tables.
    """

    name: str  # as written, trimmed: "cite web", "Статья"
    scheme: str  # the scheme its parameters are read by: "cs1", "ru-article", "book"
    span: tuple[int, int]  # in the document's text; text is that slice of it
    text: str
    # The layout kept flat, as text: every parsed article is memoised with its references, and
    # a warm re-audit loads them all while only the few that get a fix read these (a tuple per
    # parameter doubled the memo's load time). ``of`` builds them; the properties read them.
    layout: str  # each parameter's start, equals and end in turn, ","-joined
    key_text: str  # the keys, "\x1f"-joined
    field_text: str  # "field=index" per field, "\x1f"-joined

    @classmethod
    def of(
        cls,
        name: str,
        scheme: str,
        span: tuple[int, int],
        text: str,
        params: tuple[tuple[int, int, int], ...],
        keys: tuple[str, ...],
        fields: tuple[tuple[str, int], ...],
    ) -> CitationSource:
        return cls(
            name=name,
            scheme=scheme,
            span=span,
            text=text,
            layout=",".join(map(str, itertools.chain.from_iterable(params))),
            key_text="\x1f".join(keys),
            field_text="\x1f".join(f"{f}={i}" for f, i in fields),
        )

    @functools.cached_property
    def params(self) -> tuple[tuple[int, int, int], ...]:
        if not self.layout:
            return ()
        numbers = iter(map(int, self.layout.split(",")))
        return tuple(zip(numbers, numbers, numbers, strict=True))

    @functools.cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.key_text.split("\x1f")) if self.params else ()

    @functools.cached_property
    def fields(self) -> tuple[tuple[str, int], ...]:
        pairs = (item.rpartition("=") for item in self.field_text.split("\x1f") if item)
        return tuple((f, int(i)) for f, _, i in pairs)

    def name_of(self, index: int) -> str:
        """Parameter ``index``'s name as written, trimmed (``""`` for a positional one)."""
        start, equals, _ = self.params[index]
        return self.text[start:equals].strip() if equals >= 0 else ""

    def written(self, field_name: str) -> str | None:
        """The name, as written, of the first parameter carrying ``field_name``, if any."""
        for name, index in self.fields:
            if name == field_name:
                return self.name_of(index)
        return None

    def named_keys(self) -> tuple[str, ...]:
        """The keys of the named parameters (``|name=value``), in order."""
        return tuple(k for k, (_, eq, _) in zip(self.keys, self.params, strict=True) if eq >= 0)


@dataclass(frozen=True)
class Reference:
    """One entry of a reference list (or of a notes list), as far as its text could be read.

    ``raw`` is always the entry's full text, so nothing is lost when a field could not be read;
    ``unread`` names the fields the parser looked for and could not make sense of.
    """

    label: str
    line: int
    raw: str
    # One per use the rendered list links back to; empty when the source does not show them.
    backlinks: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    title: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None
    accessed: PartialDate | None = None
    archived: PartialDate | None = None
    # Some renderings say a page was archived without saying when (页面存档备份).
    has_archive: bool = False
    language: str | None = None
    language_label: str | None = None
    issn: str | None = None
    # Persistent identifiers of the work as written: "doi:10.1016/…", "ISBN 978-…", "PMID 123".
    identifiers: tuple[str, ...] = ()
    # Where in the work, as written: "1–5", "481-494", "22".
    pages: str | None = None
    # The part of the work cited, by its own title: a chapter, an entry, a section.
    chapter: str | None = None
    url: str | None = None
    archive_url: str | None = None
    # What the citation itself says of its URL: "dead", "live", "usurped", or None (unsaid).
    url_status: str | None = None
    template_errors: tuple[str, ...] = ()
    unread: tuple[str, ...] = ()  # text a style could not place starts with UNPLACED
    # An entry that cites several works (one <ref> with two books) is read from its first; the
    # other works' links are kept here, so they are checked too.
    more_urls: tuple[str, ...] = ()
    # Where ``raw`` stands in the document's text, when the reader knows it (wikitext); the
    # same entry read from another rendering compares equal, wherever it stands.
    span: tuple[int, int] | None = field(default=None, compare=False)
    # The citation template the fields were read from (wikitext), for fixes to edit.
    citation: CitationSource | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Article:
    """What a parser read from a document: the claims, the references and the notes."""

    claims: tuple[Claim, ...]
    references: tuple[Reference, ...]
    notes: tuple[Reference, ...] = ()
    title: str | None = None
    # Whether the document had a notes section at all (an empty one still counts).
    has_notes_section: bool = False

    def uses(self) -> dict[str, tuple[int, ...]]:
        """Claim ids per marker label, each claim once per marker it carries."""
        found: dict[str, list[int]] = {}
        for claim in self.claims:
            for marker in claim.markers:
                found.setdefault(marker.label, []).append(claim.id)
        return {label: tuple(ids) for label, ids in found.items()}


class Family(StrEnum):
    """The three kinds of finding: a citation missing, dead or not matching what it says."""

    MISSING = "missing"
    DEAD = "dead"
    MISMATCHED = "mismatched"


class Severity(StrEnum):
    """How sure and how serious a finding is: error, warning or info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """The order of severities: info 1, warning 2, error 3."""
        return _RANKS[self]


_RANKS = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


# -- fixes: what a finding's rule says to change in the citation, built from the evidence ------


@dataclass(frozen=True)
class CiteArchive:
    """Cite this capture: its address and, when known, its day (``archive-url``, ``-date``)."""

    archive_url: str
    archive_date: PartialDate | None = None
    note: str = ""


@dataclass(frozen=True)
class SetArchiveDate:
    """Correct the cited archive date to the capture's day."""

    archive_date: PartialDate
    note: str = ""


@dataclass(frozen=True)
class MarkUrlDead:
    """Mark the original URL dead (``url-status=dead``): readers get the archive first."""

    note: str = ""


# Closed: the reporters write each kind into a citation (report/fixes.py), in no rule's terms.
FindingFix = CiteArchive | SetArchiveDate | MarkUrlDead


@dataclass(frozen=True)
class Finding:
    """One problem, with the rule that found it, the evidence it rests on and, where the
    evidence supports one, the fix."""

    code: str
    family: Family
    severity: Severity
    message: str
    reference: str | None = None
    claims: tuple[int, ...] = ()
    evidence: Mapping[str, Any] = field(default_factory=dict, hash=False)
    line: int | None = None
    fix: FindingFix | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "evidence", _frozen(self.evidence))

    def sort_key(self) -> tuple[int, int, str, str]:
        """Document order: findings about markers first, then by reference label."""
        if self.reference is None:
            ref = -1
        else:
            ref = int(self.reference) if self.reference.isdigit() else 10**6
        return (ref, self.line or 0, self.code, self.message)


@dataclass(frozen=True)
class Summary:
    """Counts of findings per family and per severity.

    Links that could not be checked (a bot wall, a rate limit, not in the cassette) are counted
    apart as ``unverified``, not in their family: nothing was found wrong with them.
    """

    references: int
    claims: int
    by_family: Mapping[str, int]
    by_severity: Mapping[str, int]
    unverified: int = 0

    @property
    def findings(self) -> int:
        """How many findings the report has in all."""
        return sum(self.by_severity.values())

    def __str__(self) -> str:
        fam = ", ".join(f"{self.by_family.get(f.value, 0)} {f.value}" for f in Family)
        if self.unverified:
            fam += f", {self.unverified} unverified"
        sev = ", ".join(f"{self.by_severity.get(s.value, 0)} {s.value}" for s in Severity)
        return (
            f"{_count(self.references, 'reference')}, {_count(self.claims, 'claim')}, "
            f"{_count(self.findings, 'finding')} ({fam}; {sev})"
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@dataclass(frozen=True)
class Report:
    """The result of an audit: the source, what was read, and what was found."""

    source: str
    today: dt.date
    article: Article
    findings: tuple[Finding, ...]
    # Link statuses when links were checked: original URL -> alive/dead/…, archive URL -> ok/….
    links: Mapping[str, str] = field(default_factory=dict, hash=False)
    snapshots: Mapping[str, str] = field(default_factory=dict, hash=False)
    # When pages were read for claim support: claim id -> reference label -> the verdict as
    # the JSON report gives it (``citecheck.evidence.Support.to_dict``).
    supports: Mapping[int, Mapping[str, Mapping[str, Any]]] = field(
        default_factory=dict, hash=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "links", _frozen(self.links))
        object.__setattr__(self, "snapshots", _frozen(self.snapshots))
        object.__setattr__(self, "supports", MappingProxyType(dict(self.supports)))

    @property
    def checked_links(self) -> bool:
        """Whether the audit checked links (the report then shows their statuses)."""
        return bool(self.links or self.snapshots)

    @functools.cached_property  # the report and the command's last line both ask for it
    def summary(self) -> Summary:
        """The counts of the report's findings per family and severity."""
        # Keyed by the enum members, which are their str values (a member's .value costs more).
        fam: dict[str, int] = {f.value: 0 for f in Family}
        sev: dict[str, int] = {s.value: 0 for s in Severity}
        unverified = 0
        for finding in self.findings:
            if finding.evidence.get("unverified"):
                unverified += 1
            else:
                fam[finding.family] += 1
            sev[finding.severity] += 1
        return Summary(
            references=len(self.article.references),
            claims=len(self.article.claims),
            by_family=MappingProxyType(fam),
            by_severity=MappingProxyType(sev),
            unverified=unverified,
        )
