#!/bin/sh
# The PostgreSQL migrations (db/pg/) beside SQLite's (db/), on a throwaway
# cluster (tests/pg/cluster.sh): each applies in one transaction; every
# table of a new SQLite database (made by the real binary) is in
# PostgreSQL with the same columns in the same order (types, NOT NULL,
# defaults), every named index and trigger exists on the same table; the
# archive lock refuses writes to an archived case; a tsvector search finds
# a bigram through the GIN index.
# Usage: LAIFANG=build/laifang sh tests/pg/schema.sh
# Prints "pg-schema: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
LAIFANG=${LAIFANG:-$root/build/laifang}
export LC_ALL=C.UTF-8
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAILED: $*" >&2; failed=$((failed + 1)); }
finish() {
	echo "pg-schema: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

tmp=$(mktemp -d /tmp/laifang-pg.XXXXXX) || exit 2
chmod 0711 "$tmp" # the server's user (postgres, when run as root) passes through to its own folder
cluster=$tmp/pg
XDG_CONFIG_HOME=$tmp/config # the SQLite database's office key
export XDG_CONFIG_HOME
trap 'sh "$root/tests/pg/cluster.sh" stop "$cluster"; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

if ! url=$(sh "$root/tests/pg/cluster.sh" start "$cluster"); then
	bad "the throwaway PostgreSQL cluster did not start (tools/deps.sh installs postgresql)"
	finish
fi
ok
bindir=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
# q SQL: one psql call, unaligned tuples only; stops at the first error.
q() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -tA -d "$url" -c "$1"; }

# -- 1. the migrations, each in one transaction, in order -------------------
n_sqlite=0
for f in "$root"/db/[0-9]*.sql; do
	n_sqlite=$((n_sqlite + 1))
	b=$(basename "$f")
	[ -f "$root/db/pg/$b" ] || bad "db/pg/$b is missing (the twin of db/$b)"
done
n_pg=0
for f in "$root"/db/pg/[0-9]*.sql; do
	n_pg=$((n_pg + 1))
	if "$bindir/psql" -X -q -v ON_ERROR_STOP=1 --single-transaction -d "$url" -f "$f" >"$tmp/apply.log" 2>&1; then
		ok
	else
		bad "$(basename "$f") does not apply: $(cat "$tmp/apply.log")"
	fi
done
[ "$n_pg" -eq "$n_sqlite" ] && ok || bad "db/ has $n_sqlite migrations, db/pg/ $n_pg"

# -- 2. the schema beside SQLite's ------------------------------------------
ref=$tmp/ref.db
if ! printf '%s\n' 'pg-schema-Passw0rd' |
	"$LAIFANG" --db "$ref" init --admin admin --name 管理员 --password-stdin >"$tmp/init.log" 2>&1; then
	bad "laifang init failed: $(cat "$tmp/init.log")"
	finish
fi
# Tables, without FTS5's shadow tables (case_search_data ...: SQLite's own).
sqlite3 "$ref" "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\\'
                AND name NOT IN (SELECT name || suffix FROM sqlite_schema, (SELECT '_data' AS suffix UNION ALL
                    SELECT '_idx' UNION ALL SELECT '_content' UNION ALL SELECT '_docsize' UNION ALL SELECT '_config')
                  WHERE sql LIKE 'CREATE VIRTUAL TABLE%')
                ORDER BY name" >"$tmp/tables"
[ "$(wc -l <"$tmp/tables")" -ge 25 ] && ok || bad "the SQLite database has only $(wc -l <"$tmp/tables") tables"
while read -r t; do
	if [ "$t" = case_search ]; then
		# The sqlite3 shell lacks laifang's tokenizer: the FTS5 columns are
		# read from the CREATE VIRTUAL TABLE (its options have a '=').
		want=$(sqlite3 "$ref" "SELECT sql FROM sqlite_schema WHERE name = 'case_search'" |
			sed 's/^[^(]*(//; s/)[^)]*$//' | tr ',' '\n' | grep -v = | tr -d ' ' | tr '\n' ' ')
		# FTS5's rowid is case_seq, the terms a tsvector (004).
		want="case_seq ${want}terms"
	else
		want=$(sqlite3 "$ref" "SELECT group_concat(name, ' ') FROM (SELECT name FROM pragma_table_info('$t') ORDER BY cid)")
	fi
	have=$(q "SELECT string_agg(column_name, ' ' ORDER BY ordinal_position) FROM information_schema.columns
	          WHERE table_schema = 'public' AND table_name = '$t'")
	if [ -z "$have" ]; then
		bad "table $t is not in PostgreSQL"
	elif [ "$have" != "$want" ]; then
		bad "table $t: SQLite has columns ($want), PostgreSQL ($have)"
	else
		ok
	fi
	[ "$t" = case_search ] && continue
	# Each column's type, NOT NULL (a key's columns are) and default: the
	# seal's row digest leaves out a value equal to its column's default.
	sqlite3 -separator '|' "$ref" "SELECT name, CASE upper(type) WHEN 'INTEGER' THEN 'bigint' WHEN 'TEXT' THEN 'text'
	                                 WHEN 'BLOB' THEN 'bytea' ELSE type END, (\"notnull\" OR pk > 0), coalesce(dflt_value, '')
	                               FROM pragma_table_info('$t') ORDER BY cid" >"$tmp/want.cols"
	q "SELECT column_name, data_type, CASE is_nullable WHEN 'NO' THEN 1 ELSE 0 END,
	          coalesce(regexp_replace(column_default, '::[a-z ]+$', ''), '')
	   FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '$t'
	   ORDER BY ordinal_position" >"$tmp/have.cols"
	if cmp -s "$tmp/want.cols" "$tmp/have.cols"; then
		ok
	else
		bad "table $t: columns differ (SQLite <, PostgreSQL >): $(diff "$tmp/want.cols" "$tmp/have.cols" | grep '^[<>]')"
	fi
done <"$tmp/tables"
# Every named index and trigger, on the same table.
sqlite3 -separator ' ' "$ref" "SELECT type, name, tbl_name FROM sqlite_schema WHERE type IN ('index', 'trigger')
                               AND sql IS NOT NULL ORDER BY type, name" >"$tmp/objects"
[ "$(grep -c '^index ' "$tmp/objects")" -ge 20 ] && ok || bad "too few SQLite indexes listed"
[ "$(grep -c '^trigger ' "$tmp/objects")" -ge 20 ] && ok || bad "too few SQLite triggers listed"
while read -r type name tbl; do
	if [ "$type" = index ]; then
		have=$(q "SELECT tablename FROM pg_indexes WHERE schemaname = 'public' AND indexname = '$name'")
	else
		have=$(q "SELECT c.relname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
		          WHERE NOT g.tgisinternal AND g.tgname = '$name'")
	fi
	[ "$have" = "$tbl" ] && ok || bad "$type $name on $tbl: PostgreSQL has it on '${have:-nothing}'"
done <"$tmp/objects"
# Partial indexes keep their WHERE; the day index its expression.
case $(q "SELECT indexdef FROM pg_indexes WHERE indexname = 'case_clock_running'") in
*"WHERE (state = 'running'::text)"*) ok ;;
*) bad "case_clock_running lost its WHERE" ;;
esac
case $(q "SELECT indexdef FROM pg_indexes WHERE indexname = 'audit_log_day'") in
*"substr(at, 1, 10), seq"*) ok ;;
*) bad "audit_log_day is not on (substr(at, 1, 10), seq)" ;;
esac

# -- 3. archived means locked -----------------------------------------------
# expect_refused LABEL SQL: the statement fails with the lock's words.
expect_refused() {
	if q "$2" >"$tmp/out" 2>&1; then
		bad "$1: accepted on an archived case"
	elif grep -q 'laifang: the case is archived' "$tmp/out"; then
		ok
	else
		bad "$1: failed otherwise: $(cat "$tmp/out")"
	fi
}
expect_done() { q "$2" >"$tmp/out" 2>&1 && ok || bad "$1: $(cat "$tmp/out")"; }
case_row() { # id number
	echo "INSERT INTO case_file (id, case_no, year, number, received_on, created_at, content, is_repeat)
	      VALUES ('$1', '2026-00000$2', 2026, $2, '2026-11-23', '2026-11-23T09:00:00+08:00', '工资', 0)"
}
expect_done "a case is registered" "$(case_row c1 1)"
expect_done "a case is registered" "$(case_row c2 2)"
expect_done "an open case's content changes" "UPDATE case_file SET content = '拖欠工资' WHERE id = 'c1'"
expect_done "an event on an open case" "INSERT INTO case_event (case_id, seq, kind, at, by_name)
                                        VALUES ('c1', 1, 'accept', '2026-11-23T10:00:00+08:00', '甲')"
expect_done "the case is archived" "UPDATE case_file SET status = 'archived' WHERE id = 'c1'"
expect_refused "content of an archived case" "UPDATE case_file SET content = '改写' WHERE id = 'c1'"
[ "$(q "SELECT content FROM case_file WHERE id = 'c1'")" = 拖欠工资 ] && ok || bad "the archived content changed"
expect_refused "deleting an archived case" "DELETE FROM case_file WHERE id = 'c1'"
expect_refused "a step on an archived case" "INSERT INTO case_event (case_id, seq, kind, at, by_name)
                                             VALUES ('c1', 2, 'reply', '2026-11-24T10:00:00+08:00', '甲')"
expect_done "an annotation on an archived case" "INSERT INTO case_event (case_id, seq, kind, at, by_name, text)
                                                 VALUES ('c1', 2, 'annotate', '2026-11-24T10:00:00+08:00', '甲', '备注')"
expect_refused "editing an archived case's event" "UPDATE case_event SET text = 'x' WHERE case_id = 'c1' AND seq = 1"
expect_done "an event on the open case" "INSERT INTO case_event (case_id, seq, kind, at, by_name)
                                         VALUES ('c2', 1, 'accept', '2026-11-23T10:00:00+08:00', '乙')"
expect_refused "moving an event onto an archived case" "UPDATE case_event SET case_id = 'c1', seq = 9 WHERE case_id = 'c2'"
expect_refused "deleting an archived case's event" "DELETE FROM case_event WHERE case_id = 'c1'"
expect_refused "a clock on an archived case" "INSERT INTO case_clock (case_id, rule, start_on, start_at, due_on, basis, state)
                                              VALUES ('c1', 'handle', '2026-11-23', 'x', '2027-01-22', 'x', 'running')"
expect_done "a unit" "INSERT INTO unit (id, name, kind, created_at) VALUES ('u1', '某局', 'peer', 'x')"
expect_refused "a co-agency on an archived case" "INSERT INTO case_unit (case_id, unit_id, role, added_at)
                                                  VALUES ('c1', 'u1', 'co', 'x')"
expect_done "a co-agency on an open case" "INSERT INTO case_unit (case_id, unit_id, role, added_at) VALUES ('c2', 'u1', 'co', 'x')"
[ "$(q "SELECT count(*) FROM case_event WHERE case_id = 'c1'")" = 2 ] && ok || bad "the archived case's timeline changed"
# The other tables of a case (011, 014, 017): a new row is refused.
expect_done "a visitor, a user, a day's log" "INSERT INTO visitor (id, id_number, name, created_at, updated_at)
                                              VALUES ('v1', '110101199001011234', '张三', 'x', 'x');
                                              INSERT INTO app_user (id, login, name, roles, password_hash, created_at, updated_at)
                                              VALUES ('a1', 'lead', '李四', 1, 'x', 'x', 'x');
                                              INSERT INTO reception_log (id, day, created_at, updated_at)
                                              VALUES ('r1', '2026-11-23', 'x', 'x')"
expect_refused "a representative on an archived case" "INSERT INTO case_visitor (case_id, visitor_id, position, name)
                                                       VALUES ('c1', 'v1', 1, '张三')"
expect_refused "a signed entry on an archived case" "INSERT INTO case_entry (id, case_id, kind, position, text, signer_id,
                                                     signer_name, signed_at) VALUES ('e1', 'c1', 'instruction', 1, '阅', 'a1', '李四', 'x')"
expect_refused "an agency's answer on an archived case" "INSERT INTO case_agency_answer (case_id, seq, kind, on_date)
                                                         VALUES ('c1', 2, 'agency_receipt', '2026-11-24')"
expect_refused "a day's log linking an archived case" "INSERT INTO reception_log_case (log_id, case_id) VALUES ('r1', 'c1')"
expect_done "the same on the open case" "INSERT INTO case_visitor (case_id, visitor_id, position, name) VALUES ('c2', 'v1', 0, '张三');
                                         INSERT INTO case_entry (id, case_id, kind, position, text, signer_id, signer_name, signed_at)
                                         VALUES ('e2', 'c2', 'approval', 1, '同意', 'a1', '李四', 'x');
                                         INSERT INTO case_agency_answer (case_id, seq, kind, on_date) VALUES ('c2', 1, 'agency_receipt', 'x');
                                         INSERT INTO reception_log_case (log_id, case_id) VALUES ('r1', 'c2')"
# 014's kinds replaced 002's CHECK.
if q "INSERT INTO case_entry (id, case_id, kind, position, text, signer_id, signer_name, signed_at)
      VALUES ('e3', 'c2', 'gossip', 1, 'x', 'a1', '李四', 'x')" >"$tmp/out" 2>&1; then
	bad "case_entry takes a kind outside its CHECK"
else
	grep -q case_entry_kind_check "$tmp/out" && ok || bad "case_entry's bad kind failed otherwise: $(cat "$tmp/out")"
fi

# -- 4. search: bigrams in a tsvector under GIN ------------------------------
expect_done "a search row" "INSERT INTO case_search (case_seq, name, address, content, terms)
                            VALUES (1, '张三', NULL, '反映工资', to_tsvector('simple', '反映 映工 工资'))"
expect_done "more search rows" "INSERT INTO case_search (case_seq, content, terms)
                                SELECT g, '拆迁', to_tsvector('simple', '拆迁 迁补 补偿') FROM generate_series(2, 200) g"
[ "$(q "SELECT string_agg(case_seq::text, ',') FROM case_search WHERE terms @@ to_tsquery('simple', '工资')")" = 1 ] &&
	ok || bad "a search for 工资 does not find the row"
[ "$(q "SELECT count(*) FROM case_search WHERE terms @@ to_tsquery('simple', '工人')")" = 0 ] &&
	ok || bad "a search for 工人 finds something"
[ "$(q "SELECT count(*) FROM case_search WHERE terms @@ to_tsquery('simple', '迁补')")" = 199 ] &&
	ok || bad "a search for 迁补 does not find the 199 rows"
plan=$("$bindir/psql" -X -q -tA -d "$url" -c "ANALYZE case_search" -c "SET enable_seqscan = off" \
	-c "EXPLAIN SELECT case_seq FROM case_search WHERE terms @@ to_tsquery('simple', '工资')" 2>&1)
case $plan in
*"Index Scan on case_search_terms"* | *"Index Scan using case_search_terms"*) ok ;;
*) bad "the search does not use the GIN index: $plan" ;;
esac

finish
