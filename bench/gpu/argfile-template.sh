#!/usr/bin/env bash
# Cuts TornadoVM's launcher argfile template (built with the OpenCL and PTX backends) into one template per backend
# choice, for the package's layout (pack.sh): OUTDIR/tornado-argfile-{opencl,ptx,opencl-ptx}.template.
#
# Usage: bench/gpu/argfile-template.sh TEMPLATE OUTDIR
#   TEMPLATE  the SDK's tornado-argfile.template (paths written as ${TORNADOVM_HOME})
#
# Why three: the JVM binds every service provider it finds on the module path, so a driver jar that sits there is
# loaded even when --add-modules does not name it, and TornadoVM's PTX driver fails to load (and takes the whole
# runtime with it) without libcuda.so.1. The package keeps each driver in a folder of its own
# (share/java/tornado-opencl, share/java/tornado-ptx); each template's module path names the common folder and the
# chosen drivers' folders, and its --add-modules, --enable-native-access and export lists name only those drivers.
set -euo pipefail
template=${1:?usage: argfile-template.sh TEMPLATE OUTDIR}
outdir=${2:?usage: argfile-template.sh TEMPLATE OUTDIR}
if ! grep -q '^--add-modules .*tornado.drivers.opencl' "$template" || ! grep -q 'tornado.drivers.ptx' "$template"; then
  echo "argfile-template.sh: $template is not an argfile template of a TornadoVM build with both the opencl and ptx backends" >&2
  exit 1
fi
mkdir -p "$outdir"
for choice in opencl ptx opencl-ptx; do
  drivers=$(echo "$choice" | sed 's/-/ /g')
  awk -v drivers="$drivers" '
    BEGIN {
      n = split(drivers, d, " ")
      path = "${TORNADOVM_HOME}/share/java/tornado"
      mods = ""
      for (i = 1; i <= n; i++) {
        path = path ":${TORNADOVM_HOME}/share/java/tornado-" d[i]
        mods = mods (mods == "" ? "" : ",") "tornado.drivers." d[i]
        keep[d[i]] = 1
      }
      skip = 0
    }
    /^# ===:? *[a-z]+-exports ===/ {
      section = $0; sub(/^# ===:? */, "", section); sub(/-exports ===.*/, "", section)
      skip = !(section == "common" || (section in keep))
    }
    skip { next }
    /^--module-path / { print "--module-path " path; next }
    /^--add-modules / {
      line = $0
      gsub(/,tornado\.drivers\.(opencl|ptx)/, "", line)
      print line "," mods; next
    }
    /^--enable-native-access=/ { print "--enable-native-access=" mods; next }
    { print }
  ' "$template" > "$outdir/tornado-argfile-$choice.template"
done
