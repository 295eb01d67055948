#!/usr/bin/env bash
# npm run demo: everything a fresh machine needs, then the lab's five systems and
# Lantern watching them. Ctrl-C stops every process it started.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/ensure-services.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[demo] installing npm packages"
  npm install --no-audit --no-fund
fi
# Build when there is no build, or when a source file is newer than it.
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib probes public next.config.mjs package.json -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  echo "[demo] building Lantern"
  npm run build
fi
exec node --import tsx lab/demo.ts
