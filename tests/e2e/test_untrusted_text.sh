#!/bin/sh
# Bad data from outside (issue 10), through the real binary:
# - a case whose content has no searchable character (。。。) is found by
#   its visitor's name: `laifang search` crashed on it;
# - a formula typed as content (=HYPERLINK(...)) and a name starting with @
#   leave in the CSV export as text (a single quote before them), an ID
#   number keeps its 18 characters as text (a tab after it), and importing
#   the export gives back exactly what was typed;
# - a bidi override typed into the content is not stored;
# - nothing laifang prints quotes raw control characters: an unknown case
#   number, a login, a setting's name, a column of a file, a holiday's name.
# None of it depends on the day it runs (case numbers are matched by form).
. "$(dirname "$0")/lib.sh"

ESC=$(printf '\033')
# no_esc FILE WHAT: FILE holds no ESC, BEL or bidi override.
no_esc() {
	if LC_ALL=C grep -q "$(printf '[\033\007]')" "$1" || grep -q "$(printf '\342\200\256')" "$1"; then
		fail_batch "$2 carries a raw control character: $(od -c "$1" | head -5)"
	fi
}

lf_setup
lf_user_add "$ARCH_LOGIN" "$ARCH_PW" --name "$ARCH_NAME" --roles archivist # exports in full
ID1=$(id_number 44010419850101001)
ID2=$(id_number 32010219680312003)
printf 'name,sex,id_number,content\n@王小明,男,%s,"=HYPERLINK(""http://x"",""y"")"\n张三,男,%s,。。。\n李四,女,%s,"前\342\200\256后"\n' \
	"$ID1" "$ID2" "$(id_number 51010719900808024)" >"$T/in.csv"
lf_import_csv "$T/in.csv"

step "search: a case whose content has no searchable character"
lf_as "$CLERK_LOGIN" "$CLERK_PW" search 张三 >"$T/search.out" 2>"$T/search.err"
assert_eq 0 "$?" "exit status of search 张三"
grep -q "^[0-9][0-9][0-9][0-9]-0*2	.*张三.*。。。" "$T/search.out" ||
	fail_batch "search 张三: $(cat "$T/search.out" "$T/search.err")"
lf_as "$CLERK_LOGIN" "$CLERK_PW" search 。。。 >"$T/search2.out" 2>"$T/search2.err"
assert_eq 0 "$?" "exit status of a search for punctuation only"
[ ! -s "$T/search2.out" ] || fail_batch "punctuation found cases: $(cat "$T/search2.out")"

step "the bidi override is not stored"
assert_eq "前后" "$(db_sql "SELECT content FROM case_file WHERE content LIKE '前%'")" "stored content"

step "CSV export: formula and @ cells as text, the ID number whole"
lf_as "$ARCH_LOGIN" "$ARCH_PW" export --format csv >"$T/export.csv" 2>"$T/export.err" ||
	fail_batch "export: $(cat "$T/export.err")"
grep -qF "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" "$T/export.csv" ||
	fail_batch "the formula is not written as text: $(cat "$T/export.csv")"
grep -qF ",'@王小明," "$T/export.csv" || fail_batch "the @ name is not written as text: $(cat "$T/export.csv")"
grep -qF ",$ID1	," "$T/export.csv" || fail_batch "the ID number is not kept as text: $(cat "$T/export.csv")"
# No cell of the file starts as a formula (python's csv reads it as a spreadsheet would).
python3 - "$T/export.csv" <<'PY' || fail_batch "a cell starts as a formula"
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    for row in csv.reader(f):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                sys.exit("formula cell: %r" % cell)
PY

step "importing the export gives back what was typed"
lf_as "$CLERK_LOGIN" "$CLERK_PW" import "$T/export.csv" >"$T/reimport.out" 2>&1 ||
	fail_batch "import of the export: $(cat "$T/reimport.out")"
assert_eq 2 "$(db_sql "SELECT count(*) FROM case_file WHERE content = '=HYPERLINK(\"http://x\",\"y\")'")" \
	"cases whose content is the formula as typed"
assert_eq 2 "$(db_sql "SELECT count(*) FROM case_visitor WHERE name = '@王小明'")" "cases of @王小明"

step "messages quote input without control characters"
lf_as "$CLERK_LOGIN" "$CLERK_PW" print "2026-${ESC}]0;pwned$(printf '\007')1" --sheet -o "$T/x.pdf" \
	>"$T/m1.out" 2>"$T/m1.err"
assert_eq 1 "$?" "exit status of print of an unknown case"
[ -s "$T/m1.err" ] || fail_batch "no message for an unknown case"
no_esc "$T/m1.err" "the unknown case number message"
printf 'x\n' | "$LAIFANG" --db "$LAIFANG_DB" --user "ad${ESC}[2Jmin" --password-stdin search 张三 >"$T/m2.out" 2>"$T/m2.err"
[ -s "$T/m2.err" ] || fail_batch "no message for a bad login"
no_esc "$T/m2.err" "the bad login message"
lf_admin config set "office${ESC}[31m$(printf '\342\200\256')" 1 >"$T/m3.out" 2>"$T/m3.err"
[ "$?" -ne 0 ] || fail_batch "config set of an unknown setting succeeded"
grep -q "office" "$T/m3.err" || fail_batch "the unknown setting is not named: $(cat "$T/m3.err")"
no_esc "$T/m3.err" "the unknown setting message"
printf 'name,sex,id_number,content,\033]0;pwned\007col\n张三,男,%s,内容,x\n' "$ID2" >"$T/badcol.csv"
lf_as "$CLERK_LOGIN" "$CLERK_PW" import "$T/badcol.csv" >"$T/m4.out" 2>"$T/m4.err"
assert_eq 1 "$?" "exit status of an import with an unknown column"
grep -q 'unknown column\|未知' "$T/m4.err" || grep -q 'col' "$T/m4.err" || fail_batch "no message: $(cat "$T/m4.err")"
no_esc "$T/m4.err" "the unknown column message"
printf '2031-01-01\tholiday\t\033]0;pwned\007元旦\n' >"$T/cal.tsv"
lf_admin calendar import "$T/cal.tsv" >"$T/m5.out" 2>"$T/m5.err"
[ "$?" -ne 0 ] || fail_batch "a holiday name with an escape was accepted"
no_esc "$T/m5.err" "the calendar message"
pass
