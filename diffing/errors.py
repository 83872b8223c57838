"""diffing's own error: the CLI shows it as one line (diffing does no I/O, so it knows no files)."""


class DiffError(ValueError):
    """Unusable diff or compare input, such as a bad ignore pattern."""
