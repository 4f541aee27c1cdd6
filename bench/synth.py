"""Generate a synthetic catalog of N items like the sample ones, for benchmarks and load tests.

    python bench/synth.py --items 10000 --out bench/catalogs/10000 [--seed 1] [--text real]

Writes DIR/catalog.yaml, DIR/departments.yaml and DIR/items/<DEPT>/<ID>.yaml.
Every item has every field the model knows, realistic Chinese text, and is meant
to be lint-clean, so that a benchmark times the normal case (no findings to
print).  The same --items and --seed always give the same bytes.

``--text real`` writes every item's text (title, aliases, matter, content,
conditions, materials, legal bases, liability, ...) from the sample catalog's real
sentences, recombined per item (``RealText`` says how, and what it cannot
mimic): items of the sample's size and wording, for measuring what grows with the
text, such as the site's search data.  The default output does not change with it.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

SAMPLE = Path(__file__).resolve().parent.parent / "catalog"

TOWNS = ("阿合奇镇", "库兰萨日克乡", "色帕巴依乡", "苏木塔什乡", "哈拉奇乡", "哈拉布拉克乡")

DEPARTMENTS: list[dict[str, str]] = [
    {"id": "SFJ", "name": "阿合奇县司法局", "phone": "0908-5721058", "address": "阿合奇县阿合奇镇团结路8号"},
    {"id": "GAJ", "name": "阿合奇县公安局", "phone": "0908-5721110", "address": "阿合奇县阿合奇镇人民路16号"},
    {"id": "RSJ", "name": "阿合奇县人力资源和社会保障局", "phone": "0908-5722236"},
    {"id": "MZJ", "name": "阿合奇县民政局", "phone": "0908-5721302"},
    {"id": "WJW", "name": "阿合奇县卫生健康委员会", "phone": "0908-5721420"},
    {"id": "SCJ", "name": "阿合奇县市场监督管理局", "phone": "0908-5722315"},
    {"id": "JYJ", "name": "阿合奇县教育局", "phone": "0908-5721516"},
    {"id": "ZJJ", "name": "阿合奇县住房和城乡建设局", "phone": "0908-5721638"},
    {"id": "WLJ", "name": "阿合奇县文化体育广播电视和旅游局", "phone": "0908-5721766"},
]

# Certification templates: (dept, category, matter_type, title, matter, issuer, purpose, basis, content, conditions)
CERTIFICATIONS: list[dict[str, Any]] = [
    {
        "department": "SFJ",
        "category": "法律服务",
        "matter_type": "公共服务",
        "title": "经济困难证明",
        "matter": "申请法律援助",
        "issuer": "申请人户籍所在地乡（镇）人民政府",
        "purpose": "证明申请人符合法律援助经济困难标准",
        "legal_basis": [("《中华人民共和国法律援助法》", "第四十一条", "law")],
        "content": "申请人及其共同生活的家庭成员上一年度人均月收入低于阿合奇县城乡居民最低生活保障标准的{k}倍。",
        "conditions": [
            "申请人家庭上一年度人均月收入低于阿合奇县城乡居民最低生活保障标准的{k}倍。",
            "申请人家庭名下没有登记在册的机动车，没有经营性房产。",
        ],
    },
    {
        "department": "GAJ",
        "category": "户籍管理",
        "matter_type": "行政确认",
        "title": "亲属关系证明",
        "matter": "办理投靠亲属户口迁入",
        "issuer": "申请人原户籍所在地公安派出所",
        "purpose": "证明申请人与被投靠人之间的夫妻、父母子女关系",
        "legal_basis": [("《中华人民共和国户口登记条例》", "第十条", "law")],
        "content": "申请人与被投靠人之间存在夫妻关系或者父母子女关系。",
        "conditions": [
            "申请人与被投靠人之间为夫妻关系或者父母子女关系。",
            "被投靠人在{town}有合法固定住所并已落户满{n}年。",
        ],
    },
    {
        "department": "RSJ",
        "category": "社会保险",
        "matter_type": "行政给付",
        "title": "未就业证明",
        "matter": "申领失业保险金",
        "issuer": "申请人户籍所在地社区（村）居民委员会",
        "purpose": "证明申请人处于失业状态且有求职要求",
        "legal_basis": [("《中华人民共和国社会保险法》", "第四十五条", "law")],
        "content": "申请人非因本人意愿中断就业，已进行失业登记，并有求职要求。",
        "conditions": [
            "失业前用人单位和本人已经缴纳失业保险费满{n}年。",
            "申请人非因本人意愿中断就业，并在失业之日起{d}日内办理了失业登记。",
        ],
    },
    {
        "department": "MZJ",
        "category": "社会救助",
        "matter_type": "行政给付",
        "title": "家庭经济状况证明",
        "matter": "申请最低生活保障",
        "issuer": "申请人户籍所在地乡（镇）人民政府",
        "purpose": "证明申请人家庭人均收入和财产状况符合最低生活保障条件",
        "legal_basis": [("《中华人民共和国社会救助法》", "第十八条第一款", "law")],
        "content": "申请人共同生活的家庭成员人均收入低于阿合奇县最低生活保障标准，且家庭财产状况符合县人民政府的规定。",
        "conditions": [
            "共同生活的家庭成员上一年度人均月收入低于阿合奇县最低生活保障标准。",
            "家庭成员名下银行存款合计不超过{money}元。",
        ],
    },
    {
        "department": "WJW",
        "category": "健康体检",
        "matter_type": "公共服务",
        "title": "婚前医学检查证明",
        "matter": "申请生育登记服务",
        "issuer": "{town}卫生院",
        "purpose": "证明申请人已按规定完成婚前医学检查",
        "legal_basis": [("《中华人民共和国母婴保健法》", "第七条", "law")],
        "content": "申请人已在具备资质的医疗保健机构完成婚前医学检查。",
        "conditions": [
            "申请人已在登记结婚前{d}日内完成婚前医学检查。",
            "检查机构为持有母婴保健技术服务执业许可证的医疗保健机构。",
        ],
    },
    {
        "department": "JYJ",
        "category": "资格考试",
        "matter_type": "行政许可",
        "title": "思想品德鉴定证明",
        "matter": "申请认定教师资格",
        "issuer": "申请人所在单位或者户籍所在地乡（镇）人民政府",
        "purpose": "证明申请人遵守宪法和法律，热爱教育事业，具有良好的思想品德",
        "legal_basis": [("《中华人民共和国教师法》", "第十条", "law"), ("《教师资格条例》", "第六条", "administrative_regulation")],
        "content": "申请人遵守宪法和法律，热爱教育事业，具有良好的思想品德，没有受过剥夺政治权利或者故意犯罪受到有期徒刑以上刑事处罚。",
        "conditions": [
            "申请人没有受过剥夺政治权利的刑事处罚。",
            "申请人没有因故意犯罪受到有期徒刑以上刑事处罚。",
            "申请人近{n}年内没有因违反师德受到处分。",
        ],
    },
    {
        "department": "ZJJ",
        "category": "市场主体准营",
        "matter_type": "行政许可",
        "title": "安全生产管理人员考核合格证明",
        "matter": "申请建筑施工企业安全生产许可证",
        "issuer": "克孜勒苏柯尔克孜自治州住房和城乡建设局",
        "purpose": "证明企业主要负责人、项目负责人和专职安全生产管理人员经考核合格",
        "legal_basis": [("《安全生产许可证条例》", "第六条", "administrative_regulation")],
        "content": "企业主要负责人、项目负责人和专职安全生产管理人员经住房和城乡建设主管部门考核合格。",
        "conditions": [
            "企业主要负责人、项目负责人和专职安全生产管理人员均持有有效的安全生产考核合格证书。",
            "专职安全生产管理人员不少于{n}人。",
        ],
    },
]

LICENSES: list[dict[str, Any]] = [
    {
        "department": "SCJ",
        "category": "市场主体准营",
        "matter_type": "行政许可",
        "title": "食品经营许可",
        "matter": "食品经营许可证核发",
        "legal_basis": [("《中华人民共和国食品安全法》", "第三十五条", "law")],
        "content": "具有与经营的食品品种、数量相适应的经营场所，经营场所面积不少于{area}平方米，距离垃圾中转站不少于25米。",
        "materials": ["食品经营许可申请书", "营业执照复印件", "与食品经营相适应的主要设备设施布局、操作流程文件"],
    },
    {
        "department": "WJW",
        "category": "市场主体准营",
        "matter_type": "行政许可",
        "title": "公共场所卫生许可",
        "matter": "公共场所卫生许可证核发",
        "legal_basis": [("《公共场所卫生管理条例》", "第八条", "administrative_regulation")],
        "content": "经营场所的空气、微小气候、水质、采光、照明、噪声、顾客用具和卫生设施符合国家卫生标准，从业人员持有有效健康合格证明。",
        "materials": ["公共场所卫生许可申请表", "营业执照复印件", "公共场所卫生检测报告"],
    },
    {
        "department": "ZJJ",
        "category": "市场主体准营",
        "matter_type": "行政许可",
        "title": "建筑施工企业安全生产许可",
        "matter": "建筑施工企业安全生产许可证核发",
        "legal_basis": [("《安全生产许可证条例》", "第二条", "administrative_regulation")],
        "content": "建立健全安全生产责任制，设置安全生产管理机构，配备专职安全生产管理人员不少于{n}人。",
        "materials": ["建筑施工企业安全生产许可证申请表", "企业营业执照复印件", "安全生产责任制度文件"],
        "bundle": "ZJJ",
    },
    {
        "department": "WLJ",
        "category": "市场主体准营",
        "matter_type": "行政许可",
        "title": "娱乐场所经营许可",
        "matter": "娱乐场所经营许可证核发",
        "legal_basis": [("《娱乐场所管理条例》", "第九条", "administrative_regulation")],
        "content": "娱乐场所的使用面积不少于{area}平方米，边界距离学校、医院不少于200米，消防安全条件经验收合格。",
        "materials": ["娱乐场所经营许可申请书", "营业执照复印件", "场所平面图"],
    },
    {
        "department": "JYJ",
        "category": "市场主体准营",
        "matter_type": "行政许可",
        "title": "民办培训机构办学许可",
        "matter": "民办培训机构办学许可证核发",
        "legal_basis": [("《中华人民共和国民办教育促进法》", "第十二条", "law")],
        "content": "机构有固定的办学场所，教学用房使用面积不少于{area}平方米，专职教师不少于{n}人。",
        "materials": ["办学许可申请书", "举办者资格证明文件", "办学场所使用证明"],
    },
]

LIABILITY = {
    "civil": "申请人作出不实承诺给他人造成损失的，依照《中华人民共和国民法典》第一千一百六十五条承担赔偿责任。",
    "administrative": "申请人作出不实承诺的，行政机关依照《中华人民共和国行政许可法》第六十九条撤销已作出的决定，{penalty}",
    "criminal": "申请人以伪造、变造的材料作出不实承诺，涉嫌犯罪的，依照《中华人民共和国刑法》第二百八十条移送公安机关追究刑事责任。",
    "credit": "行政机关将不实承诺记入申请人信用记录，列入虚假承诺黑名单并推送至全国信用信息共享平台；申请人按《信用修复管理办法》完成信用修复后移出黑名单。",
}
PENALTIES = (
    "申请人在{n}年内不得再次适用告知承诺制。",
    "并依法给予警告；申请人在{n}年内不得再次适用告知承诺制。",
)
DATA_SOURCES = (
    "全国一体化在线政务服务平台",
    "新疆维吾尔自治区政务信息资源共享交换平台",
    "全国信用信息共享平台",
    "国家企业信用信息公示系统",
    "全国人口信息管理系统",
)


def catalog_meta() -> dict[str, Any]:
    standard = {
        "applicable_objects": "申请办理本事项的公民、法人和非法人组织，可以自主选择是否采用告知承诺制方式办理。",
        "effect": "申请人自愿作出承诺并按要求提交告知承诺书的，行政机关不再索要本告知承诺书所列证明，依据书面承诺办理本事项。",
        "liability_intro": "申请人作出不实承诺的，行政机关将其记入信用记录，并依照《阿合奇县公共信用信息目录》予以公开。",
    }
    return {
        "government": "阿合奇县人民政府",
        "region": "新疆维吾尔自治区克孜勒苏柯尔克孜自治州阿合奇县",
        "document": {
            "number": "阿政办发〔2021〕6号",
            "title": "关于印发《阿合奇县全面推行证明事项和涉企经营许可事项告知承诺制工作方案》的通知",
            "date": "2021-03-30",
        },
        "site": {"title": "阿合奇县告知承诺制事项目录（合成数据）", "base_url": "https://akq.example.invalid/"},
        "contacts": [{"name": "县司法局联系人", "organization": "阿合奇县司法局", "phone": "0908-5721058"}],
        "standard_text": {
            "certification": standard,
            "business_license": dict(standard),
            "credit_exclusion": "有较严重不良信用记录或者曾作出虚假承诺的申请人，在信用修复前不适用告知承诺制。",
            "withdrawal": "申请人在行政机关作出决定前可以书面撤回承诺，撤回后按提交证明材料的程序办理。",
            "copies_note": "本文书一式两份，行政机关与申请人各执一份。",
        },
    }


def _fill(text: str, values: dict[str, Any]) -> str:
    return text.format(**values)


def _common(rng: random.Random, values: dict[str, Any], kind: str) -> dict[str, Any]:
    proxy = rng.random() < 0.6
    methods = rng.choice((["written", "electronic"], "written", "electronic"))
    commitment: dict[str, Any] = {"method": methods, "proxy_allowed": proxy}
    if proxy:
        commitment["proxy_requirements"] = "代理人须提交申请人签名的授权委托书和代理人本人的身份证件。"
    commitment["withdrawal"] = "申请人在行政机关作出决定前可以书面撤回承诺，撤回后按提交证明材料的程序办理。"
    sources = rng.sample(DATA_SOURCES, rng.randint(1, 3))
    return {
        "commitment": commitment,
        "liability": {
            "civil": LIABILITY["civil"],
            "administrative": _fill(LIABILITY["administrative"], {"penalty": _fill(rng.choice(PENALTIES), values)}),
            "criminal": LIABILITY["criminal"],
            "credit": LIABILITY["credit"],
        },
        "verification": {
            "power": "行政机关可以通过数据共享、实地查看和函询出具机构的方式核查承诺内容的真实性，申请人应当配合。",
            "methods": sorted(rng.sample(["online", "on_site", "assisted", "random_inspection"], rng.randint(1, 3))),
            "timing": {"amount": values["d"], "unit": "workday", "from": "accepted"}
            if kind == "certification"
            else {"amount": values["m"], "unit": "month", "from": "decided"},
            "data_sources": sources,
        },
        "disclosure": {
            "public": True,
            "scope": "在阿合奇县人民政府网站告知承诺制专栏公开",
            "period": f"自作出决定之日起{values['y']}年",
        },
        "risk_domain": None,
    }


def _basis(entries: list[tuple[str, str, str]]) -> list[dict[str, str]]:
    return [{"document": d, "article": a, "level": lv} for d, a, lv in entries]


def _status(rng: random.Random) -> str:
    r = rng.random()
    return "published" if r < 0.85 else "approved" if r < 0.92 else "submitted" if r < 0.97 else "draft"


def _values(rng: random.Random, serial: int) -> dict[str, Any]:
    return {
        "k": rng.choice((1.5, 2)),
        "n": rng.randint(1, 5),
        "d": rng.choice((3, 5, 7, 10, 15)),
        "m": rng.choice((1, 2, 3, 6)),
        "y": rng.choice((1, 2, 3)),
        "money": rng.choice((20000, 30000, 50000)),
        "area": rng.choice((20, 30, 50, 100)),
        "town": TOWNS[serial % len(TOWNS)],
    }


def _window(serial: int) -> str:
    """A distinct service window per item: keeps (title, matter) unique within a department."""
    return f"（{TOWNS[serial % len(TOWNS)]}第{serial // len(TOWNS) + 1}受理窗口）"


def _head(tpl: dict[str, Any], item_id: str, kind: str, serial: int) -> dict[str, Any]:
    return {
        "id": item_id,
        "kind": kind,
        "title": tpl["title"],
        "matter": tpl["matter"] + _window(serial),
        "matter_type": tpl["matter_type"],
        "category": tpl["category"],
        "department": tpl["department"],
    }


def certification(rng: random.Random, tpl: dict[str, Any], item_id: str, serial: int) -> dict[str, Any]:
    values = _values(rng, serial)
    item = _head(tpl, item_id, "certification", serial)
    item.update({
        "issuer": _fill(tpl["issuer"], values),
        "purpose": tpl["purpose"],
        "legal_basis": _basis(tpl["legal_basis"]),
        "content": _fill(tpl["content"], values),
        # traced to the template's first legal basis, as condition-untraced asks (issue 10.2)
        "conditions": [
            {"text": _fill(c, values), "basis": f"{tpl['legal_basis'][0][0]}{tpl['legal_basis'][0][1]}"}
            for c in tpl["conditions"]
        ],
    })
    item.update(_common(rng, values, "certification"))
    item["status"] = _status(rng)
    item["effective_date"] = f"2021-{rng.randint(5, 12):02d}-01"
    return item


def business_license(
    rng: random.Random, tpl: dict[str, Any], item_id: str, serial: int, bundle: list[str]
) -> dict[str, Any]:
    values = _values(rng, serial)
    item = _head(tpl, item_id, "business_license", serial)
    item.update({
        "legal_basis": _basis(tpl["legal_basis"]),
        "content": _fill(tpl["content"], values),
        "materials": list(tpl["materials"]),
    })
    item.update(_common(rng, values, "business_license"))
    item["approval"] = {
        "authority": "国务院",
        "document": "《国务院关于深化“证照分离”改革进一步激发市场主体发展活力的通知》（国发〔2021〕7号）",
        "date": "2021-05-19",
    }
    if bundle:
        item["certifications"] = bundle
    item["on_the_spot_decision"] = rng.random() < 0.7
    item["status"] = _status(rng)
    item["effective_date"] = f"2021-{rng.randint(7, 12):02d}-01"
    return item


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)


# The instruments the templates cite that akq's own register (laws/register.toml) does not hold, registered as a
# county's catalog/laws.toml would, so that a synthetic catalog is lint-clean under legal-basis-unknown-name.
LAWS_TOML = "".join(
    f'[[instrument]]\nname = "{name}"\nlevel = "{level}"\nstatus = "现行有效"\nchecked = 2026-11-29\n'
    'source = "合成测试目录用，未逐条核对"\n\n'
    for name, level in (
        ("《中华人民共和国母婴保健法》", "law"),
        ("《安全生产许可证条例》", "administrative_regulation"),
        ("《中华人民共和国食品安全法》", "law"),
        ("《娱乐场所管理条例》", "administrative_regulation"),
        ("《信用修复管理办法》", "departmental_rule"),
    )
)


def generate(items: int, out: Path, seed: int = 1, text: str = "synthetic") -> list[Path]:
    """Write the catalog; returns the item files written, in id order."""
    rng = random.Random(seed)
    # its own generator, so that the structure (ids, kinds, statuses) is the default catalog's
    real = RealText(SAMPLE) if text == "real" else None
    text_rng = random.Random(f"{seed}-real")
    if (out / "items").exists():
        shutil.rmtree(out / "items")
    (out / "items").mkdir(parents=True)
    (out / "catalog.yaml").write_text(dump(catalog_meta()), encoding="utf-8")
    (out / "departments.yaml").write_text(dump({"departments": DEPARTMENTS}), encoding="utf-8")
    (out / "laws.toml").write_text(LAWS_TOML, encoding="utf-8")
    written: list[Path] = []
    counters: dict[str, int] = {}
    certs_by_dept: dict[str, list[str]] = {}
    for serial in range(items):
        # Roughly one business-license item in four, as in the sample catalog.
        if serial % 4 == 3:
            tpl = LICENSES[(serial // 4) % len(LICENSES)]
            kind_code = "XK"
        else:
            tpl = CERTIFICATIONS[serial % len(CERTIFICATIONS)]
            kind_code = "ZM"
        dept = tpl["department"]
        prefix = f"{dept}-{kind_code}"
        counters[prefix] = counters.get(prefix, 0) + 1
        item_id = f"{prefix}-{counters[prefix]:04d}"
        if kind_code == "ZM":
            data = certification(rng, tpl, item_id, serial)
            certs_by_dept.setdefault(dept, []).append(item_id)
        else:
            bundle_dept = tpl.get("bundle")
            bundle = certs_by_dept.get(bundle_dept, [])[-1:] if bundle_dept else []
            data = business_license(rng, tpl, item_id, serial, bundle)
        if real is not None:
            real.apply(text_rng, data)
        path = out / "items" / dept / f"{item_id}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(dump(data), encoding="utf-8")
        written.append(path)
    return written


# --- --text real: item text recombined from the sample catalog's -------------------------------------------------
#
# Why: the default items are ~2.4 KB and say the same dozen sentences over and over, so
# gzip makes their search data look far smaller than a real catalog's.  The sample's real
# items are 4.6-14 KB of legal wording, and no two say the same.
#
# How it mimics real items:
#
# - every free-text field that the site or the search reads (content, conditions,
#   materials, matter, purpose, issuer, liability, verification power) is written by a
#   character Markov chain of order ORDER trained on that same field of the sample
#   catalog (catalog/items): every run of ORDER + 1 characters is one the sample really
#   has, so the wording, its terms, article numbers and punctuation are real, but
#   sentences are recombined wherever two of them share ORDER characters, so items
#   differ and gzip cannot dedupe whole items or sentences.  Titles and aliases, short
#   and few in the sample (26 and 58), come from one chain of order 1 over both, so that
#   10,000 items get different ones;
# - each field's length (characters of the title, each alias, the matter, the content,
#   the average condition; the number of aliases, conditions, materials and legal bases)
#   is taken from a sample item drawn at random, so lengths are distributed like the
#   sample's (content 52-170 characters, conditions 46-270 together, 0-5 aliases);
# - legal bases cite the documents the sample cites, at articles 1-120 written in
#   Chinese numerals, sometimes with a 款; each condition is traced to one of them;
# - aliases are unique in the catalog (folded; one is left out when 20 tries find no new
#   one), as the alias-duplicate rule demands; (department, title, matter) is unique.
#
# Calibration: ORDER 2.  The content and conditions of 26 generated items compress with
# gzip -9 to 0.25 of their size, the sample's own 26 items' to 0.29 (order 1: 0.31,
# order 3: 0.23): at the sample's size the text leans a little easy on gzip.
#
# What it cannot mimic: a real catalog of 10,000 items draws on a far larger vocabulary
# (licence names, places, laws) than the sample's 26 items hold; the chain's 10,000
# items reuse the sample's short phrases, so their bodies gzip to 0.12 of their size
# where real text would hardly go below 0.2.  Measurements of the compressed size at
# 10,000 items are therefore a lower bound (bench/RESULTS.md gives the figure at order 1
# too).  Its sentences are plausible only locally (a clause may start on one subject and
# end on another), and it is not meant to be lint-clean: no test of meaning or of lint
# should run on it.

ORDER = 2
END = "\0"
_FIELDS = ("title", "matter", "content", "purpose", "issuer")
_NUMERALS = "一二三四五六七八九"


class Chain:
    """A character Markov chain over one field's texts."""

    def __init__(self, texts: list[str], order: int = ORDER) -> None:
        self.order = order
        self.texts = [t for t in texts if t]
        self.next: dict[str, list[str]] = defaultdict(list)
        for t in self.texts:
            padded = t + END
            for i in range(len(t) - order + 1):
                self.next[padded[i:i + order]].append(padded[i + order])

    def text(self, rng: random.Random, length: int) -> str:
        """About ``length`` characters: stops at the first end of a real text or sentence past it."""
        out = rng.choice(self.texts)[:self.order]
        while True:
            follow = self.next.get(out[-self.order:])
            c = rng.choice(follow) if follow else END
            if c == END:
                if len(out) >= length // 2:
                    return out
                out += "，" if out[-1] not in "，。；、" else ""
                out += rng.choice(self.texts)[:self.order]
                continue
            out += c
            if (len(out) >= length and c in "。；") or len(out) >= 2 * length + 20:
                return out


def _condition_text(c: Any) -> str:
    return c["text"] if isinstance(c, dict) else str(c)


class RealText:
    """Trained on the sample catalog once; ``apply`` rewrites one item's text (see the comment above ORDER)."""

    def __init__(self, sample: Path) -> None:
        items = [yaml.safe_load(p.read_text("utf-8")) for p in sorted(sample.glob("items/*/*.yaml"))]
        self.items = items
        self.chains = {f: Chain([i.get(f) or "" for i in items]) for f in _FIELDS}
        # names are short and few (26 titles, 58 aliases): order 1 over titles and aliases together, so that
        # 10,000 items find different ones
        names = [i["title"] for i in items] + [a for i in items for a in i.get("aliases") or []]
        self.chains["title"] = self.chains["aliases"] = Chain(names, order=1)
        self.chains["conditions"] = Chain([_condition_text(c) for i in items for c in i.get("conditions") or []])
        self.chains["materials"] = Chain([m for i in items for m in i.get("materials") or []])
        for part in ("civil", "administrative", "criminal", "credit"):
            self.chains[part] = Chain([(i.get("liability") or {}).get(part) or "" for i in items])
        self.chains["power"] = Chain([(i.get("verification") or {}).get("power") or "" for i in items])
        self.documents = sorted({(b["document"], b["level"]) for i in items for b in i["legal_basis"]})
        self.seen: set[str] = set()
        self.pairs: set[tuple[str, str, str]] = set()

    def _name(self, rng: random.Random, field: str, length: int, unique: bool) -> str | None:
        """A title or alias: one phrase; unique (folded) in the catalog when it can be, or None when an alias cannot."""
        text = ""
        for _ in range(20):
            text = re.split("[，。；]", self.chains[field].text(rng, length))[0][:length + 2]
            key = re.sub(r"\W+", "", text)
            if key and key not in self.seen:
                self.seen.add(key)
                return text
        return None if unique else text

    def apply(self, rng: random.Random, item: dict[str, Any]) -> None:
        model = rng.choice(self.items)  # the sample item whose lengths this one takes
        item["title"] = self._name(rng, "title", len(model["title"]), unique=False)
        aliases = [self._name(rng, "aliases", len(a), unique=True) for a in model.get("aliases") or []]
        if any(aliases):
            item["aliases"] = [a for a in aliases if a]
        for tries in range(100):
            item["matter"] = self.chains["matter"].text(rng, len(model["matter"])).rstrip("。；，")
            if tries == 99:  # as the default catalog does: a service window of its own
                item["matter"] += f"（第{len(self.pairs)}受理窗口）"
            key = (item["department"], item["title"], item["matter"])
            if key not in self.pairs:
                self.pairs.add(key)
                break
        bases = []
        for _ in model["legal_basis"]:
            doc, level = rng.choice(self.documents)
            article = f"第{_chinese(rng.randint(1, 120))}条"
            if rng.random() < 0.3:
                article += f"第{_NUMERALS[rng.randint(0, 3)]}款"
            bases.append({"document": doc, "article": article, "level": level})
        item["legal_basis"] = bases
        cited = [b["document"] + b["article"] for b in bases]
        item["content"] = self.chains["content"].text(rng, len(model.get("content") or "") or 60)
        conditions = model.get("conditions") or []
        if item["kind"] == "certification" or conditions:
            each = max(20, sum(len(_condition_text(c)) for c in conditions) // max(1, len(conditions)))
            item["conditions"] = [{"text": self.chains["conditions"].text(rng, each), "basis": rng.choice(cited)}
                                  for _ in conditions or [None, None]]
        if item["kind"] == "business_license":
            materials = model.get("materials") or [None, None, None]
            item["materials"] = [self.chains["materials"].text(rng, 12).rstrip("。；，") for _ in materials]
        for key in ("purpose", "issuer"):
            if key in item:
                item[key] = self.chains[key].text(rng, len(model.get(key) or "") or 30).rstrip("。；，")
        for part in ("civil", "administrative", "criminal", "credit"):
            item["liability"][part] = self.chains[part].text(rng, len((model.get("liability") or {}).get(part) or ""))
        item["verification"]["power"] = self.chains["power"].text(rng, len(model["verification"].get("power") or ""))


def _chinese(n: int) -> str:
    """1-120 in Chinese numerals, as articles are written: 十九, 四十一, 一百零五."""
    digits = "零" + _NUMERALS
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if not rest else ("零" + digits[rest] if rest < 10 else "一" + _chinese(rest) if rest < 20 else _chinese(rest))
    return digits[n // 100] + "百" + tail


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, required=True, help="number of items")
    parser.add_argument("--out", type=Path, required=True, help="catalog folder to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--text", choices=("synthetic", "real"), default="synthetic",
                        help="real: text recombined from the sample catalog's (see RealText)")
    args = parser.parse_args()
    files = generate(args.items, args.out, args.seed, args.text)
    print(f"{len(files)} items in {args.out}")


if __name__ == "__main__":
    main()
