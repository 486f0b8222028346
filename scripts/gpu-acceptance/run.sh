#!/usr/bin/env bash
# The GPU acceptance check in one script: the agent's J/token on a real GPU against an independent
# meter (the acceptance kit's server, ../shared/gpu-acceptance), with its footprint.
#
#   scripts/gpu-acceptance/run.sh prepare      on a build machine: makes gpu/, a self-contained folder
#                                              (the shaded jar, a jlink'd Java runtime, the kit's
#                                              server and this check's helpers), ~50 MB
#   scripts/gpu-acceptance/run.sh [OUT_DIR]    on the GPU machine (no Java, no network needed):
#                                              builds gpu/ first if it is missing and a JDK is at hand
#
# The run, on GPU 0: the agent (real NVML, no simulator, the flags of agent/jvm.options plus Native
# Memory Tracking) starts first, tick 1 s, window 20 s, debug log (its windows with their spans).
# The kit's server then generates twice on port 8000: counting generated tokens at every decode
# step (as vLLM does), then once per finished batch (as TGI, llama.cpp and SGLang's request-end
# counters do), each with idle stretches. A sampler reads the agent's /metrics, RSS and CPU every
# 2 s. Everything is stopped by pid, and everything written goes into OUT_DIR/gpu-acceptance.tar.gz.
# scripts/gpu-acceptance/report.sh ARCHIVE then gives the window-by-window table.
#
# Phases (batch:seconds, 0 = idle) can be changed with STEP_PHASES and BATCH_PHASES.
set -euo pipefail
cd "$(dirname "$0")/../.."

kit=../shared/gpu-acceptance
folder=gpu

prepare() {
  local jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
  [ -f target/tokenjoule.jar ] || mvn -B -q package -DskipTests
  rm -rf "$folder"
  mkdir -p "$folder"
  "$jdk/bin/jlink" --output "$folder/jre" \
    --add-modules java.base,java.naming,java.net.http,java.sql,jdk.management,jdk.unsupported,jdk.crypto.ec,java.logging,java.management,java.xml,jdk.zipfs \
    --strip-debug --no-header-files --no-man-pages --compress=2
  find "$folder/jre" -name '*.so' -exec strip --strip-unneeded {} +
  cp target/tokenjoule.jar "$folder/tokenjoule.jar"
  # JNA's natives for every other platform: only linux-x86-64 runs there.
  local others
  others=$(unzip -Z1 "$folder/tokenjoule.jar" | grep -E '^com/sun/jna/[^/]+/libjnidispatch' |
    grep -v '^com/sun/jna/linux-x86-64/' || true)
  if [ -n "$others" ]; then
    # shellcheck disable=SC2086 # one entry per word
    zip -q -d "$folder/tokenjoule.jar" $others
  fi
  cp "$kit/llm_server.py" "$folder/"
  cp scripts/gpu-acceptance/sample_agent.py scripts/gpu-acceptance/nvml_cost.py agent/jvm.options \
    "$folder/"
  du -sh "$folder"
}

if [ "${1:-}" = prepare ]; then
  prepare
  exit 0
fi

out=${1:-${OUT:-$PWD/gpu-out}}
if [ ! -x "$folder/jre/bin/java" ]; then
  prepare
fi
work=$(mktemp -d)
mkdir -p "$out"
step_phases=${STEP_PHASES:-0:8,8:30,0:10,64:30,256:30,0:12}
batch_phases=${BATCH_PHASES:-0:5,8:30,64:30,256:25,0:10}
# A server that hangs is stopped after this long, so the archive is always written.
server_limit=${SERVER_LIMIT_SECONDS:-240}
port=8000
agent_port=9847
pids=()
# Whatever happens, everything started is stopped by pid and everything written is packed.
finish() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  tar -C "$work" -czf "$out/gpu-acceptance.tar.gz" .
  ls -l "$out/gpu-acceptance.tar.gz"
}
trap finish EXIT

{
  date -u +%FT%TZ
  nvidia-smi --query-gpu=name,driver_version,power.limit,memory.total,power.draw --format=csv || true
  nproc
  python3 -c 'import torch, transformers; print("torch", torch.__version__, "transformers", transformers.__version__)' || true
} >"$work/environment.txt" 2>&1

# What NVML alone costs a process: RSS before and after nvmlInit and one energy read, in Python.
python3 - >"$work/nvml-rss.txt" 2>&1 <<'PY' || true
import pynvml
def rss():
    return int([l for l in open("/proc/self/status") if l.startswith("VmRSS")][0].split()[1])
before = rss()
pynvml.nvmlInit()
h = pynvml.nvmlDeviceGetHandleByIndex(0)
pynvml.nvmlDeviceGetTotalEnergyConsumption(h)
after = rss()
print(f"python RSS before nvmlInit {before} KiB, after init and one energy read {after} KiB, NVML adds {after - before} KiB")
PY

python3 "$folder/nvml_cost.py" >"$work/nvml-cost.txt" 2>&1 || true

cat >"$work/tokenjoule.yaml" <<YAML
listen_address: "127.0.0.1:$agent_port"
tick: 1s
window: 20s
gpus: [0]
state_dir: $work/state
servers:
  - name: acceptance
    url: http://127.0.0.1:$port/metrics
    engine: vllm
    gpus: [0]
YAML

mapfile -t flags < <(grep -v -e '^#' -e '^[[:space:]]*$' "$folder/jvm.options")
MALLOC_ARENA_MAX=2 "$folder/jre/bin/java" "${flags[@]}" \
  -XX:NativeMemoryTracking=summary -XX:+UnlockDiagnosticVMOptions -XX:+PrintNMTStatistics \
  -jar "$folder/tokenjoule.jar" agent --config "$work/tokenjoule.yaml" --log.level debug \
  >"$work/agent.log" 2>&1 &
agent=$!
pids+=("$agent")
python3 "$folder/sample_agent.py" "$agent" "http://127.0.0.1:$agent_port/metrics" \
  "$work/samples.jsonl" &
pids+=("$!")

serve() {
  local mode=$1 phases=$2
  timeout "$server_limit" python3 "$folder/llm_server.py" --port "$port" --phases "$phases" --count "$mode" \
    --ref "$work/ref-$mode.jsonl" >"$work/server-$mode.log" 2>&1 &
  local server=$!
  pids+=("$server")
  wait "$server" || echo "server ($mode) exited with $?" >>"$work/server-$mode.log"
}
serve step "$step_phases"
sleep 3
serve batch "$batch_phases"
sleep 3

# The agent first, so that it prints its native memory summary as it exits.
kill "$agent" 2>/dev/null || true
wait "$agent" || true
