"""The law-currency register: which instruments exist, under which exact name, and whether they still apply.

akq ships ``laws/register.toml`` (found like the templates, ``core/resources.py``); a catalog may add or
correct entries in ``<catalog>/laws.toml``, same format, read through the ``CatalogState`` so that
`akq review` judges a change by the base's register.  A catalog entry with the name of a shipped one
replaces it whole: a county that learns of a repeal first must be able to say so without waiting for a release.

The format is documented for county staff in docs/laws.md.  Every date is a TOML date (2026-07-01, no
quotes).  ``status`` is what the 国家法律法规数据库 said on the day in ``checked``; ``status_on`` turns it
into the status on another day from the dates the entry records, so that a register written before a
law takes effect still answers correctly after it.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from akq_cli.core.i18n import pick
from akq_cli.core.resources import resource_dir
from akq_cli.core.state import CatalogState
from akq_cli.core.vocab import LEVEL

REGISTER_NAME = "laws.toml"  # in the catalog folder
SHIPPED = "register.toml"  # in laws/ (akq_cli/_data/laws in a wheel)

# As the 国家法律法规数据库 labels an instrument's 时效性.
STATUSES = ("现行有效", "已修改", "已废止", "尚未生效")
IN_FORCE = ("现行有效", "已修改")  # 已修改: the text was amended; the instrument itself still applies
TITLE = re.compile(r"《[^《》]+》")

MESSAGES = {
    "syntax": {"zh": "TOML 语法错误：{detail}", "en": "TOML syntax error: {detail}"},
    "unreadable": {"zh": "无法读取法律法规登记表：{detail}", "en": "cannot read the law register: {detail}"},
    "no-list": {
        "zh": "登记表应当由 [[instrument]] 条目组成，每个条目写一部法律法规。请参照 docs/laws.md 的示例。",
        "en": "The register must consist of [[instrument]] entries, one per instrument. See the example in docs/laws.md.",
    },
    "unknown-key": {
        "zh": "第 {n} 个条目：不认识的字段 {key}。可用的字段：{known}。",
        "en": "Entry {n}: unknown field {key}. Known fields: {known}.",
    },
    "missing": {
        "zh": "第 {n} 个条目缺少必填字段 {key}。",
        "en": "Entry {n} lacks the required field {key}.",
    },
    "bad-value": {
        "zh": "第 {n} 个条目的 {key} 应当是{expect}。",
        "en": "Entry {n}: {key} must be {expect}.",
    },
    "duplicate": {
        "zh": "“{name}”在同一个登记表中登记了两次（第 {n} 个条目）。请合并为一个条目。",
        "en": "'{name}' is registered twice in the same register (entry {n}). Merge the two entries.",
    },
}

_EXPECT = {
    "name": {"zh": "带书名号的全称，例如 \"《中华人民共和国社会救助法》\"", "en": "the full title in 《》"},
    "text": {"zh": "文字", "en": "text"},
    "texts": {"zh": "带书名号的名称列表", "en": "a list of titles in 《》"},
    "date": {"zh": "不带引号的日期，例如 2026-07-01", "en": "an unquoted date, e.g. 2026-07-01"},
    "level": {"zh": "以下之一：" + "、".join(LEVEL), "en": "one of: " + ", ".join(LEVEL)},
    "status": {"zh": "以下之一：" + "、".join(STATUSES), "en": "one of: " + ", ".join(STATUSES)},
    "table-list": {"zh": "表的列表（[[instrument.governed_by]] 或内联表）", "en": "a list of tables"},
    "articles": {
        "zh": "条款对照表，例如 { \"第四十九条\" = \"第五十八条\" }",
        "en": "a table of old article -> new article",
    },
}


class RegisterError(Exception):
    """A register that cannot be used, with where in the file (the loader's error convention)."""

    def __init__(self, path: str, detail: str, line: int = 1, column: int = 1) -> None:
        super().__init__(detail)
        self.path, self.detail, self.line, self.column = path, detail, line, column

    def message(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.detail}"


@dataclass(frozen=True)
class Governor:
    """A higher-level (or newer) instrument that governs the same matter from ``since``."""

    name: str
    since: date
    note: str = ""


@dataclass(frozen=True)
class Renumbering:
    """A revision that renumbered articles, in force from ``since``; ``articles`` maps old to new where known."""

    since: date
    note: str
    articles: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Instrument:
    name: str
    level: str
    status: str  # as the database stated on ``checked``
    source: str
    checked: date
    number: str = ""  # 文号 / 令号 / 主席令
    aliases: tuple[str, ...] = ()  # 简称 accepted in running text (liability, verification), never in legal_basis
    adopted: date | None = None
    effective: date | None = None
    revised: date | None = None  # the latest revision, when there was one
    repealed: date | None = None
    governed_by: tuple[Governor, ...] = ()
    renumbered: tuple[Renumbering, ...] = ()
    note: str = ""
    origin: str = "shipped"  # "shipped" (laws/register.toml) or "catalog" (the catalog's laws.toml)

    def status_on(self, day: date) -> str:
        """The status on ``day``: the recorded one, corrected by the recorded dates of repeal and effect."""
        if self.repealed is not None and day >= self.repealed:
            return "已废止"
        if self.effective is not None and day < self.effective:
            return "尚未生效"
        if self.status in ("尚未生效", "已废止"):
            # 尚未生效 recorded before the effective date passed; 已废止 without a date is taken as said
            return "现行有效" if self.status == "尚未生效" else "已废止"
        return self.status


@dataclass(frozen=True)
class LawRegister:
    instruments: tuple[Instrument, ...] = ()
    _by_name: dict[str, Instrument] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for inst in self.instruments:
            self._by_name.setdefault(inst.name, inst)
        for inst in self.instruments:
            for alias in inst.aliases:
                self._by_name.setdefault(alias, inst)

    def lookup(self, name: str) -> Instrument | None:
        """The instrument registered under exactly ``name`` (its full title or one of its 简称)."""
        return self._by_name.get(name.strip())

    def closest(self, name: str) -> str | None:
        """The registered full title nearest to ``name``, for a suggestion."""
        names = [inst.name for inst in self.instruments]
        bare = name.strip().strip("《》")
        # a short title (《社会救助法》) is most often the full one without 中华人民共和国
        contains = [n for n in names if bare and (bare in n or n.strip("《》") in bare)]
        if contains:
            return min(contains, key=len)
        best = difflib.get_close_matches(name.strip(), names, n=1, cutoff=0.5)
        return best[0] if best else None

    def digest(self) -> str:
        """What the register says, for lint cache keys: a changed register must re-run the rules that read it."""
        blob = json.dumps([repr(inst) for inst in self.instruments], ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def shipped_path() -> Path:
    return resource_dir("laws") / SHIPPED


def load_register(state: CatalogState | None) -> LawRegister:
    """The shipped register, extended and corrected by ``state``'s own ``laws.toml`` (RegisterError if broken)."""
    path = shipped_path()
    shipped = parse_register(path.read_bytes(), str(path), "shipped")
    own: tuple[Instrument, ...] = ()
    if state is not None and state.prefix is not None:
        name = state.join(REGISTER_NAME)
        if state.has(name):
            try:
                data = state.read(name)
            except OSError as exc:
                raise RegisterError(name, pick(MESSAGES["unreadable"], detail=str(exc))) from exc
            own = parse_register(data, name, "catalog")
    replaced = {inst.name for inst in own}
    return LawRegister((*own, *(inst for inst in shipped if inst.name not in replaced)))


def shipped_register() -> LawRegister:
    return load_register(None)


_KEYS = (
    "name", "aliases", "number", "level", "adopted", "effective", "revised", "repealed", "status",
    "governed_by", "renumbered", "source", "checked", "note",
)
_REQUIRED = ("name", "level", "status", "source", "checked")


def parse_register(data: bytes, path: str, origin: str) -> tuple[Instrument, ...]:
    try:
        text = data.decode("utf-8-sig")
        raw = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise RegisterError(path, pick(MESSAGES["unreadable"], detail=str(exc))) from exc
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"at line (\d+), column (\d+)", str(exc))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
        raise RegisterError(path, pick(MESSAGES["syntax"], detail=str(exc)), line, col) from exc
    entries = raw.get("instrument", [])
    if set(raw) - {"instrument"} or not isinstance(entries, list):
        raise RegisterError(path, pick(MESSAGES["no-list"]))
    lines = text.splitlines()
    starts = [i + 1 for i, ln in enumerate(lines) if re.match(r"^\s*\[\[\s*instrument\s*\]\]", ln)]
    out: list[Instrument] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, 1):
        at = starts[n - 1] if n - 1 < len(starts) else 1
        inst = _instrument(entry, n, path, at, lines, origin)
        if inst.name in seen:
            raise RegisterError(path, pick(MESSAGES["duplicate"], name=inst.name, n=n), at)
        seen.add(inst.name)
        out.append(inst)
    return tuple(out)


def _instrument(entry: Any, n: int, path: str, at: int, lines: list[str], origin: str) -> Instrument:
    def fail(code: str, key: str, expect: str = "") -> RegisterError:
        line = at
        for i in range(at - 1, len(lines)):  # the key's own line inside this entry, when written there
            if re.match(rf"^\s*{re.escape(key)}\s*=", lines[i]):
                line = i + 1
                break
            if i > at - 1 and re.match(r"^\s*\[\[\s*instrument\s*\]\]", lines[i]):
                break
        args = {"n": n, "key": key, "known": ", ".join(_KEYS)}
        if expect:
            args["expect"] = pick(_EXPECT[expect])
        return RegisterError(path, pick(MESSAGES[code], **args), line)

    if not isinstance(entry, dict):
        raise RegisterError(path, pick(MESSAGES["no-list"]), at)
    for key in entry:
        if key not in _KEYS:
            raise fail("unknown-key", key)
    for key in _REQUIRED:
        if key not in entry:
            raise fail("missing", key)

    def title(key: str, value: Any) -> str:
        if not isinstance(value, str) or not TITLE.fullmatch(value.strip()):
            raise fail("bad-value", key, "name")
        return value.strip()

    def text(key: str, default: str = "") -> str:
        value = entry.get(key, default)
        if not isinstance(value, str):
            raise fail("bad-value", key, "text")
        return value.strip()

    def day(key: str, value: Any = None, required: bool = False) -> date | None:
        value = entry.get(key) if value is None else value
        if value is None and not required:
            return None
        if not isinstance(value, date) or hasattr(value, "hour"):
            raise fail("bad-value", key, "date")
        return value

    def tables(key: str) -> list[dict[str, Any]]:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise fail("bad-value", key, "table-list")
        return value

    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list):
        raise fail("bad-value", "aliases", "texts")
    level = entry["level"]
    if level not in LEVEL:
        raise fail("bad-value", "level", "level")
    status = entry["status"]
    if status not in STATUSES:
        raise fail("bad-value", "status", "status")
    governors = []
    for g in tables("governed_by"):
        if set(g) - {"name", "since", "note"} or "name" not in g or "since" not in g:
            raise fail("bad-value", "governed_by", "table-list")
        note = g.get("note", "")
        if not isinstance(note, str):
            raise fail("bad-value", "governed_by", "text")
        governors.append(Governor(title("governed_by", g["name"]), day("governed_by", g["since"], True), note))  # type: ignore[arg-type]
    renumberings = []
    for r in tables("renumbered"):
        if set(r) - {"since", "note", "articles"} or "since" not in r:
            raise fail("bad-value", "renumbered", "table-list")
        articles = r.get("articles", {})
        if not isinstance(articles, dict) or not all(isinstance(v, str) for v in articles.values()):
            raise fail("bad-value", "renumbered", "articles")
        renumberings.append(
            Renumbering(day("renumbered", r["since"], True), str(r.get("note", "")), tuple(articles.items()))  # type: ignore[arg-type]
        )
    return Instrument(
        name=title("name", entry["name"]),
        level=level,
        status=status,
        source=text("source"),
        checked=day("checked", required=True),  # type: ignore[arg-type]
        number=text("number"),
        aliases=tuple(title("aliases", a) for a in aliases),
        adopted=day("adopted"),
        effective=day("effective"),
        revised=day("revised"),
        repealed=day("repealed"),
        governed_by=tuple(governors),
        renumbered=tuple(renumberings),
        note=text("note"),
        origin=origin,
    )


def citing(names: list[str]) -> list[str]:
    """The 《titles》 written in a text, in order (for running-text citations)."""
    return [m.group() for text in names for m in TITLE.finditer(text)]
