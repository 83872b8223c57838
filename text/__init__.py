"""The text layer under snapshots and diffing: one normalisation (what counts as the same text), one
sentence splitter, one home for the patterns Chinese official documents share (numbered headings,
years, editions, dates, numerals) and for ignore patterns that cannot hang a pass."""
