#!/usr/bin/env bash
# Re-extract message ids into locales/messages.pot and merge them into every language's .po.
# Run from the repository root after changing wording.py, messages.py or cli.py messages.
set -euo pipefail
shopt -s nullglob
pybabel extract -k N_ -k N_plural:1,2 --no-location --omit-header --sort-output \
  -o locales/messages.pot generator/ >/dev/null
for po in locales/*/LC_MESSAGES/messages.po; do
  lang=$(basename "$(dirname "$(dirname "$po")")")
  pybabel update --no-fuzzy-matching --ignore-obsolete -i locales/messages.pot -d locales -l "$lang"
done
