/* Paper: the registration sheet and the notices as PDF. Each PDF is read
 * back with pdftotext (poppler-utils): the labels, the values and the case
 * number are on it; the blank sheet has the labels and no values; a role
 * without view_full_id gets the ID number masked; a notice needs its
 * decision; the file is 0600 and replaced atomically; every print is in
 * the audit log. */
#include "caseflow_fixture.h"

#include <sys/stat.h>

#include "laifang/mask.h"
#include "laifang/paper.h"
#include "laifang/reception.h"
#include "laifang/store_audit.h"
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
			fail_msg("expected \"%s\" in the PDF's text: %s", s, text); \
	} while (0)
#define LACKS(text, s) \
	do { \
		if (strstr(text, s)) \
			fail_msg("did not expect \"%s\" in the PDF's text: %s", s, text); \
	} while (0)

static void out_path(fixture *t, const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", t->dir, name);
}

static void expect_mode_0600(const char *path)
{
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
}

/* Every audit entry case.print on the case, detail concatenated. */
typedef struct prints {
	int n;
	char details[1024];
} prints;
static int collect_print(const lf_audit_entry *e, void *ud)
{
	prints *p = ud;
	if (e->action && !strcmp(e->action, "case.print")) {
		p->n++;
		size_t at = strlen(p->details);
		snprintf(p->details + at, sizeof p->details - at, "%s;", e->changes ? e->changes : "");
	}
	return 0;
}
static prints prints_of(lf_store *st, const char *case_id)
{
	prints p;
	memset(&p, 0, sizeof p);
	lf_audit_filter f = {.record = case_id, .limit = 1000};
	assert_int_equal(lf_store_audit_each(st, &f, collect_print, &p), LF_STORE_OK);
	return p;
}

static lf_store_err print_as(lf_store *st, const char *login, const char *case_no, lf_paper_kind k,
                             const char *path, char *msg, size_t len)
{
	lf_user u = as(st, login);
	lf_store_err e = lf_paper_print(st, &u, case_no, k, path, msg, len);
	lf_user_free(&u);
	return e;
}

static const char *const sheet_labels[] = {
	"群众来访登记表", "接待人员", "接待时间", "来访人姓名", "性别", "联系电话", "身份证号码",
	"单位或住址",     "信访内容", "可附页",   "领导批示",   "签名", "日期",     "牵头处室办理情况",
};

static void sheet_filled(void **state)
{
	fixture *t = *state;
	lf_saved_case c = register_case(t->st, "李秀英", "反映小区噪音扰民，编号QX31。");
	lf_user wang = as(t->st, "wang");
	char msg[1024];
	assert_int_equal(lf_case_instruct(t->st, &wang, c.case_id, "请住建局核查。", msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&wang);

	char path[256];
	out_path(t, "sheet.pdf", path, sizeof path);
	assert_int_equal(print_as(t->st, "zhang", c.case_no, LF_PAPER_SHEET, path, msg, sizeof msg), LF_STORE_OK);
	expect_mode_0600(path);
	char *text = pdf_text(path);
	for (size_t i = 0; i < sizeof sheet_labels / sizeof *sheet_labels; i++)
		HAS(text, sheet_labels[i]);
	HAS(text, c.case_no);
	HAS(text, "李秀英");
	HAS(text, "反映小区噪音扰民，编号QX31。");
	HAS(text, ID_NUMBER); /* the clerk has view_full_id */
	HAS(text, "13812345678");
	HAS(text, "2026年11月23日");
	HAS(text, "请住建局核查。");
	HAS(text, "王五（副局长）"); /* the signature, as text */
	free(text);
	assert_int_equal(pdf_pages(path), 1);

	prints p = prints_of(t->st, c.case_id);
	assert_int_equal(p.n, 1);
	HAS(p.details, "\"kind\":\"sheet\"");
	HAS(p.details, "\"full\":true");
}

/* The labels come from the form file, in its order: the label of 信访内容
 * precedes 领导批示, which precedes 牵头处室办理情况. */
static void sheet_order(void **state)
{
	fixture *t = *state;
	char path[256], msg[512];
	out_path(t, "blank.pdf", path, sizeof path);
	lf_user zhang = as(t->st, "zhang");
	assert_int_equal(lf_paper_print(t->st, &zhang, NULL, LF_PAPER_BLANK, path, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&zhang);
	char *text = pdf_text(path);
	const char *prev = text;
	static const char *const order[] = {"接待人员", "来访人姓名", "身份证号码", "单位或住址",
	                                    "信访内容", "领导批示",   "牵头处室办理情况"};
	for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
		const char *at = strstr(prev, order[i]);
		if (!at)
			fail_msg("%s not found after the previous label in: %s", order[i], text);
		prev = at;
	}
	free(text);
}

static void sheet_blank(void **state)
{
	fixture *t = *state;
	lf_saved_case c = register_case(t->st, "李秀英", "反映小区噪音扰民，编号QX31。");
	char path[256], msg[512];
	out_path(t, "blank.pdf", path, sizeof path);
	int before = n_audit(t->st);
	assert_int_equal(print_as(t->st, "zhou", NULL, LF_PAPER_BLANK, path, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(n_audit(t->st), before); /* nobody's data: nothing to record */
	expect_mode_0600(path);
	char *text = pdf_text(path);
	for (size_t i = 0; i < sizeof sheet_labels / sizeof *sheet_labels; i++)
		HAS(text, sheet_labels[i]);
	LACKS(text, c.case_no);
	LACKS(text, "李秀英");
	LACKS(text, "QX31");
	LACKS(text, "张三");
	LACKS(text, "2026");
	free(text);

	/* Not for a user who is not (or no longer) logged in. */
	assert_int_equal(lf_paper_print(t->st, NULL, NULL, LF_PAPER_BLANK, path, msg, sizeof msg), LF_STORE_DENIED);
}

/* The administrator may open the file but not see the numbers (a handler
 * of another unit may not open it at all: test_access.c): the paper is as
 * masked as the screen, and the audit says so. */
static void sheet_masked(void **state)
{
	fixture *t = *state;
	lf_saved_case c = register_case(t->st, "李秀英", "反映小区噪音扰民。");
	char path[256], msg[512], masked[64];
	out_path(t, "masked.pdf", path, sizeof path);
	assert_int_equal(print_as(t->st, "admin", c.case_no, LF_PAPER_SHEET, path, msg, sizeof msg), LF_STORE_OK);
	lf_mask_id_number(ID_NUMBER, masked, sizeof masked);
	char *text = pdf_text(path);
	LACKS(text, ID_NUMBER);
	LACKS(text, "13812345678");
	HAS(text, masked);
	HAS(text, "李秀英");
	free(text);
	prints p = prints_of(t->st, c.case_id);
	assert_int_equal(p.n, 1);
	HAS(p.details, "\"full\":false");

	/* The leader holds view_full_id (docs/permissions.md): in full. */
	assert_int_equal(print_as(t->st, "wang", c.case_no, LF_PAPER_SHEET, path, msg, sizeof msg), LF_STORE_OK);
	text = pdf_text(path);
	HAS(text, ID_NUMBER);
	free(text);
}

/* 信访内容 longer than its box continues on attached pages, whole. */
static void sheet_attached_page(void **state)
{
	fixture *t = *state;
	size_t cap = 20000;
	char *content = malloc(cap);
	assert_non_null(content);
	content[0] = '\0';
	for (int i = 0; i < 120; i++) {
		size_t at = strlen(content);
		snprintf(content + at, cap - at, "第%d段：小区夜间施工噪音扰民，多次投诉无果。", i + 1);
	}
	strcat(content, "结尾标记ZZ99");
	lf_saved_case c = register_case(t->st, "李秀英", content);
	char path[256], msg[512], instr[2048] = "";
	/* A long instruction continues on the 附页 too. */
	for (int i = 0; i < 40; i++)
		strcat(instr, "请依法核查处理并及时答复信访人。");
	strcat(instr, "批示尾标记IN55");
	lf_user wang = as(t->st, "wang");
	assert_int_equal(lf_case_instruct(t->st, &wang, c.case_id, instr, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&wang);
	out_path(t, "long.pdf", path, sizeof path);
	assert_int_equal(print_as(t->st, "zhang", c.case_no, LF_PAPER_SHEET, path, msg, sizeof msg), LF_STORE_OK);
	assert_true(pdf_pages(path) >= 2);
	char *text = pdf_text(path);
	HAS(text, "续见附页");
	HAS(text, "群众来访登记表（附页）");
	HAS(text, "信访内容（续）");
	HAS(text, "第1段：");
	HAS(text, "第60段：");
	HAS(text, "第120段：");
	HAS(text, "结尾标记ZZ99");
	HAS(text, "领导批示（续）");
	HAS(text, "批示尾标记IN55");
	HAS(text, "王五（副局长）");
	/* Each line once: nothing drawn twice across the pages. */
	const char *first = strstr(text, "第77段：");
	assert_non_null(first);
	assert_null(strstr(first + 1, "第77段："));
	free(text);
	free(content);
}

/* 2,000 short lines (20,000 characters, issue 10: this took 41 s when
 * every line was measured from the first): every line printed once and in
 * order across the 附页, the pages as many as the lines need. Laid out a
 * piece at a time, so lines on both sides of a piece's end are checked. */
static void sheet_many_short_lines(void **state)
{
	fixture *t = *state;
	size_t cap = 2000 * 24;
	char *content = malloc(cap);
	assert_non_null(content);
	content[0] = '\0';
	for (int i = 0; i < 2000; i++) {
		size_t at = strlen(content);
		snprintf(content + at, cap - at, "%s第%04d行内容。", i ? "\n" : "", i);
	}
	lf_saved_case c = register_case(t->st, "李秀英", content);
	char path[256], msg[512];
	out_path(t, "lines.pdf", path, sizeof path);
	assert_int_equal(print_as(t->st, "zhang", c.case_no, LF_PAPER_SHEET, path, msg, sizeof msg), LF_STORE_OK);
	int pages = pdf_pages(path);
	if (pages < 30 || pages > 60)
		fail_msg("2,000 lines on %d pages (about 45 lines a page expected)", pages);
	char *text = pdf_text(path);
	const char *at = text;
	for (int i = 0; i < 2000; i++) {
		char line[32];
		snprintf(line, sizeof line, "第%04d行内容。", i);
		const char *found = strstr(at, line);
		if (!found)
			fail_msg("line %d missing or out of order", i);
		if (strstr(found + 1, line))
			fail_msg("line %d printed twice", i);
		at = found + strlen(line);
	}
	free(text);
	free(content);
}

static void notice_decline(void **state)
{
	fixture *t = *state;
	lf_saved_case c = register_case(t->st, "李秀英", "要求撤销法院判决。");
	char path[256], msg[1024];
	out_path(t, "decline.pdf", path, sizeof path);

	/* No decision yet: no notice, no file, no print recorded. */
	assert_int_equal(print_as(t->st, "sun", c.case_no, LF_PAPER_DECLINE, path, msg, sizeof msg),
	                 LF_STORE_INVALID);
	HAS(msg, c.case_no);
	HAS(msg, "not declined");
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(prints_of(t->st, c.case_id).n, 0);

	lf_step_args why = {.reason = "属于诉讼程序解决的事项，编号RS88。"};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_DECLINE, &why);
	assert_int_equal(lf_store_setting_set(t->st, "office_name", "广州市应急管理局信访办公室"), LF_STORE_OK);
	assert_int_equal(print_as(t->st, "sun", c.case_no, LF_PAPER_DECLINE, path, msg, sizeof msg), LF_STORE_OK);
	expect_mode_0600(path);
	char *text = pdf_text(path);
	HAS(text, "不予受理告知书");
	HAS(text, "广州市应急管理局信访办公室");
	HAS(text, c.case_no);
	HAS(text, "李秀英：");
	HAS(text, "属于诉讼程序解决的事项，编号RS88。");
	HAS(text, "2026年11月23日");
	LACKS(text, "人民法院"); /* no ground given: no route (test_notice.c prints the routes) */
	free(text);
	prints p = prints_of(t->st, c.case_id);
	assert_int_equal(p.n, 1);
	HAS(p.details, "\"kind\":\"decline\"");

	/* A declined case was never accepted. */
	assert_int_equal(print_as(t->st, "sun", c.case_no, LF_PAPER_ACCEPT, path, msg, sizeof msg), LF_STORE_INVALID);
	HAS(msg, "not accepted");
}

static void notice_accept_transfer_extend(void **state)
{
	fixture *t = *state;
	lf_saved_case c = register_case(t->st, "李秀英", "反映拖欠工资。");
	lf_step_args none = {0};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, &none);
	lf_step_args to = {.unit = U_PEER};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &to);
	lf_user sun = as(t->st, "sun");
	char msg[1024];
	assert_int_equal(lf_case_extend(t->st, &sun, c.case_id, 30, "wang", "需调取社保记录，编号EX12", msg, sizeof msg),
	                 LF_STORE_OK);
	lf_user_free(&sun);
	found_event acc = event_of(t->st, c.case_id, "accept"), tr = event_of(t->st, c.case_id, "transfer"),
	            ex = event_of(t->st, c.case_id, "extend");
	assert_true(acc.due_on[0] && tr.due_on[0] && ex.due_on[0]);

	char path[256], cn[64];
	out_path(t, "notice.pdf", path, sizeof path);
	assert_int_equal(print_as(t->st, "zhang", c.case_no, LF_PAPER_ACCEPT, path, msg, sizeof msg), LF_STORE_OK);
	char *text = pdf_text(path);
	HAS(text, "受理告知书");
	HAS(text, "信访办公室"); /* the default office name */
	HAS(text, c.case_no);
	lf_date d;
	assert_true(lf_date_parse(acc.due_on, &d));
	snprintf(cn, sizeof cn, "%d年%d月%d日", d.y, d.m, d.d);
	HAS(text, cn);
	free(text);

	assert_int_equal(print_as(t->st, "zhang", c.case_no, LF_PAPER_TRANSFER, path, msg, sizeof msg), LF_STORE_OK);
	text = pdf_text(path);
	HAS(text, "转送告知书");
	HAS(text, U_PEER);
	HAS(text, c.case_no);
	assert_true(lf_date_parse(tr.due_on, &d));
	snprintf(cn, sizeof cn, "%d年%d月%d日", d.y, d.m, d.d);
	HAS(text, cn);
	free(text);

	assert_int_equal(print_as(t->st, "zhang", c.case_no, LF_PAPER_EXTEND, path, msg, sizeof msg), LF_STORE_OK);
	text = pdf_text(path);
	HAS(text, "延长信访事项办理期限告知书");
	HAS(text, "需调取社保记录，编号EX12");
	HAS(text, "经王五（副局长）批准"); /* the approver, named in the notice */
	assert_true(lf_date_parse(ex.due_on, &d));
	snprintf(cn, sizeof cn, "%d年%d月%d日", d.y, d.m, d.d);
	HAS(text, cn);
	free(text);

	/* Transferred, not assigned. */
	assert_int_equal(print_as(t->st, "zhang", c.case_no, LF_PAPER_ASSIGN, path, msg, sizeof msg), LF_STORE_INVALID);
	HAS(msg, "not assigned");
	prints p = prints_of(t->st, c.case_id);
	assert_int_equal(p.n, 3);
	HAS(p.details, "\"kind\":\"accept\"");
	HAS(p.details, "\"kind\":\"transfer\"");
	HAS(p.details, "\"kind\":\"extend\"");
}

static void notice_assign(void **state)
{
	fixture *t = *state;
	lf_saved_case c = register_case(t->st, "李秀英", "反映拖欠工资。");
	lf_step_args none = {0};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, &none);
	lf_step_args to = {.unit = U_LOWER};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ASSIGN, &to);
	char path[256], msg[1024];
	out_path(t, "assign.pdf", path, sizeof path);
	assert_int_equal(print_as(t->st, "wu", c.case_no, LF_PAPER_ASSIGN, path, msg, sizeof msg), LF_STORE_OK);
	char *text = pdf_text(path);
	HAS(text, "交办告知书");
	HAS(text, U_LOWER);
	HAS(text, c.case_no);
	free(text);
}

/* The file is replaced whole and ends 0600 whatever was there; a failed
 * print leaves no temporary file and the old file as it was. */
static void atomic_output(void **state)
{
	fixture *t = *state;
	lf_saved_case c = register_case(t->st, "李秀英", "反映拖欠工资。");
	char path[256], msg[1024];
	out_path(t, "old.pdf", path, sizeof path);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("old content", f);
	fclose(f);
	chmod(path, 0644);
	assert_int_equal(print_as(t->st, "zhang", c.case_no, LF_PAPER_SHEET, path, msg, sizeof msg), LF_STORE_OK);
	expect_mode_0600(path);
	char *head = slurp_cmd("true"), cmd[512];
	free(head);
	snprintf(cmd, sizeof cmd, "head -c 5 '%s'", path);
	head = slurp_cmd(cmd);
	assert_string_equal(head, "%PDF-");
	free(head);

	/* A missing directory: refused, nothing left behind. */
	char bad[300];
	snprintf(bad, sizeof bad, "%s/no/such/dir/x.pdf", t->dir);
	assert_int_equal(print_as(t->st, "zhang", c.case_no, LF_PAPER_SHEET, bad, msg, sizeof msg), LF_STORE_IO);
	HAS(msg, "x.pdf");
	/* A notice that fails for want of a decision leaves the old file. */
	assert_int_equal(print_as(t->st, "zhang", c.case_no, LF_PAPER_DECLINE, path, msg, sizeof msg),
	                 LF_STORE_INVALID);
	snprintf(cmd, sizeof cmd, "ls -a '%s' | grep -c tmp", t->dir);
	char *n = slurp_cmd(cmd);
	assert_int_equal(atoi(n), 0);
	free(n);
	char *text = pdf_text(path);
	HAS(text, "群众来访登记表");
	free(text);

	/* No such case. */
	assert_int_equal(print_as(t->st, "zhang", "2026-999999", LF_PAPER_SHEET, path, msg, sizeof msg),
	                 LF_STORE_NOTFOUND);
	HAS(msg, "2026-999999");
}

/* Every audit entry reception.print, detail concatenated. */
static int collect_log_print(const lf_audit_entry *e, void *ud)
{
	prints *p = ud;
	if (e->action && !strcmp(e->action, "reception.print")) {
		p->n++;
		size_t at = strlen(p->details);
		snprintf(p->details + at, sizeof p->details - at, "%s;", e->changes ? e->changes : "");
	}
	return 0;
}

/* The reception-day log (附件 2) on paper: the labels of the paper, the
 * leader "姓名（职务）" from the day's slot, the day as 年 月 日, the
 * attached photo by name, the signatures as text; 0600; audited as
 * reception.print; refused for a role that may not open the log. */
static void reception_log_print(void **state)
{
	fixture *t = *state;
	char msg[1024], path[256], photo[256];
	lf_user admin = as(t->st, "admin");
	lf_slot_rec r;
	memset(&r, 0, sizeof r);
	r.slot.date = (lf_date){2026, 11, 23};
	r.slot.start = 9 * 60 + 30;
	r.slot.end = 11 * 60 + 30;
	snprintf(r.slot.leader.name, sizeof r.slot.leader.name, "王五");
	snprintf(r.slot.leader.title, sizeof r.slot.leader.title, "副局长");
	snprintf(r.slot.department, sizeof r.slot.department, "办公室");
	snprintf(r.slot.location, sizeof r.slot.location, "信访接待室");
	if (lf_schedule_store_add(t->st, &admin, &r, 1, msg, sizeof msg) != LF_STORE_OK)
		fail_msg("slot: %s", msg);
	lf_user_free(&admin);

	lf_user wang = as(t->st, "wang");
	lf_reception_log l;
	assert_int_equal(lf_reception_open(t->st, &wang, "2026-11-23", &l, msg, sizeof msg), LF_STORE_OK);
	l.situation = strdup("接待群众1批1人，现场解答。");
	l.demands = strdup("反映工地夜间施工噪音，编号RL77。");
	l.instruction = strdup("请住建局依法查处。");
	assert_int_equal(lf_reception_save(t->st, &wang, &l, msg, sizeof msg), LF_STORE_OK);
	lf_reception_log_free(&l);
	snprintf(photo, sizeof photo, "%s/接访现场.jpg", t->dir);
	FILE *f = fopen(photo, "wb");
	assert_non_null(f);
	fputs("photo bytes", f);
	fclose(f);
	assert_int_equal(lf_reception_attach(t->st, &wang, "2026-11-23", photo, NULL, msg, sizeof msg), LF_STORE_OK);
	/* Issue 11: 接访情况 is signed by the head of the lead unit (办公室). */
	char office[37];
	assert_int_equal(lf_store_unit_add(t->st, "办公室", "department", office), LF_STORE_OK);
	assert_int_equal(lf_store_user_add(t->st, "zhouzr", "周八", "科长", office, LF_ROLE_UNIT_HEAD, "x", NULL),
	                 LF_STORE_OK);
	lf_user zhou = as(t->st, "zhouzr");
	assert_int_equal(lf_reception_sign(t->st, &zhou, "2026-11-23", LF_RLOG_SITUATION, msg, sizeof msg),
	                 LF_STORE_OK);
	lf_user_free(&zhou);
	lf_user_free(&wang);
	wang = as(t->st, "wang");
	assert_int_equal(lf_reception_sign(t->st, &wang, "2026-11-23", LF_RLOG_INSTRUCTION, msg, sizeof msg),
	                 LF_STORE_OK);
	lf_user_free(&wang);

	lf_user clerk = as(t->st, "zhang");
	out_path(t, "log.pdf", path, sizeof path);
	assert_int_equal(lf_paper_print_log(t->st, &clerk, "2026-11-23", path, msg, sizeof msg), LF_STORE_OK);
	expect_mode_0600(path);
	char *text = pdf_text(path);
	static const char *const labels[] = {"领导干部接访日情况登记表", "接访领导", "接访时间", "牵头处室", "登记人",
	                                     "接访情况", "牵头处室负责人签名", "信访人诉求内容", "可附页", "接访照片",
	                                     "视频另附", "领导批示", "签名", "日期"};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		HAS(text, labels[i]);
	HAS(text, "接访领导：王五（副局长）");
	HAS(text, "2026年11月23日");
	HAS(text, "牵头处室：办公室");
	HAS(text, "反映工地夜间施工噪音，编号RL77。");
	HAS(text, "请住建局依法查处。");
	HAS(text, "接访现场.jpg");
	HAS(text, "周八（科长）");
	HAS(text, "签名：王五（副局长）");
	HAS(text, "2026-11-23");
	free(text);
	prints p;
	memset(&p, 0, sizeof p);
	lf_audit_filter af = {.limit = 1000};
	assert_int_equal(lf_store_audit_each(t->st, &af, collect_log_print, &p), LF_STORE_OK);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.details, "{\"day\":\"2026-11-23\"};");

	/* A supervisor does not open the log: refused, no file, not audited. */
	lf_user sun = as(t->st, "sun");
	out_path(t, "denied.pdf", path, sizeof path);
	assert_int_equal(lf_paper_print_log(t->st, &sun, "2026-11-23", path, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_not_equal(access(path, F_OK), 0);
	lf_user_free(&sun);
	/* Not a date. */
	assert_int_equal(lf_paper_print_log(t->st, &clerk, "2026-13-40", path, msg, sizeof msg), LF_STORE_INVALID);
	HAS(msg, "2026-13-40");
	/* Issue 15: a day without a reception (no slot, no saved log) is not
	 * printed: refused with the day named, no file, not audited. */
	out_path(t, "empty.pdf", path, sizeof path);
	assert_int_equal(lf_paper_print_log(t->st, &clerk, "2026-11-24", path, msg, sizeof msg), LF_STORE_INVALID);
	HAS(msg, "2026-11-24");
	assert_int_not_equal(access(path, F_OK), 0);
	lf_user_free(&clerk);
	memset(&p, 0, sizeof p);
	assert_int_equal(lf_store_audit_each(t->st, &af, collect_log_print, &p), LF_STORE_OK);
	assert_int_equal(p.n, 1);
}

static void kinds(void **state)
{
	(void)state;
	lf_paper_kind k;
	const char *const keys[] = {"accept", "decline", "transfer", "assign", "extend", "refer", "answer"};
	for (size_t i = 0; i < 7; i++) {
		assert_true(lf_paper_notice_parse(keys[i], &k));
		assert_string_equal(lf_paper_key(k), keys[i]);
	}
	assert_false(lf_paper_notice_parse("sheet", &k));
	assert_false(lf_paper_notice_parse("reply", &k));
	assert_false(lf_paper_notice_parse(NULL, &k));
	assert_string_equal(lf_paper_title(LF_PAPER_DECLINE), "信访事项不予受理告知书");
	assert_string_equal(lf_paper_title(LF_PAPER_REFER), "转纪检监察机关告知书");
	assert_null(lf_paper_key(LF_PAPER_COUNT));
}

int main(void)
{
	today("2026-11-23");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kinds),
		cmocka_unit_test_setup_teardown(sheet_filled, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(sheet_order, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(sheet_blank, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(sheet_masked, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(sheet_attached_page, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(sheet_many_short_lines, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(notice_decline, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(notice_accept_transfer_extend, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(notice_assign, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(atomic_output, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(reception_log_print, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
