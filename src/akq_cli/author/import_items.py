"""`akq import`: plan the drafts of a spreadsheet, check each against the schema, write them, and report."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from akq_cli.author.choices import department_of, kind_of
from akq_cli.author.importer import Problem, assign, parse_columns, plan_import, render
from akq_cli.author.refusal import Refused, exit_code
from akq_cli.core.catalog import load_catalog
from akq_cli.core.files import atomic_write_text
from akq_cli.core.i18n import pick
from akq_cli.core.loader import read_document
from akq_cli.core.paths import display_path
from akq_cli.core.spreadsheet import SheetError, read_table
from akq_cli.core.state import CatalogError
from akq_cli.lint.rules.schema import errors_to_hits


@exit_code
def import_sheet(
    file: Path,
    department: str | None,
    kind: str | None,
    columns: str | None,
    sheet: str | None,
    force: bool,
    dry_run: bool,
    catalog: Path | None,
) -> int:
    """`akq import`: exit code 1 when some rows were not imported, 2 when the import cannot start."""
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    out = Console(highlight=False, soft_wrap=True)

    def fail(message: str) -> None:
        err.print(f"[bold red]akq import:[/] {message}")
        raise Refused

    try:
        cat = load_catalog(catalog)
    except CatalogError as exc:
        fail(exc.message())
    # The same readings as `akq new`: sfj is SFJ, 证明事项 is certification.
    for value, check in ((department, department_of(cat.departments)), (kind, kind_of)):
        if value is not None and check(value)[0] is None:
            fail(pick(check(value)[1]))
    department = department_of(cat.departments)(department)[0] if department is not None else None
    kind = kind_of(kind)[0] if kind is not None else None
    try:
        mapping = parse_columns(columns)
        table = read_table(file, sheet)
        plan = plan_import(table, cat, department=department, kind=kind, columns=mapping)
    except SheetError as exc:
        fail(exc.message())
    assign(plan, cat)

    writes: list[tuple[Path, str, bool]] = []
    for d in plan.drafts:
        assert d.path is not None
        if d.existing is not None and not force:
            plan.problems.append(
                Problem(
                    d.row,
                    {
                        "zh": f"目录中已有此事项（{display_path(d.existing)}），未覆盖；确需覆盖请加 --force",
                        "en": f"already in the catalog ({display_path(d.existing)}); not overwritten without --force",
                    },
                )
            )
            continue
        text = render(d, cat, table.source)
        doc = read_document(d.path, text.encode("utf-8"))
        hits = list(errors_to_hits(doc.root)) if doc.root is not None else []
        if doc.root is None or doc.problems or hits:
            detail = "；".join(str(h.args) for h in hits[:3])
            plan.problems.append(
                Problem(d.row, {"zh": f"生成的事项不符合格式：{detail}", "en": f"the generated item fails the schema: {detail}"})
            )
            continue
        writes.append((d.path, text, d.existing is not None))

    if not dry_run:
        for path, text, _ in writes:
            atomic_write_text(path, text)

    zh = pick({"zh": "1", "en": ""}) == "1"
    rows = {d.path: d.row for d in plan.drafts}
    for path, _, replaced in writes:
        verb = ("覆盖" if replaced else "新建") if zh else ("replaced" if replaced else "new")
        if dry_run:
            verb = ("将" + verb) if zh else f"would be {verb}"
        row = rows.get(path)
        out.print(f"{'第 ' if zh else 'row '}{row}{' 行' if zh else ''}  {verb}  {display_path(path)}")
    failures = [p for p in plan.problems if not p.info]
    notes = [p for p in plan.problems if p.info]
    for p in sorted(notes, key=lambda p: p.row):
        err.print(f"[dim]{'第 ' if zh else 'row '}{p.row}{' 行' if zh else ''}：{pick(p.reason)}[/]")
    for p in sorted(failures, key=lambda p: p.row):
        err.print(f"[yellow]{'第 ' if zh else 'row '}{p.row}{' 行未导入' if zh else ' not imported'}：[/]{pick(p.reason)}")
    encoding = f"，编码 {table.encoding}" if table.encoding and zh else (f", encoding {table.encoding}" if table.encoding else "")
    err.print(
        pick(
            {
                "zh": f"{table.source}（表头在第 {plan.header_row} 行{encoding}）：{'将' if dry_run else ''}导入 {len(writes)} 个事项，"
                f"{len(failures)} 行无法导入，跳过空行 {plan.empty_rows} 行。"
                + ("" if dry_run or not writes else "导入的事项状态为草稿（draft），请运行 akq lint 查看还需要填写的内容。"),
                "en": f"{table.source} (headings in row {plan.header_row}{encoding}): {'would import' if dry_run else 'imported'} "
                f"{len(writes)} item(s), {len(failures)} row(s) not imported, {plan.empty_rows} empty row(s) skipped."
                + ("" if dry_run or not writes else " Imported items are drafts; run akq lint to see what is left to fill in."),
            }
        )
    )
    return 1 if failures else 0
