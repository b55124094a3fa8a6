"""check: the network stage. Article -> Evidence, over the project's one cached HTTP client.

``check_article`` fetches every original URL and every archive snapshot an article cites, each
once however many references cite it, and returns the verdicts as ``citecheck.evidence.Evidence``
for the rules.
The names load lazily: importing ``citecheck.check`` does not pull in the network stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from citecheck.check.checker import acheck_article, check_article

# The Evidence it returns is the contract's: citecheck.evidence.Evidence.
__all__ = ["acheck_article", "check_article"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from citecheck.check import checker

        return getattr(checker, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
