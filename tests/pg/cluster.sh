#!/bin/sh
# A throwaway PostgreSQL cluster for the tests (issue 14), all of it in DIR:
# the data in DIR/data, its log in DIR/log, and the server listening on a
# Unix socket in DIR only (no TCP port). Trust authentication: only DIR's
# owner (and root) can reach the socket, DIR being mode 0700.
#   sh tests/pg/cluster.sh start DIR   prints postgresql:///laifang?host=DIR
#   sh tests/pg/cluster.sh stop DIR
# Both are idempotent: start on a running cluster prints the string again,
# a cluster whose server died is started again, an initdb that died is
# redone (initdb writes into DIR/data.new, renamed when it is complete).
# PostgreSQL refuses to run as root: as root the server runs as the user
# postgres (the package makes it; else a system user laifang-pg is made,
# or PG_CLUSTER_USER names one), and DIR is given to that user. The
# database superuser is named after the caller, so the caller's psql
# connects without a user name. The binaries: PG_BINDIR, or the newest
# /usr/lib/postgresql/*/bin.
set -u
usage() { echo "usage: sh tests/pg/cluster.sh start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
cmd=$1
case $2 in /*) dir=$2 ;; *) dir=$(pwd)/$2 ;; esac
dir=${dir%/}

bindir=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
	echo "cluster.sh: no PostgreSQL server found (/usr/lib/postgresql/*/bin; sh tools/deps.sh installs it)" >&2
	exit 1
fi
# The socket's path must fit in sun_path (107 bytes with ".s.PGSQL.5432").
if [ ${#dir} -gt 90 ]; then
	echo "cluster.sh: $dir is too long a path for a Unix socket" >&2
	exit 1
fi

me=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
	owner=${PG_CLUSTER_USER:-}
	if [ -z "$owner" ]; then
		if id postgres >/dev/null 2>&1; then
			owner=postgres
		else
			id laifang-pg >/dev/null 2>&1 ||
				useradd --system --no-create-home --shell /usr/sbin/nologin laifang-pg || exit 1
			owner=laifang-pg
		fi
	fi
	# From / : pg_ctl fails in a working directory it cannot read.
	as_owner() { (cd / && runuser -u "$owner" -- "$@"); }
else
	owner=$me
	as_owner() { "$@"; }
fi

data=$dir/data
running() { [ -f "$data/PG_VERSION" ] && as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; }

case $cmd in
stop)
	if running; then
		as_owner "$bindir/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null || exit 1
	fi
	exit 0
	;;
start) ;;
*) usage ;;
esac

mkdir -p "$dir" || exit 1
if [ "$owner" != "$me" ]; then
	chown "$owner" "$dir" || exit 1
fi
chmod 0700 "$dir" || exit 1
if ! as_owner test -w "$dir"; then
	echo "cluster.sh: user $owner cannot write $dir (is a folder above it closed to others?)" >&2
	exit 1
fi

if [ ! -f "$data/PG_VERSION" ]; then
	rm -rf "$data" "$data.new"
	# --no-sync: a test cluster need not survive a power cut.
	if ! as_owner "$bindir/initdb" -D "$data.new" -U "$me" --auth=trust -E UTF8 --locale=C.UTF-8 \
		--no-sync >"$dir/initdb.log" 2>&1; then
		cat "$dir/initdb.log" >&2
		exit 1
	fi
	cat >>"$data.new/postgresql.conf" <<EOF
# tests/pg/cluster.sh: a Unix socket in the cluster's folder, no TCP.
listen_addresses = ''
unix_socket_directories = '$dir'
fsync = off
jit = off
logging_collector = off
EOF
	as_owner mv "$data.new" "$data" || exit 1
fi

# A server that died leaves postmaster.pid; postgres sees that its pid is
# gone and starts anyway, but for a moment after a kill the dead server's
# pid or its children may linger: try again until it answers.
tries=0
until "$bindir/pg_isready" -q -h "$dir" -d postgres; do
	tries=$((tries + 1))
	if [ $tries -ge 60 ]; then
		echo "cluster.sh: the server in $dir does not start" >&2
		tail -n 20 "$dir/log" >&2
		exit 1
	fi
	running || as_owner "$bindir/pg_ctl" -D "$data" -l "$dir/log" -w -t 30 start >/dev/null 2>&1
	"$bindir/pg_isready" -q -h "$dir" -d postgres || sleep 0.5
done

psql() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" "$@"; }
if [ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'laifang'")" != 1 ]; then
	psql -d postgres -c "CREATE DATABASE laifang" || exit 1
fi
echo "postgresql:///laifang?host=$dir"
