"""The JSON report: a stable schema documented in the README."""

from __future__ import annotations

import json
from typing import Any

from citecheck import __version__
from citecheck.model import PartialDate, Reference, Report
from citecheck.report.fixes import report_fixes
from citecheck.report.status import claim_statuses


def _date(value: PartialDate | None) -> str | None:
    return value.iso() if value else None


def reference_dict(ref: Reference, uses: int, report: Report | None = None) -> dict[str, Any]:
    links = report.links if report else {}
    snapshots = report.snapshots if report else {}
    return {
        "label": ref.label,
        "backlinks": list(ref.backlinks),
        "uses": uses,
        "authors": list(ref.authors),
        "title": ref.title,
        "publisher": ref.publisher,
        "published": _date(ref.published),
        "accessed": _date(ref.accessed),
        "archived": _date(ref.archived),
        "has_archive": ref.has_archive,
        "language": ref.language,
        "language_label": ref.language_label,
        "issn": ref.issn,
        "identifiers": list(ref.identifiers),
        "pages": ref.pages,
        "chapter": ref.chapter,
        "url": ref.url,
        "archive_url": ref.archive_url,
        "url_status": ref.url_status,
        "link_status": links.get(ref.url) if ref.url else None,
        "snapshot_status": snapshots.get(ref.archive_url) if ref.archive_url else None,
        "template_errors": list(ref.template_errors),
        "unread": list(ref.unread),
        "more_urls": list(ref.more_urls),
        "line": ref.line,
        "raw": ref.raw,
    }


def report_dict(report: Report) -> dict[str, Any]:
    article = report.article
    uses = article.uses()
    summary = report.summary
    statuses = claim_statuses(report)
    return {
        "citecheck": __version__,
        "source": {
            "path": report.source,
            "title": article.title,
            "today": report.today.isoformat(),
            "checked_links": report.checked_links,
        },
        "references": [
            reference_dict(r, len(uses.get(r.label, ())), report) for r in article.references
        ],
        "notes": [reference_dict(n, len(uses.get(n.label, ()))) for n in article.notes],
        "claims": [
            {
                "id": c.id,
                "section": c.section,
                "line": c.line,
                "text": c.text,
                "markers": [m.label for m in c.markers],
                # Per marker: ok, missing, dead…, or not-checked with why (report/status.py).
                "citations": [m.to_dict() for m in statuses[c.id]],
                # Per cited reference whose page was read: does it say the claim?
                "support": {label: dict(v) for label, v in report.supports.get(c.id, {}).items()},
            }
            for c in article.claims
        ],
        "findings": [
            {
                "code": f.code,
                "family": f.family.value,
                "severity": f.severity.value,
                "reference": f.reference,
                "claims": list(f.claims),
                "line": f.line,
                "message": f.message,
                "evidence": dict(f.evidence),
            }
            for f in report.findings
        ],
        "fixes": [
            {**fix.to_dict(), "template": template.to_dict() if template else None}
            for fix, template in report_fixes(report)
        ],
        "summary": {
            "references": summary.references,
            "claims": summary.claims,
            "findings": summary.findings,
            "by_family": dict(summary.by_family),
            "by_severity": dict(summary.by_severity),
            "unverified": summary.unverified,
        },
    }


def render_json(report: Report) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"
