"""`akq fmt`: the canonical layout of catalog files."""
