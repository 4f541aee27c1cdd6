"""Comparing two states of the catalog: `akq diff`, `akq review` and the review checklist."""
