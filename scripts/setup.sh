#!/usr/bin/env bash
# Quick start, step 1: set everything up on a fresh machine, then apply the example pod and
# show it running, as `kubectl get pods` would.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prepare.sh

mkube() { node bin/mkube.cjs "$@"; }
mkube apply -f examples/twocontainers.yaml
# Wait like a script would, then show it.
for _ in $(seq 1 120); do
  phase=$(mkube get pod twocontainers -o=jsonpath='{.status.phase}' 2>/dev/null || true)
  ready=$(mkube get pod twocontainers -o=jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null || true)
  [ "$phase" = Running ] && [ "$ready" = True ] && break
  sleep 0.5
done
mkube get pods
echo
echo "Try: node bin/mkube.cjs exec twocontainers -c shell -it -- sh   (then: wget -qO- localhost:9876/info)"
echo "     (npm link puts 'mkube' on your PATH)"
