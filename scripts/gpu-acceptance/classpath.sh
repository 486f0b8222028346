# Sourced by replay.sh and report.sh: compiles the project's test classes (the replay lives there)
# and sets replay_classpath.
project=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
(cd "$project" && mvn -B -q test-compile -Dspotless.check.skip=true >&2)
if [ ! -s "$project/target/replay.classpath" ] || [ "$project/pom.xml" -nt "$project/target/replay.classpath" ]; then
  (cd "$project" && mvn -B -q dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/replay.classpath >&2)
fi
replay_classpath="$project/target/classes:$project/target/test-classes:$(cat "$project/target/replay.classpath")"
export replay_classpath
