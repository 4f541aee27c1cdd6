"""The items every rule example starts from, and how an example becomes files to lint.

An item-scope ``Example`` is a YAML fragment: its top-level keys replace the
base item's (``drop`` removes keys), by text, so the fragment's lines appear
in the built file exactly as written and a finding's line and column point
into them.  The base is the business-license item when the fragment says
``kind: business_license``, the certification item otherwise.

A catalog-scope example holds several files, separated by ``---`` lines, each
part starting with a comment naming its path::

    # items/SFJ/SFJ-ZM-001.yaml
    id: SFJ-ZM-001
    ---
    # items/GAJ/SFJ-ZM-001.yaml
    department: GAJ

Each part is again a fragment over a base item.  Both base items are complete
and lint-clean; tests/rules/test_examples.py checks that they stay so.  A part
whose path comment names ``plans/<year>/…`` is a fragment over the base
inspection plan (``PLAN``) instead: that is how a plan rule's examples are written.

As sqlfluff's rule test cases carry ``configs`` and ``fix_str``, an example may
carry the akq.toml it is linted with (``Example.config``), the fragment that
`akq lint --fix` makes of it (``Example.fix``), and where the rule reports
(``Example.at``); tests/rules/test_examples.py holds every example to them.
"""

from __future__ import annotations

import re
from pathlib import Path

from akq_cli.core.loader import read_document
from akq_cli.core.state import MemoryState, is_plan_name
from akq_cli.lint.config import CONFIG_NAME, LintConfig, load_config
from akq_cli.lint.engine import run
from akq_cli.lint.findings import Finding
from akq_cli.lint.fixes import fix_document
from akq_cli.lint.framework import Example

# departments.yaml of the examples: the sample catalog's codes.
DEPARTMENTS = frozenset({"SFJ", "GAJ", "RSJ", "MZJ", "WJW", "SCJ", "JYJ", "ZJJ", "YBJ"})

CERTIFICATION = """\
id: SFJ-ZM-001
kind: certification
title: 经济困难证明
matter: 申请法律援助
matter_type: 公共服务
category: 法律服务
department: SFJ
issuer: 申请人户籍所在地或者经常居住地的乡（镇）人民政府
purpose: 证明申请人的经济困难状况符合法律援助经济困难标准
legal_basis:
  - document: 《中华人民共和国法律援助法》
    article: 第四十一条
    level: law
content: 申请人及其共同生活的家庭成员上一年度人均月收入低于新疆维吾尔自治区人民政府公布的法律援助经济困难标准。
conditions:
  - {text: 申请人共同生活的家庭成员上一年度人均月收入低于新疆维吾尔自治区人民政府公布的法律援助经济困难标准。, basis: 《中华人民共和国法律援助法》第四十一条}
  - {text: 申请人没有委托律师或者基层法律服务工作者担任本案的代理人。, basis: 《中华人民共和国法律援助法》第四十一条}
commitment:
  method: [written, electronic]
  proxy_allowed: false
  withdrawal: 在法律援助机构作出决定前，申请人可以书面撤回承诺；撤回后提交经济困难证明，按原程序办理。
liability:
  civil: 申请人以不实承诺取得法律援助，给他人造成损失的，依照《中华人民共和国民法典》第一千一百六十五条承担赔偿责任。
  administrative: 核查发现承诺不实的，法律援助机构依照《中华人民共和国法律援助法》第四十八条第一款第一项终止法律援助；司法行政部门依照该法第六十四条处三千元以下罚款。
  criminal: 伪造、变造国家机关公文、证件办理法律援助的，依照《中华人民共和国刑法》第二百八十条移送司法机关追究刑事责任。
  credit: 不实承诺信息纳入阿合奇县人民政府公共信用信息目录，列入虚假承诺黑名单；信用修复前不适用告知承诺方式。
verification:
  power: 法律援助机构可以通过信息共享查询申请人及其家庭成员的收入和财产信息，也可以向乡（镇）人民政府核实。
  methods: [online, assisted]
  timing: {amount: 7, unit: day, from: accepted}
  data_sources:
    - 全国一体化在线政务服务平台
disclosure:
  public: true
  scope: 在阿合奇县人民政府网站告知承诺制专栏公开
  period: 自作出决定之日起1年
risk_domain: null
status: published
effective_date: 2022-01-01
"""

BUSINESS_LICENSE = """\
id: RSJ-XK-001
kind: business_license
title: 经营性人力资源服务机构从事职业中介活动许可
matter: 人力资源服务许可证核发
matter_type: 行政许可
category: 市场主体准营
department: RSJ
legal_basis:
  - document: 《人力资源市场暂行条例》
    article: 第十八条第一款
    level: administrative_regulation
content: 有明确的章程和管理制度；有开展业务必备的固定场所、办公设施和开办资金；有3名以上专职工作人员。
conditions:
  - {text: 申请人已在阿合奇县办理市场主体登记。, basis: 《人力资源市场暂行条例》第十八条第一款}
  - {text: 申请人有3名以上专职工作人员。, basis: 《人力资源市场暂行条例》第十八条第一款}
materials:
  - 从事职业中介活动的申请书
  - 人力资源服务许可告知承诺书
approval:
  authority: 国务院
  document: 《国务院关于深化“证照分离”改革进一步激发市场主体发展活力的通知》（国发〔2021〕7号）
  date: 2021-05-19
on_the_spot_decision: true
commitment:
  method: written
  proxy_allowed: true
  proxy_requirements: 委托他人办理的，提交法定代表人签字并加盖公章的授权委托书和受托人的身份证件。
  withdrawal: 在作出行政许可决定前，申请人可以书面撤回承诺；撤回后按原程序提交材料，行政机关自收到申请之日起20日内作出决定。
liability:
  civil: 因不实承诺取得许可，给求职者或者用人单位造成损害的，依照《中华人民共和国民法典》第一千一百六十五条承担民事责任。
  administrative: 核查发现不符合许可条件的，依照《中华人民共和国行政许可法》第六十九条第二款撤销许可，并依照《人力资源市场暂行条例》第四十二条第一款处理。
  criminal: 伪造、变造国家机关证件取得许可的，依照《中华人民共和国刑法》第二百八十条移送司法机关追究刑事责任。
  credit: 不实承诺信息纳入阿合奇县人民政府公共信用信息目录，列入虚假承诺黑名单；信用修复前不适用告知承诺方式。
verification:
  power: 人力资源社会保障行政部门在作出许可决定后1个月内进入经营场所核查场所、办公设施和专职工作人员的劳动合同。
  methods: [on_site, random_inspection]
  timing: {amount: 1, unit: month, from: decided}
  data_sources:
    - 国家企业信用信息公示系统
disclosure:
  public: true
  scope: 在阿合奇县人民政府网站告知承诺制专栏公开
  period: 自作出许可决定之日起1年
risk_domain: null
status: published
effective_date: 2021-07-01
"""

# The base inspection plan of the plan-* rules' examples (akq_cli.core.plan_fields).
PLAN_PATH = "plans/2025/RSJ-1.yaml"
PLAN = """\
id: RSJ-1
title: 2025年人力资源服务许可告知承诺事项“双随机、一公开”抽查计划
department: RSJ
items: [RSJ-XK-001]
legal_basis:
  - document: 《中华人民共和国行政处罚法》
    article: 第四十二条
    level: law
  - document: 《阿合奇县全面推行证明事项和涉企经营许可事项告知承诺制工作方案》
    article: 三（四）
    level: normative_document
matter_class: ordinary
method: 现场检查
frequency: 每年1次
period:
  start: 2025-08-01
  end: 2025-11-30
registers:
  - file: registers/RSJ-1-targets.csv
    sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
inspectors:
  file: registers/RSJ-inspectors.csv
  sha256: 60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752
sample:
  ratio: 0.2
  rounding: up
  stratify_by: 事项编号
  minimum_per_stratum: 1
inspection:
  per_target: 2
  recusal:
    - 执法人员与检查对象有直接利害关系的
    - 执法人员是检查对象的近亲属的
seed:
  source: 中国福利彩票“双色球”第2025080期开奖号码
  date: 2025-07-15
  registers_fixed: 2025-07-10
"""

_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):(?:\s|$)")
_PATH = re.compile(r"^#\s*(\S+\.ya?ml)\s*$")


def _blocks(text: str) -> list[tuple[str | None, str]]:
    """Top-level (key, text) blocks; comments and indented lines belong to the key above them."""
    blocks: list[tuple[str | None, list[str]]] = []
    for line in text.splitlines(keepends=True):
        m = _KEY.match(line)
        if m or not blocks:
            blocks.append((m.group(1) if m else None, [line]))
        else:
            blocks[-1][1].append(line)
    return [(key, "".join(lines)) for key, lines in blocks]


def base_for(fragment: str, path: str | None = None) -> str:
    if path is not None and is_plan_name(path):
        return PLAN
    return BUSINESS_LICENSE if re.search(r"^kind:\s*business_license\s*$", fragment, re.M) else CERTIFICATION


def build(fragment: str, drop: tuple[str, ...] = (), path: str | None = None) -> str:
    """The base item with the fragment's top-level keys replacing (or added to) its own."""
    replaced: dict[str, str] = {}
    for key, text in _blocks(fragment):
        if key is not None:  # a key given twice stays twice: yaml-syntax's example needs that
            replaced[key] = replaced.get(key, "") + (text if text.endswith("\n") else text + "\n")
    lead = "".join(text for key, text in _blocks(fragment) if key is None)
    out: list[str] = [lead] if lead.strip() else []
    used: set[str] = set()
    for key, text in _blocks(base_for(fragment, path)):
        if key in drop:
            continue
        if key in replaced:
            out.append(replaced[key])
            used.add(key)
        else:
            out.append(text)
    out.extend(text for key, text in replaced.items() if key not in used)
    return "".join(out)


def parts(example: Example) -> list[tuple[str | None, str]]:
    """(path or None, fragment) for each file of an example."""
    chunks = re.split(r"^---\s*$\n?", example.yaml, flags=re.M)
    out: list[tuple[str | None, str]] = []
    for chunk in chunks:
        first, _, rest = chunk.partition("\n")
        m = _PATH.match(first)
        out.append((m.group(1), rest) if m else (None, chunk))
    return out


def files(example: Example) -> dict[str, str]:
    """Relative path -> file text for every file the example stands for."""
    out: dict[str, str] = {}
    for path, fragment in parts(example):
        text = build(fragment, example.drop, path)
        if path is None:
            item_id = _value(text, "id") or "ITEM"
            path = f"items/{_value(text, 'department') or 'DEPT'}/{item_id}.yaml"
        out[path] = text
    return out


def _value(text: str, key: str) -> str | None:
    m = re.search(rf"^{key}:\s*(\S+)\s*$", text, re.M)
    return m.group(1) if m else None


def lint_example(example: Example, config: LintConfig | None = None) -> list[Finding]:
    """Lint the example's files as a catalog of their own, in memory; finding paths are relative to it (items/…).

    ``config`` replaces the example's own akq.toml (``Example.config``) when given.
    """
    contents = {rel: text.encode("utf-8") for rel, text in files(example).items()}
    names = list(contents)
    contents.setdefault("departments.yaml", _DEPARTMENTS_YAML.encode("utf-8"))
    return run(MemoryState(contents), config or example_config(example), names, meta=False).findings


_DEPARTMENTS_YAML = "departments:\n" + "".join(f"  - id: {d}\n" for d in sorted(DEPARTMENTS))


def example_config(example: Example) -> LintConfig:
    """The example's akq.toml, read as `akq lint` reads it (a mistake raises ConfigError)."""
    if not example.config:
        return LintConfig()
    return load_config(Path(CONFIG_NAME), example.config.encode("utf-8"))


def fixed(example: Example) -> dict[str, str]:
    """Relative path -> file text after `akq lint --fix`, for every file of the example."""
    config = example_config(example)
    return {
        rel: fix_document(read_document(Path(rel), text.encode("utf-8")), config)[0]
        for rel, text in files(example).items()
    }


def position(finding: Finding, single_file: bool) -> str:
    """Where a finding is, as ``Example.at`` writes it: LINE:COLUMN, with the file first for several files."""
    where = f"{finding.line}:{finding.column}"
    return where if single_file else f"{finding.file}:{where}"
