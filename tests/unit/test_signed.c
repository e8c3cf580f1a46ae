/* Issue 11, every signed entry keeps its signer: two leaders' instructions
 * are two entries, each printed with its own signer and date (the box goes
 * on to an attached page when full); the forwarding opinion (批转意见) of a
 * routing is an entry of its own; a handling report names its worker (经办人)
 * and the unit head who approved it (处室负责人); the reception-day log's
 * 接访情况 is signed only by the head of its lead unit; two desks saving
 * the same day's log: the second is refused and told whose save it was. */
#include "caseflow_fixture.h"

#include "laifang/case_read.h"
#include "laifang/entries.h"
#include "laifang/paper.h"
#include "laifang/reception.h"
#include "pdf_text.h"

/* The clock at a local time of day in Beijing time ("2026-11-23T09:15"),
 * ticking from there; the zone is set in setup. */
static void test_clock_set(const char *when)
{
	lf_date d;
	int hh = 0, mm = 0;
	char day[11];
	snprintf(day, sizeof day, "%.10s", when);
	if (!lf_date_parse(day, &d) || sscanf(when + 11, "%d:%d", &hh, &mm) != 2)
		abort();
	struct tm tm = {.tm_year = d.y - 1900, .tm_mon = d.m - 1, .tm_mday = d.d, .tm_hour = hh, .tm_min = mm,
	                .tm_isdst = -1};
	lf_clock_set_for_tests((long long)mktime(&tm));
}

static int pdf_pages(const char *path)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "pdfinfo '%s' 2>/dev/null | sed -n 's/^Pages: *//p'", path);
	char *t = slurp_cmd(cmd);
	int n = atoi(t);
	free(t);
	return n;
}

/* Where needle is in hay (fails when it is not). */
static const char *at(const char *hay, const char *needle)
{
	const char *p = strstr(hay, needle);
	if (!p)
		fail_msg("not found: %s\nin: %.3000s", needle, hay);
	return p;
}

/* The caseflow people and two unit heads: 郑主任 of 综合科 and 冯主任 of
 * the peer agency. */
static int setup(void **state)
{
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	if (cf_setup(state))
		return -1;
	fixture *t = *state;
	const char *const heads[][4] = {{"zheng", "郑主任", "科长", U_DEPT}, {"feng", "冯主任", NULL, U_PEER}};
	for (size_t i = 0; i < 2; i++) {
		lf_unit u;
		if (lf_store_unit_get(t->st, heads[i][3], &u) != LF_STORE_OK)
			return -1;
		lf_store_err e = lf_store_user_add(t->st, heads[i][0], heads[i][1], heads[i][2], u.id,
		                                   LF_ROLE_UNIT_HEAD, "x", NULL);
		lf_unit_free(&u);
		if (e != LF_STORE_OK)
			return -1;
	}
	today("2026-11-23");
	return 0;
}

static void instruct_as(fixture *t, const char *login, const char *case_id, const char *text)
{
	char msg[512];
	lf_user u = as(t->st, login);
	if (lf_case_instruct(t->st, &u, case_id, text, msg, sizeof msg) != LF_STORE_OK)
		fail_msg("%s instructs: %s", login, msg);
	lf_user_free(&u);
}

static char *print_sheet(fixture *t, const char *case_no, char *path, size_t len)
{
	char msg[512];
	snprintf(path, len, "%s/sheet.pdf", t->dir);
	lf_user sun = as(t->st, "sun");
	if (lf_paper_print(t->st, &sun, case_no, LF_PAPER_SHEET, path, msg, sizeof msg) != LF_STORE_OK)
		fail_msg("print: %s", msg);
	lf_user_free(&sun);
	/* To look at the page: SIGNED_KEEP_PDF=DIR keeps a copy of each sheet. */
	static int kept;
	const char *keep = getenv("SIGNED_KEEP_PDF");
	if (keep) {
		char cmd[1024];
		snprintf(cmd, sizeof cmd, "cp '%s' '%s/sheet-%d.pdf'", path, keep, ++kept);
		if (system(cmd) != 0)
			fail_msg("%s", cmd);
	}
	return pdf_page_text(path, 0, true);
}

static void test_two_instructions_both_printed(void **state)
{
	fixture *t = *state;
	lf_saved_case c = register_case(t->st, "陈建国", "反映小区物业乱收费问题。");
	test_clock_set("2026-11-23T09:15");
	instruct_as(t, "wang", c.case_id, "请综合科三日内核实情况。");
	test_clock_set("2026-11-23T16:40");
	instruct_as(t, "zhao", c.case_id, "同意王副局长意见，抓紧办理。");

	/* Two entries, each with its own signer and time; none overwritten. */
	lf_case k;
	assert_int_equal(lf_store_get_case(t->st, c.case_id, &k), LF_STORE_OK);
	assert_int_equal(lf_case_entries_count(&k, "instruction"), 2);
	assert_string_equal(k.entries[0].signer_name, "王五（副局长）");
	assert_string_equal(k.entries[0].text, "请综合科三日内核实情况。");
	assert_string_equal(k.entries[1].signer_name, "赵六");
	assert_string_equal(k.instruction_signer, "王五（副局长）；赵六");
	assert_string_equal(k.instruction_date, "2026-11-23 09:15；2026-11-23 16:40");
	char *box = lf_case_entries_text(&k, "instruction");
	assert_string_equal(box, "请综合科三日内核实情况。\n——签名：王五（副局长）　日期：2026-11-23 09:15\n\n"
	                         "同意王副局长意见，抓紧办理。\n——签名：赵六　日期：2026-11-23 16:40");
	free(box);
	lf_case_free(&k);

	/* On paper: each instruction followed by its own signer and date. */
	char path[256];
	char *pdf = print_sheet(t, c.case_no, path, sizeof path);
	const char *t1 = at(pdf, "请综合科三日内核实情况。"), *s1 = at(pdf, "——签名：王五（副局长）");
	const char *d1 = at(pdf, "日期：2026-11-2309:15");
	const char *t2 = at(pdf, "同意王副局长意见，抓紧办理。"), *s2 = at(pdf, "——签名：赵六日期：2026-11-2316:40");
	assert_true(t1 < s1 && s1 < d1 && d1 < t2 && t2 < s2);
	free(pdf);
}

/* A box full of instructions goes on to the attached page, every signer
 * with it. */
static void test_full_box_continues(void **state)
{
	fixture *t = *state;
	lf_saved_case c = register_case(t->st, "陈建国", "反映小区物业乱收费问题。");
	char text[256];
	for (int i = 1; i <= 8; i++) {
		test_clock_set(i % 2 ? "2026-11-23T09:00" : "2026-11-23T10:30");
		snprintf(text, sizeof text, "第%d次批示：请综合科会同物业主管部门逐户核实收费标准，依法依规处理并按期报送。", i);
		instruct_as(t, i % 2 ? "wang" : "zhao", c.case_id, text);
	}
	char path[256];
	char *pdf = print_sheet(t, c.case_no, path, sizeof path);
	assert_true(pdf_pages(path) >= 2);
	at(pdf, "（续见附页）");
	const char *cont = at(pdf, "领导批示（续）");
	/* The last instruction and its signer are on the attached page. */
	assert_true(at(pdf, "第8次批示") > cont);
	assert_true(strstr(cont, "签名：赵六") != NULL);
	free(pdf);
}

/* A visit routed to 综合科 with the opinion, taken up by its case worker
 * 钱九 and reported on 25 November at 11:00. */
static lf_saved_case reported(fixture *t, const char *opinion, const char *report_text)
{
	lf_saved_case c = register_case(t->st, "李秀英", "反映拖欠工资问题。");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args route = {.unit = U_DEPT, .text = opinion};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_IN_HOUSE, &route);
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_TAKE_UP, NULL);
	test_clock_set("2026-11-25T11:00");
	lf_step_args report = {.text = report_text};
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPORT, &report);
	return c;
}

static void test_routing_opinion_and_approved_report(void **state)
{
	fixture *t = *state;
	char msg[512];
	lf_saved_case c = reported(t, "请综合科牵头办理，十日内报结果。", "已约谈用人单位，工资已全额补发。");

	/* A case worker does not approve; nor does another unit's head. */
	lf_user qian = as(t->st, "qian"), feng = as(t->st, "feng"), zheng = as(t->st, "zheng");
	int before = n_audit(t->st);
	assert_int_equal(lf_case_approve_report(t->st, &qian, c.case_id, "同意", msg, sizeof msg), LF_STORE_DENIED);
	assert_non_null(strstr(msg, "approve_report") ? msg : strstr(msg, "head of a unit"));
	lf_store_set_actor(t->st, feng.id, feng.login);
	assert_int_equal(lf_case_approve_report(t->st, &feng, c.case_id, "同意", msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM case_entry WHERE kind = 'approval'", NULL, 0), 0);
	/* The unit head of 综合科 approves, once. */
	test_clock_set("2026-11-26T08:45");
	lf_store_set_actor(t->st, zheng.id, zheng.login);
	assert_int_equal(lf_case_approve_report(t->st, &zheng, c.case_id, "", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_case_approve_report(t->st, &zheng, c.case_id, "同意", msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, c.case_no));
	assert_true(n_audit(t->st) > before);
	lf_user_free(&qian);
	lf_user_free(&feng);
	lf_user_free(&zheng);

	char row[512];
	sf_raw(t->db, "SELECT kind || '|' || signer_name || '|' || text || '|' || coalesce(refers, '') FROM case_entry "
	              "WHERE kind IN ('routing', 'approval') ORDER BY kind",
	       row, sizeof row);
	assert_string_equal(row, "routing|孙七|请综合科牵头办理，十日内报结果。|");
	sf_raw(t->db, "SELECT kind || '|' || signer_name || '|' || text || '|' || refers FROM case_entry "
	              "WHERE kind = 'approval'",
	       row, sizeof row);
	assert_string_equal(row, "approval|郑主任（科长）|同意|1");
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM audit_log WHERE action = 'case.route_note'", NULL, 0), 1);
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM audit_log WHERE action = 'case.approve_report'", NULL, 0),
	                 1);

	/* The report names both; the 批转意见 is in the 领导批示 box. */
	char path[256];
	char *pdf = print_sheet(t, c.case_no, path, sizeof path);
	const char *r = at(pdf, "已约谈用人单位，工资已全额补发。");
	const char *w = at(pdf, "经办人：钱九日期：2026-11-2511:00");
	const char *h = at(pdf, "处室负责人：郑主任（科长）日期：2026-11-2608:45");
	assert_true(r < w && w < h);
	at(pdf, "批转意见：请综合科牵头办理，十日内报结果。");
	at(pdf, "签名：孙七");
	free(pdf);
}

static int count_row(const lf_queue_row *r, void *ud)
{
	(void)r;
	++*(int *)ud;
	return 0;
}

/* The cases of login's 待审核 queue, listed; the count must agree. */
static int approval_queue(fixture *t, const char *login)
{
	lf_user u = as(t->st, login);
	lf_queue_filter f;
	char msg[512];
	assert_true(lf_queue_filter_for(t->st, &u, LF_Q_APPROVAL, &f, msg, sizeof msg));
	int n = 0;
	long count = -1;
	assert_int_equal(lf_queue_each(t->st, &f, count_row, &n), LF_STORE_OK);
	assert_int_equal(lf_queue_count(t->st, &f, &count), LF_STORE_OK);
	assert_int_equal(count, n);
	lf_user_free(&u);
	return n;
}

/* The head approves the report they read: a report signed at another desk
 * while they read the earlier one is not countersigned unread. The case
 * waits in their 待审核 queue until a report of it is approved. */
static void test_approval_of_the_report_read(void **state)
{
	fixture *t = *state;
	char msg[512];
	lf_saved_case c = reported(t, "请综合科牵头办理。", "已约谈用人单位。");
	/* 待审核: the lead unit's head has it; another unit's head, nothing; an
	 * administrator reads it. */
	assert_int_equal(approval_queue(t, "zheng"), 1);
	assert_int_equal(approval_queue(t, "feng"), 0);
	assert_int_equal(approval_queue(t, "admin"), 1);
	/* The head opens the form on report 1; the worker signs a second one. */
	lf_user qian = as(t->st, "qian"), zheng = as(t->st, "zheng");
	assert_int_equal(lf_store_case_sign(t->st, c.case_id, "handling", "工资已于11月25日全额补发。", qian.id, "钱九",
	                                    "2026-11-25T15:00:00+08:00"),
	                 LF_STORE_OK);
	lf_store_set_actor(t->st, zheng.id, zheng.login);
	int audit = n_audit(t->st);
	assert_int_equal(lf_case_approve_report_seen(t->st, &zheng, c.case_id, 1, "同意", msg, sizeof msg),
	                 LF_STORE_CONFLICT);
	assert_non_null(strstr(msg, "2"));
	assert_non_null(strstr(msg, c.case_no));
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM case_entry WHERE kind = 'approval'", NULL, 0), 0);
	assert_int_equal(n_audit(t->st), audit);
	assert_int_equal(approval_queue(t, "zheng"), 1);
	/* Read again: report 2 is approved, and names it; the queue is empty. */
	assert_int_equal(lf_case_approve_report_seen(t->st, &zheng, c.case_id, 2, "同意", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(approval_queue(t, "zheng"), 0);
	assert_int_equal(approval_queue(t, "admin"), 0);
	char row[128];
	sf_raw(t->db, "SELECT refers FROM case_entry WHERE kind = 'approval'", row, sizeof row);
	assert_string_equal(row, "2");
	/* Approved already: the same report is not countersigned twice. */
	assert_int_equal(lf_case_approve_report_seen(t->st, &zheng, c.case_id, 2, "同意", msg, sizeof msg),
	                 LF_STORE_INVALID);
	lf_user_free(&qian);
	lf_user_free(&zheng);
}

/* A report and its 办理情况 entry land together or not at all: when the
 * entry cannot be written, the step is not taken either (else the case
 * would wait in 待审核 for a report no one can approve). A report past the
 * latest is named as missing. */
static void test_report_is_one_write(void **state)
{
	fixture *t = *state;
	char msg[1024];
	lf_saved_case c = register_case(t->st, "李秀英", "反映拖欠工资问题。");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args route = {.unit = U_DEPT, .text = "请综合科牵头办理。"};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_IN_HOUSE, &route);
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_TAKE_UP, NULL);
	char state_before[64];
	sf_raw(t->db, "SELECT status FROM case_file", state_before, sizeof state_before);
	int events = sf_raw(t->db, "SELECT count(*) FROM case_event", NULL, 0);
	int audit = n_audit(t->st);
	assert_int_equal(sf_exec(t->db, "CREATE TRIGGER no_handling BEFORE INSERT ON case_entry "
	                                "WHEN NEW.kind = 'handling' BEGIN SELECT RAISE(ABORT, 'planted'); END;"),
	                 SQLITE_OK);
	lf_step_args report = {.text = "已约谈用人单位。"};
	assert_int_not_equal(step_as(t->st, "qian", c.case_id, LF_STEP_REPORT, &report, msg, sizeof msg), LF_STORE_OK);
	assert_non_null(strstr(msg, "not recorded"));
	char state_after[64];
	sf_raw(t->db, "SELECT status FROM case_file", state_after, sizeof state_after);
	assert_string_equal(state_after, state_before);
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM case_event", NULL, 0), events);
	assert_int_equal(n_audit(t->st), audit);
	assert_int_equal(approval_queue(t, "zheng"), 0);
	/* The entry can be written again: the report lands whole. */
	assert_int_equal(sf_exec(t->db, "DROP TRIGGER no_handling;"), SQLITE_OK);
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPORT, &report);
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM case_entry WHERE kind = 'handling'", NULL, 0), 1);
	assert_int_equal(approval_queue(t, "zheng"), 1);
	/* Report 5 was never signed: said so, nothing approved. */
	lf_user zheng = as(t->st, "zheng");
	lf_store_set_actor(t->st, zheng.id, zheng.login);
	assert_int_equal(lf_case_approve_report_seen(t->st, &zheng, c.case_id, 5, "同意", msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "no handling report 5"));
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM case_entry WHERE kind = 'approval'", NULL, 0), 0);
	lf_user_free(&zheng);
}

/* A day's log for 综合科, saved by the clerk. */
/* The office's reader marks the 办理情况 entry a report step signed with
 * it (the timelines list it once); one signed on its own, with other text,
 * is not marked. */
typedef struct seen_events {
	int reports, handling, repeats;
	char repeated[128];
} seen_events;

static int see_event(const lf_event *e, void *ud)
{
	seen_events *s = ud;
	if (e->kind && !strcmp(e->kind, "report"))
		s->reports++;
	if (e->kind && !strcmp(e->kind, "handling")) {
		s->handling++;
		if (e->repeats_report) {
			s->repeats++;
			snprintf(s->repeated, sizeof s->repeated, "%s", e->text ? e->text : "");
		}
	}
	return 0;
}

static void test_report_entry_marked_once(void **state)
{
	fixture *t = *state;
	lf_saved_case c = reported(t, "请综合科牵头办理。", "已约谈用人单位。");
	lf_user qian = as(t->st, "qian");
	assert_int_equal(lf_store_case_sign(t->st, c.case_id, "handling", "另补充：已回访。", qian.id, "钱九",
	                                    "2026-11-25T15:00:00+08:00"),
	                 LF_STORE_OK);
	/* Later, the same words signed again on their own: listed. */
	assert_int_equal(lf_store_case_sign(t->st, c.case_id, "handling", "已约谈用人单位。", qian.id, "钱九",
	                                    "2026-11-26T09:00:00+08:00"),
	                 LF_STORE_OK);
	seen_events s = {0};
	assert_int_equal(lf_case_read_events(t->st, c.case_id, see_event, &s), LF_STORE_OK);
	assert_int_equal(s.reports, 1);
	assert_int_equal(s.handling, 3);
	assert_int_equal(s.repeats, 1);
	assert_string_equal(s.repeated, "已约谈用人单位。");
	lf_user_free(&qian);
}

static void save_log(fixture *t, lf_reception_log *l)
{
	char msg[512];
	lf_user clerk = as(t->st, "zhang");
	assert_int_equal(lf_reception_open(t->st, &clerk, "2026-11-23", l, msg, sizeof msg), LF_STORE_OK);
	l->department = strdup(U_DEPT);
	l->situation = strdup("接待群众 2 批 3 人。");
	assert_int_equal(lf_reception_save(t->st, &clerk, l, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&clerk);
}

static void test_log_signed_by_unit_head(void **state)
{
	fixture *t = *state;
	char msg[512];
	lf_reception_log l;
	save_log(t, &l);
	lf_reception_log_free(&l);
	const char *const refused[] = {"qian", "sun", "feng", "wang"};
	for (size_t i = 0; i < 4; i++) {
		lf_user u = as(t->st, refused[i]);
		if (lf_reception_sign(t->st, &u, "2026-11-23", LF_RLOG_SITUATION, msg, sizeof msg) != LF_STORE_DENIED)
			fail_msg("%s signed 接访情况: %s", refused[i], msg);
		lf_user_free(&u);
	}
	lf_user feng = as(t->st, "feng");
	assert_int_equal(lf_reception_sign(t->st, &feng, "2026-11-23", LF_RLOG_SITUATION, msg, sizeof msg),
	                 LF_STORE_DENIED);
	assert_non_null(strstr(msg, U_DEPT));
	assert_non_null(strstr(msg, U_PEER));
	lf_user_free(&feng);
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM reception_log WHERE situation_signer_id IS NOT NULL", NULL,
	                        0),
	                 0);
	lf_user zheng = as(t->st, "zheng");
	/* The unit head opens the log to sign it; its fields are the clerk's. */
	lf_reception_log mine;
	assert_int_equal(lf_reception_open(t->st, &zheng, "2026-11-23", &mine, msg, sizeof msg), LF_STORE_OK);
	free(mine.demands);
	mine.demands = strdup("改写");
	assert_int_equal(lf_reception_save(t->st, &zheng, &mine, msg, sizeof msg), LF_STORE_DENIED);
	lf_reception_log_free(&mine);
	test_clock_set("2026-11-23T17:05");
	assert_int_equal(lf_reception_sign(t->st, &zheng, "2026-11-23", LF_RLOG_SITUATION, msg, sizeof msg),
	                 LF_STORE_OK);
	char row[256];
	sf_raw(t->db, "SELECT s.login || '|' || l.situation_signer || '|' || substr(l.situation_signed_at, 1, 16) || "
	              "substr(l.situation_signed_at, 20) FROM reception_log l "
	              "JOIN app_user s ON s.id = l.situation_signer_id",
	       row, sizeof row);
	assert_string_equal(row, "zheng|郑主任（科长）|2026-11-23T17:05+08:00");
	/* Signed once: a second signature at the store is refused. */
	assert_int_equal(lf_store_reception_sign(t->st, "2026-11-23", "situation", zheng.id, "郑主任（科长）",
	                                         "2026-11-23T17:06:00+08:00"),
	                 LF_STORE_CONFLICT);
	lf_user_free(&zheng);
	sf_raw(t->db, "SELECT substr(situation_signed_at, 1, 16) FROM reception_log", row, sizeof row);
	assert_string_equal(row, "2026-11-23T17:05");
}

static void test_two_desks_same_log(void **state)
{
	fixture *t = *state;
	char msg[512];
	lf_reception_log a, b;
	lf_user clerk = as(t->st, "zhang"), wang = as(t->st, "wang");
	/* Both desks open the day before either saves. */
	assert_int_equal(lf_reception_open(t->st, &clerk, "2026-11-23", &a, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_reception_open(t->st, &wang, "2026-11-23", &b, msg, sizeof msg), LF_STORE_OK);
	a.situation = strdup("上午接待群众 2 批 3 人。");
	b.situation = strdup("下午接待群众 1 批 1 人。");
	lf_store_set_actor(t->st, clerk.id, clerk.login);
	assert_int_equal(lf_reception_save(t->st, &clerk, &a, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(a.version, 1);
	/* The second desk is refused: told whose save it was; nothing written. */
	lf_store_set_actor(t->st, wang.id, wang.login);
	long long n = sf_raw(t->db, "SELECT count(*) FROM audit_log", NULL, 0);
	assert_int_equal(lf_reception_save(t->st, &wang, &b, msg, sizeof msg), LF_STORE_CONFLICT);
	assert_non_null(strstr(msg, "zhang"));
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM audit_log", NULL, 0), n);
	char row[256];
	sf_raw(t->db, "SELECT situation || '|' || version || '|' || saved_by FROM reception_log", row, sizeof row);
	assert_string_equal(row, "上午接待群众 2 批 3 人。|1|zhang");
	/* Its own text is untouched; the first desk's again: refused again. */
	assert_string_equal(b.situation, "下午接待群众 1 批 1 人。");
	lf_store_set_actor(t->st, clerk.id, clerk.login);
	free(a.situation);
	a.situation = strdup("上午接待群众 2 批 3 人；下午 1 批 1 人。");
	assert_int_equal(lf_reception_save(t->st, &clerk, &a, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(a.version, 2);
	lf_store_set_actor(t->st, wang.id, wang.login);
	b.version = 1; /* it has seen the first save only */
	assert_int_equal(lf_reception_save(t->st, &wang, &b, msg, sizeof msg), LF_STORE_CONFLICT);
	/* Having seen the latest, the save goes through. */
	b.version = 2;
	assert_int_equal(lf_reception_save(t->st, &wang, &b, msg, sizeof msg), LF_STORE_OK);
	sf_raw(t->db, "SELECT situation || '|' || version || '|' || saved_by FROM reception_log", row, sizeof row);
	assert_string_equal(row, "下午接待群众 1 批 1 人。|3|wang");
	/* A signature moves the version too: a desk that read before it is refused. */
	lf_user zheng = as(t->st, "zheng");
	free(a.department);
	a.department = strdup(U_DEPT);
	a.version = 3;
	lf_store_set_actor(t->st, clerk.id, clerk.login);
	assert_int_equal(lf_reception_save(t->st, &clerk, &a, msg, sizeof msg), LF_STORE_OK);
	lf_store_set_actor(t->st, zheng.id, zheng.login);
	assert_int_equal(lf_reception_sign(t->st, &zheng, "2026-11-23", LF_RLOG_SITUATION, msg, sizeof msg),
	                 LF_STORE_OK);
	lf_store_set_actor(t->st, wang.id, wang.login);
	b.version = 4;
	free(b.situation);
	b.situation = strdup(a.situation); /* the signed text unchanged: only the version refuses */
	free(b.demands);
	b.demands = strdup("反映拖欠工资。");
	lf_store_err e = lf_reception_save(t->st, &wang, &b, msg, sizeof msg);
	if (e != LF_STORE_CONFLICT)
		fail_msg("save after a signature: %d %s", e, msg);
	lf_user_free(&zheng);
	lf_reception_log_free(&a);
	lf_reception_log_free(&b);
	lf_user_free(&clerk);
	lf_user_free(&wang);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_two_instructions_both_printed, setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_full_box_continues, setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_routing_opinion_and_approved_report, setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_approval_of_the_report_read, setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_report_is_one_write, setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_report_entry_marked_once, setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_log_signed_by_unit_head, setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_two_desks_same_log, setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
