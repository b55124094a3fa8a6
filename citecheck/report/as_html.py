"""The HTML report: one self-contained page to read in a browser.

The same content as the Markdown report (summary, claims with a coloured status per marker,
references, fixes, findings with their evidence and best quoted passage), plus filters by
family, severity and code, links to each cited page and snapshot, and a copy button per fix.

Self-contained: the style and the filters' script are inline; nothing is loaded from anywhere.
Pure and deterministic: same report, same bytes (no timestamps, no random ids). Every text that
comes from the document or the web is escaped (``html.escape``); only http(s) URLs become links,
so a citation's ``javascript:`` URL is shown as text, never followed. Text from the document
carries a ``lang`` attribute (the reference's declared language, the passage's, or one read from
its script), so a browser picks Chinese or Japanese glyphs for Han characters; the font stack
covers CJK and Cyrillic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from html import escape
from typing import Any
from urllib.parse import unquote, urlsplit

from citecheck import __version__
from citecheck.lang import LANGUAGES
from citecheck.model import Family, Finding, Marker, Reference, Report, Severity
from citecheck.report.cells import archived_cell, date_cell, uses_cell
from citecheck.report.fixes import report_fixes
from citecheck.report.status import by_label, findings_for, marker_status

__all__ = ["HEAD", "is_html_report", "render_html"]

# The page's first lines: what tells a file citecheck wrote (``is_html_report``).
HEAD = '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
_GENERATOR = re.compile(r'<meta name="generator" content="citecheck [^"\n]*">\n')
UNVERIFIED = "unverified"

_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile("[\uac00-\ud7af]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_UKRAINIAN = frozenset(LANGUAGES["uk"].own_letters)
_RUSSIAN = frozenset(LANGUAGES["ru"].own_letters)

_CSS = """
:root{--ok:#1a7f37;--missing:#b35900;--dead:#c62828;--mismatched:#7b3fb0;
--unsupported:#8a4b08;--unverified:#57606a;--error:#c62828;--warning:#9a6700;--info:#0969da;
--not-checked:#5a6f8c;--line:#d0d7de;--soft:#f6f8fa;--text:#1f2328}
*{box-sizing:border-box}
body{margin:0 auto;max-width:78rem;padding:1.2rem 1.5rem 3rem;color:var(--text);
background:#fff;line-height:1.55;font-size:15px;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,
"PingFang SC","Hiragino Sans","Microsoft YaHei","Yu Gothic","Meiryo","Noto Sans CJK SC",
"Noto Sans CJK JP","Source Han Sans SC","WenQuanYi Micro Hei","DejaVu Sans",sans-serif}
:lang(ja){font-family:"Hiragino Sans","Hiragino Kaku Gothic ProN","Yu Gothic","Meiryo",
"Noto Sans CJK JP","Source Han Sans JP","Noto Sans JP",system-ui,sans-serif}
:lang(zh){font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",
"Noto Sans SC","WenQuanYi Micro Hei",system-ui,sans-serif}
:lang(zh-Hant),:lang(zh-TW),:lang(zh-HK){font-family:"PingFang TC","Microsoft JhengHei",
"Noto Sans CJK TC","Source Han Sans TC",system-ui,sans-serif}
:lang(ko){font-family:"Apple SD Gothic Neo","Malgun Gothic","Noto Sans CJK KR",system-ui,
sans-serif}
code,pre{font-family:ui-monospace,"SFMono-Regular","DejaVu Sans Mono",Menlo,Consolas,
"Noto Sans Mono CJK SC",monospace;font-size:.9em}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;margin:2rem 0 .6rem;
border-bottom:1px solid var(--line);padding-bottom:.2rem}
a{color:#0969da}
table{border-collapse:collapse;width:100%;margin:.4rem 0}
th,td{border:1px solid var(--line);padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:var(--soft);font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.d{white-space:nowrap}
.meta{color:#57606a}
.note{background:#fff8c5;border:1px solid #d4a72c;padding:.4rem .7rem;border-radius:6px}
.status{display:inline-block;border-radius:1em;padding:0 .55em;margin:.1em .2em .1em 0;
font-size:.85em;font-weight:600;color:#fff;white-space:nowrap}
.status.ok{background:var(--ok)}.status.missing{background:var(--missing)}
.status.dead{background:var(--dead)}.status.mismatched{background:var(--mismatched)}
.status.unsupported{background:var(--unsupported)}.status.unverified{background:var(--unverified)}
.status.not-checked{background:var(--not-checked)}
.sev{display:inline-block;border:1px solid;border-radius:4px;padding:0 .4em;font-size:.8em;
font-weight:600;text-transform:uppercase}
.sev.error{color:var(--error)}.sev.warning{color:var(--warning)}.sev.info{color:var(--info)}
.codes{color:#57606a;font-size:.85em}
td.zero{color:#8c959f}
table.counts{width:auto;min-width:24rem}
.filters{display:flex;flex-wrap:wrap;gap:.6rem 1.5rem;background:var(--soft);
border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;
position:sticky;top:0;z-index:1}
.filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.3rem;
align-items:center}
.filters legend{float:left;font-weight:600;margin-right:.4rem}
.filters label{border:1px solid var(--line);border-radius:1em;padding:.05rem .6rem;
background:#fff;cursor:pointer;font-size:.9em}
.filters input{position:absolute;opacity:0;width:1px;height:1px}
.filters input:checked+span{font-weight:700}
.filters label:has(input:checked){background:#0969da;color:#fff;border-color:#0969da}
.filters input:focus-visible+span{outline:2px solid #0969da;outline-offset:2px}
#shown{flex-basis:100%;color:#57606a;font-size:.9em;margin:0}
.finding{border:1px solid var(--line);border-left:4px solid var(--line);border-radius:6px;
padding:.5rem .8rem;margin:.6rem 0}
.finding.error{border-left-color:var(--error)}.finding.warning{border-left-color:var(--warning)}
.finding.info{border-left-color:var(--info)}
.finding p{margin:.2rem 0}
dl.evidence{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.3rem 0;
font-size:.88em}
dl.evidence dt{color:#57606a}dl.evidence dd{margin:0;overflow-wrap:anywhere}
blockquote{margin:.4rem 0;padding:.3rem .8rem;border-left:3px solid #8c959f;background:var(--soft)}
.links a{margin-right:1rem}
.fix pre{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:.5rem;
white-space:pre-wrap;overflow-wrap:anywhere;margin:.3rem 0}
button.copy{font:inherit;font-size:.85em;cursor:pointer;border:1px solid var(--line);
border-radius:6px;background:#fff;padding:.1rem .6rem}
td.url{overflow-wrap:anywhere;font-size:.88em}
tr[id]{scroll-margin-top:10rem}
[hidden]{display:none!important}
"""

# The filters: one choice per group; an element shows when any of its findings (its data-hits,
# "family:severity:code" words) matches every group's choice; "all" matches anything, and an
# element without findings shows only when every group says "all".
_SCRIPT = """
(function(){
var form=document.getElementById("filters");if(!form)return;
var items=document.querySelectorAll("[data-hits]");
function chosen(name){var c=form.querySelector("input[name="+name+"]:checked");
return c?c.value:"all";}
function apply(){
var want=[chosen("family"),chosen("severity"),chosen("code")];
var all=want.every(function(w){return w==="all";});
var shown={claim:0,finding:0,reference:0},total={claim:0,finding:0,reference:0};
items.forEach(function(el){
var hits=el.getAttribute("data-hits").split(" ").filter(Boolean);
var show=all||hits.some(function(h){var p=h.split(":");
return want.every(function(w,i){return w==="all"||w===p[i];});});
el.hidden=!show;var kind=el.getAttribute("data-kind");
total[kind]++;if(show)shown[kind]++;});
document.getElementById("shown").textContent="Showing "+shown.claim+" of "+total.claim+
" claims, "+shown.finding+" of "+total.finding+" findings, "+shown.reference+" of "+
total.reference+" references.";}
form.addEventListener("change",apply);apply();
document.querySelectorAll("button.copy").forEach(function(b){
b.addEventListener("click",function(){
var text=document.getElementById(b.getAttribute("data-copy")).textContent;
function done(){b.textContent="Copied";}
if(navigator.clipboard&&navigator.clipboard.writeText){
navigator.clipboard.writeText(text).then(done,function(){fallback(text);done();});}
else{fallback(text);done();}});});
function fallback(text){var t=document.createElement("textarea");t.value=text;
document.body.appendChild(t);t.select();try{document.execCommand("copy");}catch(e){}
t.remove();}
})();
"""


def is_html_report(text: str) -> bool:
    """Whether ``text`` is an HTML report citecheck wrote: its head and its generator mark."""
    return text.startswith(HEAD) and _GENERATOR.match(text, len(HEAD)) is not None


def script_lang(text: str) -> str | None:
    """The language a text's script says, for its ``lang`` attribute: kana is ja, Han without
    kana zh, hangul ko, Cyrillic uk with Ukrainian letters and ru otherwise; None for Latin or
    nothing (the page's own en applies)."""
    if _KANA.search(text):
        return "ja"
    if _HAN.search(text):
        return "zh"
    if _HANGUL.search(text):
        return "ko"
    if _CYRILLIC.search(text):
        letters = set(text.lower())
        if letters & _UKRAINIAN and not letters & _RUSSIAN:
            return "uk"
        return "ru"
    return None


# The languages each script's text can be in, for trusting a declared language: a title in Han
# characters only may well be Japanese, one in kana never Chinese.
_SCRIPT_LANGUAGES = {
    "zh": frozenset({"zh", "ja", "ko"}),
    "ja": frozenset({"ja"}),
    "ko": frozenset({"ko"}),
    "ru": frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "mn", "tg", "tt", "ba"}),
    "uk": frozenset({"uk", "ru", "be"}),
}


def text_lang(text: str, declared: str | None = None) -> str | None:
    """The ``lang`` for ``text``: the declared language (a reference's tag, a passage's) when
    its script allows it (``zh-TW`` stays ``zh-TW``), otherwise what the script says, so a
    wrongly tagged title still gets its own glyphs."""
    script = script_lang(text)
    if not declared:
        return script
    if script is None or declared.split("-")[0].lower() in _SCRIPT_LANGUAGES[script]:
        return declared
    return script


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _lang_attr(lang: str | None) -> str:
    return f' lang="{_e(lang)}"' if lang else ""


def _text(value: str, declared: str | None = None) -> str:
    """Text from the document or the web, escaped, in its language when it has one."""
    lang = text_lang(value, declared)
    return f"<span{_lang_attr(lang)}>{_e(value)}</span>" if lang else _e(value)


def _link(url: str | None, label: str | None = None) -> str:
    """An http(s) URL as a link (opened without handing the page a referrer); any other scheme
    as plain text, never a link."""
    if not url:
        return "—"
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme not in ("http", "https"):
        return f"<code>{_e(url)}</code>"
    shown = _e(label if label is not None else url)
    return f'<a href="{_e(url)}" rel="noopener noreferrer nofollow">{shown}</a>'


def _anchor(prefix: str, label: str) -> str:
    """A stable id for a claim or reference: its own number or label, made id-safe."""
    return prefix + re.sub(r"[^0-9A-Za-z_-]", lambda m: f".{ord(m.group()):x}", label)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _family(finding: Finding) -> str:
    """The family a filter and the summary count a finding under."""
    return UNVERIFIED if finding.evidence.get("unverified") else finding.family.value


def _hits(found: Iterable[Finding]) -> str:
    words = dict.fromkeys(f"{_family(f)}:{f.severity.value}:{f.code}" for f in found)
    return " ".join(words)


def _status(kind: str, word: str = "") -> str:
    """A coloured status: ``kind`` its class (``ok``, ``not-checked``…), ``word`` what it says
    (the kind itself unless given: ``not checked (no URL)``)."""
    return f'<span class="status {kind}">{_e(word or kind)}</span>'


def _evidence_items(evidence: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Evidence worth showing, as (key, escaped value): the same choice as the Markdown report
    (no empty or false values, no raw text, the passage on its own)."""
    items: list[tuple[str, str]] = []
    for key, value in evidence.items():
        if value is None or value is False or key in ("raw", "passage"):
            continue
        if isinstance(value, (list, tuple)):
            if not value:
                continue
            shown = ", ".join(map(str, value))
        else:
            shown = str(value)
            if not shown:
                continue
        if isinstance(value, str) and key.endswith("url") and value.startswith(("http:", "https:")):
            items.append((key, _link(value)))
        else:
            items.append((key, _text(shown)))
    return items


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page (see the module's docstring)."""
    article = report.article
    title = article.title or unquote(report.source)
    index = by_label(report.findings)
    out: list[str] = [HEAD.rstrip("\n")]
    out.append(f'<meta name="generator" content="citecheck {_e(__version__)}">')
    out.append('<meta name="viewport" content="width=device-width, initial-scale=1">')
    out.append(f"<title>Citation audit: {_e(title)}</title>")
    out.append(f"<style>{_CSS}</style>")
    out.append("</head>")
    out.append("<body>")
    out.append(f"<header><h1>Citation audit: {_text(title)}</h1>")
    out.append(
        f'<p class="meta">Source <code>{_e(report.source)}</code> · audit date '
        f"{report.today.isoformat()} · citecheck {_e(__version__)}</p></header>"
    )
    _summary(report, out)
    _filters(report, out)
    _claims(report, index, out)
    _references(report, index, out)
    _fixes(report, out)
    _findings(report, out)
    out.append(f"<script>{_SCRIPT}</script>")
    out.append("</body>")
    out.append("</html>")
    return "\n".join(out) + "\n"


def _summary(report: Report, out: list[str]) -> None:
    article = report.article
    summary = report.summary
    out.append('<section id="summary"><h2>Summary</h2>')
    out.append(
        f"<p>{_n(summary.references, 'reference')}, {_n(len(article.notes), 'note')}, "
        f"{_n(summary.claims, 'claim')}, {_n(summary.findings, 'finding')}.</p>"
    )
    if not (article.claims or article.references or article.notes):
        out.append(
            '<p class="note">Nothing to audit: no sentence with a citation marker and no '
            "reference list was found in this document.</p>"
        )
    if not report.checked_links and any(r.url or r.archive_url for r in article.references):
        out.append(
            '<p class="note">Links were not checked (<code>--no-network</code>): dead links '
            "and archive problems are not in this report.</p>"
        )
    counts: dict[tuple[str, str], int] = {}
    for f in report.findings:
        key = (_family(f), f.severity.value)
        counts[key] = counts.get(key, 0) + 1
    severities = [s.value for s in Severity]
    families = [f.value for f in Family] + ([UNVERIFIED] if summary.unverified else [])
    out.append('<table class="counts"><thead><tr><th>family</th>')
    out.extend(f'<th class="n">{s}</th>' for s in severities)
    out.append('<th class="n">total</th></tr></thead><tbody>')
    for fam in families:
        row = [counts.get((fam, s), 0) for s in severities]
        cells = "".join(f'<td class="n{"" if n else " zero"}">{n}</td>' for n in row)
        out.append(f"<tr><th>{_status(fam)}</th>{cells}<td class='n'>{sum(row)}</td></tr>")
    out.append("</tbody></table></section>")


def _filters(report: Report, out: list[str]) -> None:
    """Radio groups, one per facet, each with only the values the report has (and "all")."""
    found = report.findings
    groups = [
        ("family", "Family", [*(f.value for f in Family), UNVERIFIED], [_family(f) for f in found]),
        ("severity", "Severity", [s.value for s in Severity], [f.severity.value for f in found]),
        ("code", "Code", sorted({f.code for f in found}), [f.code for f in found]),
    ]
    out.append('<form id="filters" class="filters" aria-label="Filters">')
    for name, legend, values, present in groups:
        counted: dict[str, int] = {}
        for value in present:
            counted[value] = counted.get(value, 0) + 1
        out.append(f'<fieldset id="filter-{name}"><legend>{legend}</legend>')
        out.append(
            f'<label><input type="radio" name="{name}" value="all" checked><span>all</span></label>'
        )
        for value in values:
            if value not in counted:
                continue
            out.append(
                f'<label><input type="radio" name="{name}" value="{_e(value)}">'
                f"<span>{_e(value)} ({counted[value]})</span></label>"
            )
        out.append("</fieldset>")
    out.append('<p id="shown" aria-live="polite"></p>')
    out.append("</form>")


def _claims(report: Report, index: dict[str, list[Finding]], out: list[str]) -> None:
    out.append('<section id="claims"><h2>Claims</h2>')
    out.append(
        '<table><thead><tr><th class="n">#</th><th class="n">line</th><th>section</th>'
        "<th>claim</th><th>citations</th></tr></thead><tbody>"
    )
    article = report.article
    entries = {e.label: e for e in (*article.notes, *article.references)}
    for claim in article.claims:
        cited: list[str] = []
        hits: list[Finding] = []
        for marker in claim.markers:
            found = findings_for(marker, index, claim.id)
            hits.extend(found)
            codes = ", ".join(sorted({f.code for f in found}))
            ref_link = f'<a href="#{_anchor("ref-", marker.label)}">{_e(marker)}</a>'
            status = marker_status(
                marker,
                found,
                entries.get(marker.label),
                checked_links=report.checked_links,
            )
            cited.append(
                f'<span class="cite">{ref_link} {_status(status.status.value, status.word)}'
                + (f' <span class="codes">{_e(codes)}</span>' if codes else "")
                + "</span>"
            )
        section = _text(claim.section) if claim.section else "—"
        out.append(
            f'<tr id="{_anchor("claim-", str(claim.id))}" data-kind="claim" '
            f'data-hits="{_e(_hits(hits))}"><td class="n">{claim.id}</td>'
            f'<td class="n">{claim.line}</td><td>{section}</td><td>{_text(claim.text)}</td>'
            f"<td>{'<br>'.join(cited)}</td></tr>"
        )
    out.append("</tbody></table></section>")


def _references(report: Report, index: dict[str, list[Finding]], out: list[str]) -> None:
    article = report.article
    uses = article.uses()
    checked = report.checked_links
    out.append('<section id="references"><h2>References</h2>')
    out.append(
        '<table><thead><tr><th class="n">label</th><th>title</th><th>language</th>'
        "<th>published</th><th>accessed</th><th>archived</th><th class='n'>uses</th>"
        "<th>link</th><th>archive</th><th>findings</th></tr></thead><tbody>"
    )
    for ref in article.references:
        found = [f for f in index.get(ref.label, []) if f.reference == ref.label]
        archived = archived_cell(ref)
        uses_shown = uses_cell(ref, uses)
        codes = ", ".join(sorted({f.code for f in found}))
        status = marker_status(Marker(ref.label), found, ref, checked_links=checked)
        out.append(
            f'<tr id="{_anchor("ref-", ref.label)}" data-kind="reference" '
            f'data-hits="{_e(_hits(found))}"><td class="n">{_e(ref.label)}</td>'
            f"<td>{_title(ref)}</td><td>{_e(ref.language or '—')}</td>"
            f'<td class="d">{date_cell(ref.published)}</td>'
            f'<td class="d">{date_cell(ref.accessed)}</td>'
            f'<td class="d">{archived}</td>'
            f'<td class="n">{uses_shown}</td>'
            f'<td class="url">{_link_cell(ref.url, report.links, checked, "no URL")}</td>'
            f'<td class="url">{_link_cell(ref.archive_url, report.snapshots, checked, "none")}'
            f"</td><td>{_status(status.status.value, status.word)}"
            + (f' <span class="codes">{_e(codes)}</span>' if codes else "")
            + "</td></tr>"
        )
    out.append("</tbody></table></section>")


def _title(ref: Reference) -> str:
    if not ref.title:
        return "—"
    return _text(ref.title, ref.language)


def _link_cell(url: str | None, statuses: Mapping[str, str], checked: bool, absent: str) -> str:
    """A link named by its host (the whole URL on hover), with its status when links were
    checked: ``alive``, ``dead``, ``ok``…"""
    if not url:
        return _e(absent)
    try:
        host = urlsplit(url).netloc
    except ValueError:
        host = ""
    link = _link(url, host or url)
    if link.startswith("<a "):
        link = link.replace(" rel=", f' title="{_e(url)}" rel=', 1)
    return (f"{_e(statuses.get(url, '—'))}<br>" if checked else "") + link


def _fixes(report: Report, out: list[str]) -> None:
    fixes = report_fixes(report)
    if not fixes:
        return
    out.append('<section id="fixes"><h2>Fixes</h2>')
    for number, (fix, template) in enumerate(fixes, 1):
        out.append('<div class="fix">')
        out.append(
            f'<p>Reference <a href="#{_anchor("ref-", fix.label)}">{_e(fix.label)}</a> '
            f"(<code>{_e(fix.code)}</code>): {_text(fix.note)}</p>"
        )
        if template is not None:
            params_id = f"fix-{number}"
            out.append(
                f"<p>Paste into <code>{{{{{_e(template.template)}}}}}</code>: "
                f'<button type="button" class="copy" data-copy="{params_id}">Copy</button></p>'
            )
            out.append(f'<pre><code id="{params_id}">{_e(template.wikitext)}</code></pre>')
            whole_id = f"fix-{number}-whole"
            out.append(
                "<details><summary>The whole template, corrected</summary>"
                f'<button type="button" class="copy" data-copy="{whole_id}">Copy</button>'
                f'<pre><code id="{whole_id}">{_e(template.corrected)}</code></pre></details>'
            )
        else:
            shown = "; ".join(f"{k}: {v}" for k, v in fix.values().items())
            out.append(f"<p>Set <code>{_e(shown)}</code></p>")
        out.append("</div>")
    out.append("</section>")


def _findings(report: Report, out: list[str]) -> None:
    refs = {r.label: r for r in report.article.references}
    out.append('<section id="findings"><h2>Findings</h2>')
    if not report.findings:
        out.append("<p>No findings.</p>")
    for severity in Severity:
        for f in (f for f in report.findings if f.severity is severity):
            out.append(
                f'<article class="finding {severity.value}" data-kind="finding" '
                f'data-hits="{_e(_hits([f]))}">'
            )
            where = [f"line {f.line}"] if f.line else []
            claims = ", ".join(f'<a href="#{_anchor("claim-", str(c))}">{c}</a>' for c in f.claims)
            if claims:
                where.append(f"claims {claims}")
            out.append(
                f'<p><span class="sev {severity.value}">{severity.value}</span> '
                f"{_status(_family(f))} <code>{_e(f.code)}</code> {_text(f.message)}"
                + (f' <span class="meta">({"; ".join(where)})</span>' if where else "")
                + "</p>"
            )
            items = _evidence_items(f.evidence)
            if items:
                out.append('<dl class="evidence">')
                out.extend(f"<dt>{_e(key)}</dt><dd>{value}</dd>" for key, value in items)
                out.append("</dl>")
            passage = f.evidence.get("passage")
            if passage:
                language = f.evidence.get("passage_language")
                lang = text_lang(str(passage), str(language) if language else None)
                out.append(
                    f'<p class="meta">Best passage ({_e(language or "?")}):</p>'
                    f"<blockquote{_lang_attr(lang)}>{_e(' '.join(str(passage).split()))}"
                    "</blockquote>"
                )
            ref = refs.get(f.reference) if f.reference else None
            if ref is not None and (ref.url or ref.archive_url):
                links = []
                if ref.url:
                    links.append(_link(ref.url, "cited page"))
                if ref.archive_url:
                    links.append(_link(ref.archive_url, "snapshot"))
                out.append(f'<p class="links">{"".join(links)}</p>')
            out.append("</article>")
    out.append("</section>")
