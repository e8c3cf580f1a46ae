#!/bin/sh
# The end-to-end scenarios (tests/e2e/) on PostgreSQL (issue 14): one
# throwaway cluster (tests/pg/cluster.sh); tests/e2e/lib.sh gives each test
# a database of its own there (E2E_PG_URL). Closing line
# "e2e-pg: N passed, N failed".
#   LAIFANG=build/laifang sh tests/pg/e2e.sh TEST...
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d /tmp/laifang-pge.XXXXXX) || exit 2
chmod 0711 "$tmp"
trap 'sh "$root/tests/pg/cluster.sh" stop "$tmp/pg"; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
if ! url=$(sh "$root/tests/pg/cluster.sh" start "$tmp/pg"); then
	echo "e2e-pg: the throwaway PostgreSQL cluster did not start (tools/deps.sh installs postgresql)" >&2
	echo "e2e-pg: 0 passed, 1 failed"
	exit 1
fi
E2E_PG_URL=$url E2E_LABEL=e2e-pg sh "$root/tests/e2e/run.sh" "$@"
