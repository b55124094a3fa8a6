"""Kept page evidence: which fetches give a page, when a kept page is read again, and that what
is kept reads back equal to the page read again."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection
from pathlib import Path
from typing import Any

import pytest

from citecheck.check.page import PageEvidence, page_of, pages_of, read_page
from citecheck.check.page import memo as page_memo
from citecheck.check.page import read as page_read
from citecheck.evidence.fetch import BodyFacts
from citecheck.http import FetchResult

PAGES = Path(__file__).parents[2] / "data" / "pages"
READABILITY = PAGES / "readability"
SAMPLES = sorted(p.name.split(".")[0] for p in READABILITY.glob("*.expected-metadata.json"))


def test_only_complete_html_or_text_pages_are_read() -> None:
    def result(status: int, content_type: str) -> FetchResult:
        return FetchResult(
            url="https://example.org/a",
            method="GET",
            status=status,
            final_url="https://example.org/a",
            headers={"content-type": content_type},
            body=b"<title>Hello there world</title>",
        )

    assert page_of(result(200, "text/html")) is not None
    assert page_of(result(200, "application/pdf")) is None
    assert page_of(result(404, "text/html")) is None


class DictMemo:
    """A Memo in a dict, counting what is asked."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.hits = 0

    def get_derived(self, key: str) -> str | None:
        return self.get_derived_many([key]).get(key)

    def get_derived_many(self, keys: Collection[str]) -> dict[str, str]:
        found = {key: self.values[key] for key in keys if key in self.values}
        self.hits += len(found)
        return found

    def put_derived(self, key: str, value: str) -> None:
        self.values[key] = value


@pytest.mark.parametrize(
    "path",
    [*(READABILITY / f"{n}.html" for n in SAMPLES), *PAGES.glob("*.html"), *PAGES.glob("*.txt")],
    ids=lambda p: p.name,
)
def test_remembered_evidence_reads_back_equal_to_the_page_read_again(path: Path) -> None:
    result = FetchResult(
        url="https://example.org/a",
        method="GET",
        status=200,
        final_url="https://example.org/a",
        headers={"content-type": "text/html", "content-language": "en"},
        body=path.read_bytes(),
    )
    memo = DictMemo()
    first = page_of(result, memo=memo)
    again = page_of(result, memo=memo)
    assert memo.hits == 1 and len(memo.values) == 1
    assert first is not None and again == first == page_of(result)


def test_a_page_is_read_again_when_its_bytes_address_or_headers_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def result(body: bytes, url: str = "https://example.org/a", lang: str = "en") -> FetchResult:
        return FetchResult(
            url=url,
            method="GET",
            status=200,
            final_url=url,
            headers={"content-type": "text/html", "content-language": lang},
            body=body,
        )

    memo = DictMemo()
    page_of(result(b"<title>One page here</title>"), memo=memo)
    for other in (
        result(b"<title>One page here</title>", url="https://example.org/b"),
        result(b"<title>One page here</title>", lang="fr"),
    ):
        page_of(other, memo=memo)
    assert memo.hits == 0 and len(memo.values) == 3
    # A page whose bytes changed is read again, and replaces what was kept for its address.
    changed = page_of(result(b"<title>Another page here</title>"), memo=memo)
    assert changed is not None and changed.titles[0].text == "Another page here"
    assert len(memo.values) == 3
    monkeypatch.setattr(page_read, "read_page", None)  # the next answer must be the memo's
    assert page_of(result(b"<title>Another page here</title>"), memo=memo) == changed


def fetched_page(body: bytes, checked_at: dt.datetime) -> FetchResult:
    """An HTML page at https://example.org/a, fetched at ``checked_at``."""
    return FetchResult(
        url="https://example.org/a",
        method="GET",
        status=200,
        final_url="https://example.org/a",
        headers={"content-type": "text/html"},
        body=body,
        checked_at=checked_at,
    )


def test_a_response_with_its_fetch_time_is_known_by_that_time_not_by_its_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A response replayed from the cache keeps the time it was fetched at: the same time and
    # length is the same stored response, so a warm re-audit need not hash every body.
    fetched = dt.datetime(2026, 11, 22, 12, 0, 0, 123456, tzinfo=dt.UTC)
    result = fetched_page
    memo = DictMemo()
    first = page_of(result(b"<title>One page here</title>", fetched), memo=memo)
    monkeypatch.setattr(page_read, "read_page", None)  # the next answer must be the memo's
    # Bytes of the same length and time are taken for that stored response: they are not read.
    assert page_of(result(b"<title>One page HERE</title>", fetched), memo=memo) == first
    assert memo.hits == 1
    monkeypatch.undo()
    # Fetched again later: read again, even with the same length, and the entry is replaced.
    later = fetched + dt.timedelta(seconds=1)
    again = page_of(result(b"<title>Two page here</title>", later), memo=memo)
    assert again is not None and again.titles[0].text == "Two page here"
    assert len(memo.values) == 1


def test_a_page_kept_by_other_reader_code_is_read_again_and_replaced(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fetched = fetched_page(b"<title>One page here</title>", dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
    memo = DictMemo()
    first = page_of(fetched, memo=memo)
    kept = dict(memo.values)
    monkeypatch.setattr(page_memo, "reader_version", lambda: "another reader")
    calls: list[bytes] = []

    def counted(body: bytes, *args: Any, **kwargs: Any) -> PageEvidence:
        calls.append(body)
        return read_page(body, *args, **kwargs)

    monkeypatch.setattr(page_read, "read_page", counted)
    assert page_of(fetched, memo=memo) == first
    assert len(calls) == 1 and memo.values.keys() == kept.keys() and memo.values != kept


def test_pages_of_reads_many_fetches_in_order_with_one_memo_lookup() -> None:
    def result(n: int, status: int = 200) -> FetchResult:
        url = f"https://example.org/{n}"
        return FetchResult(
            url=url,
            method="GET",
            status=status,
            final_url=url,
            headers={"content-type": "text/html"},
            body=f"<title>Page number {n} here</title>".encode(),
        )

    class CountingMemo(DictMemo):
        lookups = 0

        def get_derived_many(self, keys: Collection[str]) -> dict[str, str]:
            self.lookups += 1
            return super().get_derived_many(keys)

    fetched = [(result(1), None), (result(2, 404), None), (result(3), "https://example.org/c")]
    memo = CountingMemo()
    pages = pages_of(fetched, memo)
    assert [p.titles[0].text if p else None for p in pages] == [
        "Page number 1 here",
        None,
        "Page number 3 here",
    ]
    assert pages[2] is not None and pages[2].url == "https://example.org/c"
    assert pages_of(fetched, memo) == pages
    assert memo.lookups == 2 and memo.hits == 2


def test_a_body_left_in_the_cache_is_read_only_when_the_memo_has_not_its_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    body = b"<title>One page here</title><p>text</p>"
    whole = fetched_page(body, dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC))
    bodiless = dataclasses.replace(whole, body=b"", facts=BodyFacts.of(body))
    reads: list[FetchResult] = []

    def body_of(result: FetchResult) -> bytes:
        reads.append(result)
        return body

    memo = DictMemo()
    # Without a way to read the body there is no page; with one, it is read once and kept.
    assert pages_of([(bodiless, None)], memo=memo) == [None]
    assert pages_of([(bodiless, None)], memo=memo, body_of=body_of) == [page_of(whole)]
    assert reads == [bodiless]
    assert pages_of([(bodiless, None)], memo=memo, body_of=body_of) == [page_of(whole)]
    assert reads == [bodiless] and memo.hits == 1
    # A body no longer in the cache gives no page, and nothing is kept for it.
    gone = dataclasses.replace(bodiless, url="https://example.org/gone")
    assert pages_of([(gone, None)], memo=memo, body_of=lambda _: b"") == [None]
