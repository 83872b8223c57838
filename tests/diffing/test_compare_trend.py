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


def test_growth_since_a_base_year_and_five_year_totals_stay_out_of_the_years_cells(tmp_path: Path):
    """比2019年增长42% is the growth since 2019 and 五年累计新增就业300万人 a total of five years: neither is a
    year's result, so neither takes a year's cell beside the year's own growth."""
    files = []
    for delivered, growth, since in ((2022, "5.2", "42"), (2023, "5.3", "47")):
        text = (f"政府工作报告\n——{delivered}年2月20日在某省第九届人民代表大会第三次会议上\n各位代表：\n"
                f"一、过去一年工作回顾\n全省地区生产总值达到5万亿元，比2019年增长{since}%。全省地区生产总值增长{growth}%。"
                "五年累计新增就业300万人。\n二、今年工作安排\n全省地区生产总值增长6%左右。\n")
        files.append(_write(tmp_path, f"r{delivered}.txt", text))
    out = run("trend", *files, "--format", "json")
    assert out.returncode == 0, out.stderr
    cells = [cell["raw"] for row in json.loads(out.stdout)["rows"] for cell in row["results"].values()]
    assert "增长5.2%" in cells and "增长5.3%" in cells
    assert not [raw for raw in cells if raw in ("增长42%", "增长47%", "300万人")]
