#!/usr/bin/env bash
# Builds the Teams app package (manifest/build/ScrBot.zip by default).
#   scripts/build-app-package.sh --app-id <guid> --domain <host> [--help for the other options]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -d "$root/tools/node_modules/@microsoft/app-manifest" ]; then
  echo "The manifest schema package is not installed: run 'npm ci' in tools/ first." >&2
  exit 2
fi
exec node "$root/tools/manifest/build-app-package.mjs" "$@"
