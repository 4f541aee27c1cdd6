"""The site's templates hold no invisible or control character: site/pages.render cleans each page once,
which equals cleaning every printed value only while the templates' own text is clean."""

from __future__ import annotations

from pathlib import Path

from akq_cli.core.invisible import clean
from akq_cli.site.pages import render

SITE = Path(__file__).resolve().parents[2] / "templates" / "site"


def test_templates_hold_no_character_that_cleaning_would_change():
    texts = {p: p.read_text("utf-8") for p in SITE.rglob("*") if p.suffix in (".html", ".atom", ".xml", ".css", ".js")}
    assert len(texts) > 10
    assert [p for p, t in texts.items() if clean(t) != t] == []


def test_a_printed_value_loses_its_control_characters():
    page = render("sitemap.xml", base_url="https://x.invalid/\x07a\u200bb/", urls=["c\x1bd.html"], lastmod=None).decode()
    assert "\x07" not in page and "\u200b" not in page and "\x1b" not in page
    assert "https://x.invalid/ab/cd.html" in page
