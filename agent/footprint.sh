#!/usr/bin/env bash
# Measures the agent's footprint: CPU (% of one core) and RSS, sampled every second, while it runs the
# demo on a simulated node of GPUS GPUs and SERVERS servers (default 8 x 8) for DURATION seconds.
# The figure includes the simulator, which runs in the same JVM and serves the servers' pages.
#
#   agent/footprint.sh [DURATION_SECONDS] [JVM flags...]
#   GPUS=8 SERVERS=8 PORT=19847 agent/footprint.sh 600 -Xmx64m -XX:+UseSerialGC
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${1:-600}
shift || true
gpus=${GPUS:-8}
servers=${SERVERS:-8}
port=${PORT:-19847}
jar=target/tokenjoule.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests

java "$@" -jar "$jar" demo --web.listen-address "127.0.0.1:$port" --sim.port $((port + 1)) \
  --sim.gpus "$gpus" --sim.servers "$servers" --report-every 0s >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT

# Let it start and warm up before measuring.
sleep 20
ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$pid/status"; }

start_ticks=$(cpu_ticks)
start_time=$(date +%s.%N)
max_rss=0
sum_rss=0
for ((i = 0; i < duration; i++)); do
  sleep 1
  # A scrape a second, as a Prometheus scraping every second would.
  curl -s -o /dev/null "http://127.0.0.1:$port/metrics"
  rss=$(rss_kib)
  sum_rss=$((sum_rss + rss))
  ((rss > max_rss)) && max_rss=$rss
done
end_ticks=$(cpu_ticks)
end_time=$(date +%s.%N)

awk -v t="$ticks" -v c0="$start_ticks" -v c1="$end_ticks" -v w0="$start_time" -v w1="$end_time" \
  -v n="$duration" -v sum="$sum_rss" -v max="$max_rss" -v g="$gpus" -v s="$servers" -v flags="$*" \
  'BEGIN {
     printf "node: %d simulated GPUs x %d servers, %d s, JVM flags: %s\n", g, s, n, (flags == "" ? "(defaults)" : flags)
     printf "cpu: %.2f%% of one core\n", 100 * (c1 - c0) / t / (w1 - w0)
     printf "rss: mean %.1f MiB, max %.1f MiB\n", sum / n / 1024, max / 1024
   }'
