"""The ledger's messages in Chinese and English, and its one error type (shown without a traceback)."""

from __future__ import annotations

from typing import Any

from akq_cli.core.i18n import pick
from akq_cli.core.personal import mask_text

MESSAGES: dict[str, dict[str, str]] = {
    "no-ledger": {
        "zh": "没有设置台账位置。请在 akq.toml 中写 [ledger] path = \"台账文件路径\"（或 url = \"postgresql://…\"），"
        "或设置环境变量 AKQ_LEDGER，或用 --ledger 指定。台账含个人信息，必须放在目录清单仓库之外。",
        "en": "No ledger configured. Put [ledger] path = \"FILE\" (or url = \"postgresql://...\") in akq.toml, set "
        "AKQ_LEDGER, or pass --ledger. The ledger holds personal data and must live outside the catalog repository.",
    },
    "config-unreadable": {"zh": "{path}：无法读取 [ledger] 设置：{detail}", "en": "{path}: cannot read [ledger]: {detail}"},
    "inside-work-tree": {
        "zh": "{path} 位于 git 工作区 {tree} 之内。台账含个人信息，不能放进版本库：请改到工作区之外，例如 ~/akq-ledger/ledger.db。",
        "en": "{path} is inside the git work tree {tree}. The ledger holds personal data and must never be committed: "
        "choose a path outside it, e.g. ~/akq-ledger/ledger.db.",
    },
    "acl-failed": {
        "zh": "无法把 {path} 设为仅所有者可访问（icacls：{detail}）。台账含个人信息：请由管理员检查该文件夹的权限后重试。",
        "en": "Cannot make {path} owner-only (icacls: {detail}). The ledger holds personal data: have an administrator "
        "check the folder's permissions, then try again.",
    },
    "old-schema": {
        "zh": "台账的结构版本是 {have}，这一版 akq 需要 {want}。请先备份（akq ledger backup 文件名），再运行 akq ledger init 升级；"
        "升级保留全部记录和审计链。",
        "en": "The ledger's schema is at revision {have}; this akq needs {want}. Back it up (akq ledger backup FILE), then "
        "run akq ledger init to upgrade; every record and the audit chain are kept.",
    },
    "missing": {
        "zh": "台账文件 {path} 不存在。请先运行 akq ledger init。",
        "en": "The ledger {path} does not exist. Run akq ledger init first.",
    },
    "not-initialised": {
        "zh": "台账尚未初始化。请运行 akq ledger init。",
        "en": "The ledger has no tables yet. Run akq ledger init.",
    },
    "bad-id": {
        "zh": "证件号码 {value} 无效：既不是校验位正确的居民身份证号码（GB 11643），也不是统一社会信用代码（GB 32100）。请核对后重新输入。",
        "en": "{value} is neither a citizen ID number with a valid check digit (GB 11643) nor a unified social credit "
        "code (GB 32100). Check it and enter it again.",
    },
    "no-id": {
        "zh": "没有读到证件号码。请在提示时输入，或通过标准输入、--id-file 文件提供；为避免留在命令历史中，不接受命令行参数。",
        "en": "No ID number read. Type it at the prompt, or give it on standard input or with --id-file; it is never "
        "taken from the command line, so that it stays out of shell history.",
    },
    "unknown-item": {
        "zh": "目录清单中没有事项 {item}。请用 akq lint 列出的事项编号，例如 MZJ-ZM-001。",
        "en": "The catalog has no item {item}. Use an item id from the catalog, e.g. MZJ-ZM-001.",
    },
    "unknown-commitment": {
        "zh": "台账中没有承诺编码 {code}。请核对编码（可用 akq ledger due 列出）。",
        "en": "The ledger has no commitment {code}. Check the code (akq ledger due lists them).",
    },
    "bad-date": {"zh": "{field} 的日期“{value}”无效，应为 YYYY-MM-DD。", "en": "{field}: '{value}' is not a date; use YYYY-MM-DD."},
    "bad-choice": {
        "zh": "{field} 的值“{value}”无效，应为：{choices}。",
        "en": "{field}: '{value}' is not one of: {choices}.",
    },
    "bad-fill-in": {
        "zh": "填写项“{label}”不是事项 {item} 的填写项。该事项的填写项：{known}。",
        "en": "'{label}' is not a fill-in field of item {item}. Its fields: {known}.",
    },
    "missing-fill-in": {
        "zh": "事项 {item} 的必填项“{label}”没有填写。",
        "en": "Item {item}: required fill-in field '{label}' is empty.",
    },
    "bad-status": {
        "zh": "承诺 {code} 当前状态为“{status}”，不能改为“{new}”：{why}",
        "en": "Commitment {code} is '{status}' and cannot become '{new}': {why}",
    },
    "empty-cell": {"zh": "“{column}”列为空。", "en": "column '{column}' is empty."},
    "no-task": {"zh": "承诺 {code} 没有核查任务（申请人选择了提交证明）。", "en": "Commitment {code} has no verification task (the applicant brought the proofs)."},
    "duplicate": {
        "zh": "承诺编码 {code} 已在台账中。导入和登记都不会覆盖已有记录；如需更正，请核对原记录。",
        "en": "Commitment code {code} is already in the ledger. Neither import nor record overwrites a record.",
    },
    "duplicate-decision": {"zh": "决定 {number} 已在台账中，不会重复导入。", "en": "Decision {number} is already in the ledger."},
    "no-appeal": {"zh": "决定 {number} 没有待处理的{kind}申请。", "en": "Decision {number} has no pending {kind} application."},
    "database": {
        "zh": "数据库拒绝了这项操作：{detail}。如果是权限问题（例如写入其他部门的记录），请由本部门的账号办理。",
        "en": "The database refused this: {detail}. If it is a permission (e.g. another department's record), use that department's account.",
    },
    "concluded": {"zh": "事项已经办结或终止。", "en": "the matter is already concluded."},
    "no-finding": {
        "zh": "承诺 {code} 没有核查结果为“不实”的记录。失信记录只能在核查认定不实、经陈述申辩并作出决定后记录。",
        "en": "Commitment {code} has no verification outcome 'false'. A dishonesty record follows only a 不实 finding "
        "and a decision after the applicant was heard.",
    },
    "no-hearing": {
        "zh": "缺少陈述申辩日期（--heard）：作出决定前应当听取申请人的陈述和申辩。",
        "en": "Missing the hearing date (--heard): the applicant must be heard before a decision.",
    },
    "unknown-decision": {"zh": "台账中没有决定 {number}。", "en": "The ledger has no decision {number}."},
    "repair-too-early": {
        "zh": "决定 {number} 的最短公示期到 {date} 才届满，届满前不能申请信用修复。",
        "en": "Decision {number}: its minimum publication period ends on {date}; repair cannot be applied for before.",
    },
    "import-unreadable": {"zh": "无法读取 {path}：{detail}", "en": "Cannot read {path}: {detail}"},
    "import-too-large": {
        "zh": "{path} 有 {size} 字节，超过导入文件的上限 {limit}。请按月份或部门分成几个文件再导入。",
        "en": "{path} has {size} bytes, over the import limit of {limit}. Split it by month or department and import each.",
    },
    "control-char": {
        "zh": "“{column}”列含控制字符 {char}（导出出错或内容被篡改）。请在原系统中核对这一行。",
        "en": "column '{column}' holds the control character {char} (a broken export or tampered content). Check the row in the case system.",
    },
    "cell-too-long": {
        "zh": "“{column}”列有 {n} 个字符，超过上限 {limit}。请核对这一行。",
        "en": "column '{column}' has {n} characters, over the limit of {limit}. Check the row.",
    },
    "formula-cell": {
        "zh": "“{column}”列以“{lead}”开头，像电子表格公式（用电子表格打开时可能被执行）。台账不收这样的值，请在原系统中核对。",
        "en": "column '{column}' starts with '{lead}' like a spreadsheet formula (a spreadsheet may run it). The ledger "
        "does not take such values: check the row in the case system.",
    },
    "import-no-header": {
        "zh": "{path} 第 1 行缺少列：{missing}。需要的列：{columns}。",
        "en": "{path} row 1: missing columns: {missing}. Columns needed: {columns}.",
    },
    "backend-only": {
        "zh": "该命令只适用于 {backend} 台账。",
        "en": "This command works only on a {backend} ledger.",
    },
    "tool-failed": {"zh": "{tool} 运行失败：{detail}", "en": "{tool} failed: {detail}"},
    "restore-exists": {
        "zh": "{path} 已存在。恢复不会覆盖现有台账：请指定一个新的路径，或先把现有文件移走。",
        "en": "{path} exists. Restore never overwrites a ledger: give a new path or move the file away first.",
    },
    "write-failed": {"zh": "无法写入 {path}：{detail}", "en": "Cannot write {path}: {detail}"},
    "bad-head-file": {
        "zh": "{path} 第 {line} 行不是导出的链头（应为“序号 哈希 时间”）。",
        "en": "{path} line {line} is not an exported head (expected 'SEQ HASH TIME').",
    },
}


def msg(key: str, **kwargs: Any) -> str:
    # Every message passes the ID mask: a value quoted back to the user must not reveal a full ID number.
    return mask_text(pick(MESSAGES[key], **kwargs))


class LedgerError(Exception):
    """A problem the user can fix; the command prints ``message()`` and exits 2."""

    def __init__(self, key: str, **kwargs: Any) -> None:
        super().__init__(key)
        self.key, self.kwargs = key, kwargs

    def message(self) -> str:
        return msg(self.key, **self.kwargs)
