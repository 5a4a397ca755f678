#!/usr/bin/env bash
# Everything both quick-start commands need: dependencies, the build, a Docker engine, images.
# Idempotent; quick when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "mkube setup: installing npm dependencies..." >&2
  # npm ci refuses this lock file (npm 11 leaves biome's optional per-platform packages out of
  # it), so fall back to a plain install, which resolves them from the same lock.
  npm ci --no-audit --no-fund --loglevel=error >&2 2>/dev/null ||
    npm install --no-audit --no-fund --loglevel=error >&2
fi
npm run --silent build >&2
bash scripts/ensure-docker.sh
bash scripts/build-images.sh >&2
