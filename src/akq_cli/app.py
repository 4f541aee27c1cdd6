"""The `akq` command line (the entry point, akq_cli.cli, builds it on first use).

Each command lives in ``akq_cli.commands.<name>`` and imports its heavy
dependencies inside the function, so that `akq lint one-file.yaml` in a
pre-commit hook starts fast.
"""

from __future__ import annotations

import importlib
import sys

import typer

from akq_cli import __version__
from akq_cli.clilang import AkqCommand, AkqGroup
from akq_cli.core.i18n import LANGS, both, set_lang, t
from akq_cli.core.personal import mask_text

# (command name, module under akq_cli.commands, function name)
COMMANDS: list[tuple[str, str, str]] = [
    ("lint", "lint", "lint"),
    ("rules", "rules", "rules"),
    ("render", "render", "render"),
    ("export", "export", "export"),
    ("publish", "publish", "publish"),
    ("fmt", "fmt", "fmt"),
    ("new", "new", "new"),
    ("diff", "diff", "diff"),
    ("review", "review", "review"),
    ("report", "report", "report"),
    ("laws", "laws", "laws"),
    ("import", "import_", "import_"),
    ("init-catalog", "init_catalog", "init_catalog"),
]

# (command name, module under akq_cli.commands): commands with subcommands, each module's typer ``app``
GROUPS: list[tuple[str, str]] = [("draw", "draw"), ("ledger", "ledger")]

app = typer.Typer(
    name="akq",
    help=both(
        "阿合奇县证明事项和涉企经营许可事项告知承诺制目录工具。",
        "Tools for the notification-commitment catalog of Aheqi county's certifications and business licences.",
    ),
    cls=AkqGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"akq {__version__}")
        raise typer.Exit(0)


def _lang(value: str) -> str:
    # Eager, and first on the line (_lang_first): `akq --lang en --help` shows English help.
    if value not in LANGS:
        raise typer.BadParameter(both("应为 zh（中文）或 en（英文）。", "use zh or en."))
    set_lang(value)
    return value


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help=both("显示版本号。", "Show the version.")
    ),
    lang: str = typer.Option(
        "zh", "--lang", callback=_lang, is_eager=True, envvar="AKQ_LANG",
        help=both("输出语言：zh 中文（默认），en 英文。", "Output language: zh Chinese (default), en English."),
    ),
) -> None:
    """Options only: each command does the work."""


for _name, _module, _func in COMMANDS:
    _mod = importlib.import_module(f"akq_cli.commands.{_module}")
    app.command(_name, cls=AkqCommand, help=_mod.HELP)(getattr(_mod, _func))
for _name, _module in GROUPS:
    app.add_typer(importlib.import_module(f"akq_cli.commands.{_module}").app, name=_name)


def _lang_first(argv: list[str]) -> list[str]:
    """Accept `--lang en` anywhere on the line (staff type it after the command too)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return [arg, argv[i + 1], *argv[:i], *argv[i + 2 :]]
        if arg.startswith("--lang="):
            return [arg, *argv[:i], *argv[i + 1 :]]
        if arg == "--":
            break
    return argv


def main() -> None:
    """Entry point: no Python traceback ever reaches a user."""
    args = _lang_first(sys.argv[1:])
    if args[:1] == ["--lang"] or (args[:1] and args[0].startswith("--lang=")):
        # Before parsing: an error in the options themselves is then worded in the asked language.
        set_lang(args[1] if args[0] == "--lang" else args[0].split("=", 1)[1])
    try:
        app(args=args, standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(130)
    except Exception as exc:
        # Masked: a database error quotes the statement's parameters, which may hold an ID number.
        sys.stderr.write(mask_text(t("internal-error", error=f"{type(exc).__name__}: {exc}")) + "\n")
        sys.exit(2)
