#!/bin/sh
# Files that cannot be hijacked (issue 10): a symbolic link planted where a
# PDF, an export or a draft will be written, pointing at a file outside, is
# refused with a message naming the file, and the file outside is
# unchanged; a FIFO or a device where a file goes is refused at once; an
# attachment that is a FIFO, empty or larger than attachment_max_bytes is
# refused at once and leaves nothing behind. Nothing here depends on the
# day it runs.
. "$(dirname "$0")/lib.sh"

OUTSIDE="$T/outside.txt"
printf '不许动：原来的内容\n' >"$OUTSIDE"
OUTSIDE_SUM=$(sha256sum "$OUTSIDE" | cut -d' ' -f1)

# outside_unchanged: the file the links point to still holds what it held.
outside_unchanged() {
	[ "$(sha256sum "$OUTSIDE" | cut -d' ' -f1)" = "$OUTSIDE_SUM" ] ||
		fail "the file outside was changed through a link: $(cat "$OUTSIDE")"
}

# still_link PATH: PATH is still the planted link.
still_link() {
	[ -L "$1" ] || fail "$1 is no longer the planted link: $(ls -la "$1" 2>&1)"
}

# refused WHAT CMD...: CMD (a batch command) fails, its message names the
# file and says why; stderr goes to $T/refused.err.
refused() {
	_what=$1
	shift
	"$@" >"$T/refused.out" 2>"$T/refused.err"
	_rc=$?
	[ "$_rc" -ne 0 ] || fail_batch "$_what: laifang did not refuse the link (exit 0): $(cat "$T/refused.out")"
}

# ends_at_once SECONDS CMD...: CMD ends by itself: it does not wait on a FIFO
# (nobody writes to it, so waiting would be for ever; killed after 20 s).
# SECONDS is kept for the callers; timings belong in benchmarks.
ends_at_once() {
	shift
	timeout 20 "$@" >"$T/once.out" 2>"$T/once.err"
	_rc=$?
	[ "$_rc" -ne 124 ] || fail_batch "laifang waited on a FIFO (killed after 20 s): $*"
	[ "$_rc" -ne 0 ] || fail_batch "laifang accepted a FIFO as its output: $*"
}

lf_setup
lf_import_csv "$DATA/one_visit.csv"
CASE_NO=$(db_sql "SELECT case_no FROM case_file LIMIT 1")
[ -n "$CASE_NO" ] || fail "no case after the import"

step "a PDF: a link planted where the blank sheet goes is refused"
ln -s "$OUTSIDE" "$T/blank.pdf"
refused "print --blank" lf_admin --lang en print --blank -o "$T/blank.pdf"
grep -q "$T/blank.pdf" "$T/refused.err" || fail "the message does not name the file: $(cat "$T/refused.err")"
grep -q "symbolic link" "$T/refused.err" || fail "the message does not say why: $(cat "$T/refused.err")"
still_link "$T/blank.pdf"
outside_unchanged
# A dangling link is not followed either: nothing appears at its target.
ln -s "$T/made-through-link.pdf" "$T/sheet.pdf"
refused "print --sheet" lf_admin --lang en print "$CASE_NO" --sheet -o "$T/sheet.pdf"
grep -q "symbolic link" "$T/refused.err" || fail "print --sheet: $(cat "$T/refused.err")"
[ ! -e "$T/made-through-link.pdf" ] || fail "a PDF was written through a dangling link"
# The same print to a plain name works, and leaves no temporary behind.
lf_admin --lang en print "$CASE_NO" --sheet -o "$T/plain.pdf" >"$T/print.out" 2>&1 || fail_batch "print: $(cat "$T/print.out")"
head -c 5 "$T/plain.pdf" | grep -q '%PDF-' || fail "the PDF was not written"
assert_eq "plain.pdf" "$(cd "$T" && ls -A | grep -i 'pdf' | grep -v -e '^blank.pdf$' -e '^sheet.pdf$')" "the PDFs in the folder (no temporary left)"

step "exports: the ledger CSV, the JSON of every case and one case's file"
ln -s "$OUTSIDE" "$T/ledger.csv"
refused "export --format csv" lf_admin --lang en export --format csv --output "$T/ledger.csv"
grep -q "$T/ledger.csv" "$T/refused.err" || fail "export csv: the message does not name the file: $(cat "$T/refused.err")"
grep -q "symbolic link" "$T/refused.err" || fail "export csv: $(cat "$T/refused.err")"
still_link "$T/ledger.csv"
outside_unchanged
ln -s "$OUTSIDE" "$T/case.json"
refused "export --case" lf_admin --lang en export --case "$CASE_NO" --format json --output "$T/case.json"
grep -q "symbolic link" "$T/refused.err" || fail "export --case: $(cat "$T/refused.err")"
still_link "$T/case.json"
outside_unchanged
ln -s "$OUTSIDE" "$T/stats.csv"
refused "stats --output" lf_admin --lang en stats --year "$YEAR" --format csv --output "$T/stats.csv"
grep -q "symbolic link" "$T/refused.err" || fail "stats: $(cat "$T/refused.err")"
outside_unchanged

step "a FIFO or a device as the output is refused at once"
mkfifo "$T/pipe.csv"
ends_at_once 5 sh -c 'printf "%s\n" "$1" | "$2" --db "$3" --user "$4" --password-stdin --lang en export --format csv --output "$5"' \
	sh "$ADMIN_PW" "$LAIFANG" "$LAIFANG_DB" "$ADMIN_LOGIN" "$T/pipe.csv"
grep -q "pipe" "$T/once.err" || fail "the FIFO refusal does not say why: $(cat "$T/once.err")"
ends_at_once 5 sh -c 'printf "%s\n" "$1" | "$2" --db "$3" --user "$4" --password-stdin --lang en print --blank -o "$5"' \
	sh "$ADMIN_PW" "$LAIFANG" "$LAIFANG_DB" "$ADMIN_LOGIN" "$T/pipe.csv"
[ -p "$T/pipe.csv" ] || fail "the FIFO was replaced"

step "a draft: a link planted in the draft's place is refused while the sheet stays"
lf_start_as "$CLERK_LOGIN" "$CLERK_PW" --lang en
keys F4
wait_sheet
type_text 赵六
keys Tab Tab Tab Tab Tab
type_text 第一段LNK1
wait_draft LNK1
DRAFT=$FOUND_FILE
case "$(basename "$DRAFT")" in
registration.????????????????.clerk.*.draft.json) ;;
*) fail "the draft's name does not carry the database and the login: $DRAFT" ;;
esac
# At most what the sheet shows: the typed fields, not 接待人员 (always whoever logs in).
jq -e '.values.name == "赵六" and (.values | has("receptionist") | not)' "$DRAFT" >/dev/null ||
	fail "the draft holds more (or other) than the typed fields: $(cat "$DRAFT")"
rm -f "$DRAFT"
ln -s "$OUTSIDE" "$DRAFT"
resize 300 30
type_text 第二段LNK2
wait_for "could not be written" 20
wait_for "$(basename "$DRAFT")"
wait_for "symbolic link"
assert_screen_has LNK2
still_link "$DRAFT"
outside_unchanged
step "F10 with the draft refused: the desk stays open, nothing typed is lost"
keys F10
wait_for "Quit laifang?"
keys y
wait_gone "Quit laifang?"
sleep 1
lf_exited && fail "laifang quit although the draft could not be written"
wait_for "could not be written"
assert_screen_has LNK2
step "the link removed, the next pause writes the draft again"
rm -f "$DRAFT"
type_text 第三段LNK3
wait_draft LNK3
[ -f "$DRAFT" ] && [ ! -L "$DRAFT" ] || fail "the draft is not a plain file again: $(ls -la "$DRAFT_DIR")"
outside_unchanged
keys Escape
wait_for "Drop what was typed"
keys y
wait_for "Today's registrations"
no_draft || fail "the draft is still there after the sheet was dropped: $(ls -la "$DRAFT_DIR")"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "laifang's exit status after F10"
[ -z "$(ls -A "$DRAFT_DIR")" ] || fail "the desk left files behind: $(ls -la "$DRAFT_DIR")"

step "the attachment limit is a setting with bounds"
lf_admin --lang en config set attachment_max_bytes 0 >"$T/cfg.out" 2>&1 && fail "attachment_max_bytes 0 was accepted"
grep -q attachment_max_bytes "$T/cfg.out" || fail "the refusal does not name the setting: $(cat "$T/cfg.out")"
lf_admin --lang en config list >"$T/cfg.out" 2>&1 || fail_batch "config list: $(cat "$T/cfg.out")"
grep -q "attachment_max_bytes.*20971520" "$T/cfg.out" || fail "the default limit is not 20 MiB: $(cat "$T/cfg.out")"

step "attachments: a FIFO, an empty file and an oversize one are refused at once"
mkfifo "$T/现场.mp4"
: >"$T/空.jpg"
truncate -s 20971521 "$T/大.mp4" # one byte over the default, and sparse: quick to make
printf 'a real photo, as far as laifang knows\n' >"$T/照片.jpg"
lf_start --lang en --screen reception-log
lf_login "$LEADER_LOGIN" "$LEADER_PW"
wait_for 领导干部接访日情况登记表
resize 240 30
type_text 接待群众1批1人。
keys F2
wait_for "The reception-day log is saved."
keys F4
wait_for "File path"
type_text "$T/现场.mp4"
keys Enter
wait_for "not an ordinary file" # a desk waiting on the FIFO would never say it
assert_screen_has "$T/现场.mp4"
keys F4
wait_for "File path"
type_text "$T/空.jpg"
keys Enter
wait_for "is empty; there is nothing to attach"
keys F4
wait_for "File path"
type_text "$T/大.mp4"
keys Enter
wait_for "is larger than the 20971520 bytes allowed"
assert_screen_has attachment_max_bytes
assert_eq 0 "$(db_sql "SELECT count(*) FROM reception_attachment")" "attachments after the refusals"
assert_eq "" "$(ls -A "$ATTACH_DIR" 2>/dev/null)" "files in the attachment folder after the refusals"
keys F4
wait_for "File path"
type_text "$T/照片.jpg"
keys Enter
wait_for "Attached 照片.jpg"
assert_eq 1 "$(db_sql "SELECT count(*) FROM reception_attachment")" "attachments after a good one"
assert_eq 1 "$(ls -A "$ATTACH_DIR" | wc -l)" "files in the attachment folder (no temporary left)"
keys F10
wait_exit
assert_eq 0 "$EXIT_STATUS" "laifang's exit status after F10"

step "a lower limit set by the administrator applies"
lf_admin --lang en config set attachment_max_bytes 16 >"$T/cfg.out" 2>&1 || fail_batch "config set: $(cat "$T/cfg.out")"
lf_start --lang en --screen reception-log
lf_login "$LEADER_LOGIN" "$LEADER_PW"
wait_for 领导干部接访日情况登记表
resize 240 30
keys F4
wait_for "File path"
type_text "$T/照片.jpg"
keys Enter
wait_for "is larger than the 16 bytes allowed"
keys F10
wait_exit
assert_eq 1 "$(db_sql "SELECT count(*) FROM reception_attachment")" "attachments after the lower limit"
pass
