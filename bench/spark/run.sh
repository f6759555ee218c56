#!/usr/bin/env bash
# descent's Spark estimators against MLlib's, side by side in one local[2] session (bench/README.md, "Spark").
# Usage: bench/spark/run.sh [--rows N] [--features F] [--dir DIR] [--tolerance T]
# Builds the spark module (no tests), then runs dev.descent.spark.bench.MllibComparison with Spark's JVM options.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
./build.sh -q -pl spark -am test-compile -Ddescent.fuzz.skip=true -DskipTests
# Third-party jars from the local repository; descent's own modules from this checkout's target/classes.
./build.sh -q -pl spark dependency:build-classpath -Dmdep.includeScope=test -DexcludeGroupIds=dev.descent \
    -Dmdep.outputFile=target/bench.classpath >/dev/null
descent=core/target/classes:backend-scalar/target/classes:backend-vector/target/classes
JAVA_HOME=$(bin/jdk25)
# Loopback only (the session also sets spark.driver.bindAddress/host and turns the UI off).
export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=localhost
opts=$(sed -n 's:.*<spark.jvm.args>\(.*\)</spark.jvm.args>.*:\1:p' spark/pom.xml)
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" $opts -Xmx8g -cp "spark/target/test-classes:spark/target/classes:$descent:$(cat spark/target/bench.classpath)" \
    dev.descent.spark.bench.MllibComparison "$@"
