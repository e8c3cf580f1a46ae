/* The office's own paper (issue 15): the settings that head every sheet
 * (office_name, forms_document, annex_labels and the office's address and
 * telephones), checked as `laifang config set` and the admin screen check
 * them; the sheet and the reception-day log printed with them and read
 * back with pdftotext (the office's name on it, no other office's); names
 * with CJK Extension A and B characters printed; a character no installed
 * font has refused with a message naming it; the boxes 领导批示 and 办理情况
 * holding several entries on the first page; attached pages numbered and
 * tied to the case; the blank sheet ruled; paragraph indents kept. */
#include "caseflow_fixture.h"

#include "laifang/case_read.h"
#include "laifang/paper.h"
#include "laifang/reception.h"
#include "laifang/settings.h"
#include "laifang/text.h"
#include "pdf_text.h"

static int pdf_pages(const char *path)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "pdfinfo '%s' 2>/dev/null | sed -n 's/^Pages: *//p'", path);
	char *t = slurp_cmd(cmd);
	int n = atoi(t);
	free(t);
	return n;
}

#define HAS(text, s) \
	do { \
		if (!strstr(text, s)) \
			fail_msg("expected \"%s\" in: %s", s, text); \
	} while (0)
#define LACKS(text, s) \
	do { \
		if (strstr(text, s)) \
			fail_msg("did not expect \"%s\" in: %s", s, text); \
	} while (0)

static void set(fixture *t, const char *key, const char *value)
{
	lf_user admin = as(t->st, "admin");
	char msg[512];
	if (lf_setting_set(t->st, &admin, key, value, msg, sizeof msg) != LF_STORE_OK)
		fail_msg("config set %s: %s", key, msg);
	lf_user_free(&admin);
}

/* ---- the checks ---- */

/* check(key, value): true and the stored form, or false and the message. */
static bool check(const char *key, const char *value, char *canon, char *msg)
{
	const lf_setting_def *d = lf_setting_find(key);
	assert_non_null(d);
	canon[0] = msg[0] = '\0';
	bool ok = lf_setting_check(d, value, canon, LF_SETTING_VALUE_MAX, msg, 512);
	if (!ok)
		assert_true(msg[0] != '\0');
	return ok;
}

static void settings_checks(void **state)
{
	(void)state;
	char canon[LF_SETTING_VALUE_MAX], msg[512];
	/* The office's name: 1 to 64 characters, one line, cleaned. */
	assert_true(check("office_name", "  测试市信访局\x1b[31m ", canon, msg));
	assert_string_equal(canon, "测试市信访局");
	assert_false(check("office_name", "　", canon, msg));
	HAS(msg, "office_name");
	/* Optional texts may be empty; the document may exceed 64 characters. */
	static const char *const optional[] = {"office_address", "office_phone_inquiry", "office_phone_booking",
	                                       "office_booking_contact", "office_seal_name", "forms_document"};
	for (size_t i = 0; i < sizeof optional / sizeof optional[0]; i++) {
		assert_true(check(optional[i], "", canon, msg));
		assert_string_equal(canon, "");
	}
	char longdoc[1024] = "";
	for (int i = 0; i < 30; i++)
		strcat(longdoc, "关于做好");
	assert_int_equal(lf_text_chars(longdoc), 120);
	assert_true(check("forms_document", longdoc, canon, msg));
	assert_string_equal(canon, longdoc);
	for (int i = 0; i < 50; i++)
		strcat(longdoc, "接访");
	assert_false(check("forms_document", longdoc, canon, msg)); /* 220 characters */
	HAS(msg, "forms_document");
	HAS(msg, "200");
	assert_false(check("office_booking_contact", longdoc, canon, msg));
	HAS(msg, "64");
	/* Telephones: normalised, or a service number; anything else named. */
	assert_true(check("office_phone_inquiry", "020 8318 6312", canon, msg));
	assert_string_equal(canon, "020-83186312");
	assert_true(check("office_phone_booking", "12345", canon, msg));
	assert_string_equal(canon, "12345");
	assert_false(check("office_phone_inquiry", "请拨打办公室", canon, msg));
	HAS(msg, "office_phone_inquiry");
	HAS(msg, "020-83186312");
	/* annex_labels: on or off, stored 1 or 0. */
	assert_true(check("annex_labels", "on", canon, msg));
	assert_string_equal(canon, "1");
	assert_true(check("annex_labels", "OFF", canon, msg));
	assert_string_equal(canon, "0");
	assert_true(check("annex_labels", "1", canon, msg));
	assert_string_equal(canon, "1");
	assert_false(check("annex_labels", "2", canon, msg));
	HAS(msg, "annex_labels must be on or off");
	assert_false(check("annex_labels", NULL, canon, msg));
	/* The texts' limits as the table says. */
	const lf_setting_def *d = lf_setting_find("office_address");
	assert_int_equal(lf_setting_text_min(d), 0);
	assert_int_equal(lf_setting_text_max(d), 200);
	d = lf_setting_find("office_name");
	assert_int_equal(lf_setting_text_min(d), 1);
	assert_int_equal(lf_setting_text_max(d), LF_SETTING_TEXT_MAX);
}

/* A long text keeps its paragraph indents (全角空格) and line breaks;
 * blank lines before it and blanks after it go. */
static void trim_keeps_indents(void **state)
{
	(void)state;
	char a[] = "\n  \n　　第一段。\n　　第二段。 　\n\n";
	lf_text_trim_lines(a);
	assert_string_equal(a, "　　第一段。\n　　第二段。");
	char b[] = "　\n\t\n";
	lf_text_trim_lines(b);
	assert_string_equal(b, "");
	char c[] = "  正文";
	lf_text_trim_lines(c);
	assert_string_equal(c, "正文");
	char e[] = " 　　正文";
	lf_text_trim_lines(e);
	assert_string_equal(e, "　　正文");
	/* One-line values are still trimmed of their U+3000 (lf_text_trim). */
	char d[] = "　　张三　";
	lf_text_trim(d);
	assert_string_equal(d, "张三");
}

/* Defaults: nothing but the generic name; the source line empty. */
static void office_defaults(void **state)
{
	fixture *t = *state;
	lf_office_info o;
	lf_office_info_read(t->st, &o);
	assert_string_equal(o.name, "信访办公室");
	assert_string_equal(o.address, "");
	assert_string_equal(o.forms_document, "");
	assert_false(o.annex_labels);
	char line[1024];
	lf_office_source_line(&o, "3", true, line, sizeof line);
	assert_string_equal(line, "");
	lf_office_annex_label(&o, "3", line, sizeof line);
	assert_string_equal(line, "");

	set(t, "forms_document", "2026 年度领导干部公开接访工作安排的通知");
	set(t, "annex_labels", "on");
	set(t, "office_name", "测试市信访局");
	lf_office_info_read(t->st, &o);
	lf_office_source_line(&o, "3", true, line, sizeof line);
	assert_string_equal(line, "测试市信访局《2026 年度领导干部公开接访工作安排的通知》附件3");
	lf_office_source_line(&o, NULL, false, line, sizeof line);
	assert_string_equal(line, "《2026 年度领导干部公开接访工作安排的通知》");
	assert_string_equal(o.seal_name, "测试市信访局"); /* no seal name: the office's */
	/* Written with its own 《》: not doubled. */
	set(t, "forms_document", "《接访通知》");
	lf_office_info_read(t->st, &o);
	lf_office_source_line(&o, "2", false, line, sizeof line);
	assert_string_equal(line, "《接访通知》附件2");
}

/* ---- paper ---- */

/* The PDFs are written in the test's own folder; with PAPER_KEEP=DIR
 * set, they are written there to be looked at (pdftoppm -png -r 60). */
static void out_path(fixture *t, const char *name, char *buf, size_t len)
{
	const char *keep = getenv("PAPER_KEEP");
	snprintf(buf, len, "%s/%s", keep && keep[0] ? keep : t->dir, name);
}

static void print_ok(fixture *t, const char *login, const char *no, lf_paper_kind k, const char *path)
{
	lf_user u = as(t->st, login);
	char msg[1024];
	if (lf_paper_print(t->st, &u, no, k, path, msg, sizeof msg) != LF_STORE_OK)
		fail_msg("print: %s", msg);
	lf_user_free(&u);
}

static void add_log(fixture *t)
{
	char msg[1024];
	lf_user wang = as(t->st, "wang");
	lf_reception_log l;
	assert_int_equal(lf_reception_open(t->st, &wang, "2026-11-23", &l, msg, sizeof msg), LF_STORE_OK);
	l.leader = strdup("王五（副局长）");
	l.situation = strdup("接待群众1批1人。");
	l.demands = strdup("反映噪音，编号RL88。");
	assert_int_equal(lf_reception_save(t->st, &wang, &l, msg, sizeof msg), LF_STORE_OK);
	lf_reception_log_free(&l);
	lf_user_free(&wang);
}

/* With the office's settings, its name heads the sheet, the blank sheet and
 * the log; the document and the annex labels follow the settings; no
 * other office's name is anywhere. */
static void office_on_paper(void **state)
{
	fixture *t = *state;
	lf_saved_case c = register_case(t->st, "李秀英", "反映小区噪音扰民。");
	add_log(t);
	char sheet[256], blank[256], log[256];
	out_path(t, "sheet.pdf", sheet, sizeof sheet);
	out_path(t, "blank.pdf", blank, sizeof blank);
	out_path(t, "log.pdf", log, sizeof log);

	/* Fresh office: the generic name, no document, no annex label. */
	print_ok(t, "zhang", c.case_no, LF_PAPER_SHEET, sheet);
	char *text = pdf_text(sheet);
	HAS(text, "信访办公室");
	LACKS(text, "附件");
	LACKS(text, "《");
	LACKS(text, "广州");
	free(text);

	set(t, "office_name", "测试市信访局");
	set(t, "forms_document", "2026 年度领导干部公开接访工作安排的通知");
	set(t, "annex_labels", "on");
	print_ok(t, "zhang", c.case_no, LF_PAPER_SHEET, sheet);
	print_ok(t, "zhang", NULL, LF_PAPER_BLANK, blank);
	lf_user clerk = as(t->st, "zhang");
	char msg[1024];
	if (lf_paper_print_log(t->st, &clerk, "2026-11-23", log, msg, sizeof msg) != LF_STORE_OK)
		fail_msg("log: %s", msg);
	lf_user_free(&clerk);
	const char *const files[] = {sheet, blank, log};
	for (size_t i = 0; i < 3; i++) {
		text = pdf_text(files[i]);
		HAS(text, "测试市信访局");
		HAS(text, "《2026年度领导干部公开接访工作安排的通知》");
		HAS(text, i == 2 ? "附件2" : "附件3");
		LACKS(text, "广州");
		LACKS(text, "应急管理局");
		free(text);
	}
	/* Annex labels off: on no sheet. */
	set(t, "annex_labels", "off");
	print_ok(t, "zhang", c.case_no, LF_PAPER_SHEET, sheet);
	text = pdf_text(sheet);
	HAS(text, "测试市信访局");
	LACKS(text, "附件");
	free(text);
	/* The notices carry the name too. */
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	out_path(t, "accept.pdf", sheet, sizeof sheet);
	print_ok(t, "zhang", c.case_no, LF_PAPER_ACCEPT, sheet);
	text = pdf_text(sheet);
	HAS(text, "测试市信访局");
	LACKS(text, "广州");
	free(text);
}

/* Names with CJK Extension A (䶮) and B (𠮷) print as themselves. */
static void rare_characters(void **state)
{
	fixture *t = *state;
	lf_saved_case a = register_case(t->st, "王䶮", "反映噪音。");
	lf_saved_case b = register_case(t->st, "𠮷野", "反映噪音。");
	char path[256];
	out_path(t, "a.pdf", path, sizeof path);
	print_ok(t, "zhang", a.case_no, LF_PAPER_SHEET, path);
	char *text = pdf_text(path);
	HAS(text, "王䶮");
	free(text);
	out_path(t, "b.pdf", path, sizeof path);
	print_ok(t, "zhang", b.case_no, LF_PAPER_SHEET, path);
	text = pdf_text(path);
	HAS(text, "𠮷野");
	free(text);
}

/* A character no installed font has: refused, the message names it, no
 * file, no print in the audit log. */
static void missing_glyph_refused(void **state)
{
	fixture *t = *state;
	/* U+10FFFD: private use, plane 16; the text cleaner lets it through. */
	lf_saved_case c = register_case(t->st, "李秀英", "反映噪音\xf4\x8f\xbf\xbd。");
	char path[256], msg[1024];
	out_path(t, "missing.pdf", path, sizeof path);
	int before = n_audit(t->st);
	lf_user u = as(t->st, "zhang");
	assert_int_equal(lf_paper_print(t->st, &u, c.case_no, LF_PAPER_SHEET, path, msg, sizeof msg), LF_STORE_IO);
	lf_user_free(&u);
	HAS(msg, "U+10FFFD");
	HAS(msg, "font");
	assert_int_not_equal(access(path, F_OK), 0);
	/* The view is audited (case.view), the print is not. */
	assert_true(n_audit(t->st) <= before + 1);
}

/* Several instructions, each signed, and a handling report of a few lines
 * stay in their boxes on the first page; a signer with a long title wraps
 * inside the box. */
static void boxes_hold_entries(void **state)
{
	fixture *t = *state;
	char office[37], msg[1024];
	assert_int_equal(lf_store_unit_add(t->st, "综合办", "department", office), LF_STORE_OK);
	assert_int_equal(lf_store_user_add(t->st, "longtitle", "欧阳晓明",
	                                   "市委副书记、市政府党组书记、常务副市长兼市信访工作联席会议召集人", NULL,
	                                   LF_ROLE_LEADER, "x", NULL),
	                 LF_STORE_OK);
	lf_saved_case c = register_case(t->st, "李秀英", "反映小区噪音扰民。");
	const char *const who[] = {"wang", "zhao", "longtitle", "wang"};
	for (int i = 0; i < 4; i++) {
		lf_user u = as(t->st, who[i]);
		char text[128];
		snprintf(text, sizeof text, "　　第%d条批示：请有关部门核查并于七日内报告办理情况。", i + 1);
		assert_int_equal(lf_case_instruct(t->st, &u, c.case_id, text, msg, sizeof msg), LF_STORE_OK);
		lf_user_free(&u);
	}
	/* Transferred, taken up, and a handling report of a few lines. */
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args to_peer = {.unit = U_PEER};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &to_peer);
	STEP_OK(t->st, "zhou", c.case_id, LF_STEP_TAKE_UP, NULL);
	lf_step_args report = {.text = "　　经现场核查，噪音来自小区东侧工地夜间施工。\n"
	                               "　　已责令施工单位停止夜间作业，并安装隔音围挡。\n"
	                               "　　已电话告知信访人处理结果，信访人表示认可。"};
	STEP_OK(t->st, "zhou", c.case_id, LF_STEP_REPORT, &report);

	char path[256];
	out_path(t, "boxes.pdf", path, sizeof path);
	print_ok(t, "zhang", c.case_no, LF_PAPER_SHEET, path);
	assert_int_equal(pdf_pages(path), 1);
	char *text = pdf_text(path);
	HAS(text, "已责令施工单位停止夜间作业");
	HAS(text, "信访人表示认可");
	HAS(text, "周八（科长）");
	for (int i = 1; i <= 4; i++) {
		char want[64];
		snprintf(want, sizeof want, "第%d条批示", i);
		HAS(text, want);
	}
	HAS(text, "常务副市长兼市信访工作联席会议召集人");
	LACKS(text, "续见附页");
	free(text);

	/* The paragraph indent typed by the leader is kept. */
	lf_user u = as(t->st, "zhang");
	lf_case k;
	assert_int_equal(lf_case_open(t->st, &u, c.case_no, &k), LF_STORE_OK);
	bool found = false, reported = false;
	for (size_t i = 0; i < k.n_entries; i++) {
		if (!strcmp(k.entries[i].kind, "instruction"))
			found = found || !strncmp(k.entries[i].text, "　　第1条批示", strlen("　　第1条批示"));
		if (!strcmp(k.entries[i].kind, "handling"))
			reported = !strcmp(k.entries[i].text, report.text);
	}
	assert_true(found);
	assert_true(reported);
	lf_case_free(&k);
	lf_user_free(&u);
}

/* A long content goes on attached pages that say 第 x 页 共 y 页 and
 * carry the case number and the visitor's name. */
static void attached_pages_numbered(void **state)
{
	fixture *t = *state;
	size_t cap = 64 * 1024;
	char *content = malloc(cap);
	assert_non_null(content);
	content[0] = '\0';
	for (int i = 0; i < 150; i++) {
		char line[128];
		snprintf(line, sizeof line, "第%03d行：反映小区噪音扰民的情况。\n", i);
		strcat(content, line);
	}
	lf_saved_case c = register_case(t->st, "王䶮", content);
	free(content);
	char path[256];
	out_path(t, "long.pdf", path, sizeof path);
	print_ok(t, "zhang", c.case_no, LF_PAPER_SHEET, path);
	int pages = pdf_pages(path);
	assert_true(pages >= 3);
	char want[64];
	for (int p = 2; p <= pages; p++) {
		char *text = pdf_page_text(path, p, false);
		HAS(text, c.case_no);
		HAS(text, "来访人：王䶮");
		snprintf(want, sizeof want, "第%d页共%d页", p, pages);
		HAS(text, want);
		free(text);
	}
	char *first = pdf_page_text(path, 1, false);
	snprintf(want, sizeof want, "第1页共%d页", pages);
	HAS(first, want);
	free(first);
	char *all = pdf_text(path);
	HAS(all, "第000行");
	HAS(all, "第149行");
	free(all);
}

/* The reception-day log's attached pages are numbered and carry the day. */
static void log_attached_pages(void **state)
{
	fixture *t = *state;
	char msg[1024], path[256];
	size_t cap = 64 * 1024;
	char *demands = malloc(cap);
	assert_non_null(demands);
	demands[0] = '\0';
	for (int i = 0; i < 120; i++) {
		char line[128];
		snprintf(line, sizeof line, "第%03d件：反映小区噪音扰民。\n", i);
		strcat(demands, line);
	}
	lf_user wang = as(t->st, "wang");
	lf_reception_log l;
	assert_int_equal(lf_reception_open(t->st, &wang, "2026-11-23", &l, msg, sizeof msg), LF_STORE_OK);
	l.leader = strdup("王五（副局长）");
	l.demands = demands;
	assert_int_equal(lf_reception_save(t->st, &wang, &l, msg, sizeof msg), LF_STORE_OK);
	lf_reception_log_free(&l);
	lf_user_free(&wang);
	lf_user clerk = as(t->st, "zhang");
	out_path(t, "longlog.pdf", path, sizeof path);
	if (lf_paper_print_log(t->st, &clerk, "2026-11-23", path, msg, sizeof msg) != LF_STORE_OK)
		fail_msg("log: %s", msg);
	lf_user_free(&clerk);
	int pages = pdf_pages(path);
	assert_true(pages >= 2);
	char want[64];
	for (int p = 2; p <= pages; p++) {
		char *text = pdf_page_text(path, p, false);
		HAS(text, "接访时间：2026年11月23日");
		snprintf(want, sizeof want, "第%d页共%d页", p, pages);
		HAS(text, want);
		free(text);
	}
	char *first = pdf_page_text(path, 1, false);
	snprintf(want, sizeof want, "第1页共%d页", pages);
	HAS(first, want);
	free(first);
	char *all = pdf_text(path);
	HAS(all, "第000件");
	HAS(all, "第119件");
	free(all);
}

/* The blank sheet has lines to write on in its boxes: more strokes than
 * the filled sheet's table (counted in the PDF's drawing operators). */
static void blank_sheet_ruled(void **state)
{
	fixture *t = *state;
	char path[256], cmd[512];
	out_path(t, "blank.pdf", path, sizeof path);
	print_ok(t, "zhang", NULL, LF_PAPER_BLANK, path);
	/* Rendered at 30 dpi: the ruled lines darken rows inside the boxes. Count
	 * the image rows with a dark pixel run in the 信访内容 box's middle. */
	snprintf(cmd, sizeof cmd,
	         "pdftoppm -gray -r 40 -f 1 -l 1 '%s' | python3 -c \"import sys\n"
	         "d=sys.stdin.buffer.read()\n"
	         "p=d.split(b'\\\\n',3)\n"
	         "w,h=map(int,p[1].split()); px=p[3]\n"
	         "x=int(w*0.62)\n"
	         "print(sum(1 for y in range(h) if px[y*w+x]<230))\"",
	         path);
	char *blank_rows = slurp_cmd(cmd);
	lf_saved_case c = register_case(t->st, "李秀英", "反映噪音。");
	out_path(t, "filled.pdf", path, sizeof path);
	print_ok(t, "zhang", c.case_no, LF_PAPER_SHEET, path);
	snprintf(cmd, sizeof cmd,
	         "pdftoppm -gray -r 40 -f 1 -l 1 '%s' | python3 -c \"import sys\n"
	         "d=sys.stdin.buffer.read()\n"
	         "p=d.split(b'\\\\n',3)\n"
	         "w,h=map(int,p[1].split()); px=p[3]\n"
	         "x=int(w*0.62)\n"
	         "print(sum(1 for y in range(h) if px[y*w+x]<230))\"",
	         path);
	char *filled_rows = slurp_cmd(cmd);
	int nb = atoi(blank_rows), nf = atoi(filled_rows);
	if (nb < nf + 10)
		fail_msg("the blank sheet has %d dark rows, the filled one %d: no ruled lines (%s / %s)", nb, nf,
		         blank_rows, filled_rows);
	free(blank_rows);
	free(filled_rows);
}

int main(void)
{
	today("2026-11-23");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(settings_checks),
		cmocka_unit_test(trim_keeps_indents),
		cmocka_unit_test_setup_teardown(office_defaults, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(office_on_paper, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(rare_characters, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(missing_glyph_refused, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(boxes_hold_entries, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(attached_pages_numbered, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(log_attached_pages, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(blank_sheet_ruled, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
