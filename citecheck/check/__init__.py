"""check: the network stage. Article -> Evidence, over the project's one cached HTTP client.

``check_article`` fetches every original URL and every archive snapshot an article cites, each
once however many references cite it, and returns the verdicts as ``Evidence`` for the rules.
"""

from citecheck.check.checker import Evidence, acheck_article, check_article

__all__ = ["Evidence", "acheck_article", "check_article"]
