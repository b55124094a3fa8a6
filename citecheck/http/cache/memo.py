"""The derived-data memo: what citecheck made of fetched pages and documents (what a page says
about itself, a parsed article), kept between audits in the SQLite file's ``citecheck_derived``
table. Each value carries the digest of what it was made from (see check/page.py,
parse/memo.py), so a stale one is recognised by its reader. On another cache, values last for
this run only. New values are written with the SQLite file's next batch of responses.
"""

from __future__ import annotations

from collections.abc import Collection

from citecheck.http.cache.sqlite import DERIVED, SqliteFile


class DerivedMemo:
    def __init__(self, file: SqliteFile | None) -> None:
        self._file = file  # None: kept in memory for this run only
        self._values: dict[str, str] = {}
        self._written: set[str] = set()

    @property
    def lasting(self) -> bool:
        """Whether values outlive this run."""
        return self._file is not None

    def recall(self, keys: Collection[str]) -> tuple[dict[str, str], list[str]]:
        """The values this run holds for ``keys``, and the other keys to read from the file
        (none when there is no file), sorted."""
        found = {key: self._values[key] for key in keys if key in self._values}
        if self._file is None:
            return found, []
        return found, sorted({key for key in keys if key not in found})

    def read(self, keys: list[str]) -> dict[str, str]:
        """The values earlier runs wrote for ``keys`` (raises the file's errors)."""
        if self._file is None:
            return {}
        return {str(key): str(value) for key, value in self._file.rows(DERIVED, keys)}

    def put(self, key: str, value: str) -> None:
        self._values[key] = value

    def unwritten(self) -> bool:
        return self._file is not None and bool(self._values.keys() - self._written)

    def take_unwritten(self) -> dict[str, str]:
        """The values not yet handed to the writer, now marked as handed over."""
        if self._file is None:
            return {}
        taken = {k: v for k, v in self._values.items() if k not in self._written}
        self._written.update(taken)
        return taken
