"""`akq ledger check` on a SQLite ledger without typer or SQLAlchemy: a clerk runs it before accepting every
commitment, so the whole process must take under 150 ms (bench/ledger_1m.py measures it).

`run` handles the plain forms of the command and returns None for anything else (--help, a PostgreSQL
ledger, an option it does not know), which then takes the full typer path with the same output."""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import date
from pathlib import Path

from akq_cli.core.i18n import pick
from akq_cli.core.personal import mask_id, mask_text
from akq_cli.ledger import ids
from akq_cli.ledger.errors import LedgerError
from akq_cli.ledger.location import locate
from akq_cli.ledger.policy import CHECK_SQL, CheckResult, classes, evaluate

OPTIONS = ("--ledger", "--id-file", "--on", "--format")


def read_id(id_file: Path | None) -> str:
    """From a file, else standard input when it is not a terminal, else a prompt: never from argv."""
    if id_file is not None:
        try:
            # imported here, not at the top: `check` without --id-file must start fast (≤ 150 ms)
            from akq_cli.core.state import read_regular

            text = read_regular(id_file, 4096).decode("utf-8-sig", "replace")
        except OSError as exc:
            raise LedgerError("import-unreadable", path=str(id_file), detail=exc.strerror or str(exc)) from exc
    elif not sys.stdin.isatty():
        text = sys.stdin.readline()
    else:
        sys.stderr.write(pick({"zh": "证件号码：", "en": "ID number: "}))
        sys.stderr.flush()
        text = sys.stdin.readline()
    value = ids.normalise(text.splitlines()[0] if text.strip() else "")
    if not value:
        raise LedgerError("no-id")
    if ids.kind_of(value) is None:
        raise LedgerError("bad-id", value=value)
    return value


def check_sqlite(path: Path, applicant_id: str, on: date) -> CheckResult:
    if not path.is_file():
        raise LedgerError("missing", path=str(path))
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        try:
            return evaluate(conn.execute(CHECK_SQL, (applicant_id,)), on)
        except sqlite3.DatabaseError as exc:
            raise LedgerError("not-initialised") from exc


def check_text(result: CheckResult, applicant_id: str) -> str:
    who = mask_id(applicant_id)
    if result.allowed:
        note = pick({"zh": "本地无记录", "en": "no local record"}) if not result.known else pick(
            {"zh": "本地无有效失信记录", "en": "no effective dishonesty record here"})
        return pick({
            "zh": "可以：{who} 可以采用告知承诺方式办理（{note}；未查询“信用中国”等上级平台）。",
            "en": "YES: {who} may use the commitment route ({note}; 信用中国 and upper-level platforms not consulted).",
        }, who=who, note=note)
    lines = [pick({"zh": "不可以：{who} 在信用修复前不适用告知承诺制，应当提交证明材料办理。",
                   "en": "NO: {who} may not use the commitment route before credit repair; ask for the proofs."}, who=who)]
    names = classes()
    for b in result.blocking:
        cls = names[b.dishonesty_class]
        lines.append(pick({
            "zh": "  {dept} {number}（{day}）：{reason}；{cls}；最早可申请信用修复日期：{repair}。",
            "en": "  {dept} {number} ({day}): {reason}; {cls}; earliest repair application: {repair}.",
        }, dept=b.department, number=b.number, day=b.decided_on.isoformat(), reason=b.reason,
            cls=cls.name if pick({"zh": "zh", "en": "en"}) == "zh" else cls.name_en,
            repair=(b.repair_from or b.decided_on).isoformat()))
    return mask_text("\n".join(lines))


def check_json(result: CheckResult, applicant_id: str) -> str:
    return mask_text(json.dumps({
        "applicant": mask_id(applicant_id), "allowed": result.allowed, "local_record": result.known,
        "blocking": [{"department": b.department, "number": b.number, "decided_on": b.decided_on.isoformat(),
                      "reason": b.reason, "class": b.dishonesty_class,
                      "repair_from": (b.repair_from or b.decided_on).isoformat(), "source": b.source}
                     for b in result.blocking],
    }, ensure_ascii=False, indent=2))


def _parse(args: list[str]) -> dict[str, str] | None:
    found: dict[str, str] = {}
    i = 0
    while i < len(args):
        name, sep, value = args[i].partition("=")
        if name not in OPTIONS:
            return None
        if not sep:
            if i + 1 >= len(args):
                return None
            value, i = args[i + 1], i + 1
        found[name] = value
        i += 1
    if found.get("--format", "text") not in ("text", "json"):
        return None
    return found


def run(args: list[str]) -> int | None:
    options = _parse(args)
    if options is None:
        return None
    try:
        location = locate(Path.cwd(), options.get("--ledger"))
        if location.path is None:
            return None
        on = date.fromisoformat(options["--on"]) if "--on" in options else date.today()
        applicant_id = read_id(Path(options["--id-file"]) if "--id-file" in options else None)
        result = check_sqlite(location.path, applicant_id, on)
    except ValueError:
        return None  # a bad --on: the full path words the error
    except LedgerError as exc:
        sys.stderr.write(exc.message() + "\n")
        return 2
    out = check_json(result, applicant_id) if options.get("--format") == "json" else check_text(result, applicant_id)
    sys.stdout.write(out + "\n")
    return 0 if result.allowed else 1
