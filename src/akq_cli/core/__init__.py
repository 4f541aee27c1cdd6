"""What every command stands on: reading catalog files, the catalog model, vocabulary, messages, files."""
