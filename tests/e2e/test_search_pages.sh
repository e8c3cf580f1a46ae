#!/bin/sh
# Search paged through one ranking (issue 16): 60 visits whose content holds
# the same phrase. `laifang search` prints all 60 from one ranked query,
# written to the audit log once; in the TUI the search, scrolled with PgDn
# to the end and PgUp back, or jumped to its last hit and back with Ctrl-End
# and Ctrl-Home (Home and End are the query line's there), shows
# the hits in the command's order, and scrolling adds no audit entry (the
# search ran once).
. "$(dirname "$0")/lib.sh"

lf_setup_office

# 60 visitors with valid ID numbers (GB 11643 check digit), odd 17th digit
# (men), the phrase in each content with a different amount of text around.
awk -v day="$TODAY" 'BEGIN {
	split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
	check = "10X98765432"
	print "receptionist,received_on,name,sex,phone,id_number,address,content"
	for (i = 1; i <= 60; i++) {
		id = sprintf("32010219800101%03d", 2 * i + 1)
		s = 0
		for (k = 1; k <= 17; k++) s += substr(id, k, 1) * w[k]
		id = id substr(check, s % 11 + 1, 1)
		pad = ""
		for (k = 0; k < i % 7; k++) pad = pad "另外说明情况。"
		printf ",%s,张%s,男,,%s,,反映单位拖欠工资问题%s请求处理。\n", day, (i % 2 ? "伟" : "强"), id, pad
	}
}' >"$T/sixty.csv"
lf_import_csv "$T/sixty.csv"
assert_eq 60 "$(db_sql "SELECT count(*) FROM case_file")" "cases imported"

step "the command prints all 60 hits of one ranking, one audit entry"
before=$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'search'")
lf_as "$CLERK_LOGIN" "$CLERK_PW" search 拖欠工资 >"$T/hits.out" || fail "search failed"
assert_eq 60 "$(grep -c '^2026-' "$T/hits.out")" "hits printed"
assert_eq 60 "$(cut -f1 "$T/hits.out" | sort -u | wc -l | tr -d ' ')" "distinct hits"
assert_eq "$((before + 1))" "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'search'")" \
	"search entries for the command"
first=$(head -n 1 "$T/hits.out" | cut -f1)
last=$(tail -n 1 "$T/hits.out" | cut -f1)
fortieth=$(sed -n 40p "$T/hits.out" | cut -f1)

step "the TUI: the same ranking scrolled to its end and back, searched once"
lf_start_as "$CLERK_LOGIN" "$CLERK_PW" --lang en
keys /
wait_for "Search cases"
type_text 拖欠工资
keys Enter
wait_line 3 "$first"
searches=$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'search'")
keys PgDn PgDn PgDn PgDn # 17 a page: past the first 50 (the old second page)
wait_line 20 "$last"
assert_screen_lacks "$first"
keys PgUp PgUp # the 26th to the 43rd in view
wait_for "$fortieth"
keys PgUp PgUp
wait_line 3 "$first"
keys Down Down Down Up
wait_line 3 "$first"
# Ctrl-End and Ctrl-Home: the last and the first hit (Home and End stay the
# query line's: End then a letter types after the query)
keys C-End
wait_line 20 "$last"
assert_screen_lacks "$first"
keys C-Home
wait_line 3 "$first"
keys End
type_text 甲
wait_for "拖欠工资甲"
keys BSpace
wait_gone "拖欠工资甲"
assert_eq "$searches" "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'search'")" \
	"search entries after scrolling"
keys Escape
wait_for "Today's registrations"
keys F10
wait_exit
pass
