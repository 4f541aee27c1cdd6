"""bench/synth.py --text real: items written from the sample catalog's sentences, the default catalog unchanged."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from akq_cli.core.searchtext import fold
from conftest import CATALOG
from lint.helpers import synth_module


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def test_the_default_catalog_is_byte_for_byte_what_it_was(tmp_path: Path) -> None:
    # The export benchmark is timed on the default catalog: --text real must not change it.
    # (Pinned when --text was added; a deliberate change to the default text updates this digest.)
    synth_module().generate(40, tmp_path / "a", 1)
    assert _digest(tmp_path / "a") == "66233b8a60d09089eb91aec2413a21f775a717cd6a688387ef529b8f245b7ff0"


def test_real_text_is_the_sample_s_wording_recombined_and_the_same_every_time(tmp_path: Path) -> None:
    synth = synth_module()
    files = synth.generate(60, tmp_path / "a", 1, "real")
    synth.generate(60, tmp_path / "b", 1, "real")
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    sample = [yaml.safe_load(p.read_text("utf-8")) for p in CATALOG.glob("items/*/*.yaml")]
    sample_text = "".join(i.get("content") or "" for i in sample)
    items = [yaml.safe_load(p.read_text("utf-8")) for p in files]
    contents = [i["content"] for i in items]
    assert len(set(contents)) == len(contents)  # no two items alike
    assert sum(c in sample_text for c in contents) < 10  # recombined, not copied
    trigrams = {sample_text[k:k + 3] for k in range(len(sample_text) - 2)}
    # every three characters are the sample's, but where the chain starts a new sentence after 。 or ，
    assert all(c[k:k + 3] in trigrams for c in contents for k in range(len(c) - 2) if not set("，。") & set(c[k:k + 3]))
    assert 60 <= sum(map(len, contents)) / len(contents) <= 150  # the sample's content: 52-170, 81 on average
    aliases = [fold(a) for i in items for a in i.get("aliases", [])]
    assert len(aliases) > 40 and len(set(aliases)) == len(aliases)
    documents = {b["document"] for i in sample for b in i["legal_basis"]}
    assert all(b["document"] in documents for i in items for b in i["legal_basis"])
    assert all(c["basis"] in [b["document"] + b["article"] for b in i["legal_basis"]] for i in items
               for c in i.get("conditions", []))
