"""Bounded work on large inputs: wall time and peak memory of `policywatch diff` and `compare` as commands,
on two kinds of input from 100 KB to 10 MB (UTF-8 bytes):

- dissimilar: random Chinese characters in sentences and paragraphs (seeded; two unrelated texts) — the
  worst case for a diff, nothing aligns;
- reshuffled: paragraphs of the bundled State Council reports drawn at random (half of them with their
  characters shuffled) — report-like text with figures, programs and promises throughout.

Targets (issue 15): 5 MB dissimilar diff < 10 s and < 500 MB; 1 MB compare < 5 s.

Then hostile inputs (issue 19), each read by `policywatch clean` (the file, or the URL on a local server):
an .xlsx with cells A1 and XFD1048576, a .docx holding 1 GB of XML, a 5,000-page PDF, a page served as
`Content-Encoding: gzip, gzip` that inflates to 4 GB, and a 1 MB gzip robots.txt that inflates to 1 GB.
Targets: each < 300 MB and < 10 s, the process alive (exit 0 or 2, never a signal).

    .venv/bin/python bench/bounds_bench.py [--max-mb 10] [--bombs-only]
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


def bombs() -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    import bombs as made  # tests/bombs.py: the same bombs the tests use

    from policywatch.monitor.demo.site import LocalSite, Page, bureau_html
    from policywatch.snapshots import Document

    folder = Path(tempfile.mkdtemp(prefix="pw-bombs-"))
    files = {"xlsx A1+XFD1048576": ("corners.xlsx", made.xlsx_corners()),
             "docx 1 GB of XML": ("body.docx", made.docx_with_body(1_000_000_000)),
             "pdf 5,000 pages": ("pages.pdf", made.pdf_pages(5000))}
    print(f"{'bomb':22} {'input':>9} {'s':>6} {'MB':>5} {'exit':>4}")
    for name, (file, data) in files.items():
        (folder / file).write_bytes(data)
        seconds, mb, code = measure("clean", str(folder / file))
        print(f"{name:22} {len(data) / 1e3:>7.1f}KB {seconds:>6.2f} {mb:>5.0f} {code:>4}", flush=True)

    def served(body: bytes, encoding: str, ctype: str) -> Page:
        return Page(body, content_type=ctype, headers={"Content-Encoding": encoding})

    page = Document(title="关于项目管理的通知", published="2026-03-01", body=["第一条 为规范项目管理，制定本办法。"])
    stacked = made.gzip_layers(4_000_000_000, 2)
    robots = made.gzip_layers(1_000_000_000, 1, b"# comment\n")
    with LocalSite() as site:
        site.routes["/bomb.html"] = served(stacked, "gzip, gzip", "text/html; charset=utf-8")
        site.routes["/robots.txt"] = served(robots, "gzip", "text/plain")
        site.routes["/page.html"] = Page(bureau_html(page).encode("utf-8"))
        for name, path, body in (("gzip, gzip 4 GB", "/bomb.html", stacked), ("robots.txt 1 GB", "/page.html", robots)):
            seconds, mb, code = measure("clean", site.url(path))
            print(f"{name:22} {len(body) / 1e3:>7.1f}KB {seconds:>6.2f} {mb:>5.0f} {code:>4}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-mb", type=float, default=10)
    parser.add_argument("--bombs-only", action="store_true", help="Only the hostile inputs of issue 19.")
    args = parser.parse_args()
    bombs()
    if args.bombs_only:
        return
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
