"""The inspection plan model (双随机、一公开), one declaration per field, as core.fields declares an item's.

A plan is ``catalog/plans/<year>/<DEPT>-<n>.yaml``: which matter is inspected,
on what legal basis, from which register of targets (fixed by its SHA-256
before the seed date), how many, by how many inspectors with which recusal
rules, and which public random value seeds the draw.  schemas/generate.py
writes schemas/plan.schema.json from ``PLAN``; the bounds a clerk most often
gets wrong (ratio, inspectors per target, dates) are judged by the plan-*
lint rules, whose messages can say why, not by the schema.  Plain data only.
"""

from __future__ import annotations

from akq_cli.core.fields import DATE_PATTERN, DEPT_PATTERN, ID_PATTERN, Field, get

PLAN_ID_PATTERN = "^[A-Z][A-Z0-9]*-[1-9][0-9]*$"
SHA256_PATTERN = "^[0-9a-f]{64}$"
MATTER_CLASSES = ("ordinary", "key")  # 一般检查事项 / 重点检查事项 (国发〔2019〕5号)
ROUNDING = ("up", "down", "nearest")


def _f(key: str, type_: str, zh: str, en: str, description: str, description_en: str, **kw: object) -> Field:
    return Field(key, type_, zh, en, description, description_en, **kw)  # type: ignore[arg-type]


_REGISTER = (
    _f("file", "text", "文件", "file", "登记表文件，相对于本计划文件所在的文件夹，例如 registers/RSJ-1-targets.csv（CSV 或 XLSX）。",
       "The register, relative to the plan's folder (CSV or XLSX).", example="registers/RSJ-1-targets.csv", required=True),
    _f("sha256", "code", "SHA-256", "SHA-256", "登记表文件的 SHA-256（64 位小写十六进制），在公开随机数产生之前提交。"
       "用 `sha256sum 文件` 计算。", "The register's SHA-256, committed before the seed date.",
       pattern=SHA256_PATTERN, required=True),
)


# fmt: off  (one field's declaration reads best a few attributes to a line)
PLAN: tuple[Field, ...] = (
    _f("id", "code", "计划编号", "id", "部门代码-序号，与文件名一致，例如 RSJ-1。", "DEPT-n, equal to the file name.",
       example="RSJ-1", pattern=PLAN_ID_PATTERN, required=True),
    _f("title", "text", "计划名称", "title", "例如：2025年人力资源服务许可告知承诺事项“双随机、一公开”抽查计划。", "The plan's title.",
       required=True),
    _f("department", "code", "实施部门", "department", "部门代码，必须是 departments.yaml 中的 id。", "The department's code.",
       example="RSJ", pattern=DEPT_PATTERN, required=True),
    _f("items", "code_list", "抽查的事项", "items", "本计划核查的告知承诺事项编号。", "The catalog items whose commitments are checked.",
       example=["RSJ-XK-001"], pattern=ID_PATTERN, min_items=1, required=True),
    get("legal_basis"),
    _f("matter_class", "enum", "事项类别", "matter class",
       "key：重点检查事项（抽查比例不设上限）；ordinary：一般检查事项（抽查比例和频次严格限制）。",
       "key (no upper limit on the ratio) or ordinary (ratio and frequency strictly limited).",
       enum=MATTER_CLASSES, required=True),
    _f("method", "text", "抽查方式", "method", "例如：现场检查、书面检查、网络监测。", "How targets are inspected.", required=True),
    _f("frequency", "text", "抽查频次", "frequency", "例如：每年1次。", "How often.", required=True),
    _f("period", "object", "实施期间", "period", "抽查实施的起止日期。", "When the inspections take place.", required=True,
       fields=(
           _f("start", "date", "开始日期", "start", "YYYY-MM-DD。", "YYYY-MM-DD.", pattern=DATE_PATTERN, required=True),
           _f("end", "date", "结束日期", "end", "YYYY-MM-DD。", "YYYY-MM-DD.", pattern=DATE_PATTERN, required=True),
       )),
    _f("registers", "object_list", "检查对象名录", "target registers",
       "检查对象名录（登记表），每份写明文件和 SHA-256。名录只列承诺编码或统一社会信用代码，不列身份证号码，可以公开。",
       "The registers of targets, each with its SHA-256; pseudonymous, so publishable.",
       entry_zh="一份名录", min_items=1, required=True,
       fields=_REGISTER),
    _f("inspectors", "object", "执法检查人员名录", "inspector register",
       "执法检查人员名录（执法证号、姓名、需回避的检查对象）。", "The register of inspectors with their recusals.",
       required=True, fields=_REGISTER),
    _f("sample", "object", "抽取数量", "sample", "按比例（ratio）或按数量（count）抽取，二者写一个。", "A ratio or a count.",
       required=True,
       fields=(
           _f("ratio", "number", "抽查比例", "ratio", "大于0、不超过1的小数，例如 0.05 表示5%。", "In (0, 1].", example=0.05),
           _f("count", "integer", "抽查数量", "count", "每层抽取的户数，至少为1。", "Targets per stratum, at least 1."),
           _f("rounding", "enum", "取整方式", "rounding", "按比例算出的户数不是整数时：up 向上取整；down 向下取整；nearest 四舍五入。",
              "How a fractional count is rounded.", enum=ROUNDING),
           _f("stratify_by", "string", "分层依据", "stratify by", "名录中用来分层的列名，例如“事项编号”；不分层时省略。",
              "The register column to stratify by; omit for none."),
           _f("minimum_per_stratum", "integer", "每层至少抽取", "minimum per stratum",
              "按比例抽取时，每个非空的层至少抽取的户数（至少为1）。", "At least this many per non-empty stratum (≥ 1)."),
       )),
    _f("weighting", "object", "按信用分类加权", "weighting",
       "按信用风险分类调整被抽中的概率（可选）。权重是正整数；写明依据。不得因为申请人选择告知承诺方式而加重抽查。",
       "Optional integer weights by credit class, documented; never heavier for the commitment route as such.",
       fields=(
           _f("column", "text", "分类所在列", "column", "名录中信用分类的列名，例如“信用风险分类”。", "The register column.",
              required=True),
           _f("weights", "object_list", "各类权重", "weights", "每个分类一条。", "One per class.", entry_zh="一个分类",
              min_items=1, required=True,
              fields=(
                  _f("class", "text", "分类", "class", "例如：A类（低风险）。", "The class as written in the register.",
                     required=True),
                  _f("weight", "integer", "权重", "weight", "正整数，1为基准。", "A positive whole number.", required=True),
              )),
           _f("basis", "text", "加权依据", "basis", "加权的文件依据。", "Why, with its source.", required=True),
       )),
    _f("inspection", "object", "检查人员要求", "inspection", "每个检查对象的执法人员人数和回避规则。",
       "Inspectors per target and recusal rules.", required=True,
       fields=(
           _f("per_target", "integer", "每个对象的执法人员人数", "per target", "不得少于2人（《中华人民共和国行政处罚法》第四十二条）。",
              "At least 2.", required=True),
           _f("recusal", "text_list", "回避规则", "recusal", "执法人员应当回避的情形（《中华人民共和国行政处罚法》第四十三条）。",
              "When an inspector must recuse."),
       )),
    _f("seed", "object", "随机种子", "seed", "在登记表 SHA-256 提交之后公布的公开随机数。", "The public random value.",
       required=True,
       fields=(
           _f("source", "text", "公开随机数来源", "source", "例如：中国福利彩票“双色球”第2025080期开奖号码（按公布的顺序录入）。",
              "For example a named lottery drawing.", required=True),
           _f("date", "date", "公开随机数产生日期", "date", "开奖或发布的日期，YYYY-MM-DD。", "The drawing's date.",
              pattern=DATE_PATTERN, required=True),
           _f("registers_fixed", "date", "名录哈希提交日期", "registers fixed",
              "记录各登记表 SHA-256 的提交（合并）日期，必须早于公开随机数产生日期。", "The date of the commit that records the hashes.",
              pattern=DATE_PATTERN, required=True),
       )),
)
# fmt: on
