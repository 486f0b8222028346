#!/usr/bin/env bash
# Soaks the agent against a hostile scrape target: the agent, forked with the flags of
# agent/jvm.options, scrapes one legit vLLM page and one server that goes through every
# misbehaviour of HostileServer (1 GiB bodies, gzip bombs, a million series, 1 MiB label values,
# thousands of new models per scrape, slowloris, garbage, resets...), SECONDS seconds each
# (default 60). Prints, per behaviour: the agent's RSS and heap maxima, its ticks per second, how
# far its count of the legit server's tokens is from that server's own counter, how often the legit
# target was down, /metrics latency (p99 and max), and any infinite or absurd value on the page.
# The run fails if any of those misses its bound (see HostileTargetsIT).
#
#   agent/hostile-soak.sh [SECONDS] [BEHAVIOUR,...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
behaviours=${2:-}
[ -f target/tokenjoule.jar ] || mvn -B -q package -DskipTests
status=0
mvn -B -q test-compile failsafe:integration-test failsafe:verify -Dit.test=HostileTargetsIT \
  -Dhostile.seconds="$seconds" -Dhostile.behaviours="$behaviours" || status=$?
cat target/hostile/table.md
exit $status
