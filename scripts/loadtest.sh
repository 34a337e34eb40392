#!/usr/bin/env bash
# The load test (issue 15, docs/adr/0033-benchmarks-and-load-test.md): gunicorn with the
# production settings file (partnership_site/gunicorn.conf.py) on a PostgreSQL benchmark
# database, LOADTEST_USERS simulated respondents (default 50) answering and submitting
# questionnaires through personal links for LOADTEST_DURATION (default 60s), driven by
# locust headless on the same machine; then a check that every answer they submitted is in
# the database (manage.py loadtest_round --check). Exit status 1 if locust saw any error or
# any answer is missing. Never part of `make test`. When the time is up each respondent stops
# at their next pause between pages (--stop-timeout), so no request is cut off half-way.
#
#   make loadtest
#   LOADTEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_loadtest scripts/loadtest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT=${LOADTEST_PORT:-8765}
USERS=${LOADTEST_USERS:-50}
DURATION=${LOADTEST_DURATION:-60s}
OUT=${LOADTEST_OUT:-$(mktemp -d -t loadtest.XXXXXX)}
mkdir -p "$OUT"
export DATABASE_URL=${LOADTEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/bench_loadtest}
export SECRET_KEY=${SECRET_KEY:-loadtest-only-not-secret} DEBUG=false
# Plain HTTP on this machine: no HTTPS redirect, cookies without the Secure flag.
export SECURE_SSL_REDIRECT=false SECURE_COOKIES=false ALLOWED_HOSTS=127.0.0.1
export BIND=127.0.0.1:$PORT GUNICORN_LOG_LEVEL=warning

# The database is created if it does not exist (the name must contain "bench").
$PY scripts/create_bench_database.py
$PY manage.py migrate --no-input -v0
$PY manage.py collectstatic --no-input -v0
export LOADTEST_TOKENS=$OUT/tokens.txt
setup=$($PY manage.py loadtest_round --setup --tokens "$LOADTEST_TOKENS")
round_id=$(sed -n 's/^round=\([0-9]*\) .*/\1/p' <<<"$setup")
export LOADTEST_POSTED=$OUT/posted.json

.venv/bin/gunicorn --config partnership_site/gunicorn.conf.py >"$OUT/gunicorn.log" 2>&1 &
gunicorn_pid=$!
trap 'kill $gunicorn_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/sign-in/" && break
  sleep 0.2
done

echo "## $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg); round=$round_id users=$USERS duration=$DURATION out=$OUT"
status=0
.venv/bin/locust -f scripts/loadtest/locustfile.py --headless --users "$USERS" \
  --spawn-rate "$(( USERS / 5 > 0 ? USERS / 5 : 1 ))" --run-time "$DURATION" --stop-timeout 30 \
  --host "http://127.0.0.1:$PORT" --csv "$OUT/locust" --only-summary --loglevel WARNING \
  || status=1
kill "$gunicorn_pid"; wait "$gunicorn_pid" 2>/dev/null || true
# Throughput, p95 and errors over every request (locust's "Aggregated" row).
$PY - "$OUT/locust_stats.csv" <<'PY'
import csv, sys
row = next(r for r in csv.DictReader(open(sys.argv[1])) if r["Name"] == "Aggregated")
print(f"loadtest requests={row['Request Count']} errors={row['Failure Count']} "
      f"requests_per_s={float(row['Requests/s']):.1f} median_ms={row['Median Response Time']} "
      f"p95_ms={row['95%']} max_ms={float(row['Max Response Time']):.0f}")
PY
$PY manage.py loadtest_round --check "$round_id" --posted "$LOADTEST_POSTED" || status=1
exit $status
