"""Invented reports for the compare tests: a document from its text, and a bureau's 工作总结和工作计划 of a
year with its two parts, so each test writes only the sentences it is about."""
from __future__ import annotations

from policywatch.snapshots import Document


def edition(title: str, text: str, published: str = "") -> Document:
    """A document whose paragraphs are the text's non-empty lines."""
    return Document(title=title, published=published, body=[p for p in text.split("\n") if p.strip()])


def work_report(year: int, summary: str, plan: str, bureau: str = "某市发展和改革委员会") -> Document:
    """The year's review (一、…工作总结) and next year's plan (二、…工作计划), under a title naming both."""
    title = f"{bureau}{year}年工作总结和{year + 1}年工作计划"
    return edition(title, f"{title}\n一、{year}年工作总结\n{summary}\n二、{year + 1}年工作计划\n{plan}")
