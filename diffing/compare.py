"""Cross-year comparison of two editions of a report: changed figures, how last year's targets came out,
new programs, and last year's commitments the new report no longer mentions."""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..errors import DiffError
from ..text.normal import han_only
from ..text.outline import YEAR, YEAR_NAMED, heading_level
from ..text.patterns import lazy_pattern
from .aliases import Aliases, glosses
from .commitments import Commitment, track
from .confidence import judge_commitments, judge_programs
from .figures import Figure, extract_figures, of_the_year
from .pairing import FigureChange, TargetCheck, check_targets, pair_figures
from .parts import PLAN_PERIOD, Part, notes_span, split_parts
from .programs import ProgramChange, extract_programs, pair_programs
from .structure import section_paths

ROLE_OF_PART = {"summary": "result", "plan": "target", "other": "result"}
# The opening of a delivered report: ——2023年3月5日在第十四届全国人民代表大会第一次会议上; 2023年政府工作报告.
_DATELINE = re.compile(rf"({YEAR.pattern})\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*在[^\n]{{0,40}}(?:会议|大会)")
_REPORT_OF = re.compile(rf"({YEAR.pattern})\s*年[^\n。]{{0,6}}政府工作报告")
_REVIEW_TITLE = re.compile(r"总结|回顾|年报|工作情况|执行情况")
_PLAN_PERIOD = PLAN_PERIOD.pattern
_MULTI_YEAR = re.compile(rf"{_PLAN_PERIOD}(?:时期|发展)|五年规划|五年来|远景目标")  # a part about several years
# The paragraph where a review turns from the year to the five years before it.
_TURN_TO_YEARS = re.compile(rf"五年来|这五年|过去五年|回望{_PLAN_PERIOD}|{_PLAN_PERIOD}(?:时期|以来)")
# ... and where it turns from the five years to the one just ended (各位代表！刚过去的2030年，…; 过去一年，…).
_TURN_TO_YEAR = lazy_pattern(rf"^(?:各位代表[！!，,：:]?)?(?:刚刚?过去的(?:({YEAR.pattern})年|一年)|过去(?:的)?一年"
                             rf"|一年来|({YEAR.pattern})年[，,是])")


class Edition(Protocol):
    """One edition of a report, as compare reads it (snapshots.Document is one)."""

    title: str
    published: str

    def text(self) -> str: ...


@dataclass
class Side:
    title: str
    published: str
    paragraphs: list[str]
    parts: list[Part] = field(default_factory=list)
    given_year: int | None = None  # the year it reviews, as the user said it (--year FILE=YYYY)
    name_year: int | None = None  # a year in its file name, read as a title's

    @property
    def year(self) -> int | None:
        """The year the report reviews: as given, else its summary's heading year (一、2023年工作回顾), else the
        year before its plan's (二、2024年…), else its title's (2023年工作总结…), less one when the title
        names the year it was delivered in (2024年政府工作报告 reviews 2023), else the year before the one its
        opening or its date delivers it in (——2023年3月5日在…会议上; 2023年政府工作报告), else its file name's."""
        if self.given_year is not None:
            return self.given_year
        def years(kind: str) -> list[int]:
            return [int(y) for p in self.parts if p.kind == kind for y in YEAR_NAMED.findall(p.heading)]
        if years("summary"):
            return min(years("summary"))
        if years("plan"):
            return min(years("plan")) - 1
        titled = [int(y) for y in YEAR_NAMED.findall(self.title)]
        if not titled:
            opening = "\n".join(self.paragraphs[:8])
            delivered = _DATELINE.search(opening) or _REPORT_OF.search(opening)
            if delivered:
                return int(delivered.group(1)) - 1
            if YEAR.match(self.published):  # the cleaner reads a dateline into the date it was delivered
                return int(self.published[:4]) - 1
            if self.name_year is None:
                return None
            titled = [self.name_year]
        reviews_a_year = any(p.kind == "summary" for p in self.parts) and not _REVIEW_TITLE.search(self.title)
        return min(titled) - 1 if reviews_a_year else min(titled)

    def figures(self) -> list[Figure]:
        """Every figure, a result or a target by the part it stands in."""
        out: list[Figure] = []
        offset = 0
        starts = []
        for paragraph in self.paragraphs:
            starts.append(offset)
            offset += len(paragraph) + 1
        for start, end, role in self._stretches():
            text = _joined(self.paragraphs[start:end])
            base = starts[start] if start < len(starts) else 0
            for figure in extract_figures(text, role):
                if role == "years" and figure.role == "span" and self.year and of_the_year(text, figure.start,
                                                                                           self.year):
                    figure.role = "result"
                figure.start += base
                out.append(figure)
        return out

    def _stretches(self) -> list[tuple[int, int, str]]:
        """Paragraph ranges and the role of their figures. A part about several years is `span`; one about
        a year and the five before it (一、2025年和“十四五”时期工作回顾) is the year's until the paragraph that
        turns to the five years (五年来…, “十四五”时期…), several years' from there on."""
        out = []
        planned = False
        for part in self.parts:
            planned = planned or part.kind == "plan"
            # a part after the plan that names no kind (三、改进机关作风) goes on with the year's tasks
            role = ROLE_OF_PART["plan" if planned and part.kind == "other" else part.kind]
            years = "years" if part.kind == "summary" else "span"  # a review of the years, or their plan
            several = _MULTI_YEAR.search(part.heading)
            named = YEAR_NAMED.search(part.heading)
            if several and not named and part.kind == "summary" and self.year is not None:
                out += self._turns(part.start, part.end, role, years, str(self.year), opening=years)
                continue
            if several and not named:
                role = years
            if several and named and role not in ("span", "years"):
                out += self._turns(part.start, part.end, role, years, named.group())
            else:
                out += self._years_apart(part.start, part.end, role)
        return out

    def _turns(self, start: int, end: int, role: str, years: str, year: str,
               opening: str | None = None) -> list[tuple[int, int, str]]:
        """A review of a year and the five before it, in either order (一、2030年和“十九五”时期工作回顾 or
        一、“十九五”时期和2030年工作回顾): several years' from a paragraph that turns to them (五年来，…), the
        year's role until then and again from one that turns back to the heading's year (刚刚过去的2030年，…;
        过去一年，…), never to another year of the five (2027年，…). A review headed by the five years alone
        (一、“十九五”时期工作回顾) opens on them (`opening`) and turns to the year the report reviews."""
        out: list[tuple[int, int, str]] = []
        current = opening or role
        for n in range(start, end):
            text = self.paragraphs[n].lstrip()
            turned = _TURN_TO_YEAR().match(text)
            if n > start and turned and (turned.group(1) or turned.group(2) or year) == year:
                current = role
            elif n > start and _TURN_TO_YEARS.search(text[:40]):
                current = years
            if out and out[-1][2] == current:
                out[-1] = (out[-1][0], n + 1, current)
            else:
                out.append((n, n + 1, current))
        return out

    def _years_apart(self, start: int, end: int, role: str) -> list[tuple[int, int, str]]:
        """A paragraph that opens on the five years (五年来，…) speaks of several years wherever it stands:
        its figures are `span`, the paragraphs around it keep the role of their part."""
        if role in ("span", "years"):
            return [(start, end, role)]
        out: list[tuple[int, int, str]] = []
        for n in range(start, end):
            own = "years" if _TURN_TO_YEARS.match(self.paragraphs[n].lstrip()) else role
            if out and out[-1][2] == own:
                out[-1] = (out[-1][0], n + 1, own)
            else:
                out.append((n, n + 1, own))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "published": self.published, "year": self.year,
                "parts": [{"kind": p.kind, "heading": p.heading, "paragraphs": [p.start, p.end]} for p in self.parts]}


_LINE_ENDS = re.compile(r"[。！？!?；;：:”’」』）)]\s*$")


def _joined(paragraphs: list[str]) -> str:
    """The paragraphs one a line, but a line break inside a sentence (所有制企业\n投资增长8%: a line with a
    clause that stops mid-way, no heading, the next line no item) is read as a space, so the figure after
    it keeps its metric; offsets stay those of the lines."""
    out: list[str] = []
    for n, paragraph in enumerate(paragraphs):
        if n:
            before = paragraphs[n - 1]
            goes_on = not _LINE_ENDS.search(before) and heading_level(before) is None \
                and heading_level(paragraph) is None and _goes_on(paragraph) \
                and (bool(re.search(r"[，、,]", before)) or len(before) >= BROKEN_LINE_AT_LEAST)
            out.append(" " if goes_on else "\n")
        out.append(paragraph)
    return "".join(out)


def _goes_on(line: str) -> bool:
    """A line that can go on a sentence: it opens on content or a percent sign, not on a mark or a space."""
    return _content(line[:1]) or line[:1] in ("%", "％")


BROKEN_LINE_AT_LEAST = 40  # characters of a line without a comma that can only be part of a sentence


@dataclass
class Comparison:
    old: Side
    new: Side
    figures: list[FigureChange]
    targets: list[TargetCheck]
    programs: list[ProgramChange]
    commitments: list[Commitment]
    warnings: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for name, items in (("figures", self.figures), ("targets", self.targets), ("programs", self.programs),
                            ("commitments", self.commitments)):
            tally: dict[str, int] = {}
            for item in items:
                tally[item.status] = tally.get(item.status, 0) + 1
            out[name] = tally
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"format": "policywatch-compare/2", "old": self.old.to_dict(), "new": self.new.to_dict(),
                "warnings": self.warnings, "counts": self.counts(),
                "figures": [f.to_dict() for f in self.figures], "targets": [t.to_dict() for t in self.targets],
                "programs": [p.to_dict() for p in self.programs],
                "commitments": [c.to_dict() for c in self.commitments]}


def side_of(edition: Edition, label: str, notes: list[str] | None = None) -> Side:
    """A document's paragraphs and parts; past MAX_CHARS only its beginning, said in `notes`."""
    paragraphs = [p for p in edition.text().split("\n") if p.strip()]
    start, end = notes_span(paragraphs)
    paragraphs = paragraphs[:start] + paragraphs[end:]
    if not _holds_content(paragraphs):
        raise DiffError(f"{label}: no text to compare (an empty or near-empty document)")
    total = sum(len(p) for p in paragraphs)
    if total > MAX_CHARS:
        kept, size = [], 0
        for paragraph in paragraphs:
            if size + len(paragraph) > MAX_CHARS:
                break
            kept.append(paragraph)
            size += len(paragraph)
        paragraphs = kept or [paragraphs[0][:MAX_CHARS]]
        if notes is not None:
            notes.append(f"{label} has {total:,} characters: only its first {MAX_CHARS:,} were compared")
    side = Side(edition.title, edition.published, paragraphs)
    side.parts = split_parts(paragraphs)
    return side


MAX_CHARS = 1_000_000  # per document: a work report is 20,000 to 100,000; beyond this, only the beginning


def _content(char: str) -> bool:
    """A character of content: Chinese, a Latin letter or a digit."""
    return han_only(char) or (char.isascii() and char.isalnum())


def _title_words(title: str) -> set[str]:
    """A title's Chinese characters two by two, each run of them cut from its start (数字经济 -> 数字, 经济),
    digits left out; tested by the range's ends (han_only), not a class re would compile code point by code
    point."""
    runs = ("".join(run) for han, run in itertools.groupby(re.sub(r"\d", "", title), han_only) if han)
    return {run[i:i + 2] for run in runs for i in range(0, len(run) - 1, 2)}


def _holds_content(paragraphs: list[str], at_least: int = 4) -> bool:
    """Whether the paragraphs hold `at_least` characters of content: counted up to there, not all of them."""
    found = (char for p in paragraphs for char in p if _content(char))
    return next(itertools.islice(found, at_least - 1, None), None) is not None


def _warnings(old: Side, new: Side, programs: list[ProgramChange], figures: list[FigureChange]) -> list[str]:
    """Honest inputs: say when NEW is older than OLD, or when the two share nothing an edition would."""
    out = []
    if old.year and new.year and new.year < old.year:
        out.append(f"NEW reports on {new.year}, OLD on {old.year}: NEW is the older edition (arguments swapped?)")
    title_words = _title_words(old.title) & _title_words(new.title)
    shared = sum(1 for p in programs if p.status == "continuing") + sum(
        1 for f in figures if f.status in ("changed", "unchanged"))
    if not title_words and shared < 3:
        out.append("the two documents share neither title words nor programs or figures: they may not be "
                   "editions of one report, so read new/dropped claims with care")
    return out


def compare(old_edition: Edition, new_edition: Edition, glossary: list[list[str]] | None = None) -> Comparison:
    """Compare last year's report (OLD) with this year's (NEW); `glossary`: groups of names of one thing
    (KAUST, 阿卜杜拉国王科技大学), added to those the texts gloss themselves."""
    notes: list[str] = []
    old, new = side_of(old_edition, "OLD", notes), side_of(new_edition, "NEW", notes)
    old_figures, new_figures = old.figures(), new.figures()
    figures = pair_figures(old_figures, new_figures)
    old_text, new_text = "\n".join(old.paragraphs), "\n".join(new.paragraphs)
    targets = check_targets(old_figures, new_figures, old_text)
    aliases = Aliases([*glosses(old_text), *glosses(new_text), *(glossary or [])])
    programs = pair_programs(extract_programs(old_text), extract_programs(new_text), old_text, new_text, aliases)
    plan_text = "\n".join("\n".join(new.paragraphs[p.start:p.end]) for p in new.parts if p.kind == "plan")
    programs = judge_programs(programs, old_text, plan_text)
    commitments = judge_commitments(track(old.paragraphs, old.parts, section_paths(old.paragraphs), new.paragraphs,
                                          new.parts, aliases), new_text, old_text)
    return Comparison(old, new, figures, targets, programs, commitments,
                      notes + _warnings(old, new, programs, figures))
