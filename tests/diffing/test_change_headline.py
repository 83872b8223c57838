"""The summary line of a change (the digest's, check --json's, the web's): image lines are counted apart
from the text's, so a replaced chart beside an edited sentence is one edited paragraph and one replaced
image, never two edited paragraphs and a digest's hex counted as characters."""
from __future__ import annotations

from policywatch.diffing.change import describe

OLD = ("关于示范项目资助的通知\n第一段正文写明申报条件和评审办法。\n"
       "图片：资助示意图（/img/a.png）〔sha256:0123456789ab〕\n第二段正文写明截止时间为三月底。")


def test_a_replaced_chart_beside_an_edit_is_counted_as_an_image_not_as_text():
    new = OLD.replace("0123456789ab", "ba9876543210").replace("三月底", "四月底")
    headline = describe(OLD, new, OLD).headline
    assert headline == describe(OLD, OLD.replace("三月底", "四月底"), OLD).headline + \
        "; images: 1 replaced, 0 added, 0 removed"
    assert "1 paragraph(s) edited" in headline


def test_an_image_added_or_removed_alone_is_named_and_no_paragraph():
    added = OLD.replace("第二段", "图片：新增示意图（/img/b.png）\n第二段")
    assert describe(OLD, added, OLD).headline == "image added: 新增示意图"
    assert describe(added, OLD, added).headline == "image removed: 新增示意图"
    assert describe(OLD, OLD.replace("0123456789ab", "ba9876543210"), OLD).headline == "image replaced: 资助示意图"


def test_a_text_without_images_reads_as_before():
    headline = describe(OLD, OLD.replace("评审办法", "评审和验收办法"), OLD).headline
    assert headline.endswith("0 added, 0 removed, 0 moved") and "images" not in headline
