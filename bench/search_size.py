"""The size of the site's search data at N items, on the default and the realistic synthetic catalog.

    .venv/bin/python bench/search_size.py [--items 10000]

For each catalog (bench/synth.py's default text, reused from bench/catalogs/<N>, and
``--text real``, bench/catalogs/<N>-real, whose items are written from the sample
catalog's real sentences) it builds every file of search data as ``akq export``
writes them (akq_cli.site.search.search_data: the index, search-index.<hash>.js,
which the list waits for, and the bodies, search-text.<hash>.js, fetched once a
search starts) and prints them raw and gzip -9 compressed, as a web server sends
them, with the share of each item's body (content, conditions, materials) that
the budget left (1.00: all of it; akq_cli.site.search.fit cuts only when over budget).

Target (issue 12.1): search data for 10,000 items <= 1 MiB gzipped.  The script
site.js is code, not data, and counted apart; it does not grow with the catalog.
"""

from __future__ import annotations

import argparse
import gzip
import sys

from common import TOP, synthetic_catalog

sys.path.insert(0, str(TOP / "src"))  # this checkout's akq_cli

from akq_cli.core.catalog import load_catalog
from akq_cli.site.model import build_model
from akq_cli.site.search import BUDGET, TEXT_URL, search_data


def kib(n: int) -> str:
    return f"{n / 1024:,.0f} KiB"


def measure(items: int, text: str) -> tuple[int, int, int, float]:
    """(raw, gzip -9, gzip -9 of the index alone, share of the bodies kept) of the search data."""
    data = search_data(build_model(load_catalog(synthetic_catalog(items, text))))
    index = data.index_script(TEXT_URL)
    first = len(gzip.compress(index, 9))
    return len(index) + len(data.text), first + len(gzip.compress(data.text, 9)), first, data.share


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=10000)
    args = ap.parse_args()
    for text in ("synthetic", "real"):
        raw, gz, first, share = measure(args.items, text)
        print(f"search data, {args.items} items, {text} text: {kib(raw)} raw, {kib(gz)} gzipped "
              f"({gz / BUDGET:.0%} of the {kib(BUDGET)} budget: {'ok' if gz <= BUDGET else 'OVER'}), "
              f"of which the index {kib(first)} and the bodies {kib(gz - first)}; share of each body kept {share:.2f}")
    code = (TOP / "templates" / "site" / "assets" / "site.js").read_bytes()
    print(f"site.js (code, any size of catalog): {kib(len(code))} raw, {kib(len(gzip.compress(code, 9)))} gzipped")


if __name__ == "__main__":
    main()
