#!/bin/sh
# The online system's export imported through a map (issue 13: `laifang
# import FILE --map forms/online.map`): its own column names, a date-time
# as it writes it, a multi-line content and columns laifang does not keep;
# CSV and JSON. A bad row is refused naming the export's own line; a map
# naming a column the file lacks, or a broken map, is refused before
# anything is read. The imported visits are online (网上信访) cases on the
# clerk's home screen, and laifang check is clean.
E2E_CLOCK="2026-11-23 09:00:00"
. "$(dirname "$0")/lib.sh"

MAP=$E2E_DIR/../../forms/online.map
OUT="$T/out"
SLASHED=$(echo "$TODAY" | tr - /)
Y=${TODAY%%-*} M=${TODAY#*-} M=${M%%-*} D=${TODAY##*-}
ID1=$(id_number 44010419750615002)
ID2=$(id_number 44010419850101001)
ID3=$(id_number 44010419900303003)

lf_setup

step "a CSV export: its own columns, a time after the date, a content of two lines"
cat >"$T/export.csv" <<CSV
信件编号,登记时间,信访人姓名,性别,证件号码,联系电话,通讯地址,诉求内容,办理状态
WS001,$SLASHED 10:31:00,李秀英,女,$ID1,020-83186312,广州市越秀区解放中路305号,"反映单位拖欠工资，
要求督促发放。",待处理
WS002,${Y}年${M}月${D}日,张伟,男,$ID2,13812345678,广州市天河区,"小区噪音扰民，""夜间施工""。",待处理
CSV
lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en import "$T/export.csv" --map "$MAP" >"$OUT" 2>&1 ||
	fail_batch "the mapped import failed: $(cat "$OUT")"
grep -q "imported 2 registrations" "$OUT" || fail_batch "import said: $(cat "$OUT")"
assert_eq "online|$TODAY|李秀英" "$(db_sql "SELECT c.channel, c.received_on, v.name FROM case_file c JOIN case_visitor v ON v.case_id = c.id WHERE c.case_no = '$YEAR-000001'")" "the first row"
assert_eq "反映单位拖欠工资，
要求督促发放。" "$(db_sql "SELECT content FROM case_file WHERE case_no = '$YEAR-000001'")" "the two lines of the content"
assert_eq "online|$TODAY|小区噪音扰民，\"夜间施工\"。" "$(db_sql "SELECT channel, received_on, content FROM case_file WHERE case_no = '$YEAR-000002'")" "the second row (年月日, quotes)"

step "a JSON export with the same map: a number as a number"
cat >"$T/export.json" <<JSON
[{"信件编号": "WS003", "登记时间": "$TODAY 08:00:00", "信访人姓名": "王芳", "性别": "女",
  "证件号码": "$ID3", "联系电话": 13900001111, "通讯地址": "广州市海珠区", "诉求内容": "反映物业乱收费。"}]
JSON
lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en import "$T/export.json" --map "$MAP" >"$OUT" 2>&1 ||
	fail_batch "the mapped JSON import failed: $(cat "$OUT")"
assert_eq "online|13900001111" "$(db_sql "SELECT c.channel, v.phone FROM case_file c JOIN case_visitor v ON v.case_id = c.id WHERE c.case_no = '$YEAR-000003'")" "the JSON row"

step "a bad row: refused on the export's own line (after a content of two lines), nothing imported"
sed "s/$ID2/44010419850101009X/" "$T/export.csv" >"$T/bad.csv"
if lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en import "$T/bad.csv" --map "$MAP" >"$OUT" 2>&1; then
	fail_batch "a row with a wrong ID number was imported"
fi
grep -q "bad.csv:4: .*(id_number)" "$OUT" || fail_batch "the refusal should name line 4: $(cat "$OUT")"
assert_eq 3 "$(db_sql "SELECT count(*) FROM case_file")" "nothing more imported"

step "a map naming a column the file lacks; a broken map"
sed 's/诉求内容/反映内容/' "$MAP" >"$T/other.map"
if lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en import "$T/export.csv" --map "$T/other.map" >"$OUT" 2>&1; then
	fail_batch "a map with a missing column was taken"
fi
grep -q '"反映内容" (for content) is not in the file' "$OUT" || fail_batch "missing column: $(cat "$OUT")"
printf 'name = 信访人姓名\ncontent 诉求内容\n' >"$T/broken.map"
if lf_as "$CLERK_LOGIN" "$CLERK_PW" --lang en import "$T/export.csv" --map "$T/broken.map" >"$OUT" 2>&1; then
	fail_batch "a broken map was taken"
fi
grep -q "broken.map: line 2: " "$OUT" || fail_batch "broken map: $(cat "$OUT")"
assert_eq 3 "$(db_sql "SELECT count(*) FROM case_file")" "nothing imported by a refused map"

step "the clerk's home screen: today's three online registrations"
lf_start_as "$CLERK_LOGIN" "$CLERK_PW" --lang en
wait_for "Today's registrations: 3"
assert_row_has "$YEAR-000001" 李秀英
assert_row_has "$YEAR-000003" 王芳
keys F10
wait_exit
assert_check_clean
pass
