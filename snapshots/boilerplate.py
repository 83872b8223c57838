"""Line-level rules for what a reader does not consider the document (shared by HTML and text input)."""
from __future__ import annotations

import re

# Markup debris left by copy-paste from CMS editors: [size=1em], [font=...], [/color].
DEBRIS = re.compile(r"\[/?(?:size|font|color|b|i|u|p|align|url|img)(?:=[^\]]*)?\]", re.I)

_DROP = re.compile(
    r"""^(?:
      菜单|导航|网站导航|无障碍(?:阅读)?|长者模式|关怀版|English|繁体|简体|登录|注册|搜索|
      首\s*页|返回顶部|返回首页|打印(?:本页|此页)?|关闭(?:窗口|本页)?|收藏|纠错|
      [\[【]\s*(?:打印|关闭|收藏|纠错|返回顶部)\s*[\]】](?:\s*[\[【][^\]】]{1,6}[\]】])*|
      .{0,20}(?:分享到|分享至).{0,40}|
      .*(?:ICP备|ICP证|公网安备|网站标识码|版权所有|Copyright|©|\(c\)\s*\d{4}).*|
      (?:主办|承办|协办|技术支持|维护|运维)(?:单位)?\s*[:：].{0,60}|
      (?:友情链接|相关链接|相关文章|相关新闻|相关阅读|相关附件|推荐阅读|热点推荐|上一篇|下一篇)\b.{0,80}|
      (?:扫一扫|扫码|微信扫一扫|手机扫码|长按识别).{0,40}|
      .{0,30}(?:网站地图|联系我们|关于我们|隐私声明|使用帮助).{0,30}|
      .{0,20}(?:下载|打开)\s*.{0,10}(?:APP|App|app|客户端).{0,30}|
      .{0,30}(?:字体|字号)\s*[:：]?\s*[\[【]?\s*大\s*[\]】]?\s*[\[【]?\s*中\s*[\]】]?\s*[\[【]?\s*小.{0,20}|
      .{0,40}A-\s*A\+.{0,30}|视力保护色.{0,10}|
      \d{1,2}:\d{2}|\|
    )$""",
    re.X | re.I,
)
BREADCRUMB = re.compile(r"^\s*(?:您(?:当前|现在)?(?:的)?(?:所在)?位置|当前位置|所在位置)\s*[:：>＞»]?\s*(.*)$")
# A credit line ends a news article; what follows is the publisher's page furniture.
CREDIT = re.compile(r"^\s*[\[【(（]?\s*(?:责任编辑|编辑|审读|审核|校对|值班编辑|来源编辑|作者)\s*[:：\s]"
                    r"\s*\S{1,12}(?:\s+\S{1,12}){0,8}\s*[\]】)）]?\s*$")
_INFO_KEYS = r"(?:信息来源|文章来源|来源|发布时间|发布日期|成文日期|更新时间|信息提供日期|浏览次数|点击数|访问量|作者)"
INFO_LINE = re.compile(rf"{_INFO_KEYS}\s*[:：]")


def is_boilerplate(line: str) -> bool:
    """True for navigation, share, footer and font-control lines."""
    stripped = line.strip(" \t\u3000-•·*|")
    return not stripped or bool(_DROP.match(stripped)) or bool(BREADCRUMB.match(stripped))


def is_info_line(line: str) -> bool:
    """A short metadata line (信息来源 / 发布时间 / 字体 / 浏览次数), not a body sentence."""
    return len(line) <= 160 and bool(INFO_LINE.search(line)) and line.count("。") == 0


def is_credit(line: str) -> bool:
    return len(line) <= 60 and bool(CREDIT.match(line))
