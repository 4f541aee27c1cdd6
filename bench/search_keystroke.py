"""Benchmark the site's search at 10,000 items: the size of its data, and the time of one keystroke in Chromium.

    .venv/bin/python bench/search_keystroke.py [--items 10000] [--aliases 3] [--text real]

Exports the synthetic catalog (bench/synth.py, reused from bench/catalogs/<N>, or
with ``--text real`` the one whose text is recombined from the sample's real
sentences, bench/catalogs/<N>-real) with this checkout's akq, then reports:

- the search data (assets/search-index.<hash>.js and the bodies' search-text.<hash>.js,
  fetched once a search starts) raw and gzip-compressed, as a web server sends it.  The default synthetic items carry no aliases and their texts repeat a
  lot, so the file is also measured with ``--aliases`` made-up aliases per item,
  each one different (what a county that fills them in would add); the realistic
  items carry aliases of their own, so ``--text real`` adds none.
  bench/search_size.py reports the sizes alone, for both catalogs;
- the time of one keystroke: in Debian's Chromium (Playwright), 390 px wide like
  a phone, each query is typed one character at a time; every keystroke runs the
  search and draws the first 50 results, and the time from the keystroke to the
  drawn page (layout included) is measured in the page.  The page waits 120 ms
  after the last keystroke before searching (the debounce); that wait is not
  counted, the work is.  Each keystroke is repeated --repeat times and its
  fastest time kept (other programs on a shared machine only ever add time);
  median and 90th percentile over all keystrokes, with the machine's load
  average, so that a figure taken on a busy machine says so.

Targets (issue 12.1): search data for 10,000 items <= 1 MiB gzipped; median
keystroke <= 16 ms.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from common import TOP, synthetic_catalog

sys.path.insert(0, str(TOP / "src"))  # this checkout's akq_cli

from akq_cli.core.catalog import load_catalog
from akq_cli.site.model import build_model
from akq_cli.site.search import search_data

CHROMIUM = "/usr/bin/chromium"
BUDGET = 1024 * 1024
TARGET_MS = 16.0
# What people type (each typed one character at a time): names, everyday words, a department,
# an article number, traditional characters, a typo, and words no item has.
QUERIES = ("经济困难证明", "低保", "人社局 失业", "第四十一条", "無犯罪記錄證明", "居住正", "没有这种事项的名称")

# One keystroke, measured in the page: set the text as typing does, run the search the way the
# form's submit does (the debounce only delays it), and force the layout of what was drawn.
KEYSTROKE = """text => {
  const q = document.getElementById('q');
  const form = document.getElementById('filters');
  const start = performance.now();
  q.value = text;
  form.dispatchEvent(new Event('submit', {cancelable: true}));
  document.body.getBoundingClientRect();
  void document.documentElement.offsetHeight;
  return performance.now() - start;
}"""


def kib(n: int) -> str:
    return f"{n / 1024:,.0f} KiB"


def _files(site: Path) -> tuple[Path, Path]:
    """The search data: the index and the bodies' file (asset names carry their content's hash)."""
    return next((site / "assets").glob("search-index.*.js")), next((site / "assets").glob("search-text.*.js"))


def sizes(site: Path) -> tuple[int, int, int]:
    """(raw, gzip -9) of both files together, and gzip -9 of the index alone (what the list waits for)."""
    data = [f.read_bytes() for f in _files(site)]
    gz = [len(gzip.compress(d, 9)) for d in data]
    return sum(map(len, data)), sum(gz), gz[0]


def with_aliases(site: Path, catalog: Path, per_item: int) -> None:
    """Rewrite the site's search data with ``per_item`` distinct made-up aliases per item."""
    cat = load_catalog(catalog)
    model = build_model(cat)
    for n, e in enumerate(model.entries):
        e.data["aliases"] = [f"{e.title[:4]}{n}号常用名称{k}" for k in range(per_item)]
    data = search_data(model)
    index, text = _files(site)
    index.write_bytes(data.index_script(f"assets/{text.name}"))
    text.write_bytes(data.text)


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def keystrokes(url: str, repeat: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    times: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        page.goto(url + "index.html")
        page.wait_for_function("document.getElementById('result-count').textContent.length > 0")
        page.focus("#q")  # fetches the bodies, as starting to search does
        page.wait_for_function("Array.isArray(window.AKQ_TEXT)")
        for query in QUERIES:  # warms the JIT up
            page.evaluate(KEYSTROKE, query)
        for query in QUERIES:
            for end in range(1, len(query) + 1):
                times.append(min(page.evaluate(KEYSTROKE, query[:end]) for _ in range(repeat)))
        browser.close()
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=10000)
    ap.add_argument("--aliases", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--text", choices=("synthetic", "real"), default="synthetic",
                    help="real: items written from the sample's sentences (bench/synth.py --text real)")
    args = ap.parse_args()
    catalog = synthetic_catalog(args.items, args.text)
    work = Path(tempfile.mkdtemp(prefix="akq-search-bench-"))
    try:
        site = work / "site"
        env = {**os.environ, "CI": "", "AKQ_LANG": "en", "PYTHONPATH": str(TOP / "src")}
        subprocess.run([sys.executable, "-m", "akq_cli", "export", str(catalog), "-o", str(site)], env=env,
                       check=True, capture_output=True)
        raw, gz, first = sizes(site)
        print(f"search data, {args.items} items ({args.text} text) as generated: {kib(raw)} raw, {kib(gz)} gzipped "
              f"(budget {kib(BUDGET)}: {'ok' if gz <= BUDGET else 'OVER'}; before a search starts {kib(first)})")
        searched = f"{args.text} text"
        if args.text == "synthetic" and args.aliases:
            searched += f", {args.aliases} aliases per item"
            with_aliases(site, catalog, args.aliases)
            raw_a, gz_a, _first = sizes(site)
            print(f"search data with {args.aliases} distinct aliases per item: {kib(raw_a)} raw, {kib(gz_a)} gzipped "
                  f"(budget {kib(BUDGET)}: {'ok' if gz_a <= BUDGET else 'OVER'})")
        url, server = serve(site)
        try:
            times = keystrokes(url, args.repeat)
        finally:
            server.shutdown()
            server.server_close()
        median = statistics.median(times)
        p90 = statistics.quantiles(times, n=10)[-1]
        load = os.getloadavg()[0]
        print(f"keystroke in Chromium at 390 px ({len(times)} keystrokes, fastest of {args.repeat} each, "
              f"{searched}): median {median:.1f} ms, 90th percentile {p90:.1f} ms, "
              f"max {max(times):.1f} ms (target median <= {TARGET_MS:.0f} ms: {'ok' if median <= TARGET_MS else 'OVER'}); "
              f"load average {load:.1f} on {os.cpu_count()} cores")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
