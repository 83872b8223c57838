"""Bounded work on large inputs: wall time and peak memory of `policywatch diff` and `compare` as commands,
on two kinds of input from 100 KB to 10 MB (UTF-8 bytes):

- dissimilar: random Chinese characters in sentences and paragraphs (seeded; two unrelated texts) — the
  worst case for a diff, nothing aligns;
- reshuffled: paragraphs of the bundled State Council reports drawn at random (half of them with their
  characters shuffled) — report-like text with figures, programs and promises throughout.

Targets (issue 15): 5 MB dissimilar diff < 10 s and < 500 MB; 1 MB compare < 5 s.

    .venv/bin/python bench/bounds_bench.py [--max-mb 10]
"""
from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = ROOT / ".venv" / "bin" / "policywatch"
SIZES = (100_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000)


def corpus() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "bench" / "reports").glob("*.txt")))


def dissimilar(size: int, seed: int, chars: list[str]) -> str:
    rng, out, total = random.Random(seed), [], 0
    while total < size:
        text = "".join(rng.choice(chars) for _ in range(rng.randint(40, 200)))
        paragraph = "，".join(text[i:i + 15] for i in range(0, len(text), 15)) + "。"
        out.append(paragraph)
        total += len(paragraph.encode()) + 1
    return "\n".join(out)


def reshuffled(size: int, seed: int, lines: list[str]) -> str:
    rng, out, total = random.Random(seed), [], 0
    while total < size:
        line = rng.choice(lines)
        line = "".join(rng.sample(line, len(line))) if rng.random() < 0.5 else line
        out.append(line)
        total += len(line.encode()) + 1
    return "\n".join(out)


def measure(*args: str) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit status) of one command, started by a small go-between process: a
    child forked from this one would begin with this process's size (the generated inputs), and Linux
    keeps that peak across exec."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
             "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)")
    out = subprocess.run([sys.executable, "-c", probe, str(EXE), *args], capture_output=True, text=True,
                         check=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024, int(out[2])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-mb", type=float, default=10)
    args = parser.parse_args()
    text = corpus()
    chars = sorted({c for c in text if "\u4e00" <= c <= "\u9fff"})
    lines = [line for line in text.split("\n") if line.strip()]
    folder = Path(tempfile.mkdtemp(prefix="pw-bounds-"))
    print(f"{'input':11} {'size':>6} {'diff s':>7} {'diff MB':>8} {'compare s':>10} {'compare MB':>11}")
    for size in (s for s in SIZES if s <= args.max_mb * 1e6):
        for kind, make, source in (("dissimilar", dissimilar, chars), ("reshuffled", reshuffled, lines)):
            old, new = folder / f"{kind}-{size}-a.txt", folder / f"{kind}-{size}-b.txt"
            old.write_text(make(size, 1, source), encoding="utf-8")  # type: ignore[operator]
            new.write_text(make(size, 2, source), encoding="utf-8")  # type: ignore[operator]
            diff_s, diff_mb, diff_rc = measure("diff", str(old), str(new), "--format", "json")
            cmp_s, cmp_mb, cmp_rc = measure("compare", str(old), str(new), "--format", "json")
            note = "" if diff_rc in (0, 1) and cmp_rc == 0 else f"  (exit {diff_rc}/{cmp_rc})"
            print(f"{kind:11} {size / 1e6:>5g}M {diff_s:>7.2f} {diff_mb:>8.0f} {cmp_s:>10.2f} {cmp_mb:>11.0f}{note}",
                  flush=True)


if __name__ == "__main__":
    main()
