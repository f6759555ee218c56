#!/usr/bin/env bash
# Prints a file's size and fails when it is over a limit in MiB: the package check of pack.sh (the device takes
# at most 64 MiB of carried files).
#
# Usage: bench/gpu/check-size.sh FILE LIMIT_MIB
set -euo pipefail
file=${1:?usage: check-size.sh FILE LIMIT_MIB}
limit_mib=${2:?usage: check-size.sh FILE LIMIT_MIB}
case "$limit_mib" in
  ''|*[!0-9]*) echo "check-size.sh: the limit must be a whole number of MiB, got '$limit_mib'" >&2; exit 2 ;;
esac
if [ ! -f "$file" ]; then
  echo "check-size.sh: $file does not exist" >&2
  exit 2
fi
bytes=$(stat -c %s "$file")
mib=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
echo "package: $file: $bytes bytes ($mib MiB; limit $limit_mib MiB)"
if [ "$bytes" -gt $((limit_mib * 1048576)) ]; then
  echo "check-size.sh: $file is $mib MiB, over the $limit_mib MiB limit" >&2
  exit 1
fi
