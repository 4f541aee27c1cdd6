"""Text outputs from jinja2 templates: Markdown and terminal text, escaped by default, in two languages.

A folder under ``templates/`` (``review``, ``report``) holds the templates of
one command and its words, ``words.zh.toml`` and ``words.en.toml``: what the
output says is edited there, without code.  Every ``{{ value }}`` a template
prints is escaped for its output (akq_cli.core.escape) unless it is already
markup: a word from the words file, a ``fill``-ed word, or what a macro built.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import cache
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from akq_cli.core import escape
from akq_cli.core.i18n import lang
from akq_cli.core.resources import resource_dir

Target = Literal["markdown", "rich"]
ESCAPE: dict[str, Callable[[str], str]] = {"markdown": escape.markdown, "rich": escape.rich_text}


@cache
def _words(folder: str, language: str) -> dict[str, Any]:
    path = resource_dir("templates") / folder / f"words.{language}.toml"
    with path.open("rb") as fh:
        return tomllib.load(fh)


def words(folder: str) -> dict[str, Any]:
    """The words of ``templates/<folder>/`` in the current language (plain strings, for Python)."""
    return _words(folder, lang())


def _trusted(value: Any) -> Any:
    """Words are part of the template: markup, never escaped."""
    if isinstance(value, dict):
        return {k: _trusted(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_trusted(v) for v in value]
    return Markup(value) if isinstance(value, str) else value


@cache
def environment(folder: str, target: Target) -> Environment:
    esc = ESCAPE[target]

    def finalize(value: Any) -> Markup:
        # jinja2 passes every printed expression through here, then through
        # markupsafe.escape, which leaves Markup alone: so our escaping, not HTML's.
        if isinstance(value, Markup):
            return value
        return Markup(esc("" if value is None else str(value)))

    def fill(word: str, **args: Any) -> Markup:
        """A word with {placeholders}, its values escaped: {{ w.total | fill(n=3) }}."""
        return Markup(str(word).format(**{k: v if isinstance(v, Markup) else esc(str(v)) for k, v in args.items()}))

    env = Environment(
        loader=FileSystemLoader(str(resource_dir("templates") / folder)),
        autoescape=True,
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(fill=fill, code=lambda v: Markup(escape.code_span(str(v))), pct=lambda v: f"{v:.0%}")
    return env


def render(folder: str, name: str, target: Target, **context: Any) -> str:
    """``templates/<folder>/<name>`` with the current language's words as ``w``."""
    template = environment(folder, target).get_template(name)
    return template.render(w=_trusted(words(folder)), **context)
