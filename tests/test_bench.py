"""The benchmark's references (bench/) make what they stand for: the bare reference writes the
policy's files, and the floor reference really validates the answers (no timing here: the figures
live in bench/ratios.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.build import BuildOptions, build

from .conftest import ROOT

SHOP = ROOT / "answers" / "shop.yaml"
BROKEN = ROOT / "tests" / "broken" / "07-nip-checksum.yaml"


def reference(script: str, answers: Path, final: Path, out: Path) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, str(ROOT / "bench" / script), str(answers), str(final), str(out)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_the_references_write_the_policy_and_the_floor_validates(tmp_path: Path) -> None:
    final = tmp_path / "final"
    final.mkdir()
    documents = build(SHOP, BuildOptions(formats=("md",)))
    for output in documents.outputs:
        (final / f"{output.lang}.md").write_text(output.text, encoding="utf-8")
    for script in ("bare.py", "floor.py"):
        out = tmp_path / script
        assert reference(script, SHOP, final, out).returncode == 0
        for output in documents.outputs:
            assert (out / output.lang / "privacy.md").read_text(encoding="utf-8") == output.text
            assert "<h1>" in (out / output.lang / "privacy.html").read_text(encoding="utf-8")
    assert reference("bare.py", BROKEN, final, tmp_path / "b").returncode == 0
    refused = reference("floor.py", BROKEN, final, tmp_path / "f")
    assert refused.returncode != 0 and "ValidationError" in refused.stderr
