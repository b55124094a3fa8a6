"""Auditing many documents as one run."""
