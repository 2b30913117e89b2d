"""The bare reference of a cold build (issue 16): what any generator must pay, and nothing more.

Run: python bench/bare.py ANSWERS FINAL OUT

A fresh Python process that imports PyYAML, Jinja2 and markdown-it, reads the answers file with
PyYAML, renders each language's final Markdown (``FINAL/<lang>.md``, made beforehand by policygen)
through a one-line Jinja2 template, converts it to HTML with markdown-it and writes the Markdown and
the HTML of every language the answers name: the same files ``policygen build`` writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import yaml
from markdown_it import MarkdownIt


def main(answers: Path, final: Path, out: Path) -> None:
    data = yaml.safe_load(answers.read_text(encoding="utf-8"))
    template = jinja2.Environment(autoescape=False, keep_trailing_newline=True).from_string("{{ text }}")
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    for lang in data.get("languages", ["pl", "en"]):
        text = template.render(text=(final / f"{lang}.md").read_text(encoding="utf-8"))
        folder = out / lang
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "privacy.md").write_text(text, encoding="utf-8")
        (folder / "privacy.html").write_text(md.render(text), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
