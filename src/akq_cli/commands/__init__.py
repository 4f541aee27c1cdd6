"""One module per CLI command; each keeps its imports inside the function."""
