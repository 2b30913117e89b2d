"""Set translations in a language's catalog: ``python tools/translate.py LANG FILE.json``.

FILE.json maps each message id to its translation (a string, or a list of plural forms for a
plural message). Message ids must already be in the catalog (run tools/update_catalogs.sh first);
an unknown id is an error. Used when wording changes, so that translations land in one step.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def main(argv: list[str]) -> int:
    lang, source = argv
    path = Path("locales") / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    wanted = json.loads(Path(source).read_text(encoding="utf-8"))
    unknown = []
    for msgid, text in wanted.items():
        message = next((m for m in catalog if (m.id[0] if isinstance(m.id, tuple) else m.id) == msgid), None)
        if message is None:
            unknown.append(msgid)
            continue
        message.string = tuple(text) if isinstance(text, list) else text
        message.flags.discard("fuzzy")
    if unknown:
        print("not in the catalog:\n" + "\n".join(unknown), file=sys.stderr)
        return 1
    with path.open("wb") as fh:
        write_po(fh, catalog, width=76, omit_header=False, sort_output=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
