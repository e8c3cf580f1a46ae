#!/bin/sh
# The stress tests, short (for `make test`: a few seconds) or long (`make
# stress`: the numbers of issue 7). LAIFANG and SAVER as for many.sh.
#
#   sh tests/stress/run.sh short|long
set -u
dir=$(cd "$(dirname "$0")" && pwd)
case "${1:-short}" in
short) many="4 100" kills=5 ;;
long) many="8 1000" kills=50 ;;
*) echo "usage: run.sh short|long" >&2; exit 2 ;;
esac
failed=0
for t in "many.sh $many" "crash.sh $kills"; do
	start=$(date +%s)
	# shellcheck disable=SC2086 # the arguments are words
	if sh "$dir"/$t; then
		echo "PASS stress ${t%% *} ($(($(date +%s) - start))s)"
	else
		echo "FAIL stress $t"
		failed=$((failed + 1))
	fi
done
[ "$failed" -eq 0 ]
