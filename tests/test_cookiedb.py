"""The Open Cookie Database copy: shipped unmodified with its licence, looked up by id and name, read lazily."""

from __future__ import annotations

import csv
import subprocess
import sys

from generator import cookiedb

from .conftest import ROOT

GA = "256c18e8-d881-11e9-8a34-2a2ae2dbcce4"  # Google Analytics, _ga
GA_PREFIX = "d7496a0e-7f4b-4e20-b288-9d5e4852fa79"  # Google Analytics, _ga_ (wildcard)


def test_the_copy_is_the_published_file_with_its_licence_and_notice() -> None:
    folder = cookiedb.database_path().parent
    assert "Apache License" in (folder / "LICENSE").read_text(encoding="utf-8")
    with cookiedb.database_path().open(encoding="utf-8", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0][:4] == ["ID", "Platform", "Category", "Cookie / Data Key name"] and len(table) == 2265
    assert len(cookiedb.rows()) == 2264 and len({row.id for row in cookiedb.rows()}) == 2264
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    assert cookiedb.COMMIT in notice and cookiedb.REPOSITORY in notice and "Apache License" in notice


def test_rows_are_found_by_id_and_by_cookie_name_with_wildcards() -> None:
    row = cookiedb.by_id(f"ocd:{GA}")
    assert row is not None and row.name == "_ga" and row.platform == "Google Analytics" and not row.wildcard
    assert cookiedb.by_id(GA) == row and cookiedb.by_id("ocd:no-such-row") is None
    prefix = cookiedb.by_id(GA_PREFIX)
    assert prefix is not None and prefix.wildcard and prefix.name == "_ga_"
    assert prefix.matches("_ga_ABC123") and prefix.matches("_ga_<container-id>") and not prefix.matches("_ga")
    assert not row.matches("_ga_ABC123") and row.matches("_ga")
    assert [r.id for r in cookiedb.by_name("_ga_ABC123")] == [GA_PREFIX]
    assert cookiedb.by_name("_ga")[0] == row  # an exact row comes before any prefix row
    assert cookiedb.by_name("no_such_cookie_anywhere") == []
    found = cookiedb.search("cookiebot")
    assert found and all("cookiebot" in f"{r.platform} {r.name} {r.domain}".lower() for r in found)


def test_a_build_never_reads_the_database() -> None:
    code = (
        "import sys\n"
        "from generator.api import build_policy, load_answers, render\n"
        "from generator.catalogue import catalogue\n"
        f"policy = build_policy(load_answers({str(ROOT / 'answers' / 'shop.yaml')!r}))\n"
        "render(policy, 'pl', 'html'); catalogue()\n"
        "print('generator.cookiedb' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_the_lookup_tool_prints_rows_to_cite() -> None:
    tool = [sys.executable, str(ROOT / "tools" / "ocd_lookup.py")]
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    by_name = subprocess.run([*tool, "--name", "_ga_XYZ"], capture_output=True, text=True, env=env, check=False)
    assert by_name.returncode == 0 and f"ocd:{GA_PREFIX}" in by_name.stdout and "_ga_*" in by_name.stdout
    assert f"ocd:{GA}\n" not in by_name.stdout
    platform = subprocess.run([*tool, "Cookiebot"], capture_output=True, text=True, env=env, check=False)
    assert platform.returncode == 0 and "CookieConsent" in platform.stdout
    none = subprocess.run([*tool, "no-such-thing-xyz"], capture_output=True, text=True, env=env, check=False)
    assert none.returncode == 1 and "0 row(s)" in none.stderr
