#!/usr/bin/env bash
# Measures what the metering proxy adds: wrk against a test inference server directly, then through
# `tokenjoule proxy`, for a whole JSON answer and for a stream of TOKENS server-sent events, each
# (a) paced near RATE requests/s (wrk's delay(): CONNECTIONS connections, each waiting
# CONNECTIONS/RATE s between requests) and (b) as fast as wrk can go. The server answers at once, so
# the difference between the two latencies is the proxy's. Then RSS of the proxy with
# SLOW_CONNECTIONS streams open at once (the server sends a token every 100 ms).
#
#   agent/proxy-bench.sh                      # JVM defaults for the proxy
#   DURATION=20 RATE=1000 agent/proxy-bench.sh -Xmx64m -XX:+UseSerialGC
# Needs wrk (apt-get install -y wrk) and a built tree (mvn -B package -DskipTests; test classes).
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${DURATION:-20}
rate=${RATE:-1000}
connections=${CONNECTIONS:-10}
tokens=${TOKENS:-16}
slow_connections=${SLOW_CONNECTIONS:-1000}
proxy_port=${PROXY_PORT:-18080}
metrics_port=${METRICS_PORT:-19848}
jar=target/tokenjoule.jar
command -v wrk >/dev/null || { echo "proxy-bench: wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
if [ ! -f "$jar" ] || [ ! -d target/test-classes/io/tokenjoule/proxy ]; then mvn -B -q package -DskipTests; fi
[ -f target/bench.classpath ] || mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

start_upstream() { # $1: ms between streamed tokens; prints the base URL
  rm -f "$work/upstream"
  java -Xmx256m -cp "$classpath" io.tokenjoule.proxy.BenchUpstream "$work/upstream" "$1" >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do [ -s "$work/upstream" ] && break; sleep 0.1; done
  head -1 "$work/upstream"
}

start_proxy() { # $1: upstream URL; the remaining arguments are JVM flags
  local upstream=$1
  shift
  java "$@" -jar "$jar" proxy --upstream "$upstream" --listen "127.0.0.1:$proxy_port" \
    --web.listen-address "127.0.0.1:$metrics_port" >/dev/null 2>&1 &
  proxy_pid=$!
  pids+=("$proxy_pid")
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$metrics_port/healthz" && break; sleep 0.1; done
}

script() { # $1: stream true|false, $2: delay ms
  cat >"$work/post-$1.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer sk-bench"
wrk.body = '{"model":"test-model","messages":[{"role":"user","content":"how much energy is a token"}],"max_tokens":$tokens,"stream":$1}'
function delay() return $2 end
LUA
  echo "$work/post-$1.lua"
}

run() { # $1: label, $2: URL, $3: stream, $4: connections, $5: delay ms
  local out
  out=$(wrk -t2 -c"$4" -d"${duration}s" --latency -s "$(script "$3" "$5")" "$2/v1/chat/completions")
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" | tr '\n' ' ' || true)
  printf '%-34s %10s req/s  p50 %8s  p99 %8s  %s\n' "$1" "$rps" "$p50" "$p99" "$errors"
}

upstream=$(start_upstream 0)
start_proxy "$upstream" "$@"
delay_ms=$((connections * 1000 / rate))
# Warm both JVMs' hot paths before measuring.
wrk -t2 -c"$connections" -d10s -s "$(script true 0)" "http://127.0.0.1:$proxy_port/v1/chat/completions" >/dev/null
wrk -t2 -c"$connections" -d5s -s "$(script false 0)" "http://127.0.0.1:$proxy_port/v1/chat/completions" >/dev/null
echo "proxy-bench: $(nproc) cores; $duration s per run; streams of $tokens tokens; JVM flags: ${*:-defaults}"
for stream in false true; do
  kind=$([ "$stream" = true ] && echo "stream" || echo "json")
  run "direct  $kind paced ~$rate/s" "$upstream" "$stream" "$connections" "$delay_ms"
  run "proxied $kind paced ~$rate/s" "http://127.0.0.1:$proxy_port" "$stream" "$connections" "$delay_ms"
  run "direct  $kind max" "$upstream" "$stream" 32 0
  run "proxied $kind max" "http://127.0.0.1:$proxy_port" "$stream" 32 0
done
curl -s "http://127.0.0.1:$metrics_port/metrics" | grep -E '^tokenjoule_proxy_(requests|tokens)_total' | sort

# Memory with many slow streams open at once.
kill "$proxy_pid"
slow=$(start_upstream 100)
start_proxy "$slow" "$@"
rss_before=$(awk '/^VmRSS:/ {print $2}' "/proc/$proxy_pid/status")
cat >"$work/slow.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"test-model","messages":[{"role":"user","content":"go"}],"max_tokens":300,"stream":true}'
LUA
wrk -t2 -c"$slow_connections" -d20s --timeout 60s -s "$work/slow.lua" "http://127.0.0.1:$proxy_port/v1/chat/completions" >/dev/null &
slow_wrk=$!
sleep 15
in_flight=$(curl -s "http://127.0.0.1:$metrics_port/metrics" | awk '/^tokenjoule_proxy_requests_in_flight/ {print $2}')
rss_during=$(awk '/^VmRSS:/ {print $2}' "/proc/$proxy_pid/status")
# Only wrk: a bare wait would also wait for the servers, which run until the exit trap.
wait "$slow_wrk"
printf 'proxy RSS: %d MiB idle, %d MiB with %s streams in flight\n' $((rss_before / 1024)) $((rss_during / 1024)) "$in_flight"
