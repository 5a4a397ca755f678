#!/usr/bin/env bash
# Quick start, step 2: the whole test suite — lint, unit tests, then end-to-end tests against the
# real Docker engine (started and provisioned here if needed). CI runs exactly this.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/prepare.sh || exit 1

results=$(mktemp -d)
status=0
npx biome check src test bench scripts || status=1
node scripts/check-layers.mjs || status=1
npx vitest run --dir test/unit --reporter=default --reporter=json --outputFile="$results/unit.json" || status=1
npx vitest run --dir test/e2e --no-file-parallelism --reporter=default --reporter=json --outputFile="$results/e2e.json" || status=1

# One plain closing line over both runs.
node -e '
const fs = require("fs"); let p = 0, f = 0, s = 0;
for (const n of ["unit", "e2e"]) {
  try { const r = JSON.parse(fs.readFileSync(process.argv[1] + "/" + n + ".json", "utf8"));
    p += r.numPassedTests; f += r.numFailedTests; s += r.numPendingTests + (r.numTodoTests || 0);
  } catch { f += 1; }
}
console.log(`${p} passed, ${f} failed` + (s ? `, ${s} skipped` : ""));
' "$results"
rm -rf "$results"
exit $status
