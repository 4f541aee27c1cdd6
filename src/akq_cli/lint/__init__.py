"""Linting: the engine, its configuration, cache, suppressions, fixes, the rule framework and output formats.

The rules themselves live in ``akq_cli.lint.rules``, one module per rule.
"""
