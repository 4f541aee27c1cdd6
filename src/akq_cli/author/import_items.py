"""`akq import`: plan the drafts of a spreadsheet, check each against the schema, write them, and report."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from akq_cli.author.choices import department_of, kind_of
from akq_cli.author.headings import Mapping, load_mapping, parse_columns
from akq_cli.author.importer import Problem, assign, plan_import, render
from akq_cli.author.refusal import Refused, exit_code
from akq_cli.core.catalog import load_catalog
from akq_cli.core.escape import rich_text
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
    mapping_file: Path | None = None,
    strict: bool = False,
) -> int:
    """`akq import`: exit code 1 when some rows were not imported, 2 when the import cannot start."""
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    out = Console(highlight=False, soft_wrap=True)

    def fail(message: str) -> None:
        err.print(f"[bold red]akq import:[/] {rich_text(message)}")
        raise Refused

    try:
        cat = load_catalog(catalog)
        mapping = load_mapping(mapping_file) if mapping_file is not None else Mapping()
        overrides = {**mapping.columns, **parse_columns(columns)}  # the command line wins over the file
    except CatalogError as exc:
        fail(exc.message())
    except SheetError as exc:
        fail(exc.message())
    department = department if department is not None else mapping.department
    kind = kind if kind is not None else mapping.kind
    sheet = sheet if sheet is not None else mapping.sheet
    # The same readings as `akq new`: sfj is SFJ, 证明事项 is certification.
    for value, check in ((department, department_of(cat.departments)), (kind, kind_of)):
        if value is not None and check(value)[0] is None:
            fail(pick(check(value)[1]))
    department = department_of(cat.departments)(department)[0] if department is not None else None
    kind = kind_of(kind)[0] if kind is not None else None
    try:
        table = read_table(file, sheet)
        plan = plan_import(table, cat, department=department, kind=kind, columns=overrides)
    except SheetError as exc:
        fail(exc.message())
    zh = pick({"zh": "1", "en": ""}) == "1"
    for col, sample in plan.unmapped:
        example = f"（例如“{sample[:40]}”）" if sample and zh else (f" (e.g. '{sample[:40]}')" if sample else "")
        err.print(
            pick(
                {
                    "zh": f"[yellow]未对应字段的列[/]“{rich_text(col.heading)}”{rich_text(example)}：各行的内容原样保存在草稿的 "
                    f"source.cells 中。可用 --columns '{rich_text(col.heading)}=字段' 或映射文件指定，不需要时写 keep。",
                    "en": f"[yellow]unmapped column[/] '{rich_text(col.heading)}'{rich_text(example)}: each row's cell is kept "
                    f"in the draft's source.cells. Map it with --columns '{rich_text(col.heading)}=FIELD' or a mapping file "
                    "(keep: no field).",
                }
            )
        )
    if strict and plan.unmapped:
        fail(
            pick(
                {
                    "zh": f"有 {len(plan.unmapped)} 列没有对应字段（--strict），什么都没有写。请用 --columns 或 --mapping 指定。",
                    "en": f"{len(plan.unmapped)} column(s) map to no field (--strict); nothing written. Map them with --columns or --mapping.",
                }
            )
        )
    assign(plan, cat)

    writes: list[tuple[Path, str, str]] = []
    stale: list[Path] = []
    for d in plan.drafts:
        assert d.path is not None
        if d.existing is not None and not (force or d.update):
            edited = "此行上次导入的草稿已人工修改过" if d.own else "目录中已有此事项"
            plan.problems.append(
                Problem(
                    d.row,
                    {
                        "zh": f"{edited}（{display_path(d.existing)}），未覆盖；确需覆盖请加 --force",
                        "en": f"already in the catalog or edited since the last import ({display_path(d.existing)}); "
                        "not overwritten without --force",
                    },
                )
            )
            continue
        text = render(d, cat, table.source, table)
        doc = read_document(d.path, text.encode("utf-8"))
        hits = list(errors_to_hits(doc.root)) if doc.root is not None else []
        if doc.root is None or doc.problems or hits:
            detail = "；".join(str(h.args) for h in hits[:3])
            plan.problems.append(
                Problem(d.row, {"zh": f"生成的事项不符合格式：{detail}", "en": f"the generated item fails the schema: {detail}"})
            )
            continue
        writes.append((d.path, text, "update" if d.update else ("replace" if d.existing is not None else "new")))
        if d.stale is not None:
            stale.append(d.stale)

    if not dry_run:
        for path, text, _ in writes:
            atomic_write_text(path, text)
        for path in stale:  # an unedited draft of this row under its old id (department or kind corrected)
            path.unlink(missing_ok=True)

    rows = {d.path: d.row for d in plan.drafts}
    for path, _, how in writes:
        verb = {"new": "新建", "update": "更新", "replace": "覆盖"}[how] if zh else {"new": "new", "update": "updated", "replace": "replaced"}[how]
        if dry_run:
            verb = ("将" + verb) if zh else f"would be {verb}"
        row = rows.get(path)
        out.print(f"{'第 ' if zh else 'row '}{row}{' 行' if zh else ''}  {verb}  {display_path(path)}")
    for path in stale:
        out.print(f"{'删除上次导入的草稿' if zh else 'removed the earlier draft'}  {display_path(path)}")
    failures = [p for p in plan.problems if not p.info]
    notes = [p for p in plan.problems if p.info]
    for p in sorted(notes, key=lambda p: p.row):
        err.print(f"[dim]{'第 ' if zh else 'row '}{p.row}{' 行' if zh else ''}：{rich_text(pick(p.reason))}[/]")
    for p in sorted(failures, key=lambda p: p.row):
        if p.row in plan.earlier and p.row not in rows.values():
            # a corrected mapping may refuse a row an earlier import made a draft of: say it is still there
            kept = display_path(plan.earlier[p.row])
            p.reason = {"zh": f"{p.reason['zh']}（上次从这一行导入的草稿 {kept} 仍在目录中，请核对是否删除）",
                        "en": f"{p.reason['en']} (the draft an earlier import made of this row, {kept}, is still there)"}
        err.print(f"[yellow]{'第 ' if zh else 'row '}{p.row}{' 行未导入' if zh else ' not imported'}：[/]{rich_text(pick(p.reason))}")
    last = table.rows[plan.header.last].number
    rows_text = f"{plan.header_row}–{last}" if last != plan.header_row else str(plan.header_row)
    encoding = f"，编码 {table.encoding}" if table.encoding and zh else (f", encoding {table.encoding}" if table.encoding else "")
    err.print(
        rich_text(pick(
            {
                "zh": f"{table.source}（表头在第 {rows_text} 行{encoding}）：{'将' if dry_run else ''}导入 {len(writes)} 个事项，"
                f"{len(failures)} 行无法导入，跳过空行 {plan.empty_rows} 行。"
                + ("" if dry_run or not writes else "导入的事项状态为草稿（draft），请运行 akq lint 查看还需要填写的内容。"),
                "en": f"{table.source} (headings in row {rows_text}{encoding}): {'would import' if dry_run else 'imported'} "
                f"{len(writes)} item(s), {len(failures)} row(s) not imported, {plan.empty_rows} empty row(s) skipped."
                + ("" if dry_run or not writes else " Imported items are drafts; run akq lint to see what is left to fill in."),
            }
        ))
    )
    return 1 if failures else 0
