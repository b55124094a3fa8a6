"""The archives' politeness reaches the HTTP layer as plain settings (citecheck.check.manners)."""

from __future__ import annotations

from citecheck.archives import DEFAULT_SERVICES
from citecheck.check.manners import with_service_manners
from citecheck.http.settings import HostPolicy, HttpSettings


def test_archive_hosts_are_polite_in_every_audit() -> None:
    settings = with_service_manners(HttpSettings())
    wayback = settings.policy_for("web.archive.org")
    assert wayback.concurrency <= 2 and wayback.min_interval >= 1.0
    assert settings.policy_for("archive.ph") == HostPolicy(concurrency=1, min_interval=2.0)
    # Other hosts keep the generic policy.
    assert settings.policy_for("example.org") == HostPolicy(concurrency=4)


def test_snapshots_are_kept_without_expiry_and_the_callers_own_patterns_stay() -> None:
    own = HttpSettings(snapshot_patterns=("127.0.0.1:8080/memento/*",))
    settings = with_service_manners(own)
    assert settings.snapshot_patterns[0] == "127.0.0.1:8080/memento/*"
    for service in DEFAULT_SERVICES:
        assert set(service.snapshot_patterns) <= set(settings.snapshot_patterns)
    # Merging twice changes nothing: the checker and audit may both do it.
    assert with_service_manners(settings) is settings
