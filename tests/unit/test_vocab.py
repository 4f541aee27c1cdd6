"""Every output names coded values with the same words (akq_cli.core.vocab)."""

from __future__ import annotations

import json
import re

from akq_cli.core import vocab
from akq_cli.core.resources import resource_dir, schema


def test_vocab_covers_every_schema_enum():
    props = schema("item")["properties"]
    assert set(vocab.KIND) == set(props["kind"]["enum"])
    assert set(vocab.STATUS) == set(props["status"]["enum"])
    assert set(vocab.LEVEL) == set(props["legal_basis"]["items"]["properties"]["level"]["enum"])
    assert set(vocab.VERIFICATION) == set(props["verification"]["properties"]["methods"]["items"]["enum"])
    assert set(vocab.RISK_DOMAIN) == {v for v in props["risk_domain"]["enum"] if v is not None}


def test_schema_descriptions_use_the_same_words():
    props = schema("item")["properties"]
    for code, names in vocab.STATUS.items():
        assert f"{code} {names['zh']}" in props["status"]["description"]
    methods = props["verification"]["properties"]["methods"]["description"]
    for code, names in vocab.VERIFICATION.items():
        assert f"{code} {names['zh']}" in methods


def test_site_script_uses_the_same_words():
    js = (resource_dir("templates") / "site" / "assets" / "site.js").read_text("utf-8")
    for name, table in (("KINDS", vocab.KIND), ("METHODS", vocab.METHOD), ("VERIFY", vocab.VERIFICATION)):
        literal = re.search(rf"var {name} = (\[.*?\]);\n", js).group(1)
        parsed = json.loads(literal)
        words = parsed if name == "KINDS" else [label for _bit, label in parsed]
        assert words == [n["zh"] for n in table.values()], name
