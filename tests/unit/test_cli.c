/* Batch commands: import, export and check against a real database in a
 * temporary directory, each acting as a user: import needs the clerk's
 * role, export the administrator's or the archivist's. Run with
 * LAIFANG_TODAY=2026-11-23. */
#include "cli_fixture.h"

#include <sqlite3.h>
#include "test_clock.h"

enum { IMPORT, EXPORT_CSV, EXPORT_JSON, EXPORT_XML, CHECK };

/* The old batch commands: import as the clerk, export as the archivist
 * (the role with export_personal_data: the numbers in full). */
static int run(fixture *t, int what, const char *arg)
{
	switch (what) {
	case IMPORT: return CALL(t, NULL, lf_cli_import(t->st, as(t, &t->clerk), arg, t->o, t->e));
	case EXPORT_CSV: return CALL(t, NULL, lf_cli_export(t->st, as(t, &t->archivist), "csv", NULL, t->o, t->e));
	case EXPORT_JSON: return CALL(t, NULL, lf_cli_export(t->st, as(t, &t->archivist), "json", NULL, t->o, t->e));
	case EXPORT_XML: return CALL(t, NULL, lf_cli_export(t->st, as(t, &t->archivist), "xml", NULL, t->o, t->e));
	default: return CALL(t, NULL, lf_cli_check(t->st, t->o, t->e));
	}
}

/* Three visitors, with commas, quotes and line breaks inside quoted fields,
 * CRLF line ends, a BOM, defaults left empty and values to normalise. */
static const char three_rows[] =
	"\xEF\xBB\xBF"
	"receptionist,received_on,name,sex,phone,id_number,address,content\r\n"
	",2026-11-20,张三,男,138 1234 5678,440104198501011234,\"广州市越秀区府前路1号,3楼\","
	"\"反映拆迁补偿款未到位，说\"\"再等等\"\"\r\n已等两年\"\r\n"
	"李接待,2026/11/21,欧阳晓明,女,020-83186312,11010519491231002X,\"北京市朝阳区, 某某小区\","
	"\"工资拖欠,共计3个月\r\n要求\"\"尽快\"\"解决\"\r\n"
	",,买买提·艾力,女,,320102199003154560,乌鲁木齐市,噪音扰民\r\n";

#define N_KEYS 30
static const char *const keys[N_KEYS] = {
	"receptionist", "received_on", "name", "sex", "phone", "doc_type", "id_number", "address", "content",
	"instruction", "instruction_signer", "instruction_date", "handling", "handling_signer",
	"handling_date",
	/* Issue 12: the fields after the paper's grid. */
	"phone_more", "visit_kind", "headcount", "rep2_name", "rep2_id", "rep3_name", "rep3_id", "rep4_name",
	"rep4_id", "rep5_name", "rep5_id", "wait",
	"case_no", "case_id", "repeat",
};

/* What the database must hold for three_rows (case_id checked apart). */
static const char *const expected[3][N_KEYS] = {
	{"王芳", "2026-11-20", "张三", "男", "13812345678", "居民身份证", "440104198501011234",
	 "广州市越秀区府前路1号,3楼", "反映拆迁补偿款未到位，说\"再等等\"\n已等两年",
	 "", "", "", "", "", "",
	 "", "个体访", "1", "", "", "", "", "", "", "", "", "否", "2026-000001", NULL, "0"},
	{"李接待", "2026-11-21", "欧阳晓明", "女", "020-83186312", "居民身份证", "11010519491231002X",
	 "北京市朝阳区, 某某小区", "工资拖欠,共计3个月\n要求\"尽快\"解决",
	 "", "", "", "", "", "",
	 "", "个体访", "1", "", "", "", "", "", "", "", "", "否", "2026-000002", NULL, "0"},
	{"王芳", "2026-11-23", "买买提·艾力", "女", "", "居民身份证", "320102199003154560", "乌鲁木齐市",
	 "噪音扰民", "", "", "", "", "", "",
	 "", "个体访", "1", "", "", "", "", "", "", "", "", "否", "2026-000003", NULL, "0"},
};

/* The ledger's CSV (issue 15): its Chinese column names, and the key each
 * one is (keys[] or a ledger key), in CSV order. */
#define N_CSV 37
static const char *const csv_names[N_CSV] = {
	"案件编号", "接待人员", "接待时间", "来访人姓名", "性别", "联系电话", "证件类型", "身份证号码", "单位或住址",
	"信访内容", "领导批示", "领导批示签名", "领导批示日期", "牵头处室办理情况", "处室负责人签名", "办理情况日期",
	/* Issue 12: the fields after the paper's grid. */
	"其他电话", "来访形式", "到访人数", "代表2", "代表2身份证号码", "代表3", "代表3身份证号码", "代表4",
	"代表4身份证号码", "代表5", "代表5身份证号码", "候谈",
	"重复来访", "受理日期", "状态", "承办单位", "办理期限", "期限依据", "办结日期", "满意度", "案件标识",
};
static const char *const csv_keys[N_CSV] = {
	"case_no", "receptionist", "received_on", "name", "sex", "phone", "doc_type", "id_number", "address",
	"content", "instruction", "instruction_signer", "instruction_date", "handling", "handling_signer",
	"handling_date", "phone_more", "visit_kind", "headcount", "rep2_name", "rep2_id", "rep3_name", "rep3_id",
	"rep4_name", "rep4_id", "rep5_name", "rep5_id", "wait", "repeat", "accepted_on", "status", "lead_unit",
	"due_on", "due_rule", "closed_on", "satisfaction", "case_id",
};
#define CSV_HEADER_LEN 529 /* bytes of the header line, CRLF included, BOM not */

/* The expected value of a CSV column for row i (NULL: not checked). */
static const char *csv_expected(int i, size_t col)
{
	const char *key = csv_keys[col];
	if (!strcmp(key, "repeat"))
		return "否";
	if (!strcmp(key, "status"))
		return "已登记";
	if (!strcmp(key, "accepted_on") || !strcmp(key, "lead_unit") || !strcmp(key, "closed_on") ||
	    !strcmp(key, "satisfaction"))
		return "";
	for (size_t k = 0; k < N_KEYS; k++)
		if (!strcmp(keys[k], key))
			return expected[i][k];
	return NULL;
}

static void import_three(fixture *t)
{
	const char *path = put_text(t, "three.csv", three_rows);
	int rc = run(t, IMPORT, path);
	if (rc != 0)
	assert_int_equal(rc, 0);
	assert_string_equal(t->out, "imported 3 registrations (case numbers 2026-000001 to 2026-000003)\n");
	assert_string_equal(t->err, "");
	assert_int_equal(n_cases(t), 3);
}

static void test_import_export_csv(void **state)
{
	fixture *t = *state;
	import_three(t);
	assert_int_equal(run(t, EXPORT_CSV, NULL), 0);
	assert_string_equal(t->err, "");
	/* BOM, then CRLF records: header (Chinese column names) and three rows. */
	assert_memory_equal(t->out, "\xEF\xBB\xBF" "案件编号,接待人员,", 3 + 26);
	assert_non_null(strstr(t->out, ",满意度,案件标识\r\n"));
	lf_csv_reader *r = lf_csv_reader_new(t->out, t->out_len);
	lf_csv_record rec;
	assert_int_equal(lf_csv_read(r, &rec), 1);
	assert_int_equal(rec.n, N_CSV);
	for (size_t k = 0; k < N_CSV; k++)
		assert_string_equal(rec.fields[k], csv_names[k]);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(lf_csv_read(r, &rec), 1);
		assert_int_equal(rec.n, N_CSV);
		for (size_t k = 0; k < N_CSV; k++) {
			/* Cells as written for spreadsheets (csv.h): an ID number has
			 * a tab after it; unprotected, the value as stored. */
			lf_csv_cell_unprotect(rec.fields[k], &rec.lens[k]);
			const char *want = csv_expected(i, k);
			if (want)
				assert_string_equal(rec.fields[k], want);
		}
		assert_int_equal(strlen(rec.fields[N_CSV - 1]), 36); /* a UUID */
		/* Registered only: the routing deadline (art. 22) and its rule. */
		assert_int_equal(strlen(rec.fields[32]), 10);
		assert_non_null(strstr(rec.fields[33], "转送期限："));
	}
	assert_int_equal(lf_csv_read(r, &rec), 0);
	lf_csv_reader_free(r);
	/* The content's line break is inside quotes; records end in CRLF. */
	assert_non_null(strstr(t->out, ",\"反映拆迁补偿款未到位，说\"\"再等等\"\"\n已等两年\","));
	assert_non_null(strstr(t->out, "\r\n2026-000003,"));
	assert_non_null(strstr(t->out, ",440104198501011234\t,")); /* all 18 digits kept as text */
	assert_int_equal(memcmp(t->out + t->out_len - 2, "\r\n", 2), 0);
}

static void test_import_export_json(void **state)
{
	fixture *t = *state;
	import_three(t);
	assert_int_equal(run(t, EXPORT_JSON, NULL), 0);
	assert_string_equal(t->err, "");
	json_error_t jerr;
	json_t *root = json_loads(t->out, 0, &jerr);
	assert_non_null(root);
	assert_true(json_is_array(root));
	assert_int_equal(json_array_size(root), 3);
	for (size_t i = 0; i < 3; i++) {
		json_t *o = json_array_get(root, i);
		/* Keys in form order, then case_no, case_id, repeat, then the
		 * ledger's (issue 15). */
		assert_int_equal(json_object_size(o), N_KEYS + 7);
		assert_string_equal(json_string_value(json_object_get(o, "status")), "已登记");
		assert_string_equal(json_string_value(json_object_get(o, "accepted_on")), "");
		void *it = json_object_iter(o);
		for (size_t k = 0; k < N_KEYS; k++, it = json_object_iter_next(o, it))
			assert_string_equal(json_object_iter_key(it), keys[k]);
		for (size_t k = 0; k < N_KEYS - 1; k++)
			if (expected[i][k])
				assert_string_equal(json_string_value(json_object_get(o, keys[k])), expected[i][k]);
		assert_int_equal(json_string_length(json_object_get(o, "case_id")), 36);
		assert_true(json_is_false(json_object_get(o, "repeat")));
	}
	json_decref(root);
}

static void test_empty_export(void **state)
{
	fixture *t = *state;
	assert_int_equal(run(t, EXPORT_JSON, NULL), 0);
	assert_string_equal(t->out, "[]\n");
	assert_int_equal(run(t, EXPORT_CSV, NULL), 0);
	assert_int_equal(t->out_len, 3 + CSV_HEADER_LEN);
	assert_int_equal(run(t, EXPORT_XML, NULL), 2);
	assert_string_equal(t->out, "");
	assert_string_equal(t->err, "laifang: unknown export format xml (use json or csv)\n");
}

static void test_bad_row_writes_nothing(void **state)
{
	fixture *t = *state;
	/* Row 2 (line 3) has a wrong check digit: 440104198501011234 is right. */
	const char *path = put_text(t, "bad.csv",
		"name,sex,id_number,received_on,content\n"
		"张三,男,320102199003154560,2026-11-20,第一件\n"
		"李四,男,440104198501011235,2026-11-20,第二件\n"
		"王五,女,11010519491231002X,2026-11-20,第三件\n");
	assert_int_equal(run(t, IMPORT, path), 1);
	assert_string_equal(t->out, "");
	assert_int_equal(n_cases(t), 0);
	char want[256];
	snprintf(want, sizeof want, "%s:3: 身份证号码 (id_number)", path);
	assert_non_null(strstr(t->err, want));
	/* Row 1 only warns: 320102199003154560 says 女, the row says 男. */
	snprintf(want, sizeof want, "%s:2: warning: 性别 (sex)", path);
	assert_non_null(strstr(t->err, want));
	/* Only row 2 is blamed, and the summary says nothing was written. */
	snprintf(want, sizeof want, "%s: 1 problem(s) in 1 of 3 row(s); nothing was imported\n", path);
	assert_non_null(strstr(t->err, want));
	assert_null(strstr(t->err, ":4: "));
	assert_int_equal(strstr(t->err, ":2: ") - t->err, strstr(t->err, ":2: warning: ") - t->err);
}

static void test_every_bad_row_reported(void **state)
{
	fixture *t = *state;
	/* No content column at all (required), a name missing in one row, a
	 * future date in another: each problem on its own line. */
	const char *path = put_text(t, "missing.csv",
		"name,id_number,received_on\n"
		",440104198501011234,2026-11-20\n"
		"赵六,11010519491231002X,2026-12-01\n");
	assert_int_equal(run(t, IMPORT, path), 1);
	assert_int_equal(n_cases(t), 0);
	char want[256];
	snprintf(want, sizeof want, "%s:2: 来访人姓名 (name)", path);
	assert_non_null(strstr(t->err, want));
	snprintf(want, sizeof want, "%s:2: 信访内容 (content)", path);
	assert_non_null(strstr(t->err, want));
	snprintf(want, sizeof want, "%s:3: 接待时间 (received_on)", path);
	assert_non_null(strstr(t->err, want));
	snprintf(want, sizeof want, "%s:3: 信访内容 (content)", path);
	assert_non_null(strstr(t->err, want));
	assert_non_null(strstr(t->err, "problem(s) in 2 of 2 row(s); nothing was imported"));
}

static void test_unknown_column(void **state)
{
	fixture *t = *state;
	const char *path = put_text(t, "unknown.csv",
		"name,id_number,content,email\n"
		"张三,440104198501011234,反映噪音,zhang@example.com\n");
	assert_int_equal(run(t, IMPORT, path), 1);
	assert_int_equal(n_cases(t), 0);
	char want[256];
	snprintf(want, sizeof want, "%s:1: unknown column \"email\"", path);
	assert_non_null(strstr(t->err, want));
	assert_null(strstr(t->err, ":2:")); /* refused before any row is read */

	const char *dup = put_text(t, "dup.csv", "name,name,id_number,content\n张三,张三,440104198501011234,x\n");
	assert_int_equal(run(t, IMPORT, dup), 1);
	assert_non_null(strstr(t->err, "column \"name\" appears twice"));
	assert_int_equal(n_cases(t), 0);
}

static void test_readonly_columns_ignored(void **state)
{
	fixture *t = *state;
	const char *path = put_text(t, "ro.csv",
		"name,id_number,content,instruction,case_no\n"
		"张三,440104198501011234,反映噪音,同意办理,2020-000009\n"
		"张三,440104198501011234,再次反映噪音,,\n");
	assert_int_equal(run(t, IMPORT, path), 0);
	char want[320];
	snprintf(want, sizeof want, "%s: warning: not imported, laifang or a later step fills them: instruction, case_no\n", path);
	assert_string_equal(t->err, want);
	assert_int_equal(n_cases(t), 2);
	assert_int_equal(run(t, EXPORT_JSON, NULL), 0);
	json_t *root = json_loads(t->out, 0, NULL);
	assert_non_null(root);
	json_t *o1 = json_array_get(root, 0), *o2 = json_array_get(root, 1);
	assert_string_equal(json_string_value(json_object_get(o1, "instruction")), "");
	assert_string_equal(json_string_value(json_object_get(o1, "case_no")), "2026-000001");
	assert_string_equal(json_string_value(json_object_get(o1, "received_on")), "2026-11-23");
	/* The same ID number twice: an import does not guess 重复访 (issue 11):
	 * only a clerk says a visit is the same matter as an earlier one. */
	assert_true(json_is_false(json_object_get(o1, "repeat")));
	assert_true(json_is_false(json_object_get(o2, "repeat")));
	json_decref(root);
}

static void test_json_import(void **state)
{
	fixture *t = *state;
	const char *path = put_text(t, "in.json",
		"[\n"
		" {\"name\": \"陈强\", \"sex\": \"M\", \"id_number\": \"440306200002290033\",\n"
		"  \"received_on\": \"2026年11月2日\", \"phone\": null,\n"
		"  \"address\": \"深圳市南山区,科技园\", \"content\": \"物业费纠纷\\n\\\"多收\\\"两年\"},\n"
		" {\"name\": \"周敏\", \"id_number\": \"51010719781111071\\u0036\", \"content\": \"社保转移\"}\n"
		"]\n");
	int rc = run(t, IMPORT, path);
	if (rc)
	assert_int_equal(rc, 0);
	assert_string_equal(t->out, "imported 2 registrations (case numbers 2026-000001 to 2026-000002)\n");
	assert_int_equal(run(t, EXPORT_JSON, NULL), 0);
	json_t *root = json_loads(t->out, 0, NULL);
	json_t *o = json_array_get(root, 0);
	assert_string_equal(json_string_value(json_object_get(o, "sex")), "男");
	assert_string_equal(json_string_value(json_object_get(o, "received_on")), "2026-11-02");
	assert_string_equal(json_string_value(json_object_get(o, "phone")), "");
	assert_string_equal(json_string_value(json_object_get(o, "address")), "深圳市南山区,科技园");
	assert_string_equal(json_string_value(json_object_get(o, "content")), "物业费纠纷\n\"多收\"两年");
	assert_string_equal(json_string_value(json_object_get(o, "receptionist")), "王芳");
	o = json_array_get(root, 1);
	assert_string_equal(json_string_value(json_object_get(o, "id_number")), "510107197811110716");
	json_decref(root);
}

static void test_json_refusals(void **state)
{
	fixture *t = *state;
	/* A number for an ID number would lose digits: refused by name. */
	const char *path = put_text(t, "num.json",
		"[{\"name\": \"刘洋\", \"id_number\": 440104198501011234, \"content\": \"x\"},\n"
		" {\"name\": \"刘洋\", \"id_number\": \"440104198501011234\", \"content\": \"x\", \"wechat\": \"liu\"},\n"
		" \"张三\"]");
	assert_int_equal(run(t, IMPORT, path), 1);
	assert_int_equal(n_cases(t), 0);
	char want[256];
	snprintf(want, sizeof want, "%s:1: 身份证号码 (id_number): must be a JSON string", path);
	assert_non_null(strstr(t->err, want));
	/* ...and not also "required": one message for one problem. */
	snprintf(want, sizeof want, "%s:1: 身份证号码 (id_number)：", path);
	assert_null(strstr(t->err, want));
	snprintf(want, sizeof want, "%s:2: unknown column \"wechat\"", path);
	assert_non_null(strstr(t->err, want));
	snprintf(want, sizeof want, "%s:3: not a JSON object", path);
	assert_non_null(strstr(t->err, want));

	path = put_text(t, "broken.json", "[{\"name\": \"刘洋\",\n \"content\": }]");
	assert_int_equal(run(t, IMPORT, path), 1);
	snprintf(want, sizeof want, "%s:2:", path);
	assert_non_null(strstr(t->err, want));
	assert_non_null(strstr(t->err, "not valid JSON"));

	path = put_text(t, "obj.json", "  {\"name\": \"刘洋\"}");
	assert_int_equal(run(t, IMPORT, path), 1);
	assert_non_null(strstr(t->err, "must be an array"));
	assert_int_equal(n_cases(t), 0);
}

static void test_broken_files(void **state)
{
	fixture *t = *state;
	char want[256];
	const char *path = put_text(t, "open.csv",
		"name,id_number,content\n"
		"张三,440104198501011234,\"没有结束的引号\n第二行\n");
	assert_int_equal(run(t, IMPORT, path), 1);
	snprintf(want, sizeof want, "%s: line 2: ", path);
	assert_non_null(strstr(t->err, want));
	assert_non_null(strstr(t->err, "quoted field is never closed"));
	assert_int_equal(n_cases(t), 0);

	/* 张三 in GBK: what a spreadsheet saves unless told otherwise. */
	path = put_text(t, "gbk.csv", "name,id_number,content\n\xD5\xC5\xC8\xFD,440104198501011234,x\n");
	assert_int_equal(run(t, IMPORT, path), 1);
	snprintf(want, sizeof want, "%s:2: the file is not UTF-8", path);
	assert_non_null(strstr(t->err, want));

	path = put_text(t, "empty.csv", "");
	assert_int_equal(run(t, IMPORT, path), 1);
	assert_non_null(strstr(t->err, "the file is empty"));

	path = put_text(t, "header.csv", "\xEF\xBB\xBFname,id_number,content\r\n\r\n");
	assert_int_equal(run(t, IMPORT, path), 0);
	assert_non_null(strstr(t->out, "no rows to import"));

	path = put_text(t, "short.csv", "name,id_number,content\n张三,440104198501011234\n");
	assert_int_equal(run(t, IMPORT, path), 1);
	assert_non_null(strstr(t->err, ":2: this row has 2 fields but the header has 3 columns"));

	snprintf(want, sizeof want, "%s/nowhere.csv", t->dir);
	assert_int_equal(run(t, IMPORT, want), 2);
	assert_non_null(strstr(t->err, "cannot read the file: No such file"));
	assert_int_equal(run(t, IMPORT, t->dir), 2);
	assert_non_null(strstr(t->err, "cannot read the file: Is a directory"));
	assert_int_equal(n_cases(t), 0);
}

static void test_control_characters_warned(void **state)
{
	fixture *t = *state;
	const char *path = put_text(t, "ctl.csv",
		"name,id_number,address,content\n"
		"\"张\t三\",440104198501011234,\"广州市\n越秀区\",\"第一行\r\n第二行\x1b[31m红\"\n");
	assert_int_equal(run(t, IMPORT, path), 0);
	char want[256];
	snprintf(want, sizeof want, "%s:2: warning: 来访人姓名 (name)", path);
	assert_non_null(strstr(t->err, want));
	snprintf(want, sizeof want, "%s:2: warning: 单位或住址 (address)", path);
	assert_non_null(strstr(t->err, want));
	snprintf(want, sizeof want, "%s:2: warning: 信访内容 (content)", path);
	assert_non_null(strstr(t->err, want));
	assert_int_equal(run(t, EXPORT_JSON, NULL), 0);
	json_t *root = json_loads(t->out, 0, NULL);
	json_t *o = json_array_get(root, 0);
	assert_string_equal(json_string_value(json_object_get(o, "name")), "张 三");
	assert_string_equal(json_string_value(json_object_get(o, "address")), "广州市 越秀区");
	assert_string_equal(json_string_value(json_object_get(o, "content")), "第一行\n第二行红");
	json_decref(root);
}

/* What export writes, import reads back into another database unchanged. */
static void test_round_trip(void **state)
{
	fixture *t = *state;
	import_three(t);
	assert_int_equal(run(t, EXPORT_CSV, NULL), 0);
	char *first = t->out;
	size_t first_len = t->out_len;
	t->out = NULL;
	const char *path = put_file(t, "export.csv", first, first_len);
	lf_store *st1 = t->st;
	t->st = open_copy(t, "second.db");
	assert_non_null(t->st);
	assert_int_equal(run(t, IMPORT, path), 0);
	assert_non_null(strstr(t->err, "not imported, laifang or a later step fills them: instruction, "
	                                "instruction_signer, instruction_date, handling, handling_signer, "
	                                "handling_date, case_no, case_id, repeat"));
	assert_int_equal(run(t, EXPORT_CSV, NULL), 0);
	/* Same records but for the new case ids. */
	lf_csv_reader *a = lf_csv_reader_new(first, first_len), *b = lf_csv_reader_new(t->out, t->out_len);
	lf_csv_record ra, rb;
	int rows = 0;
	while (lf_csv_read(a, &ra) == 1) {
		assert_int_equal(lf_csv_read(b, &rb), 1);
		assert_int_equal(rb.n, ra.n);
		for (size_t k = 0; k < rb.n; k++)
			if (k != N_CSV - 1 || rows == 0)
				assert_string_equal(rb.fields[k], ra.fields[k]);
		rows++;
	}
	assert_int_equal(rows, 4);
	assert_int_equal(lf_csv_read(b, &rb), 0);
	lf_csv_reader_free(a);
	lf_csv_reader_free(b);
	free(first);
	lf_store_close(t->st);
	t->st = st1;
}

static void test_check_clean(void **state)
{
	fixture *t = *state;
	assert_int_equal(run(t, CHECK, NULL), 0);
	assert_string_equal(t->out, "check: database is consistent\n");
	import_three(t);
	assert_int_equal(run(t, CHECK, NULL), 0);
	assert_string_equal(t->out, "check: database is consistent\n");
	assert_string_equal(t->err, "");
}

/* What check quotes from the file (a setting's key here) was chosen by
 * whoever wrote the file: no escape sequence reaches the terminal, so none
 * can erase the lines that name the tampering. */
static void test_check_quotes_cleaned(void **state)
{
	fixture *t = *state;
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(t->db, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO setting (key, value) VALUES "
	                                  "('x' || char(27) || '[1A' || char(27) || '[2Kkey', 'v')",
	                              NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(run(t, CHECK, NULL), 1);
	assert_null(strchr(t->out, '\033'));
	assert_non_null(strstr(t->out, "setting xkey was added outside laifang"));
	assert_int_equal(CALL(t, NULL, lf_cli_check_head(t->st, false, "1\033[2J", t->o, t->e)), 2);
	assert_null(strchr(t->err, '\033'));
}

/* ---- import and export act as a person ---- */

static void test_import_needs_register(void **state)
{
	fixture *t = *state;
	const char *path = put_text(t, "three.csv", three_rows);
	assert_int_equal(CALL(t, NULL, lf_cli_import(t->st, as(t, &t->leader), path, t->o, t->e)), 1);
	assert_non_null(strstr(t->err, "laifang: "));
	assert_string_equal(t->out, "");
	assert_int_equal(CALL(t, NULL, lf_cli_import(t->st, as(t, &t->admin), path, t->o, t->e)), 1);
	assert_int_equal(n_cases(t), 0);
	assert_int_equal(n_audit(t, "case.register", NULL, NULL, 0), 0);
	import_three(t);
	assert_int_equal(n_audit(t, "case.register", "wangfang", NULL, 0), 3);
}

static void test_export_needs_permission(void **state)
{
	fixture *t = *state;
	import_three(t);
	char path[192];
	snprintf(path, sizeof path, "%s/out.json", t->dir);
	const lf_user *refused[] = {&t->clerk, &t->leader};
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(CALL(t, NULL, lf_cli_export(t->st, as(t, refused[i]), "json", NULL, t->o, t->e)), 1);
		assert_string_equal(t->out, "");
		assert_non_null(strstr(t->err, "laifang: "));
		assert_int_equal(CALL(t, NULL, lf_cli_export(t->st, as(t, refused[i]), "csv", path, t->o, t->e)), 1);
		assert_int_equal(access(path, F_OK), -1);
	}
	assert_int_equal(n_audit(t, "export", NULL, NULL, 0), 0);

	/* The archivist to standard output. */
	assert_int_equal(CALL(t, NULL, lf_cli_export(t->st, as(t, &t->archivist), "json", NULL, t->o, t->e)), 0);
	json_t *root = json_loads(t->out, 0, NULL);
	assert_int_equal(json_array_size(root), 3);
	json_decref(root);
	char changes[512];
	assert_int_equal(n_audit(t, "export", "chenjing", changes, sizeof changes), 1);
	root = json_loads(changes, 0, NULL);
	assert_non_null(root);
	assert_string_equal(json_string_value(json_object_get(root, "format")), "json");
	assert_int_equal(json_integer_value(json_object_get(root, "count")), 3);
	/* export_personal_data: the numbers went out in full, and the log says so. */
	assert_true(json_is_true(json_object_get(root, "personal_data")));
	json_decref(root);
	assert_non_null(strstr(t->out, "440104198501011234"));
	assert_non_null(strstr(t->out, "13812345678"));

	/* The administrator to a file, over one that others could read. */
	put_text(t, "out.json", "old");
	assert_int_equal(chmod(path, 0644), 0);
	assert_int_equal(CALL(t, NULL, lf_cli_export(t->st, as(t, &t->admin), "csv", path, t->o, t->e)), 0);
	char want[256];
	snprintf(want, sizeof want, "exported 3 case(s) to %s\n", path);
	assert_string_equal(t->out, want);
	assert_string_equal(t->err, "");
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	FILE *f = fopen(path, "rb");
	char buf[8192];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	assert_int_equal(memcmp(buf, "\xEF\xBB\xBF" "案件编号,", 16), 0);
	assert_non_null(strstr(buf, "2026-000003"));
	/* The administrator has no export_personal_data: every number masked. */
	assert_null(strstr(buf, "440104198501011234"));
	assert_null(strstr(buf, "13812345678"));
	assert_null(strstr(buf, "020-83186312"));
	assert_non_null(strstr(buf, "440104********1234"));
	assert_non_null(strstr(buf, "138****5678"));
	assert_non_null(strstr(buf, "020-****6312"));
	assert_int_equal(n_audit(t, "export", "admin", changes, sizeof changes), 1);
	root = json_loads(changes, 0, NULL);
	assert_string_equal(json_string_value(json_object_get(root, "format")), "csv");
	assert_int_equal(json_integer_value(json_object_get(root, "count")), 3);
	assert_string_equal(json_string_value(json_object_get(root, "file")), path);
	assert_true(json_is_false(json_object_get(root, "personal_data")));
	json_decref(root);
	/* Nothing left beside it. */
	char cmd[256];
	snprintf(cmd, sizeof cmd, "test \"$(ls '%s' | grep -c out.json)\" = 1", t->dir);
	assert_int_equal(system(cmd), 0);

	/* A directory that does not exist: an error, nothing recorded. */
	snprintf(path, sizeof path, "%s/no/such/dir.json", t->dir);
	assert_int_equal(CALL(t, NULL, lf_cli_export(t->st, as(t, &t->admin), "json", path, t->o, t->e)), 2);
	assert_non_null(strstr(t->err, "cannot create"));
	assert_int_equal(n_audit(t, "export", NULL, NULL, 0), 2);
}

int main(void)
{
	test_clock_day("2026-11-23");
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_import_export_csv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_export_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_export, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_row_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_bad_row_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_column, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readonly_columns_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_import, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_broken_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_control_characters_warned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_clean, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_quotes_cleaned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_needs_register, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_needs_permission, setup, teardown),
	};
	return cmocka_run_group_tests(tests, make_template, remove_template);
}
