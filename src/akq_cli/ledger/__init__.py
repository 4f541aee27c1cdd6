"""The commitment ledger: what happens to each commitment after it is signed (issue 13)."""
