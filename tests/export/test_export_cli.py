"""`akq export` as county staff and CI run it: real catalogs in real git repositories."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import run_akq

from .conftest import EXPORT_FIXTURE, git, make_repo, set_field

ATOM = "{http://www.w3.org/2005/Atom}"
OUTBOUND = ("https://www.akq.gov.cn/", "https://beian.miit.gov.cn/", "https://beian.mps.gov.cn/#/query/webSearch?code=")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class Page(HTMLParser):
    """Text, tags and attributes of a page, as a browser would parse them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.script_bodies: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.script_bodies if self._in_script else self.text).append(data)

    def all_text(self) -> str:
        return "".join(self.text)


def asset(files: dict[str, bytes], name: str) -> str:
    """The content-hashed name of assets/<name> (site.css -> assets/site.0123456789.css)."""
    stem, _, ext = name.rpartition(".")
    found = [f for f in files if re.fullmatch(rf"assets/{re.escape(stem)}\.[0-9a-f]{{10}}\.{ext}", f)]
    assert len(found) == 1, (name, found)
    return found[0]


def test_builds_every_part_of_the_site(built_site: Path) -> None:
    files = tree(built_site)
    for name in ("index.html", "changes.html", "changes.atom", "sitemap.xml", "catalog.json",
                 "catalog.schema.json", "catalog.csv", "catalog.xlsx", asset(files, "site.css"), asset(files, "site.js"),
                 asset(files, "search-index.js"), "items/SFJ-ZM-001.html", "departments/SFJ.html",
                 "forms/SFJ-ZM-001.docx", "forms/SFJ-ZM-001.pdf", ".akq-export.json"):
        assert name in files, name
    # The fixture's site is a sub-folder (/gzcn/), where crawlers never read a robots.txt.
    assert "robots.txt" not in files
    index = Page(files["index.html"].decode())
    text = index.all_text()
    assert "阿政办发〔2021〕6号" in text and "2021年3月30日" in text
    assert "阿合奇县证明事项和涉企经营许可事项告知承诺制目录" in text
    for heading in ("事项名称", "申请事项", "设定依据", "承诺方式", "可否代为承诺", "核查方式", "告知承诺书"):
        assert heading in text
    links = [a.get("href") for tag, a in index.tags if tag == "a"]
    assert "forms/SFJ-ZM-001.docx" in links and "forms/SFJ-ZM-001.pdf" in links
    # no external resource anywhere: the site must work on an intranet
    for name, data in files.items():
        if name.endswith((".html", ".css", ".js")):
            body = data.decode()
            for tag, attrs in Page(body).tags if name.endswith(".html") else []:
                for attr in ("src", "href"):
                    value = attrs.get(attr) or ""
                    # Links out go only to what the webmaster set: the portal and the two record registries.
                    assert not value.startswith(("http:", "https:", "//")) or (tag == "link" and attrs.get("rel") == "canonical") \
                        or (tag == "a" and value.startswith(OUTBOUND)), (name, value)
            assert "@import" not in body and "url(http" not in body, name


def test_only_published_items_appear(built_site: Path) -> None:
    files = tree(built_site)
    # RSJ-ZM-001 became published in the history repo; SCJGJ-XK-001 was repealed: it keeps
    # its page (its address is printed on old forms) but is in no list, search or open data.
    assert "items/RSJ-ZM-001.html" in files
    assert "已废止" in Page(files["items/SCJGJ-XK-001.html"].decode()).all_text()
    data = json.loads(files["catalog.json"])
    assert sorted(i["id"] for i in data["items"]) == ["RSJ-ZM-001", "SFJ-ZM-001", "SFJ-ZM-002", "SFJ-ZM-009"]
    assert all(i["status"] == "published" for i in data["items"])
    assert "SCJGJ-XK-001" not in files[asset(files, "search-index.js")].decode()
    assert "食品经营许可" not in Page(files["index.html"].decode()).all_text()


def test_item_page_has_the_whole_notification(built_site: Path) -> None:
    page = Page((built_site / "items" / "SFJ-ZM-001.html").read_text("utf-8"))
    text = page.all_text()
    for element in ("一、事项名称", "二、设定依据", "三、证明的内容", "四、承诺方式", "五、不实承诺的责任",
                    "六、行政机关核查权力", "七、承诺书是否公开"):
        assert element in text, element
    for content in ("经济困难证明", "《法律援助条例》第十七条", "人均月收入低于阿合奇县最低生活保障标准的1.5倍",
                    "依法承担民事赔偿责任", "责令支付已实施法律援助的费用", "依法追究刑事责任",
                    "社会救助信息系统", "受理后5个工作日内", "自作出决定之日起1年", "本人名下没有价值超过5万元的存款",
                    "可以由他人代为承诺", "公共信用信息目录", "在信用修复前不适用告知承诺制", "0908-5622412"):
        assert content in text, content
    assert ("lang", "zh-CN") in [(k, v) for tag, a in page.tags if tag == "html" for k, v in a.items()]


def test_hostile_text_is_escaped_everywhere(built_site: Path) -> None:
    for name in ("index.html", "items/SFJ-ZM-009.html", "departments/SFJ.html"):
        raw = (built_site / name).read_text("utf-8")
        page = Page(raw)
        # the only scripts are ours, loaded by src, with no inline body
        scripts = [a for tag, a in page.tags if tag == "script"]
        assert all(re.fullmatch(r"assets/(search-index|site)\.[0-9a-f]{10}\.js", a.get("src", "")) for a in scripts), (name, scripts)
        assert not any(body.strip() for body in page.script_bodies), name
        assert not any(tag in ("img", "b") for tag, _ in page.tags), name
        assert not any(k.startswith("on") for _, a in page.tags for k in a), name
        text = page.all_text()
        assert "<script>alert('x')</script>证明" in text, name
        assert "<script>alert('x')</script>" not in raw
    item = Page((built_site / "items" / "SFJ-ZM-009.html").read_text("utf-8")).all_text()
    assert '申请 "引号" & <b>加粗</b> 事项' in item
    assert "</td></tr></table><script>alert(2)</script>" in item
    assert "' onmouseover='alert(3)" in item
    # the script index is a JS object literal that no string can end early
    index_js = (built_site / asset(tree(built_site), "search-index.js")).read_text("utf-8")
    payload = json.loads(index_js.removeprefix("window.AKQ_INDEX=").removesuffix(";\n"))
    assert "<script>alert('x')</script>证明" in payload["items"]["title"]


def test_spreadsheets_never_hold_a_formula(built_site: Path) -> None:
    from openpyxl import load_workbook

    raw = (built_site / "catalog.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    body = raw[3:]
    assert b"\r\n" in body and body.replace(b"\r\n", b"").count(b"\n") == body.count(b"\n") - body.count(b"\r\n")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    header = rows[0]
    assert header[:5] == ["编号", "事项名称", "事项类型", "常用名称", "申请事项"]
    hostile = next(r for r in rows if r[0] == "SFJ-ZM-009")
    content = hostile[header.index("证明内容／许可条件")]
    assert content.startswith("'=HYPERLINK"), content
    assert len({len(r) for r in rows}) == 1
    assert rows[1][header.index("页面")].startswith("https://www.akq.gov.cn/gzcn/items/")

    wb = load_workbook(built_site / "catalog.xlsx")
    ws = wb.active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0] == header
    cell = next(row for row in ws.iter_rows() if row[0].value == "SFJ-ZM-009")[header.index("证明内容／许可条件")]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    assert len(values) == len(rows)


def test_catalog_json_validates_against_the_published_schema(built_site: Path) -> None:
    import jsonschema

    data = json.loads((built_site / "catalog.json").read_text("utf-8"))
    schema = json.loads((built_site / "catalog.schema.json").read_text("utf-8"))
    assert data["$schema"] == "https://www.akq.gov.cn/gzcn/catalog.schema.json" == schema["$id"]
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    broken = {**data, "items": [{**data["items"][0], "status": "unknown"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)
    assert data["updated"] == "2021-08-01T09:00:00+08:00"


def test_changes_page_and_feed_follow_git_history(built_site: Path) -> None:
    text = Page((built_site / "changes.html").read_text("utf-8")).all_text()
    for expected in ("2021年4月5日", "新增", "2021年5月10日", "调整", "无犯罪记录证明", "2021年6月1日",
                     "职业资格证书", "2021年7月1日", "暂停实施", "2021年8月1日", "废止"):
        assert expected in text, expected
    # newest first
    assert text.index("2021年8月1日") < text.index("2021年7月1日") < text.index("2021年4月5日")
    feed = ET.parse(built_site / "changes.atom").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 5
    assert feed.find(f"{ATOM}updated").text == "2021-08-01T09:00:00+08:00"
    assert entries[0].find(f"{ATOM}title").text.startswith("2021年8月1日：废止 1 项")
    assert entries[0].find(f"{ATOM}id").text.startswith("https://www.akq.gov.cn/gzcn/changes.html#c-")


def test_sitemap_lists_absolute_urls(built_site: Path) -> None:
    root = ET.parse(built_site / "sitemap.xml").getroot()
    locs = [u.find(f"{SITEMAP}loc").text for u in root.findall(f"{SITEMAP}url")]
    assert "https://www.akq.gov.cn/gzcn/" in locs
    assert "https://www.akq.gov.cn/gzcn/items/SFJ-ZM-001.html" in locs
    assert all(loc.startswith("https://www.akq.gov.cn/gzcn/") for loc in locs)
    for loc in locs:
        rel = loc.removeprefix("https://www.akq.gov.cn/gzcn/") or "index.html"
        assert (built_site / rel).is_file(), rel


def test_same_commit_gives_the_same_bytes(tmp_path: Path, history_repo: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    first = run_akq("export", history_repo / "catalog", "-o", a)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(history_repo), str(clone))
    second = run_akq("export", clone / "catalog", "-o", b)
    assert first.code == second.code == 0, first.err + second.err
    ta, tb = tree(a), tree(b)
    assert ta.keys() == tb.keys()
    # The marker is the writer's bookkeeping (each file's modification time in its folder), not the site.
    differing = [name for name in ta if ta[name] != tb[name] and name != ".akq-export.json"]
    assert differing == []
    # a re-export into the same folder rewrites nothing
    again = run_akq("export", history_repo / "catalog", "-o", a)
    assert "写入 0 个" in again.out, again.out


def test_refuses_a_folder_that_is_not_an_export(tmp_path: Path) -> None:
    out = tmp_path / "documents"
    out.mkdir()
    (out / "年终总结.docx").write_bytes(b"not ours")
    result = run_akq("export", EXPORT_FIXTURE, "-o", out)
    assert result.code == 2
    assert "--force" in result.err and "不是空目录" in result.err
    assert sorted(p.name for p in out.iterdir()) == ["年终总结.docx"]
    forced = run_akq("export", EXPORT_FIXTURE, "-o", out, "--force")
    assert forced.code == 0, forced.err
    assert (out / "年终总结.docx").read_bytes() == b"not ours"
    assert (out / "index.html").is_file()


def test_reexport_removes_files_of_items_no_longer_published(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    out = tmp_path / "site"
    assert run_akq("export", repo / "catalog", "-o", out).code == 0
    assert (out / "items" / "SCJGJ-XK-001.html").is_file()
    set_field(repo / "catalog" / "items" / "SCJGJ" / "SCJGJ-XK-001.yaml", "status", "suspended")
    result = run_akq("export", repo / "catalog", "-o", out)
    assert result.code == 0, result.err
    # A suspended item keeps its address with a page that says so; its department's list is gone.
    assert "暂停实施" in Page((out / "items" / "SCJGJ-XK-001.html").read_text("utf-8")).all_text()
    assert not (out / "departments" / "SCJGJ.html").exists()
    assert "删除" in result.out


def test_an_id_cannot_write_outside_the_output(tmp_path: Path) -> None:
    cat = tmp_path / "catalog"
    shutil.copytree(EXPORT_FIXTURE, cat)
    evil = cat / "items" / "SFJ" / "SFJ-ZM-001.yaml"
    evil.write_text(evil.read_text("utf-8").replace("id: SFJ-ZM-001", "id: ../../../escaped"), "utf-8")
    dept = cat / "departments.yaml"
    dept.write_text(dept.read_text("utf-8").replace("id: SCJGJ", "id: ../../dept"), "utf-8")
    out = tmp_path / "deep" / "site"
    result = run_akq("export", cat, "-o", out, env={"CI": ""})  # outside git: a CI run would refuse
    assert result.code == 0, result.err
    assert "../../../escaped" in result.err  # warned, and left out
    written = {p.resolve() for p in tmp_path.rglob("*") if p.is_file()} - {p.resolve() for p in cat.rglob("*")}
    assert all(out.resolve() in p.parents for p in written), sorted(map(str, written))
    assert not any("escaped" in p.name for p in written)


def test_not_in_git_says_so(tmp_path: Path) -> None:
    cat = tmp_path / "catalog"
    shutil.copytree(EXPORT_FIXTURE, cat)
    result = run_akq("export", cat, "-o", tmp_path / "site", env={"GIT_CEILING_DIRECTORIES": str(tmp_path), "CI": ""})
    assert result.code == 0, result.err
    assert "不在 git 仓库中" in result.err
    text = Page((tmp_path / "site" / "changes.html").read_text("utf-8")).all_text()
    assert "不在 git 版本库中" in text


def test_forms_are_copied_and_linked_only_when_rendered(built_site: Path, forms_dir: Path) -> None:
    assert (built_site / "forms" / "SFJ-ZM-001.docx").read_bytes() == (forms_dir / "SFJ-ZM-001.docx").read_bytes()
    assert not (built_site / "forms" / "SCJGJ-XK-001.docx").exists()  # repealed: not public
    page = Page((built_site / "items" / "SFJ-ZM-002.html").read_text("utf-8"))
    links = [a.get("href") for tag, a in page.tags if tag == "a"]
    assert "../forms/SFJ-ZM-002.docx" in links and "../forms/SFJ-ZM-002.pdf" not in links


def test_bad_arguments_exit_2(tmp_path: Path) -> None:
    missing = run_akq("export", tmp_path / "nowhere", "-o", tmp_path / "out")
    assert missing.code == 2 and "路径不存在" in missing.err
    no_forms = run_akq("export", EXPORT_FIXTURE, "-o", tmp_path / "out", "--forms", tmp_path / "none")
    assert no_forms.code == 2 and "akq render" in no_forms.err
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    onto_file = run_akq("export", EXPORT_FIXTURE, "-o", a_file)
    assert onto_file.code == 2 and "Traceback" not in onto_file.err
    english = run_akq("--lang", "en", "export", EXPORT_FIXTURE, "-o", a_file)
    assert "is not a folder" in english.err


def test_helper_processes_give_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A large export builds the workbook and half the pages in forked helpers: same result as one process."""
    from akq_cli.core.catalog import load_catalog
    from akq_cli.site import build

    catalog = load_catalog(EXPORT_FIXTURE)
    monkeypatch.setattr(build, "BACKGROUND_FROM", 10**9)
    alone = build.build_site(catalog).files
    monkeypatch.setattr(build, "BACKGROUND_FROM", 0)
    helped = build.build_site(catalog).files
    assert alone.keys() == helped.keys()
    assert [name for name in alone if alone[name] != helped[name]] == []
