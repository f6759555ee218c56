#!/usr/bin/env bash
# Packs everything the GPU machine needs for bench/gpu/run.sh into one compressed file (bench/gpu/README.md):
#   jdk/        a jlinked JDK 25 runtime holding only the modules descent, JUnit, JMH and TornadoVM use
#   tornadovm/  a trimmed TornadoVM SDK (OpenCL and PTX backends, their native libraries, Graal's compiler jars)
#               and one launcher argfile template per backend choice (opencl, ptx, opencl-ptx)
#   descent/    descent's CLI jar, the bench uber-jar, and the jars that run the tornadovm conformance suites
#               with the JUnit console launcher (no Maven on the device)
# Prints the size and fails when it is over the limit (the device's carry limit is 64 MiB).
#
# Usage: bench/gpu/pack.sh [--out FILE] [--limit-mib N] [--no-build]
#   --out FILE      the package (default bench/gpu/target/descent-gpu.tar.xz)
#   --limit-mib N   fail when the package is larger than N MiB (default 64)
#   --no-build      reuse the jars already built in this worktree (the tornadovm profile must have built them)
# Environment: TORNADOVM_SDK, the SDK to take TornadoVM from (default /opt/tornadovm-sdk-opencl-ptx: the build with
# both backends, README "GPU backend (TornadoVM)"); JAVA_HOME as ./build.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/bench/gpu/target/descent-gpu.tar.xz"
limit_mib=64
build=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=${2:?--out needs a file}; shift 2 ;;
    --limit-mib) limit_mib=${2:?--limit-mib needs a number}; shift 2 ;;
    --no-build) build=no; shift ;;
    *) echo "pack.sh: unknown option '$1' (valid: --out FILE, --limit-mib N, --no-build)" >&2; exit 2 ;;
  esac
done
case "$limit_mib" in
  ''|*[!0-9]*) echo "pack.sh: --limit-mib must be a whole number of MiB, got '$limit_mib'" >&2; exit 2 ;;
esac
sdk=${TORNADOVM_SDK:-/opt/tornadovm-sdk-opencl-ptx}
if [ ! -f "$sdk/tornado-argfile.template" ] || [ ! -d "$sdk/share/java/tornado" ]; then
  echo "pack.sh: $sdk is not a TornadoVM SDK (no tornado-argfile.template or share/java/tornado); set TORNADOVM_SDK" >&2
  exit 1
fi
JAVA_HOME=$("$root/bin/jdk25") || exit 1
jdk_bin="$JAVA_HOME/bin"
junit_console_version=1.14.4   # the JUnit Platform release that goes with the build's junit-jupiter 5.14.4
cd "$root"

# 1. descent's jars, built with the tornadovm profile (TORNADOVM_HOME set) so that they hold the kernels.
if [ "$build" = yes ]; then
  echo "== building descent with the tornadovm profile"
  TORNADOVM_HOME="$sdk" ./build.sh -q -pl cli,bench,backend-gpu-tornadovm -am package -DskipTests \
    -Dmaven.javadoc.skip=true
  # AssertJ (and Byte Buddy, which it loads) from Maven Central; descent's own jars come from this worktree's
  # target folders below, never from ~/.m2 (which may hold another branch's SNAPSHOTs).
  rm -rf backend-gpu-tornadovm/target/gpu-test-deps
  TORNADOVM_HOME="$sdk" ./build.sh -q -pl backend-gpu-tornadovm dependency:copy-dependencies \
    -DincludeScope=test -DoutputDirectory=target/gpu-test-deps -DincludeGroupIds=org.assertj,net.bytebuddy
  ./build.sh -q -N dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:$junit_console_version \
    -DoutputDirectory=bench/gpu/target/junit
fi
backend_jar=$(ls backend-gpu-tornadovm/target/descent-backend-gpu-tornadovm-*.jar 2>/dev/null | grep -v -- '-tests\|-sources\|-javadoc' | head -1 || true)
for f in cli/target/descent-cli.jar bench/target/benchmarks.jar "$backend_jar" backend-gpu-tornadovm/target/test-classes \
         "$(ls core/target/descent-core-*-tests.jar 2>/dev/null | head -1)" \
         backend-gpu-tornadovm/target/gpu-test-deps bench/gpu/target/junit/junit-platform-console-standalone-$junit_console_version.jar; do
  if [ -z "$f" ] || [ ! -e "$f" ]; then
    echo "pack.sh: ${f:-the tornadovm backend jar} is missing: run without --no-build" >&2
    exit 1
  fi
done
if ! "$jdk_bin/jar" tf "$backend_jar" | grep -q 'dev/descent/backend/tornadovm/GemmKernel.class'; then
  echo "pack.sh: $backend_jar has no kernels (built without TORNADOVM_HOME): run without --no-build" >&2
  exit 1
fi

stage="$root/bench/gpu/target/stage"
rm -rf "$stage"
mkdir -p "$stage/descent/test" "$stage/tornadovm"

# 2. descent: the CLI and bench jars, and the conformance suites' class path.
cp cli/target/descent-cli.jar bench/target/benchmarks.jar "$stage/descent/"
cp "$backend_jar" "$stage/descent/test/"
cp backend-gpu-tornadovm/target/gpu-test-deps/*.jar "$stage/descent/test/"
for jar in core/target/descent-core-*.jar backend-scalar/target/descent-backend-scalar-*.jar; do
  case "$jar" in *-sources.jar|*-javadoc.jar) ;; *) cp "$jar" "$stage/descent/test/" ;; esac
done
cp bench/gpu/target/junit/junit-platform-console-standalone-$junit_console_version.jar "$stage/descent/test/"
"$jdk_bin/jar" --create --file "$stage/descent/test/descent-backend-gpu-tornadovm-gpu-tests.jar" \
  -C backend-gpu-tornadovm/target/test-classes .

# 3. TornadoVM: the runtime, the two drivers in folders of their own (a driver on the module path is loaded by
#    service binding whether or not it is named, and the PTX driver cannot load without libcuda.so.1), Graal's
#    compiler jars, the native libraries, and the OpenCL ICD loader for a machine that lacks one.
#    Left out: TornadoVM's examples, benchmarks, unit tests, fuzzer, the cuBLAS/cuDNN/... bindings and their
#    libraries (JMH 1.29, JUnit 4, Lucene, EJML): descent uses none, and automatic modules such as JMH 1.29 would
#    otherwise be resolved into the boot layer beside the bench jar's own JMH.
tv="$stage/tornadovm"
mkdir -p "$tv/share/java/tornado" "$tv/share/java/tornado-opencl" "$tv/share/java/tornado-ptx" \
  "$tv/share/java/graalJars" "$tv/lib/icd" "$tv/etc"
src="$sdk/share/java/tornado"
# The modules tornado.runtime, its drivers and Graal's compiler require (jar --describe-module), nothing more.
for pattern in 'tornado-api-*' 'tornado-runtime-*' 'tornado-annotation-*' 'tornado-drivers-common-*' 'asm-*' \
               'commons-math3-*' 'snmp4j-*'; do
  matches=("$src"/$pattern.jar)
  [ -e "${matches[0]}" ] || { echo "pack.sh: $src has no $pattern.jar" >&2; exit 1; }
  cp "${matches[@]}" "$tv/share/java/tornado/"
done
cp "$src"/tornado-drivers-opencl-*.jar "$tv/share/java/tornado-opencl/"
cp "$src"/tornado-drivers-ptx-*.jar "$tv/share/java/tornado-ptx/"
for jar in compiler collections word truffle-compiler; do
  cp "$sdk"/share/java/graalJars/$jar-[0-9]*.jar "$tv/share/java/graalJars/"
done
cp "$sdk"/lib/libtornado-opencl.so "$sdk"/lib/libtornado-ptx.so "$tv/lib/"
opencl_loader=$(ldconfig -p 2>/dev/null | sed -n 's/.*libOpenCL.so.1 .*=> //p' | head -1)
[ -n "$opencl_loader" ] && cp -L "$opencl_loader" "$tv/lib/icd/libOpenCL.so.1"
cp -r "$sdk"/etc/exportLists "$sdk"/etc/tornado.properties "$sdk"/etc/tornado.release "$tv/etc/" 2>/dev/null || \
  cp -r "$sdk"/etc/exportLists "$tv/etc/"
# One argfile template per backend choice, cut from the SDK's own argfile (both backends): the module path points
# at the common folder plus the chosen drivers' folders, --add-modules and the export lists name only those.
bench/gpu/argfile-template.sh "$sdk/tornado-argfile.template" "$tv"

# 4. The runtime: the JDK modules that the jars above use (jdeps), plus the ones named by flags (JVMCI, the
#    incubator vector module) and what TornadoVM's argfile exports from.
echo "== finding the JDK modules (jdeps)"
# descent's modular jars go on jdeps' module path too (the others are read as class path jars).
module_path="$tv/share/java/tornado:$tv/share/java/tornado-opencl:$tv/share/java/tornado-ptx:$tv/share/java/graalJars"
module_path="$module_path:$(ls "$stage"/descent/test/descent-core-*[0-9T].jar "$stage"/descent/test/descent-backend-*[0-9T].jar | paste -sd: -)"
jdk_modules=$(find "$stage/descent" "$tv/share/java" -name '*.jar' | sort | while read -r jar; do
    "$jdk_bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps --module-path "$module_path" "$jar" 2>/dev/null \
      | tail -1 | tr ',' '\n' | grep -E '^(java|jdk)\.[a-z.]+$'
  done | sort -u | paste -sd, -)
if [ -z "$jdk_modules" ]; then
  echo "pack.sh: jdeps could not list the JDK modules of the packed jars" >&2
  exit 1
fi
modules=$(printf '%s\n' ${jdk_modules//,/ } jdk.internal.vm.ci jdk.incubator.vector jdk.unsupported jdk.management java.management \
  java.logging jdk.zipfs | sort -u | paste -sd, -)
echo "   $modules"
"$jdk_bin/jlink" --add-modules "$modules" --output "$stage/jdk" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-0
printf '%s\n' "$modules" > "$stage/jdk/descent-modules.txt"

# 5. The package: what was packed, then tar | xz.
{
  echo "descent GPU package"
  echo "packed: $(date -u '+%Y-%m-%d %H:%M UTC') from $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "jdk: $("$stage/jdk/bin/java" -version 2>&1 | head -1), modules $modules"
  echo "tornadovm: $(cat "$sdk/etc/tornado.release" 2>/dev/null | head -1 || echo "$sdk")"
} > "$stage/PACKAGE.txt"
mkdir -p "$(dirname "$out")"
echo "== compressing (xz -9)"
tar -C "$stage" -cf - PACKAGE.txt jdk tornadovm descent | xz -9 -T2 > "$out.part"
mv "$out.part" "$out"
echo "  unpacked: jdk $(du -sh "$stage/jdk" | cut -f1), tornadovm $(du -sh "$tv" | cut -f1), descent $(du -sh "$stage/descent" | cut -f1)"
"$root/bench/gpu/check-size.sh" "$out" "$limit_mib"
