"""Fetch a snapshot hop by hop with any httpx client, as the checker does, for tests.

The loop is bounded by ``max_hops``; where to go next is the archive logic's own
:func:`next_url`, so tests exercise the same decisions the checker makes.
"""

from __future__ import annotations

from collections.abc import Sequence

import httpx

from citecheck.archives import (
    BODY_HEAD,
    DEFAULT_SERVICES,
    MAX_HOPS,
    ArchiveService,
    Hop,
    next_url,
)


def fetch_chain(
    client: httpx.Client,
    url: str,
    *,
    services: Sequence[ArchiveService] = DEFAULT_SERVICES,
    max_hops: int = MAX_HOPS,
    follow_captured_redirects: bool = True,
) -> tuple[Hop, ...]:
    """The responses met fetching ``url`` and following redirects inside the archive."""
    hops: list[Hop] = []
    target: str | None = url
    for _ in range(max_hops):
        if target is None:
            break
        response = client.get(target)
        hops.append(
            Hop(
                url=target,
                status=response.status_code,
                headers=response.headers,
                body_head=response.text[:BODY_HEAD],
            )
        )
        target = next_url(
            hops,
            services=services,
            max_hops=max_hops,
            follow_captured_redirects=follow_captured_redirects,
        )
    return tuple(hops)
