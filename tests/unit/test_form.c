/* Forms as data: parsing forms/registration.form (the 群众来访登记表 of
 * 附件 3), errors in bad form files, and checking a sheet's values.
 * Runs from the repository root; the test clock reads 2026-11-23. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "laifang/form.h"
#include "laifang/text.h"
#include "test_clock.h"

static const lf_date TODAY = {2026, 11, 23};

/* The paper's fields in the paper's order. */
static const struct {
	const char *id, *label;
	lf_field_kind kind;
	bool required, readonly, same_row;
} expected[] = {
	{"receptionist", "接待人员", LF_FIELD_TEXT, false, true, false},
	{"received_on", "接待时间", LF_FIELD_DATE, true, false, true},
	{"name", "来访人姓名", LF_FIELD_TEXT, true, false, false},
	{"sex", "性别", LF_FIELD_CHOICE, false, false, false},
	{"phone", "联系电话", LF_FIELD_PHONE, false, false, true},
	{"doc_type", "证件类型", LF_FIELD_CHOICE, false, false, false},
	{"id_number", "身份证号码", LF_FIELD_ID_NUMBER, true, false, false},
	{"address", "单位或住址", LF_FIELD_TEXT, false, false, false},
	{"content", "信访内容", LF_FIELD_MULTILINE, true, false, false},
	{"instruction", "领导批示", LF_FIELD_MULTILINE, false, true, false},
	{"instruction_signer", "签名", LF_FIELD_TEXT, false, true, false},
	{"instruction_date", "日期", LF_FIELD_TEXT, false, true, true},
	{"handling", "牵头处室办理情况", LF_FIELD_MULTILINE, false, true, false},
	{"handling_signer", "处室负责人签名", LF_FIELD_TEXT, false, true, false},
	{"handling_date", "日期", LF_FIELD_TEXT, false, true, true},
	/* Issue 12: what the paper lacks, after its grid. */
	{"phone_more", "其他电话", LF_FIELD_TEXT, false, false, false},
	{"visit_kind", "来访形式", LF_FIELD_CHOICE, false, false, false},
	{"headcount", "到访人数", LF_FIELD_TEXT, false, false, true},
	{"rep2_name", "代表2", LF_FIELD_TEXT, false, false, false},
	{"rep2_id", "代表2身份证号码", LF_FIELD_ID_NUMBER, false, false, true},
	{"rep3_name", "代表3", LF_FIELD_TEXT, false, false, false},
	{"rep3_id", "代表3身份证号码", LF_FIELD_ID_NUMBER, false, false, true},
	{"rep4_name", "代表4", LF_FIELD_TEXT, false, false, false},
	{"rep4_id", "代表4身份证号码", LF_FIELD_ID_NUMBER, false, false, true},
	{"rep5_name", "代表5", LF_FIELD_TEXT, false, false, false},
	{"rep5_id", "代表5身份证号码", LF_FIELD_ID_NUMBER, false, false, true},
	{"wait", "候谈", LF_FIELD_CHOICE, false, false, false},
};
#define N_EXPECTED (sizeof expected / sizeof *expected)

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	char *buf = malloc(1 << 20);
	assert_non_null(buf);
	*len = fread(buf, 1, (1 << 20) - 1, fp);
	buf[*len] = '\0';
	fclose(fp);
	return buf;
}

static lf_form_def *load_registration(void)
{
	size_t len;
	char *text = slurp("forms/registration.form", &len);
	char err[256];
	lf_form_def *form = lf_form_parse(text, len, err, sizeof err);
	free(text);
	if (!form)
		fail_msg("forms/registration.form: %s", err);
	return form;
}

static int field(const lf_form_def *form, const char *id)
{
	int i = lf_form_find(form, id);
	assert_true(i >= 0);
	return i;
}

/* values[] for a complete, correct sheet (as the clerk would leave it). */
static char **good_sheet(const lf_form_def *form)
{
	char **v = calloc(form->n_fields, sizeof *v);
	assert_non_null(v);
	lf_form_fill_defaults(form, v, TODAY, "王芳");
	v[field(form, "name")] = strdup("张伟");
	v[field(form, "sex")] = strdup("男");
	v[field(form, "phone")] = strdup("13812345678");
	v[field(form, "id_number")] = strdup("110105199003071239");
	v[field(form, "address")] = strdup("广州市越秀区解放中路305号");
	v[field(form, "content")] = strdup("反映小区旁边的仓库堆放易燃物品，存在火灾隐患，请求依法查处。");
	return v;
}

static void free_sheet(const lf_form_def *form, char **v)
{
	for (size_t i = 0; i < form->n_fields; i++)
		free(v[i]);
	free(v);
}

static void set(char **v, int i, const char *s)
{
	free(v[i]);
	v[i] = s ? strdup(s) : NULL;
}

static void registration_matches_paper(void **state)
{
	(void)state;
	lf_form_def *form = load_registration();
	assert_string_equal(form->id, "registration");
	assert_string_equal(form->title, "群众来访登记表");
	/* Issue 15: no fixed line naming an office; the annex number only
	 * (the office's name and document come from its settings). */
	assert_null(form->source);
	assert_non_null(form->annex);
	assert_string_equal(form->annex, "3");
	for (size_t i = 0; i < form->n_fields; i++)
		assert_null(form->fields[i].help ? strstr(form->fields[i].help, "广州") : NULL);
	assert_int_equal(form->n_fields, N_EXPECTED);
	for (size_t i = 0; i < N_EXPECTED; i++) {
		const lf_field_def *f = &form->fields[i];
		assert_string_equal(f->id, expected[i].id);
		assert_string_equal(f->label, expected[i].label);
		assert_int_equal(f->kind, expected[i].kind);
		assert_int_equal(f->required, expected[i].required);
		assert_int_equal(f->readonly, expected[i].readonly);
		assert_int_equal(f->same_row, expected[i].same_row);
		/* Every field tells in Chinese what to write. */
		assert_non_null(f->help);
		assert_true(lf_text_width(f->help) > 10);
		assert_int_equal(lf_form_find(form, f->id), (int)i);
	}
	const lf_field_def *sex = &form->fields[field(form, "sex")];
	assert_int_equal(sex->n_choices, 2);
	assert_string_equal(sex->choices[0], "男");
	assert_string_equal(sex->choices[1], "女");
	assert_string_equal(sex->agrees_with, "id_number");
	assert_string_equal(form->fields[field(form, "receptionist")].defval, "@user");
	assert_string_equal(form->fields[field(form, "received_on")].defval, "@today");
	assert_true(form->fields[field(form, "content")].max_chars >= 20000);
	assert_non_null(strstr(form->fields[field(form, "content")].help, "可附页"));
	assert_string_equal(form->fields[field(form, "instruction_date")].group, "领导批示");
	assert_string_equal(form->fields[field(form, "handling_signer")].group, "牵头处室办理情况");
	assert_null(form->fields[field(form, "name")].group);
	assert_int_equal(lf_form_find(form, "nope"), -1);
	lf_form_free(form);
}

/* Lay the sheet out as tui/form_view does (label column, then boxes; a
 * field sharing a row puts "label：" before its box) and check each row ends
 * by column 79 of an 80-column terminal. */
static void registration_fits_80_columns(void **state)
{
	(void)state;
	lf_form_def *form = load_registration();
	int label_cols = 0;
	for (size_t i = 0; i < form->n_fields; i++)
		if (!form->fields[i].same_row && lf_text_width(form->fields[i].label) > label_cols)
			label_cols = lf_text_width(form->fields[i].label);
	assert_true(label_cols <= 16);
	int x = 0;
	for (size_t i = 0; i < form->n_fields; i++) {
		const lf_field_def *f = &form->fields[i];
		assert_true(f->width >= 1);
		if (!f->same_row)
			x = 1 + label_cols + 1;
		else
			x += 2 + lf_text_width(f->label) + 2;
		x += f->width;
		if (x > 79)
			fail_msg("field %s ends at column %d", f->id, x);
	}
	/* Rows on a 24-line screen: 20 for the paper's grid (issue 12: the
	 * fields the paper lacks follow it and scroll into view). */
	int rows = 0;
	size_t grid = (size_t)field(form, "phone_more");
	for (size_t i = 0; i < grid; i++)
		if (!form->fields[i].same_row)
			rows += form->fields[i].height;
	assert_true(rows <= 20);
	lf_form_free(form);
}

static void builtin_and_override(void **state)
{
	(void)state;
	char err[512];
	unsetenv("LAIFANG_FORMS_DIR");
	const lf_form_def *form = lf_form_get("registration", err, sizeof err);
	if (!form)
		fail_msg("%s", err);
	assert_int_equal(form->n_fields, N_EXPECTED);
	for (size_t i = 0; i < N_EXPECTED; i++)
		assert_string_equal(form->fields[i].id, expected[i].id);
	assert_ptr_equal(lf_form_get("registration", err, sizeof err), form); /* kept */

	assert_null(lf_form_get("no_such_form", err, sizeof err));
	assert_non_null(strstr(err, "no_such_form"));
	assert_null(lf_form_get("../etc/passwd", err, sizeof err));
	assert_true(err[0] != '\0');

	/* An office's own layout from LAIFANG_FORMS_DIR. */
	char dir[] = "/tmp/laifang-forms-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof path, "%s/registration.form", dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("form registration\ntitle 来访登记\nfield name\n\tlabel 姓名\n\trequired\n", fp);
	fclose(fp);
	setenv("LAIFANG_FORMS_DIR", dir, 1);
	const lf_form_def *own = lf_form_get("registration", err, sizeof err);
	if (!own)
		fail_msg("%s", err);
	assert_string_equal(own->title, "来访登记");
	assert_int_equal(own->n_fields, 1);

	/* A broken file there is refused, naming the file and the line. */
	snprintf(path, sizeof path, "%s/broken.form", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("form broken\ntitle 坏表\nfield name\n\tlabel 姓名\n\tkind txet\n", fp);
	fclose(fp);
	assert_null(lf_form_get("broken", err, sizeof err));
	assert_non_null(strstr(err, "broken.form: line 5: unknown kind 'txet'"));
	unlink(path);
	snprintf(path, sizeof path, "%s/registration.form", dir);
	unlink(path);
	rmdir(dir);
	unsetenv("LAIFANG_FORMS_DIR");
}

static void bad_files_name_the_line(void **state)
{
	(void)state;
	static const struct {
		const char *text, *error;
	} cases[] = {
		{"form f\ntitle T\n\n# a comment\nfield a\n\tlabel 甲\n\tkind txet\n", "line 7: unknown kind 'txet'"},
		{"form f\ntitle T\nfield a\n\tlabel 甲\n\tcolour red\n", "line 5: unknown key 'colour'"},
		{"form f\ntitle T\nfield a\n\tlabel 甲\nfield b\n\tlabel 乙\nfield a\n\tlabel 丙\n",
		 "line 7: field 'a' is defined twice"},
		{"form f\ntitle T\nfield a\n\tlabel 甲\nfield sex\n\tlabel 性别\n\tkind choice\n",
		 "line 5: choice field 'sex' has no choices"},
		{"form f\ntitle T\nfield a\n\tlabel 甲\n\twidth 0\n", "line 5: width must be at least 1"},
		{"form f\ntitle T\nfield a\n\tlabel 甲\n\twidth wide\n", "line 5: width must be a whole number"},
		{"form f\ntitle T\nfield sex\n\tlabel 性别\n\tkind choice\n\tchoices 男|女\n\tagrees-with id\n"
		 "field name\n\tlabel 姓名\n",
		 "line 7: field 'sex' agrees with 'id', which the form does not have"},
		{"form f\ntitle T\nfield a\n\tlabel 甲\n\tlabel 乙\n", "line 5: label given twice"},
		{"form f\ntitle T\nfield a\n\tkind text\n", "line 3: field 'a' has no label"},
		{"form f\ntitle T\n\tlabel 甲\n", "line 3: an indented line before the first field"},
		{"title T\nfield a\n\tlabel 甲\n", "line 2: a field before the 'form NAME' line"},
		{"form f\nfield a\n\tlabel 甲\n", "line 1: the form has no title"},
		{"form f\ntitle T\nfield a\n\tlabel \xE7\x94\n", "line 4: not valid UTF-8"},
		{"form f\ntitle T\nfield a\n\tlabel 甲\n\tsame-row\n", "line 5: the first field cannot share a row"},
		{"form f\ntitle T\nfield Name\n\tlabel 甲\n", "line 3: field id 'Name'"},
		{"form f\ntitle T\nfield d\n\tlabel 日\n\tkind date\n\tdefault @user\n", "line 3: field 'd': default @user"},
		{"form f\ntitle T\nfield a\n\tlabel 甲\n\tkind choice\n\tchoices 男||女\n", "line 6: an empty choice"},
		{"form f\ntitle T\nfield a\n\tlabel 甲\n\trequired maybe\n", "line 5: required takes no value"},
		{"form f\ntitle T\n", "line 1: the form has no fields"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char err[256] = "unchanged";
		lf_form_def *form = lf_form_parse(cases[i].text, strlen(cases[i].text), err, sizeof err);
		if (form)
			fail_msg("case %zu parsed, expected \"%s\"", i, cases[i].error);
		if (strncmp(err, cases[i].error, strlen(cases[i].error)))
			fail_msg("case %zu: got \"%s\", expected \"%s\"", i, err, cases[i].error);
	}
}

static void small_form_parses_with_defaults(void **state)
{
	(void)state;
	/* CRLF line ends, a BOM, comments, several help lines, flags with yes/no. */
	const char *text = "\xEF\xBB\xBF# 试用\r\nform trial\r\ntitle 试用表\r\n"
	                   "field note\r\n\tlabel 备注\r\n\tkind multiline\r\n"
	                   "\thelp 第一行 # 不是注释\r\n\thelp 第二行\r\n\trequired no\r\n"
	                   "field when\r\n    label 日期\r\n    kind date\r\n    same-row yes\r\n";
	char err[256];
	lf_form_def *form = lf_form_parse(text, strlen(text), err, sizeof err);
	if (!form)
		fail_msg("%s", err);
	assert_string_equal(form->id, "trial");
	assert_null(form->source);
	assert_null(form->annex);
	assert_int_equal(form->n_fields, 2);
	assert_string_equal(form->fields[0].help, "第一行 # 不是注释\n第二行");
	assert_false(form->fields[0].required);
	assert_int_equal(form->fields[0].height, 3);
	assert_int_equal(form->fields[0].width, 20);
	assert_int_equal(form->fields[0].max_chars, 20000);
	assert_true(form->fields[1].same_row);
	assert_int_equal(form->fields[1].height, 1);
	lf_form_free(form);
}

static void good_sheet_passes(void **state)
{
	(void)state;
	lf_form_def *form = load_registration();
	char **v = good_sheet(form);
	lf_form_issue issues[8];
	size_t n = lf_form_check(form, v, TODAY, issues, 8);
	if (n)
		fail_msg("%zu issue(s), first: %s", n, issues[0].message);
	assert_string_equal(v[field(form, "received_on")], "2026-11-23");
	assert_string_equal(v[field(form, "receptionist")], "王芳");
	assert_string_equal(v[field(form, "name")], "张伟");
	free_sheet(form, v);
	lf_form_free(form);
}

static void missing_name_names_the_label(void **state)
{
	(void)state;
	lf_form_def *form = load_registration();
	char **v = good_sheet(form);
	set(v, field(form, "name"), " \xE3\x80\x80 "); /* blanks only, 全角 included */
	lf_form_issue issues[8];
	assert_int_equal(lf_form_check(form, v, TODAY, issues, 8), 1);
	assert_int_equal(issues[0].field, (size_t)field(form, "name"));
	assert_int_equal(issues[0].verdict, LF_INVALID);
	assert_true(!strncmp(issues[0].message, "来访人姓名：", strlen("来访人姓名：")));
	assert_non_null(strstr(issues[0].message, "required"));

	/* Not required: 联系电话 and 单位或住址 may stay empty. */
	set(v, field(form, "name"), "张伟");
	set(v, field(form, "phone"), NULL);
	set(v, field(form, "address"), "");
	assert_int_equal(lf_form_check(form, v, TODAY, issues, 8), 0);
	free_sheet(form, v);
	lf_form_free(form);
}

static void wrong_check_digit(void **state)
{
	(void)state;
	lf_form_def *form = load_registration();
	char **v = good_sheet(form);
	int id = field(form, "id_number");
	set(v, field(form, "sex"), "女");
	set(v, id, "110105194912310020"); /* the check digit of 11010519491231002 is X */
	lf_form_issue issue;
	char *norm = (char *)"untouched";
	assert_int_equal(lf_form_check_field(form, (size_t)id, v, TODAY, &issue, &norm), LF_INVALID);
	assert_null(norm);
	assert_int_equal(issue.field, (size_t)id);
	assert_true(!strncmp(issue.message, "身份证号码：", strlen("身份证号码：")));
	assert_non_null(strstr(issue.message + strlen("身份证号码："), "X"));

	/* Lower-case x is accepted and stored as X. */
	set(v, id, "11010519491231002x");
	lf_form_issue issues[8];
	size_t n = lf_form_check(form, v, TODAY, issues, 8);
	if (n)
		fail_msg("%s", issues[0].message);
	assert_string_equal(v[id], "11010519491231002X");
	free_sheet(form, v);
	lf_form_free(form);
}

static void sex_disagrees_with_id_number(void **state)
{
	(void)state;
	lf_form_def *form = load_registration();
	char **v = good_sheet(form);
	int sex = field(form, "sex");
	set(v, field(form, "id_number"), "11010519491231002X"); /* a woman's number */
	lf_form_issue issues[8];
	assert_int_equal(lf_form_check(form, v, TODAY, issues, 8), 1);
	assert_int_equal(issues[0].field, (size_t)sex);
	assert_int_equal(issues[0].verdict, LF_WARNING);
	assert_true(!strncmp(issues[0].message, "性别：", strlen("性别：")));
	assert_string_equal(v[sex], "男"); /* a warning keeps what was typed */

	/* Invalid ones come first, in form order, then the warnings. */
	set(v, field(form, "content"), "\n\n");
	set(v, field(form, "name"), NULL);
	assert_int_equal(lf_form_check(form, v, TODAY, issues, 8), 3);
	assert_int_equal(issues[0].field, (size_t)field(form, "name"));
	assert_int_equal(issues[0].verdict, LF_INVALID);
	assert_int_equal(issues[1].field, (size_t)field(form, "content"));
	assert_int_equal(issues[1].verdict, LF_INVALID);
	assert_int_equal(issues[2].field, (size_t)sex);
	assert_int_equal(issues[2].verdict, LF_WARNING);
	/* With room for one issue, the count is still all of them. */
	assert_int_equal(lf_form_check(form, v, TODAY, issues, 1), 3);
	assert_int_equal(issues[0].field, (size_t)field(form, "name"));

	/* A value outside the choices is refused; M is 男. */
	set(v, sex, "未知");
	lf_form_issue one;
	assert_int_equal(lf_form_check_field(form, (size_t)sex, v, TODAY, &one, NULL), LF_INVALID);
	assert_true(!strncmp(one.message, "性别：", strlen("性别：")));
	set(v, sex, "F");
	char *norm = NULL;
	assert_int_equal(lf_form_check_field(form, (size_t)sex, v, TODAY, &one, &norm), LF_VALID);
	assert_string_equal(norm, "女");
	free(norm);
	free_sheet(form, v);
	lf_form_free(form);
}

static void received_on_not_in_future(void **state)
{
	(void)state;
	lf_form_def *form = load_registration();
	char **v = good_sheet(form);
	int d = field(form, "received_on");
	lf_form_issue issue;
	char *norm = NULL;
	set(v, d, "2026-11-24");
	assert_int_equal(lf_form_check_field(form, (size_t)d, v, TODAY, &issue, &norm), LF_INVALID);
	assert_null(norm);
	assert_true(!strncmp(issue.message, "接待时间：", strlen("接待时间：")));
	/* A past visit entered late, in the paper's own way of writing dates. */
	set(v, d, "2026年11月2日");
	assert_int_equal(lf_form_check_field(form, (size_t)d, v, TODAY, &issue, &norm), LF_VALID);
	assert_string_equal(norm, "2026-11-02");
	free(norm);
	set(v, d, NULL);
	assert_int_equal(lf_form_check_field(form, (size_t)d, v, TODAY, &issue, NULL), LF_INVALID);
	free_sheet(form, v);
	lf_form_free(form);
}

static void defaults_fill_today_and_user(void **state)
{
	(void)state;
	lf_form_def *form = load_registration();
	char **v = calloc(form->n_fields, sizeof *v);
	assert_non_null(v);
	v[field(form, "name")] = strdup("李娜");
	v[field(form, "received_on")] = strdup("");
	lf_form_fill_defaults(form, v, (lf_date){2026, 1, 5}, "陈明");
	assert_string_equal(v[field(form, "received_on")], "2026-01-05");
	assert_string_equal(v[field(form, "receptionist")], "陈明");
	assert_string_equal(v[field(form, "name")], "李娜");
	assert_null(v[field(form, "instruction_date")]);
	assert_null(v[field(form, "instruction_signer")]);
	/* What is already there stays. */
	set(v, field(form, "received_on"), "2026-01-02");
	lf_form_fill_defaults(form, v, TODAY, "周强");
	assert_string_equal(v[field(form, "received_on")], "2026-01-02");
	assert_string_equal(v[field(form, "receptionist")], "陈明");
	free_sheet(form, v);
	lf_form_free(form);
}

static char *repeat(const char *unit, size_t times)
{
	size_t n = strlen(unit);
	char *s = malloc(n * times + 1);
	assert_non_null(s);
	for (size_t i = 0; i < times; i++)
		memcpy(s + i * n, unit, n);
	s[n * times] = '\0';
	return s;
}

static void content_limit(void **state)
{
	(void)state;
	lf_form_def *form = load_registration();
	char **v = good_sheet(form);
	int c = field(form, "content");
	size_t max = form->fields[c].max_chars;
	assert_int_equal(max, 20000);
	lf_form_issue issue;
	char *norm = NULL;
	free(v[c]);
	v[c] = repeat("诉", max);
	assert_int_equal(lf_form_check_field(form, (size_t)c, v, TODAY, &issue, &norm), LF_VALID);
	assert_string_equal(norm, v[c]);
	free(norm);
	free(v[c]);
	v[c] = repeat("诉", max + 1);
	assert_int_equal(lf_form_check_field(form, (size_t)c, v, TODAY, &issue, &norm), LF_INVALID);
	assert_true(!strncmp(issue.message, "信访内容：", strlen("信访内容：")));
	assert_non_null(strstr(issue.message, "20000"));
	assert_non_null(strstr(issue.message, "20001"));
	free_sheet(form, v);
	lf_form_free(form);
}

static void text_is_cleaned(void **state)
{
	(void)state;
	lf_form_def *form = load_registration();
	char **v = good_sheet(form);
	int name = field(form, "name"), addr = field(form, "address"), c = field(form, "content");
	set(v, name, "\x1b[31m张伟\x1b[0m\x07");
	set(v, addr, "广州市\n越秀区\r\n解放中路");
	set(v, c, "\n  \n\xE3\x80\x80\xE3\x80\x80第一段。\r\n第二段。\n\n  ");
	lf_form_issue issues[8];
	size_t n = lf_form_check(form, v, TODAY, issues, 8);
	assert_string_equal(v[name], "张伟");
	assert_string_equal(v[addr], "广州市 越秀区 解放中路");
	/* A long text keeps its lines and its paragraph indent. */
	assert_string_equal(v[c], "\xE3\x80\x80\xE3\x80\x80第一段。\n第二段。");
	/* What cleaning took out is said, as a warning on the field; Windows
	 * line ends in a long text are not worth one. */
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(issues[i].verdict, LF_WARNING);
	assert_int_equal(issues[0].field, (size_t)name);
	assert_true(!strncmp(issues[0].message, "来访人姓名：", strlen("来访人姓名：")));
	assert_int_equal(issues[1].field, (size_t)addr);
	/* Checking again: nothing left to say. */
	assert_int_equal(lf_form_check(form, v, TODAY, issues, 8), 0);

	/* Phone numbers are tidied by the validator. */
	set(v, field(form, "phone"), " 138 1234 5678 ");
	assert_int_equal(lf_form_check(form, v, TODAY, issues, 8), 0);
	assert_string_equal(v[field(form, "phone")], "13812345678");
	set(v, field(form, "phone"), "12345");
	assert_int_equal(lf_form_check(form, v, TODAY, issues, 8), 1);
	assert_true(!strncmp(issues[0].message, "联系电话：", strlen("联系电话：")));
	free_sheet(form, v);
	lf_form_free(form);
}

static void readonly_not_checked(void **state)
{
	(void)state;
	lf_form_def *form = load_registration();
	char **v = good_sheet(form);
	int d = field(form, "instruction_date");
	set(v, d, "not a date");
	lf_form_issue issue;
	char *norm = NULL;
	assert_int_equal(lf_form_check_field(form, (size_t)d, v, TODAY, &issue, &norm), LF_VALID);
	assert_string_equal(norm, "not a date");
	free(norm);
	set(v, field(form, "receptionist"), NULL); /* readonly: not "required" either */
	lf_form_issue issues[4];
	assert_int_equal(lf_form_check(form, v, TODAY, issues, 4), 0);
	free_sheet(form, v);
	lf_form_free(form);
}

int main(void)
{
	setlocale(LC_ALL, ""); /* widths by wcwidth need a UTF-8 locale */
	test_clock_day("2026-11-23");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(registration_matches_paper),
		cmocka_unit_test(registration_fits_80_columns),
		cmocka_unit_test(builtin_and_override),
		cmocka_unit_test(bad_files_name_the_line),
		cmocka_unit_test(small_form_parses_with_defaults),
		cmocka_unit_test(good_sheet_passes),
		cmocka_unit_test(missing_name_names_the_label),
		cmocka_unit_test(wrong_check_digit),
		cmocka_unit_test(sex_disagrees_with_id_number),
		cmocka_unit_test(received_on_not_in_future),
		cmocka_unit_test(defaults_fill_today_and_user),
		cmocka_unit_test(content_limit),
		cmocka_unit_test(text_is_cleaned),
		cmocka_unit_test(readonly_not_checked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
