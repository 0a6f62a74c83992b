#!/usr/bin/env bash
# The samplers' regret table and suggestion times (see search/BENCHMARKS.md), through surefire's benchmark profile.
# Extra -D settings pass through, e.g.  bench/search-regret.sh -Dbench.seeds=5 -Dbench.methods=tpe,bayes -Dbench.threads=2
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -o -q -pl search test -Pbenchmark -Dtest='RegretBenchmark,SuggestTimeBenchmark' "$@"
