"""trend on reports whose year only their dateline, their file name or the user gives."""
from __future__ import annotations

import json
from pathlib import Path

from support import run


def _report(delivered: int, growth: str, dateline: bool = True) -> str:
    said = f"——{delivered}年2月20日在某省第九届人民代表大会第三次会议上\n" if dateline else ""
    return (f"政府工作报告\n{said}各位代表：\n一、过去一年工作回顾\n全省地区生产总值增长{growth}%。\n"
            f"二、今年工作安排\n全省地区生产总值增长6%左右。\n")


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_trend_reads_the_year_from_the_dateline(tmp_path: Path):
    files = [_write(tmp_path, f"report-{n}.txt", _report(year, g))
             for n, (year, g) in enumerate([(2021, "5.1"), (2023, "6.2"), (2022, "5.8")], 1)]
    out = run("trend", *files, "--format", "json")
    assert out.returncode == 0, out.stderr
    assert sorted(json.loads(out.stdout)["documents"]) == ["2020", "2021", "2022"]


def test_trend_takes_the_year_from_the_file_name_or_from_the_user(tmp_path: Path):
    named = [_write(tmp_path, f"gov-{year}.txt", _report(year, g, dateline=False))
             for year, g in [(2021, "5.1"), (2022, "5.8")]]
    plain = _write(tmp_path, "latest.txt", _report(2023, "6.2", dateline=False))
    refused = run("trend", *named, plain, "--format", "json")
    assert refused.returncode == 2 and "--year" in refused.stderr
    out = run("trend", *named, plain, "--year", f"{plain}=2022", "--format", "json")
    assert out.returncode == 0, out.stderr
    assert sorted(json.loads(out.stdout)["documents"]) == ["2020", "2021", "2022"]
    wrong = run("trend", *named, plain, "--year", f"{plain}=22")
    assert wrong.returncode == 2 and "four digits" in wrong.stderr
