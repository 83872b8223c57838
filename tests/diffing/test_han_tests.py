"""Tests of Chinese characters by the range's ends, where re would compile a class of the range code point by
code point: each says what its pattern said, on every string."""
from __future__ import annotations

import random
import re

from policywatch.diffing.compare import _title_words

# Chinese characters, the range's two ends and a neighbour outside each, digits, Latin, marks and a newline.
_ALPHABET = "年度工作报告数字经济\u4e00\u9fff\u4dff\ua000１2a、（）\n -"


def test_title_words_are_the_pairs_the_class_pattern_finds() -> None:
    rng = random.Random(20)
    for _ in range(2000):
        title = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 14)))
        assert _title_words(title) == set(re.findall(r"[\u4e00-\u9fff]{2}", re.sub(r"\d", "", title)))


def test_title_words_cut_each_run_from_its_start() -> None:
    assert _title_words("2030年数字经济工作要点") == {"年数", "字经", "济工", "作要"}
    assert _title_words("数字 经济") == {"数字", "经济"}
