"""reference: a reference that does not resolve.

- ``department`` not in departments.yaml, or not the folder the file is in
  (items/<DEPT>/);
- ``id`` not the file name (the spec: “the file name is the item's id”; the
  file name is how every other file refers to the item, hence this rule);
- ``certifications`` naming an id that does not exist, or an item that is not
  a certification item.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from akq_cli.lint.catalog_index import CatalogIndex
from akq_cli.lint.findings import Finding
from akq_cli.lint.framework import CatalogContext, Example, ItemSummary, Rule, catalog_finding

MESSAGES = {
    "department": {
        "zh": "办理机关“{value}”不在 departments.yaml 中。请改为其中的部门代码，或先在 departments.yaml 中添加该部门。",
        "en": "The department '{value}' is not in departments.yaml. Use one of its codes, or add the department there first.",
    },
    "folder": {
        "zh": "办理机关“{value}”与文件所在的文件夹“{folder}”不一致。事项文件应放在 items/{value}/ 下；如果部门代码写错了，请改正。",
        "en": "The department '{value}' does not match the folder '{folder}'. Move the file to items/{value}/, or correct the code.",
    },
    "file-name": {
        "zh": "编号“{value}”与文件名“{name}”不一致。文件名必须是事项编号：请把文件改名为 {value}.yaml，或改正编号。",
        "en": "The id '{value}' differs from the file name '{name}'. The file is named after the id: rename it to {value}.yaml, or correct the id.",
    },
    "missing": {
        "zh": "一并告知承诺的证明事项“{value}”在目录中不存在。请检查编号是否写错，或先添加该证明事项。",
        "en": "The certification item '{value}' does not exist in the catalog. Check the id, or add that item first.",
    },
    "not-certification": {
        "zh": "“{value}”（{other}）不是证明事项（kind 为 {kind}），不能写在 certifications 中。这里只列一并告知承诺的证明事项编号。",
        "en": "'{value}' ({other}) is not a certification item (kind is {kind}); certifications lists certification items only.",
    },
}


def split(file: str) -> tuple[str, str, str]:
    """(folder, folder name, file stem) of a path such as catalog/items/SFJ/SFJ-ZM-001.yaml."""
    if file.count("/") < 2:  # run from inside the catalog: the folder names are above the working directory
        file = os.path.abspath(file).replace(os.sep, "/")
    folder, _, name = file.rpartition("/")
    return folder, folder.rpartition("/")[2], name.rpartition(".")[0] or name


def _kind_of(item_id: str, known: dict[str, ItemSummary], index: CatalogIndex | None) -> tuple[str | None, str] | None:
    if item_id in known:
        return known[item_id].kind, known[item_id].file
    for name in index.unlinted(item_id) if index is not None else ():
        top = index.top(name)  # type: ignore[union-attr]
        if top.get("id") == item_id:
            return top.get("kind"), index.display(name)  # type: ignore[union-attr]
    return None


def _check(ctx: CatalogContext) -> Iterable[Finding]:
    cfg = ctx.config
    known: dict[str, ItemSummary] = {}
    for s in ctx.summaries:
        if s.id and s.id not in known:
            known[s.id] = s
    for s in ctx.summaries:
        folder, folder_name, stem = split(s.file)
        if s.id and stem != s.id:
            name = s.file.rpartition("/")[2]
            yield catalog_finding(
                RULE, cfg, s.file, s.id_line, s.id_column, "/id", MESSAGES["file-name"], value=s.id, name=name
            )
        if s.department:
            dept_at = (s.file, s.department_line, s.department_column, "/department")
            if ctx.departments is not None and s.department not in ctx.departments:
                yield catalog_finding(RULE, cfg, *dept_at, MESSAGES["department"], value=s.department)
            elif split(folder)[1] == "items" and folder_name != s.department:
                yield catalog_finding(RULE, cfg, *dept_at, MESSAGES["folder"], value=s.department, folder=folder_name)
        for i, (cert, line, column) in enumerate(s.certifications):
            found = _kind_of(cert, known, ctx.index)
            at = (s.file, line, column, f"/certifications/{i}")
            if found is None:
                yield catalog_finding(RULE, cfg, *at, MESSAGES["missing"], value=cert)
            elif found[0] != "certification":
                yield catalog_finding(
                    RULE, cfg, *at, MESSAGES["not-certification"], value=cert, other=found[1], kind=found[0]
                )


RULE = Rule(
    id="reference",
    severity="error",
    summary={
        "zh": "引用找不到：办理机关不在 departments.yaml 中或与文件夹不符、编号与文件名不符、certifications 中的证明事项不存在或不是证明事项。",
        "en": "A reference that does not resolve: an unknown department or one that differs from the folder, an id that "
        "differs from the file name, or certifications that do not exist or are not certification items.",
    },
    description={
        "zh": "事项之间、事项与部门之间靠编号互相引用：department 必须是 departments.yaml 中的部门代码，"
        "事项文件放在 items/<部门代码>/ 文件夹中；文件名必须是事项编号（items/SFJ/SFJ-ZM-001.yaml 的 id 是 SFJ-ZM-001）；"
        "涉企经营许可事项的 certifications 列出一并告知承诺的证明事项编号，这些编号必须存在，而且必须是证明事项"
        "（kind: certification）。只检查部分文件时（例如 pre-commit），也会在目录中查找被引用的文件。",
        "en": "Items refer to each other and to departments by code: department is an id from departments.yaml and the "
        "file lives in items/<DEPT>/; the file name is the item's id (items/SFJ/SFJ-ZM-001.yaml has id SFJ-ZM-001); a "
        "business-license item's certifications are ids of existing certification items (kind: certification). When "
        "only some files are linted (pre-commit), the referenced files are looked up in the catalog.",
    },
    message=MESSAGES["missing"],
    bad=(
        Example(
            "# items/RSJ/RSJ-XK-001.yaml\nkind: business_license\ncertifications:\n  - SFJ-ZM-009\n",
            note={"zh": "证明事项 SFJ-ZM-009 不存在", "en": "there is no certification item SFJ-ZM-009"},
        ),
        Example(
            "# items/SFJ/SFJ-ZM-001.yaml\ndepartment: GAJ\n",
            note={"zh": "部门代码与文件夹不一致", "en": "the department differs from the folder"},
        ),
        Example(
            "# items/SFJ/SFJ-ZM-002.yaml\nid: SFJ-ZM-001\n",
            note={"zh": "编号与文件名不一致", "en": "the id differs from the file name"},
        ),
        Example(
            "# items/XXJ/XXJ-ZM-001.yaml\nid: XXJ-ZM-001\ndepartment: XXJ\n",
            note={"zh": "departments.yaml 中没有 XXJ", "en": "XXJ is not in departments.yaml"},
        ),
    ),
    good=(
        Example(
            "# items/RSJ/RSJ-XK-001.yaml\nkind: business_license\ncertifications:\n  - SFJ-ZM-001\n"
            "---\n# items/SFJ/SFJ-ZM-001.yaml\nid: SFJ-ZM-001\n",
            note={"zh": "引用的证明事项存在", "en": "the certification item exists"},
        ),
    ),
    check=_check,
    scope="catalog",
)
