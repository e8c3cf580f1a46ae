#!/bin/sh
# An import's statistics counters on PostgreSQL (issue 16, "flat at a
# million"): the import's one transaction sums the counters' changes and
# writes them at its commit. Many visits of one month and a few of others
# count exactly (laifang check's recount agrees), and an import that fails
# on a row after good ones leaves the counters as they were.
# LAIFANG_PG_URL names an empty database (tests/pg/unit.sh).
# Prints "N passed, N failed" for tests/pg/unit.sh to count.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
LAIFANG=${LAIFANG:-$root/build/laifang}
url=${LAIFANG_PG_URL:?LAIFANG_PG_URL names the database}
export LANGUAGE=en LC_ALL=C.UTF-8
bindir=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
XDG_CONFIG_HOME=$tmp/config # the office key
export XDG_CONFIG_HOME
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAILED: $*" >&2; failed=$((failed + 1)); }
q() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -tA -d "$url" -c "$1"; }
lf() { "$LAIFANG" --db "$url" "$@"; }
as_admin() { echo Admin-pass-1 | lf --user admin --password-stdin "$@"; }
as_clerk() { echo Clerk-pass-22 | lf --user clerk1 --password-stdin "$@"; }
expect() {
	_what=$1
	shift
	if "$@" >"$tmp/out" 2>"$tmp/err"; then ok; else bad "$_what: $(cat "$tmp/err")"; fi
}
# same WHAT GOT WANT
same() { if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', want '$3'"; fi; }
# visits FROM N [MONTH] [NAME]: N rows of a CSV's body, visitor FROM on,
# received in MONTH (2025-12) on days 1..28; ID numbers with their check
# digit (GB 11643), the sex from the 17th digit.
visits() {
	awk -v from="$1" -v n="$2" -v month="${3:-2025-12}" -v name="${4:-}" 'BEGIN {
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
		split("王|李|张|刘|陈", sn, "|")
		for (i = from; i < from + n; i++) {
			id = sprintf("32010219%02d%02d%02d%03d", 50 + int(i / 300), 1 + i % 12, 1 + i % 28, i % 300)
			s = 0
			for (k = 1; k <= 17; k++) s += substr(id, k, 1) * w[k]
			id = id substr("10X98765432", s % 11 + 1, 1)
			sex = substr(id, 17, 1) % 2 ? "男" : "女"
			printf ",%s-%02d,%s,%s,139%08d,%s,南京市玄武区中山路%d号,反映小区电梯长期故障，物业拒绝维修。\n",
				month, 1 + i % 28, name != "" ? name : sn[1 + i % 5] "建国", sex, i, id, i
		}
	}'
}
head='receptionist,received_on,name,sex,phone,id_number,address,content'
counters() { q "SELECT string_agg(dim || ' ' || period || ' ' || key || ' ' || n, ',' ORDER BY dim, period, key) FROM main.stats_count"; }

expect "init" sh -c 'printf "Admin-pass-1\nAdmin-pass-1\n" | "$0" --db "$1" init --admin admin --name 管理员 --password-stdin' "$LAIFANG" "$url"
expect "a clerk" sh -c 'printf "Admin-pass-1\nClerk-pass-22\n" | "$0" --db "$1" --user admin --password-stdin user add clerk1 --name 王小红 --roles clerk' "$LAIFANG" "$url"

# -- many in one month, a few in others ------------------------------------------
{
	echo "$head"
	visits 0 3 2025-11
	visits 3 120 2025-12
	visits 123 2 2026-01
	visits 0 1 2025-12 # a visitor of November again: 2025-12's people are 121
} >"$tmp/visits.csv"
expect "import" as_clerk import "$tmp/visits.csv"
same "cases imported" "$(q "SELECT count(*) FROM main.case_file")" 126
expect "check after the import" as_admin check
n() { q "SELECT coalesce(sum(n), 0) FROM main.stats_count WHERE dim = '$1' AND period = '$2' AND key = '${3:-}'"; }
same "visits of 2025-12" "$(n visits 2025-12)" 121
same "visits of 2025-11" "$(n visits 2025-11)" 3
same "visits of 2026-01" "$(n visits 2026-01)" 2
same "person-times of 2025-12" "$(n person_times 2025-12)" 121
same "channel visit of 2025-12" "$(n channel 2025-12 visit)" 121
same "people of 2025-12" "$(n people 2025-12)" 121
same "people of 2025" "$(n people 2025)" 123
same "people of 2026" "$(n people 2026)" 2
same "route clocks of 2025-12" "$(q "SELECT sum(n) FROM main.stats_count WHERE dim = 'clock' AND period = '2025-12' AND key LIKE 'route|=%'")" 121
# one row per counter, whatever the number of cases that bumped it
same "one visits row per month" "$(q "SELECT count(*) FROM main.stats_count WHERE dim = 'visits'")" 3
expect "stats of 2025" as_admin stats --year 2025
if grep -q 124 "$tmp/out"; then ok; else bad "stats --year 2025 shows 124 visits: $(head -c 600 "$tmp/out")"; fi

# -- a file that fails after good rows: all or nothing ---------------------------
before=$(counters)
cases=$(q "SELECT count(*) FROM main.case_file")
{
	echo "$head"
	visits 200 30 2025-12
	visits 230 2 2026-02
	visits 200 1 2025-12 赵某某 # the same ID number under another name: refused at its save
} >"$tmp/bad.csv"
if as_clerk import "$tmp/bad.csv" >"$tmp/out" 2>"$tmp/err"; then bad "an import with a conflicting row succeeded"; else ok; fi
same "cases after the failed import" "$(q "SELECT count(*) FROM main.case_file")" "$cases"
same "counters after the failed import" "$(counters)" "$before"
expect "check after the failed import" as_admin check
# and the next import counts only itself
{
	echo "$head"
	visits 300 5 2025-12
} >"$tmp/more.csv"
expect "import after the failed one" as_clerk import "$tmp/more.csv"
same "visits of 2025-12 after" "$(n visits 2025-12)" 126
same "visits of 2026-02 after" "$(n visits 2026-02)" 0
expect "check at the end" as_admin check

echo "import-counters: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
