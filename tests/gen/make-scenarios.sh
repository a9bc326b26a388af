#!/bin/sh
# Builds scenario archives: make-scenarios.sh OUTDIR [SCENARIO.yaml...]
# With no scenarios given, builds every tests/scenarios/*.yaml of the source
# tree.  Each NAME.yaml becomes OUTDIR/NAME.tar.gz.  bo-gen is taken from
# $BO_GEN, else from the build tree ($top_builddir, else this script's tree).
set -eu
[ $# -ge 1 ] || { echo "usage: $0 OUTDIR [SCENARIO.yaml...]" >&2; exit 64; }
out=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
srcdir=${top_srcdir:-$here/../..}
: "${BO_GEN:=${top_builddir:-$here/../..}/tests/gen/bo-gen}"
[ -x "$BO_GEN" ] || { echo "$0: no bo-gen at $BO_GEN (run make)" >&2; exit 1; }
[ $# -gt 0 ] || set -- "$srcdir"/tests/scenarios/*.yaml
mkdir -p "$out"
for s in "$@"; do
	name=$(basename "$s" .yaml)
	"$BO_GEN" "$s" "$out/$name.tar.gz.tmp.tar.gz"
	mv "$out/$name.tar.gz.tmp.tar.gz" "$out/$name.tar.gz"
done
