#!/usr/bin/env bash
# `npm test`: the whole suite, as CI runs it. Lint, types, the pure engine under several process time zones,
# the database suite on PGlite and a throwaway PostgreSQL, then the browser tests against a production build.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

ensure_chromium() {
  local chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [ -x "$chromium" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing Debian's chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium not found at $chromium: install it (apt-get install chromium) or set CHROMIUM_PATH." >&2
    exit 1
  fi
}

echo "== lint (eslint, then knip: unused files, exports and dependencies)"
npm run --silent lint
echo "== typecheck"
npm run --silent typecheck

# The engine must give the same answers whatever TZ the server runs in.
for tz in UTC America/Sao_Paulo Asia/Kolkata Pacific/Chatham; do
  echo "== unit tests, TZ=$tz"
  TZ=$tz npx vitest run --project unit --reporter=default --reporter=json --outputFile="$results/unit-${tz//\//_}.json"
done

echo "== database tests (PGlite and PostgreSQL)"
npx vitest run --project db --reporter=default --reporter=json --outputFile="$results/db.json"

echo "== browser tests"
ensure_chromium
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" npm run --silent test:e2e -- --reporter=list,json

# Recurring scenarios end to end over HTTP, against `next start` on the build the browser step just made: once
# on the embedded PGlite, once on a throwaway PostgreSQL.
echo "== smoke:recurring --strict-balance (PGlite and PostgreSQL)"
node --import tsx scripts/smoke-servers.ts --strict-balance

node -e '
const fs = require("fs"), dir = process.argv[1];
let passed = 0, failed = 0, skipped = 0;
for (const f of fs.readdirSync(dir)) {
  const r = JSON.parse(fs.readFileSync(dir + "/" + f, "utf8"));
  if (r.stats && "expected" in r.stats) { passed += r.stats.expected; failed += r.stats.unexpected; skipped += r.stats.skipped; }
  else { passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + (r.numTodoTests || 0); }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
' "$results"
