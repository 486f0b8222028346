#!/usr/bin/env bash
# Replays a recorded GPU run through the real agent and judges its error bound:
#   scripts/gpu-acceptance/replay.sh FILE.jsonl [--window 20s] [--seed 1]
# FILE.jsonl is the acceptance kit's format, one {t, energy_mj, gen, prompt} per line at any spacing.
# Prints one JSON line per agent window ({"end", "window_s", "j_per_generated_token",
# "uncertainty_ratio"}; null where the agent published no figure), then
# "coverage C/N windows, median |dev| X%, p90 Y%, max Z%" against the physical truth.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
file=$(readlink -f "${1:?usage: replay.sh FILE.jsonl [--window 20s] [--seed 1]}")
shift
source "$here/classpath.sh"
TOKENJOULE_LOG_LEVEL=${TOKENJOULE_LOG_LEVEL:-warn} java -cp "$replay_classpath" io.tokenjoule.replay.ReplayMain "$file" "$@"
