"""The commitment ledger (`akq ledger`): what happens to each commitment after it is signed.

It holds personal data, so it never lives in git: SQLite outside the work tree, or PostgreSQL.
Modules: ids (check digits, masking, codes), schema (tables), db (where and how to open),
chain (hash-chained event log), records (commitments), tasks (verification), credit (decisions,
check), stats, backup (backup, restore, purge), present (output), fastcheck (the hot `check` path).
"""
