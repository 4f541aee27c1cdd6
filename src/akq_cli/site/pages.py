"""Rendering the site's pages from the jinja2 templates under templates/site/."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from akq_cli.core import fields
from akq_cli.core.invisible import clean
from akq_cli.core.resources import resource_dir

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def cn_date(value: Any) -> str:
    """2021-03-30 -> 2021年3月30日 (how dates read in Chinese official text)."""
    m = _DATE.match(str(value or ""))
    if not m:
        return str(value or "")
    y, mo, d = m.groups()
    return f"{y}年{int(mo)}月{int(d)}日"


def book(value: Any) -> str:
    """A document title in 《》; title marks inside it become 〈〉, as nesting requires."""
    text = str(value or "").strip()
    if text.startswith("《") and text.endswith("》"):
        text = text[1:-1]
    return "《" + text.replace("《", "〈").replace("》", "〉") + "》"


def tel(value: Any) -> str:
    return re.sub(r"[^0-9+]", "", str(value or ""))


def digits(value: Any) -> str:
    """The digits of a record number: 新公网安备 65302302000001号 -> 65302302000001 (the query link's code)."""
    return re.sub(r"[^0-9]", "", str(value or ""))


@cache
def environment() -> Any:
    env = Environment(
        loader=FileSystemLoader(str(resource_dir("templates") / "site")),
        # Every template is HTML or XML, and every value comes from item files
        # anyone may edit: escape all of it, always.
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # the templates do not change during a run: no stat of three files per page
    )
    env.filters.update(cn_date=cn_date, book=book, tel=tel, digits=digits)
    # Field names come from the field registry, so the page and the model say the same.
    env.globals.update(labels=Labels(), subfields=subfields)
    return env


class Labels(dict[str, str]):
    """The public name of each field, by path: ``labels["liability.civil"]`` -> 民事责任.

    A mapping rather than a function: an item page names two dozen fields, and a lookup costs a
    template far less than a call (a seventh of an item page's time). An unknown path is an error,
    not an empty heading.
    """

    def __missing__(self, path: str) -> str:
        try:
            name = fields.get(path).name
        except KeyError:
            raise RuntimeError(f"templates name an unknown field: {path!r}") from None
        self[path] = name
        return name


def subfields(path: str) -> tuple[fields.Field, ...]:
    return fields.get(path).fields


class Parts:
    """The pieces every page repeats (header, footer), rendered once for each folder depth and menu entry.

    They read only what is the same on every page of an export (``context``), so 10,000 item pages
    need two renderings of them, not 10,000: a fifth of an item page's time.
    """

    def __init__(self, context: dict[str, Any]) -> None:
        self.context = context
        self.made: dict[tuple[str, str, str], Markup] = {}

    def __call__(self, name: str, root: str = "", nav: str = "") -> Markup:
        found = self.made.get((name, root, nav))
        if found is None:
            html = environment().get_template(name).render(**{**self.context, "root": root, "nav": nav})
            found = self.made[(name, root, nav)] = Markup(html)
        return found


def render(name: str, *, model_only: bool = False, **context: Any) -> bytes:
    """The page as UTF-8, without a control or invisible character: HTML shows them as garbage and XML
    (the feed) forbids them.

    The templates hold none, so cleaning the page once is cleaning every value in it, at a hundredth of
    the cost of a finalize hook on each of the ~120 values of an item page. ``model_only``: every value
    on the page comes from the site model, which build_model has cleaned, so even that scan is skipped
    (item, list and index pages: 8,500 pages and 0.3 s of CPU at 10,000 items).
    """
    page = environment().get_template(name).render(**context)
    return (page if model_only else clean(page)).encode()
