"""The one error a draw raises: a message in both languages, naming the file and how to fix it."""

from __future__ import annotations

from akq_cli.core.i18n import pick


class DrawError(Exception):
    def __init__(self, texts: dict[str, str]) -> None:
        super().__init__(texts.get("en", ""))
        self.texts = texts

    def message(self) -> str:
        return pick(self.texts)
