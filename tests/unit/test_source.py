"""The positioned YAML loader: values, positions, and refusal of unsafe constructs."""

from __future__ import annotations

from pathlib import Path

import pytest

from akq_cli.core.loader import read_document


def parse(text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_document(Path("x.yaml"), data)


def test_values_and_positions():
    doc = parse("id: SFJ-ZM-001\nconditions:\n  - 不少于3个工作日\nflag: true\nn: 5\nd: 2021-05-01\n")
    root = doc.root
    assert root.plain() == {"id": "SFJ-ZM-001", "conditions": ["不少于3个工作日"], "flag": True, "n": 5, "d": "2021-05-01"}
    cond = root.at("/conditions/0")
    assert (cond.line, cond.column, cond.pointer) == (3, 5, "/conditions/0")
    assert doc.problems == []


def test_yaml12_booleans_only():
    assert parse("a: yes\nb: no\nc: on\n").root.plain() == {"a": "yes", "b": "no", "c": "on"}


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("a: 文字等级和等其他\n", None),
        ("a: '文字等级和等其他'\n", None),
        ("a: |\n  第一行\n  文字等级和等其他\n", None),
        ("a: >\n  第一行\n  文字等级和等其他\n", None),
    ],
)
def test_locate_substring_in_any_style(text, index):
    doc = parse(text)
    node = doc.root.get("a")
    i = node.value.index("和等") + 1  # the second 等, not the one in 等级
    line, col = doc.locate(node, i, "等")
    assert doc.line_text(line)[col - 1] == "等"
    assert doc.line_text(line)[col - 2] == "和"


@pytest.mark.parametrize(
    ("data", "code", "line", "column"),
    [
        (b"a: &x [1]\nb: *x\n", "anchor", 1, 4),
        (b"a: *x\n", "alias", 1, 4),
        (b"a: !!python/object:os.system x\n", "tag", 1, 4),
        (b"a: 1\na: 2\n", "duplicate-key", 2, 1),
        (b"a:\n\t- x\n", "syntax", 2, 1),
        ("中文: 测试".encode("gbk"), "not-utf8-gbk", 1, 1),
        (b"a: \xff\xfe\xfa\n", "not-utf8", 1, 4),
        (b"", "empty", 1, 1),
        (b"# just a comment\n", "empty", 1, 1),
        (b"a: [\n", "syntax", 2, 1),
        (b"---\na: 1\n---\nb: 2\n", "multiple-documents", 3, 1),
        (b"a: 1\x00\n", "nul-byte", 1, 5),
    ],
)
def test_problems_have_positions(data, code, line, column):
    doc = parse(data)
    codes = [(p.code, p.line, p.column) for p in doc.problems]
    assert (code, line, column) in codes


def test_alias_bomb_is_refused_quickly():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 30)]
    doc = parse("\n".join(lines) + "\n")
    assert doc.root is None
    assert doc.problems[0].code == "anchor"


def test_bom_and_crlf_still_parse():
    doc = parse(b"\xef\xbb\xbfa: 1\r\nb: \xe4\xb8\xad\r\n")
    assert doc.root.plain() == {"a": 1, "b": "中"}
    assert [p.code for p in doc.problems] == ["bom"]
    assert doc.root.get("b").line == 2


def test_large_file_is_refused_without_parsing():
    doc = parse(b"a: " + b"x" * 2_000_000 + b"\n")
    assert doc.problems[0].code == "file-too-large"


# read_plain: the site's fast reader must give read_document's value wherever it answers, and give up otherwise.

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from akq_cli.core.invisible import clean_data, yields_clean_values  # noqa: E402
from akq_cli.core.plainread import read_plain  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def full_plain(data: bytes):
    doc = read_document(Path("x.yaml"), data)
    return doc.root.plain() if doc.root is not None and isinstance(doc.root.value, dict) else None


def agrees(data: bytes) -> bool:
    """read_plain's answer, when it gives one, is read_document's; False when it gave up."""
    fast = read_plain(data)
    if fast is None:
        return False
    assert fast == full_plain(data), data
    assert not read_document(Path("x.yaml"), data).problems, data  # nothing read_document would report
    if yields_clean_values(data.decode("utf-8")):  # the site then skips clean_data: it must change nothing
        assert clean_data(fast) == fast, data
    return True


def test_read_plain_agrees_on_every_item_file_of_the_repository():
    files = sorted([*(REPO / "catalog").rglob("*.yaml"), *(REPO / "tests" / "fixtures").rglob("*.yaml")])
    answered = [f for f in files if agrees(f.read_bytes())]
    assert len(files) > 50 and len(answered) > len(files) * 0.8


@pytest.mark.parametrize("text", [
    "\ufeffid: a\n",  # BOM: read_document notes it
    "a: 1\na: 2\n",  # duplicate key
    "? [a]\n: 1\n",  # complex key
    "~: 1\n",  # null key
    "a: &x 1\nb: *x\n",  # anchor and alias
    "a: !!str 1\n",  # tag
    "a: 1\n---\nb: 2\n",  # second document
    "- a\n- b\n",  # not a mapping
    "just text\n",
    "",
    "# only a comment\n",
    "a: [1, 2\n",  # syntax error
    "a: b\x00\n",
    "a: b\x85c\n",
    "a: \x07\n",
    "a:" + " [" * 60 + "]" * 60 + "\n",  # too deep
])
def test_read_plain_gives_up_where_read_document_has_something_to_say(text):
    assert read_plain(text.encode("utf-8")) is None


def test_read_plain_gives_up_on_bad_utf8_and_oversized_files():
    assert read_plain("证明".encode("gbk") + b": 1\n") is None
    assert read_plain(b"a: " + b"x" * 1_000_001 + b"\n") is None


def test_read_plain_keeps_read_documents_scalar_rules():
    data = b"a: yes\nb: 0x1F\nc: 1_000\nd: '5'\ne: 2021-05-01\nf: .5\ng: ~\nh: TRUE\n1: int key\n"
    assert agrees(data)
    assert read_plain(data) == {"a": "yes", "b": "0x1F", "c": 1000, "d": "5", "e": "2021-05-01", "f": 0.5, "g": None,
                                "h": True, "1": "int key"}


_keys = st.sampled_from(["id", "title", "conditions", "a", "1", "true", "null", "等"]) | st.text(max_size=6)
_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=20,
)
_FRAGMENTS = ["\n", "\n  ", "- ", ": ", "[", "]", "{", "}", ",", "'", '"', "&a ", "*a", "!t ", "#", "---\n", "|\n  ",
              "? ", "~", "\t", "\r\n", "\\u200b", "\\x07", "\\r", "\u200b", "\x0c", "\\"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_keys, _values, max_size=6), st.sampled_from([None, True, False]),
       st.lists(st.sampled_from(_FRAGMENTS) | st.text(max_size=4), max_size=8).map("".join),
       st.integers(min_value=0, max_value=200))
def test_read_plain_agrees_on_generated_and_damaged_yaml(data, flow, damage, at):
    import yaml

    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
    agrees(text.encode("utf-8"))
    agrees((text[:at] + damage + text[at:]).encode("utf-8", "surrogatepass"))


def test_a_key_that_starts_with_nul_is_kept_not_dropped():
    # The loader once marked skipped keys with a "\0" prefix, so a key written as "\0…" vanished unreported.
    assert parse('"\\0x": 1\nb: 2\n').root.plain() == {"\x00x": 1, "b": 2}


@pytest.mark.parametrize("text,clean", [
    ("title: 证明\n", True),
    ("title: 证明\r\nb: c\r\n", True),  # CRLF line ends never reach a value
    ('title: "a\\u200bb"\n', False),  # an escape makes a zero-width space
    ('title: "a\\rb"\n', False),
    ("title: a\u200bb\n", False),
    ("title: a\x0cb\n", False),
])
def test_which_texts_yield_only_clean_values(text, clean):
    assert yields_clean_values(text) is clean
    value = read_plain(text.encode("utf-8"))
    if value is not None and clean:
        assert clean_data(value) == value


def test_items_read_by_the_helper_process_are_those_read_here(tmp_path):
    """read_sources hands half the items from a forked helper as marshal bytes: same values, same types."""
    import shutil

    from akq_cli.core.catalog import load_catalog
    from akq_cli.site import sources as S

    catalog = tmp_path / "catalog"
    shutil.copytree(Path(__file__).resolve().parents[2] / "catalog", catalog)
    first = sorted((catalog / "items").rglob("*.yaml"))[0]
    odd = {  # the fast reader gives up on some (anchor, BOM): the positioned one reads them
        "AAA-ZM-901.yaml": b"id: AAA-ZM-901\nbig: 123456789012345678901234567890\nx: 1.5e3\nn: ~\nt: true\n",
        "AAA-ZM-902.yaml": b"id: AAA-ZM-902\nbase: &b {k: [1, 2]}\n",
        "AAA-ZM-903.yaml": b"\xef\xbb\xbfid: AAA-ZM-903\nv: \"\\u200b\"\n",
        "AAA-ZM-904.yaml": b"- not a mapping\n",
    }
    for name, data in odd.items():
        (first.parent / name).write_bytes(data)
    (first.parent / "AAA-ZM-905.yaml").symlink_to(first)
    for i in range(S.PARALLEL_FROM):  # enough for a helper process
        (first.parent / f"AAA-ZM-{i:03d}.yaml").write_bytes(first.read_bytes())

    def read(parallel_from: int) -> list[tuple]:
        S.PARALLEL_FROM = parallel_from
        try:
            got = S.read_sources(load_catalog(catalog, with_items=False))
        finally:
            S.PARALLEL_FROM = 300
        return [(str(s.path), _typed(s.data), s.blob, s.clean) for s in got]

    helped, alone = read(0), read(10**9)
    assert helped == alone
    assert any(path.endswith("AAA-ZM-901.yaml") and data is not None for path, data, _, _ in helped)


def _typed(value):
    """Values with their types, so that 1, 1.0 and True compare unequal."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


def test_an_integer_over_pythons_digit_limit_is_text_not_a_crash():
    """int() refuses more than 4,300 digits; such a number stays text, and the schema says what is wrong."""
    from akq_cli.core.plainread import read_plain

    data = b"id: X\namount: " + b"1" * 5000 + b"\nsmall: 15\n"
    assert parse(data).root.plain() == {"id": "X", "amount": "1" * 5000, "small": 15}
    assert read_plain(data) == {"id": "X", "amount": "1" * 5000, "small": 15}


def test_work_given_for_meanwhile_runs_once_in_this_process_with_or_without_a_helper(tmp_path):
    import os
    import shutil

    from akq_cli.core.catalog import load_catalog
    from akq_cli.site import sources as S

    catalog = tmp_path / "catalog"
    shutil.copytree(Path(__file__).resolve().parents[2] / "catalog", catalog)
    first = sorted((catalog / "items").rglob("*.yaml"))[0]
    for i in range(S.PARALLEL_FROM):  # enough for a helper process
        (first.parent / f"AAA-ZM-{i:03d}.yaml").write_bytes(first.read_bytes())
    for parallel_from in (0, 10**9):
        ran: list[int] = []
        S.PARALLEL_FROM = parallel_from
        try:
            got = S.read_sources(load_catalog(catalog, with_items=False), meanwhile=lambda ran=ran: ran.append(os.getpid()))
        finally:
            S.PARALLEL_FROM = 300
        assert ran == [os.getpid()] and len(got) > S.PARALLEL_FROM
