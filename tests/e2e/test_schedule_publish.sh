#!/bin/sh
# A schedule ready to publish (issue 15): an administrator prepares
# December's public table (a draft marked 送审稿, nothing final); the
# preparer cannot approve it, a clerk may not; a leader approves it after
# the confidentiality review and only then is the final table written, with
# the office's name, the issue date, 序号, the leader's 分管工作, the form of
# reception, the Chinese date, the booking telephone and contact, 下访 in a
# table of its own; both people are on the record and in the audit log. The
# year's table is published the same way. The page is opened in headless
# Chromium at a phone's and a desktop's width and the screenshots checked.
. "$(dirname "$0")/lib.sh"

PAGE="python3 $E2E_DIR/tools/public_page.py"
command -v chromium >/dev/null 2>&1 || fail_batch "chromium is missing: tools/deps.sh installs it"

step "an office with its name, booking telephone and contact; a leader's 分管工作"
lf_setup
lf_user_add chief chief-secret-1 --name 张主任 --roles admin,leader --title 主任
lf_admin config set office_name 朝阳市生态环境局 >/dev/null 2>&1 || fail_batch "config set office_name"
lf_admin config set office_phone_booking 0421-2614858 >/dev/null 2>&1 || fail_batch "config set office_phone_booking"
lf_admin config set office_booking_contact 信访科 >/dev/null 2>&1 || fail_batch "config set office_booking_contact"
lf_admin user portfolio "$LEADER_LOGIN" 分管大气环境、执法监督 >"$T/pf.out" 2>&1 ||
	fail_batch "user portfolio: $(cat "$T/pf.out")"
assert_eq 分管大气环境、执法监督 "$(db_sql "SELECT portfolio FROM app_user WHERE login = '$LEADER_LOGIN'")" "the portfolio"
_o=$(lf_as "$CLERK_LOGIN" "$CLERK_PW" user portfolio "$LEADER_LOGIN" x 2>&1) && fail_batch "a clerk set a portfolio: $_o"
lf_admin schedule generate --rule day:23 --from 2026-12 --to 2026-12 --leaders "$LEADER_LOGIN" \
	--time 09:30-11:30 --location 市执法队信访室 --department 办公室 --mode appointment >"$T/gen.out" 2>&1 ||
	fail_batch "schedule generate: $(cat "$T/gen.out")"
lf_admin schedule import "$DATA/schedule_2026_12.csv" >"$T/imp.out" 2>&1 || fail_batch "schedule import: $(cat "$T/imp.out")"

step "the administrator prepares December: a draft for review, nothing published"
lf_as chief chief-secret-1 --lang en schedule publish 2026-12 -o "$T/public" >"$T/prep.out" 2>&1 ||
	fail_batch "schedule publish (prepare): $(cat "$T/prep.out")"
grep -q "Prepared 2026-12 for publication: 2 slot(s)" "$T/prep.out" || fail_batch "prepare says: $(cat "$T/prep.out")"
[ -f "$T/public/schedule-2026-12.draft.html" ] && [ -f "$T/public/schedule-2026-12.draft.csv" ] ||
	fail_batch "the draft should be written: $(ls "$T/public")"
[ ! -e "$T/public/schedule-2026-12.html" ] && [ ! -e "$T/public/schedule-2026-12.csv" ] ||
	fail_batch "nothing final before the review: $(ls "$T/public")"
grep -q "送审稿：待保密审查" "$T/public/schedule-2026-12.draft.html" || fail_batch "the draft is marked 送审稿"
assert_eq "张主任（主任）|||" "$(db_sql "SELECT by_name || '|' || coalesce(approver_name, '') || '|' ||
	coalesce(approved_at, '') || '|' || coalesce(csv_sha256, '') FROM schedule_publication")" "the prepared record"
assert_eq "$(sha256sum "$T/public/schedule-2026-12.draft.csv" | cut -d' ' -f1)" \
	"$(db_sql "SELECT draft_sha256 FROM schedule_publication")" "the draft's hash on the record"
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'schedule.prepare' AND record = '2026-12'")" \
	"prepare audited"
lf_as "$ADMIN_LOGIN" "$ADMIN_PW" --lang en schedule list 2026-12 >"$T/list.out" 2>&1
grep -q "not published" "$T/list.out" || fail_batch "a prepared month is not published: $(cat "$T/list.out")"
grep -q "^prepared .* by 张主任（主任）: awaiting the confidentiality review" "$T/list.out" ||
	fail_batch "the list names the prepared publication: $(cat "$T/list.out")"

step "the preparer may not approve their own; a clerk may not approve"
_o=$(lf_as chief chief-secret-1 --lang en schedule approve 2026-12 -o "$T/public" 2>&1)
assert_eq 1 "$?" "exit status of the preparer's approval"
printf '%s\n' "$_o" | grep -q "someone other than who prepared" || fail_batch "the preparer's approval: $_o"
_o=$(lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en schedule approve 2026-12 -o "$T/public" 2>&1)
assert_eq 1 "$?" "exit status of a clerk's approval"
printf '%s\n' "$_o" | grep -q "not allowed" || fail_batch "a clerk's approval: $_o"
[ ! -e "$T/public/schedule-2026-12.html" ] || fail_batch "a refused approval wrote the table"

step "a leader approves after the review: the final table is written and recorded"
lf_as "$LEADER_LOGIN" "$LEADER_PW" --lang en schedule approve 2026-12 -o "$T/public" >"$T/ap.out" 2>&1 ||
	fail_batch "schedule approve: $(cat "$T/ap.out")"
grep -q "prepared by 张主任（主任）, approved by 李明（副局长）" "$T/ap.out" || fail_batch "approve says: $(cat "$T/ap.out")"
HTML="$T/public/schedule-2026-12.html"
CSV="$T/public/schedule-2026-12.csv"
[ -f "$HTML" ] && [ -f "$CSV" ] || fail_batch "approve should write $HTML and $CSV"
assert_eq "张主任（主任）|李明（副局长）|1|$(sha256sum "$CSV" | cut -d' ' -f1)" \
	"$(db_sql "SELECT by_name || '|' || approver_name || '|' || CASE WHEN approved_at IS NOT NULL THEN 1 ELSE 0 END || '|' || csv_sha256
	           FROM schedule_publication")" "the approved record"
assert_eq 1 "$(db_sql "SELECT count(*) FROM audit_log WHERE action = 'schedule.approve' AND record = '2026-12'
	AND login = '$LEADER_LOGIN' AND changes LIKE '%李明%'")" "approve audited under the approver"
lf_admin --lang en schedule list 2026-12 >"$T/list.out" 2>&1
grep -q "^published " "$T/list.out" || fail_batch "an approved month is published: $(cat "$T/list.out")"
! grep -q "^prepared " "$T/list.out" || fail_batch "nothing awaits the review: $(cat "$T/list.out")"
_o=$(lf_as "$LEADER_LOGIN" "$LEADER_PW" --lang en schedule approve 2026-12 -o "$T/public" 2>&1) &&
	fail_batch "approved twice: $_o"

step "the public CSV: office, issue date, both tables with their columns"
_y=${TODAY%%-*} _m=${TODAY#*-} _m=${_m%-*} _d=${TODAY##*-}
ISSUED="${_y}年$((1${_m} - 100))月$((1${_d} - 100))日"
$PAGE csv "$CSV" >"$T/csv.json" || fail_batch "the CSV does not parse"
assert_eq true "$(jq -r .bom "$T/csv.json")" "the CSV's BOM"
assert_eq "发布单位|朝阳市生态环境局" "$(jq -r '.rows[0] | join("|")' "$T/csv.json")" "the CSV's office"
assert_eq "印发日期|$ISSUED" "$(jq -r '.rows[1] | join("|")' "$T/csv.json")" "the CSV's issue date"
assert_eq "序号|接访日期|接访时间|接访领导|职务|分管工作|接访形式|接访地点|牵头处室|预约方式|备注" \
	"$(jq -r '[.rows[] | select(.[0] == "序号")][0] | join("|")' "$T/csv.json")" "the reception table's columns"
assert_eq "1|2026年12月23日 星期三|09:30-11:30|李明|副局长|分管大气环境、执法监督|重点约访|市执法队信访室|办公室|电话预约：0421-2614858（信访科）|请提前预约" \
	"$(jq -r '[.rows[] | select(.[3] == "李明")][0] | join("|")' "$T/csv.json")" "the reception day"
assert_eq "朝阳市生态环境局2026年12月领导干部下访安排表" \
	"$(jq -r '[.rows[] | select(length == 1 and (.[0] | test("下访安排表")))][0][0]' "$T/csv.json")" "the field visits' title"
assert_eq "序号|下访日期|下访时间|下访领导|职务|分管工作|接访形式|下访地点|牵头处室|预约方式|备注" \
	"$(jq -r '[.rows[] | select(.[0] == "序号")][1] | join("|")' "$T/csv.json")" "the field visits' columns"
assert_eq "1|2026年12月15日 星期二|09:00-11:00|杨伟强|局长||下基层接访|市信访局接访大厅|执法监督和调查评估处" \
	"$(jq -r '[.rows[] | select(.[3] == "杨伟强")][0][0:9] | join("|")' "$T/csv.json")" "the field visit"
for _private in 王贤熙 赵建国 "$CLERK_NAME"; do
	! grep -q "$_private" "$CSV" "$HTML" || fail_batch "the public table holds personal data: $_private"
done

step "the public page: a whole page for phones and print, the same tables"
$PAGE html "$HTML" >"$T/html.json" || fail_batch "the HTML does not parse"
assert_eq "true|zh-CN|width=device-width, initial-scale=1|true|true" \
	"$(jq -r '[.doctype, .lang, .viewport, .print_style, .phone_style] | map(tostring) | join("|")' "$T/html.json")" \
	"doctype, language, viewport, print and phone styles"
assert_eq "朝阳市生态环境局2026年12月领导干部公开接访安排表" "$(jq -r .title "$T/html.json")" "the page's title"
jq -e '.paragraphs | index("朝阳市生态环境局")' "$T/html.json" >/dev/null || fail_batch "the office heads the page"
jq -e --arg i "朝阳市生态环境局 ${ISSUED}印发" '.paragraphs | index($i)' "$T/html.json" >/dev/null ||
	fail_batch "the issue line: $(jq -c .paragraphs "$T/html.json")"
jq -e '.paragraphs | index("电话预约：0421-2614858（信访科）")' "$T/html.json" >/dev/null || fail_batch "how to book"
assert_eq "reception|field-visit" "$(jq -r '[.tables[].section] | join("|")' "$T/html.json")" "two tables"
assert_eq "1|2026年12月23日 星期三|09:30-11:30|李明|副局长|分管大气环境、执法监督|重点约访" \
	"$(jq -r '.tables[0].rows[0][0:7] | join("|")' "$T/html.json")" "the page's reception day"
assert_eq "序号|下访日期|下访时间|下访领导" "$(jq -r '.tables[1].labels[0][0:4] | join("|")' "$T/html.json")" \
	"each cell names its column (the phone layout)"
assert_eq 1 "$(jq -r '.tables[1].rows | length' "$T/html.json")" "one field visit"

step "Chromium renders the page at a phone's and a desktop's width"
for _w in 390 1280; do
	rm -f "$T/shot-$_w.png"
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
		--window-size="$_w,1400" --screenshot="$T/shot-$_w.png" "file://$HTML" >"$T/chromium.out" 2>&1
	[ -s "$T/shot-$_w.png" ] || fail_batch "no screenshot at $_w px: $(tail -5 "$T/chromium.out")"
	$PAGE png "$T/shot-$_w.png" >"$T/png-$_w.json" || fail_batch "the screenshot at $_w px does not decode"
	assert_eq "$_w" "$(jq -r .width "$T/png-$_w.json")" "the screenshot's width"
	# Text and borders: a blank page has no ink at all, a page of boxes
	# (no CJK font) little; the tables' text is thousands of dark pixels.
	[ "$(jq -r .dark "$T/png-$_w.json")" -gt 3000 ] || fail_batch "the page at $_w px looks blank: $(cat "$T/png-$_w.json")"
done
# Printed: the print stylesheet's A4 landscape, the text on the page.
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$T/print.pdf" "file://$HTML" \
	>"$T/chromium.out" 2>&1
[ -s "$T/print.pdf" ] || fail_batch "no PDF printed: $(tail -5 "$T/chromium.out")"
assert_eq "842 x 595" "$(pdfinfo "$T/print.pdf" | awk '/^Page size:/ { printf "%d x %d", $3 + 0.5, $5 + 0.5 }')" \
	"the printed page is A4 landscape"
pdftotext -layout "$T/print.pdf" "$T/print.txt"
grep -q "1 2026年12月23日 星期三 09:30-11:30 李明" "$T/print.txt" || fail_batch "the printed page lacks the table: $(cat "$T/print.txt")"
grep -q "朝阳市生态环境局 ${ISSUED}印发" "$T/print.txt" || fail_batch "the printed page lacks the issue line"

step "the year's table: prepared, approved, both tables for the year"
lf_admin schedule generate --rule day:12 --from 2026-01 --to 2026-02 --leaders "$LEADER_LOGIN" \
	--time 09:00-11:00 --location 市执法队信访室 --department 信访科 >"$T/gen2.out" 2>&1 ||
	fail_batch "schedule generate: $(cat "$T/gen2.out")"
lf_admin schedule publish 2026 -o "$T/public" >"$T/prep2.out" 2>&1 || fail_batch "prepare the year: $(cat "$T/prep2.out")"
lf_as "$LEADER_LOGIN" "$LEADER_PW" schedule approve 2026 -o "$T/public" >"$T/ap2.out" 2>&1 ||
	fail_batch "approve the year: $(cat "$T/ap2.out")"
$PAGE html "$T/public/schedule-2026.html" >"$T/year.json" || fail_batch "the year's page does not parse"
assert_eq "朝阳市生态环境局2026年度领导干部公开接访安排表" "$(jq -r .title "$T/year.json")" "the year's title"
assert_eq "1|2|3" "$(jq -r '[.tables[0].rows[][0]] | join("|")' "$T/year.json")" "the year's reception days numbered"
assert_eq "2026年1月12日 星期一|2026年2月12日 星期四|2026年12月23日 星期三" \
	"$(jq -r '[.tables[0].rows[][1]] | join("|")' "$T/year.json")" "the year's reception days"
assert_eq "2026|李明（副局长）" "$(db_sql "SELECT month || '|' || approver_name FROM schedule_publication
	WHERE month = '2026'")" "the year's record"

step "a slot changed after preparing: the review must see the new table"
lf_admin schedule publish 2026-12 -o "$T/again" >/dev/null 2>&1 || fail_batch "prepare again"
lf_admin config set office_phone_booking 0421-0000000 >/dev/null 2>&1
_o=$(lf_as "$LEADER_LOGIN" "$LEADER_PW" --lang en schedule approve 2026-12 -o "$T/again" 2>&1) &&
	fail_batch "a table changed after it was prepared was approved: $_o"
printf '%s\n' "$_o" | grep -q "changed after it was prepared" || fail_batch "the refusal: $_o"
[ ! -e "$T/again/schedule-2026-12.html" ] || fail_batch "a refused approval wrote the table"
assert_check_clean
pass
