"""lazy_pattern: a rule's pattern is compiled at its first use, once; a guarded one only for a text its cheap test
passes, a test every match passes."""
from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policywatch import diffing, snapshots, text
from policywatch.text.patterns import GuardedPattern, ends_on, lazy_pattern


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The patterns re.compile is asked for while a test runs, in order."""
    asked: list[str] = []
    real = re.compile

    def counting(pattern: str, flags: int = 0) -> re.Pattern[str]:
        asked.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(re, "compile", counting)
    return asked


def test_compiled_at_first_use_and_kept(compiled: list[str]) -> None:
    unit = lazy_pattern(r"[\u4e00-\u9fff]{2}(?:园|区)", re.I)
    assert compiled == []  # nothing at import
    assert unit().fullmatch("科技园") and not unit().fullmatch("科技馆")
    assert unit() is unit() and unit().flags & re.I
    assert compiled == [r"[\u4e00-\u9fff]{2}(?:园|区)"]  # once


def test_a_guarded_pattern_compiles_only_for_a_text_that_may_match(compiled: list[str]) -> None:
    unit = GuardedPattern(r"[\u4e00-\u9fff]{2}(?:园|区)$", ends_on("园", "区"))
    assert unit.search("科技馆") is None and unit.findall("科技馆") == [] and unit.sub("", "科技馆") == "科技馆"
    assert list(unit.finditer("科技馆")) == [] and unit.match("科技馆") is None
    assert compiled == []  # no text could match: never compiled
    found = unit.search("新建科技园\n")  # `$` before a final newline
    assert found is not None and found.group() == "科技园"
    assert compiled == [r"[\u4e00-\u9fff]{2}(?:园|区)$"]


def _guarded() -> list[tuple[str, GuardedPattern]]:
    """Every guarded pattern of the package's analysis, cleaning and text modules (a table's ones too)."""
    found: list[tuple[str, GuardedPattern]] = []
    for package in (diffing, snapshots, text):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for name, value in sorted(vars(module).items()):
                rows = value if isinstance(value, tuple) else (value,)
                found += [(f"{info.name}.{name}", item) for row in rows
                          for item in (row if isinstance(row, tuple) else (row,)) if isinstance(item, GuardedPattern)]
    return found


def test_the_package_guards_its_rules_patterns() -> None:
    names = {name.rsplit(".", 1)[-1] for name, _ in _guarded()}
    assert {"_PARALLEL", "_SPEAKER", "_SYNONYMS", "_EVENT"} <= names


@pytest.mark.parametrize(("name", "guarded"), _guarded(), ids=lambda value: value if isinstance(value, str) else "")
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_a_guard_holds_wherever_its_pattern_matches(name: str, guarded: GuardedPattern, data: st.DataObject) -> None:
    """Texts made to hold a match of the pattern (anywhere, with text around it): each passes the guard, so
    the guarded pattern finds what the pattern finds."""
    sample = data.draw(st.from_regex(re.compile(guarded.pattern, guarded.flags)), label=name)
    if re.search(guarded.pattern, sample, guarded.flags):
        assert guarded.needs(sample), (name, sample)
