"""Output formats for lint reports; each module has ``render(report, ...) -> str``."""

FORMATS = ("text", "json")
