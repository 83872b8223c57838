"""lazy_pattern: a rule's pattern is compiled at its first use, once."""
from __future__ import annotations

import re

import pytest

from policywatch.text.patterns import lazy_pattern


def test_compiled_at_first_use_and_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str] = []
    real = re.compile

    def counting(pattern: str, flags: int = 0) -> re.Pattern[str]:
        compiled.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(re, "compile", counting)
    unit = lazy_pattern(r"[\u4e00-\u9fff]{2}(?:园|区)", re.I)
    assert compiled == []  # nothing at import
    assert unit().fullmatch("科技园") and not unit().fullmatch("科技馆")
    assert unit() is unit() and unit().flags & re.I
    assert compiled == [r"[\u4e00-\u9fff]{2}(?:园|区)"]  # once
