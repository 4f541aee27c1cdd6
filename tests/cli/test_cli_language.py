"""The command line speaks the user's language: click's own words, help and usage errors included."""

from __future__ import annotations

import re

import pytest
import typer

from akq_cli import cli
from akq_cli.core.i18n import lang, set_lang
from conftest import FIXTURES, run_akq

COMMANDS = [name for name, _module, _func in cli.COMMANDS]
GROUPS = [name for name, _module in cli.GROUPS]
# Every command line that has a help page: commands, groups and their subcommands.
SUBCOMMANDS = {g: sorted(typer.main.get_command(cli.app).commands[g].commands) for g in GROUPS}  # type: ignore[attr-defined]
PAGES = [[c] for c in COMMANDS] + [[g] for g in GROUPS] + [[g, s] for g in GROUPS for s in SUBCOMMANDS[g]]

# What click and typer say in English when nobody translates them.
CLICK_PHRASES = [
    "Usage:", "Options", "Arguments", "Commands", "Show this message", "No such option", "Missing option",
    "Missing argument", "Invalid value", "Error:", "for help", "Possible options", "is not in the range",
    "unexpected extra", "requires an argument", "default:", "required", "env var", "Aborted", "TEXT", "PATH",
    "INTEGER", "Did you mean",
]
# Words that are names, not English: commands, options' values, formats, products, fields, statuses.
NAMES = re.compile(
    r"`[^`]*`|[\w.-]*/[\w./<>-]*|--?[A-Za-z][\w-]*|\bakq( \w+)?\b|[\w.-]*\.(?:toml|yaml|docx|pdf|sarif|xlsx|csv)\b|\b[A-Z_]{3,}\b"
    r"|\b(?:json|text|sarif|github|gitlab|junit|markdown|xlsx|docx|pdf|csv|LibreOffice|YAML|UTF-8|GBK|main|zh|en"
    r"|certification|business_license|published|submitted|error|warning|info|vague-term|id|title|matter"
    r"|matter_type|category|department|issuer|purpose|legal_basis|content|conditions|materials|kind|ignore"
    r"|true|false|git|disable|catalog|forms|plans|x|Word|run|verify|" + "|".join([*(name for name, _m, _f in cli.COMMANDS), *(name for name, _m in cli.GROUPS),
                                                                                                              *(s for subs in SUBCOMMANDS.values() for s in subs)]) + r")\b"
)
ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,'’]+[A-Za-z]{2,})+")


def english_in(text: str) -> list[str]:
    """English the user would have to read: click's phrases, or two or more English words in a row."""
    found = [p for p in CLICK_PHRASES if p in text]
    stripped = NAMES.sub(" ", text)
    found += [m.group(0) for m in ENGLISH_RUN.finditer(stripped)]
    found += [w for w in re.findall(r"\b[A-Za-z]{4,}\b", stripped)]  # a lone English word outside the names
    return found


def invoke(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.setattr("sys.argv", ["akq", *args])
    before = lang()
    try:
        with pytest.raises(SystemExit) as exited:
            cli.main()
    finally:
        set_lang(before)
    captured = capsys.readouterr()
    return int(exited.value.code or 0), captured.out + captured.err


def test_the_check_finds_english():
    assert english_in("Usage: akq lint [OPTIONS]")
    assert english_in("错误：Show this message and exit.")
    assert english_in("输出格式。Output format.")
    assert english_in("  --force  Render anyway")
    assert not english_in("输出格式：text、json、sarif（默认 text）。用 --format json=FILE 写到文件；`akq lint --fix`")


@pytest.mark.parametrize("command", [[], *PAGES], ids=" ".join)
def test_help_is_chinese(capsys, monkeypatch, command):
    code, out = invoke(capsys, monkeypatch, *command, "--help")
    assert code == 0
    assert "用法：akq" in out and "选项：" in out and "显示本帮助并退出。" in out
    assert english_in(out) == [], out


@pytest.mark.parametrize("command", [[], *PAGES], ids=" ".join)
def test_help_is_english_with_lang_en(capsys, monkeypatch, command):
    for args in (["--lang", "en", *command, "--help"], [*command, "--help", "--lang=en"]):
        code, out = invoke(capsys, monkeypatch, *args)
        assert code == 0
        assert "Usage: akq" in out and "Show this message and exit." in out
        assert not re.search(r"[\u4e00-\u9fff]", out.replace("待填写", "").replace("行政确认", "")), out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["lint", "--bogus"], "没有选项 --bogus"),
        (["render"], "缺少选项 --output / -o"),
        (["lint", "-j", "0"], "--jobs / -j 的值不对：0 不在允许的范围"),
        (["render", "-j", "0", "-o", "x"], "--jobs / -j 的值不对：0 不在允许的范围"),
        (["fmt", "-j", "x"], "x' 不是整数"),
        (["import"], "缺少参数 文件"),
        (["report", "--output"], "选项 '--output' 后面要写一个值"),
        (["rules", "a", "b"], "多余的参数：b"),
        (["lnt"], "没有命令 'lnt'"),
        (["draw", "run"], "缺少参数 抽查计划"),
        (["--lang", "xx", "lint"], "--lang 的值不对"),
    ],
)
def test_usage_errors_are_chinese(capsys, monkeypatch, args, needle):
    code, out = invoke(capsys, monkeypatch, *args)
    assert code == 2
    assert needle in out, out
    assert "错误：" in out and ("用法：akq" in out or args[-1] == "--output")  # click gives that one no context
    assert english_in(out) == [], out


def test_usage_errors_in_english(capsys, monkeypatch):
    code, out = invoke(capsys, monkeypatch, "lint", "--bogus", "--lang", "en")
    assert code == 2 and "No such option: --bogus" in out and "Usage: akq lint" in out


def test_akq_lang_environment_variable():
    r = run_akq("render", "--help", env={"AKQ_LANG": "en"})
    assert r.code == 0 and "Usage: akq render" in r.out and "--output" in r.out
    r = run_akq("render", "--help")
    assert r.code == 0 and "用法：akq render" in r.out


def test_help_never_breaks_inside_an_identifier(capsys, monkeypatch):
    import typer

    from akq_cli.core.i18n import chosen

    monkeypatch.setenv("COLUMNS", "60")
    group = typer.main.get_command(cli.app)
    for page in PAGES:
        _code, out = invoke(capsys, monkeypatch, *page, "--help")
        source = group
        for name in page:
            source = source.commands[name]  # type: ignore[attr-defined]
        command = " ".join(page)
        texts = [source.help or "", *(p.help or "" for p in source.params if not p.hidden)]
        # Every run of ASCII in the help as written (an option, a path, gitlab, matter_type) is shown unbroken.
        for name in {n for text in texts for n in re.findall(r"[!-~]+", chosen(text))}:
            assert name in out, (command, name, out)


def test_old_option_spellings_still_work(tmp_path):
    r = run_akq("render", "SFJ-ZM-901", "--out", tmp_path / "out", cwd=FIXTURES / "render" / "catalog")
    assert r.code in (0, 1), r.err
    assert list((tmp_path / "out").glob("*.docx"))
    r = run_akq("render", "--help")
    assert "--out " not in r.out and "--output" in r.out


@pytest.mark.parametrize("inside", ["catalog", "catalog/items/SFJ", "catalog/new-folder"])
def test_render_and_export_refuse_an_output_folder_inside_the_catalog(tmp_path, inside):
    import shutil

    shutil.copytree(FIXTURES / "render" / "catalog", tmp_path / "catalog")
    before = sorted(p for p in (tmp_path / "catalog").rglob("*"))
    for command in ("render", "export"):
        r = run_akq(command, "-o", inside, cwd=tmp_path)
        assert r.code == 2, (command, r.err)
        assert "在目录清单" in r.err and "之内" in r.err, r.err
        assert english_in(r.err.replace(inside, "")) == [], r.err
    assert sorted(p for p in (tmp_path / "catalog").rglob("*")) == before
    r = run_akq("render", "--output", tmp_path / "forms", "--catalog", tmp_path / "catalog", "SFJ-ZM-901")
    assert r.code in (0, 1) and (tmp_path / "forms" / "SFJ-ZM-901.docx").exists(), r.err
