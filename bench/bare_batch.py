"""The bare reference of a batch's per-file cost (issue 16): rendering the same outputs, nothing more.

Run: python bench/bare_batch.py FOLDER OUT

The policy of the first answers file in FOLDER is derived once, beforehand; then, for every answers
file in FOLDER, PyYAML reads it, policygen's own section templates (compiled, through the same
Jinja2 environment) render that policy in each of its languages, markdown-it converts each
language's Markdown to HTML, and the Markdown and HTML are written under OUT/<name>/<lang>/. No
validation, no derivation, no consistency checks, no build cache: what any generator of these
outputs pays per file. bench/ratios.py takes the difference between N files and one file, divided
by N - 1, as the per-file cost (the start-up cancels out).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.api import build_policy, load_answers  # noqa: E402
from generator.render import environment  # noqa: E402


def main(folder: Path, out: Path) -> None:
    files = sorted(folder.glob("*.yaml"))
    policy = build_policy(load_answers(files[0]))
    templates = {
        lang: [environment(lang).get_template(f"{name}.md.j2") for name in policy.sections] for lang in policy.languages
    }
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    for path in files:
        yaml.safe_load(path.read_text(encoding="utf-8"))
        for lang, sections in templates.items():
            text = "\n\n".join(template.render(policy=policy) for template in sections)
            folder_out = out / path.stem / lang
            folder_out.mkdir(parents=True, exist_ok=True)
            (folder_out / "privacy.md").write_text(text, encoding="utf-8")
            (folder_out / "privacy.html").write_text(md.render(text), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
