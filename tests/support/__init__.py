"""Test infrastructure: cassette replay, a local pywb archive, a hop-by-hop snapshot fetch."""
