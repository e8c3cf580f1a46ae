#!/bin/sh
# Two offices on one PostgreSQL server (issue 14): office A (the database
# LAIFANG_PG_URL names) and office B (a second database on the same
# cluster) trust each other's keys and name each other's database; A's
# transfer arrives in B's screening queue with its document at once, and
# B's acceptance and result come back onto A's case the same way. A
# delivery is a signed package imported as a file would be: a package
# sent twice, or a sender no longer trusted, is refused. Both check clean.
# Prints "exchange: N passed, N failed" for tests/pg/unit.sh to count.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
LAIFANG=${LAIFANG:-$root/build/laifang}
url_a=${LAIFANG_PG_URL:?LAIFANG_PG_URL names the database}
export LANGUAGE=en LC_ALL=C.UTF-8
bindir=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
XDG_CONFIG_HOME=$tmp/config # both offices' keys: one server, one account
export XDG_CONFIG_HOME
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAILED: $*" >&2; failed=$((failed + 1)); }
db_a=$(echo "$url_a" | sed -n 's|^postgresql:///\([^?]*\).*|\1|p')
url_b=$(echo "$url_a" | sed "s|///$db_a|///${db_a}_b|")
"$bindir/psql" -X -q -d "$url_a" -c "CREATE DATABASE ${db_a}_b" >/dev/null || { echo "exchange: 0 passed, 1 failed"; exit 1; }
qa() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -tA -d "$url_a" -c "$1"; }
qb() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -tA -d "$url_b" -c "$1"; }
# as DB LOGIN PASSWORD ARG...
as() { _db=$1 _who=$2 _pw=$3; shift 3; echo "$_pw" | "$LAIFANG" --db "$_db" --user "$_who" --password-stdin "$@"; }
expect() {
	_what=$1
	shift
	if "$@" >"$tmp/out" 2>"$tmp/err"; then ok; else bad "$_what: $(cat "$tmp/out" "$tmp/err")"; fi
}
refused() {
	_text=$1
	shift
	if "$@" >"$tmp/out" 2>"$tmp/err"; then bad "$*: succeeded, expected [$_text]"
	elif grep -F -q -- "$_text" "$tmp/err"; then ok; else bad "$*: stderr lacks [$_text]: $(cat "$tmp/err")"; fi
}
same() { if [ "$2" = "$3" ]; then ok; else bad "$1: expected [$2], got [$3]"; fi; }
id_number() {
	printf '%s\n' "$1" | awk '{
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
		s = 0
		for (i = 1; i <= 17; i++) s += substr($0, i, 1) * w[i]
		printf "%s%s\n", $0, substr("10X98765432", s % 11 + 1, 1)
	}'
}
TODAY=$(date +%F)
YEAR=${TODAY%%-*}
A_NAME=市信访局 B_NAME=区住建局 DEPT=综合处
ADMIN=Admin-pass-1 SUP=Sup-pass-333 CLERK=Clerk-pass-22

# -- two offices ----------------------------------------------------------------
for db in "$url_a" "$url_b"; do
	expect "init" sh -c 'printf "%s\n" "$2" | "$0" --db "$1" init --admin admin --name 管理员 --password-stdin' "$LAIFANG" "$db" "$ADMIN"
	mkdir -p "$tmp/files-$(echo "$db" | md5sum | cut -c1-8)"
	expect "attachments" as "$db" admin "$ADMIN" config set attachments_dir "$tmp/files-$(echo "$db" | md5sum | cut -c1-8)"
	expect "a clerk" sh -c 'printf "%s\n%s\n" "$2" "$3" | "$0" --db "$1" --user admin --password-stdin user add clerk1 --name 王小红 --roles clerk' "$LAIFANG" "$db" "$ADMIN" "$CLERK"
	expect "a supervisor" sh -c 'printf "%s\n%s\n" "$2" "$3" | "$0" --db "$1" --user admin --password-stdin user add sup1 --name 李主任 --roles supervisor' "$LAIFANG" "$db" "$ADMIN" "$SUP"
	expect "a department" as "$db" admin "$ADMIN" unit add "$DEPT" --kind department
done
expect "A's name" as "$url_a" admin "$ADMIN" config set office_name "$A_NAME"
expect "B's name" as "$url_b" admin "$ADMIN" config set office_name "$B_NAME"
expect "B as A's unit" as "$url_a" admin "$ADMIN" unit add "$B_NAME" --kind peer
expect "B's worker" sh -c 'printf "%s\n%s\n" "$2" "$3" | "$0" --db "$1" --user admin --password-stdin user add worker --name 赵经办 --roles handler --unit "$4"' "$LAIFANG" "$url_b" "$ADMIN" Worker-pass-4 "$DEPT"
ka=$(as "$url_a" admin "$ADMIN" exchange key 2>"$tmp/err") && [ ${#ka} = 64 ] && ok || bad "A's key: $(cat "$tmp/err")"
kb=$(as "$url_b" admin "$ADMIN" exchange key 2>"$tmp/err") && [ ${#kb} = 64 ] && ok || bad "B's key: $(cat "$tmp/err")"
expect "A trusts B" as "$url_a" admin "$ADMIN" exchange trust "$B_NAME" "$kb"
expect "B trusts A" as "$url_b" admin "$ADMIN" exchange trust "$A_NAME" "$ka"
refused "not allowed" as "$url_a" sup1 "$SUP" exchange peer "$B_NAME" "$url_b"
expect "B is on this server" as "$url_a" admin "$ADMIN" exchange peer "$B_NAME" "$url_b"
expect "A is on this server" as "$url_b" admin "$ADMIN" exchange peer "$A_NAME" "$url_a"
same "the peer's database is kept" "$url_b" "$(qa "SELECT db FROM main.exchange_peer")"

# -- A transfers; B has it at once ---------------------------------------------
cat >"$tmp/visits.csv" <<CSV
receptionist,received_on,name,sex,phone,id_number,address,content
,$TODAY,王建国,男,13912345678,$(id_number 32010219680312003),南京市玄武区中山路1号,反映小区电梯长期故障，编号PX61。
CSV
expect "import" as "$url_a" clerk1 "$CLERK" import "$tmp/visits.csv"
c1=$YEAR-000001
expect "accept" as "$url_a" sup1 "$SUP" case accept "$c1" --kind claim
expect "transfer" as "$url_a" sup1 "$SUP" case route "$c1" --transfer "$B_NAME" --text "请依法处理"
printf '电梯维保记录，编号DX71。\n' >"$tmp/record.txt"
expect "deliver" as "$url_a" sup1 "$SUP" exchange export "$c1" --attach "$tmp/record.txt"
grep -q "delivered to $B_NAME: its case $YEAR-000001" "$tmp/out" && ok || bad "delivery says: $(cat "$tmp/out")"
same "B's new case in its screening queue" "registered|letter" "$(qb "SELECT status, channel FROM main.case_file")"
same "where it came from" "$A_NAME|$c1" "$(qb "SELECT (SELECT value FROM main.case_intake WHERE field = 'from_office'), (SELECT value FROM main.case_intake WHERE field = 'from_case_no')")"
same "B's document" "record.txt" "$(qb "SELECT name FROM main.exchange_document")"
same "A records it sent" "out|transfer" "$(qa "SELECT direction, kind FROM main.exchange_package")"
refused "already" as "$url_a" sup1 "$SUP" exchange export "$c1"
same "still one case in B" 1 "$(qb "SELECT count(*) FROM main.case_file")"

# -- B accepts and answers; A has it at once -----------------------------------
b1=$YEAR-000001
expect "B accepts" as "$url_b" sup1 "$SUP" case accept "$b1" --kind claim
expect "B answers" as "$url_b" sup1 "$SUP" exchange export "$b1" --answer
grep -q "(accepted) delivered to $A_NAME" "$tmp/out" && ok || bad "the answer says: $(cat "$tmp/out")"
same "A's case is being handled" handling "$(qa "SELECT status FROM main.case_file WHERE case_no = '$c1'")"
expect "B routes" as "$url_b" sup1 "$SUP" case route "$b1" --in-house --unit "$DEPT"
expect "B takes up" as "$url_b" worker Worker-pass-4 case take-up "$b1"
expect "B reports" as "$url_b" worker Worker-pass-4 case report "$b1" --text "已更换电梯控制柜，编号RX81。"
expect "B's result" as "$url_b" sup1 "$SUP" exchange export "$b1" --answer
same "A's case is reported" reported "$(qa "SELECT status FROM main.case_file WHERE case_no = '$c1'")"
same "B's result on A's case" "已更换电梯控制柜，编号RX81。|$B_NAME·赵经办" "$(qa "SELECT text, by_name FROM main.case_event WHERE kind = 'agency_result'")"
refused "no answer" as "$url_b" sup1 "$SUP" exchange export "$b1" --answer

# -- a sender no longer trusted ------------------------------------------------
expect "A's key changes in B" as "$url_b" admin "$ADMIN" exchange trust "$A_NAME" "$kb"
printf '%s\n' "$TODAY,,李秀英,女,13800001111,$(id_number 11010519491231002),北京市朝阳区,反映拖欠工资问题。" |
	sed "1i receptionist,received_on,name,sex,phone,id_number,address,content" | sed 's/^\([0-9-]*\),,/,\1,/' >"$tmp/v2.csv"
expect "import 2" as "$url_a" clerk1 "$CLERK" import "$tmp/v2.csv"
expect "accept 2" as "$url_a" sup1 "$SUP" case accept "$YEAR-000002" --kind claim
expect "transfer 2" as "$url_a" sup1 "$SUP" case route "$YEAR-000002" --transfer "$B_NAME"
refused "another key" as "$url_a" sup1 "$SUP" exchange export "$YEAR-000002"
same "nothing delivered" 1 "$(qb "SELECT count(*) FROM main.case_file")"
same "nothing recorded as sent" 0 "$(qa "SELECT count(*) FROM main.exchange_package p JOIN main.case_file c ON c.id = p.case_id WHERE c.case_no = '$YEAR-000002'")"

# -- both clean ----------------------------------------------------------------
for db in "$url_a" "$url_b"; do
	if "$LAIFANG" --db "$db" check >"$tmp/out" 2>&1; then ok; else bad "check: $(cat "$tmp/out")"; fi
done
echo "exchange: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
