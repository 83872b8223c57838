"""The differ on real text: a seed revision is exactly its edits, noise is not a change, ops rebuild NEW."""
from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from support import run, seed_doc, seed_path

from policywatch.diffing.diff import diff_texts, rebuild_new, rebuild_old
from policywatch.diffing.tokens import tokenize


def _to_fullwidth(text: str) -> str:
    return text.translate(str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", ";": "；"}))


def revise(paragraphs: list[str]) -> tuple[list[str], dict]:
    """A figure changed, a sentence inserted, a paragraph moved, a paragraph deleted, located by
    content (the first paragraph with a decimal figure, the first with a 。 inside, ...)."""
    new = list(paragraphs)
    fig_at = next(i for i, p in enumerate(new) if re.search(r"\d+\.\d+", p))
    figure = re.search(r"\d+\.\d+", new[fig_at]).group()
    new[fig_at] = new[fig_at].replace(figure, str(round(float(figure) * 1.1, 2)), 1)
    ins_at = next(i for i, p in enumerate(new) if i != fig_at and p.count("。") >= 3)
    first_end = new[ins_at].index("。") + 1
    sentence = "新设立量子科技专项,首期投入五亿元。"
    new[ins_at] = new[ins_at][:first_end] + sentence + new[ins_at][first_end:]
    movable = [i for i, p in enumerate(new) if i not in (fig_at, ins_at) and len(p) > 40]
    moved_from, deleted_at = movable[0], movable[-1]
    moved = new[moved_from]
    deleted = new[deleted_at]
    new = [p for i, p in enumerate(new) if i not in (moved_from, deleted_at)]
    new.append(moved)
    return new, {"figure": figure, "sentence": sentence, "moved": moved, "deleted": deleted}


def test_seed_revision_is_exactly_four_edits_whatever_the_punctuation_width():
    for prefix in ("000", "001", "004"):
        old_paragraphs = seed_doc(prefix).lines()
        new_paragraphs, what = revise(old_paragraphs)
        old = "\n".join(old_paragraphs)
        new = _to_fullwidth("\n".join(new_paragraphs))
        result = diff_texts(old, new)
        edits = result.edits()
        kinds = sorted(e.kind for e in edits)
        assert kinds == ["delete", "insert", "move", "replace"], \
            (prefix, [(e.kind, e.old[:20], e.new[:20]) for e in edits])
        replace = next(e for e in edits if e.kind == "replace")
        assert replace.old == what["figure"]  # the whole number, never digit fragments
        insert = next(e for e in edits if e.kind == "insert")
        assert insert.new.strip() == _to_fullwidth(what["sentence"])
        assert next(e for e in edits if e.kind == "delete").old.strip() == what["deleted"]
        assert rebuild_new(result.ops) == new and rebuild_old(result.ops) == old


def test_number_with_unit_is_one_replacement():
    result = diff_texts("全市高新技术企业超2.47万家。", "全市高新技术企业超2.5万家。")
    assert [(e.kind, e.old, e.new) for e in result.edits()] == [("replace", "2.47", "2.5")]


def test_a_short_edit_carries_its_words_around_it_from_its_own_paragraph():
    old = "第一段不变。\n全市高新技术企业超2.47万家,居全国第二。\n末段不变。"
    new = "第一段不变。\n全市高新技术企业超2.5万家,居全国第二。\n末段不变。"
    (edit,) = diff_texts(old, new).edits(context=6)
    assert (edit.before, edit.old, edit.new, edit.after) == ("新技术企业超", "2.47", "2.5", "万家,居全国")
    (bare,) = diff_texts(old, new).edits()
    assert bare.before == bare.after == ""


def test_edits_snap_to_words_not_characters():
    result = diff_texts("推动科技成果转化应用。", "推动科技成果产业化应用。")
    assert [(e.old, e.new) for e in result.edits()] == [("转化", "产业化")]


def test_noise_is_off_by_default_and_shown_on_request():
    old = "研发投入强度提升至6.46%,其中企业研发投入占比93.3%。"
    new = "研发投入强度提升至６.４６％，其中 企业研发投入占比93.3%。"
    assert diff_texts(old, new).equal
    assert not diff_texts(old, new, noise=True).equal


def test_ignore_patterns_hide_counters():
    old = "通知正文内容。浏览次数：120 更新时间：2025-01-01"
    new = "通知正文内容。浏览次数：245 更新时间：2025-03-09"
    assert not diff_texts(old, new).equal
    assert diff_texts(old, new, ignore=[r"浏览次数：\d+", r"\d{4}-\d{2}-\d{2}"]).equal


def test_sections_come_from_the_documents_own_headings():
    old = "\n".join(seed_doc("000").lines())
    new = old.replace("技术合同成交额1000亿元以上", "技术合同成交额1200亿元以上")
    (edit,) = diff_texts(old, new).edits()
    assert edit.section[0] == "二、2025年工作计划"
    assert edit.section[1].startswith("(四)完善中小企业创新服务体系")


def test_summary_counts():
    old = "第一段。\n第二段内容很长很长。\n第三段。"
    new = "第一段。\n第二段内容很长很长很长。\n第四段新增。"
    s = diff_texts(old, new).summary
    assert s.paragraphs_changed >= 1 and s.chars_inserted > 0 and 0 < s.percent_changed < 100


def test_granularities_agree_on_the_result():
    old, new = "一是助力企业攻关。二是强化基础研究。", "一是助力企业攻关。二是加强基础研究。三是培育人才。"
    for granularity in ("char", "word", "sentence"):
        result = diff_texts(old, new, granularity=granularity)
        assert rebuild_new(result.ops) == new
    assert [e.new for e in diff_texts(old, new, granularity="sentence").edits()] == ["二是加强基础研究。三是培育人才。"]


CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80)
PIECES = st.lists(st.one_of(st.text(CJK, min_size=1, max_size=6),
                            st.sampled_from(["，", "。", ",", " ", "\n", "2.47", "万家", "%", "ab"])),
                  max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(PIECES, PIECES, st.sampled_from(["char", "word", "sentence"]), st.booleans())
def test_property_ops_rebuild_both_texts(old, new, granularity, noise):
    result = diff_texts(old, new, granularity=granularity, noise=noise)
    assert rebuild_new(result.ops) == new
    assert rebuild_old(result.ops) == old
    for op in result.ops:
        if op.new is not None and op.op != "delete":
            assert new[op.new[0]:op.new[1]] == op.text


@settings(max_examples=100, deadline=None)
@given(PIECES, st.data())
def test_property_random_edits_rebuild(text, data):
    chars = list(text)
    for _ in range(data.draw(st.integers(0, 5))):
        pos = data.draw(st.integers(0, len(chars)))
        if chars and data.draw(st.booleans()):
            del chars[min(pos, len(chars) - 1)]
        else:
            chars.insert(pos, data.draw(st.sampled_from(list("新增的字，。1%\n"))))
    new = "".join(chars)
    result = diff_texts(text, new)
    assert rebuild_new(result.ops) == new and rebuild_old(result.ops) == text


NOISY = st.lists(st.one_of(st.text(CJK, min_size=1, max_size=4), st.sampled_from(
    ["，", ",", "。", "“", "\"", "—", "-", " ", "\u3000", "\n", "\n\n", "２０２５", "2025", "ＡＢ", "AB", "ab",
     "e\u0301",
     "\u00e9", "％", "%", "\t"])), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(NOISY, NOISY, st.sampled_from(["char", "word", "sentence"]))
def test_property_the_diff_and_the_version_key_agree_on_what_is_noise(old, new, granularity):
    """An edit the diff calls noise (width, spacing, punctuation variants) is never a new version, and an
    edit that makes a new version is always shown as a change."""
    from policywatch.text.normal import version_key

    assert diff_texts(old, new, granularity=granularity).equal == (version_key(old) == version_key(new))


@settings(max_examples=150, deadline=None)
@given(NOISY, st.data())
def test_property_noise_only_edits_are_neither_a_version_nor_a_change(text, data):
    from policywatch.text.normal import version_key

    swaps = {"，": ",", "。": "｡", "“": "\"", "—": "-", "２０２５": "2025", "ＡＢ": "AB", "％": "%", "\u3000": " ",
             "e\u0301": "\u00e9"}
    noisy = text
    for a, b in swaps.items():
        if data.draw(st.booleans()):
            noisy = noisy.replace(a, b)
    assert version_key(noisy) == version_key(text) and diff_texts(text, noisy).equal


def test_tokens_tile_the_text():
    text = "全社会研发投入达2236.6亿元、增长 18.9%，占 GDP 比重"
    assert "".join(t.text for t in tokenize(text)) == text
    assert "2236.6" in [t.key for t in tokenize(text)]


def test_cli_exit_codes_and_json(tmp_path):
    old = seed_path("004")
    new = tmp_path / "new.txt"
    new.write_text(old.read_text(encoding="utf-8").replace("2025年5月23日", "2025年5月26日"), encoding="utf-8")
    same = run("diff", str(old), str(old), "--format", "json")
    assert same.returncode == 0 and json.loads(same.stdout)["equal"] is True
    changed = run("diff", str(old), str(new), "--format", "json")
    assert changed.returncode == 1
    data = json.loads(changed.stdout)
    assert [op["text"] for op in data["ops"] if op["op"] == "insert"] == ["26"]
    missing = run("diff", str(old), str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and missing.stderr.strip().count("\n") == 0 and "nope.txt" in missing.stderr
    bad = run("diff", str(old), str(new), "--ignore", "([")
    assert bad.returncode == 2 and "ignore pattern" in bad.stderr


def test_cli_text_and_markdown_formats(tmp_path):
    old = seed_path("004")
    new = tmp_path / "new.txt"
    new.write_text(old.read_text(encoding="utf-8").replace("特此致函。", "特此函复。"), encoding="utf-8")
    text = run("diff", str(old), str(new), "--format", "text").stdout
    assert "[-特此致函-]{+特此函复+}。" in text.splitlines()
    assert text.splitlines()[-1].startswith("== +4 -4 characters")
    md = run("diff", str(old), str(new), "--format", "md").stdout
    assert "~~特此致函~~**特此函复**" in md


def test_changed_sides_hold_only_changed_paragraphs():
    old = "第一段不变。\n第二段有2.47万家。\n第三段不变。"
    new = "第一段不变。\n第二段有2.5万家。\n第三段不变。\n新增第四段。"
    assert diff_texts(old, new).changed_sides() == ("第二段有2.47万家。", "第二段有2.5万家。\n新增第四段。")
