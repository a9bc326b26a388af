#!/bin/sh
# Runs bench_correlate over growing inputs and target counts; see
# bench/correlate.md.  Usage: bench/correlate.sh [BUILDDIR]
set -eu
b=${1:-.}/bench/bench_correlate
[ -x "$b" ] || { echo "build it first: make bench/bench_correlate" >&2; exit 2; }
echo "# growing input, 4 targets"
for n in 1000000 4000000 16000000; do "$b" "$n" 4; done
echo "# growing targets, 4M updates"
for t in 1 16 64; do "$b" 4000000 "$t"; done
