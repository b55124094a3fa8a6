"""citecheck: audit the references of an article."""
