"""Cross-year comparison of two policy texts: new programs, changed figures, dropped commitments."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from rapidfuzz import fuzz

from .commitments import Commitment, track
from .figures import Figure, extract_figures
from .parts import Part, part_of, split_parts
from .programs import Program, extract_programs, same_program
from .structure import section_paths

METRIC_MATCH = 80.0  # rapidfuzz ratio of canonical metric keys for "the same metric, other words"


@dataclass
class Side:
    title: str
    published: str
    paragraphs: list[str]
    parts: list[Part] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"title": self.title, "published": self.published,
                "parts": [{"kind": p.kind, "heading": p.heading, "paragraphs": [p.start, p.end]} for p in self.parts]}


@dataclass
class FigureChange:
    metric: str
    status: str  # changed | unchanged | added | removed
    old: Figure | None
    new: Figure | None

    @property
    def difference(self) -> Decimal | None:
        if self.old and self.new and self.old.unit == self.new.unit:
            return self.new.number - self.old.number
        return None

    @property
    def percent(self) -> float | None:
        diff = self.difference
        if diff is None or not self.old or self.old.number == 0:
            return None
        return round(float(diff / self.old.number * 100), 2)

    def to_dict(self) -> dict:
        return {"metric": self.metric, "status": self.status,
                "old": self.old.to_dict() if self.old else None, "new": self.new.to_dict() if self.new else None,
                "difference": str(self.difference) if self.difference is not None else None,
                "percent": self.percent}


@dataclass
class ProgramChange:
    name: str
    status: str  # new | dropped | continuing
    old_sentence: str
    new_sentence: str
    old_name: str = ""

    def to_dict(self) -> dict:
        return {"name": self.name, "status": self.status, "old_name": self.old_name or None,
                "old_sentence": self.old_sentence or None, "new_sentence": self.new_sentence or None}


@dataclass
class Comparison:
    old: Side
    new: Side
    figures: list[FigureChange]
    programs: list[ProgramChange]
    commitments: list[Commitment]

    def counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for name, items in (("figures", self.figures), ("programs", self.programs),
                            ("commitments", self.commitments)):
            tally: dict[str, int] = {}
            for item in items:
                tally[item.status] = tally.get(item.status, 0) + 1
            out[name] = tally
        return out

    def to_dict(self) -> dict:
        return {"format": "policywatch-compare/1", "old": self.old.to_dict(), "new": self.new.to_dict(),
                "counts": self.counts(), "figures": [f.to_dict() for f in self.figures],
                "programs": [p.to_dict() for p in self.programs],
                "commitments": [c.to_dict() for c in self.commitments]}


def part_kinds(figures: list[Figure], side: Side) -> list[str]:
    """The kind of part (summary | plan | other) each figure stands in: a result reported in one
    year's summary is not the same figure as a target in the next year's plan."""
    starts, offset = [], 0  # where each paragraph begins in the joined text the figures were read from
    for paragraph in side.paragraphs:
        starts.append(offset)
        offset += len(paragraph) + 1
    return [part_of(side.parts, bisect_right(starts, f.start) - 1).kind for f in figures]


def pair_figures(old: list[Figure], new: list[Figure], old_kinds: list[str] | None = None,
                 new_kinds: list[str] | None = None) -> list[FigureChange]:
    """One-to-one pairing by metric: exact canonical key first, then close wording of the same kind of
    unit; with part kinds, only within the same kind (summary with summary, plan with plan)."""
    candidates = []
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            if a.unit_class != b.unit_class:
                continue
            if old_kinds and new_kinds and "other" not in (old_kinds[i], new_kinds[j]) \
                    and old_kinds[i] != new_kinds[j]:
                continue
            score = 100.0 if a.key == b.key else fuzz.ratio(a.key, b.key)
            if score >= METRIC_MATCH:
                same_value = a.number == b.number
                candidates.append((score + (1 if same_value else 0), i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_old, used_new, out = set(), set(), []
    for _, i, j in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        status = "unchanged" if old[i].same_reading(new[j]) else "changed"
        out.append(FigureChange(new[j].metric, status, old[i], new[j]))
    out += [FigureChange(f.metric, "removed", f, None) for i, f in enumerate(old) if i not in used_old]
    out += [FigureChange(f.metric, "added", None, f) for j, f in enumerate(new) if j not in used_new]
    order = {"changed": 0, "unchanged": 1, "added": 2, "removed": 3}
    return sorted(out, key=lambda c: (order[c.status], (c.new or c.old).start))


def pair_programs(old: list[Program], new: list[Program]) -> list[ProgramChange]:
    """Exact canonical names pair first, then abbreviations (深圳医科院 = 深圳医学科学院)."""
    old_by_key = {p.key: p for p in old}
    matches: dict[str, Program] = {p.key: old_by_key[p.key] for p in new if p.key in old_by_key}
    for program in new:
        if program.key not in matches:
            # A second name for a program may follow the first (深圳医学科学院, then 深圳医科院).
            partner = next((o for o in old if same_program(o.key, program.key)), None)
            if partner is not None:
                matches[program.key] = partner
    matched = {id(p) for p in matches.values()}
    free = [o for o in old if id(o) not in matched]
    out = []
    for program in new:
        match = matches.get(program.key)
        if match is None:
            out.append(ProgramChange(program.name, "new", "", program.sentence))
        else:
            out.append(ProgramChange(program.name, "continuing", match.sentence, program.sentence,
                                     match.name if match.name != program.name else ""))
    out += [ProgramChange(p.name, "dropped", p.sentence, "") for p in free]
    order = {"new": 0, "dropped": 1, "continuing": 2}
    return sorted(out, key=lambda c: order[c.status])


def compare(old_title: str, old_published: str, old_text: str,
            new_title: str, new_published: str, new_text: str) -> Comparison:
    """Compare last year's report (OLD) with this year's (NEW)."""
    old = Side(old_title, old_published, [p for p in old_text.split("\n") if p.strip()])
    new = Side(new_title, new_published, [p for p in new_text.split("\n") if p.strip()])
    old.parts, new.parts = split_parts(old.paragraphs), split_parts(new.paragraphs)
    old_figures, new_figures = extract_figures("\n".join(old.paragraphs)), extract_figures("\n".join(new.paragraphs))
    figures = pair_figures(old_figures, new_figures, part_kinds(old_figures, old), part_kinds(new_figures, new))
    programs = pair_programs(extract_programs("\n".join(old.paragraphs)), extract_programs("\n".join(new.paragraphs)))
    commitments = track(old.paragraphs, old.parts, section_paths(old.paragraphs), new.paragraphs, new.parts)
    return Comparison(old, new, figures, programs, commitments)
