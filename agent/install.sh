#!/bin/sh
# Installs the tokenjoule agent on one node: the jar, a launcher, an example configuration, a system
# user and a hardened systemd unit. Run ./agent/install.sh --help for the options.
set -eu

PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
UNITDIR=${UNITDIR:-/etc/systemd/system}
SERVICE_USER=tokenjoule
HERE=$(cd "$(dirname "$0")" && pwd)
JAR="$HERE/../target/tokenjoule.jar"
ACTION=install
PURGE=no

usage() {
  cat <<USAGE
Usage: install.sh [--jar FILE] [--prefix DIR] [--uninstall [--purge]] [--help]

Installs the tokenjoule agent:
  \$DESTDIR\$PREFIX/lib/tokenjoule/tokenjoule.jar   the agent (from --jar, default target/tokenjoule.jar)
  \$DESTDIR\$PREFIX/bin/tokenjoule                  the launcher (java \$JAVA_OPTS -jar ...)
  \$DESTDIR/etc/tokenjoule/tokenjoule.yaml         the example configuration, only if absent
  \$DESTDIR\$UNITDIR/tokenjoule.service            the systemd unit
and, when run as root on the live system (no DESTDIR), creates the system user
'$SERVICE_USER' and enables and starts the unit if Java 17+ and NVML are present.
Running it again changes only what differs; an existing configuration is always kept.

Options:
  --jar FILE     the shaded jar to install (default: target/tokenjoule.jar)
  --prefix DIR   install prefix (default: /usr/local; also the PREFIX variable)
  --uninstall    remove what was installed; keeps /etc/tokenjoule and /var/lib/tokenjoule
  --purge        with --uninstall, also remove the configuration, the state and the user
  --help         this text

Variables: DESTDIR (stage into this root for packaging: no user, no systemctl),
PREFIX, UNITDIR (default /etc/systemd/system; packages use /usr/lib/systemd/system).
USAGE
}

say() { printf 'tokenjoule install: %s\n' "$*"; }
die() { printf 'tokenjoule install: error: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --jar) [ $# -ge 2 ] || die "--jar needs a file"; JAR=$2; shift 2 ;;
    --jar=*) JAR=${1#--jar=}; shift ;;
    --prefix) [ $# -ge 2 ] || die "--prefix needs a directory"; PREFIX=$2; shift 2 ;;
    --prefix=*) PREFIX=${1#--prefix=}; shift ;;
    --uninstall) ACTION=uninstall; shift ;;
    --purge) PURGE=yes; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
if [ "$PURGE" = yes ] && [ "$ACTION" != uninstall ]; then
  die "--purge only goes with --uninstall"
fi

LIBDIR="$DESTDIR$PREFIX/lib/tokenjoule"
BINDIR="$DESTDIR$PREFIX/bin"
CONFDIR="$DESTDIR/etc/tokenjoule"
UNIT="$DESTDIR$UNITDIR/tokenjoule.service"
STATEDIR="$DESTDIR/var/lib/tokenjoule"

is_root() { [ "$(id -u)" -eq 0 ]; }
live_system() { [ -z "$DESTDIR" ]; }
systemd_running() { [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; }

# Copies $1 to $2 with mode $3, unless $2 already has the same content and mode.
place() {
  if [ -f "$2" ] && cmp -s "$1" "$2" && [ "$(stat -c %a "$2")" = "${3#0}" ]; then
    say "unchanged $2"
  else
    mkdir -p "$(dirname "$2")"
    cp "$1" "$2.tmp.$$"
    chmod "$3" "$2.tmp.$$"
    mv -f "$2.tmp.$$" "$2"
    say "installed $2"
  fi
}

# Prints the major version of the java on PATH, or nothing when there is none.
java_major() {
  command -v java >/dev/null 2>&1 || return 0
  version=$(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  case "$version" in
    1.*) version=${version#1.} ;;
  esac
  printf '%s\n' "${version%%[!0-9]*}"
}

nvml_present() {
  if command -v ldconfig >/dev/null 2>&1 && ldconfig -p 2>/dev/null | grep -q 'libnvidia-ml\.so\.1'; then
    return 0
  fi
  for candidate in /usr/lib*/libnvidia-ml.so.1 /usr/lib*/*/libnvidia-ml.so.1; do
    [ -e "$candidate" ] && return 0
  done
  return 1
}

# Says what is missing for the agent to run here; returns non-zero when something is.
check_prerequisites() {
  ok=0
  major=$(java_major)
  if [ -z "$major" ]; then
    say "missing: Java 17 or newer (no 'java' on PATH); install e.g. openjdk-17-jre-headless"
    ok=1
  elif [ "$major" -lt 17 ]; then
    say "missing: Java 17 or newer ('java' on PATH is version $major); install e.g. openjdk-17-jre-headless"
    ok=1
  else
    say "found Java $major"
  fi
  if nvml_present; then
    say "found NVML (libnvidia-ml.so.1)"
  else
    say "missing: NVML (libnvidia-ml.so.1 is not in the loader cache nor /usr/lib*); install the NVIDIA driver"
    ok=1
  fi
  return $ok
}

create_user() {
  if ! live_system; then
    say "not creating user '$SERVICE_USER' under DESTDIR (the package's scripts do that)"
  elif ! is_root; then
    say "not creating user '$SERVICE_USER': not root"
  elif getent passwd "$SERVICE_USER" >/dev/null 2>&1; then
    say "user '$SERVICE_USER' exists"
  else
    nologin=/usr/sbin/nologin
    [ -x "$nologin" ] || nologin=/sbin/nologin
    useradd --system --user-group --no-create-home --home-dir /var/lib/tokenjoule \
      --shell "$nologin" --comment "tokenjoule agent" "$SERVICE_USER"
    say "created system user '$SERVICE_USER'"
  fi
}

install_files() {
  [ -f "$JAR" ] || die "no jar at $JAR (build it with 'mvn package', or pass --jar FILE)"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT

  place "$JAR" "$LIBDIR/tokenjoule.jar" 0644

  cat >"$work/launcher" <<'LAUNCHER'
#!/bin/sh
# tokenjoule launcher, written by install.sh. JAVA_OPTS adds JVM flags; JAVA_HOME picks the JVM.
# The jar is found next to this script (../lib/tokenjoule), so a staged or moved prefix works too.
set -eu
self=$(readlink -f "$0" 2>/dev/null || printf '%s' "$0")
jar="$(dirname "$self")/../lib/tokenjoule/tokenjoule.jar"
java=java
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; fi
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
exec "$java" ${JAVA_OPTS:-} -jar "$jar" "$@"
LAUNCHER
  place "$work/launcher" "$BINDIR/tokenjoule" 0755

  sed "s|@PREFIX@|$PREFIX|g" "$HERE/tokenjoule.service" >"$work/unit"
  place "$work/unit" "$UNIT" 0644

  if [ -e "$CONFDIR/tokenjoule.yaml" ]; then
    say "kept existing $CONFDIR/tokenjoule.yaml"
  else
    place "$HERE/tokenjoule.yaml" "$CONFDIR/tokenjoule.yaml" 0640
  fi
  # The service user reads the configuration through its group; it may hold API tokens.
  if live_system && is_root && getent group "$SERVICE_USER" >/dev/null 2>&1; then
    chgrp "$SERVICE_USER" "$CONFDIR" "$CONFDIR/tokenjoule.yaml"
    chmod 0750 "$CONFDIR"
  fi
}

enable_unit() {
  if ! live_system; then
    say "not enabling the unit under DESTDIR"
  elif ! is_root; then
    say "not enabling the unit: not root"
  elif ! systemd_running; then
    say "not enabling the unit: systemd is not running here"
  elif [ "$1" != ready ]; then
    systemctl daemon-reload
    systemctl enable tokenjoule.service
    say "enabled, not started: install what is missing above, then 'systemctl start tokenjoule'"
  else
    systemctl daemon-reload
    systemctl enable --now tokenjoule.service
    systemctl try-restart tokenjoule.service
    say "enabled and started; metrics on :9847/metrics ('journalctl -u tokenjoule' for logs)"
  fi
}

uninstall() {
  if live_system && is_root && systemd_running; then
    systemctl disable --now tokenjoule.service 2>/dev/null || true
  fi
  for file in "$UNIT" "$BINDIR/tokenjoule" "$LIBDIR/tokenjoule.jar"; do
    if [ -e "$file" ]; then
      rm -f "$file"
      say "removed $file"
    fi
  done
  rmdir "$LIBDIR" 2>/dev/null || true
  if live_system && is_root && systemd_running; then
    systemctl daemon-reload
  fi
  if [ "$PURGE" = yes ]; then
    rm -rf "$CONFDIR" "$STATEDIR"
    say "purged $CONFDIR and $STATEDIR"
    if live_system && is_root && getent passwd "$SERVICE_USER" >/dev/null 2>&1; then
      userdel "$SERVICE_USER"
      say "removed user '$SERVICE_USER'"
    fi
  else
    say "kept $CONFDIR and $STATEDIR (--purge removes them)"
  fi
}

if [ "$ACTION" = uninstall ]; then
  uninstall
  exit 0
fi

if check_prerequisites; then ready=ready; else ready=missing; fi
create_user
install_files
enable_unit "$ready"
