"""The Markdown report: summary, claims with a status per marker, references, findings.

Readable in a terminal and rendered on a code host; same input, same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import unquote

from citecheck import __version__
from citecheck.model import Family, Finding, Marker, Reference, Report, Severity
from citecheck.report.cells import archived_cell, date_cell, uses_cell
from citecheck.report.fixes import report_fixes
from citecheck.report.status import by_label, cited_without_url, claim_statuses, marker_status

CLAIM_WIDTH = 60


def _cell(text: object) -> str:
    """Text safe inside a table cell."""
    return " ".join(str(text).split()).replace("\\", "\\\\").replace("|", "\\|")


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _short(text: str, width: int = CLAIM_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _codes(found: Iterable[Finding]) -> str:
    return ", ".join(sorted({f"`{f.code}`" for f in found}))


def _evidence(evidence: Mapping[str, Any]) -> str:
    parts = []
    for key, value in evidence.items():
        # What helps a reader: skip empty and false values, the raw text already shown and the
        # passage quoted on a line of its own.
        if value is None or value is False or key in ("raw", "passage"):
            continue
        if type(value) is str:  # the most common, first and without isinstance
            if value:
                parts.append(f"{key}: {value}")
        elif isinstance(value, (list, tuple)):  # a tuple of types: cheaper than a union
            if value:
                parts.append(f"{key}: {', '.join(map(str, value))}")
        elif not isinstance(value, str) or value:
            parts.append(f"{key}: {value!s}")
    return "; ".join(parts)


def _no_url_line(count: int) -> str:
    """The summary's word on cited entries without a URL, whose citations say not checked."""
    entries = "1 cited entry has" if count == 1 else f"{count} cited entries have"
    them = "it" if count == 1 else "them"
    return (
        f"{entries} no URL: nothing could be fetched to check {them}, so the claims citing "
        f"{them} say `not checked (no URL)` where no finding says more."
    )


def render_markdown(report: Report) -> str:
    article = report.article
    summary = report.summary
    uses = article.uses()
    out: list[str] = []
    title = article.title or unquote(report.source)
    out.append(f"# Citation audit: {title}")
    out.append("")
    out.append(
        f"Source `{report.source}` · audit date {report.today.isoformat()} · "
        f"citecheck {__version__}"
    )
    out.append("")
    out.append("## Summary")
    out.append("")
    out.append(
        f"{_n(summary.references, 'reference')}, {_n(len(article.notes), 'note')}, "
        f"{_n(summary.claims, 'claim')}, {_n(summary.findings, 'finding')}."
    )
    if not (article.claims or article.references or article.notes):
        out.append("")
        out.append(
            "Nothing to audit: no sentence with a citation marker and no reference list was "
            "found in this document."
        )
    cells = claim_statuses(report)
    if not report.checked_links and any(r.url or r.archive_url for r in article.references):
        out.append("")
        out.append(
            "Links were not checked (`--no-network`): dead links and archive problems are not "
            "in this report, and citations without a finding say `not checked`."
        )
    no_url = cited_without_url(report)
    if no_url:
        out.append("")
        out.append(_no_url_line(len(no_url)))
    out.append("")
    counts: dict[tuple[str, str], int] = {}
    for f in report.findings:
        # The members themselves: each is its str value, and cheaper to get than .value.
        key = ("unverified" if f.evidence.get("unverified") else f.family, f.severity)
        counts[key] = counts.get(key, 0) + 1
    severities = [s.value for s in Severity]
    out.append("| family | " + " | ".join(severities) + " | total |")
    out.append("| --- |" + " ---: |" * (len(severities) + 1))
    families = [f.value for f in Family] + (["unverified"] if summary.unverified else [])
    for fam in families:
        row = [counts.get((fam, s), 0) for s in severities]
        out.append(f"| {fam} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    out.append("")

    index = by_label(report.findings)
    out.append("## Claims")
    out.append("")
    out.append("| # | line | section | claim | citations |")
    out.append("| ---: | ---: | --- | --- | --- |")
    for claim in article.claims:
        cited = []
        for marker in cells[claim.id]:
            codes = ", ".join(f"`{code}`" for code in marker.codes)
            cited.append(f"[{marker.label}] {marker.word}" + (f" ({codes})" if codes else ""))
        out.append(
            f"| {claim.id} | {claim.line} | {_cell(claim.section or '—')} | "
            f"{_cell(_short(claim.text))} | {_cell('; '.join(cited))} |"
        )
    out.append("")

    out.append("## References")
    out.append("")
    checked = report.checked_links
    link_cols = " link | archive |" if checked else ""
    out.append(
        f"| label | title | language | published | accessed | archived | uses |{link_cols} "
        "findings |"
    )
    out.append("| ---: | --- | --- | --- | --- | --- | ---: |" + " --- |" * (2 * checked + 1))
    for ref in article.references:
        found = [f for f in index.get(ref.label, []) if f.reference == ref.label]
        archived = archived_cell(ref)
        uses_shown = uses_cell(ref, uses)
        statuses = ""
        if checked:
            link = report.links.get(ref.url, "—") if ref.url else "no URL"
            snap = report.snapshots.get(ref.archive_url, "—") if ref.archive_url else "none"
            statuses = f" {link} | {snap} |"
        out.append(
            f"| {ref.label} | {_cell(_short(ref.title or '—', 70))} | {ref.language or '—'} | "
            f"{date_cell(ref.published)} | {date_cell(ref.accessed)} | {archived} | {uses_shown} |"
            f"{statuses} {_codes(found) or _unfound(ref, checked)} |"
        )
    out.append("")

    fixes = report_fixes(report)
    if fixes:
        out.append("## Fixes")
        out.append("")
        for fix, template in fixes:
            out.append(f"- reference {fix.label} (`{fix.code}`): {fix.note}")
            if template is not None:
                out.append(f"  - paste into `{{{{{template.template}}}}}`: `{template.wikitext}`")
            else:
                shown = "; ".join(f"{k}: {v}" for k, v in fix.values().items())
                out.append(f"  - set {shown}")
        out.append("")

    out.append("## Findings")
    for severity in Severity:
        found = [f for f in report.findings if f.severity is severity]
        if not found:
            continue
        out.append("")
        out.append(f"### {severity.value} ({len(found)})")
        out.append("")
        for f in found:
            where = [f"line {f.line}"] if f.line else []
            if f.claims:
                where.append("claims " + ", ".join(map(str, f.claims)))
            out.append(f"- `{f.code}` {f.message} ({'; '.join(where)})")
            shown = _evidence(f.evidence)
            if shown:
                out.append(f"  - evidence: {shown}")
            passage = f.evidence.get("passage")
            if passage:
                language = f.evidence.get("passage_language") or "?"
                out.append(f"  - best passage ({language}): “{' '.join(str(passage).split())}”")
    if not report.findings:
        out.append("")
        out.append("No findings.")
    out.append("")
    return "\n".join(out)


def _unfound(ref: Reference, checked: bool) -> str:
    """A reference without a finding: ``ok`` when its links were checked, else why not (as a
    marker naming it says)."""
    return marker_status(Marker(ref.label), [], ref, checked_links=checked).word
