#!/usr/bin/env bash
# Re-extract the message ids and merge them into every language's catalogs (see tools/catalogs.py).
set -euo pipefail
exec python tools/catalogs.py update
