# The stress tests on PostgreSQL (issue 14): lib.sh's set-up and checks,
# but the office lives in a throwaway cluster of the test's own
# (tests/pg/cluster.sh in $T/pg: a Unix socket there, no TCP port) and psql
# reads it behind laifang's back. Sourced by tests/stress/*_pg.sh.
. "$(dirname "$0")/lib.sh"
STRESS_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PG_BINDIR=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -n "$PG_BINDIR" ] && [ -x "$PG_BINDIR/psql" ] || fail "no PostgreSQL (sh tools/deps.sh installs it)"
CLUSTER=$T/pg
chmod 0711 "$T" # the server's user (postgres, when run as root) passes through to its folder
trap 'sh "$STRESS_ROOT/tests/pg/cluster.sh" stop "$CLUSTER" >/dev/null 2>&1; if [ "${STRESS_KEEP:-0}" = 1 ]; then echo "kept $T" >&2; else rm -rf "$T"; fi' EXIT
DB=$(sh "$STRESS_ROOT/tests/pg/cluster.sh" start "$CLUSTER") || fail "the throwaway PostgreSQL cluster did not start"
export LAIFANG_DB="$DB"
# laifang's tables are in the schema main
export PGOPTIONS="-c search_path=main"

sql() {
	"$PG_BINDIR/psql" -X -q -tA -v ON_ERROR_STOP=1 -d "$DB" -c "$1"
}

# The server's postmaster, killed as a power cut would (its backends are
# left to notice), and started again by cluster.sh.
server_kill() {
	_pid=$(head -n 1 "$CLUSTER/data/postmaster.pid" 2>/dev/null)
	[ -n "$_pid" ] || fail "no postmaster.pid in $CLUSTER/data"
	kill -KILL "$_pid" || fail "could not kill the server ($_pid)"
}

server_start() {
	sh "$STRESS_ROOT/tests/pg/cluster.sh" start "$CLUSTER" >"$T/start.out" 2>&1 ||
		fail "the server did not start again: $(cat "$T/start.out")"
}
