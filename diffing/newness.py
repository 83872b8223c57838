"""Why a name the text calls new may not be a new program after all, by kind of mistake: an event held
again (…大会, …论坛), the title of a work (《…》 naming no document), a count of a kind (…中心8家), prose
(a verb or an adverb opening it, an amount inside it, a duration cut from its subject), a project or a
branch of a program OLD names, and an old program renamed, its core words and its kind in one passage
of OLD; the kind of things listed before 等, a name cut from a doubled verb or half a coordinated one. Each
returns '' when the name is clear of it; judge_programs turns any reason into `possibly new`."""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..text.normal import han_only
from ..text.patterns import GuardedPattern, ends_on, lazy_pattern
from .commitments import ACTION_VERBS
from .programs import _GENERIC_MODIFIERS, EFFORT_SUFFIXES, SUFFIXES, program_key, quoted, unquoted, without_quote_marks
from .retrieval import GENERIC_PARTS
from .tokens import tagged, tokenize

# Kinds of event: a meeting or a fair is held, every year or once, and is no program of the plan.
_EVENT_KINDS = ("大会", "论坛", "博览会", "博会", "大赛", "活动周", "交会", "峰会", "年会", "常会", "会议",
                "交易会", "洽谈会", "展览会", "运动会", "电影节", "艺术节", "文化节", "旅游节")
_EDITION_AFTER = re.compile(r"^[（(]?第?[\d一二三四五六七八九十]+届")


def event(name: str, sentence: str) -> str:
    """…大会, …论坛, or a name its sentence gives an edition (…委员会第21届常会): an event, held again."""
    plain = unquoted(name)
    at = sentence.find(plain)
    after = sentence[at + len(plain):] if at >= 0 else ""
    if plain.endswith(_EVENT_KINDS) or _EDITION_AFTER.match(after):
        return "an event, not a program"
    return ""


# What a 《》 title of a plan names: a document of some kind (a law, a plan, an opinion…).
_DOCUMENT_KINDS = tuple("""法 法典 条例 规划 纲要 方案 意见 决定 办法 规定 计划 通知 建议 报告 草案 规则
清单 标准 目录 指南 措施 协定 公约 宣言 细则 制度 体系 行动 工程 战略 政策 机制 规范 准则 章程 名录 白皮书 议程
倡议 框架 路线图 决议 若干问题 试行 条款 指引 导则 要点""".split())


# Words a sentence uses of works: a film, a book, a show (…等一批纪录片佳作, …俄文版出版).
_WORK_WORDS = ("佳作", "作品", "影视", "电影", "电视剧", "纪录片", "剧目", "图书", "出版", "文学", "歌曲", "动画",
               "文艺", "演出", "奖")


def work_title(name: str, sentence: str) -> str:
    """《…》 naming no kind of document, in a sentence that speaks of works (a film, a book, a song): a work the
    report praises, not a program (a brand of the same shape, …等宣讲品牌, stays a name)."""
    if not name.startswith("《") or not any(word in sentence for word in _WORK_WORDS):
        return ""
    inner = re.sub(r"[（(][^）)]*[）)]$", "", name.strip("《》"))
    return "" if inner.endswith(_DOCUMENT_KINDS) else "a work's title, not a program"


# What singles one thing out of its kind: a place or a body (tagged so by the segmenter), a brand in Latin letters
# or with digits (G334, 5G), a bracketed place or a joined title (·).
_PROPER_TAGS = ("ns", "nt", "nz", "eng")


def proper_part(name: str) -> bool:
    """A name the text quotes or titles, or with a part of its own (a place, a body, a brand, a number): one
    thing, not a class of things any county or firm may build."""
    return quoted(name) or re.search(r"[A-Za-z0-9（(·]", name) is not None \
        or any(tag in _PROPER_TAGS for _, tag in tagged(unquoted(name)))


def facility(name: str) -> bool:
    """A body or a facility (…中心, …平台, …基地, …项目), not an effort or a pilot, which is one program however many
    places run it."""
    return not unquoted(program_key(name)).endswith((*EFFORT_SUFFIXES, "试点", "专项"))


def one_of_a_class(name: str) -> bool:
    """Counted or gathered, a name is one of a class of things unless a part of it singles it out or it is a
    national designation (25个国家级…示范区: the designation is the program)."""
    return not proper_part(name) and not name.startswith(("国家", "全国"))


_COUNT = r"\d+(?:个|家|所|座|处|批)"  # a tally of things (12个, 3家), before or after what it counts
# The tally may come after a bracketed other name of the thing (甲委员会（乙委员会）12个), or close its bracket.
_COUNT_AFTER = re.compile(rf"^(?:）|（[^（）]{{1,20}}）)?(?:[和及][^，,。；;：:、]{{0,20}}?)?{_COUNT}")


def counted_after(name: str, sentence: str) -> str:
    """新增…运营中心2家: a tally of a kind given after the name (alone or at the end of its list), the kind
    singled out by no proper name, is the year's count of things of a kind (designations, platforms), not a
    program."""
    at = sentence.find(name)
    if at < 0 or not _COUNT_AFTER.match(sentence[at + len(name):]) or not one_of_a_class(name):
        return ""
    return "a counted class of things, not a name"


# An adverb of manner before a verb opens a clause of prose (严格执行…, 全面完成…), never a name (全面节水战略
# is one: no verb of doing after the adverb).
_MANNER = ("严格", "全面", "切实", "坚决", "积极", "大力", "加快", "持续", "深入", "努力", "着力", "认真", "扎实")
_DOING = frozenset(ACTION_VERBS) | {"执行", "控制", "完成"}
# A verb with its result (搞好, 抓好, 建强): what the plan does with a thing, never a name's first word
# (做实 may open one: 做实…账户试点).
_RESULTS = "好强"
_COUNT_CHARACTERS = frozenset("一二三四五六七八九十两百千")
_DURATION = GuardedPattern(rf"^[{''.join(sorted(_COUNT_CHARACTERS))}\d]+(?:年|日|天)",
                           lambda name: (name[:1] in _COUNT_CHARACTERS or name[:1].isdecimal())
                           and not {"年", "日", "天"}.isdisjoint(name))


def prose(name: str) -> str:
    """An unmarked name that reads as a piece of a clause: it opens with an adverb of manner or a verb with
    its result, holds an amount (…资金86亿元支持项目), or opens with a duration cut from the subject it
    belongs to (三年行动计划… of 某某建设三年行动计划…)."""
    if quoted(name):
        return ""
    first = tagged(name)[0][0] if name else ""
    manner = next((m for m in _MANNER if name.startswith(m)), "")
    resultative = len(first) == 2 and han_only(first[0]) and first[1] in _RESULTS \
        and tagged(first)[0][1].startswith("v")
    if (manner and any(name[len(manner):].startswith(v) for v in _DOING)) or resultative:
        return "a verb phrase, not a name"
    if re.search(r"\d", name.strip("“”\"")) and re.search(r"\d+(?:\.\d+)?(?:亿|万)?元", name):
        return "a clause with an amount, not a name"
    if _DURATION.match(name):
        return "the name may be cut short"
    return ""


_OWNERS = ("大学", "学院", "医院", "研究院", "研究所", "集团", "公司")


def listed_with_kinds(name: str, sentence: str) -> str:
    """国家级甲中心、乙丙中心、丁中心: an item of a list of three or more of one kind, one of them named by the
    plans' common words only (国家技术创新中心), is a list of kinds to build, not of programs."""
    at = sentence.find(name)
    kind = _suffix(name)
    if at < 0 or not kind:
        return ""
    start = max(sentence.rfind(p, 0, at) for p in "，,。；;：:") + 1
    ends = [e for e in (sentence.find(p, at) for p in "，,。；;：:") if e >= 0]
    items = re.split(r"、", sentence[start:min(ends) if ends else len(sentence)])
    if len(items) < 3 or not all(item.endswith(kind) for item in items[1:]):
        return ""
    for item in items:
        words = [w for w, _ in tagged(item[: len(item) - len(kind)])]
        if item != name and words and all(_common(w) for w in words[-2:]):
            return "one of a list of kinds, not a name"
    return ""


_COMMON = frozenset(GENERIC_PARTS) | frozenset(_GENERIC_MODIFIERS) | {"技术", "国家级", "省级"}


def _common(word: str) -> bool:
    """A word of the plans' common vocabulary, or two of them (技术创新)."""
    return word in _COMMON or (len(word) == 4 and word[:2] in _COMMON and word[2:] in _COMMON)


_COUNT_BEFORE = re.compile(rf"{_COUNT}$")
# Work done on a class (甲类棚舍清理行动): the class is the object of a campaign, and the name is the campaign's.
_EFFORT_ON_CLASS = lazy_pattern(r"(?:整治|治理|改造|清理|排查|整改)(?:试点|行动|工程)$")


def cut_or_class(name: str, sentence: str) -> str:
    """农业类科普项目: a class (…类…) of things, not a name; a whole clause that opens with a verb is a verb and
    its object (…，升级…服务平台，…), not a name; 6个镇土地…试点: a name that opens with a one-character word
    its count counts (6个镇) is cut from the count's thing; 甲乙规划布局、丙丁保障: a name its list's item goes on
    after with one noun of two or more characters modifies that noun, the item's head (one character, 甲乙试点省,
    is the name's own end)."""
    if quoted(name):
        return ""
    if "类" in name[1:-1] and not _EFFORT_ON_CLASS().search(name[name.index("类", 1) + 1:]):
        return "a class of things (…类…), not a name"
    at = sentence.find(name)
    first, after = tagged(name)[0], sentence[at + len(name):at + len(name) + 1] if at >= 0 else "x"
    if (at == 0 or (at > 0 and sentence[at - 1] in "，,。；;：:")) and after in ("", "，", ",", "。", "；", ";") \
            and first[1] in ("v", "vn") and len(first[0]) >= 2:
        return "a verb phrase, not a name"  # 升级…平台，: the whole clause, its verb first
    if at > 0 and _COUNT_BEFORE.search(sentence[:at]) and len(tagged(name)[0][0]) == 1:
        return "the name may be cut short"
    item_rest = re.match(r"[^，,。；;：:、]*、", sentence[at + len(name):]) if at >= 0 else None
    following = tagged(item_rest.group(0)[:-1]) if item_rest else []
    if len(following) == 1 and following[0][1] == "n" and len(following[0][0]) >= 2:
        return "cut before the noun its list's item ends on (…规划布局、…), not a whole name"
    return ""


# A five-year plan's number before a name (“十四五”…规划): the plan of a period OLD already ran.
_PERIOD = re.compile(r"^[“\"]?十[一二三四五六七八九]?五[”\"]?")
# 《…关于开展某某试点的实施方案》: the document of the program it names.
_DOCUMENT_OF = re.compile(r"关于(?:开展|推进|实施|加快|深化|做好)?(.{3,30}?)的(?:实施|工作)?(?:方案|意见|通知|办法)")


def program_in(name: str) -> str:
    """The program a name is of: 茶产业发展规划 of “十五五”茶产业发展规划, 某某评价改革试点 of 《…关于开展某某评价
    改革试点的实施方案》; '' when it is a program of its own."""
    plain = unquoted(name)
    found = _DOCUMENT_OF.search(plain) if name.startswith("《") else None
    if found and found.group(1).endswith(SUFFIXES):
        return found.group(1)
    rest = _PERIOD.sub("", name.strip("《》"))
    return rest if rest != name.strip("《》") and len(rest) >= 4 else ""


@lru_cache(maxsize=64)
def _keys(names: tuple[str, ...]) -> list[tuple[str, str]]:
    """The canonical keys of OLD's program names long enough to name one thing, in a fixed order."""
    keyed = {(unquoted(program_key(n)), n) for n in names}
    return sorted((key, n) for key, n in keyed if len(key) >= 5)


def holds_old_name(name: str, old_names: tuple[str, ...], old_text: str = "") -> str:
    """某某实验室院区建设项目 holds the whole name of a program OLD names (某某实验室), 某某大学国家医学中心
    one OLD says (国家医学中心) after the name of its owner: a project of an old program, or the old
    program under its owner; at least not surely new."""
    key = unquoted(program_key(name))
    for other, old in _keys(tuple(old_names)):
        if other != key and other in key:
            return f"it holds the name of a program OLD names: {old}"
    plain = unquoted(name)
    for end in range(len(plain) - 2, 4, -1):  # 某某实验室院区建设项目: a project of 某某实验室, which OLD says
        head = plain[:end]
        if head.endswith(SUFFIXES) and head in old_text and _specific_head(head):
            return f"a part or project of one OLD names: {head}"
    words, at = tagged(key), 0
    for word, tag in words[:3]:  # the owner: a body's name (某某大学, 某某集团), up to its first three words
        at += len(word)
        rest = key[at:]
        if (tag == "nt" or word.endswith(_OWNERS)) and len(rest) >= 5 and rest.endswith(SUFFIXES) \
                and rest in old_text:
            return f"OLD names it without its owner: {rest}"
    return ""


def _specific_head(head: str) -> bool:
    """A head name singled out by words of its own (青岚湾实验室), not a kind (重点实验室, 创新中心)."""
    words = [w for w, _ in tagged(head[: len(head) - len(_suffix(head))])]
    return any(len(w) >= 2 and w not in GENERIC_PARTS and w not in _GENERIC_MODIFIERS for w in words)


def _suffix(key: str) -> str:
    return max((s for s in SUFFIXES if key.endswith(s)), key=len, default="")


def core_words(name: str) -> list[str]:
    """The words that single a name out, in order: its words before its kind, generic parts left out."""
    key = unquoted(program_key(name))
    head = key[: len(key) - len(_suffix(key))]
    return [t.key for t in tokenize(head, "word")
            if len(t.key) >= 2 and t.key not in GENERIC_PARTS and t.key not in _GENERIC_MODIFIERS]


def _noun(word: str) -> bool:
    return any(tag.startswith(("n", "j", "l")) and tag != "vn" for _, tag in tagged(word)[-1:])


def _names_kind_after(passage: str, word: str, kind: str) -> bool:
    """The passage gives `word`, then `kind` within one name: no punctuation and a few words between."""
    at = passage.find(word)
    while at >= 0:
        rest = passage[at + len(word):at + len(word) + 10 + len(kind)]
        end = rest.find(kind)
        if end >= 0 and not re.search(r"[，,。；;：:、（）()“”\"《》\s]", rest[:end]):
            return True
        at = passage.find(word, at + 1)
    return False


def renamed_in(name: str, passages: Iterable[str]) -> str:
    """The first passage of OLD that names a thing of the name's kind after its last core word (a noun:
    what the thing is) and holds most of its core words (乡镇供水管理体制改革试点 for 城市供水服务体制改革
    试点; 三峡…二期工程 for 三峡工程): the same thing with its other words reworded, an old program renamed."""
    kind = _suffix(unquoted(program_key(name)))
    words = core_words(name)
    if not kind or not words or not _noun(words[-1]):
        return ""
    last = words[-1]
    for passage in passages:
        if last not in passage or kind not in passage:
            continue
        if 2 * sum(w in passage for w in words) > len(words) and _names_kind_after(passage, last, kind):
            return passage
    return ""


# The size of the things listed (等千亿…产业): between 等 and their kind.
_SIZE = re.compile(r"(?<=等)(?:[\d.]+|[一二三四五六七八九十两百千万]+)[百千万亿]*(?:元|亿元|级)?$")
# Words of doing that close a conjunct as a stage of work, not as a thing (…标准化建设和…平台建设): the
# conjunct before 和 is then a task of its own, and the name after it whole.
_STAGES = frozenset({"建设", "发展", "改革", "创新"})


def kind_or_cut_item(name: str, sentence: str) -> str:
    """The things listed before 等 and the kind they are of (甲、乙等船舶修造项目): the kind, not a name; a
    name after 和 whose first conjunct ends on a verb (人才引进和青年人才培养项目; 养护和修缮工程): the
    second half of one name that shares its kind; a name that starts inside a doubled verb (做优做强…):
    cut from its verb. Each at least not surely new."""
    at = sentence.find(name)
    if at < 0:
        return ""
    before = _SIZE.sub("", sentence[:at])
    if before.endswith("等"):
        return "the kind of the things listed before 等, not a name"
    for back in (0, 1, 2, 3):  # 做优做强 (a verb, its result, the verb again, another result) across the name's start
        four = sentence[at - back:at - back + 4] if at >= back else ""
        if len(four) == 4 and four[0] == four[2] and len({four[0], four[1], four[3]}) == 3 \
                and tagged(four[0])[0][1] == "v":
            return "cut from a doubled verb (做优做强…), not a name"
    if len(before) >= 2 and before.endswith(("和", "与", "及")):
        word, tag = tagged(before[:-1])[-1]
        if tag in ("v", "vn") and word not in _STAGES and not word.endswith(SUFFIXES):
            return "one half of a coordinated name (甲和乙…工程), the name may be cut short"
    return ""


def whole_coordinated(name: str, sentence: str) -> str:
    """实施甲再造和乙攻关工程: a name whose first conjunct ends on a verb shares its kind with it, and the whole
    (甲再造和乙攻关工程, from the verb that launches it) is the program's name; '' when no launching verb
    opens the first conjunct in its clause (then kind_or_cut_item calls the name cut)."""
    at = sentence.find(name)
    if at <= 1 or sentence[at - 1] not in "和与及":
        return ""
    word, tag = tagged(sentence[:at - 1])[-1]
    if tag not in ("v", "vn") or word in _STAGES or word.endswith(SUFFIXES):
        return ""
    start = max(sentence.rfind(p, 0, at) for p in "，,。；;：:、") + 1
    words = [w for w, _ in tagged(sentence[start:at - 1])]
    launch = max((i for i, w in enumerate(words[:-1]) if w in _DOING), default=-1)  # not the conjunct's own verb
    head = "".join(words[launch + 1:])
    return head + sentence[at - 1] + name if launch >= 0 and len(head) >= 2 else ""


# The things a place or a body of its own is named by (…新区, …县): a list item ending so is a name of its own.
_PLACE_ENDS = ("区", "县", "市", "省", "州", "镇", "村")


def whole_listed(name: str, sentence: str) -> str:
    """实施甲地、乙地大气治理行动, 开展甲品、乙楼巡查行动: short bare items before 、 (no kind, no level, no place
    or body of their own) share the rest of the name with its first word, and the whole list with the name
    (甲地、乙地…行动) is the program's name; '' when the item before is a name or a clause of its own, or the name
    too short to be one on its own (齐心、合力行动: a slogan's halves). Runs after without_listed_heads, which shows
    a list of three or more short heads by what they share."""
    at = sentence.find(name)
    if at <= 1 or sentence[at - 1] != "、" or quoted(name) or len(name) - len(_suffix(name)) < 3:
        return ""
    start = at
    while start > 1 and sentence[start - 1] == "、":
        clause = re.split(r"[，,。；;：:、“”\"《》]", sentence[:start - 1])[-1]
        words = [w for w, _ in tagged(clause)]
        launch = max((i for i, w in enumerate(words) if w in _DOING), default=-1)
        item = "".join(words[launch + 1:])
        if not 1 <= len(item) <= 4 or item.endswith((*SUFFIXES, "级")) \
                or (len(item) > 1 and item.endswith(_PLACE_ENDS)):
            break
        start = start - 1 - len(item)
    return sentence[start:at] + name if start < at else ""


# A count of the list's items with their shared kind (四大…基地, 三个…中心), inside a name, not at its start.
_LIST_COUNT = lazy_pattern(r"[两二三四五六七八九十]+(?:大|个|项|类)")


def list_tail(name: str, sentence: str) -> str:
    """甲、乙、丙三大…基地: the last item of a list, kept with the count and kind the items share, names one
    item as if it were all of them; the name is cut from its list."""
    at = sentence.find(name)
    if at <= 0 or sentence[at - 1] != "、" or quoted(name):
        return ""
    found = _LIST_COUNT().search(name, 1)
    return "the last item of a list with the list's count and kind, the name is cut" if found else ""


# Words that say only what a program aims at (提升, 高质量发展): the same effort on the same thing, its aim reworded.
# A step up said as the aim (上台阶, 上水平) is an aim too.
_AIMS = re.compile(r"(?:高质量发展|提质增效|提质扩容|扩容提升|优化提升|建设提升|提升|升级|攻坚|振兴"
                   r"|上台阶|上水平|提档|提速|扩面)+$")


def aim_reworded(name: str, old_text: str) -> str:
    """某某产业链高质量发展行动 where OLD runs 某某产业链提升行动 (or 制造业某某产业链提升行动): the name's thing,
    then within one name the same kind in OLD, only the words of its aim changed: an old program renamed."""
    key = unquoted(program_key(name))
    kind = _suffix(key)
    head = _AIMS.sub("", key[: len(key) - len(kind)]) if kind else ""
    if len(head) < 4 or head == key[: len(key) - len(kind)]:
        return ""
    if not _names_kind_after(old_text, head, kind):
        return ""
    return f"OLD runs one of its kind on the same thing: {head}…{kind}"


# Two levels before a body (国家级省级…中心, 省市县…平台): the bodies of those levels, a class, not one body.
_LEVELS = re.compile(r"^(?:国家级省级|国家和省级|省市县|省市|省级市级|市县)")
_BODIES = ("中心", "平台", "基地", "实验室", "园区")


def generic_body(name: str) -> bool:
    """A body or a facility of a kind many places build (…服务中心, …平台, …基地, …项目) with no part of its own: less
    sure a named program than an effort the plan launches, so it ranks below named ones (blind checks of unseen text
    found such classes the commonest wrong claim)."""
    return unquoted(program_key(name)).endswith((*_BODIES, "项目")) and one_of_a_class(name)


def levels_of_bodies(name: str) -> str:
    """国家级省级茶叶检测中心: bodies of two levels at once are a class of bodies to build, not a named one."""
    return "bodies of two levels, a class, not a name" if _LEVELS.match(name) and name.endswith(_BODIES) else ""


# A version after a name (…三年行动2.0版, …升级版): the next round of a program that ran before.
_VERSION_AFTER = re.compile(r"^(?:\d+\.\d+版?|升级版)")


def next_version(name: str, sentence: str) -> str:
    """…行动2.0版: the name of a new version is the old program's name; at least not surely new."""
    at = sentence.find(name)
    return "a new version of an earlier program" if at >= 0 and _VERSION_AFTER.match(
        sentence[at + len(name):]) else ""


# Words of work too common to tie a name to an OLD passage (建设, 工作): any program is built and worked on.
_COMMON_WORK = frozenset("""建设 发展 改革 创新 工作 试点 行动 推进 实施 提升 落地 运营 投产 开工 建成 启动
实现 取得 获批""".split())


def aim_in_old(name: str, sentence: str, old_clauses: Iterable[str]) -> str:
    """“某某遗存”项目申遗 where OLD says 支持某某申遗: the work the sentence does with the name (申遗), said in
    one clause of OLD with the name's first core word, is the same project described by its aim."""
    sentence = re.sub(r"[“”\"]", "", sentence)  # “某某”项目: the name's quotes left out
    at = sentence.find(name.strip("“”\""))
    words = core_words(name)
    if at < 0 or not words:
        return ""
    after = tagged(sentence[at + len(name):at + len(name) + 8])
    if not after or not after[0][1].startswith("v") or len(after[0][0]) < 2 or after[0][0] in _COMMON_WORK:
        return ""
    aim = after[0][0]
    for clause in old_clauses:
        if aim in clause and words[0] in clause:
            return f"OLD speaks of the same work on it: {clause}"
    return ""


_NUMERALS = "一两三四五六七八九十"


def numbered_shorthand(name: str, old_text: str) -> str:
    """茶园X革命果园Y革命提升行动 where OLD says “两园革命”: items that share a last word (…革命…革命), which
    OLD counts in a numbered shorthand (两场革命, 两个革命, “两革命”), are the same campaigns."""
    words = [w for w, _ in tagged(unquoted(name))]
    for word in sorted({w for w in words if len(w) >= 2}):
        count = words.count(word)
        if count < 2 or count > 10:
            continue
        numeral = _NUMERALS[count - 1] if count > 2 else "两"
        if re.search(f"[“\"]?{numeral}[个场项大]?[“\"]?{word}", old_text):
            return f"OLD counts them in a shorthand: {numeral}…{word}"
    return ""


# Adverbs that open a clause and never a name (全额…, 及时…).
_ADVERB_OPENERS = ("足额", "全额", "及时", "按时", "逐步", "稳步", "不断", "进一步", "尽快")
# A verb and its result (做强, 抓实, 建强) the tagger may not call a verb.
_DOERS, _DONE_AS = "做抓建办搞管用育", "好强优大精细活"
_DO_RESULT = GuardedPattern(rf"^[{_DOERS}][{_DONE_AS}]",
                            lambda name: len(name) >= 2 and name[0] in _DOERS and name[1] in _DONE_AS)


def without_opener(name: str) -> str:
    """全额拨付甲乙补偿基金 -> 甲乙补偿基金, 做强甲乙服务平台 -> 甲乙服务平台: an unmarked name that opens with an
    adverb of a clause or a verb with its result holds the clause's verb; the name is what follows it (the verb
    of 全额拨付 is its next word, two characters)."""
    if quoted(name):
        return name
    opener = next((a for a in _ADVERB_OPENERS if name.startswith(a)), "")
    if opener:
        words = tagged(name[len(opener):])
        verb = words[0][0] if words and len(words[0][0]) == 2 and len(words) > 1 else ""
        rest = name[len(opener) + len(verb):]
    else:
        rest = name[2:] if _DO_RESULT.match(name) else name
    return rest if len(rest) >= 4 else name


# What a province is to be for the country (国家重要…基地, 全国…重要基地, …战略基地, …高地): a role, not a
# program; 重要 ranks a place, a program's name has no need of it, at its start or just before its kind.
_ROLE_KINDS = ("基地", "高地", "枢纽", "屏障", "窗口", "门户", "腹地")
_ROLE_WORDS = GuardedPattern(r"^(?:国家|全国|全省|我国|世界|全球)?重要|战略[^，,、]*$|重要$",
                             lambda text: "重要" in text or "战略" in text)
_ROLE_CENTRE = GuardedPattern(r"^(?:国家|全国|全省|我国|世界|全球)?重要[^，,、]{2,8}中心$", lambda text: "重要" in text)


def strategic_role(name: str) -> str:
    """国家重要甲乙基地, 全国甲乙重要基地, 丙丁战略基地, 全国重要甲乙中心: the role a plan gives a place, not a
    program it runs."""
    plain = unquoted(program_key(name))
    if (plain.endswith(_ROLE_KINDS) and _ROLE_WORDS.search(plain[: len(plain) - 2])) or _ROLE_CENTRE.match(plain):
        return "a strategic role, not a program"
    return ""


# Kinds of a place or body one plan calls by another (示范基地 for 示范园区).
_BODY_KINDS = ("基地", "园区", "示范区", "先行区", "中心", "平台")


def body_renamed(name: str, old_text: str) -> str:
    """甲乙示范基地 (or its 建设工程) where OLD builds 甲乙示范园区: the same head words before another kind of
    body, the same place under a near name."""
    key = unquoted(program_key(name))
    kind = next((k for k in _BODY_KINDS if key.find(k) >= 4), "")  # 甲乙示范基地 or 甲乙示范基地建设工程
    head = key[: key.find(kind)]
    if not kind:
        return ""
    at = old_text.find(head)
    while at >= 0:
        other = next((k for k in _BODY_KINDS if k != kind and old_text.startswith(k, at + len(head))), "")
        if other:
            return f"OLD names it under another kind: {head}{other}"
        at = old_text.find(head, at + 1)
    return ""


# A capacity right before a name (甲厂120万吨…项目): the name is cut from the project's, owner and size before it.
_CAPACITY_BEFORE = re.compile(r"\d+(?:\.\d+)?(?:万吨|吨|万千瓦|千瓦|兆瓦|万千伏安|千伏|万标箱|万平方米)(?:级)?$")


def cut_at_capacity(name: str, sentence: str) -> str:
    """甲厂120万吨乙烯改造项目 shown as 乙烯改造项目: cut at the capacity, the owner's project lost."""
    at = sentence.find(name)
    return "the name may be cut short" if at > 0 and _CAPACITY_BEFORE.search(sentence[:at]) else ""


def abbreviated_in_old(name: str, old_names: tuple[str, ...]) -> str:
    """第三轮林地承包到期后再延长试点 where OLD runs 三轮延包试点: OLD's name of the same kind whose head (four
    characters or more, at most half as long) starts within this name's first words and has all its characters
    in this name's head, in any order (延包 of 延长…承包), is this program's abbreviation."""
    key = unquoted(program_key(name))
    kind = _suffix(key)
    head = key[: len(key) - len(kind)]
    if not kind or len(head) < 8:
        return ""
    for other, old in _keys(tuple(old_names)):
        short = other[: len(other) - len(kind)] if other.endswith(kind) else ""
        if len(short) < 4 or len(short) * 2 > len(head) or head.find(short[0]) > 2:
            continue
        if all(char in head for char in short[1:]):
            return f"OLD names it by an abbreviation: {old}"
    return ""


def joint_clause(name: str) -> str:
    """甲部门、乙部门共同谋划试点项目: bodies acting together (the adverb 共同 inside the name, before what they
    do) are a clause, not a name."""
    words = tagged(unquoted(name))
    if any(w in ("共同", "联合", "协同") and t == "d" for w, t in words[1:-1]):
        return "a clause (bodies acting together), not a name"
    return ""


def parts_in_old(name: str, old_text: str) -> str:
    """甲乙·丙丁行动 where OLD says 建设甲乙 and 开展戊己丙丁行动: a name joined of parts (·) that OLD holds each
    of is an old effort under a joined title, not a new program."""
    parts = [part for part in unquoted(program_key(name)).split("·") if part]
    if len(parts) < 2 or any(len(part) < 2 or part not in old_text for part in parts):
        return ""
    return f"OLD holds each of its parts: {'、'.join(parts)}"


# Words that end a conjunct as a thing of its own (甲政策和乙机制, 夜间经济和…): two things, not one name's halves.
_SCOPE_START = re.compile(r"^(?:全国|国家|全省|省|市|县|乡镇|乡|镇|村|社区)")
_THINGS = ("政策", "体系", "制度", "机制", "规划", "经济", "链", "网", "枢纽", "窗口", *_ROLE_KINDS, *_BODY_KINDS)


def shared_kind_half(name: str, sentence: str) -> str:
    """甲乙和丙丁中心 (计量和检验中心, 船舶与海工装备基地): a name after 和/与/及 whose conjunct ends on a bare
    noun of a field, not on a kind, shares its kind with that field: the name is cut from the whole. A name that
    opens with its own scope (全国…基地, 乡镇…工程) is a name of its own."""
    at = sentence.find(name)
    if at <= 1 or sentence[at - 1] not in "和与及" or _SCOPE_START.match(name):
        return ""
    start = max(sentence.rfind(p, 0, at - 1) for p in "，,。；;：:、") + 1
    words = tagged(sentence[start:at - 1])
    if not words:
        return ""
    word, tag = words[-1]
    if tag != "n" or len(word) < 2 or word in _STAGES or word.endswith(SUFFIXES) or word.endswith(_THINGS):
        return ""
    return "one half of a coordinated name sharing its kind, the name may be cut short"


# What breaks a rule (违规…, 非法…): the object a report stops or punishes.
_BREACH = re.compile(r"违法|违规|违章|非法")
# Words of an effort against it (整治, 打击, …行动): then the name is the effort's.
_AGAINST = lazy_pattern(r"整治|打击|治理|清理|查处|专项|行动|工程|计划|方案")


def breach_object(name: str) -> str:
    """违规甲乙项目 (要坚决停建): things that break a rule are what the report stops, not a program it runs; an
    effort against them (违规甲乙整治行动) is one."""
    plain = unquoted(name)
    return "things that break a rule, not a program" if _BREACH.search(plain) and not _AGAINST().search(plain) else ""


def package_lines(name: str, claimed: Iterable[str]) -> str:
    """甲暖民工程, 乙暖民工程, 丙暖民工程: one of three or more names NEW gives that differ only in a first word of
    one or two characters (a field: 交通, 健康) and share the rest (four characters or more) are the lines of one
    package (a yearly budget's), each named by its field, not programs of their own."""
    if quoted(name):
        return ""
    first = tagged(name)[0][0]
    rest = name[len(first):]
    if len(first) > 2 or len(rest) < 4 or not rest.endswith(SUFFIXES):
        return ""
    siblings = {other for other in claimed if other != name and other.endswith(rest)
                and 1 <= len(other) - len(rest) <= 2}
    return f"one of the lines of a package (…{rest}), not a program" if len(siblings) >= 2 else ""


# Verbs of funding: what they govern is a class of projects paid for, not a project named.
_FUNDING = ("支持", "扶持", "资助", "补助", "奖补")


def funded_class(name: str, sentence: str) -> str:
    """支持甲乙项目: projects a plan supports with money are a class it funds, not a project it names."""
    at = sentence.find(name)
    if at < 2 or quoted(name) or not name.endswith("项目"):
        return ""
    return "a class of projects funded, not a name" if sentence[:at].endswith(_FUNDING) else ""


# Words of level or size (高能级, 高水平, 一流): they say how good a thing is to be, never which one it is.
_LEVEL = re.compile(r"高(?:能级|水平|标准|品质|层次|规格|起点|质量|效能)|一流|顶尖|世界级|大型|新型")


def level_only(name: str) -> str:
    """高能级重大科研平台: a body singled out by words of its level only, besides the plans' common words, is a kind
    of body to build, not a named one."""
    if quoted(name):
        return ""
    key = program_key(name)
    kind = _suffix(key)
    head = key[: len(key) - len(kind)]
    if not kind or not _LEVEL.search(head):
        return ""
    words = [t.key for t in tokenize(_LEVEL.sub("", head), "word") if t.key.strip()]
    return "a kind of thing by its level, not a name" if all(_common(w) for w in words) else ""


# Words that group things of a kind (某某系列实验室): a name with or without them is the same name.
# Words that group or frame what a name is of (某某系列实验室; 某某战略…行动: the strategy a plan carries out).
_GROUPING = frozenset({"系列", "战略"})


def _droppable(word: str) -> bool:
    return word in GENERIC_PARTS or word in _GENERIC_MODIFIERS or word in _GROUPING


def short_form_in_old(name: str, old_text: str) -> str:
    """青岚国家自主创新示范区 where OLD says 青岚自创区, 某某系列实验室 where OLD says 某某实验室: a shorter form
    of the name OLD gives, each of its words kept whole, cut to its first characters (自主创新 -> 自创, 示范区 ->
    区) or, when it is a generic word, left out, is the same program when it keeps a specific word whole (a
    form of only first characters, 县城 of 县域新型城市群, may be another word)."""
    key = unquoted(program_key(name))
    kind = _suffix(key)
    words = [t.key for t in tokenize(key[: len(key) - len(kind)], "word") if t.key.strip()] if kind else []
    if not words or len(key) < 5:
        return ""
    options: list[list[tuple[str, bool]]] = []  # each part's forms, and whether the form keeps a specific word
    for word in words:
        specific = len(word) >= 2 and not _droppable(word)
        forms = [(word[:n], False) for n in range(1, len(word))] + [(word, specific)]
        options.append(forms + ([("", False)] if _droppable(word) else []))
    if len(words) >= 2 and words[-1] in SUFFIXES:  # two kinds at the end (…行动计划): said by the first alone (…行动)
        options[-1] = [(words[-1] + kind, False), (words[-1], False)]
    else:
        options.append([(kind, False)] + ([(kind[-1], False)] if len(kind) >= 2 else []))
    total = 1
    for forms in options:
        total *= len(forms)
    if total > 20000:
        return ""
    found = _forms_in(options, old_text, key)
    return f"OLD names it in a shorter form: {min(found)}" if found else ""


def _forms_in(options: list[list[tuple[str, bool]]], old_text: str, key: str) -> set[str]:
    """Each form (one choice per part, a specific word kept whole) of three characters or more, other than
    the key, that OLD holds. Built part by part: a start OLD lacks is the start of no form OLD holds, so its
    endings are never tried (a name of many words has thousands of forms, each a search of OLD)."""
    found: set[str] = set()

    def extend(start: str, kept: bool, part: int) -> None:
        if start and start not in old_text:
            return
        if part == len(options):
            if start != key and len(start) >= 3 and kept:
                found.add(start)
            return
        for form, keeps in options[part]:
            extend(start + form, kept or keeps, part + 1)

    extend("", False, 0)
    return found


def listed_in_old(name: str, old_text: str) -> str:
    """甲湾某某实验基地 where OLD says 力争甲湾等国家实验室基地: OLD names a thing of its kind at the name's first
    word, among others (等), within one name: the same thing, its other words told this year."""
    key = unquoted(program_key(name))
    kind = _suffix(key)
    first = tagged(key)[0][0] if kind else ""
    if len(first) < 2 or _droppable(first) or len(key) - len(kind) <= len(first):
        return ""
    found = _among_others(first + "等", kind, old_text)
    return f"OLD names it among others of its kind: {found}" if found else ""


# What may stand between 等 and the kind it closes (甲湾等国家实验室基地): words within one name, no stop or quote.
_WITHIN_A_NAME = re.compile(r"[^，,。；;：:、（）()“”\"《》\s]{0,10}")


def _among_others(head: str, kind: str, text: str) -> str:
    """The first stretch of `text` that opens on `head` (a word and its 等) and closes on `kind` within one
    name, at most 10 characters between them (''): found by plain search, not a pattern made per name."""
    at = text.find(head)
    while at >= 0:
        start = at + len(head)
        within = _WITHIN_A_NAME.match(text, start)
        assert within is not None  # it matches the empty string
        end = text.find(kind, start, within.end() + len(kind))
        if end >= 0:
            return text[at:end + len(kind)]
        at = text.find(head, at + 1)
    return ""


# A phase of a program (二期, 第三期) inside a name: the next phase of one that ran before.
_PHASE = re.compile(r"第?[一二三四五六七八九十\d]+期")


def phase_of_old(name: str, old_text: str) -> str:
    """“翠屏”四期工程 where OLD says “翠屏”…工程: a phase of a program whose name OLD gives is its next phase."""
    plain = without_quote_marks(name)
    found = _PHASE.search(plain, 2)
    head = plain[: found.start()] if found else ""
    if len(head) < 2 or _common(head) or head not in old_text:
        return ""
    return f"a new phase of a program OLD names: {head}"


# A zone's kind right after a name (…孵化项目集聚园): the name goes on into the zone's.
_ZONE_AFTER = GuardedPattern(r"^[\u4e00-\u9fff]{1,3}(?:区|园|带|圈)(?=$|[、，,。；;：:和与及])",
                             lambda text: not {"区", "园", "带", "圈"}.isdisjoint(text[1:4]))


def goes_on_as_zone(name: str, sentence: str) -> str:
    """甲乙孵化项目集聚园: a name followed by a zone's kind with no break is cut from the zone's name."""
    at = sentence.find(name)
    return "the name goes on into a zone's, cut short" if at >= 0 and _ZONE_AFTER.match(
        sentence[at + len(name):]) else ""


# A work done on a thing and an effort's kind right after its name (…平台提升工程): the effort is the program.
_EFFORT_KINDS = ("工程", "行动", "计划", "专项")
_EFFORT_AFTER = GuardedPattern(rf"^([\u4e00-\u9fff]{{2,4}}?)(?:{'|'.join(_EFFORT_KINDS)})",
                               lambda text: any(text.startswith(_EFFORT_KINDS, at) for at in (2, 3, 4)))


def into_effort(name: str, sentence: str) -> str:
    """加快甲乙服务平台提升工程建设 -> 甲乙服务平台提升工程: a name followed with no break by a work done on it (a
    verb) and an effort's kind is what the effort works on; the program is the effort, named whole."""
    at = sentence.find(name)
    work = _EFFORT_AFTER.match(sentence[at + len(name):]) if at >= 0 and not quoted(name) else None
    if work is None or tagged(work.group(1))[0][1] not in ("v", "vn"):
        return name
    return name + work.group(0)


# Words that end a place's name (岭南地区): a name after them is the place's, not a list's shared kind.
_PLACE_TAILS = ("地区", "区域", "片区", "城区", "市区", "县域", "全域")


def without_listed_heads(name: str, sentence: str) -> str:
    """甲、乙、丙、丁某某基地 -> 某某基地: the last of three or more bare words of a list (places, fields) that share
    the kind after them is one of the list's heads, not the name's first word; the name is what they share."""
    at = sentence.find(name)
    if at <= 0 or sentence[at - 1] != "、" or quoted(name):
        return name
    start = max(sentence.rfind(p, 0, at) for p in "，,。；;：:") + 1
    items = sentence[start:at - 1].split("、")
    first = tagged(name)[0][0]
    rest = name[len(first):]
    if len(items) < 2 or any(len(item) > 3 or item.endswith(SUFFIXES) for item in items[1:]) \
            or not 2 <= len(first) <= 3 or len(rest) < 4 or rest.startswith(_PLACE_TAILS):
        return name
    return rest


def same_object_in_old(name: str, sentence: str, old_text: str) -> str:
    """果蔬作物全域品质提升行动 where OLD runs 果园品质提升行动: an unquoted effort whose last words are a thing (a
    noun: 品质) and only its aim (提升), which OLD runs under another head of the same field (its first character,
    果; not a scope such as 全省), is the old campaign with its scope reworded."""
    key = unquoted(program_key(name))
    kind = _suffix(key)
    if kind not in EFFORT_SUFFIXES or any(quote + key[:2] in sentence for quote in "“\""):
        return ""
    words = tagged(key[: len(key) - len(kind)])
    for i in range(1, len(words)):
        word, tag = words[i]
        rest = "".join(w for w, _ in words[i + 1:])
        if tag != "n" or len(word) < 2 or _droppable(word) or _AIMS.fullmatch(word) \
                or (rest and not _AIMS.fullmatch(rest)):
            continue
        tail = word + rest + kind
        head = "".join(w for w, _ in words[:i])
        if _droppable(words[0][0]) or _SCOPE_START.match(head):  # 全省…, 国家…: a scope, no field
            return ""
        at = old_text.find(tail)
        while at >= 0:
            before = re.search(r"[\u4e00-\u9fff]{0,4}$", old_text[:at])
            run = before.group() if before else ""
            for size in range(2, len(run) + 1):  # the head before the tail, two to four characters
                other = run[len(run) - size:]
                if other[0] == head[0] and other != head:
                    return f"OLD runs it under another head of its field: {other}{tail}"
            at = old_text.find(tail, at + 1)
    return ""


# Levels many bodies share (县级: one in every county): a body named by one of them, and by its field, is of a class.
_CLASS_LEVELS = ("省级", "市级", "县级", "县域", "区县", "乡镇", "镇级", "村级", "社区", "基层")


def level_class(name: str) -> str:
    """县级甲乙服务中心, 县域甲乙平台, 乡镇甲乙站: a facility named by a level many places share and by its field, no
    part of its own, is a class any county or township builds, not a program (an effort or a pilot of that level,
    县域甲乙行动, is one program)."""
    key = unquoted(program_key(name))
    if not key.startswith(_CLASS_LEVELS) or not facility(name) or not one_of_a_class(name):
        return ""
    return "a class of facilities by level (one in every county), not a name"


# What a set of things of a kind is built into (…工程体系, …平台矩阵, …中心枢纽): the whole, not one named thing.
_STRUCTURES = ("体系", "矩阵", "集群", "网络", "枢纽", "载体", "节点")


def part_of_a_system(name: str, sentence: str) -> str:
    """甲乙防御工程体系, 甲乙科创平台矩阵, 甲乙合作中心枢纽: a name followed with no break by the structure it goes
    into is cut from the structure's name; things of its kind are built up into a system, no program named."""
    at = sentence.find(name)
    return "cut from the system it goes into (…体系, …矩阵), not a program" if at >= 0 \
        and sentence[at + len(name):].startswith(_STRUCTURES) else ""


_BRACKETED_BEFORE = GuardedPattern(r"([\u4e00-\u9fff]{2,4})[（(]([\u4e00-\u9fff]{2,4})[）)]$", ends_on("）", ")"))


def with_bracketed_place(name: str, sentence: str) -> str:
    """建好东部（岚城）茶叶物流基地 -> 东部（岚城）茶叶物流基地: a place and its city in brackets right before a name
    are the name's first words (the left edge stopped at the bracket)."""
    at = sentence.find(name)
    found = _BRACKETED_BEFORE.search(sentence[:at]) if at > 0 and not quoted(name) else None
    if not found:
        return name
    word, tag = tagged(found.group(1))[-1]
    if len(word) < 2 or tag.startswith("v") or tag in ("p", "r", "c", "u", "d", "m", "q"):
        return name
    return sentence[at - len(word) - len(found.group(2)) - 2:at] + name


# Verbs that report what a thing achieved (完成, 刷新…): the predicate of a clause of fact, never a name's word.
_RESULT_VERBS = re.compile(r"完成|刷新|应用于|跻身|荣获|获评")


def reported_result(name: str) -> str:
    """甲乙任务完成丙丁工程, 一批新品刷新甲乙项目纪录: a name holding a verb of achievement is a clause of fact cut
    from its sentence (its subject, its verb and part of its object), not a program."""
    return "a clause of fact cut from its sentence, not a name" if _RESULT_VERBS.search(unquoted(name)) else ""


# A quoted word right before a name (“甲乙”三期某某工程): the quote is the name's own first part.
_QUOTE_BEFORE = re.compile(r"[“\"]([^“”\"，,。；;：:、（）()]{2,12})[”\"]$")


def with_quoted_prefix(name: str, sentence: str) -> str:
    """“甲乙”四期某某工程 -> the whole of it: a name that opens right after a closing quote is cut from the quoted
    word that singles it out (the name's left edge stopped at the quote mark)."""
    at = sentence.find(name)
    found = _QUOTE_BEFORE.search(sentence[:at]) if at > 0 and not quoted(name) else None
    return sentence[at - len(found.group()):at] + name if found else name


# Kinds of a body or a rule of working many places set up (…中心, …平台, …项目, …机制, …制度, …委员会).
_COMMON_KINDS = (*_BODIES, "项目", "机制", "制度", "委员会", "基金")


def made_of_old_words(name: str, old_folded: str) -> bool:
    """甲乙服务中心, 丙丁长效保障机制 where OLD uses 甲乙, 服务, 丙丁… each somewhere: a body or a mechanism with no
    part of its own whose every word is one of the field's common words (OLD says them all) is most often a kind
    of thing every report sets up, not a program OLD left out, so it ranks below (blind checks of unseen text:
    ten such sure claims wrong of eleven); still a claim, since some are new bodies OLD only had the words of."""
    key = unquoted(program_key(name))
    kind = next((k for k in _COMMON_KINDS if key.endswith(k)), "")
    if not kind or not one_of_a_class(name):
        return False
    words = [word for word, _ in tagged(key[: len(key) - len(kind)]) if len(word) >= 2]
    return len(words) >= 2 and all(word in old_folded for word in words)
