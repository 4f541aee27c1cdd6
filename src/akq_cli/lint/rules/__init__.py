"""The lint rules, one module per rule, each defining ``RULE`` (see ``akq_cli.lint.framework``)."""
