"""The command as an operator meets it, against a local site on 127.0.0.1: what a failing check says, the
progress bar (on a pty), one time zone, a closed pipe, a busy port, spreadsheet numbers, help texts, the
password hash, --help without importing the commands, and the demo's narration. What is about the process (a
terminal, a pipe, a port, imports, stdin) runs a real subprocess; the rest runs in this one (support.run)."""
from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import socket
import subprocess
import sys
import termios
import threading
import time

import click
from support import article, cli, free_port, run, write_config

from policywatch.monitor.demo.site import LocalSite, Page
from policywatch.monitor.web.auth import Auth
from policywatch.snapshots import Document

COMMAND = [sys.executable, "-m", "policywatch.monitor"]


def _notice(n: int = 1, extra: str = "") -> Page:
    return Page(article(Document(title=f"关于第{n}号项目的通知", published="2026-03-01",
                                 body=[f"第一条 资助不超过{300 + n}万元。", extra or "第二条 自发布之日起施行。"])))


def _on_pty(args: list[str], answers: tuple[tuple[str, str], ...] = (), timeout: float = 120) -> str:
    """Run a command on a terminal of its own (stdin, stdout, stderr and controlling terminal); each
    answer is typed once its prompt shows. Returns everything the command drew on the terminal."""
    leader, follower = pty.openpty()

    def own_terminal() -> None:
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    process = subprocess.Popen(args, stdin=follower, stdout=follower, stderr=follower, close_fds=True,
                               preexec_fn=own_terminal, env={**os.environ, "COLUMNS": "100"})
    os.close(follower)
    seen, pending = b"", list(answers)
    deadline = time.time() + timeout
    while time.time() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the follower side closed: the process ended
                break
            if not chunk:
                break
            seen += chunk
            if pending and pending[0][0] in seen.decode("utf-8", "replace").rsplit("\n", 1)[-1]:
                os.write(leader, pending.pop(0)[1].encode() + b"\r")
        elif process.poll() is not None:
            break
    process.wait(timeout=30)
    os.close(leader)
    return seen.decode("utf-8", "replace")


def test_check_prints_every_failing_page_when_it_exits_2(site, tmp_path):
    site.routes["/ok.html"] = _notice()
    cfg = tmp_path / "pw.toml"
    write_config(cfg, [{"name": "好的", "url": site.url("/ok.html")}, {"name": "坏的", "url": site.url("/gone.html")}],
                 failures_before_alert=3)
    ran = run("--db", str(tmp_path / "pw.db"), "check", "--config", str(cfg), "--no-notify")
    assert ran.returncode == 2  # the first failure of three: no alert yet, but the operator is told
    failing = [line for line in ran.stderr.splitlines() if "gone.html" in line]
    assert len(failing) == 1 and failing[0].startswith(f"policywatch: 坏的: {site.url('/gone.html')}: error [")
    assert "ok.html" not in ran.stderr
    verbose = run("--db", str(tmp_path / "pw.db"), "check", "--config", str(cfg), "--no-notify", "-v")
    assert f"policywatch: 好的: {site.url('/ok.html')}: unchanged" in verbose.stderr.splitlines()


def test_a_progress_bar_on_a_terminal_only(tmp_path):
    def slow(page: Page):  # type: ignore[no-untyped-def]
        def answer(handler):  # type: ignore[no-untyped-def]
            threading.Event().wait(1.5)  # a pass that lasts longer than a second (robots.txt answers at once)
            handler._send(page)
        return answer

    with LocalSite() as site:
        site.routes["/robots.txt"] = Page(b"User-agent: *\n", "text/plain")
        site.routes["/a.html"] = slow(_notice())
        cfg = tmp_path / "pw.toml"
        write_config(cfg, [{"name": "慢", "url": site.url("/a.html")}])
        db = str(tmp_path / "pw.db")
        drawn = _on_pty([*COMMAND, "--db", db, "check", "--config", str(cfg), "--no-notify"])
        assert "checking 1 watches:" in drawn and "pages" in drawn
        site.routes["/a.html"] = slow(_notice(extra="第二条 修订后施行。"))
        as_json = _on_pty([*COMMAND, "--db", db, "check", "--config", str(cfg), "--no-notify", "--json"])
        assert "checking" not in as_json and json.loads(as_json[as_json.index("{"):])["changes"] == 1
        cron = cli("--db", db, "check", "--config", str(cfg), "--no-notify")  # no terminal: cron
        assert cron.returncode == 0 and "checking" not in cron.stderr + cron.stdout


def test_one_time_zone_in_list_history_and_search(site, tmp_path):
    site.routes["/a.html"] = _notice()
    cfg, db = tmp_path / "pw.toml", str(tmp_path / "pw.db")
    write_config(cfg, [{"name": "通知", "url": site.url("/a.html"), "schedule": "every 6h"}])
    checked = json.loads(run("--db", db, "check", "--config", str(cfg), "--no-notify", "--json").stdout)
    assert checked["started"].endswith("+08:00") and checked["finished"].endswith("+08:00")
    rows = json.loads(run("--db", db, "list", "--config", str(cfg), "--json").stdout)
    times = [rows[0][key] for key in ("last_checked", "last_changed", "next_run")]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", t) for t in times), times
    listed = run("--db", db, "list", "--config", str(cfg)).stdout
    assert re.search(r"next \S+\+08:00", listed) and "+00:00" not in listed
    history = run("--db", db, "history", site.url("/a.html"), "--checks").stdout
    assert history.count("+08:00") == 2 and "+00:00" not in history
    found = run("--db", db, "search", "资助不超过301万元").stdout
    assert "+08:00" in found and "+00:00" not in found


def test_a_closed_pipe_ends_quietly(site, tmp_path):
    body = [f"第{n}条 为规范第{n}号项目管理，制定本办法。" for n in range(1, 20_001)]  # far beyond a pipe's buffer
    site.routes["/big.html"] = Page(article(Document(title="关于项目管理的办法", published="2026-03-01", body=body)))
    db = str(tmp_path / "pw.db")
    assert run("--db", db, "snapshot", site.url("/big.html")).returncode == 0
    for raw in ([], ["--raw"]):
        shown = subprocess.Popen([*COMMAND, "--db", db, "show", site.url("/big.html"), *raw], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE)
        assert shown.stdout is not None and shown.stderr is not None
        assert len(shown.stdout.read(100)) == 100  # a reader that has seen enough (`| head`) while the rest waits
        shown.stdout.close()
        assert shown.wait(60) == 0 and shown.stderr.read() == b""


def test_serve_on_a_busy_port_says_so_in_one_line(tmp_path):
    cfg = tmp_path / "pw.toml"
    write_config(cfg, [])
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        ran = cli("--db", str(tmp_path / "pw.db"), "serve", "--config", str(cfg), "--port", str(port), timeout=60)
    assert ran.returncode == 2 and "serving" not in ran.stderr
    assert ran.stderr.count("\n") == 1 and ran.stderr.startswith(f"policywatch: error: serve: 127.0.0.1:{port}: ")


def test_serve_says_it_serves_once_it_listens(tmp_path):
    cfg = tmp_path / "pw.toml"
    write_config(cfg, [])
    port = free_port()
    server = subprocess.Popen([*COMMAND, "--db", str(tmp_path / "pw.db"), "serve", "--config", str(cfg), "--port",
                               str(port)], stderr=subprocess.PIPE, text=True)
    try:
        assert server.stderr is not None
        assert server.stderr.readline().startswith(f"policywatch: serving http://127.0.0.1:{port}/")
        with socket.create_connection(("127.0.0.1", port), timeout=30):  # listening by the time it says so
            pass
    finally:
        server.terminate()
        server.wait(30)


def test_spreadsheet_numbers_as_written(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["项目", "数量", "金额（万元）"])
    sheet.append(["人工智能", 1, 2.5])
    sheet.append(["合成生物", 12, 300])
    path = tmp_path / "figures.xlsx"
    book.save(path)
    ran = run("clean", str(path))
    assert ran.returncode == 0, ran.stderr
    # a table with a heading row reads each cell under its row and column headings (snapshots/document.py)
    assert "人工智能 数量 1；" in ran.stdout and "合成生物 金额 300万元" in ran.stdout and ".0" not in ran.stdout


def test_every_option_has_help_and_ranges_only_where_they_mean_something():
    from policywatch.monitor.command.main import SUMMARY
    from policywatch.monitor.command.main import cli as click_group

    for name in SUMMARY:
        command = click_group.get_command(click.Context(click_group), name)
        assert command is not None
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts[0]} has no help text"
    shown = run("show", "--help").stdout
    assert "--version" in shown and "1000000000" not in shown and "-1 the latest" in shown
    added = run("add", "--help").stdout
    assert re.search(r"--tag TEXT\s+A tag", added)
    too_big = run("show", "http://bureau.test/a.html", "--version", "99999999999999999999")
    assert too_big.returncode == 2 and "no page has that many versions" in too_big.stderr


def test_the_password_hash_reads_the_password_from_stdin_or_a_prompt():
    piped = subprocess.run([*COMMAND, "serve", "--hash-password"], input="correct horse\n", capture_output=True,
                           text=True, timeout=60)
    assert piped.returncode == 0, piped.stderr
    hashed = piped.stdout.strip()
    assert hashed.startswith("scrypt$") and Auth(hashed, "", True, "").can_log_in
    assert Auth(hashed, "", True, "").check_password("correct horse")
    on_the_line = run("serve", "--hash-password", "correct horse")
    assert on_the_line.returncode == 2 and "scrypt$" not in on_the_line.stdout
    prompted = _on_pty([*COMMAND, "serve", "--hash-password"],
                       answers=(("Password:", "battery staple"), ("Repeat for confirmation:", "battery staple")))
    typed = prompted.strip().splitlines()[-1].strip()
    assert "battery staple" not in prompted and Auth(typed, "", True, "").check_password("battery staple")


def test_help_lists_every_command_without_importing_one():
    from policywatch.monitor.command.main import SUMMARY

    ran = subprocess.run([*COMMAND, "--help"], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "PYTHONPROFILEIMPORTTIME": "1"})
    assert ran.returncode == 0
    assert all(re.search(rf"^  {name}\s", ran.stdout, re.M) for name in SUMMARY)
    imported = {line.split("|")[-1].strip() for line in ran.stderr.splitlines() if line.startswith("import time:")}
    assert "policywatch.monitor.command.main" in imported
    heavy = {m for m in imported if m.startswith(("policywatch.monitor.command.", "sqlalchemy", "httpx", "rich"))}
    assert heavy == {"policywatch.monitor.command.main"}


def test_the_demo_narrates_each_step(tmp_path):
    ran = run("demo", "--workdir", str(tmp_path / "demo"))
    assert ran.returncode == 0, ran.stderr
    steps = [line for line in ran.stderr.splitlines() if line.startswith("demo: ")]
    assert len(steps) == 4 and "first pass" in steps[1] and "second pass" in steps[3]
    assert "http://127.0.0.1:" in steps[0] and "# " in ran.stdout  # the digest stays on stdout
    # One filter and one table change: of two new calls only the one the watch's keyword names is told,
    # and the funding table's edited cell reads with its row and column headings.
    assert "tells only news that mentions 人工智能" in steps[2]
    assert "关于组织申报2026年度人工智能专项的通知" in ran.stdout and "科技馆展品征集" not in ran.stdout
    assert "figure: 人工智能资助上限 3000万元 → 2500万元" in ran.stdout

