"""The floor of a cold build that validates its answers (issue 16): ``bench/bare.py`` plus the
answers model imported and the answers file validated with it, nothing else.

Run: python bench/floor.py ANSWERS FINAL OUT

Everything ``policygen build`` does besides (the consistency checks, derivation, the section
templates, the catalogue, the views) is left out; so no build that validates its answers with the
model can cost less than this, and ``bench/ratios.py --only floor`` prints how it compares with the
bare reference.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[0:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

import yaml  # noqa: E402
from bare import main  # noqa: E402

from generator.model import Answers  # noqa: E402

if __name__ == "__main__":
    answers = Path(sys.argv[1])
    Answers.model_validate(yaml.safe_load(answers.read_text(encoding="utf-8")))
    main(answers, Path(sys.argv[2]), Path(sys.argv[3]))
