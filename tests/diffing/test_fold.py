"""fold's fast path (full-width forms narrowed before NFKC, variants replaced where found) gives what its
definition gives: NFKC, the variant table, whitespace out."""
from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from policywatch.text.normal import _NARROW, _VARIANTS, fold, han_only

# Characters where a shortcut could go wrong: full-width and half-width forms, combining marks that compose
# with what precedes them, Hangul jamo, compatibility characters, the variants, whitespace.
_TRICKY = [chr(c) for c in range(0xFF00, 0xFFF0)] + list(_VARIANTS) + list(
    "\u3000\u0301\u0308\u0338\u20dd\u3099\u309a\u1100\u1161\u11a8eAo=< \t\n中文①㎡ｶﾞﾟかﬁÅ\u212b″ǅ")


def _definition(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).translate(str.maketrans(_VARIANTS)).split())


@given(st.lists(st.sampled_from(_TRICKY), max_size=12).map("".join))
def test_fold_is_its_definition(text: str) -> None:
    assert fold(text) == _definition(text)


def test_every_full_width_form_before_a_combining_mark() -> None:
    for wide in _NARROW:
        for mark in ("\u0301", "\u0338", "\u3099"):
            assert fold(wide + mark) == _definition(wide + mark)


def test_a_report_line() -> None:
    line = "２０２５年，全县新建　乡村公路１２０公里（增长８．５％）——“四好农村路”"
    assert fold(line) == _definition(line) == '2025年,全县新建乡村公路120公里(增长8.5%)--"四好农村路"'


def test_chinese_only_is_the_unified_ideographs_and_nothing_else() -> None:
    # the block's ends and its neighbours: CJK extension A below it, Yi after it, a compatibility ideograph
    for text in ("中", "\u4e00", "\u9fff", "青岚茶业", "\u4e00\u9fff"):
        assert han_only(text), text
    for text in ("", "\u4dff", "\ua000", "\uf900", "茶a", "茶 ", "茶业\n", "２茶", "“茶”", "\U00020000"):
        assert not han_only(text), text
