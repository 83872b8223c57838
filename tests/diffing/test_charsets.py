"""The faster compile of character classes (text/charsets.py) gives what CPython's own gives."""
from __future__ import annotations

import importlib
import re
from typing import Any

import pytest

import policywatch  # noqa: F401  (installs the faster compile)
from policywatch.text import charsets

compiler: Any = importlib.import_module("re._compiler")
parser: Any = importlib.import_module("re._parser")
IN = importlib.import_module("re._constants").IN

CLASSES = [
    r"[\u4e00-\u9fff]", r"[^\u4e00-\u9fff]", r"[\u4e00-\u9fffA-Za-z0-9]", r"[\u4e00-\u9fff\u3400-\u4dbf]",
    r"[甲乙丙丁戊]", r"[，。；：、\n\d（(]", r"[a-z]", r"[ab]", r"[a-c]", r"[abcdefgh]", r"[\x00-\xff]",
    r"[\xf0-\u0110]", r"[\u0100\u0102]", r"[a\u0100]", r"[\U0001f600-\U0001f64f]", r"[a-z\U0001f600]",
    r"[\uff00-\U00010010]", r"[\s\w]", r"[^a-z]", r"[\d\u4e00-\u4e0f]", r"[\u4e00-\u4eff\u4f10]",
    r"[\u0000-\uffff]", r"[\u4e00-\u9fff\uff10-\uff19，]",
]


def _charset(pattern: str) -> list[tuple[Any, Any]]:
    return next(av for op, av in parser.parse(pattern, 0).data if op is IN)


@pytest.mark.parametrize("pattern", CLASSES)
def test_same_compiled_class_as_cpython(pattern: str) -> None:
    charset = _charset(pattern)
    assert charsets.optimize_charset(list(charset)) == charsets._ORIGINAL(list(charset))


def test_folded_classes_and_whole_patterns_unchanged() -> None:
    # case folding goes to the original; a compiled pattern matches as CPython's own compile does
    pattern = re.compile(r"[a-zé]+[\u4e00-\u9fff]{2,4}(?:甲方|乙方)", re.IGNORECASE)
    assert pattern.fullmatch("AbÉ合同条款乙方")
    assert not pattern.fullmatch("ab合同条款丙方")


def test_installed_for_the_package() -> None:
    assert compiler._optimize_charset is charsets.optimize_charset
