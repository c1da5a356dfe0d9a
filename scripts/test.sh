#!/usr/bin/env bash
# Runs every ScrBot test on a fresh machine that has only the .NET SDK, Node/npm and Debian's apt.
# Installs what the tests need (pinned npm tools, Debian's Chromium), then runs the whole suite.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

echo "==> npm tools (tools/package-lock.json)"
(cd tools && npm ci --no-audit --no-fund --loglevel=error)

if ! command -v chromium >/dev/null 2>&1; then
  echo "==> Debian chromium (headless card rendering)"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

echo "==> dotnet test"
dotnet test ScrBot.sln --nologo --logger "console;verbosity=normal" "$@"
