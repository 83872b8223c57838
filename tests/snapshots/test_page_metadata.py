"""Metadata a reader sees on the page itself (发布时间, 来源, 发布机构, 文号, 索引号) when the head has no meta
tags for it, read from a page served by a local server."""
from __future__ import annotations

from support import fetch_document

from policywatch.monitor.demo.site import Page

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>关于开展2026年度项目申报的通知-深圳市科技创新局</title></head>
<body><div class="tit"><h1>关于开展2026年度项目申报的通知</h1>
<div class="info"><span>发布时间：2026-11-20 09:30</span> <span>来源：深圳市科技创新局</span></div></div>
<table class="xxgk"><tr><td>索引号：</td><td>11440300MB2C92051B/2026-00123</td><td>发布机构：</td>
<td>深圳市科技创新局</td></tr><tr><td>文号：</td><td>深科技创新〔2026〕12号</td><td>成文日期：</td><td>2026年11月18日</td>
</tr></table>
<div class="news_cont_d_wrap">
<p>为加快培育新质生产力，现组织申报2026年度重点研发计划项目。发布时间：另行通知的事项以本文为准。</p>
<p>一、支持方向：人工智能、合成生物、低空经济等领域的项目。</p></div></body></html>"""


def test_visible_metadata_lines_fill_what_the_head_lacks(site, fast_policy):
    site.routes["/xxgk/tzgg/content/post_7.html"] = Page(PAGE.encode("utf-8"))
    doc = fetch_document(site.url("/xxgk/tzgg/content/post_7.html"), fast_policy)
    assert (doc.published, doc.source, doc.publisher) == ("2026-11-20", "深圳市科技创新局", "深圳市科技创新局")
    assert (doc.number, doc.identifier, doc.written) == ("深科技创新〔2026〕12号", "11440300MB2C92051B/2026-00123",
                                                         "2026-11-18")
    assert doc.body[0].startswith("为加快培育新质生产力")


def test_meta_tags_win_over_visible_lines(site, fast_policy):
    head = '<meta name="pubDate" content="2026-11-21"><meta name="ContentSource" content="深圳市人民政府">'
    site.routes["/p.html"] = Page(PAGE.replace("</head>", head + "</head>").encode("utf-8"))
    doc = fetch_document(site.url("/p.html"), fast_policy)
    assert (doc.published, doc.source, doc.number) == ("2026-11-21", "深圳市人民政府", "深科技创新〔2026〕12号")
