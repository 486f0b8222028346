#!/usr/bin/env bash
# The table of a GPU acceptance run: scripts/gpu-acceptance/report.sh gpu-acceptance.tar.gz|DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/classpath.sh"
input=$(readlink -f "${1:?usage: report.sh gpu-acceptance.tar.gz|DIR}")
if [ -f "$input" ]; then
  directory=$(mktemp -d)
  tar -C "$directory" -xzf "$input"
else
  directory=$input
fi
java -cp "$replay_classpath" io.tokenjoule.replay.GpuRunReport "$directory"
