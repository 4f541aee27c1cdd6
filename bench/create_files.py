"""How long this machine's file system takes to create a site's worth of files, and how deleting as many first changes it.

    python bench/create_files.py [--files 8600] [--size 13000]

Creates --files files of --size bytes in a new folder, three times: into a folder never
used before, then right after deleting a folder of as many files, then into a new folder
again. On the development VM (ext4), with nothing deleted for a while, the first took
0.24-0.34 s and the second 4.1 s; minutes after large deletions anywhere on the file
system (a test run, removed exports) all three took 3.5-6.3 s: the file system passes over
recently freed inodes when it allocates new ones. That is why bench/export_bench.py never
deletes an output folder before timing an export into an empty one, and why its figures
are best taken with nothing deleted in the minutes before.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path


def create(folder: Path, files: int, data: bytes) -> float:
    folder.mkdir()
    start = time.perf_counter()
    for i in range(files):
        fd = os.open(folder / f"p{i}.html", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        os.write(fd, data)
        os.close(fd)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=8600)
    ap.add_argument("--size", type=int, default=13000)
    opts = ap.parse_args()
    data = b"x" * opts.size
    with tempfile.TemporaryDirectory(prefix="akq-create-") as tmp:
        root = Path(tmp)
        print(f"new folder:                    {create(root / 'a', opts.files, data):.2f} s")
        filler = root / "b"
        create(filler, opts.files, data)
        shutil.rmtree(filler)
        print(f"just after deleting as many:   {create(root / 'c', opts.files, data):.2f} s")
        print(f"new folder again:              {create(root / 'd', opts.files, data):.2f} s")


if __name__ == "__main__":
    main()
