"""akq: lint, render and publish a county's notification-commitment catalog."""

__version__ = "0.1.0"
