#!/usr/bin/env bash
# Builds the sample consumer (a user's own Maven project that imports descent-bom) against installed descent
# artifacts, then runs the same jar with different backends on the class path and the module path and checks
# that the backend changes with no code change.
#
#   ./build.sh install -DskipTests && examples/consumer/run.sh     # against your ~/.m2
#   examples/consumer/run.sh --repo DIR [--upstream-repo DIR]      # against a private local repository
#
# --repo DIR             the Maven local repository holding the descent artifacts (the reactor build passes the
#                        one maven-invoker-plugin filled, so parallel builds never see each other's snapshots)
# --upstream-repo DIR    a local repository to copy plugins and third-party jars from instead of downloading
#                        them (the reactor build passes its own ~/.m2); Maven Central stays the fallback
# --version V            the descent version to import (default: the consumer pom's)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
java_home=$("$root/bin/jdk25") || exit 1
java="$java_home/bin/java"

repo="" upstream="" version=""
while [ $# -gt 0 ]; do
  case "$1" in
    --repo) repo=$2; shift 2 ;;
    --upstream-repo) upstream=$2; shift 2 ;;
    --version) version=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

# The backends besides scalar that this check expects; backend-vector joins once it is in the BOM's reactor.
extra_backends=(vector)

maven_args=(--batch-mode --no-transfer-progress -q -f "$here/pom.xml")
[ -n "$version" ] && maven_args+=("-Ddescent.version=$version")
if [ -n "$repo" ]; then
  mkdir -p "$repo"
  maven_args+=("-Dmaven.repo.local=$repo")
  if [ -n "$upstream" ]; then
    # Global settings (user settings, mirrors and proxies, still apply): the upstream local repository as a
    # release-only repository, so plugins are copied from it; descent snapshots come from $repo alone.
    settings="$repo/upstream-settings.xml"
    cat > "$settings" <<XML
<settings>
  <profiles>
    <profile>
      <id>upstream-local-repository</id>
      <repositories>
        <repository><id>upstream-local</id><url>file://$upstream</url><snapshots><enabled>false</enabled></snapshots></repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository><id>upstream-local</id><url>file://$upstream</url><snapshots><enabled>false</enabled></snapshots></pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>upstream-local-repository</activeProfile></activeProfiles>
</settings>
XML
    maven_args+=(-gs "$settings")
  fi
fi
profiles=$(IFS=,; echo "${extra_backends[*]}")
[ -n "$profiles" ] && maven_args+=("-P$profiles")

mvn=${MVN:-mvn}   # the reactor build passes the Maven that runs it
echo "consumer: building $here with $mvn${repo:+ against $repo}"
rm -rf "$here/target"
JAVA_HOME="$java_home" PATH="$java_home/bin:$PATH" \
  MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" "$mvn" "${maven_args[@]}" package

app="$here/target/fit-line.jar"
lib="$here/target/lib"
scalar_only=$(ls "$lib"/*.jar | grep -v -e '/descent-backend-vector-' | paste -sd: -)
everything=$(ls "$lib"/*.jar | paste -sd: -)
main=com.example.fitline.FitLine
failures=0

# An ordinary program holds a dev.descent.Device: no compiled class of it refers to the backend SPI (this also
# catches a use the source check in UserCodeAvoidsSpiTest cannot see, such as `var b = Backends.getDefault()`).
spi_users=$(grep -rla 'dev/descent/spi/' "$here/target/classes" || true)
if [ -n "$spi_users" ]; then
  echo "FAIL no SPI in the consumer's classes: these refer to dev.descent.spi (use dev.descent.Device):"
  echo "$spi_users" | sed 's/^/    /'; failures=$((failures + 1))
else
  echo "ok   no SPI in the consumer's classes ($(find "$here/target/classes" -name '*.class' | wc -l) classes)"
fi

# run NAME EXPECTED_BACKEND EXPECTED_LOG JAVA_ARGS...: runs the consumer, checks the backend it printed, the
# INFO/WARNING line descent logged, and that the fit is right (weight ~3, bias ~1).
run() {
  local name=$1 expected=$2 log=$3
  shift 3
  local out
  if ! out=$("$java" -Djava.util.logging.SimpleFormatter.format='%4$s: %5$s%n' "$@" 2>&1); then
    echo "FAIL $name: exit status $?"; echo "$out" | sed 's/^/    /'; failures=$((failures + 1)); return
  fi
  if ! grep -qx "backend: $expected" <<<"$out" || ! grep -qF -- "$log" <<<"$out" \
      || ! awk '/^learned:/ { ok = ($3 > 2.9 && $3 < 3.1 && $5 > 0.9 && $5 < 1.1) } END { exit !ok }' <<<"$out"; then
    echo "FAIL $name: expected backend $expected, a fit near weight 3 bias 1, and the log line '$log'; got:"
    echo "$out" | sed 's/^/    /'; failures=$((failures + 1)); return
  fi
  echo "ok   $name: $(grep '^learned:' <<<"$out")"
}

run "class path, scalar only" scalar "INFO: descent backend: scalar (automatic" \
  -cp "$app:$scalar_only" $main
run "module path, scalar only" scalar "INFO: descent backend: scalar (automatic" \
  -p "$app:$scalar_only" -m com.example.fitline/$main
if [[ " ${extra_backends[*]} " == *" vector "* ]]; then
  run "class path, scalar + vector, --add-modules jdk.incubator.vector" vector \
    "INFO: descent backend: vector (automatic" \
    --add-modules jdk.incubator.vector -cp "$app:$everything" $main
  run "module path, scalar + vector" vector "INFO: descent backend: vector (automatic" \
    -p "$app:$everything" -m com.example.fitline/$main
  run "class path, scalar + vector, no --add-modules: falls back, says how to fix it" scalar \
    "--add-modules jdk.incubator.vector" -cp "$app:$everything" $main
  run "module path, scalar + vector, -Ddescent.backend=scalar" scalar \
    "INFO: descent backend: scalar (set by -Ddescent.backend=scalar)" \
    -Ddescent.backend=scalar -p "$app:$everything" -m com.example.fitline/$main
fi
run "module path, --describe" scalar "default backend:" -p "$app:$scalar_only" -m com.example.fitline/$main --describe

# The library as a service embeds it: train and save from Java, load in a new JVM, predict rows and
# probabilities, and check that `descent predict` accepts the files Java wrote and Java the files `descent train`
# wrote, with the same predictions byte for byte (both on the scalar backend, whose arithmetic the Predictor
# follows).
models="$here/target/models"
data="$root/examples/data"
mkdir -p "$models"
java_cp=("$java" -Ddescent.backend=scalar -cp "$app:$scalar_only")
descent="$root/bin/descent"
# check NAME COMMAND...: runs a step, failing the check with its output if it fails.
check() {
  local name=$1
  shift
  local out
  if ! out=$("$@" 2>&1); then
    echo "FAIL $name: exit status $?"; echo "$out" | sed 's/^/    /'; failures=$((failures + 1)); return 1
  fi
  echo "ok   $name"
}
same() {
  local name=$1 expected=$2 actual=$3
  if ! cmp -s "$expected" "$actual"; then
    echo "FAIL $name: $actual differs from $expected:"; diff "$expected" "$actual" | head -5 | sed 's/^/    /'
    failures=$((failures + 1)); return
  fi
  echo "ok   $name ($(($(wc -l < "$actual") - 1)) rows)"
}
if [ ! -f "$root/cli/target/descent-cli.jar" ]; then
  echo "FAIL library runs: $root/cli/target/descent-cli.jar is missing (build the cli module first)"
  failures=$((failures + 1))
else
  check "library: train and save the house and moons models from Java" \
    "${java_cp[@]}" com.example.fitline.TrainModels "$data" "$models"
  "${java_cp[@]}" com.example.fitline.ServeModel "$models/house-java.safetensors" "$data/house_test.csv" \
    > "$models/house-java.java.csv"
  "$descent" predict --backend scalar --model "$models/house-java.safetensors" --data "$data/house_test.csv" \
    > "$models/house-java.cli.csv" 2>/dev/null
  same "library: a new JVM predicts single rows; descent predict accepts the Java file and agrees" \
    "$models/house-java.cli.csv" "$models/house-java.java.csv"
  "${java_cp[@]}" com.example.fitline.ServeModel "$models/moons-java.safetensors" "$data/moons_test.csv" \
    > "$models/moons-java.java.csv"
  "$descent" predict --backend scalar --model "$models/moons-java.safetensors" --data "$data/moons_test.csv" \
    > "$models/moons-java.cli.csv" 2>/dev/null
  same "library: binary classes from Java and from descent predict agree" \
    "$models/moons-java.cli.csv" "$models/moons-java.java.csv"
  if "${java_cp[@]}" com.example.fitline.ServeModel "$models/moons-java.safetensors" "$data/moons_test.csv" \
      --proba > "$models/moons-java.proba.csv" \
      && awk -F, '{ if ($1 < 0 || $1 > 1 || $2 < 0 || $2 > 1 || ($1 + $2) < 0.999999 || ($1 + $2) > 1.000001) bad = 1 }
                 END { exit bad || NR == 0 }' "$models/moons-java.proba.csv"; then
    echo "ok   library: class probabilities ($(wc -l < "$models/moons-java.proba.csv") rows, each in [0, 1], summing to 1)"
  else
    echo "FAIL library: class probabilities:"; head -3 "$models/moons-java.proba.csv" | sed 's/^/    /'
    failures=$((failures + 1))
  fi
  check "library: descent train writes a model file" "$descent" train --backend scalar --data "$data/moons.csv" \
    --target label --task binary --model mlp:8 --standardize --epochs 5 --quiet --out "$models/moons-cli.safetensors"
  "${java_cp[@]}" com.example.fitline.ServeModel "$models/moons-cli.safetensors" "$data/moons_test.csv" \
    > "$models/moons-cli.java.csv"
  "$descent" predict --backend scalar --model "$models/moons-cli.safetensors" --data "$data/moons_test.csv" \
    > "$models/moons-cli.cli.csv" 2>/dev/null
  same "library: Java loads the file descent train wrote and agrees with descent predict" \
    "$models/moons-cli.cli.csv" "$models/moons-cli.java.csv"
fi

if [ "$failures" -gt 0 ]; then
  echo "consumer: $failures run(s) failed" >&2
  exit 1
fi
echo "consumer: all runs passed"
