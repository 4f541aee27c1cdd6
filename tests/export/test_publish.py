"""`akq publish` on real folders: the served path always shows one complete version."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

from conftest import run_akq


def site(folder: Path, label: str, pages: int = 3) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(f"<p>{label}</p>", "utf-8")
    for n in range(pages):
        (folder / "items").mkdir(exist_ok=True)
        (folder / "items" / f"A-{n:03d}.html").write_text(f"{label} {n}", "utf-8")
    return folder


def served(dest: Path) -> str:
    return (dest / "index.html").read_text("utf-8")


def versions(dest: Path) -> list[str]:
    return sorted(p.name for p in (dest.parent / f"{dest.name}.versions").iterdir())


def test_publish_switches_and_rolls_back(tmp_path: Path) -> None:
    dest = tmp_path / "www" / "catalog"
    dest.parent.mkdir()
    one, two = site(tmp_path / "one", "一"), site(tmp_path / "two", "二")
    first = run_akq("publish", one, dest)
    assert first.code == 0, first.err
    assert dest.is_symlink() and served(dest) == "<p>一</p>"
    second = run_akq("publish", two, dest)
    assert second.code == 0 and "--rollback" in second.out
    assert served(dest) == "<p>二</p>"
    assert not os.path.isabs(os.readlink(dest))  # relative: www/ can be moved as a whole
    unchanged = run_akq("publish", two, dest)
    assert unchanged.code == 0 and "没有变化" in unchanged.out
    assert len(versions(dest)) == 2
    back = run_akq("publish", "--rollback", dest)
    assert back.code == 0, back.err
    assert served(dest) == "<p>一</p>"
    nothing_older = run_akq("publish", "--rollback", dest)
    assert nothing_older.code == 2 and "无法回退" in nothing_older.err
    assert served(dest) == "<p>一</p>"
    # publishing after a rollback makes a new, higher version
    three = site(tmp_path / "three", "三")
    assert run_akq("publish", three, dest).code == 0
    assert served(dest) == "<p>三</p>" and os.readlink(dest).endswith(versions(dest)[-1])


def test_keeps_only_the_last_versions(tmp_path: Path) -> None:
    dest = tmp_path / "catalog"
    for n in range(5):
        result = run_akq("publish", site(tmp_path / f"s{n}", f"v{n}"), dest, "--keep", "2")
        assert result.code == 0, result.err
    assert len(versions(dest)) == 2
    assert served(dest) == "<p>v4</p>"
    assert run_akq("publish", "--rollback", dest).code == 0
    assert served(dest) == "<p>v3</p>"


CRASH = """
import os, shutil, sys
from pathlib import Path
from akq_cli.site import publish
copied = 0
real = shutil.copyfile
def dying_copy(src, dst, **kw):
    global copied
    if copied == 5:
        os._exit(9)  # the machine dies: no cleanup, no exception handler runs
    copied += 1
    return real(src, dst, **kw)
shutil.copyfile = dying_copy
publish.publish(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def test_a_crash_mid_copy_leaves_the_old_version_served(tmp_path: Path, serve) -> None:
    dest = tmp_path / "catalog"
    assert run_akq("publish", site(tmp_path / "old", "旧版", pages=3), dest).code == 0
    new = site(tmp_path / "new", "新版", pages=20)
    url = serve(dest)
    crashed = subprocess.run([sys.executable, "-c", CRASH, str(new), str(dest)], capture_output=True, text=True)
    assert crashed.returncode == 9, crashed.stderr
    leftovers = [v for v in versions(dest) if v.startswith(".tmp-")]
    assert leftovers, "the crash happened mid-copy"
    assert served(dest) == "<p>旧版</p>"
    with urllib.request.urlopen(url + "index.html") as resp:
        assert resp.read().decode() == "<p>旧版</p>"
    assert sorted(p.name for p in (dest / "items").iterdir()) == ["A-000.html", "A-001.html", "A-002.html"]
    again = run_akq("publish", new, dest)
    assert again.code == 0, again.err
    assert not [v for v in versions(dest) if v.startswith(".tmp-")]
    with urllib.request.urlopen(url + "items/A-019.html") as resp:
        assert resp.read().decode() == "新版 19"


def test_refuses_to_replace_a_real_folder(tmp_path: Path) -> None:
    dest = tmp_path / "catalog"
    dest.mkdir()
    (dest / "index.html").write_text("hand-made", "utf-8")
    result = run_akq("publish", site(tmp_path / "s", "x"), dest)
    assert result.code == 2 and "不是符号链接" in result.err
    assert (dest / "index.html").read_text("utf-8") == "hand-made"


def test_bad_arguments(tmp_path: Path) -> None:
    not_a_site = tmp_path / "empty"
    not_a_site.mkdir()
    result = run_akq("publish", not_a_site, tmp_path / "dest")
    assert result.code == 2 and "akq export" in result.err
    assert run_akq("publish", tmp_path).code == 2
    assert run_akq("publish", "--rollback", tmp_path / "never").code == 2
