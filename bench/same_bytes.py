"""Show that a change of akq's code leaves its outputs byte-identical.

Runs two versions of akq — the code at git revision BEFORE and the code in this
checkout — over the same catalog (the sample catalog as it is at BEFORE, with
its history, so the change log is the same input too), and compares every
byte of what each writes:

- `akq lint --format json` (stdout and exit code)
- `akq fmt --check` (stdout and exit code)
- `akq render --format docx` (every form)
- `akq export` (every file of the site)

    .venv/bin/python bench/same_bytes.py --before c0ee32d

Exit 0 when everything is identical; otherwise the differing outputs are
listed and the exit code is 1.  Nothing in the checkout is written: the old
code runs from a temporary git worktree, both from this interpreter.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

from common import TOP, akq_from, version_env, worktree


def run_akq(src: Path, catalog_repo: Path, args: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    proc = subprocess.run([*akq_from(src), *args], cwd=catalog_repo, capture_output=True, env=env, check=False)
    return proc.returncode, proc.stdout


def outputs(src: Path, catalog_repo: Path, out: Path) -> dict[str, str]:
    """File name -> sha256 of everything one version of akq writes for the catalog."""
    env = version_env(AKQ_LANG="zh", AKQ_CACHE_DIR=str(out / "cache"), PYTHONDONTWRITEBYTECODE="1")
    digests: dict[str, str] = {}
    for name, args in (
        ("lint.json", ["lint", "catalog", "--format", "json", "--no-cache"]),
        ("fmt-check.txt", ["fmt", "--check", "catalog"]),
    ):
        rc, stdout = run_akq(src, catalog_repo, args, env)
        digests[name] = hashlib.sha256(f"{rc}\n".encode() + stdout).hexdigest()
    forms, site = out / "forms", out / "site"
    for args in (["render", "-o", str(forms), "--format", "docx"], ["export", "catalog", "-o", str(site), "--forms", str(forms)]):
        rc, _ = run_akq(src, catalog_repo, args, env)
        if rc != 0:
            raise SystemExit(f"akq {' '.join(args)} failed with exit code {rc} (code from {src})")
    for folder in (forms, site):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digests[f"{folder.name}/{path.relative_to(folder).as_posix()}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", required=True, help="git revision of the code to compare with")
    args = parser.parse_args()
    with worktree(args.before) as old, tempfile.TemporaryDirectory(prefix="akq-same-bytes-") as tmp:
        before = outputs(old / "src", old, Path(tmp) / "out-before")
        after = outputs(TOP / "src", old, Path(tmp) / "out-after")
    differ = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    print(f"{len(before)} outputs before, {len(after)} after, catalog and history of {args.before}")
    for name in differ:
        state = "only before" if name not in after else "only after" if name not in before else "differs"
        print(f"  {state}: {name}")
    print("identical" if not differ else f"{len(differ)} outputs differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
