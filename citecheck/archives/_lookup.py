"""How an archive is asked for its capture of a URL near a time: what each service declares.

A service lists its ways in order of preference (``ArchiveService.lookups``); the suggester
(:mod:`citecheck.check.suggest`) builds the queries and does the I/O. An archive that cannot be
asked for its captures of a URL declares none.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class CdxDialect(StrEnum):
    """Which CDX server: their field names, output shapes and ``limit`` semantics differ."""

    WAYBACK = "wayback"  # the Internet Archive's wayback-cdx-server
    PYWB = "pywb"


@dataclass(frozen=True)
class CdxLookup:
    """A CDX server at ``endpoint``, listing captures served at ``<snapshot_base><stamp>/<url>``."""

    endpoint: str
    snapshot_base: str
    dialect: CdxDialect = CdxDialect.PYWB


@dataclass(frozen=True)
class TimeGateLookup:
    """A URL TimeGate ``<snapshot_base><stamp>id_/<url>``: a redirect to the closest capture."""

    snapshot_base: str


@dataclass(frozen=True)
class TimeMapLookup:
    """A Memento TimeMap (RFC 7089 §5) at ``<endpoint><url>``: the list of all captures of
    ``url``, each named by its own URL (archive.today's short ``https://archive.ph/AbCd1``)."""

    endpoint: str


Lookup = CdxLookup | TimeGateLookup | TimeMapLookup
