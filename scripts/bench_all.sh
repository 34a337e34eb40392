#!/usr/bin/env bash
# Every figure issue 15's targets need, in one run on an idle machine (docs/performance.md,
# ADR 0033): the national set (`make bench`'s command, then 40 runs of four pages), the
# peer's shapes at R=200 and R=2,000 (`make bench-peer`'s command), the peer harness at
# R=200, then three alternating pairs of our report and the peer's at R=2,000, so each ratio
# compares figures taken within the same minute. Seed the databases first (`make bench`,
# `make bench-peer PEER_R=200` and `PEER_R=2000`, or `manage.py bench ... --seed-only`).
#
#   PEER=/path/to/copy/of/shared/bench/peer scripts/bench_all.sh
#
# PEER is a scratch copy of ../shared/bench/peer with its venv installed
# (`python3.11 -m venv venv && venv/bin/pip install -r requirements-freeze.txt`) and its
# site migrated into PEER_DATABASE_URL (default: the bench_peer_harness database).
set -u
cd "$(dirname "$0")/.."
: "${PEER:?PEER must name a scratch copy of ../shared/bench/peer}"
PEER_DATABASE_URL=${PEER_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/bench_peer_harness}
PG=postgres://postgres@127.0.0.1:5432
export SECRET_KEY=benchmark-only-not-secret DEBUG=false
stamp() {
  echo "## $(date -u +%Y-%m-%dT%H:%M:%SZ) $1 load: $(cut -d' ' -f1-3 /proc/loadavg)" \
    "commit $(git rev-parse --short HEAD)"
}
bench() { DATABASE_URL=$PG/$1 .venv/bin/python manage.py bench "${@:2}" 2>&1 | grep "^bench\|^#\|^peer-shape"; }
peer() {
  (cd "$PEER" && DATABASE_URL=$PEER_DATABASE_URL PEER_EXPORT_DIR=$PEER/site/export-pg \
    venv/bin/python bench_peer.py "$1" --only "$2" 2>&1 | grep "^peer")
}
national=(--partnerships 1250 --respondents 40 --rounds 1)
stamp national
bench bench_national "${national[@]}"
stamp "national, 40 runs, four pages"
bench bench_national "${national[@]}" --pages questionnaire,save,dashboard,report --runs 40
for R in 200 2000; do
  stamp "peer shape R=$R"
  bench "bench_peer$R" --peer-shape "$R"
done
stamp "peer harness R=200 (report, detail_form)"
peer 200 report,detail_form
stamp "report against the peer at R=2000, alternating, three pairs"
for _ in 1 2 3; do
  bench bench_peer2000 --peer-shape 2000 --pages report --runs 40
  peer 2000 report
done
stamp done
