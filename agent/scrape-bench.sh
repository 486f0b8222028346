#!/usr/bin/env bash
# Measures how fast /metrics answers under load, beside node_exporter on the same machine: the
# agent of a simulated node of 8 GPUs and 8 servers (simulated servers in a second process, the
# agent with the JVM flags of agent/jvm.options, as agent/footprint.sh runs it), then
# prometheus-node-exporter, each loaded by wrk for DURATION seconds at about RATE requests/s
# (CONNECTIONS connections, each pausing between requests: the original wrk has no fixed rate) with
# Prometheus's Accept and Accept-Encoding headers. Prints wrk's latency distribution for each.
#
#   agent/scrape-bench.sh [DURATION] [RATE]      # defaults: 60 s, 500 requests/s
#
# Needs wrk and, for the comparison, prometheus-node-exporter (Debian packages).
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${1:-60}
rate=${2:-500}
connections=${CONNECTIONS:-10}
port=${PORT:-19847}
node_port=${NODE_EXPORTER_PORT:-19100}
jar=target/tokenjoule.jar
command -v wrk >/dev/null || { echo "scrape-bench: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -f "$jar" ] || mvn -B -q package -DskipTests
# shellcheck disable=SC2046 # one flag per word
set -- $(grep -v '^#' agent/jvm.options)
export MALLOC_ARENA_MAX=2

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
java -Xmx128m -jar "$jar" demo --sim.role servers --sim.port $((port + 1)) \
  --sim.gpus 8 --sim.servers 8 --report-every 0s >/dev/null 2>&1 &
pids+=($!)
java "$@" -jar "$jar" demo --sim.role agent --web.listen-address "127.0.0.1:$port" \
  --sim.port $((port + 1)) --sim.gpus 8 --sim.servers 8 --report-every 0s >/dev/null 2>&1 &
pids+=($!)
node_exporter=$(command -v prometheus-node-exporter || command -v node_exporter || true)
if [ -n "$node_exporter" ]; then
  "$node_exporter" --web.listen-address="127.0.0.1:$node_port" >/dev/null 2>&1 &
  pids+=($!)
fi
# Ready once the first tick was accounted; then a few ticks more, so every server is counted.
for ((i = 0; i < 120; i++)); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" && break
  sleep 1
done
curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" ||
  { echo "scrape-bench: the agent did not become ready on port $port in 120 s" >&2; exit 1; }
sleep 10

# Each connection waits so that all of them together send about $rate requests/s.
script=$(mktemp --suffix=.lua)
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -f "$script"' EXIT
cat >"$script" <<LUA
wrk.headers["Accept"] = "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.3,*/*;q=0.1"
wrk.headers["Accept-Encoding"] = "gzip"
function delay() return $((1000 * connections / rate)) end
LUA

bench() {
  echo "== $1: $2"
  curl -s -o /dev/null -w "page %{size_download} bytes gzipped, HTTP %{http_code}\n" \
    -H 'Accept-Encoding: gzip' "$2"
  wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$script" "$2"
}
bench "tokenjoule agent (8 GPUs x 8 servers)" "http://127.0.0.1:$port/metrics"
if [ -n "$node_exporter" ]; then
  bench "node_exporter" "http://127.0.0.1:$node_port/metrics"
fi
