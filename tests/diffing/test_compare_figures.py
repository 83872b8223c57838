"""Figures of the two reports paired across years, on invented reports."""
from __future__ import annotations

from policywatch.diffing.compare import compare
from policywatch.snapshots import Document


def _doc(title: str, text: str) -> Document:
    return Document(title=title, published="", body=[p for p in text.split("\n") if p.strip()])


def test_a_count_under_its_measure_word_is_the_same_metric():
    """新增就业人数 / 新增就业人口 / 新增就业 count the same people: each year's result is paired, not one
    removed and another added."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n城镇新增就业人口30万人，新建学校12所。\n"
               "二、2024年工作安排\n城镇新增就业人数不低于30万人。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n城镇新增就业32万人，新建学校15所。\n"
               "二、2025年工作安排\n城镇新增就业30万人以上。")
    pairs = {(f.old.raw, f.new.raw): f.status for f in compare(old, new).figures
             if f.old and f.new and "就业" in f.metric}
    assert pairs == {("30万人", "32万人"): "changed", ("不低于30万人", "30万人以上"): "unchanged"}
