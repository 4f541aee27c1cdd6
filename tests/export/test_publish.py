"""`akq publish` on real folders: the served path always shows one complete version."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

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


def store_of(dest: Path) -> Path:
    """Each test's store: beside the web root, never in it."""
    return dest.parent.parent / "store"


def versions(dest: Path) -> list[str]:
    return sorted(p.name for p in (store_of(dest) / "versions").iterdir())


def akq_publish(*args: str | Path, dest: Path) -> object:
    return run_akq("publish", *args, "--store", store_of(dest))


@pytest.fixture(autouse=True)
def _own_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default store lives in the user's data folder: keep the tests out of the real one."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture
def dest(tmp_path: Path) -> Path:
    (tmp_path / "www").mkdir()
    return tmp_path / "www" / "catalog"


def test_publish_switches_and_rolls_back(tmp_path: Path, dest: Path) -> None:
    one, two = site(tmp_path / "one", "一"), site(tmp_path / "two", "二")
    first = akq_publish(one, dest, dest=dest)
    assert first.code == 0, first.err
    assert dest.is_symlink() and served(dest) == "<p>一</p>"
    assert Path(os.readlink(dest)).parent == (store_of(dest) / "versions").resolve()
    second = akq_publish(two, dest, dest=dest)
    assert second.code == 0 and "--rollback" in second.out
    assert served(dest) == "<p>二</p>"
    unchanged = akq_publish(two, dest, dest=dest)
    assert unchanged.code == 0 and "没有变化" in unchanged.out
    assert len(versions(dest)) == 2
    back = akq_publish("--rollback", dest, dest=dest)
    assert back.code == 0 and "已回退" in back.out, back.err
    assert served(dest) == "<p>一</p>"
    nothing_older = akq_publish("--rollback", dest, dest=dest)
    assert nothing_older.code == 2 and "无法回退" in nothing_older.err
    assert served(dest) == "<p>一</p>"
    # nothing was left in the web root but the link itself
    assert [p.name for p in dest.parent.iterdir()] == ["catalog"]


def test_rollback_returns_to_what_was_served_before(tmp_path: Path, dest: Path) -> None:
    """A, B (bad), rollback, C, rollback: A again, never the bad B."""
    a, b, c = (site(tmp_path / n, n) for n in "ABC")
    for step, want in ((a, "A"), (b, "B"), ("--rollback", "A"), (c, "C"), ("--rollback", "A")):
        result = akq_publish(step, dest, dest=dest)
        assert result.code == 0, result.err
        assert served(dest) == f"<p>{want}</p>", (step, want)
    assert akq_publish("--rollback", dest, dest=dest).code == 2
    assert served(dest) == "<p>A</p>"


def test_rollback_pops_one_served_version_at_a_time(tmp_path: Path, dest: Path) -> None:
    a, b, c = (site(tmp_path / n, n) for n in "ABC")
    for s in (a, b, c):
        assert akq_publish(s, dest, dest=dest).code == 0
    assert akq_publish("--rollback", dest, dest=dest).code == 0
    assert served(dest) == "<p>B</p>"
    assert akq_publish("--rollback", dest, dest=dest).code == 0
    assert served(dest) == "<p>A</p>"


def test_identical_content_reuses_its_version(tmp_path: Path, dest: Path) -> None:
    a, b = site(tmp_path / "a", "A"), site(tmp_path / "b", "B")
    a_again = site(tmp_path / "a2", "A")  # another build of the same catalog: same bytes
    for s in (a, b, a_again):
        assert akq_publish(s, dest, dest=dest).code == 0
    assert len(versions(dest)) == 2, "A's second publish reused A's folder"
    served_a = os.readlink(dest)
    assert akq_publish("--rollback", dest, dest=dest).code == 0
    assert served(dest) == "<p>B</p>"
    back = akq_publish("--rollback", dest, dest=dest)
    assert back.code == 0 and os.readlink(dest) == served_a
    # the log never holds one version twice in a row, so a rollback always changes what is served
    log = json.loads((store_of(dest) / "history.json").read_text("utf-8"))["served"]
    assert len(log) == 1


def test_list_shows_the_history(tmp_path: Path, dest: Path) -> None:
    empty = akq_publish("--list", dest, dest=dest)
    assert empty.code == 0 and "还没有发布记录" in empty.out
    a, b = site(tmp_path / "a", "A"), site(tmp_path / "b", "B")
    assert akq_publish(a, dest, dest=dest).code == 0
    assert akq_publish(b, dest, dest=dest).code == 0
    listed = akq_publish("--list", dest, dest=dest)
    assert listed.code == 0, listed.err
    rows = [line for line in listed.out.splitlines() if line[:6].isdigit()]
    newest, oldest = rows
    b_version = Path(os.readlink(dest)).name
    assert newest.startswith(b_version[:6]) and b_version[7:] in newest and "正在提供服务" in newest
    assert "正在提供服务" not in oldest and oldest.startswith("000001")
    assert str(store_of(dest)) in listed.out
    assert akq_publish("--rollback", dest, dest=dest).code == 0
    rows = [line for line in akq_publish("--list", dest, dest=dest).out.splitlines() if line[:6].isdigit()]
    assert len(rows) == 1 and rows[0].startswith("000001") and "正在提供服务" in rows[0]
    english = run_akq("--lang", "en", "publish", "--list", dest, "--store", store_of(dest))
    assert english.code == 0 and "served" in english.out, english.err


def test_refuses_a_store_inside_the_served_tree(tmp_path: Path, dest: Path) -> None:
    a = site(tmp_path / "a", "A")
    for inside in (dest.parent / "catalog.versions", dest.parent):
        result = run_akq("publish", a, dest, "--store", inside)
        assert result.code == 2 and "网站目录" in result.err and "--store" in result.err, result.err
        assert not dest.exists() and not dest.is_symlink()
    assert not (dest.parent / "catalog.versions").exists()


def test_default_store_lies_outside_the_web_root(tmp_path: Path, dest: Path) -> None:
    data = tmp_path / "data"
    env = {"XDG_DATA_HOME": str(data)}
    assert run_akq("publish", site(tmp_path / "a", "A"), dest, cwd=tmp_path, env=env).code == 0
    target = Path(os.readlink(dest))
    assert data.resolve() in target.parents and "publish" in target.parts
    assert [p.name for p in dest.parent.iterdir()] == ["catalog"]
    listed = run_akq("publish", "--list", dest, cwd=tmp_path, env=env)
    assert listed.code == 0 and str(data) in listed.out


def test_store_from_catalog_yaml(tmp_path: Path, dest: Path, catalog_copy: Path) -> None:
    meta = catalog_copy / "catalog.yaml"
    store = tmp_path / "configured"
    meta.write_text(meta.read_text("utf-8") + f"publish:\n  store: {store}\n", "utf-8")
    assert run_akq("lint", catalog_copy).code == 0
    result = run_akq("publish", site(tmp_path / "a", "A"), dest, cwd=catalog_copy)
    assert result.code == 0, result.err
    assert Path(os.readlink(dest)).parent == (store / "versions").resolve()
    meta.write_text(meta.read_text("utf-8").replace(f"store: {store}", "store: relative/place"), "utf-8")
    refused = run_akq("publish", site(tmp_path / "b", "B"), dest, cwd=catalog_copy)
    assert refused.code == 2 and "绝对路径" in refused.err
    assert served(dest) == "<p>A</p>"


def test_keeps_only_the_last_versions(tmp_path: Path, dest: Path) -> None:
    for n in range(5):
        result = akq_publish(site(tmp_path / f"s{n}", f"v{n}"), dest, "--keep", "2", dest=dest)
        assert result.code == 0, result.err
    assert len(versions(dest)) == 2
    assert served(dest) == "<p>v4</p>"
    assert akq_publish("--rollback", dest, dest=dest).code == 0
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
publish.publish(Path(sys.argv[1]), Path(sys.argv[2]), store=Path(sys.argv[3]))
"""


def test_a_crash_mid_copy_leaves_the_old_version_served(tmp_path: Path, dest: Path, serve) -> None:
    assert akq_publish(site(tmp_path / "old", "旧版", pages=3), dest, dest=dest).code == 0
    new = site(tmp_path / "new", "新版", pages=20)
    url = serve(dest)
    crashed = subprocess.run([sys.executable, "-c", CRASH, str(new), str(dest), str(store_of(dest))], capture_output=True, text=True)
    assert crashed.returncode == 9, crashed.stderr
    leftovers = [v for v in versions(dest) if v.startswith(".tmp-")]
    assert leftovers, "the crash happened mid-copy"
    assert served(dest) == "<p>旧版</p>"
    with urllib.request.urlopen(url + "index.html") as resp:
        assert resp.read().decode() == "<p>旧版</p>"
    assert sorted(p.name for p in (dest / "items").iterdir()) == ["A-000.html", "A-001.html", "A-002.html"]
    again = akq_publish(new, dest, dest=dest)
    assert again.code == 0, again.err
    assert not [v for v in versions(dest) if v.startswith(".tmp-")]
    with urllib.request.urlopen(url + "items/A-019.html") as resp:
        assert resp.read().decode() == "新版 19"


def test_refuses_to_replace_a_real_folder(tmp_path: Path, dest: Path) -> None:
    dest.mkdir()
    (dest / "index.html").write_text("hand-made", "utf-8")
    result = akq_publish(site(tmp_path / "s", "x"), dest, dest=dest)
    assert result.code == 2 and "不是符号链接" in result.err
    assert (dest / "index.html").read_text("utf-8") == "hand-made"


def test_bad_arguments(tmp_path: Path) -> None:
    not_a_site = tmp_path / "empty"
    not_a_site.mkdir()
    result = run_akq("publish", not_a_site, tmp_path / "dest")
    assert result.code == 2 and "akq export" in result.err
    assert run_akq("publish", tmp_path).code == 2
    assert run_akq("publish", "--rollback", tmp_path / "never").code == 2
    assert not (tmp_path / "xdg-data").exists(), "a refused rollback made no store"
    assert run_akq("publish", tmp_path / "a", tmp_path / "b", "--list", tmp_path / "b").code == 2
    assert run_akq("publish", "--list", tmp_path / "b", "--catalog", tmp_path / "nothing-here").code == 2


def test_first_publish_makes_the_folder_of_dest(tmp_path: Path) -> None:
    dest = tmp_path / "www" / "new" / "catalog"
    result = run_akq("publish", site(tmp_path / "a", "A"), dest, "--store", tmp_path / "store")
    assert result.code == 0, result.err
    assert served(dest) == "<p>A</p>"


def test_the_exports_marker_is_not_published_and_does_not_tell_two_builds_apart(tmp_path: Path, dest: Path) -> None:
    # The marker records each file's modification time in its own folder: two builds of the same catalog
    # differ there and nowhere else, and it has no business on a web server.
    a, a_again = site(tmp_path / "a", "A"), site(tmp_path / "a2", "A")
    (a / ".akq-export.json").write_text('{"files": {"index.html": [1, 1]}}', "utf-8")
    (a_again / ".akq-export.json").write_text('{"files": {"index.html": [1, 2]}}', "utf-8")
    for s in (a, a_again):
        assert akq_publish(s, dest, dest=dest).code == 0
    assert len(versions(dest)) == 1
    assert not (dest / ".akq-export.json").exists() and (dest / "index.html").exists()
