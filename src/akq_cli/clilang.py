"""The command line's own words (usage, headings, click's errors) in the user's language.

Typer vendors click without click's gettext calls: "Usage:", "Show this message and exit."
and every parser error are string literals, so installing a gettext translation cannot
reach them, and matching their English text after the fact breaks on the next typer
release. The smallest robust seams are the ones click is built to have overridden:

* the help formatter class (usage prefix, headings, and wrapping that measures Chinese
  as two columns and never breaks inside an identifier such as ``gitlab``);
* the command classes (help option text, metavars, and bilingual help texts, written
  with ``i18n.both`` and picked when they are shown, after ``--lang`` is known);
* the error display: ``AkqGroup.main`` catches click's exceptions and words them from
  their attributes (which option, which parameter), not from their English sentences.

typer.core's own few words ("Options", "default: …") go through gettext; they are
given our function in place of gettext's.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any

import typer
import typer.core
from typer import _click as click
from typer._click import exceptions as cx

from akq_cli.core.i18n import chosen, lang, pick
from akq_cli.core.personal import mask_text

WORDS: dict[str, dict[str, str]] = {
    "usage": {"zh": "用法：", "en": "Usage: "},
    "options-metavar": {"zh": "[选项]", "en": "[OPTIONS]"},
    "command-metavar": {"zh": "命令 [参数]...", "en": "COMMAND [ARGS]..."},
    "help-option": {"zh": "显示本帮助并退出。", "en": "Show this message and exit."},
    "try-help": {"zh": "运行“{command} {option}”查看帮助。", "en": "Try '{command} {option}' for help."},
    "error": {"zh": "错误：", "en": "Error: "},
    "aborted": {"zh": "已中止。", "en": "Aborted!"},
    "no-such-option": {"zh": "没有选项 {option}。", "en": "No such option: {option}."},
    "possible": {"zh": "相近的选项：{options}。", "en": "Possible options: {options}."},
    "missing-option": {"zh": "缺少选项 {hint}。", "en": "Missing option {hint}."},
    "missing-argument": {"zh": "缺少参数 {hint}。", "en": "Missing argument {hint}."},
    "bad-value": {"zh": "{hint} 的值不对：{message}", "en": "Invalid value for {hint}: {message}"},
    "bad-value-bare": {"zh": "值不对：{message}", "en": "Invalid value: {message}"},
    "file-error": {"zh": "无法打开文件 {file}：{message}", "en": "Could not open file {file}: {message}"},
}

# typer.core's gettext words.
TYPER_WORDS: dict[str, str] = {
    "Arguments": "参数",
    "Options": "选项",
    "Commands": "命令",
    "required": "必填",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "Aborted!": "已中止。",
}

# Click's own sentences that reach a user through UsageError/BadParameter messages: pattern, Chinese.
MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?P<v>.+) is not in the range (?P<r>.+)\.$"), "{v} 不在允许的范围 {r} 内。"),
    (re.compile(r"(?P<v>.+) is not a valid (?:integer|int)(?: range)?\.$"), "{v} 不是整数。"),
    (re.compile(r"(?P<v>.+) is not a valid float\.$"), "{v} 不是数字。"),
    (re.compile(r"(?P<v>.+) is not a valid boolean\..*$"), "{v} 不是布尔值（可用 true、false）。"),
    (re.compile(r"(?P<v>.+) is not a valid UUID\.$"), "{v} 不是 UUID。"),
    (re.compile(r"(?P<v>.+) is not one of (?P<c>.+)\.$"), "{v} 不是可选值之一：{c}。"),
    (re.compile(r"Option (?P<o>'.+') requires an argument\.$"), "选项 {o} 后面要写一个值。"),
    (re.compile(r"Option (?P<o>'.+') requires (?P<n>\d+) arguments\.$"), "选项 {o} 后面要写 {n} 个值。"),
    (re.compile(r"Option (?P<o>'.+') does not take a value\.$"), "选项 {o} 不带值。"),
    (re.compile(r"Argument (?P<a>'.+') takes (?P<n>\d+) values\.$"), "参数 {a} 要写 {n} 个值。"),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<a>.*)\)$"), "多余的参数：{a}。"),
    (re.compile(r"No such command (?P<c>'.+')\. Did you mean (?P<m>.+)\?$"), "没有命令 {c}。您是不是要用 {m}？"),
    (re.compile(r"No such command (?P<c>'.+')\.$"), "没有命令 {c}。"),
    (re.compile(r"Missing command\.$"), "缺少命令。"),
]

# Option value types as shown in help, e.g. `-o, --output 路径`.
METAVARS: dict[str, dict[str, str]] = {
    "text": {"zh": "文字", "en": "TEXT"},
    "str": {"zh": "文字", "en": "TEXT"},
    "path": {"zh": "路径", "en": "PATH"},
    "integer": {"zh": "整数", "en": "INTEGER"},
    "int": {"zh": "整数", "en": "INTEGER"},
    "integer range": {"zh": "整数", "en": "INTEGER"},
    "int range": {"zh": "整数", "en": "INTEGER"},
}


def word(key: str, **kwargs: Any) -> str:
    return pick(WORDS[key], **kwargs)


def _typer_gettext(message: str) -> str:
    return TYPER_WORDS.get(message, message) if lang() == "zh" else message


typer.core._ = _typer_gettext  # type: ignore[attr-defined]  # typer.core calls its module-global `_`


def translate(message: str) -> str:
    """Click's English sentence in Chinese when one of ours matches; our own messages pass as they are."""
    if lang() != "zh":
        return message
    for pattern, zh in MESSAGES:
        found = pattern.match(message)
        if found:
            return zh.format(**found.groupdict())
    return message


# --- wrapping ---------------------------------------------------------------------------------

OPENING = "（“‘「『《〈【"
CLOSING = "，。、；：！？）”’」』》〉】…"
# A token is what a line may not break inside: a run of printable ASCII (an identifier, an option,
# a path), or one other character; opening punctuation sticks to what follows, closing to what precedes.
TOKEN = re.compile(rf"\s+|[{OPENING}]*(?:[!-~]+|.)[{CLOSING}]*")


NO_START = ">)]}.,;:!?%"  # ASCII that closes: never the first thing on a line
NO_END = "<([{"  # ASCII that opens: never the last


def tokens(text: str) -> list[str]:
    out: list[str] = []
    for token in TOKEN.findall(text):
        glued = out and not token.isspace() and not out[-1].isspace()
        if glued and (token[0] in NO_START or out[-1][-1] in NO_END):
            out[-1] += token
        else:
            out.append(token)
    return out


def cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int, initial: str = "", subsequent: str = "") -> list[str]:
    """Fill ``text`` into lines of at most ``width`` columns, breaking only between tokens."""
    lines: list[str] = []
    line, used, space = initial, cells(initial), False
    empty = True
    for token in tokens(text):
        if token.isspace():
            space = True
            continue
        gap = " " if space and not empty else ""
        size = cells(token)
        if not empty and used + cells(gap) + size > width:
            lines.append(line)
            line, used, gap = subsequent, cells(subsequent), ""
        line += gap + token
        used += cells(gap) + size
        empty, space = False, False
    lines.append(line)
    return lines


def _join(lines: list[str]) -> str:
    """Source lines of one paragraph as one text: a space between English words, none inside Chinese."""
    text = ""
    for line in lines:
        line = line.strip()
        if text and not (cells(text[-1]) == 2 and cells(line[:1]) == 2):
            text += " "
        text += line
    return text


def paragraphs(text: str) -> list[tuple[bool, str]]:
    """(kept as written, text) per paragraph; a paragraph that starts with a ``\\b`` line is not rewrapped."""
    out: list[tuple[bool, str]] = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        lines = block.splitlines()
        if lines and lines[0].strip() == "\b":
            out.append((True, "\n".join(lines[1:])))
        elif lines:
            out.append((False, _join(lines)))
    return out


class AkqFormatter(click.HelpFormatter):
    """click's formatter with Chinese words, widths in terminal columns and identifier-safe wrapping."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        head = f"{' ' * self.current_indent}{word('usage') if prefix is None else prefix}{prog} "
        self.write("\n".join(wrap(args, self.width, head, " " * cells(head))) + "\n")

    def write_heading(self, heading: str) -> None:
        colon = "：" if lang() == "zh" else ":"
        self.write(f"{' ' * self.current_indent}{heading}{colon}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write("\n\n".join(self._block(kept, body, self.width, indent) for kept, body in paragraphs(text)) + "\n")

    @staticmethod
    def _block(kept: bool, body: str, width: int, indent: str) -> str:
        if kept:
            return "\n".join(indent + line for line in body.splitlines())
        return "\n".join(wrap(body, width, indent, indent))

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((cells(r[0]) for r in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(f"{indent}{first}")
            if not second:
                self.write("\n")
                continue
            if cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cells(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            text_width = max(self.width - first_col - self.current_indent, 20)
            pad = " " * (first_col + self.current_indent)
            blocks = [self._block(kept, body, text_width, "") for kept, body in paragraphs(second)]
            lines = "\n\n".join(blocks).splitlines() or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write((pad + line if line else "") + "\n")


class AkqContext(click.Context):
    formatter_class = AkqFormatter


# --- commands ---------------------------------------------------------------------------------


def localise(command: click.Command) -> None:
    """Show ``command``'s bilingual texts in the current language (the originals are kept)."""
    texts: dict[str, Any] = command.__dict__.setdefault("_akq_texts", {})
    for owner, attr in [(command, "help"), (command, "short_help"), *((p, "help") for p in command.params)]:
        key = (id(owner), attr)
        original = texts.setdefault(key, getattr(owner, attr, None))  # type: ignore[arg-type]
        if isinstance(original, str):
            setattr(owner, attr, chosen(original))
    for p in command.params:
        original = texts.setdefault((id(p), "metavar"), p.metavar)  # type: ignore[arg-type]
        if original is not None:
            p.metavar = chosen(original)
        elif p.param_type_name == "option" and not getattr(p, "is_flag", False) and p.type.name in METAVARS:
            p.metavar = pick(METAVARS[p.type.name])


class _Localised:
    """What AkqCommand and AkqGroup share: texts picked per language, click's words translated."""

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any) -> click.Context:
        localise(self)  # type: ignore[arg-type]
        return super().make_context(info_name, args, parent, **extra)  # type: ignore[misc]

    def get_short_help_str(self, limit: int = 45) -> str:
        localise(self)  # type: ignore[arg-type]
        # The whole first paragraph: the formatter wraps it, where click would cut it off mid-word.
        help_text = self.short_help or self.help or ""  # type: ignore[attr-defined]
        return paragraphs(help_text)[0][1] if help_text.strip() else ""

    def get_help_option(self, ctx: click.Context) -> click.Parameter | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = word("help-option")
        return option

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        # A hidden argument (an old spelling) is left out of the usage line as it is out of the help.
        params = [p for p in self.get_params(ctx) if not getattr(p, "hidden", False)]  # type: ignore[attr-defined]
        return [word("options-metavar"), *(piece for p in params for piece in p.get_usage_pieces(ctx))]


# Old spellings of options, still accepted everywhere and shown nowhere.
ALIASES = {"--out": "--output"}


def unalias(args: list[str]) -> list[str]:
    out: list[str] = []
    for i, arg in enumerate(args):
        if arg == "--":
            return out + args[i:]
        name, eq, value = arg.partition("=")
        out.append(ALIASES.get(name, name) + eq + value if name in ALIASES else arg)
    return out


class AkqCommand(_Localised, typer.core.TyperCommand):
    context_class = AkqContext

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, unalias(args))


class AkqGroup(_Localised, typer.core.TyperGroup):
    context_class = AkqContext

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [*super().collect_usage_pieces(ctx), word("command-metavar")]

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        """click's main, with its errors worded here: in the user's language, from what went wrong."""
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except cx.NoArgsIsHelpError as exc:
            click.echo(exc.format_message(), err=True)
            code = 2
        except cx.ClickException as exc:
            show_error(exc)
            code = exc.exit_code
        except typer.Abort:
            click.echo(word("aborted"), err=True)
            code = 1
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


def _hint(param: click.Parameter | None, ctx: click.Context | None) -> str:
    if param is None:
        return ""
    if param.param_type_name == "option":
        return " / ".join(param.opts)
    return param.human_readable_name.upper() if lang() == "en" else param.human_readable_name


def message_of(exc: cx.ClickException) -> str:
    """The error in the current language, built from the exception's attributes."""
    if isinstance(exc, cx.NoSuchOption):
        text = word("no-such-option", option=exc.option_name)
        if exc.possibilities:
            text += " " if lang() == "en" else ""
            text += word("possible", options="、".join(sorted(exc.possibilities)))
        return text
    if isinstance(exc, cx.MissingParameter):
        is_option = (exc.param.param_type_name if exc.param else exc.param_type) == "option"
        text = word("missing-option" if is_option else "missing-argument", hint=_hint(exc.param, exc.ctx))
        return text + (" " + translate(exc.message) if exc.message else "")
    if isinstance(exc, cx.BadParameter):
        hint = _hint(exc.param, exc.ctx)
        if exc.param_hint is not None and not hint:
            hint = exc.param_hint if isinstance(exc.param_hint, str) else " / ".join(exc.param_hint)
        message = translate(chosen(exc.message))
        return word("bad-value", hint=hint, message=message) if hint else word("bad-value-bare", message=message)
    if isinstance(exc, cx.FileError):
        return word("file-error", file=exc.ui_filename, message=exc.message)
    return translate(chosen(exc.message))


def show_error(exc: cx.ClickException) -> None:
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = word("try-help", command=ctx.command_path, option=ctx.help_option_names[0]) + "\n"
        click.echo(f"{ctx.get_usage()}\n{hint}", err=True)
    click.echo(word("error") + mask_text(message_of(exc)), err=True)
