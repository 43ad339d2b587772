#!/usr/bin/env bash
# npm test: types, lint, formatting (Prettier), the integration suite on the embedded database, again on a PostgreSQL server when
# TEST_DATABASE_URL is set (with the small fault tests: kill -9, restarts, database away, fuzzer, authorisation probe,
# and the small synthetic city),
# then the browser journeys in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run typecheck
npm run lint
npm run format:check
echo "== integration tests: embedded PostgreSQL (PGlite)"
TEST_DATABASE_URL= npx vitest run
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== integration tests: PostgreSQL server ($TEST_DATABASE_URL)"
  npx vitest run
else
  echo "== TEST_DATABASE_URL not set: skipping the PostgreSQL-server pass"
fi
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== fault tests, small setting (kill -9, restarts, two processes, database away, fuzzer, authorisation probe)"
  FAULTS_SCALE=small npm run test:faults
  echo "== synthetic city, small (the benchmark dataset loads and checks itself)"
  npx tsx bench/generate.ts --size small --database-url "${TEST_DATABASE_URL%/*}/jiayuan_bench_ci" --recreate
fi
npm run test:e2e
