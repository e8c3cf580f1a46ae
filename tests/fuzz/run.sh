#!/bin/sh
# Run each libFuzzer target for SECONDS on its seed corpus
# (tests/fuzz/corpus/NAME/, never written to) plus a working corpus of what
# it found before (FUZZ_DIR/corpus/NAME/). A crash leaves its input as
# FUZZ_DIR/crash-NAME-*: fix the bug, then add the input to the seed corpus.
#
#   sh tests/fuzz/run.sh FUZZ_DIR SECONDS NAME...
set -u
[ "$#" -ge 3 ] || { echo "usage: run.sh FUZZ_DIR SECONDS NAME..." >&2; exit 2; }
fdir=$1 secs=$2
shift 2
seeds=$(cd "$(dirname "$0")" && pwd)/corpus
export LC_ALL=C.UTF-8
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
failed=0
for name in "$@"; do
	mkdir -p "$fdir/corpus/$name" "$seeds/$name"
	log="$fdir/fuzz_$name.log"
	start=$(date +%s)
	if "$fdir/fuzz_$name" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
		-print_final_stats=1 -artifact_prefix="$fdir/crash-$name-" \
		"$fdir/corpus/$name" "$seeds/$name" >"$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		echo "PASS fuzz $name ($(($(date +%s) - start))s, ${runs:-?} runs)"
	else
		failed=$((failed + 1))
		echo "FAIL fuzz $name: see $log"
		grep -E 'ERROR|SUMMARY|runtime error|Test unit written|fuzz_[a-z]*:' "$log" | head -n 20 | sed 's/^/    /'
	fi
done
[ "$failed" -eq 0 ]
