#!/usr/bin/env bash
# Runs Maven with a JDK 25 that bin/jdk25 finds ($JAVA_HOME, then the usual install folders).
# Arguments go to Maven unchanged, e.g. ./build.sh verify
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
JAVA_HOME=$("$here/bin/jdk25") || exit 1
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# Maven 3.8's own libraries touch sun.misc.Unsafe; JDK 25 warns about it unless told this is expected.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
cd "$here"
exec mvn --batch-mode --no-transfer-progress "$@"
