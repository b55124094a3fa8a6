"""rules: Article (+ evidence) -> Findings, pure.

A rule is one function in one module of this package, registered with ``@rule``: a stable code,
a family, a default severity, and a docstring that is its documentation (the README's code table
is generated from it). Selection works by hierarchy: ``all``, a family, or a code; the most
specific ``--select``/``--ignore`` wins.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from citecheck.model import Article, Family, Finding, FindingFix, Reference, Severity

if TYPE_CHECKING:
    from citecheck.evidence import Evidence, MalformedArchiveUrl


class Hit(NamedTuple):
    """What a rule reports; the registry adds the rule's code, family and default severity.

    A named tuple, not a frozen dataclass: rules make one per finding, thousands in a long
    article, and a tuple is made in a third of the time.
    """

    message: str
    reference: Reference | None = None
    claims: tuple[int, ...] = ()
    evidence: Mapping[str, Any] = MappingProxyType({})
    severity: Severity | None = None
    line: int | None = None
    # What to change in the citation, when the evidence says (the reporters write it out).
    fix: FindingFix | None = None


@dataclass(frozen=True)
class Context:
    """Everything a rule may look at."""

    article: Article
    today: dt.date
    uses: Mapping[str, tuple[int, ...]]
    # What the network said; None when links were not checked (--no-network).
    evidence: Evidence | None = None
    # Claim id -> the line it starts on.
    lines: Mapping[int, int] = field(default_factory=dict)
    # Whether the input shows URLs at all (wikitext, HTML, Markdown do; rendered text does not).
    shows_urls: bool = False
    # Archive URL -> why it names no snapshot, by the archives' grammar (read offline, before
    # the rules: see ``run``).
    malformed: Mapping[str, MalformedArchiveUrl] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        article: Article,
        today: dt.date,
        evidence: Evidence | None = None,
        malformed: Mapping[str, MalformedArchiveUrl] | None = None,
    ) -> Context:
        lines = {claim.id: claim.line for claim in article.claims}
        shows_urls = any(r.url for r in article.references)
        return cls(article, today, article.uses(), evidence, lines, shows_urls, malformed or {})

    def missing_notes(self) -> list[str]:
        """Note markers in the body that name no note."""
        notes = {n.label for n in self.article.notes}
        return sorted(label for label in self.uses if not label.isdigit() and label not in notes)


Check = Callable[[Context], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    family: Family
    severity: Severity
    check: Check
    doc: str
    # Whether it reads what cited pages say (``Evidence.pages``, ``snapshot_pages``,
    # ``supports``): when no chosen rule does, the checker reads no page.
    reads_pages: bool = False

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0]


RULES: dict[str, Rule] = {}


def rule(
    code: str, family: Family, severity: Severity, *, reads_pages: bool = False
) -> Callable[[Check], Check]:
    """Register a rule under a stable code (``reads_pages``: see ``Rule``)."""

    def register(check: Check) -> Check:
        if code in RULES:
            raise ValueError(f"rule code {code!r} registered twice")
        doc = inspect.cleandoc(check.__doc__ or "")
        RULES[code] = Rule(code, family, severity, check, doc, reads_pages)
        return check

    return register


def all_rules() -> list[Rule]:
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    return sorted(RULES.values(), key=lambda r: (list(Family).index(r.family), r.code))


class SelectionError(ValueError):
    """A ``select``/``ignore`` value names no rule code, family or ``all``."""


def select(select: Iterable[str] = ("all",), ignore: Iterable[str] = ()) -> list[Rule]:
    """Rules chosen by codes, family names or ``all``; the more specific choice wins. A single
    string is one name (``select="missing"``), not a list of letters."""
    select = [select] if isinstance(select, str) else select
    ignore = [ignore] if isinstance(ignore, str) else ignore
    rules = all_rules()
    known = {"all"} | {f.value for f in Family} | {r.code for r in rules}
    chosen, dropped = set(select), set(ignore)
    for name in sorted(chosen | dropped):
        if name not in known:
            raise SelectionError(f"unknown rule or family {name!r}")

    return [r for r in rules if _rank(r, chosen) > _rank(r, dropped)]


def _rank(r: Rule, names: set[str]) -> int:
    """How specifically ``names`` names the rule: 2 by code, 1 by family, 0 by all, -1 not."""
    ranks = {r.code: 2, r.family.value: 1, "all": 0}
    return max((ranks[n] for n in names if n in ranks), default=-1)


def run(
    article: Article,
    today: dt.date,
    rules: Iterable[Rule] | None = None,
    evidence: Evidence | None = None,
    malformed: Mapping[str, MalformedArchiveUrl] | None = None,
) -> tuple[Finding, ...]:
    """All findings of the chosen rules, in a stable order.

    ``evidence`` is what the network said (None: links not checked); ``malformed`` the archive
    URLs that name no snapshot (``citecheck.archives.malformed_archive_urls``, which ``audit``
    passes): rules read both and never the producers themselves."""
    ctx = Context.of(article, today, evidence, malformed)
    findings: list[Finding] = []
    for r in all_rules() if rules is None else rules:
        findings.extend(_findings(r, ctx))
    return tuple(sorted(findings, key=Finding.sort_key))


def _findings(r: Rule, ctx: Context) -> Iterator[Finding]:
    try:
        hits = list(r.check(ctx))
    except Exception as exc:  # one broken rule must not sink the audit
        yield Finding(
            code="internal-error",
            family=r.family,
            severity=Severity.ERROR,
            message=f"rule {r.code} failed: {type(exc).__name__}: {exc}",
        )
        return
    uses, lines = ctx.uses, ctx.lines
    for hit in hits:  # a rule may make thousands: kept to the plain steps
        ref = hit.reference
        label = None if ref is None else ref.label
        line = hit.line or (None if ref is None else ref.line)
        claims = hit.claims or (() if label is None else uses.get(label, ()))
        if line is None and hit.claims:
            line = lines.get(hit.claims[0])
        # A claim citing one entry twice ([5][5]) is listed once.
        claims = tuple(dict.fromkeys(claims))
        severity = hit.severity or r.severity
        yield Finding(
            r.code, r.family, severity, hit.message, label, claims, hit.evidence, line, hit.fix
        )
