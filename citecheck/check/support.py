"""Claim support in the checker: for each claim and each reference it cites, the page the
reference can be read from (the snapshot it cites when that is a good capture, else the original
while alive), read as main text, and ``citecheck.verify``'s verdict on it.

Both are derived data kept in the cache's memo: a page's passages by the response they were
read from (a claim edited since is judged without extracting the page again), and each verdict
by the claim's text and that response (a re-audit of an unchanged article judges nothing).
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from hashlib import blake2b
from pathlib import Path
from typing import TYPE_CHECKING

from citecheck import verify
from citecheck.check.page.decoding import decode
from citecheck.check.page.memo import body_of_result, response_identity
from citecheck.evidence import Evidence, FetchResult, PageEvidence, Support
from citecheck.evidence import support as support_evidence
from citecheck.model import Article, Claim, PartialDate
from citecheck.parse.memo import Memo, code_digest
from citecheck.verify.language import claim_language

if TYPE_CHECKING:
    from citecheck.verify.judge import PageText

logger = logging.getLogger(__name__)

_LIBRARIES = ("selectolax", "snowballstemmer")


@functools.cache
def verify_version() -> str:
    """What decides a verdict for the same claim and response: the verify package, the
    language tables it reads, the evidence it fills, and the libraries it reads with."""
    package = Path(verify.__file__).parent
    sources = sorted(package.rglob("*.py"))
    sources += sorted((package.parent / "lang").glob("*.py"))
    sources += [Path(support_evidence.__file__), Path(__file__)]
    return code_digest(b"citecheck-support-1", sources, _LIBRARIES).hex()


def claim_supports(
    article: Article,
    evidence: Evidence,
    fetched: Mapping[str, FetchResult],
    memo: Memo | None = None,
    body_of: Callable[[FetchResult], bytes] | None = None,
    documents: Sequence[Sequence[int]] = (),
) -> dict[tuple[int, str], Support]:
    """The verdict on each (claim id, reference label) whose reference's page was read.

    ``fetched`` maps each read page's URL (an original, or an archive URL for a capture) to
    the fetch it was read from; ``body_of`` reads a body left in the cache. ``documents``:
    the claim ids of each document ``article`` merges (a corpus segment), so that a claim
    whose script leaves its language open (Cyrillic without Ukrainian letters) takes its own
    document's."""
    references = {r.label: r for r in article.references}
    defaults = document_languages(article, documents)
    pairs: list[tuple[Claim, str, str, str, PageEvidence, FetchResult]] = []
    for claim in article.claims:
        for label in dict.fromkeys(m.label for m in claim.markers if not m.is_note):
            ref = references.get(label)
            found = _cited_page(evidence, ref.url, ref.archive_url) if ref else None
            if found is None:
                continue
            url, which, page = found
            result = fetched.get(url)
            if result is not None:
                pairs.append((claim, label, url, which, page, result))
    if not pairs:
        return {}
    # One entry per claim text and page URL, holding the code and the response it was judged
    # from: a page fetched again, or judged by other code, replaces its entry.
    keys = [
        _key("support", claim.text, defaults.get(claim.id) or "", url)
        for claim, _, url, *_ in pairs
    ]
    made = [_made_from(result, body_of) for *_, result in pairs]
    known = memo.get_derived_many(keys) if memo is not None else {}
    verdicts: dict[tuple[int, str], Support] = {}
    # The pairs whose verdict is not kept, by page: each page is read once, judged for all
    # its claims, and let go (a long article cites thousands of pages).
    unjudged: dict[str, list[int]] = {}
    for i, (key, made_from, (claim, label, url, *_)) in enumerate(
        zip(keys, made, pairs, strict=True)
    ):
        kept = known.get(key)
        if kept is not None and kept.startswith(made_from):
            verdicts[(claim.id, label)] = Support.from_dict(json.loads(kept[len(made_from) :]))
        else:
            unjudged.setdefault(url, []).append(i)
    texts = _kept_texts(memo, unjudged)
    for url, indexes in unjudged.items():
        _, _, _, which, page, result = pairs[indexes[0]]
        try:
            judged = _judge_page(
                url,
                [(pairs[i][0], keys[i], made[i]) for i in indexes],
                which,
                page,
                result,
                defaults,
                memo,
                body_of,
                texts.get(url),
            )
        except Exception:  # one page the readers choke on must not sink the audit
            logger.warning("claim support: %s could not be read", url, exc_info=True)
            continue
        for i, support in zip(indexes, judged, strict=True):
            if support is not None:
                verdicts[(pairs[i][0].id, pairs[i][1])] = support
    return _combined(article, verdicts)


def keep_page_texts(
    evidence: Evidence,
    fetched: Mapping[str, FetchResult],
    memo: Memo,
    body_of: Callable[[FetchResult], bytes] | None = None,
) -> None:
    """Each read page's main text kept in ``memo`` for claims judged later: a corpus run's
    fetch step reads the pages while their bodies are in hand, and its audit step, judging
    the claims, then reads no body again. A page the readers fail on is left for later."""
    texts = _kept_texts(memo, [*evidence.pages, *evidence.snapshot_pages])
    for which, pages in (("original", evidence.pages), ("snapshot", evidence.snapshot_pages)):
        for url, page in pages.items():
            result = fetched.get(url)
            if result is None:
                continue
            made_from = _made_from(result, body_of)
            kept = texts.get(url)
            if kept is not None and kept.startswith(made_from):
                continue
            try:
                _page_text(url, which, page, result, memo, made_from, body_of, None)
            except Exception:  # said, and tried again when a claim needs the page
                logger.warning("claim support: %s could not be read", url, exc_info=True)


def _kept_texts(memo: Memo | None, urls: Iterable[str]) -> dict[str, str]:
    """URL -> its page's kept text, as kept (made-from line first), in a few queries."""
    if memo is None:
        return {}
    keys = {_key("page-text", url): url for url in urls}
    return {keys[key]: value for key, value in memo.get_derived_many(list(keys)).items()}


def document_languages(
    article: Article, documents: Sequence[Sequence[int]]
) -> dict[int, str | None]:
    """Claim id -> the language its document's claims are written in (its first 50 told by
    their script together): what a claim whose own script leaves it open defaults to."""
    text = {claim.id: claim.text for claim in article.claims}
    out: dict[int, str | None] = {}
    for ids in documents or [list(text)]:
        language = claim_language(" ".join(text[i] for i in ids[:50] if i in text))
        out.update(dict.fromkeys(ids, language))
    return out


def _cited_page(
    evidence: Evidence, url: str | None, archive_url: str | None
) -> tuple[str, str, PageEvidence] | None:
    """The page a claim is read against, its URL and which it is: the snapshot the citation
    names when it is a good capture (what the editor read), else the original while it is
    alive."""
    if archive_url and archive_url in evidence.snapshot_pages:
        outcome = evidence.snapshots.get((archive_url, url))
        if outcome is not None and outcome.status.is_ok:
            return archive_url, "snapshot", evidence.snapshot_pages[archive_url]
    found = evidence.page_for(url, None)
    return (url, "original", found[1]) if url and found else None


def _judge_page(
    url: str,
    claims: list[tuple[Claim, str, str]],
    which: str,
    page: PageEvidence,
    result: FetchResult,
    defaults: Mapping[int, str | None],
    memo: Memo | None,
    body_of: Callable[[FetchResult], bytes] | None,
    kept_text: str | None,
) -> list[Support | None]:
    """The verdicts on one page for ``claims`` (claim, memo key, made-from line), kept in the
    memo; None for each when the page's body is gone."""
    # The judge and its readers load only when a verdict is not kept.
    from citecheck.verify.judge import Reading, judge

    text = _page_text(url, which, page, result, memo, claims[0][2], body_of, kept_text)
    if text is None:
        return [None] * len(claims)
    reading = Reading(text)
    out: list[Support | None] = []
    for claim, key, made_from in claims:
        support = judge(claim.text, claim_language(claim.text, defaults.get(claim.id)), reading)
        if memo is not None:
            memo.put_derived(key, made_from + json.dumps(support.to_dict(), ensure_ascii=False))
        out.append(support)
    return out


def _combined(
    article: Article, verdicts: dict[tuple[int, str], Support]
) -> dict[tuple[int, str], Support]:
    """Each claim's verdicts given what its other cited pages state (``verify.combine``)."""
    from citecheck.verify.combine import combine, found_facts

    out: dict[tuple[int, str], Support] = {}
    for claim in article.claims:
        labels = [
            label
            for label in dict.fromkeys(m.label for m in claim.markers)
            if (claim.id, label) in verdicts
        ]
        supports = [verdicts[(claim.id, label)] for label in labels]
        if len(supports) > 1:
            supports = combine(supports, [found_facts(s) for s in supports])
        for label, support in zip(labels, supports, strict=True):
            out[(claim.id, label)] = support
    return out


def _key(kind: str, *parts: str) -> str:
    where = blake2b(f"citecheck-{kind}-1".encode(), digest_size=16)
    for part in parts:
        where.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return f"{kind}:{where.hexdigest()}"


def _made_from(result: FetchResult, body_of: Callable[[FetchResult], bytes] | None) -> str:
    """What a kept value was made from: the code, and the response (``response_identity``)."""
    return f"{verify_version()} {response_identity(result, body_of)}\n"


def _page_text(
    url: str,
    which: str,
    page: PageEvidence,
    result: FetchResult,
    memo: Memo | None,
    made_from: str,
    body_of: Callable[[FetchResult], bytes] | None,
    kept: str | None,
) -> PageText | None:
    """The page's main text: ``kept`` (as the memo holds it) when made from this response,
    else read from its body (None when the body is gone) and kept."""
    language = page.language.primary if page.language else None
    published = page.published.date if page.published else None
    from_snapshot = which == "snapshot"
    if kept is not None and kept.startswith(made_from):
        from citecheck.verify.judge import PageText

        passages, date = json.loads(kept[len(made_from) :])
        when = PartialDate(*date) if date else None
        return PageText(url, tuple(passages), language, when, from_snapshot)
    body = body_of_result(result, body_of)
    if not body:
        return None
    from citecheck.check.page.read import looks_like_html
    from citecheck.verify.judge import page_text

    content_type = result.headers.get("content-type")
    text = decode(body, content_type)[0]
    is_html = looks_like_html(text, content_type)
    read = page_text(
        url,
        text,
        is_html=is_html,
        language=language,
        published=published,
        from_snapshot=from_snapshot,
    )
    if memo is not None:
        date = read.published
        kept_date = None if date is None else [date.year, date.month, date.day]
        value = json.dumps([list(read.passages), kept_date], ensure_ascii=False)
        memo.put_derived(_key("page-text", url), made_from + value)
    return read
