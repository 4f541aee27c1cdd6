"""Fixtures for the public-site tests: catalogs in real git repositories, an
exported site served on 127.0.0.1, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import CATALOG, FIXTURES, run_akq

EXPORT_FIXTURE = FIXTURES / "export" / "catalog"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]

# An item written to break out of HTML: it must come out as text everywhere.
HOSTILE_ITEM = """\
id: SFJ-ZM-009
kind: certification
title: "<script>alert('x')</script>证明"
matter: '申请 "引号" & <b>加粗</b> 事项'
matter_type: 公共服务
category: "法律服务\\"><img src=x onerror=alert(1)>"
department: SFJ
issuer: 阿合奇县司法局
purpose: "</td></tr></table><script>alert(2)</script>"
legal_basis:
  - document: 《法律援助条例》
    article: 第十七条
    level: administrative_regulation
content: "=HYPERLINK(\\"http://evil.invalid\\",\\"点击\\")"
conditions:
  - "' onmouseover='alert(3)"
commitment:
  method: written
  proxy_allowed: false
  withdrawal: 在作出决定前，申请人可以撤回承诺。
liability:
  civil: 依法承担民事责任。
  administrative: 依法承担行政责任。
  criminal: 构成犯罪的，依法追究刑事责任。
verification:
  power: 可以核查。
  methods: [online]
  timing: {amount: 5, unit: workday, from: accepted}
disclosure:
  public: false
status: published
"""


def add_drawn_plans(catalog: Path) -> None:
    """The sample catalog's inspection plans, RSJ-1 drawn with sample public values, and published ledger counts."""
    from akq_cli.draw.transcript import draw, dumps

    shutil.copytree(CATALOG / "plans", catalog / "plans")
    plan = catalog / "plans" / "2026" / "RSJ-1.yaml"
    transcript = plan.with_name("RSJ-1-draw.json")
    transcript.write_bytes(dumps(draw(plan, "03 11 15 20 27 33 / 08", relative_to=transcript.parent)))
    (catalog / "stats").mkdir()
    (catalog / "stats" / "ledger.json").write_text(
        '{"as_of": "2026-12-31", "rows": [{"item_id": "RSJ-XK-001", "month": "2026-12", "cases": 3, '
        '"commitments": 3, "withdrawn": 0, "tasks_due": 3, "tasks_done": 2, "overdue": 0, "false": 1}]}',
        "utf-8",
    )


def git(repo: Path, *args: str, date: str = "2021-04-05T10:00:00+08:00") -> str:
    # No user or system git config: a missing file reads as empty (os.devnull is
    # not safe: on a shared machine something may have replaced /dev/null).
    no_config = str(repo / ".no-gitconfig")
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "县司法局",
           "GIT_COMMITTER_NAME": "县司法局", "GIT_AUTHOR_EMAIL": "sfj@example.invalid",
           "GIT_COMMITTER_EMAIL": "sfj@example.invalid", "GIT_CONFIG_GLOBAL": no_config, "GIT_CONFIG_SYSTEM": no_config}
    proc = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, f"git {' '.join(args)}: {proc.stderr}"
    return proc.stdout


def make_repo(root: Path, source: Path = EXPORT_FIXTURE) -> Path:
    """A git repository holding a copy of ``source`` as catalog/, committed once."""
    repo = root / "repo"
    shutil.copytree(source, repo / "catalog")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "catalog")
    git(repo, "commit", "-q", "-m", "Initial catalog")
    return repo


def set_field(path: Path, key: str, value: str) -> None:
    lines = path.read_text("utf-8").splitlines()
    out = [f"{key}: {value}" if ln.startswith(f"{key}:") else ln for ln in lines]
    path.write_text("\n".join(out) + "\n", "utf-8")


@pytest.fixture(scope="session")
def history_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalog with a history: added, changed, suspended, repealed, published from draft."""
    repo = make_repo(tmp_path_factory.mktemp("history"))
    items = repo / "catalog" / "items"
    set_field(items / "SFJ" / "SFJ-ZM-002.yaml", "content", "申请人未受过刑事处罚。")
    git(repo, "commit", "-qam", "Reword content", date="2021-05-10T09:30:00+08:00")
    set_field(items / "RSJ" / "RSJ-ZM-001.yaml", "status", "published")
    git(repo, "commit", "-qam", "Publish RSJ-ZM-001", date="2021-06-01T09:00:00+08:00")
    set_field(items / "SCJGJ" / "SCJGJ-XK-001.yaml", "status", "suspended")
    git(repo, "commit", "-qam", "Suspend", date="2021-07-01T09:00:00+08:00")
    set_field(items / "SCJGJ" / "SCJGJ-XK-001.yaml", "status", "repealed")
    git(repo, "commit", "-qam", "Repeal", date="2021-08-01T09:00:00+08:00")
    return repo


@pytest.fixture(scope="session")
def forms_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Stand-ins for what akq render writes: <ID>.docx for every item, a PDF for one."""
    forms = tmp_path_factory.mktemp("forms")
    for item in EXPORT_FIXTURE.glob("items/*/*.yaml"):
        (forms / f"{item.stem}.docx").write_bytes(b"PK\x03\x04 docx of " + item.stem.encode())
    (forms / "SFJ-ZM-001.pdf").write_bytes(b"%PDF-1.7 form")
    return forms


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, history_repo: Path, forms_dir: Path) -> Path:
    """The exported site of the history catalog plus the hostile item (uncommitted)."""
    repo_copy = tmp_path_factory.mktemp("site-src") / "repo"
    shutil.copytree(history_repo, repo_copy)
    (repo_copy / "catalog" / "items" / "SFJ" / "SFJ-ZM-009.yaml").write_text(HOSTILE_ITEM, "utf-8")
    add_drawn_plans(repo_copy / "catalog")
    out = tmp_path_factory.mktemp("site") / "site"
    result = run_akq("export", repo_copy / "catalog", "-o", out, "--forms", forms_dir)
    assert result.code == 0, result.err
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator[object]:
    """serve(folder) -> base URL of an HTTP server on 127.0.0.1 for that folder."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
