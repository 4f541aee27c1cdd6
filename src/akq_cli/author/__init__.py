"""Writing new items: `akq new` (scaffold) and `akq import` (spreadsheets)."""
