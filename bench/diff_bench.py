"""Differ benchmark, in one run: a near-identical pair of 1 MB documents and seeds 001 vs 000, timed for
policywatch (warm), difflib.SequenceMatcher by character, and plain pure-Python diff-match-patch
(Diff_Timeout 0, i.e. a minimal diff, as policywatch computes). Peers run in a subprocess with a time
limit, since difflib takes minutes at this size.
Usage: python bench/diff_bench.py [--limit SECONDS]
"""
from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

from policywatch.diffing.diff import diff_texts
from policywatch.snapshots.clean import clean

ROOT = Path(__file__).resolve().parent.parent
LIMIT = float(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else 120.0

PEERS = {
    "difflib": "import difflib,sys; a,b=open(sys.argv[1]).read(),open(sys.argv[2]).read(); "
               "difflib.SequenceMatcher(None,a,b,autojunk=False).get_opcodes()",
    "diff-match-patch": "import sys; from diff_match_patch import diff_match_patch as D; d=D(); "
                        "d.Diff_Timeout=0; a,b=open(sys.argv[1]).read(),open(sys.argv[2]).read(); "
                        "d.diff_cleanupSemantic(d.diff_main(a,b))",
}


def seed(prefix: str) -> str:
    return clean(next((ROOT / "seeds").glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")).text()


def megabyte_pair() -> tuple[str, str]:
    """~1 MB of UTF-8 report text (the seeds' paragraphs, numbered so none repeats), and a copy with
    40 scattered edits: figures changed, sentences inserted and removed."""
    paragraphs = [p for prefix in ("000", "001", "002", "003", "004") for p in seed(prefix).split("\n")]
    out, n = [], 0
    while sum(len(p.encode()) + 1 for p in out) < 1_000_000:
        out.append(f"{n}. {paragraphs[n % len(paragraphs)]}")
        n += 1
    rng = random.Random(7)
    new = list(out)
    for _ in range(40):
        i = rng.randrange(len(new))
        choice = rng.random()
        if choice < 0.4:
            new[i] = new[i].replace("。", "，并新增一项试点任务。", 1)
        elif choice < 0.8:
            new[i] = new[i].replace("1", "2", 1)
        else:
            new[i] = new[i][: len(new[i]) // 2] + "。"
    return "\n".join(out), "\n".join(new)


def ours(old: str, new: str) -> float:
    diff_texts(old, new)  # warm: segmenter loaded, caches primed
    start = time.perf_counter()
    diff_texts(old, new)
    return time.perf_counter() - start


def peer(name: str, old: str, new: str, tmp: Path) -> str:
    (tmp / "a.txt").write_text(old, encoding="utf-8")
    (tmp / "b.txt").write_text(new, encoding="utf-8")
    start = time.perf_counter()
    try:
        subprocess.run([sys.executable, "-c", PEERS[name], str(tmp / "a.txt"), str(tmp / "b.txt")],
                       timeout=LIMIT, check=True, capture_output=True)
    except subprocess.TimeoutExpired:
        return f"> {LIMIT:.0f} s"
    except subprocess.CalledProcessError as exc:
        return f"failed ({exc.stderr.decode()[-80:].strip()})"
    return f"{time.perf_counter() - start:.2f} s"


def main() -> None:
    import tempfile
    tmp = Path(tempfile.mkdtemp(prefix="pw-bench-diff-"))
    cases = {"1 MB near-identical": megabyte_pair(), "seeds 001 vs 000": (seed("001"), seed("000"))}
    print(f"{'case':22} {'chars':>9} {'policywatch':>12} {'difflib':>12} {'dmp (python)':>14}")
    for label, (old, new) in cases.items():
        print(f"{label:22} {len(old):>9} {ours(old, new):>10.3f} s {peer('difflib', old, new, tmp):>12} "
              f"{peer('diff-match-patch', old, new, tmp):>14}", flush=True)
    print("(peers include ~0.05 s of interpreter start-up; policywatch is timed warm, in-process)")


if __name__ == "__main__":
    main()
