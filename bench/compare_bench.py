"""Compare benchmark: precision and recall per category, on the seed pairs and, separately, on four public
pairs the code was not written against (bench/public-labels.json, State Council work reports); then the
time of `policywatch compare` as a command (process start included) and of a trend over five reports.

Public labels (see their _about) name figures by short phrases of each text. A predicted figure pair
matches a label when each side's figure lies inside the label's phrase and that phrase inside the
figure's sentence. Scoring:
- figures: `changed` precision = labelled pairs predicted changed that are labelled changed / labelled
  pairs predicted changed (the known-different and unchanged pairs are the traps); recall over labels
  `changed`. `possible` is never a claim of change.
- targets: share of labelled targets whose status (met / missed / exceeded / not reported) is right.
- programs: `new` precision = labelled new names predicted new / labelled names predicted new (the
  continuing and not-program labels are the traps); recall over labels `new`. Names the tool calls new
  that no label covers are counted, to be read by hand.
- commitments: `dropped` precision and recall over labelled clauses; `uncertain` is not a claim.
Seed labels (bench/compare-labels.json) keep their older form: a metric, name or clause substring.
`possibly new` and `possibly dropped` are no claims (the default output leaves them out); the `--all`
recall of dropped promises counts them too.
Then each source of the shared dev set (../shared/eval: national pairs, provincial pairs) apart, scored by
its own unchanged score.py, and each set of ours (a labels.json in score.py's form beside its texts; each
option may be repeated), reported apart: --dev DIR a set the rules were written against (bench/labels-provincial
and -2 since stop 26, -3 since stop 27, -4 since stop 29, -5 since stop 31, -6 since stop 32), --held-out DIR one
never tuned on (bench/labels-provincial-7).
Usage: python bench/compare_bench.py [--public-only] [--dev DIR]... [--held-out DIR]...

Measured (stop 32): compare of gwr-2023 and gwr-2024 (18-19k characters each) as a command, --format json,
the package loaded as bytecode; instructions by callgrind, which load does not move; CPU (user + system) the
median of 9 runs interleaved with main's, at load average 8-10 on 2 cores (CPU time grows with the load: stop
31 measured main at 0.58 s under load 5). main 030bbb6: 3.68 G instructions, 0.68 s; cspeed3: 3.26 G, 0.64 s.
At the end of stop 32 (all its rounds merged, their new rules included), at load 1.1: 3.37 G, 0.55 s median
against 030bbb6's 0.56 s (bar 0.5 s: not met).
Compiled from source each run (an editable checkout under PYTHONDONTWRITEBYTECODE) a compare costs some 0.4 G
more. Of the 3.26 G: compiling the 229 patterns a compare makes 0.39 G (main: 261 patterns, 0.82 G; 28 of
them held a class of the Chinese range, 8 M instructions each to compile, now 4; the rules' others wait
behind a cheap test every match passes, GuardedPattern), rjieba's dictionary 0.44 G and its tagger's model
for unknown words 0.18 G (loaded at the first tag), everything else 2.25 G on both branches (by stop 31's
split: interpreter, site, click and the package's module code 0.32 G, reading the two texts 0.10 G, figures
and targets 0.22 G, programs found, paired and judged 0.69 G, promises tracked and judged 1.0 G; the two
retrieval indexes some 25 ms each, most of it segmenting their passages).
"""
from __future__ import annotations

import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from policywatch.diffing.compare import Comparison, compare
from policywatch.diffing.figures import metric_key
from policywatch.snapshots import Document
from policywatch.snapshots.clean import clean
from policywatch.snapshots.inputs import document_from_file
from policywatch.text.normal import fold

ROOT = Path(__file__).resolve().parent.parent
KNOWN_TITLES = {"001": "深圳市科技创新局2023年工作总结和2024年工作计划"}


def seed(prefix: str) -> Document:
    doc = clean(next((ROOT / "seeds").glob(f"{prefix}_*.txt")).read_text(encoding="utf-8"))
    doc.title = doc.title or KNOWN_TITLES.get(prefix, "")
    return doc


def report(name: str) -> Document:
    return document_from_file(ROOT / "bench" / "reports" / f"{name}.txt")


class Tally:
    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
        self.misses: list[str] = []

    def add(self, name: str, want: bool, got: bool, note: str) -> None:
        """One labelled item: `want` it is the positive class, `got` the tool says so."""
        tp, fp, fn = self.counts[name]
        self.counts[name] = [tp + (want and got), fp + (got and not want), fn + (want and not got)]
        if want != got and note:
            self.misses.append(f"  {name}: {note}")

    def rows(self) -> list[str]:
        out = []
        for name, (tp, fp, fn) in sorted(self.counts.items()):
            precision = tp / (tp + fp) if tp + fp else float("nan")
            recall = tp / (tp + fn) if tp + fn else float("nan")
            out.append(f"  {name:34} precision {precision:5.2f} ({tp}/{tp + fp})"
                       f"  recall {recall:5.2f} ({tp}/{tp + fn})")
        return out


def _plain(name: str) -> str:
    return fold(name).translate({ord(c): None for c in '《》"“”'})


def _inside(phrase: str, figure: Any) -> bool:
    return figure is not None and fold(figure.raw) in fold(phrase) and fold(phrase) in fold(figure.sentence)


def score_public(result: Comparison, labels: dict[str, Any], pair: str, tally: Tally, extra: list[str]) -> None:
    for item in labels["figures"]:
        match = next((f for f in result.figures if _inside(item["old"], f.old) and _inside(item["new"], f.new)), None)
        got = match.status if match else "none"
        tally.add("figures changed", item["status"] == "changed", got == "changed",
                  f"{pair} {item['old']} -> {item['new']}: labelled {item['status']}, got {got}")
    for item in labels["targets"]:
        match = next((t for t in result.targets if _inside(item["target"], t.target)), None)
        got = match.status if match else "missing"
        if match and item["result"] and got != "not reported" and not _inside(item["result"], match.result):
            got = f"{got} (other result {match.result.raw if match.result else None})"
        tally.add("targets correct", True, got == item["status"],
                  f"{pair} {item['target']}: labelled {item['status']}, got {got}")
    names = {p.name: p for p in result.programs}

    def status_of(name: str) -> str:
        key = _plain(name)
        found = [p for n, p in names.items()
                 if key in _plain(n) or (_plain(n) in key and len(_plain(n)) >= 0.6 * len(key))]
        return found[0].status if found else "none"

    labelled = set()
    for kind in ("new", "continuing", "not"):
        for name in labels["programs"][kind]:
            got = status_of(name)
            labelled.add(_plain(name))
            tally.add("programs new", kind == "new", got == "new", f"{pair} {name}: labelled {kind}, got {got}")
    for program in result.programs:
        key = _plain(program.name)
        if program.status == "new" and not any(k in key or key in k for k in labelled):
            extra.append(f"  {pair}: {program.name}")
    for item in labels["commitments"]:
        match = next((c for c in result.commitments if fold(item["text"]) in fold(c.text)
                      or fold(c.text) in fold(item["text"])), None)
        got = match.status if match else "missing"
        tally.add("commitments dropped", item["status"] == "dropped", got == "dropped",
                  f"{pair} {item['text']}: labelled {item['status']}, got {got}")
        tally.add("commitments dropped (--all)", item["status"] == "dropped", got in ("dropped", "possibly dropped"),
                  "")


def shared_sources(eval_dir: Path, ours: list[tuple[str, Path]]) -> None:
    """The shared dev set by source, and each set of ours (dev or held-out), each through the shared score.py
    (unchanged)."""
    score = eval_dir / "score.py"
    if not score.exists():
        print(f"\n{eval_dir} not found: shared sources not scored")
        return
    labels = json.loads((eval_dir / "labels.json").read_text(encoding="utf-8"))
    env = {**os.environ, "PATH": f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    sources = [(name, [p for p in labels["pairs"] if p["old"].startswith(prefix)], eval_dir)
               for name, prefix in (("national", "national-"), ("provincial", "provincial-"))]
    sources += [(f"{role} {folder.name}", json.loads((folder / "labels.json").read_text(encoding="utf-8"))["pairs"],
                 folder) for role, folder in ours]
    print("\nShared sources, scored by score.py (unchanged):")
    with tempfile.TemporaryDirectory() as work:
        for name, pairs, base in sources:
            path = Path(work) / f"{name}.json"
            path.write_text(json.dumps({"pairs": pairs}, ensure_ascii=False), encoding="utf-8")
            done = subprocess.run([sys.executable, str(score), str(path), str(base)], capture_output=True,
                                  text=True, env=env, check=False)
            line = next((x for x in done.stdout.splitlines() if x.startswith("overall:")), done.stderr.strip())
            print(f"  {name} ({len(pairs)} pairs): {line.removeprefix('overall: ')}")


def score_seeds(result: Comparison, categories: dict[str, Any], pair: str, tally: Tally) -> None:
    for category, items in categories.items():
        for key, want in items:
            if category == "commitments":
                item = next((c for c in result.commitments if key in c.text), None)
                got = "missing" if item is None else "kept" if item.status in ("fulfilled", "carried_over") \
                    else item.status
                tally.add("commitments dropped", want == "dropped", got == "dropped",
                          f"{pair} {key}: labelled {want}, got {got}")
            elif category in ("programs", "not programs"):
                exact = next((p for p in result.programs if key in (p.name, p.old_name)), None)
                item = exact if category == "not programs" else exact or next(
                    (p for p in result.programs if key in p.name), None)
                got = item.status if item else "none"
                tally.add("programs new", want == "new", got == "new", f"{pair} {key}: labelled {want}, got {got}")
            else:
                def sides(f: Any) -> list[Any]:
                    return [x for x in (f.old, f.new) if x]
                item = next((f for f in result.figures if any(key in x.metric or metric_key(key) == x.key
                                                             for x in sides(f))), None)
                got = item.status if item else "missing"
                tally.add("figures changed", want == "changed", got == "changed",
                          f"{pair} {key}: labelled {want}, got {got}")


def command_time(*args: str, rounds: int = 5) -> str:
    """Wall time of `policywatch ARGS --format json`, start-up and imports included (what a user waits),
    best and median of the rounds, and the median CPU time (user + system) of the process with the load
    average: on a shared machine the wall time says more of the others than of the command. It says too
    whether the package's modules load as bytecode: an installed wheel's do, an editable checkout's under
    PYTHONDONTWRITEBYTECODE are compiled from source by every run (some 50 ms of a compare)."""
    exe = ROOT / ".venv" / "bin" / "policywatch"
    walls, cpus = [], []
    for _ in range(rounds):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([str(exe), *args, "--format", "json"], check=True, capture_output=True)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return (f"wall {min(walls):.2f} s best, {statistics.median(walls):.2f} s median; "
            f"CPU {statistics.median(cpus):.2f} s median (of {rounds}; load average {os.getloadavg()[0]:.1f}; "
            f"package {_loaded_as()})")


def _loaded_as() -> str:
    """How the command reads the package's modules: bytecode compiled beside them, or their source."""
    source = ROOT / "diffing" / "compare.py"
    compiled = Path(importlib.util.cache_from_source(str(source)))
    fresh = compiled.exists() and compiled.stat().st_mtime >= source.stat().st_mtime
    return "as bytecode" if fresh else "compiled from source each run"


def main() -> None:
    public = json.loads((ROOT / "bench" / "public-labels.json").read_text(encoding="utf-8"))
    tally, extra = Tally(), []
    for pair, labels in public["pairs"].items():
        old, new = pair.split("->")
        score_public(compare(report(old), report(new)), labels, pair, tally, extra)
    print("Public pairs (State Council work reports 2021-2025, labelled before the tool ran):")
    print("\n".join(tally.rows()))
    print("misses:\n" + ("\n".join(tally.misses) or "  none"))
    print("new programs no label covers (read by hand):\n" + ("\n".join(extra) or "  none"))
    if "--public-only" not in sys.argv:
        seeds = json.loads((ROOT / "bench" / "compare-labels.json").read_text(encoding="utf-8"))
        tally = Tally()
        for pair, categories in seeds.items():
            if not pair.startswith("_"):
                old, new = pair.split("->")
                score_seeds(compare(seed(old), seed(new)), categories, pair, tally)
        print("\nSeed pairs (written against):")
        print("\n".join(tally.rows()))
        print("misses:\n" + ("\n".join(tally.misses) or "  none"))
    reports = ROOT / "bench" / "reports"
    print(f"\ncompare as a command, 2023 vs 2024 report ({len((reports / 'gwr-2023.txt').read_text())} and "
          f"{len((reports / 'gwr-2024.txt').read_text())} characters): "
          f"{command_time('compare', str(reports / 'gwr-2023.txt'), str(reports / 'gwr-2024.txt'))}")
    five = [str(reports / f"gwr-{year}.txt") for year in (2021, 2022, 2023, 2024, 2025)]
    print(f"trend of five reports as a command: {command_time('trend', *five)}")
    ours = [(arg.removeprefix("--"), Path(sys.argv[i + 1])) for i, arg in enumerate(sys.argv[:-1])
            if arg in ("--dev", "--held-out")]
    shared_sources(ROOT.parent / "shared" / "eval", ours)


if __name__ == "__main__":
    main()
