#!/usr/bin/env bash
# Measures the agent's footprint: CPU (% of one core) and RSS, sampled every second for DURATION
# seconds, on a simulated node of GPUS GPUs and SERVERS servers (default 8 x 8), while Prometheus
# scrapes it every SCRAPE_EVERY seconds (default 15).
#
# The simulated servers run in a second process (demo --sim.role servers), so the figures are the
# agent's alone: its tick (GPU reads of its simulated GPUs, one scrape per server, accounting), its
# meters and its /metrics page. The JVM flags are those of the installed unit (agent/jvm.options)
# unless others are given.
#
#   agent/footprint.sh [DURATION_SECONDS] [JVM flags...]
#   GPUS=8 SERVERS=8 SCRAPE_EVERY=15 PORT=19847 agent/footprint.sh 600 -Xmx48m
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${1:-600}
shift || true
gpus=${GPUS:-8}
servers=${SERVERS:-8}
scrape_every=${SCRAPE_EVERY:-15}
port=${PORT:-19847}
jar=target/tokenjoule.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests
if (($# == 0)); then
  # shellcheck disable=SC2046 # one flag per word
  set -- $(grep -v '^#' agent/jvm.options)
fi
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}

java -Xmx128m -jar "$jar" demo --sim.role servers --sim.port $((port + 1)) \
  --sim.gpus "$gpus" --sim.servers "$servers" --report-every 0s >/dev/null 2>&1 &
simulator=$!
sleep 5
if ! kill -0 "$simulator" 2>/dev/null; then
  echo "footprint: the simulated servers did not start (is port $((port + 1)) free?)" >&2
  exit 1
fi
java "$@" -jar "$jar" demo --sim.role agent --web.listen-address "127.0.0.1:$port" \
  --sim.port $((port + 1)) --sim.gpus "$gpus" --sim.servers "$servers" --report-every 0s \
  >/dev/null 2>&1 &
pid=$!
trap 'kill $pid $simulator 2>/dev/null || true' EXIT

scrape() { curl -s -o /dev/null "http://127.0.0.1:$port/metrics" || true; }
# Let it start, fill its window and compile its hot paths before measuring.
for ((i = 0; i < 60; i++)); do
  sleep 1
  if ((i % scrape_every == 0)); then scrape; fi
done
ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$pid/status"; }

start_ticks=$(cpu_ticks)
start_time=$(date +%s.%N)
max_rss=0
sum_rss=0
for ((i = 1; i <= duration; i++)); do
  sleep 1
  if ((i % scrape_every == 0)); then scrape; fi
  rss=$(rss_kib)
  sum_rss=$((sum_rss + rss))
  if ((rss > max_rss)); then max_rss=$rss; fi
done
end_ticks=$(cpu_ticks)
end_time=$(date +%s.%N)
page_bytes=$(curl -s "http://127.0.0.1:$port/metrics" | wc -c)

awk -v t="$ticks" -v c0="$start_ticks" -v c1="$end_ticks" -v w0="$start_time" -v w1="$end_time" \
  -v n="$duration" -v sum="$sum_rss" -v max="$max_rss" -v g="$gpus" -v s="$servers" \
  -v every="$scrape_every" -v page="$page_bytes" -v flags="$*" \
  'BEGIN {
     printf "node: %d simulated GPUs x %d servers, %d s, scraped every %d s (%d-byte page)\n", g, s, n, every, page
     printf "jvm flags: %s\n", flags
     printf "cpu: %.2f%% of one core\n", 100 * (c1 - c0) / t / (w1 - w0)
     printf "rss: mean %.1f MiB, max %.1f MiB\n", sum / n / 1024, max / 1024
   }'
