#!/bin/sh
# make bench: laifang-bench on the backends of BENCH_BACKENDS ("sqlite pg"
# by default). For pg, a PostgreSQL server of the bench's own in DIR/pg
# (tests/pg/cluster.sh: a Unix socket in that folder, no TCP), kept between
# runs so the offices copied there are reused, stopped at the end; fsync on
# while measuring (the cluster is made with it off), so a Save is durable
# on both backends.
# Usage: sh tests/bench/run.sh DIR SIZE...
set -u
dir=$1
shift
backends=${BENCH_BACKENDS:-sqlite pg}
bin=$dir/laifang-bench
case " $backends " in
*" pg "*)
	case $dir in /*) pgdir=$dir/pg ;; *) pgdir=$(pwd)/$dir/pg ;; esac
	url=$(sh tests/pg/cluster.sh start "$pgdir") || exit 1
	trap 'sh tests/pg/cluster.sh stop "$pgdir"' EXIT INT TERM
	bindir=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
	"$bindir/psql" -X -q -h "$pgdir" -d postgres -c "ALTER SYSTEM SET fsync = on" \
		-c "SELECT pg_reload_conf()" >/dev/null || exit 1
	BENCH_BACKENDS=$backends "$bin" "$dir" --pg "$url" "$@"
	;;
*)
	BENCH_BACKENDS=$backends "$bin" "$dir" "$@"
	;;
esac
