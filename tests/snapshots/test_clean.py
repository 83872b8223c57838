"""The cleaner on the five real seeds (copied page text) and on HTML in the bureau's CMS markup."""
from __future__ import annotations

import re

import pytest
from support import DATA, seed_doc, seed_text

from policywatch.monitor.demo.site import bureau_html
from policywatch.snapshots.clean import clean
from policywatch.snapshots.clean_html import clean_html
from policywatch.snapshots.decode import decode
from policywatch.text.normal import comparison_key

FURNITURE = re.compile(r"菜单|您当前的位置|A-A\+|视力保护色|分享到|ICP备|公网安备|Copyright|\[size=|读特热榜|鹏友圈")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_body_has_no_furniture(prefix):
    doc = seed_doc(prefix)
    assert doc.body, "body must not be empty"
    for line in doc.lines():
        assert not FURNITURE.search(line), line


def test_000_keeps_title_and_date_as_metadata():
    doc = seed_doc("000")
    assert doc.title == "深圳市科技创新局2024年工作总结和2025年工作计划"
    assert doc.published == "2025-10-16"
    assert doc.source == "深圳市科技创新局"
    assert doc.section == ["政务公开", "规划计划", "年度工作总结"]
    assert doc.lines()[0] == "一、2024年工作总结"
    assert not any(doc.title == line for line in doc.lines())


def test_001_one_line_becomes_paragraphs():
    raw = seed_text("001")
    assert raw.count("\n") <= 2  # the seed really is one line
    doc = seed_doc("001")
    assert len(doc.body) >= 20
    assert "一、2023年工作总结" in doc.lines()
    assert doc.published == "2024-09-18"
    assert all(len(line) < 1500 for line in doc.lines())


def test_002_loses_app_promo_and_icp_but_keeps_article_end():
    doc = seed_doc("002")
    text = doc.text()
    assert "一是助力企业关键核心技术取得突破" in text
    assert "铲屎官" not in text and "粤ICP备" not in text and "友情链接" not in text
    assert doc.title.endswith("完善创新服务体系 加强核心技术攻关")


def test_003_markdown_brief_title_and_date():
    doc = seed_doc("003")
    assert doc.title == "深圳：以科技创新之进 拓产业创新之路"
    assert doc.published == "2024-04-01"
    assert "联系电话" not in doc.text()


def test_004_keeps_signature_and_date():
    lines = seed_doc("004").lines()
    assert lines[-3:-1] == ["深圳市科技创新局", "2025年5月23日"]
    assert lines[0].startswith("尊敬的")


def test_every_body_sentence_survives():
    """Whatever is dropped, no sentence of the article body is lost (000: all of section 一 and 二)."""
    raw = comparison_key(seed_text("000"))
    text = comparison_key(seed_doc("000").text())
    for sentence in re.findall(r"[^。\n]{10,}。", raw):
        assert sentence in text


@pytest.mark.parametrize("prefix", ["000", "004"])
def test_bureau_html_cleans_to_the_same_document(prefix):
    doc = seed_doc(prefix)
    again = clean_html(bureau_html(doc))
    assert again.body == doc.body
    assert again.title == doc.title
    assert again.published == doc.published
    assert "首页" not in again.text()


def test_gbk_trs_page_from_the_wild():
    """A GB2312 provincial portal page (chinese-wced corpus, MIT) cleans against its ground truth."""
    html, encoding = decode((DATA / "wced-gb2312.html").read_bytes())
    assert encoding == "gb18030"
    doc = clean(html)
    truth = (DATA / "wced-gb2312.txt").read_text(encoding="utf-8")
    got = set(re.sub(r"\s", "", doc.text()))
    want = re.sub(r"\s", "", truth)
    grams = lambda t: {t[i:i + 4] for i in range(len(t) - 3)}  # noqa: E731
    text = re.sub(r"\s", "", doc.text())
    overlap = len(grams(text) & grams(want)) / len(grams(want))
    assert overlap > 0.9 and got


def test_tables_are_rows_of_cells():
    html = """<html><body><div class="TRS_Editor"><p>下表列出资助金额，单位为万元，请各单位认真核对。</p>
    <table><tr><td>项目</td><td>金额</td></tr><tr><td>种子基金</td><td>200</td></tr></table></div></body></html>"""
    doc = clean_html(html)
    assert [["项目", "金额"], ["种子基金", "200"]] in doc.body
    assert "种子基金 金额 200" in doc.lines()


def test_attachments_are_collected():
    html = """<html><body><div class="news_cont_d_wrap"><p>关于申报2025年度项目的通知正文，请按要求申报。</p></div>
    <div class="fjdown"><a href="/attachment/0/1/1.pdf">申报指南.pdf</a></div></body></html>"""
    doc = clean_html(html, "http://stic.sz.gov.cn/xxgk/tzgg/content/post_1.html")
    assert doc.attachments[0].url == "http://stic.sz.gov.cn/attachment/0/1/1.pdf"
    assert doc.attachments[0].title == "申报指南.pdf"


def test_title_is_the_headline_not_furniture_or_site_name():
    html = """<html><head><title>关于开展2026年度科技计划项目申报的通知_深圳市科技创新局</title></head><body>
    <div class="side"><h2>友情链接</h2><a href="#">深圳政府在线</a></div>
    <div class="main"><h2>关于开展2026年度科技计划项目申报的通知</h2>
    <div class="article"><p>各有关单位：根据工作安排，现将2026年度科技计划项目申报工作通知如下，请认真组织申报。</p>
    <p>一、申报时间为2026年3月1日至3月31日，逾期不予受理，请各单位合理安排时间。</p></div></div></body></html>"""
    doc = clean_html(html)
    assert doc.title == "关于开展2026年度科技计划项目申报的通知"
    assert doc.lines()[0].startswith("各有关单位")
    meta_only = clean_html(html.replace("<h2>关于开展2026年度科技计划项目申报的通知</h2>", ""))
    assert meta_only.title == "关于开展2026年度科技计划项目申报的通知"


_STORY = ("<p>The city council approved the new budget on Tuesday, raising spending on public transport by a "
          "fifth over last year.</p><p>Officials said the money would pay for three new bus lines and longer "
          "opening hours at stations, starting in the spring.</p>")


def test_a_page_that_is_one_big_form_keeps_its_article():
    """ASP.NET pages wrap the whole page in <form>: only a small form (a search box) is furniture."""
    html = (f"<html><body><form id='aspnetForm'><div class='nav'><a href='/'>Home</a></div>"
            f"<article>{_STORY}</article><form class='s'><input name='q'>Search</form></form></body></html>")
    text = clean_html(html).text()
    assert "three new bus lines" in text and "Search" not in text


def test_furniture_inside_the_article_is_dropped():
    """English news pages keep share bars, galleries, teasers of other stories and cookie banners inside or
    beside the article element."""
    others = "".join(f"<li><a href='/s{n}'>Another headline number {n} about something else</a></li>"
                     for n in range(5))
    html = (f"<html><body><div class='m-privacy-consent'><p>We use cookies and other tracking technologies to "
            f"improve your browsing experience, show personalized content and analyze traffic. By choosing I "
            f"Accept, you consent to our use of cookies, as our policy explains at length here.</p></div>"
            f"<article><div class='share-bar'><a href='#'>Share this on WhatsApp</a></div>{_STORY}"
            f"<figure><img src='a.jpg'><figcaption>Photo: a bus at a station</figcaption></figure>"
            f"<div class='inlinegallery-wrap'><span>Image 1 of 5</span></div>"
            f"<div style='display:none'>Back to Gallery</div><h3 class='relatedpoststitle'>You may like</h3>"
            f"<article><p>A teaser of a different story, long enough to look like a paragraph of its own "
            f"here.</p></article><ul>{others}</ul></article></body></html>")
    lines = clean_html(html).lines()
    assert lines == ["The city council approved the new budget on Tuesday, raising spending on public transport "
                     "by a fifth over last year.",
                     "Officials said the money would pay for three new bus lines and longer opening hours at "
                     "stations, starting in the spring."]


def test_a_list_of_attachment_links_stays_in_the_body():
    html = """<html><body><div class="news_cont_d_wrap"><p>关于申报2025年度项目的通知正文，请按要求申报。</p>
    <p>附件：<a href="/attachment/1.pdf">申报指南.pdf</a> <a href="/attachment/2.docx">申报书模板.docx</a></p>
    <div class="article-body__hover--links"><p>申报材料请于3月31日前提交至各区科技主管部门。</p></div>
    </div></body></html>"""
    text = clean_html(html).text()
    assert "申报指南.pdf" in text and "申报书模板.docx" in text and "3月31日前提交" in text


def test_a_sentence_citing_two_linked_documents_stays():
    html = """<html><body><div class="TRS_Editor"><p>各区科技主管部门请按本通知组织申报工作，逾期不予受理。</p>
    <p>详见<a href="/a.html">《深圳市科技计划项目管理办法》</a>和<a href="/b.html">《深圳市科技研发资金管理办法》</a>。
    </p>
    </div></body></html>"""
    assert "详见《深圳市科技计划项目管理办法》和《深圳市科技研发资金管理办法》。" in clean_html(html).lines()


def test_a_bare_report_title_stays_the_title_above_the_speaker_and_the_post_time():
    """A site copy opens 政府工作报告, the dateline, the speaker's office and name, then a clock-stamped post time:
    the speaker line and the time are no title, so the bare heading stays."""
    text = ("政府工作报告\n——2031年1月9日在某某省第九届人民代表大会第二次会议上\n省人民政府代省长 钱某某\n"
            "2031-01-12 08:30:15\n各位代表：\n现在，我受省政府委托作报告，请予审议。\n")
    doc = clean(text)
    assert doc.title == "政府工作报告"
    assert doc.published == "2031-01-12"  # the page's own date line before the speech's dateline
    minority = clean(text.replace("代省长 钱某某", "自治区主席 阿某·某某某"))
    assert minority.title == "政府工作报告"
    for dateline in ("――2031年1月9日在某某省第九届人代会上", "（2031年1月9日在某某省第九届人代会上）"):
        undated = clean(text.replace("2031-01-12 08:30:15\n", "").replace(text.splitlines()[1], dateline))
        assert (undated.title, undated.published) == ("政府工作报告", "2031-01-09")
