"""Text comparison and policy analysis, with no I/O: tokens.py and align.py feed diff.py (what changed
between two versions); figures.py, programs.py, commitments.py and parts.py feed compare.py (what changed
between two editions of a report)."""
