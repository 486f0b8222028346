# tokenjoule agent image: build the shaded jar, jlink a small Java runtime, run as a non-root user.
#   docker build -t tokenjoule .
#   docker run --rm --gpus all -p 9847:9847 --read-only --tmpfs /tmp tokenjoule
#   docker run --rm -p 9847:9847 tokenjoule demo          # no GPU needed
# NVML (libnvidia-ml.so.1) is not in the image: the NVIDIA container toolkit mounts the host
# driver's copy (--gpus, or the nvidia runtime class in Kubernetes). It needs glibc, hence Debian.

# --- 1. build -------------------------------------------------------------------------------
FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline || true
COPY src ./src
COPY agent ./agent
RUN mvn -B -q -Dmaven.test.skip=true -Dspotless.check.skip=true package

# --- 2. runtime: only the modules the jar needs -------------------------------------------------
# JAVA_MODULES is what `jdeps --ignore-missing-deps --print-module-deps --multi-release 17` prints
# for target/tokenjoule.jar, plus jdk.crypto.ec, which no class names but TLS to https servers
# (ECDHE key exchange) needs. DockerfileTest checks this list against jdeps.
FROM build AS runtime
ARG JAVA_MODULES=java.base,java.compiler,java.desktop,java.naming,java.net.http,java.sql,jdk.jfr,jdk.management,jdk.unsupported,jdk.crypto.ec
RUN jlink --add-modules "${JAVA_MODULES}" \
      --strip-debug --no-man-pages --no-header-files --compress=2 \
      --output /opt/java

# --- 3. image ---------------------------------------------------------------------------------
FROM debian:bookworm-slim
RUN groupadd --system --gid 10001 tokenjoule \
 && useradd --system --uid 10001 --gid tokenjoule --no-create-home \
      --home-dir /var/lib/tokenjoule --shell /usr/sbin/nologin tokenjoule \
 && mkdir -p /var/lib/tokenjoule /etc/tokenjoule \
 && chown tokenjoule:tokenjoule /var/lib/tokenjoule
COPY --from=runtime /opt/java /opt/java
COPY --from=build /src/target/tokenjoule.jar /opt/tokenjoule/tokenjoule.jar
COPY --from=build /src/agent/tokenjoule.yaml /etc/tokenjoule/tokenjoule.example.yaml

# Read-only root filesystem: the agent writes only its state (/var/lib/tokenjoule, a volume) and
# JNA's unpacked native stub (jna.tmpdir, /tmp: mount a tmpfs or emptyDir there).
# The JVM flags are agent/jvm.options (measured with agent/footprint.sh); -XX:-UsePerfData keeps the
# JVM from writing /tmp/hsperfdata_*. JDK_JAVA_OPTIONS replaces them.
ENV PATH=/opt/java/bin:$PATH \
    JDK_JAVA_OPTIONS="-Xmx32m -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=16m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:-UsePerfData -XX:+ExitOnOutOfMemoryError -Djna.tmpdir=/tmp" \
    MALLOC_ARENA_MAX=2 \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=utility
VOLUME ["/var/lib/tokenjoule"]
WORKDIR /var/lib/tokenjoule
USER 10001:10001
EXPOSE 9847
# No HEALTHCHECK: orchestrators probe /healthz and /readyz themselves.
ENTRYPOINT ["/opt/java/bin/java", "-jar", "/opt/tokenjoule/tokenjoule.jar"]
# The agent with its defaults (every GPU, no servers); mount a config and pass
# `agent --config /etc/tokenjoule/tokenjoule.yaml`, or run `demo`.
CMD ["agent"]
