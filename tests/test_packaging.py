"""A non-editable install into a fresh venv, run from another directory, builds a policy."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.mark.skipif(os.environ.get("POLICYGEN_SKIP_PACKAGING") == "1", reason="POLICYGEN_SKIP_PACKAGING=1")
def test_wheel_install_builds_a_policy_from_elsewhere(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    clean_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(ROOT)],
        capture_output=True,
        text=True,
        env=clean_env,
        timeout=900,
    )
    assert install.returncode == 0, install.stderr[-3000:]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    answers = ROOT / "answers" / "blogger.yaml"
    build = subprocess.run(
        [str(env_dir / "bin" / "policygen"), "build", str(answers), "--out", "site"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=clean_env,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    pl = (elsewhere / "site" / "blogger" / "pl" / "privacy.html").read_text(encoding="utf-8")
    assert '<html lang="pl">' in pl and "Agnieszka Wróbel" in pl

    # The installed package must not be the checkout: templates and catalogs travel inside it.
    where = subprocess.run(
        [str(python), "-c", "import generator.resources as r; print(r.templates_dir()); print(r.locales_dir())"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=clean_env,
        check=True,
    ).stdout.split()
    assert all(str(env_dir) in w for w in where), where

    # The Open Cookie Database travels with its licence, and NOTICE says where it comes from.
    shipped = subprocess.run(
        [
            str(python),
            "-c",
            "import generator.cookiedb as c, generator.resources as r; p = c.database_path(); "
            "print(len(c.rows()), (p.parent / 'LICENSE').is_file(), 'Open Cookie Database' in "
            "(r.PACKAGE / 'NOTICE').read_text(encoding='utf-8'))",
        ],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=clean_env,
        check=True,
    ).stdout.split()
    assert shipped == ["2264", "True", "True"], shipped

    # So does the consent banner's library, and `policygen banner` writes it unchanged.
    banner = subprocess.run(
        [str(env_dir / "bin" / "policygen"), "banner", str(ROOT / "tests" / "fixtures" / "banner.yaml"), "--out", "b"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=clean_env,
        timeout=300,
    )
    assert banner.returncode == 0, banner.stderr
    for name in ("cookieconsent.umd.js", "cookieconsent.css"):
        shipped_file = elsewhere / "b" / "banner" / "banner" / name
        assert (
            shipped_file.read_bytes() == (ROOT / "generator" / "data" / "vendor" / "cookieconsent" / name).read_bytes()
        )
    assert "Orest Bida" in (elsewhere / "b" / "banner" / "banner" / "cookieconsent-LICENSE.txt").read_text("utf-8")
    assert sys.prefix != str(env_dir)
