#!/bin/sh
# The office on PostgreSQL through the real binary (issue 14): set up,
# register, take a case through its steps, search, count, export and print;
# eight desks registering at once get distinct, consecutive numbers; then
# `laifang check` finds what psql changed behind laifang's back, as it does
# on SQLite. LAIFANG_PG_URL names an empty database (tests/pg/unit.sh).
# Prints "N passed, N failed" for tests/pg/unit.sh to count.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
LAIFANG=${LAIFANG:-$root/build/laifang}
url=${LAIFANG_PG_URL:?LAIFANG_PG_URL names the database}
export LANGUAGE=en LC_ALL=C.UTF-8
bindir=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
XDG_CONFIG_HOME=$tmp/config # the office key
export XDG_CONFIG_HOME
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAILED: $*" >&2; failed=$((failed + 1)); }
q() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -tA -d "$url" -c "$1"; }
lf() { "$LAIFANG" --db "$url" "$@"; }
as_admin() { echo Admin-pass-1 | lf --user admin --password-stdin "$@"; }
as_clerk() { echo Clerk-pass-22 | lf --user clerk1 --password-stdin "$@"; }
as_sup() { echo Sup-pass-333 | lf --user sup1 --password-stdin "$@"; }
# expect WHAT COMMAND...: the command succeeds
expect() {
	_what=$1
	shift
	if "$@" >"$tmp/out" 2>"$tmp/err"; then ok; else bad "$_what: $(cat "$tmp/err")"; fi
}
# id_number 17DIGITS: with its check digit (GB 11643)
id_number() {
	printf '%s\n' "$1" | awk '{
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
		s = 0
		for (i = 1; i <= 17; i++) s += substr($0, i, 1) * w[i]
		printf "%s%s\n", $0, substr("10X98765432", s % 11 + 1, 1)
	}'
}
has() { if grep -F -q -- "$2" "$tmp/out"; then ok; else bad "$1: no \"$2\" in: $(head -c 400 "$tmp/out")"; fi; }

# -- set up -------------------------------------------------------------------
# Only init and the desk make an office: check on an empty database says so,
# creates nothing, and never shows a password of the connection string.
lf check >"$tmp/out" 2>&1
[ $? = 2 ] && ok || bad "check on an empty database exits 2"
has "check on an empty database" "laifang init creates one"
[ "$(q "SELECT count(*) FROM pg_namespace WHERE nspname = 'main'")" = 0 ] && ok || bad "nothing created by check"
"$LAIFANG" --db "$url&password=s3cret-word" check >"$tmp/out" 2>&1
grep -q s3cret-word "$tmp/out" && bad "a password in a message: $(cat "$tmp/out")" || ok
expect "init" sh -c 'printf "Admin-pass-1\nAdmin-pass-1\n" | "$0" --db "$1" init --admin admin --name 管理员 --password-stdin' "$LAIFANG" "$url"
latest=$(ls "$root"/db/pg/*.sql | sed 's|.*/||' | sort | tail -n 1 | cut -c1-3 | sed 's/^0*//')
[ "$(q "SELECT version FROM main.laifang_version")" = "$latest" ] && ok || bad "the schema's version after init"
expect "a unit" as_admin unit add 区住建局 --kind lower
expect "a clerk" sh -c 'printf "Admin-pass-1\nClerk-pass-22\n" | "$0" --db "$1" --user admin --password-stdin user add clerk1 --name 王小红 --roles clerk' "$LAIFANG" "$url"
expect "a supervisor" sh -c 'printf "Admin-pass-1\nSup-pass-333\n" | "$0" --db "$1" --user admin --password-stdin user add sup1 --name 李主任 --roles supervisor,leader,archivist' "$LAIFANG" "$url"
expect "user list" as_admin user list
has "user list" 王小红
# laifang.conf names the server: no --db, no LAIFANG_DB
mkdir -p "$XDG_CONFIG_HOME/laifang"
printf '# this machine'"'"'s desks\ndatabase = %s\n' "$url" >"$XDG_CONFIG_HOME/laifang/laifang.conf"
expect "the database named by laifang.conf" sh -c 'echo Admin-pass-1 | env -u LAIFANG_DB XDG_DATA_HOME="$1" "$0" --user admin --password-stdin user list' "$LAIFANG" "$tmp/data"
has "laifang.conf's database" 王小红
[ ! -e "$tmp/data/laifang/laifang.db" ] && ok || bad "a SQLite file was made although laifang.conf names the server"
rm "$XDG_CONFIG_HOME/laifang/laifang.conf"

# -- register and handle --------------------------------------------------------
cat >"$tmp/visits.csv" <<EOF
receptionist,received_on,name,sex,phone,id_number,address,content
,2026-11-23,王建国,男,13912345678,$(id_number 32010219680312003),南京市玄武区中山路1号,反映小区电梯长期故障，物业拒绝维修。
,2026-11-23,李秀英,女,13800001111,$(id_number 11010519491231002),北京市朝阳区,反映拖欠工资问题，要求督促发放。
EOF
expect "import" as_clerk import "$tmp/visits.csv"
has "import" "2026-000001 to 2026-000002"
[ "$(q "SELECT count(*) FROM main.case_file")" = 2 ] && ok || bad "two cases in case_file"
[ "$(q "SELECT count(*) FROM main.case_search WHERE terms @@ '电梯'::tsquery")" = 1 ] && ok || bad "the search index's terms"
expect "accept" as_sup case accept 2026-000001
expect "assign" as_sup case route 2026-000001 --assign 区住建局 --text 属地办理
[ "$(q "SELECT status FROM main.case_file WHERE case_no = '2026-000001'")" = assigned ] && ok || bad "the case is assigned"
expect "show" as_sup case show 2026-000001 --json
has "show --json" '"state": "assigned"'
expect "search a phrase" as_sup search 拖欠工资
has "search a phrase" 2026-000002
expect "search an ID tail" as_sup search 0031
has "search an ID tail" 2026-000001 # 王建国 …0031
expect "statistics" as_sup stats --year 2026
has "statistics" "Registrations                      2"
[ "$(q "SELECT sum(n) FROM main.stats_count WHERE dim = 'visits'")" = 2 ] && ok || bad "the statistics counters hold the two cases"
# The annual report (第四十一条, issue 13): the year's cases from the
# counters, the year's acts by day on the index of db/pg/031; CSV and PDF.
expect "annual report" as_sup stats --annual 2026 --csv
has "annual report: the year's cases" ",登记信访事项,2,件,"
has "annual report: the assignment" ",交办,1,件次,"
has "annual report: the unit" ",1. 区住建局,1,件,"
has "annual report: no suggestion figure" "本系统未记录本年度信访部门提出的建议"
expect "annual report as PDF" as_sup stats --annual 2026 --pdf -o "$tmp/annual.pdf"
pdftotext "$tmp/annual.pdf" - | tr -d ' \n' | grep -q "《2026年度信访情况报告》" && ok || bad "the annual report's PDF title"
[ "$(q "SELECT count(*) FROM pg_indexes WHERE indexname = 'case_event_kind_at'")" = 1 ] && ok || bad "the acts' index"
# The office's suggestions (第四十一条（三）): recorded, adopted, counted in
# the report; their rows are sealed (check, clean, below).
expect "a suggestion" as_sup suggestion add --kind policy --to 区住建局 --text 建议完善电梯维修资金使用办法 --on 2026-11-24
sid=$(sed -n 's/^suggestion \([0-9a-f-]*\) recorded$/\1/p' "$tmp/out")
expect "its outcome" as_sup suggestion adopt "$sid" --result 采纳 --on 2026-11-30
expect "the suggestion twice" sh -c '! (echo Sup-pass-333 | "$0" --db "$1" --user sup1 --password-stdin suggestion adopt "$2" --result 未采纳)' "$LAIFANG" "$url" "$sid"
expect "annual report with the suggestion" as_sup stats --annual 2026 --csv
has "the suggestion counted" ",完善政策建议,1,件,"
has "its outcome counted" ",已采纳,1,件,"
[ "$(q "SELECT outcome || ' ' || outcome_on || ' ' || by_name FROM main.suggestion")" = "adopted 2026-11-30 李主任" ] && ok || bad "the suggestion's row"
expect "export" as_sup export --format csv --output "$tmp/ledger.csv"
grep -q 李秀英 "$tmp/ledger.csv" && ok || bad "the export holds the cases"
# Every case is read streamed (a cursor): in batches of one row, the same ledger.
expect "export in batches of one row" env LAIFANG_PG_FETCH=1 sh -c 'echo Sup-pass-333 | "$0" --db "$1" --user sup1 --password-stdin export --format csv --output "$2"' "$LAIFANG" "$url" "$tmp/ledger1.csv"
cmp -s "$tmp/ledger.csv" "$tmp/ledger1.csv" && ok || bad "the export in batches of one row differs"
# The ledger's columns (issue 15): Chinese names, the facts a 台账 needs.
head -n 1 "$tmp/ledger.csv" | grep -q "^.案件编号,接待人员,.*,受理日期,状态,承办单位,办理期限,期限依据,办结日期,满意度,案件标识" &&
	ok || bad "the ledger's header: $(head -n 1 "$tmp/ledger.csv")"
grep -q "^2026-000001,.*,否,[0-9]\{4\}-[0-9][0-9]-[0-9][0-9],已交办,区住建局,[0-9]\{4\}-" "$tmp/ledger.csv" && ok ||
	bad "the assigned case's row: $(grep '^2026-000001' "$tmp/ledger.csv")"
expect "print the sheet" as_sup print 2026-000001 --sheet -o "$tmp/sheet.pdf"
pdftotext "$tmp/sheet.pdf" - | grep -q 王建国 && ok || bad "the printed sheet names the visitor"
# attachments: a folder every desk reaches, named by the office first
echo "处理结果" >"$tmp/result.txt"
as_sup case agency 2026-000001 --result --text 已整改 --file "$tmp/result.txt" >"$tmp/out" 2>&1 && bad "an attachment without attachments_dir" || ok
has "the folder to name" "attachments_dir"
expect "name the folder" as_admin config set attachments_dir "$tmp/attachments"
# Issue 13 (arts. 35, 36): a review is asked only of a replied case; the
# whole review path runs on PostgreSQL in tests/e2e/test_review.sh.
before=$(q "SELECT status FROM main.case_file WHERE case_no = '2026-000001'")
as_sup case review-request 2026-000001 >"$tmp/out" 2>&1
[ $? = 1 ] && ok || bad "a review of a case not replied is refused (exit 1): $(cat "$tmp/out")"
[ "$(q "SELECT status FROM main.case_file WHERE case_no = '2026-000001'")" = "$before" ] && ok || bad "the refused review left the case as it was"
[ "$(q "SELECT count(*) FROM main.case_event WHERE kind = 'review_request'")" = 0 ] && ok || bad "no review event"
# Issue 13 (可评价): an evaluation or a 重办 of a case not answered is
# refused and leaves nothing; the whole path runs on PostgreSQL in
# tests/e2e/test_evaluation.sh.
as_sup case evaluate 2026-000001 --office satisfied --unit dissatisfied --reason 未落实 >"$tmp/out" 2>&1
[ $? = 1 ] && ok || bad "an evaluation before the answer is refused (exit 1): $(cat "$tmp/out")"
as_sup case redo 2026-000001 --reason 重新办理 --due 2026-12-31 --allow-nonworking >"$tmp/out" 2>&1
[ $? = 1 ] && ok || bad "a redo before the answer is refused (exit 1): $(cat "$tmp/out")"
[ "$(q "SELECT count(*) FROM main.case_evaluation")" = 0 ] && ok || bad "no evaluation row"
[ "$(q "SELECT count(*) FROM main.case_file WHERE evaluation_due IS NOT NULL")" = 0 ] && ok || bad "no period opened"
expect "the agency's result with its file" as_sup case agency 2026-000001 --result --text 已整改 --file "$tmp/result.txt"
[ "$(ls "$tmp/attachments" | wc -l)" -ge 1 ] && ok || bad "the file is in the folder"
expect "print a notice" as_sup print 2026-000001 --notice accept -o "$tmp/accept.pdf"
pdftotext "$tmp/accept.pdf" - | grep -q "〔2026〕" && ok || bad "the notice carries its document number"
[ "$(q "SELECT count(*) FROM main.case_notice")" = 1 ] && ok || bad "the notice's number is recorded"
# Issue 13: the notice's delivery (送达), and the notification clock it meets.
as_sup case deliver 2026-000001 --notice accept --method post >"$tmp/out" 2>&1
[ $? = 1 ] && ok || bad "post without a tracking number is refused (exit 1): $(cat "$tmp/out")"
expect "deliver the notice" as_sup case deliver 2026-000001 --notice accept --method post --tracking SF100200300
[ "$(q "SELECT method || ':' || tracking || ':' || refused FROM main.case_delivery")" = post:SF100200300:0 ] && ok || bad "the delivery is recorded"
[ "$(q "SELECT k.state FROM main.case_clock k JOIN main.case_file c ON c.id = k.case_id WHERE c.case_no = '2026-000001' AND k.rule = 'notify'")" = met ] && ok || bad "the notification clock is met at delivery"
# The written answer's parts (第三十二条, db/pg/032): all or none for the
# office's reply to an agency's result; stored with the reply event.
as_sup case reply 2026-000001 --text 已书面答复 --satisfaction 满意 --opinion 解释说明 >"$tmp/out" 2>&1
[ $? = 1 ] && ok || bad "an opinion without facts and basis is refused (exit 1): $(cat "$tmp/out")"
expect "reply with the written answer" as_sup case reply 2026-000001 --text 已书面答复 --satisfaction 满意 \
	--opinion explain --facts 经核查补偿标准已公开 --basis 《信访工作条例》第三十二条
[ "$(q "SELECT answer_opinion || '|' || answer_facts || '|' || answer_basis FROM main.case_event WHERE kind = 'reply'")" = "explain|经核查补偿标准已公开|《信访工作条例》第三十二条" ] &&
	ok || bad "the written answer stored with the reply"
expect "show the answer" as_sup case show 2026-000001
has "the answer's facts shown" "facts and reasons: 经核查补偿标准已公开"
# Issue 13: the printed supervision notice (督办通知) to the handling unit,
# and an agreement (第三十三条, db/pg/035) refused after the answer; the
# agreement's whole path runs on PostgreSQL in tests/e2e/test_mediate.sh.
due=$(date -d '+10 days' +%F)
expect "a supervision notice" as_sup case supervise 2026-000001 --text 请书面反馈整改情况 --due "$due" --level bulletin
expect "print the supervision notice" as_sup print 2026-000001 --notice supervise -o "$tmp/supervise.pdf"
pdftotext "$tmp/supervise.pdf" - | tr -d ' \n' | grep -q "督办方式（通报）" && ok || bad "the printed supervision notice gives its level"
[ "$(q "SELECT count(*) FROM main.case_notice WHERE kind = 'supervise.1'")" = 1 ] && ok || bad "the supervision notice's own number"
as_sup case mediate 2026-000001 --kind settlement --parties 李秀英、某公司 --terms 退费 >"$tmp/out" 2>&1
[ $? = 1 ] && ok || bad "an agreement after the answer is refused (exit 1): $(cat "$tmp/out")"
[ "$(q "SELECT count(*) FROM main.case_event WHERE kind = 'mediate' OR agreement_parties IS NOT NULL")" = 0 ] && ok || bad "no agreement recorded"
# Issue 13 (arts. 35, 36): the written review decision (复查意见书) printed
# and delivered; the re-review's 30 days count from that delivery.
expect "review asked" as_sup case review-request 2026-000001 --text 对答复不服
expect "review decided" as_sup case review-decide 2026-000001 --opinion upheld --text 经复查维持原处理意见
expect "print the review decision" as_sup print 2026-000001 --notice review -o "$tmp/review.pdf"
pdftotext "$tmp/review.pdf" - | tr -d ' \n' | grep -q "信访事项复查意见书" && ok || bad "the review decision's title"
pdftotext "$tmp/review.pdf" - | tr -d ' \n' | grep -q "签发人：李主任" && ok || bad "the review decision's signer"
expect "deliver the review decision" as_sup case deliver 2026-000001 --notice review --method in_person
[ "$(q "SELECT count(*) FROM main.case_delivery WHERE notice_kind = 'review'")" = 1 ] && ok || bad "the review decision's delivery"
expect "re-review asked" as_sup case rereview-request 2026-000001
[ "$(q "SELECT e.reason FROM main.case_event e WHERE e.kind = 'rereview_request'")" = "$(q "SELECT delivered_on FROM main.case_delivery WHERE notice_kind = 'review'")" ] &&
	ok || bad "the re-review counts from the review decision's delivery"
expect "print the evaluation form" as_sup print 2026-000001 --notice evaluation -o "$tmp/evaluation.pdf"
pdftotext "$tmp/evaluation.pdf" - | tr -d ' \n' | grep -q "信访事项满意度评价表" && ok || bad "the evaluation form's title"
code=$(q "SELECT code FROM main.case_query_code k JOIN main.case_file c ON c.id = k.case_id WHERE c.case_no = '2026-000002'")
[ ${#code} = 8 ] && ok || bad "a query code minted with the case: '$code'"
expect "query by code" as_clerk query "$code"
has "query by code" 2026-000002
expect "print the receipt" as_clerk print 2026-000002 --receipt -o "$tmp/receipt.pdf"
pdftotext "$tmp/receipt.pdf" - | grep -q "2026-000002" && ok || bad "the receipt names its case"

# -- every channel in (issue 13): letters, an anonymous one, a fax ---------------
cat >"$tmp/letters.csv" <<EOF
channel,received_on,postmark,anonymous,name,cosigners,content,pages
letter,2026-11-23,南京 2026.11.20,否,赵大明,3,来信反映小区违建问题。,4
来信,2026-11-23,,是,,,匿名来信举报公车私用。,
fax,2026-11-23,020-12345678,否,钱小,,传真反映噪音扰民。,
EOF
expect "import letters" as_clerk import "$tmp/letters.csv"
has "import letters" "2026-000003 to 2026-000005"
[ "$(q "SELECT string_agg(channel || ':' || anonymous, ' ' ORDER BY case_no) FROM main.case_file WHERE case_no >= '2026-000003'")" = "letter:0 letter:1 fax:0" ] && ok || bad "the channels and the anonymous letter"
[ "$(q "SELECT count(*) FROM main.case_visitor v JOIN main.case_file c ON c.id = v.case_id WHERE c.case_no = '2026-000004'")" = 0 ] && ok || bad "no visitor on the anonymous letter"
[ "$(q "SELECT string_agg(i.field || '=' || i.value, ' ' ORDER BY i.field) FROM main.case_intake i JOIN main.case_file c ON c.id = i.case_id WHERE c.case_no = '2026-000003'")" = "cosigners=3 pages=4 postmark=南京 2026.11.20" ] && ok || bad "the letter's own fields"
expect "accept an accusation" as_sup case accept 2026-000003 --kind accusation
[ "$(q "SELECT kind FROM main.case_file WHERE case_no = '2026-000003'")" = accusation ] && ok || bad "the category chosen at screening"
expect "show the anonymous letter" as_sup case show 2026-000004
has "show the anonymous letter" "name: 匿名"
expect "print the letter" as_sup print 2026-000003 --sheet -o "$tmp/letter.pdf"
# 诉访分离 (issue 13): the fax's claim of litigation goes to a court (a
# unit of kind law, migration 036's wider CHECK); the anonymous letter was
# sent up by a lower office for 复查 with its original number and answer.
expect "a political-legal organ" as_admin unit add 市中级人民法院 --kind law
expect "transfer to the court" as_sup case refer-law 2026-000005 --unit 市中级人民法院 --text 应通过诉讼程序解决
[ "$(q "SELECT status || ':' || kind FROM main.case_file WHERE case_no = '2026-000005'")" = "law_referred:claim" ] && ok || bad "the case went to the court as a claim"
as_sup case from-lower 2026-000004 --review-of 区信访局:2026-12 --text 维持 >"$tmp/out" 2>&1
[ $? = 1 ] && ok || bad "a bad original case number is refused (exit 1): $(cat "$tmp/out")"
expect "a case from a lower office for review" as_clerk case from-lower 2026-000004 --review-of 区信访局:2026-000031 --text 维持原处理意见
[ "$(q "SELECT p.kind || ':' || p.peer_case_no FROM main.exchange_package p JOIN main.case_file c ON c.id = p.case_id WHERE c.case_no = '2026-000004'")" = "review:2026-000031" ] && ok || bad "the origin is recorded"
expect "show the origin" as_sup case show 2026-000004
has "show the origin" "from_case_no: 2026-000031"
pdftotext "$tmp/letter.pdf" - | grep -q 来信登记表 && ok || bad "the letter prints on its own form"
# A schedule ready to publish (issue 15): prepared by the administrator,
# approved after the confidentiality review by a leader.
expect "a leader's 分管工作" as_admin user portfolio sup1 分管信访、督查
expect "a reception day" as_admin schedule generate --rule day:23 --from 2026-12 --to 2026-12 --leaders sup1 \
	--time 09:30-11:30 --location 信访接待室 --department 办公室
expect "prepare the publication" as_admin schedule publish 2026-12 -o "$tmp/public"
[ "$(q "SELECT count(*) FROM main.schedule_publication WHERE approved_at IS NULL AND draft_sha256 IS NOT NULL")" = 1 ] &&
	ok || bad "the prepared publication awaits its review"
expect "approve the publication" as_sup schedule approve 2026-12 -o "$tmp/public"
grep -q "1,2026年12月23日 星期三,09:30-11:30,李主任,,分管信访、督查,定点接访" "$tmp/public/schedule-2026-12.csv" && ok ||
	bad "the published table: $(cat "$tmp/public/schedule-2026-12.csv")"
[ "$(q "SELECT approver_name FROM main.schedule_publication WHERE approved_at IS NOT NULL")" = 李主任 ] && ok ||
	bad "the approver on the record"
# The reception-day log on paper (issue 15): the blank log; a photo told by
# its bytes (a JPEG made by pdftoppm) added to the scheduled day, whose log
# is saved from the slot, and printed in it; a day without a reception
# refused with the day named.
expect "the blank log" as_clerk print --log --blank -o "$tmp/blank-log.pdf"
pdftoppm -jpeg -singlefile -scale-to 240 "$tmp/blank-log.pdf" "$tmp/photo" && ok || bad "pdftoppm -jpeg"
expect "a photo of the reception day" as_clerk reception photo add 2026-12-23 "$tmp/photo.jpg"
[ "$(q "SELECT count(*) FROM main.reception_attachment a JOIN main.reception_log l ON l.id = a.log_id WHERE l.day = '2026-12-23' AND a.name = 'photo.jpg'")" = 1 ] &&
	ok || bad "the photo on the day's log"
expect "print the day's log" as_clerk print --log 2026-12-23 -o "$tmp/day-log.pdf"
[ "$(pdfimages -list "$tmp/day-log.pdf" | tail -n +3 | wc -l)" = 1 ] && ok || bad "the photo on the printed log"
as_clerk print --log 2026-12-24 -o "$tmp/no-log.pdf" >"$tmp/out" 2>&1
[ $? = 1 ] && ok || bad "print --log of a day without a reception exits 1"
has "a day without a reception" "No reception on 2026-12-24"
expect "check, clean" lf check
has "check, clean" consistent

# -- eight desks at once ---------------------------------------------------------
for i in 1 2 3 4 5 6 7 8; do
	printf 'receptionist,received_on,name,id_number,content\n,2026-11-24,来访人%s,%s,第%s台同时登记的事项\n' \
		"$i" "$(id_number 4401061987031504$i)" "$i" >"$tmp/desk$i.csv"
	(as_clerk import "$tmp/desk$i.csv" >"$tmp/desk$i.out" 2>&1; echo $? >"$tmp/desk$i.rc") &
done
wait
for i in 1 2 3 4 5 6 7 8; do
	[ "$(cat "$tmp/desk$i.rc")" = 0 ] && ok || bad "desk $i: $(cat "$tmp/desk$i.out")"
done
[ "$(q "SELECT count(DISTINCT case_no) || ' ' || max(number) FROM main.case_file WHERE year = 2026")" = "13 13" ] &&
	ok || bad "13 cases (2 visits, 3 letters, 8 desks) numbered 1 to 13: $(q "SELECT string_agg(case_no, ',' ORDER BY case_no) FROM main.case_file")"
expect "check after the desks" lf check
expect "statistics after the desks" as_sup stats --year 2026 --format csv
has "statistics after the desks" "visits,registrations,Registrations,13,"

# -- a group visit with two representatives and a second phone (issue 12) ------------
cat >"$tmp/group.csv" <<EOF
received_on,name,phone,phone_more,id_number,content,visit_kind,headcount,rep2_name,rep2_id,rep3_name,rep3_id,wait
2026-11-25,周集体,13600001234,13700005678、020-83186312,$(id_number 44010619800101001),十户居民反映小区停水。,集体访,10,吴代表,$(id_number 44010619810202002),郑代表,$(id_number 44010619820303003),是
EOF
expect "import a group visit" as_clerk import "$tmp/group.csv"
has "import a group visit" 2026-000014
[ "$(q "SELECT count(*) || ' ' || max(c.headcount) || ' ' || max(c.visit_state) FROM main.case_visitor cv JOIN main.case_file c ON c.id = cv.case_id WHERE c.case_no = '2026-000014'")" = "3 10 waiting" ] &&
	ok || bad "the group's visitors, headcount and 候谈"
expect "search the second phone's tail" as_sup search 86312
has "search the second phone's tail" 2026-000014
expect "search the third phone's tail" as_sup search 05678
has "search the third phone's tail" 2026-000014
expect "print the group's sheet" as_sup print 2026-000014 --sheet -o "$tmp/group.pdf"
pdftotext "$tmp/group.pdf" - | grep -q 郑代表 && ok || bad "the printed sheet names the representatives"
expect "check after the group" lf check

# -- saved views (issue 12): a queue's filter under a name, shared ----------------------
expect "save a shared view" as_sup view save 督办六十日 --queue supervision --due-within 60 --shared
has "save a shared view" "view 1 saved: 督办六十日"
[ "$(q "SELECT queue || ' ' || due_within || ' ' || shared || ' ' || my_unit FROM main.saved_view")" = "supervision 60 1 0" ] &&
	ok || bad "the saved view's row"
expect "view list" as_sup view list
has "view list" 督办六十日
expect "the view's cases" as_sup queue --view 督办六十日
cp "$tmp/out" "$tmp/view.out"
expect "the same filter by hand" as_sup queue supervision --due-within 60
cmp -s "$tmp/out" "$tmp/view.out" && [ -s "$tmp/out" ] && ok || bad "queue --view differs from the filter by hand"
expect "a clerk's list" as_clerk view list
[ ! -s "$tmp/out" ] && ok || bad "a clerk sees a view of a queue they do not see: $(cat "$tmp/out")"
as_clerk view delete 督办六十日 >"$tmp/out" 2>&1 && bad "a clerk deleted the supervisor's view" || ok
[ "$(q "SELECT count(*) FROM main.audit_log WHERE action = 'view.save'")" = 1 ] && ok || bad "the save's audit entry"
expect "delete the view" as_sup view delete 督办六十日
[ "$(q "SELECT count(*) FROM main.saved_view")" = 0 ] && ok || bad "the view is gone"
expect "check after the views" lf check
# A backslash and quotes in what check copies into its working tables
# (COPY's text format escapes them; a December case: the counters of
# November the tampering below names stay as they are).
cat >"$tmp/marks.csv" <<EOF
receptionist,received_on,name,id_number,address,content
,2026-12-01,孙反斜,$(id_number 44010619830404004),"上海市\\黄浦区""一号""","反映C:\\temp\\n路径\\\\问题与""引号""。"
EOF
expect "import backslashes and quotes" as_clerk import "$tmp/marks.csv"
has "import backslashes and quotes" 2026-000015
[ "$(q "SELECT content FROM main.case_file WHERE case_no = '2026-000015'")" = '反映C:\temp\n路径\\问题与"引号"。' ] &&
	ok || bad "the content as typed: $(q "SELECT content FROM main.case_file WHERE case_no = '2026-000015'")"
expect "check with backslashes and quotes" lf check
has "check with backslashes and quotes" consistent
# The check's large reads (the log, every sealed table, every case) come
# a batch at a time through cursors; in batches of one row it still sees
# every row and every link of the chain.
[ "$(q "SELECT count(*) > 20 FROM main.audit_log")" = t ] && ok || bad "a log longer than the batches below"
LAIFANG_PG_FETCH=1 lf check >"$tmp/out" 2>&1 && ok || bad "check in batches of one row: $(cat "$tmp/out")"
has "check in batches of one row" consistent

# The log keeps no copy of each link (db/037): each entry's hash covers the one before.
[ "$(q "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'main' AND table_name = 'audit_log' AND column_name = 'prev_hash'")" = 0 ] &&
	ok || bad "audit_log has no prev_hash"

# -- behind laifang's back ---------------------------------------------------------
q "UPDATE main.audit_log SET login = 'nobody' WHERE seq = 3"
q "UPDATE main.case_file SET content = '已解决' WHERE case_no = '2026-000002'"
q "CREATE INDEX evil ON main.visitor (name)"
q "SET session_replication_role = replica; DELETE FROM main.visitor WHERE name = '王建国'"
q "UPDATE main.stats_count SET n = n + 5 WHERE dim = 'visits' AND period = '2026-11'"
# The search index's terms alone (its texts as they were), and a number tail
q "UPDATE main.case_search SET terms = to_tsvector('simple', 'x') WHERE case_seq = (SELECT seq_id FROM main.case_file WHERE case_no = '2026-000015')"
q "DELETE FROM main.search_key WHERE case_seq = (SELECT seq_id FROM main.case_file WHERE case_no = '2026-000014') AND key LIKE 'p%'"
lf check >"$tmp/out" 2>&1
[ $? = 1 ] && ok || bad "check exits 1 after tampering"
# The same report when each read comes in batches of two rows: entry 3
# and the rest lie beyond the first batch.
LAIFANG_PG_FETCH=2 lf check >"$tmp/out2" 2>&1
[ $? = 1 ] && ok || bad "check in batches of two exits 1 after tampering"
cmp -s "$tmp/out" "$tmp/out2" && ok || bad "check in batches of two reports otherwise: $(diff "$tmp/out" "$tmp/out2" | head -c 600)"
has "an edited audit entry" "audit log: entry 3 has been altered (hash does not match)"
has "an edited case" "case_file 2026-000002 was changed outside laifang"
has "an index added" "index named evil"
has "a deleted visitor" "refer to rows of visitor that do not exist"
has "the stale search entry" "search index's entry for case 2026-000002"
has "the search terms alone" "search index's entry for case 2026-000015"
has "a number tail deleted" "search index's entry for case 2026-000014"
has "an edited statistics counter" "The statistics counter visits of 2026-11 says 19, but the cases give 14."

echo "pg-cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
