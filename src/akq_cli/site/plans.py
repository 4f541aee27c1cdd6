"""一公开: what the public site shows of each inspection plan and its draw (issue 14.4).

Read through the catalog state, like every other catalog file: the plans
(catalog/plans/<year>/<DEPT>-<n>.yaml), the registers they name, the draw's
transcript that `akq draw run` writes beside its plan (<DEPT>-<n>-draw.json),
and the ledger's aggregate statistics (catalog/stats/ledger.json, written by
`akq ledger publish-stats`; the site never opens the ledger itself). Each file
is published byte for byte under the same relative path below plans/, so that
anyone can download the plan, the registers and the transcript together and
run `akq draw verify` on them.

Registers are pseudonymous: a target is a 承诺编码 or a 统一社会信用代码. The
pages show a business's name beside its credit code and nothing but the code
for a commitment (a person); any resident ID number that slipped into a register
is masked (core.personal.mask_resident_id). Nothing here depends on the day of the build:
a plan whose draw has not been recorded says when and from which public values
it will be drawn.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from akq_cli.core.loader import read_document
from akq_cli.core.personal import mask_resident_id
from akq_cli.core.state import CatalogState
from akq_cli.draw.errors import DrawError
from akq_cli.draw.registers import (
    BUSINESS_ID,
    INSPECTOR_ID,
    INSPECTOR_NAME,
    NAME_COLUMN,
    TARGET_ID_COLUMNS,
    parse,
    sha256,
)
from akq_cli.draw.transcript import FORMAT as TRANSCRIPT_FORMAT

STATS_FILE = "stats/ledger.json"  # below the catalog folder; `akq ledger publish-stats` writes it
SHOWN_ROWS = 500  # a register's rows on its page; the whole register is the download
# The ledger's counts the plan page sums over the plan's items and period, with their names.
RESULT_COUNTS = (
    ("cases", "办件量"),
    ("commitments", "告知承诺办件量"),
    ("withdrawn", "撤回数"),
    ("tasks_due", "应核查数"),
    ("tasks_done", "已核查数"),
    ("overdue", "超期核查数"),
    ("false", "不实承诺数"),
)


@dataclass
class RegisterView:
    label: str  # 检查对象名录 / 执法检查人员名录
    file: str  # as the plan names it, relative to the plan's folder
    url: str  # the published copy, relative to the site root
    sha256: str  # as the plan recorded it
    matches: bool  # the file's SHA-256 equals the recorded one
    heading: list[str] = field(default_factory=list)  # the public columns shown
    rows: list[list[str]] = field(default_factory=list)  # at most SHOWN_ROWS
    total: int = 0
    problem: str = ""  # why the register could not be read


@dataclass
class Results:
    as_of: str
    months: list[str]
    counts: list[tuple[str, int]]  # (名称, 数)
    completion: float | None
    false_rate: float | None


@dataclass
class DrawView:
    url: str  # the draw's page
    transcript_url: str
    transcript_sha256: str
    algorithm: str
    seed: dict[str, Any]
    strata: list[dict[str, Any]]
    selection: list[dict[str, Any]]  # n, stratum, target, name (businesses only), inspectors [(id, name)]
    problems: list[str] = field(default_factory=list)  # where the transcript and the plan's files disagree


@dataclass
class PlanView:
    id: str
    year: str
    name: str  # the plan's file name in the state
    data: dict[str, Any]
    url: str
    plan_url: str  # the published plan file
    department: dict[str, Any]
    items: list[tuple[str, Any]]  # (item id, site Entry or None)
    registers: list[RegisterView]
    inspectors: RegisterView | None
    draw: DrawView | None
    results: Results | None

    @property
    def title(self) -> str:
        return str(self.data.get("title") or self.id)

    def section(self, key: str) -> dict[str, Any]:
        value = self.data.get(key)
        return value if isinstance(value, dict) else {}


def _rel(prefix: str, name: str) -> str:
    """``name`` relative to the catalog folder (plans/2026/RSJ-1.yaml)."""
    return name[len(prefix) + 1 :] if prefix and name.startswith(prefix + "/") else name


def _resolve(state: CatalogState, plan_name: str, file: str) -> str | None:
    """The state's name of a file the plan names relative to its folder, if it stays inside the plans folder."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(plan_name), file))
    plans_root = posixpath.join(state.prefix or "", "plans") if state.prefix else "plans"
    return joined if joined.startswith(plans_root + "/") and ".." not in joined.split("/") else None


def _public_columns(heading: list[str]) -> list[int]:
    """The columns a page may show: the target's code, a business's name, the strata (never other personal data)."""
    out = [i for i, h in enumerate(heading) if h in TARGET_ID_COLUMNS]
    if BUSINESS_ID in heading and NAME_COLUMN in heading:
        out.append(heading.index(NAME_COLUMN))
    return out


def _register(
    state: CatalogState, plan_name: str, ref: Any, label: str, stratum: str | None, inspectors: bool = False
) -> RegisterView:
    file, recorded = str((ref or {}).get("file") or ""), str((ref or {}).get("sha256") or "")
    name = _resolve(state, plan_name, file)
    view = RegisterView(label, file, "", recorded, False)
    if name is None:
        view.problem = "文件名不在抽查计划文件夹内，未公开。"
        return view
    view.url = _rel(state.prefix or "", name)
    try:
        data = state.read(name)
    except OSError:
        view.problem = "目录清单中没有这个文件。"
        view.url = ""
        return view
    view.matches = sha256(data) == recorded
    try:
        register = parse(Path(name), data)
    except DrawError as exc:
        view.problem = exc.texts.get("zh", "")
        return view
    heading = register.heading
    if inspectors:
        columns = [heading.index(h) for h in (INSPECTOR_ID, INSPECTOR_NAME) if h in heading]
    else:
        columns = _public_columns(heading)
        if stratum and stratum in heading and heading.index(stratum) not in columns:
            columns.append(heading.index(stratum))
    view.heading = [heading[i] for i in columns]
    view.rows = [[mask_resident_id(row[i]) for i in columns] for _, row in register.rows[:SHOWN_ROWS]]
    view.total = len(register.rows)
    return view


def _inspector_names(state: CatalogState, plan_name: str, ref: Any) -> dict[str, str]:
    name = _resolve(state, plan_name, str((ref or {}).get("file") or ""))
    try:
        register = parse(Path(name or ""), state.read(name)) if name else None
    except (OSError, DrawError):
        return {}
    if register is None or INSPECTOR_ID not in register.heading or INSPECTOR_NAME not in register.heading:
        return {}
    i, j = register.heading.index(INSPECTOR_ID), register.heading.index(INSPECTOR_NAME)
    return {row[i]: row[j] for _, row in register.rows}


def _draw(state: CatalogState, plan: PlanView, plan_bytes: bytes, names: dict[str, str]) -> DrawView | None:
    transcript_name = plan.name.rsplit(".", 1)[0] + "-draw.json"
    try:
        data = state.read(transcript_name)
        t = json.loads(data.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(t, dict) or t.get("format") != TRANSCRIPT_FORMAT:
        return None
    problems = []
    if (t.get("plan") or {}).get("sha256") != sha256(plan_bytes):
        problems.append("抽取记录中的抽查计划 SHA-256 与本计划文件不同：计划在抽取之后被修改过。")
    recorded = [r.sha256 for r in plan.registers] + ([plan.inspectors.sha256] if plan.inspectors else [])
    used = [r.get("sha256") for r in t.get("registers") or []] + [(t.get("inspectors") or {}).get("sha256")]
    if recorded != used:
        problems.append("抽取记录中的名录 SHA-256 与抽查计划记录的不同。")
    selection = []
    for e in t.get("selection") or []:
        if not isinstance(e, dict):
            continue
        selection.append(
            {
                "n": e.get("n"),
                "stratum": str(e.get("stratum") or ""),
                "target": mask_resident_id(str(e.get("target") or "")),
                "name": str(e["name"]) if e.get("name") and len(str(e.get("target") or "")) == 18 else "",
                "inspectors": [(str(i), names.get(str(i), "")) for i in e.get("inspectors") or []],
            }
        )
    return DrawView(
        url=plan.url.replace(".html", "-draw.html"),
        transcript_url=_rel(state.prefix or "", transcript_name),
        transcript_sha256=sha256(data),
        algorithm=str(t.get("algorithm") or ""),
        seed=t.get("seed") if isinstance(t.get("seed"), dict) else {},
        strata=[s for s in t.get("strata") or [] if isinstance(s, dict)],
        selection=selection,
        problems=problems,
    )


def read_stats(state: CatalogState) -> dict[str, Any] | None:
    """The ledger's published statistics, or None when they are absent or unreadable."""
    name = posixpath.join(state.prefix, STATS_FILE) if state.prefix else STATS_FILE
    try:
        stats = json.loads(state.read(name).decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return stats if isinstance(stats, dict) and isinstance(stats.get("rows"), list) else None


def _months(period: dict[str, Any]) -> set[str]:
    start, end = str(period.get("start") or "")[:7], str(period.get("end") or "")[:7]
    if len(start) != 7 or len(end) != 7:
        return set()
    out, (y, m) = set(), (int(start[:4]), int(start[5:]))
    while f"{y:04d}-{m:02d}" <= end and len(out) < 240:
        out.add(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def results(stats: dict[str, Any] | None, items: list[str], period: dict[str, Any]) -> Results | None:
    """The ledger's counts summed over the plan's items and the months of its period; None: nothing published."""
    if stats is None:
        return None
    months = _months(period)
    rows = [
        r
        for r in stats["rows"]
        if isinstance(r, dict) and r.get("item_id") in items and str(r.get("month") or "") in months
    ]
    if not rows:
        return None

    def total(key: str) -> int:
        return sum(int(r.get(key) or 0) for r in rows if isinstance(r.get(key), int))

    due, done, false = total("tasks_due"), total("tasks_done"), total("false")
    return Results(
        as_of=str(stats.get("as_of") or ""),
        months=sorted({str(r["month"]) for r in rows}),
        counts=[(zh, total(key)) for key, zh in RESULT_COUNTS],
        completion=done / due if due else None,
        false_rate=false / done if done else None,
    )


def plan_views(state: CatalogState | None, departments: dict[str, dict[str, Any]], by_id: dict[str, Any]) -> list[PlanView]:
    """Every readable plan of the state, by year (newest first) and id."""
    if state is None:
        return []
    stats = read_stats(state)
    views = []
    for name in state.plan_names():
        try:
            data = state.read(name)
        except OSError:
            continue
        doc = read_document(Path(name), data)
        d = doc.root.plain() if doc.root is not None and not any(p.fatal for p in doc.problems) else None
        if not isinstance(d, dict) or not isinstance(d.get("id"), str):
            continue  # lint reports it; the site shows only plans it can read
        year = posixpath.basename(posixpath.dirname(name))
        plan_id = d["id"]
        items = [str(i) for i in d.get("items") or [] if isinstance(i, str)]
        sample = d.get("sample") if isinstance(d.get("sample"), dict) else {}
        stratum = sample.get("stratify_by") if isinstance(sample.get("stratify_by"), str) else None
        view = PlanView(
            id=plan_id,
            year=year,
            name=name,
            data=d,
            url=f"plans/{year}/{plan_id}.html",
            plan_url=_rel(state.prefix or "", name),
            department=departments.get(str(d.get("department")), {"id": d.get("department"), "name": d.get("department")}),
            items=[(i, by_id.get(i)) for i in items],
            registers=[
                _register(state, name, r, "检查对象名录", stratum) for r in d.get("registers") or [] if isinstance(r, dict)
            ],
            inspectors=_register(state, name, d.get("inspectors"), "执法检查人员名录", None, inspectors=True)
            if isinstance(d.get("inspectors"), dict)
            else None,
            draw=None,
            results=results(stats, items, d.get("period") if isinstance(d.get("period"), dict) else {}),
        )
        view.draw = _draw(state, view, data, _inspector_names(state, name, d.get("inspectors")))
        views.append(view)
    return sorted(views, key=lambda v: (-int(v.year) if v.year.isdigit() else 0, v.id))


def published_files(state: CatalogState, views: list[PlanView]) -> dict[str, bytes]:
    """The plans, registers and transcripts, byte for byte, under the site's plans/ folder."""
    prefix = state.prefix or ""
    out: dict[str, bytes] = {}
    for v in views:
        names = [v.name] + [
            posixpath.join(prefix, r.url) if prefix else r.url for r in (*v.registers, *([v.inspectors] if v.inspectors else [])) if r.url
        ]
        if v.draw is not None:
            names.append(posixpath.join(prefix, v.draw.transcript_url) if prefix else v.draw.transcript_url)
        for name in names:
            try:
                out[_rel(prefix, name)] = state.read(name)
            except OSError:
                continue
    return out


def open_data(views: list[PlanView], base_url: str) -> bytes:
    """plans.json: every plan, its registers' hashes, its draw and its published results."""

    def reg(r: RegisterView) -> dict[str, Any]:
        return {"file": base_url + r.url if r.url else None, "sha256": r.sha256, "matches": r.matches, "rows": r.total}

    plans = []
    for v in views:
        d = v.data
        draw = None
        if v.draw is not None:
            draw = {
                "page": base_url + v.draw.url,
                "transcript": base_url + v.draw.transcript_url,
                "transcript_sha256": v.draw.transcript_sha256,
                "algorithm": v.draw.algorithm,
                "seed": v.draw.seed,
                "strata": v.draw.strata,
                "selection": [
                    {
                        "n": e["n"],
                        "stratum": e["stratum"],
                        "target": e["target"],
                        **({"name": e["name"]} if e["name"] else {}),
                        "inspectors": [i for i, _ in e["inspectors"]],
                    }
                    for e in v.draw.selection
                ],
                "problems": v.draw.problems,
            }
        res = None
        if v.results is not None:
            res = {
                "as_of": v.results.as_of,
                "months": v.results.months,
                **{key: n for (key, _), (_, n) in zip(RESULT_COUNTS, v.results.counts, strict=True)},
                "completion": None if v.results.completion is None else round(v.results.completion, 4),
                "false_rate": None if v.results.false_rate is None else round(v.results.false_rate, 4),
            }
        plans.append(
            {
                "id": v.id,
                "year": v.year,
                "title": v.title,
                "department": v.department.get("id"),
                "page": base_url + v.url,
                "plan_file": base_url + v.plan_url,
                "items": [i for i, _ in v.items],
                "matter_class": d.get("matter_class"),
                "method": d.get("method"),
                "frequency": d.get("frequency"),
                "period": v.section("period"),
                "sample": v.section("sample"),
                "inspection": v.section("inspection"),
                "seed": v.section("seed"),
                "registers": [reg(r) for r in v.registers],
                "inspectors": reg(v.inspectors) if v.inspectors else None,
                "draw": draw,
                "results": res,
            }
        )
    return (json.dumps({"plans": plans}, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8")
