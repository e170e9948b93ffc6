#!/usr/bin/env bash
# JMH micro-benchmarks of the bidder's per-request building blocks, with the benchmark's own campaigns and request mix:
#   BidRequestReaderBenchmark   BidRequestReader.read over 20,000 distinct OpenRTB 2.6 requests
#   ConjunctionIndexBenchmark   recall over 10,000 campaigns' targeting (match; attributesAndMatch)
#   BidWritersBenchmark         response, bid context and BID event JSON: databind against the streaming writers
# ops/s and, with the GC profiler, bytes allocated per operation (gc.alloc.rate.norm). Output kept in
# bench-results/bidder-jmh-<run>.txt.
#
#   bench/bidder-jmh.sh [--no-build] [extra JMH arguments, e.g. -f 1 -wi 2 -i 3 or a benchmark regex]
#
# Environment: JMH_ARGS (default "-prof gc"); the benchmarks' own defaults are 1 fork (-Xms1g -Xmx1g, G1),
# 3 x 5 s warm-up, 5 x 5 s measurement.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
JMH_ARGS="${JMH_ARGS:--prof gc}"
run_id="$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
work="$repo/.run-local/bench-bidder-jmh-$run_id"
results="$repo/bench-results/bidder-jmh-$run_id.txt"
trap 'rm -rf "$work"' EXIT

if [[ "${1:-}" == "--no-build" ]]; then
  shift
else
  echo "building (offline)..."
  ./mvnw -q -o -DskipTests -pl loadgen -am install
fi
mkdir -p "$work" "$repo/bench-results"
./mvnw -q -o -pl loadgen dependency:build-classpath -Dmdep.outputFile="$work/loadgen.cp" >/dev/null
cp -r loadgen/target/classes "$work/classes" # a private copy: other builds may rewrite target/ meanwhile
benchmarks=("$@")
[[ ${#benchmarks[@]} -gt 0 ]] || benchmarks=('io.adplatform.loadgen.bidder.*Benchmark')
{
  echo "bidder JMH $run_id, $(date -u '+%Y-%m-%d %H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  # shellcheck disable=SC2086
  java -cp "$work/classes:$(cat "$work/loadgen.cp")" org.openjdk.jmh.Main $JMH_ARGS "${benchmarks[@]}"
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee "$results"
echo "output kept in $results"
