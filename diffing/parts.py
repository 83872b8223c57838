"""The parts of a report: what was done (summary) and what is promised (plan)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.outline import YEAR, YEAR_NAMED, heading_level
from ..text.patterns import GuardedPattern, lazy_pattern

PLAN_PERIOD = re.compile(r"“?十[一二三四五六七八九]五”?")  # a five-year plan's period by its number: “十四五”
_SUMMARY = re.compile(r"总结|回顾|成效|进展|完成情况|主要工作|取得|成绩|工作情况")
# 主要工作 is the year's main work, done or to do: a review before the plan, more of the plan after it
_EITHER = re.compile(r"主要工作")
_PLAN = re.compile(r"计划|任务|安排|打算|思路|展望|下一步|重点工作|目标|将重点|部署|谋划|建议|要求")
_FUTURE_LEAD = lazy_pattern(rf"^(?:展望|下一步|今后|明年|{YEAR.pattern}年[,，]?(?:我[局委市]|全市|深圳)?将"
                          r"|[^。]{0,20}将(?:重点|着力|全力))")


@dataclass
class Part:
    kind: str  # summary | plan | other
    heading: str
    start: int  # paragraph index, inclusive
    end: int  # exclusive


def split_parts(paragraphs: list[str]) -> list[Part]:
    """Top-level headings name the parts (一、2024年工作总结 / 二、2025年工作计划). Without them,
    the first forward-looking paragraph (展望 / 下一步 / 2025年将…) starts the plan."""
    marks: list[tuple[int, str, str]] = []
    top = min((lvl for p in paragraphs if (lvl := heading_level(p)) is not None), default=None)
    for index, paragraph in enumerate(paragraphs):
        level = heading_level(paragraph)
        head = paragraph[:40]
        if level is not None and level == top and len(paragraph) <= 60:
            kind = "plan" if _PLAN.search(head) else "summary" if _SUMMARY.search(head) else "other"
            marks.append((index, kind, paragraph.strip()))
    bare = [(index, "plan" if _PLAN.search(p) else "summary", p.strip())
            for index, p in enumerate(paragraphs) if _bare_heading(p)]
    if not any(kind != "other" for _, kind, _ in marks):  # no numbered part names a kind: bare headings may
        marks = bare or marks
    else:  # an unnumbered heading above the numbered ones (“十八五”时期主要目标和2031年重点工作 / 一、…)
        numbered = {index for index, _, _ in marks}
        marks = sorted(marks + [mark for mark in bare if mark[0] not in numbered])
    marks = _after_review(_by_year(_after_plan(marks)))
    if not any(kind == "plan" for _, kind, _ in marks):
        for index, paragraph in enumerate(paragraphs):
            if index > 0 and _FUTURE_LEAD().search(paragraph.strip()):
                marks = [m for m in marks if m[0] < index] + [(index, "plan", paragraph.strip()[:30])]
                break
    if not marks or marks[0][0] > 0:
        first_kind = "summary" if any(kind == "plan" for _, kind, _ in marks) else "other"
        marks.insert(0, (0, first_kind, ""))
    parts = []
    for n, (start, kind, heading) in enumerate(marks):
        end = marks[n + 1][0] if n + 1 < len(marks) else len(paragraphs)
        parts.append(Part(kind, heading, start, end))
    return parts


def _after_review(marks: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """A report that reviews and then goes on under headings that name no kind (一、砥砺奋进，…见成效 / 二、
    勇担使命，在…中再立新功) plans in the first of them: a work report's review is followed by what is to be done."""
    if any(kind == "plan" for _, kind, _ in marks):
        return marks
    reviewed = next((n for n, (_, kind, _) in enumerate(marks) if kind == "summary"), None)
    after = next((n for n, (_, kind, _) in enumerate(marks) if reviewed is not None and n > reviewed
                  and kind == "other"), None)
    if after is None:
        return marks
    index, _, heading = marks[after]
    return [*marks[:after], (index, "plan", heading), *marks[after + 1:]]


def _after_plan(marks: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """A heading that reads as a review only by words of either kind (三、2031年主要工作) after the plan's
    heading goes on with the plan: a report reviews before it plans."""
    out: list[tuple[int, str, str]] = []
    for index, kind, heading in marks:
        planned = any(k == "plan" for _, k, _ in out)
        if planned and kind == "summary" and not _SUMMARY.search(_EITHER.sub("", heading[:40])):
            kind = "plan"
        out.append((index, kind, heading))
    return out


BARE_HEADING_CHARS = 24
_NOTES_HEADING = GuardedPattern(r"^(?:附[：:]?\s*)?[^。，,；;]{0,20}(?:名词|词语|用语|术语)?(?:解释|注释|释义)[：:]?$",
                                lambda text: "释" in text)
_ANNEX = re.compile(r"^附件\s*\d*(?:[：:].{0,30})?$")
_ENTRY = lazy_pattern(r"^\s*(?:\d+\s*[.．、]|[（(]\d+[)）]|[“\"])")


def notes_span(paragraphs: list[str]) -> tuple[int, int]:
    """Where the report's notes are (名词解释 / 注释, perhaps under 附件, in its second half, up to an annex of
    another kind): numbered definitions of terms the body uses (1.“两清”：…), neither a promise nor a result;
    an empty span at the end when it has none. An annex of another kind (附件：主要预期目标) stays."""
    for index in range(len(paragraphs) // 2, len(paragraphs)):
        text = paragraphs[index].strip()
        if len(text) <= 30 and heading_level(text) is None and _NOTES_HEADING.match(text) \
                and any(_ENTRY().match(p) for p in paragraphs[index + 1:index + 3]):
            start = index - 1 if index and _ANNEX.match(paragraphs[index - 1].strip()) else index
            end = next((n for n in range(index + 1, len(paragraphs)) if _ANNEX.match(paragraphs[n].strip())),
                       len(paragraphs))
            return start, end
    return len(paragraphs), len(paragraphs)


def _bare_heading(paragraph: str) -> bool:
    """A heading that lost its number (a list's numbering dropped on the way from a word processor):
    a short line without sentence punctuation naming a year or a plan's period and a kind (2030年工作回顾,
    “十八五”时期的主要目标任务)."""
    text = paragraph.strip()
    return len(text) <= BARE_HEADING_CHARS and not re.search(r"[。，,；;：:！!？?]", text) \
        and bool(YEAR_NAMED.search(text) or PLAN_PERIOD.search(text)) \
        and bool(_PLAN.search(text) or _SUMMARY.search(text))


def _by_year(marks: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """A top heading that names no kind but a year does: the report's later year is its plan
    (二、2025年经济社会发展总体要求和政策取向), its earlier year its summary."""
    years = {index: int(found[0]) for index, _, heading in marks if (found := YEAR_NAMED.findall(heading))}
    if len(set(years.values())) < 2:
        return marks
    first, last = min(years.values()), max(years.values())
    return [(index, kind if kind != "other" or index not in years else
             "plan" if years[index] == last else "summary" if years[index] == first else kind, heading)
            for index, kind, heading in marks]
