#!/usr/bin/env bash
# Runs Maven with a JDK 25, found without help on a fresh machine.
# Order: $JAVA_HOME if it is JDK 25+, then the usual install folders. Arguments go to Maven unchanged.
set -euo pipefail

java_major() {  # prints the feature version of the JDK at $1, or nothing
  local release="$1/release"
  [ -x "$1/bin/javac" ] && [ -f "$release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ "$(java_major "$JAVA_HOME")" -ge 25 ] 2>/dev/null; then
    echo "$JAVA_HOME"; return
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/* \
             "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$dir" ] || continue
    major=$(java_major "$dir")
    if [ -n "$major" ] && [ "$major" -ge 25 ] && [ "$major" -gt "$best_major" ]; then
      best="$dir"; best_major="$major"
    fi
  done
  echo "$best"
}

jdk=$(find_jdk)
if [ -z "$jdk" ]; then
  echo "build.sh: no JDK 25 found; install one or set JAVA_HOME to it (e.g. export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64)" >&2
  exit 1
fi
export JAVA_HOME="$jdk"
export PATH="$JAVA_HOME/bin:$PATH"
# Maven 3.8's own libraries touch sun.misc.Unsafe; JDK 25 warns about it unless told this is expected.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
cd "$(dirname "$0")"
exec mvn --batch-mode --no-transfer-progress "$@"
