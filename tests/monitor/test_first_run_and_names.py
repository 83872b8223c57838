"""First run on a fresh machine, names that hide or reorder text, titles that break lines, and click's
usage errors: each through the real command, against the local HTTP server where a page is involved."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
import tomlkit
from support import article, run, seed_doc, write_config

from policywatch.monitor.demo.site import Page


def test_init_add_check_on_a_fresh_home_creates_the_data_folder(site, tmp_path):
    site.routes["/a.html"] = Page(article(seed_doc("004")))
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "POLICYWATCH_"))}
    env["HOME"] = str(home)
    assert fresh("init", env=env).returncode == 0
    config = next(home.rglob("policywatch.toml"))
    document = tomlkit.parse(config.read_text(encoding="utf-8"))
    document["settings"]["allow_private"] = True  # the local site is on 127.0.0.1
    document["settings"]["delay"] = 0.0
    config.write_text(tomlkit.dumps(document), encoding="utf-8")
    added = fresh("add", "local", site.url("/a.html"), "--tag", "local", env=env)
    assert added.returncode == 0, added.stderr
    checked = fresh("check", "--tag", "local", "--no-notify", env=env)
    assert checked.returncode == 0, checked.stderr
    assert list(home.rglob("policywatch.db"))
    history = fresh("history", site.url("/a.html"), env=env)
    assert history.returncode == 0 and len(history.stdout.strip().splitlines()) == 1


def fresh(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The command with exactly this environment (support.cli adds to the test's own)."""
    return subprocess.run([sys.executable, "-m", "policywatch.monitor", *args], capture_output=True, text=True,
                          timeout=180, env=env)


@pytest.mark.parametrize("name", ["evil\u202egpj.exe", "a\u200bb", "tab\tname", "line\u2028two", "\ufeffbom"])
def test_names_that_hide_or_reorder_text_are_refused_in_one_line(tmp_path, name):
    cfg = tmp_path / "w.toml"
    added = run("add", name, "http://example.com/a.html", "--config", str(cfg))
    assert added.returncode == 2 and added.stderr.count("\n") == 1 and added.stderr.startswith("policywatch: error:")
    assert "U+" in added.stderr
    assert not cfg.exists() or name not in cfg.read_text(encoding="utf-8")
    write_config(cfg, [{"name": name, "url": "http://example.com/a.html"}])
    listed = run("list", "--config", str(cfg))
    assert listed.returncode == 2 and listed.stderr.count("\n") == 1 and "U+" in listed.stderr


def test_names_are_nfc_so_look_alikes_are_one_name(tmp_path):
    cfg = tmp_path / "w.toml"
    assert run("add", "Cafe\u0301", "http://example.com/a.html", "--config", str(cfg)).returncode == 0
    assert "Caf\u00e9" in cfg.read_text(encoding="utf-8")
    again = run("add", "Caf\u00e9", "http://example.com/b.html", "--config", str(cfg))
    assert again.returncode == 2 and "exists already" in again.stderr


def test_a_title_with_line_breaks_stays_one_markdown_line():
    """A title as a PDF's metadata or a listing's link may carry it: CR/LF never starts a heading."""
    from datetime import UTC, datetime

    from policywatch.monitor.outbox.digest import Digest, Entry
    from policywatch.monitor.render import render

    when = datetime(2026, 1, 2, tzinfo=UTC)
    entry = Entry("change", "w", "http://example.com/a.html", "通知\r\n# injected\u2028## too", when, "1% changed",
                  ["changed: “甲\r\n# 乙” → “丙”"])
    digest = render("digest", "md", Digest(when, [entry])).splitlines()
    assert [line for line in digest if line.startswith("### 通知") and "injected" in line and "too" in line], digest
    assert [line for line in digest if "甲" in line and "乙" in line], digest
    diff = render("diff", "md", _diff(), old_label="a\n# x").splitlines()
    assert diff[0].startswith("# Changes: a") and "x" in diff[0], diff


def _diff():  # type: ignore[no-untyped-def]
    from policywatch.diffing.diff import diff_texts

    return diff_texts("甲乙", "甲丙")


@pytest.mark.parametrize("args", [("chek",), ("check", "--bogus"), ("diff",), ("check", "--wait", "-5")])
def test_usage_errors_are_one_line_exit_2(args):
    done = run(*args)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("policywatch: error: "), done.stderr


def test_help_and_version_still_work():
    shown = run("--help")
    assert shown.returncode == 0 and "Usage:" in shown.stdout
    assert run("--version").returncode == 0

