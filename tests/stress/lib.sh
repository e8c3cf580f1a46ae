# Shared by the stress scripts (POSIX sh): a fresh directory and database
# with an administrator and a clerk made through the command line, and the
# checks every stress test ends with. Needs LAIFANG (the binary) and, for
# the savers, SAVER (build/stress/saver); sqlite3 reads the database behind
# laifang's back for what no command shows.
set -u
: "${LAIFANG:?LAIFANG=/abs/path/build/laifang}"
for _tool in sqlite3; do
	command -v "$_tool" >/dev/null 2>&1 || { echo "$_tool is missing (sh tools/deps.sh)" >&2; exit 1; }
done
NAME=$(basename "$0" .sh)
T=$(mktemp -d "${TMPDIR:-/tmp}/laifang-stress-$NAME.XXXXXX") || exit 1
trap 'if [ "${STRESS_KEEP:-0}" = 1 ]; then echo "kept $T" >&2; else rm -rf "$T"; fi' EXIT
trap 'exit 130' INT TERM HUP
export LC_ALL=C.UTF-8 HOME="$T" XDG_DATA_HOME="$T/data" XDG_STATE_HOME="$T/state"
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
DB="$T/laifang.db"
export LAIFANG_DB="$DB"
ADMIN_PW=admin-secret-1
CLERK_PW=clerk-secret-1

fail() {
	echo "FAIL [$NAME]: $*" >&2
	exit 1
}

say() {
	echo "  - $*"
}

setup_db() {
	printf '%s\n' "$ADMIN_PW" | "$LAIFANG" --db "$DB" init --admin admin --name 管理员 --password-stdin \
		>"$T/init.out" 2>&1 || fail "init: $(cat "$T/init.out")"
	printf '%s\n%s\n' "$ADMIN_PW" "$CLERK_PW" |
		"$LAIFANG" --db "$DB" --user admin --password-stdin user add clerk --name 王小红 --roles clerk \
			>"$T/add.out" 2>&1 || fail "user add: $(cat "$T/add.out")"
}

sql() {
	sqlite3 -batch -noheader "$DB" "$1"
}

# Every case as "TAG-I CASE_NO" (the saver writes TAG-I into the content),
# sorted: what the acknowledgements are compared with.
db_cases() {
	sql "SELECT case_no, content FROM case_file" |
		sed -n 's/^\([0-9-]*\)|并发保存测试 \([^：]*\)：.*/\2 \1/p' | sort
}

# Case numbers of each year are 1..N with no gap and no repeat.
assert_gapless() {
	_bad=$(sql "SELECT year, count(*), count(DISTINCT number), min(number), max(number) FROM case_file
	            GROUP BY year HAVING count(*) <> max(number) OR min(number) <> 1 OR count(DISTINCT number) <> count(*)")
	[ -z "$_bad" ] || fail "case numbers not gapless/unique (year|count|distinct|min|max): $_bad"
}

assert_check_clean() {
	"$LAIFANG" --db "$DB" check >"$T/check.out" 2>&1 || fail "laifang check is not clean: $(cat "$T/check.out")"
}

# A random number of milliseconds below $1.
random_ms() {
	awk -v seed="$(od -An -N4 -tu4 /dev/urandom)" -v max="$1" 'BEGIN { srand(seed); printf "%d\n", rand() * max }'
}
