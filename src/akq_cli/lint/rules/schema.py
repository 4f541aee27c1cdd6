"""schema: values the JSON Schema (schemas/item.schema.json) rejects."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from akq_cli.core.i18n import lang
from akq_cli.core.loader import Node
from akq_cli.core.resources import schema
from akq_cli.lint.framework import Example, Hit, ItemContext, Rule


@cache
def validator(name: str = "item") -> Any:
    import jsonschema  # only to explain an invalid file (0.1 s to import); valid files never need it


    return jsonschema.Draft202012Validator(schema(name))


def _title(root_schema: dict[str, Any], path: list[Any], key: str) -> str:
    """The Chinese title of ``key`` in the object at instance ``path``, e.g. “设定依据”（legal_basis）."""
    node: Any = root_schema
    for part in path:
        if isinstance(part, int):
            node = node.get("items", {}) if isinstance(node, dict) else {}
        else:
            node = node.get("properties", {}).get(part, {}) if isinstance(node, dict) else {}
    title = (node.get("properties", {}).get(key) or {}).get("title") if isinstance(node, dict) else None
    return f"“{title}”（{key}）" if title else f"“{key}”"


MESSAGES: dict[str, dict[str, str]] = {
    "required": {
        "zh": "缺少必填项{what}。请补上这一项，可参考 `akq new` 生成的模板。",
        "en": "Missing required key {key}. Add it; `akq new` writes a template with every key.",
    },
    "additionalProperties": {
        "zh": "不认识的键“{key}”。请检查拼写（键名用英文），允许的键见 schemas/item.schema.json。",
        "en": "Unknown key '{key}'. Check the spelling; allowed keys are listed in schemas/item.schema.json.",
    },
    "enum": {
        "zh": "“{value}”不是允许的取值。可选：{allowed}。",
        "en": "'{value}' is not an allowed value. Choose one of: {allowed}.",
    },
    "type": {
        "zh": "这里应当是{expected}，现在是{actual}。",
        "en": "Expected {expected} here, found {actual}.",
    },
    "pattern": {
        "zh": "“{value}”的格式不对：{hint}",
        "en": "'{value}' is not in the expected form: {hint}",
    },
    "minItems": {"zh": "这里至少要有 {n} 项。", "en": "At least {n} entries are needed here."},
    "minLength": {"zh": "这一项不能为空。", "en": "This value must not be empty."},
    "uniqueItems": {"zh": "列表中有重复的项，请删除重复项。", "en": "The list has repeated entries; remove them."},
    "oneOf": {
        "zh": "取值不对：应为 written、electronic，或两者组成的列表 [written, electronic]。",
        "en": "Invalid value: use written, electronic, or a list of both [written, electronic].",
    },
    "other": {"zh": "不符合格式要求：{detail}", "en": "Does not match the schema: {detail}"},
}

_TYPE_NAMES = {
    "string": ("文字", "text"),
    "array": ("列表", "a list"),
    "object": ("键值对（映射）", "a mapping"),
    "boolean": ("true 或 false", "true or false"),
    "integer": ("整数", "an integer"),
    "number": ("数字", "a number"),
    "null": ("空值 null", "null"),
}


def _type_name(value: Any) -> str:

    t = (
        "boolean"
        if isinstance(value, bool)
        else "string"
        if isinstance(value, str)
        else "array"
        if isinstance(value, list)
        else "object"
        if isinstance(value, dict)
        else "null"
        if value is None
        else "number"
    )
    zh, en = _TYPE_NAMES[t]
    return zh if lang() == "zh" else en


_PATTERN_HINTS = {
    "id": (
        "编号应为“部门代码-类别-序号”，全部大写，例如 SFJ-ZM-001。",
        "use DEPT-KIND-NUMBER in capitals, e.g. SFJ-ZM-001.",
    ),
    "department": ("部门代码应为大写字母，例如 SFJ。", "a department code in capitals, e.g. SFJ."),
    "date": ("日期格式为 YYYY-MM-DD，例如 2021-05-01。", "dates are YYYY-MM-DD, e.g. 2021-05-01."),
}


def _pattern_hint(path: list[Any]) -> str:

    key = next((p for p in reversed(path) if isinstance(p, str)), "")
    if key in ("effective_date", "date"):
        key = "date"
    if key == "certifications":
        key = "id"
    zh, en = _PATTERN_HINTS.get(key, ("请按说明填写。", "see the field's description."))
    return zh if lang() == "zh" else en


def _node_at(root: Node, path: list[Any]) -> Node:
    node = root
    for part in path:
        child = node.at("/" + str(part).replace("~", "~0").replace("/", "~1"))
        if child is None:
            break
        node = child
    return node


@cache
def _compiled(name: str) -> Any:
    """jsonschema-rs: ~40x faster than jsonschema on a valid item; jsonschema still explains invalid ones."""
    try:
        import jsonschema_rs
    except ImportError:
        return None

    return jsonschema_rs.validator_for(schema(name))


TIMING = ["verification", "timing"]


def errors_to_hits(root: Node, name: str = "item") -> Iterable[Hit]:
    data = root.plain()
    fast = _compiled(name)
    if fast is not None and fast.is_valid(data):
        return

    v = validator(name)
    errors = sorted(v.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    for err in _leaf_errors(errors):
        path = list(err.absolute_path)
        if path[: len(TIMING)] == TIMING:
            continue  # timing-unreadable words these, with the mapping an old text means
        node = _node_at(root, path)
        kind = err.validator
        pointer = None
        if kind == "required":
            key = err.message.split("'")[1] if "'" in err.message else str(err.message)
            pointer = node.pointer + "/" + key
            msg = MESSAGES["required"]
            args = {"what": _title(v.schema, path, key), "key": key}
            yield Hit(node, args, message=msg, pointer=pointer)
        elif kind == "additionalProperties":
            extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
            for key in extra:
                child = node.get(key) or node
                yield Hit(child, {"key": key}, message=MESSAGES["additionalProperties"], pointer=child.pointer)
        elif kind == "enum":
            allowed = ("、" if lang() == "zh" else ", ").join(
                "null" if a is None else str(a) for a in err.validator_value
            )
            yield Hit(node, {"value": err.instance, "allowed": allowed}, message=MESSAGES["enum"])
        elif kind == "type":
            expected = err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
            zh, en = _TYPE_NAMES.get(expected, (expected, expected))
            yield Hit(
                node,
                {"expected": zh if lang() == "zh" else en, "actual": _type_name(err.instance)},
                message=MESSAGES["type"],
            )
        elif kind == "pattern":
            yield Hit(node, {"value": err.instance, "hint": _pattern_hint(path)}, message=MESSAGES["pattern"])
        elif kind in ("minItems", "minLength", "uniqueItems", "oneOf"):
            yield Hit(node, {"n": err.validator_value}, message=MESSAGES[kind])
        else:
            yield Hit(node, {"detail": err.message}, message=MESSAGES["other"])


def _leaf_errors(errors: list[Any]) -> list[Any]:
    """Drop wrapper errors (allOf/if-then) in favour of the specific ones they contain."""
    out = []
    for err in errors:
        if err.validator in ("allOf", "anyOf", "if", "then") and err.context:
            out.extend(_leaf_errors(sorted(err.context, key=lambda e: list(map(str, e.absolute_path)))))
        else:
            out.append(err)
    return out


def _check(ctx: ItemContext) -> Iterable[Hit]:
    return errors_to_hits(ctx.root)


RULE = Rule(
    id="schema",
    severity="error",
    summary={
        "zh": "取值不符合事项格式（schemas/item.schema.json）：类型、可选值、格式或必填项。",
        "en": "A value the JSON Schema rejects: type, enum, pattern or required key.",
    },
    description={
        "zh": "每个事项文件都按 schemas/item.schema.json 检查：键名是否认识、必填项是否齐全、"
        "取值是否在可选范围内（例如 kind 只能是 certification 或 business_license）、编号和日期的格式。"
        "在 VS Code 中安装 YAML 扩展后，编辑时就能看到每个键的中文说明和错误提示。",
        "en": "Every item is checked against schemas/item.schema.json: known keys, required keys, allowed values "
        "(kind is certification or business_license), and the form of ids and dates. VS Code with the YAML "
        "extension shows each key's Chinese description and these errors while typing.",
    },
    message={"zh": "{detail}", "en": "{detail}"},
    bad=(Example("kind: 证明\n", at=("2:7",)), Example("status: 已发布\n", at=("38:9",))),
    good=(Example("kind: certification\n"), Example("status: published\n")),
    check=_check,
    required=True,
)
