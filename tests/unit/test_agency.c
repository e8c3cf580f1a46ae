/* Issue 11, through core against a temporary database: the archive gate
 * lists what the file lacks (an instruction signed after the last report,
 * satisfaction not recorded) and refuses, then lets a complete file pass;
 * a case transferred to an outside agency, which has no login, is closed
 * from the agency's answers as the office records them (receipt,
 * acceptance, result with a scanned reply, then the office's reply and the
 * archive); an objection returns the case to routing, and one after 5
 * working days is recorded with a warning; co-agencies (会办单位) are
 * stored with the routing and their handlers read the case. */
#include "caseflow_fixture.h"

#include <time.h>

#include <sqlite3.h>

#include "laifang/access.h"
#include "laifang/agency.h"
#include "laifang/cli.h"
#include "laifang/paper.h"
#include "laifang/store_agency.h"
#include "laifang/store_reception.h"
#include "../../src/cli/case_internal.h"

/* hh:00 local time of day (the test clock then ticks from there). */
static void at_hour(const char *day, int hour)
{
	lf_date d;
	assert_true(lf_date_parse(day, &d));
	struct tm tm = {.tm_year = d.y - 1900, .tm_mon = d.m - 1, .tm_mday = d.d, .tm_hour = hour, .tm_isdst = -1};
	lf_clock_set_for_tests((long long)mktime(&tm));
}

static void instruct_as(lf_store *st, const char *login, const char *case_id, const char *text)
{
	lf_user u = as(st, login);
	char msg[512] = "";
	if (lf_case_instruct(st, &u, case_id, text, msg, sizeof msg) != LF_STORE_OK)
		fail_msg("instruction by %s: %s", login, msg);
	lf_user_free(&u);
}

static lf_store_err agency_as(lf_store *st, const char *login, const char *case_id, lf_agency_kind k,
                              const lf_agency_args *a, char *msg, size_t len)
{
	lf_user u = as(st, login);
	lf_store_err e = lf_case_agency(st, &u, case_id, k, a, msg, len);
	lf_user_free(&u);
	return e;
}

#define AGENCY_OK(st, login, id, k, args) \
	do { \
		char m_[1024] = ""; \
		lf_store_err e_ = agency_as(st, login, id, k, args, m_, sizeof m_); \
		if (e_ != LF_STORE_OK) \
			fail_msg("%s by %s: %d %s", lf_agency_kind_key(k), login, e_, m_); \
	} while (0)

static int check_as(lf_store *st, const char *login, const char *case_id, char *buf, size_t len)
{
	lf_user u = as(st, login);
	int n = lf_case_archive_check(st, &u, case_id, buf, len);
	lf_user_free(&u);
	return n;
}

/* An accepted case routed in-house and taken up by 钱九 (综合科). */
static lf_saved_case in_house_case(lf_store *st, const char *name, const char *content)
{
	lf_saved_case c = register_case(st, name, content);
	STEP_OK(st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args route = {.unit = U_DEPT};
	STEP_OK(st, "sun", c.case_id, LF_STEP_IN_HOUSE, &route);
	STEP_OK(st, "qian", c.case_id, LF_STEP_TAKE_UP, NULL);
	return c;
}

/* ---- the archive gate ---- */

static void test_archive_gate_lists_and_refuses(void **state)
{
	fixture *t = *state;
	char msg[1024], list[1024];
	at_hour("2024-03-01", 9);
	lf_saved_case c = in_house_case(t->st, "陈建国", "小区供暖温度不达标");
	instruct_as(t->st, "wang", c.case_id, "请供热公司三日内整改。");
	/* Before the report: the archivist sees everything the file lacks. */
	int n = check_as(t->st, "wu", c.case_id, list, sizeof list);
	assert_true(n >= 4);
	assert_non_null(strstr(list, "the leader's instruction has no handling report"));
	assert_non_null(strstr(list, "no reply to the visitor"));
	assert_non_null(strstr(list, "the visitor's satisfaction is not recorded"));
	assert_non_null(strstr(list, "not yet ready for the archive"));

	/* The report answers that instruction; a second one comes after it. */
	at_hour("2024-03-04", 10);
	lf_step_args report = {.text = "供热公司已更换循环泵，室温恢复至20度。"};
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPORT, &report);
	at_hour("2024-03-04", 15);
	instruct_as(t->st, "wang", c.case_id, "请回访信访人，确认室温。");
	lf_step_args reply = {.text = "已电话告知信访人整改结果。", .satisfaction = "satisfied", ANSWER_PARTS};
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPLY, &reply);

	n = check_as(t->st, "wu", c.case_id, list, sizeof list);
	assert_int_equal(n, 1);
	assert_string_equal(list, "leader's instructions with no handling report after them: 1\n");
	int before = n_audit(t->st);
	assert_int_equal(step_as(t->st, "wu", c.case_id, LF_STEP_ARCHIVE, NULL, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "not complete"));
	assert_non_null(strstr(msg, "leader's instructions with no handling report after them: 1"));
	assert_int_equal(n_audit(t->st), before);
	/* The second instruction's report clock runs on, whatever the state. */
	expect_flow(t->st, c.case_id, LF_ST_REPLIED, "2024-03-13", "report");
}

static void test_archive_gate_allows_complete_file(void **state)
{
	fixture *t = *state;
	char msg[1024], list[1024];
	at_hour("2024-03-01", 9);
	lf_saved_case c = in_house_case(t->st, "李秀英", "楼道照明损坏");
	instruct_as(t->st, "wang", c.case_id, "请物业尽快修复。");
	at_hour("2024-03-01", 11);
	lf_step_args report = {.text = "物业已更换楼道灯具。"};
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPORT, &report);
	/* A reply written without a satisfaction (as an older desk could):
	 * the gate wants it recorded, or 未评价 with a reason. */
	lf_event_in ev = {.case_id = c.case_id, .kind = "reply", .to_state = "replied", .text = "已书面答复。",
	                  .urgent = -1, .major = -1};
	assert_int_equal(lf_store_case_event(t->st, &ev), LF_STORE_OK);
	assert_int_equal(check_as(t->st, "wu", c.case_id, list, sizeof list), 1);
	assert_non_null(strstr(list, "satisfaction is not recorded (or marked 未评价 with a reason)"));
	assert_int_equal(step_as(t->st, "wu", c.case_id, LF_STEP_ARCHIVE, NULL, msg, sizeof msg), LF_STORE_INVALID);

	/* 未评价 needs its reason, and the right to record the reply. */
	lf_user sun = as(t->st, "sun");
	assert_int_equal(lf_case_mark_unrated(t->st, &sun, c.case_id, "信访人电话无法接通", msg, sizeof msg),
	                 LF_STORE_DENIED);
	lf_user_free(&sun);
	lf_user qian = as(t->st, "qian");
	assert_int_equal(lf_case_mark_unrated(t->st, &qian, c.case_id, "  ", msg, sizeof msg), LF_STORE_INVALID);
	assert_int_equal(lf_case_mark_unrated(t->st, &qian, c.case_id, "信访人电话无法接通，已邮寄答复。", msg, sizeof msg),
	                 LF_STORE_OK);
	lf_user_free(&qian);
	assert_int_equal(check_as(t->st, "wu", c.case_id, list, sizeof list), 0);
	assert_string_equal(list, "");
	STEP_OK(t->st, "wu", c.case_id, LF_STEP_ARCHIVE, NULL);
	expect_flow(t->st, c.case_id, LF_ST_ARCHIVED, "", NULL);
}

/* ---- a transfer comes back ---- */

typedef struct answers {
	int n;
	char kinds[8][32], dates[8][16], by[8][64], file[8][128], text[8][256];
} answers;

static int collect(const lf_agency_answer *a, void *ud)
{
	answers *x = ud;
	if (x->n >= 8)
		return 1;
	snprintf(x->kinds[x->n], sizeof x->kinds[0], "%s", a->kind);
	snprintf(x->dates[x->n], sizeof x->dates[0], "%s", a->on_date);
	snprintf(x->by[x->n], sizeof x->by[0], "%s", a->by_name);
	snprintf(x->file[x->n], sizeof x->file[0], "%s", a->file_name ? a->file_name : "");
	snprintf(x->text[x->n], sizeof x->text[0], "%s", a->text ? a->text : "");
	x->n++;
	return 0;
}

static void test_transfer_closed_from_agency_answer(void **state)
{
	fixture *t = *state;
	char msg[1024], list[1024];
	today("2024-03-01");
	lf_saved_case c = register_case(t->st, "王桂兰", "用人单位拖欠工资三个月");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args route = {.unit = U_PEER};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &route);
	/* The agency's 5 working days to object (art. 23) come first. */
	expect_flow(t->st, c.case_id, LF_ST_TRANSFERRED, "2024-03-08", "object");

	/* Who records: the office's clerks and supervisors, not a leader. */
	lf_agency_args receipt = {.date = "2024-03-04"};
	assert_int_equal(agency_as(t->st, "wang", c.case_id, LF_AGENCY_RECEIPT, &receipt, msg, sizeof msg),
	                 LF_STORE_DENIED);
	lf_agency_args future = {.date = "2024-03-05"};
	today("2024-03-04");
	assert_int_equal(agency_as(t->st, "zhang", c.case_id, LF_AGENCY_RECEIPT, &future, msg, sizeof msg),
	                 LF_STORE_INVALID);
	AGENCY_OK(t->st, "zhang", c.case_id, LF_AGENCY_RECEIPT, &receipt);
	/* ... counted from the receipt, once it is recorded. */
	expect_flow(t->st, c.case_id, LF_ST_TRANSFERRED, "2024-03-11", "object");
	assert_int_equal(agency_as(t->st, "zhang", c.case_id, LF_AGENCY_RECEIPT, &receipt, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "already recorded"));
	/* The menus offer what may come next. */
	lf_case_flow fl = flow_of(t->st, c.case_id);
	lf_user zhang = as(t->st, "zhang"), wang = as(t->st, "wang");
	assert_false(lf_agency_open(t->st, &zhang, &fl, LF_AGENCY_RECEIPT));
	assert_true(lf_agency_open(t->st, &zhang, &fl, LF_AGENCY_ACCEPT));
	assert_true(lf_agency_open(t->st, &zhang, &fl, LF_AGENCY_OBJECT));
	assert_false(lf_agency_open(t->st, &wang, &fl, LF_AGENCY_ACCEPT));
	lf_user_free(&zhang);
	lf_user_free(&wang);
	lf_case_flow_free(&fl);

	/* Without the result the gate names it. */
	today("2024-03-06");
	AGENCY_OK(t->st, "sun", c.case_id, LF_AGENCY_ACCEPT, &(lf_agency_args){.date = "2024-03-06"});
	expect_flow(t->st, c.case_id, LF_ST_HANDLING, "2024-04-30", "handle");
	assert_true(check_as(t->st, "wu", c.case_id, list, sizeof list) > 0);
	assert_non_null(strstr(list, "the agency's result (办理结果) is not recorded"));
	/* A result needs its text or its scan. */
	assert_int_equal(agency_as(t->st, "zhang", c.case_id, LF_AGENCY_RESULT, &(lf_agency_args){0}, msg, sizeof msg),
	                 LF_STORE_INVALID);

	/* The scanned reply is copied beside the database. */
	char scan[192];
	snprintf(scan, sizeof scan, "%s/复函.pdf", t->dir);
	FILE *f = fopen(scan, "w");
	assert_non_null(f);
	fputs("%PDF-1.4 市人社局关于王桂兰信访事项的复函\n", f);
	fclose(f);
	today("2024-03-20");
	lf_agency_args result = {.date = "2024-03-19", .text = "经查，用人单位已补发拖欠工资共计18600元。", .file = scan};
	AGENCY_OK(t->st, "zhang", c.case_id, LF_AGENCY_RESULT, &result);
	expect_flow(t->st, c.case_id, LF_ST_REPORTED, "", NULL);

	answers got = {0};
	assert_int_equal(lf_store_agency_answers(t->st, c.case_id, collect, &got), LF_STORE_OK);
	assert_int_equal(got.n, 3);
	assert_string_equal(got.kinds[0], "agency_receipt");
	assert_string_equal(got.dates[0], "2024-03-04");
	assert_string_equal(got.by[0], "张三");
	assert_string_equal(got.kinds[1], "agency_accept");
	assert_string_equal(got.by[1], "孙七");
	assert_string_equal(got.kinds[2], "agency_result");
	assert_string_equal(got.dates[2], "2024-03-19");
	assert_string_equal(got.file[2], "复函.pdf");
	assert_string_equal(got.text[2], "经查，用人单位已补发拖欠工资共计18600元。");
	found_event ev = event_of(t->st, c.case_id, "agency_result");
	assert_int_equal(ev.n, 1);
	assert_string_equal(ev.by, "张三");

	/* The office replies from the agency's result (a supervisor: the
	 * agency has no login; a handler of another unit may not) and archives. */
	lf_step_args reply = {.text = "已将市人社局处理结果告知信访人。", .satisfaction = "basically"};
	assert_int_equal(step_as(t->st, "qian", c.case_id, LF_STEP_REPLY, &reply, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(step_as(t->st, "zhang", c.case_id, LF_STEP_REPLY, &reply, msg, sizeof msg), LF_STORE_DENIED);
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_REPLY, &reply);
	assert_int_equal(check_as(t->st, "wu", c.case_id, list, sizeof list), 0);
	STEP_OK(t->st, "wu", c.case_id, LF_STEP_ARCHIVE, NULL);
	expect_flow(t->st, c.case_id, LF_ST_ARCHIVED, "", NULL);

	/* Archived means locked: no answer is added. */
	int before = n_audit(t->st);
	assert_int_equal(agency_as(t->st, "zhang", c.case_id, LF_AGENCY_RESULT, &result, msg, sizeof msg),
	                 LF_STORE_DENIED);
	assert_non_null(strstr(msg, "is archived"));
	assert_int_equal(n_audit(t->st), before);
}

static void test_objection_returns_to_routing(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2024-03-01");
	lf_saved_case c = register_case(t->st, "赵丽华", "要求解决子女入学问题");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args route = {.unit = U_LOWER};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ASSIGN, &route);
	/* Not an in-house case's business. */
	lf_saved_case home = in_house_case(t->st, "钱学森", "噪音扰民");
	assert_int_equal(agency_as(t->st, "zhang", home.case_id, LF_AGENCY_ACCEPT, NULL, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "not transferred or assigned"));

	AGENCY_OK(t->st, "zhang", c.case_id, LF_AGENCY_RECEIPT, &(lf_agency_args){.date = "2024-03-01"});
	today("2024-03-05");
	/* An objection gives its reasons. */
	assert_int_equal(agency_as(t->st, "zhang", c.case_id, LF_AGENCY_OBJECT, &(lf_agency_args){0}, msg, sizeof msg),
	                 LF_STORE_INVALID);
	lf_agency_args object = {.reason = "该事项属市教育局职权范围，不属本单位。"};
	AGENCY_OK(t->st, "zhang", c.case_id, LF_AGENCY_OBJECT, &object);
	expect_flow(t->st, c.case_id, LF_ST_ACCEPTED, "2024-04-30", NULL);
	found_event ev = event_of(t->st, c.case_id, "agency_object");
	assert_string_equal(ev.reason, "该事项属市教育局职权范围，不属本单位。");
	/* Back in 待分办: routed again, to the competent agency. */
	lf_step_args again = {.unit = U_PEER};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &again);
	expect_flow(t->st, c.case_id, LF_ST_TRANSFERRED, "2024-03-12", "object");

	/* This agency objects only after 5 working days of its receipt
	 * (2024-03-05 → 03-12): recorded, with the warning. */
	AGENCY_OK(t->st, "zhang", c.case_id, LF_AGENCY_RECEIPT, &(lf_agency_args){.date = "2024-03-05"});
	today("2024-03-14");
	assert_int_equal(agency_as(t->st, "sun", c.case_id, LF_AGENCY_OBJECT, &object, msg, sizeof msg), LF_STORE_OK);
	assert_non_null(strstr(msg, "2024-03-12"));
	assert_non_null(strstr(msg, "第二十三条"));
	expect_flow(t->st, c.case_id, LF_ST_ACCEPTED, "2024-04-30", NULL);
}

/* ---- co-agencies ---- */

typedef struct unit_list {
	char text[512];
} unit_list;

static int list_unit(const char *id, const char *name, const char *kind, const char *role, void *ud)
{
	(void)id;
	(void)kind;
	unit_list *l = ud;
	size_t used = strlen(l->text);
	snprintf(l->text + used, sizeof l->text - used, "%s:%s;", role, name);
	return 0;
}

static lf_store_err readable_by(lf_store *st, const char *login, const char *case_id)
{
	lf_user u = as(st, login);
	char msg[512];
	lf_store_err e = lf_case_require_readable(st, &u, case_id, "open", msg, sizeof msg);
	lf_user_free(&u);
	return e;
}

/* How many cases login's lists show. */
static long listed_for(lf_store *st, const char *login)
{
	lf_user u = as(st, login);
	lf_access_apply(st, &u);
	lf_queue_filter f = {0};
	long n = -1;
	assert_int_equal(lf_store_queue_count(st, &f, &n), LF_STORE_OK);
	lf_access_apply(st, NULL);
	lf_store_set_reader(st, NULL);
	lf_user_free(&u);
	return n;
}

static void test_co_agencies(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2024-03-01");
	lf_saved_case c = register_case(t->st, "孙志强", "河道污染涉及环保和水务");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	/* A co-agency that is the lead unit, a discipline body or unknown is refused, and nothing is routed. */
	lf_step_args bad = {.unit = U_PEER, .co_units = U_PEER};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &bad, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "lead unit"));
	bad.co_units = U_DISC;
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &bad, msg, sizeof msg), LF_STORE_INVALID);
	bad.co_units = "市水务局";
	/* The refusal names its input, for a form's cursor; a refusal of the
	 * unit or the due date names those. */
	lf_step_field refused = LF_IN_NONE;
	bad.refused = &refused;
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &bad, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "市水务局"));
	assert_int_equal(refused, LF_IN_CO_UNITS);
	lf_step_args wrong_unit = {.unit = "市水务局", .refused = &refused};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &wrong_unit, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(refused, LF_IN_UNIT);
	lf_step_args wrong_due = {.unit = U_PEER, .due = "2024-02-30", .refused = &refused};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &wrong_due, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(refused, LF_IN_DUE);
	/* The state machine's refusals of one input name it too: a unit of
	 * the wrong kind, a due date in the past, no reason for a decline. */
	lf_step_args wrong_kind = {.unit = U_LOWER, .refused = &refused};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &wrong_kind, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(refused, LF_IN_UNIT);
	lf_step_args past = {.unit = U_PEER, .due = "2024-02-28", .refused = &refused};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &past, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "past"));
	assert_int_equal(refused, LF_IN_DUE);
	/* A weekend is asked about only when nothing else refuses the date:
	 * past the handling term it is refused as that; within it, as a day
	 * off the person may keep. */
	lf_step_args late_sunday = {.unit = U_PEER, .due = "2024-06-30", .refused = &refused};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &late_sunday, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(refused, LF_IN_DUE);
	assert_non_null(strstr(msg, "not after"));
	lf_step_args sunday = {.unit = U_PEER, .due = "2024-03-10", .refused = &refused};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &sunday, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(refused, LF_IN_DUE_DAY_OFF);
	lf_step_args no_day = {.unit = U_PEER, .due = "2024-02-30", .refused = &refused};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &no_day, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "no day 2024-02-30"));
	/* A refusal of the step as a whole names none. */
	lf_step_args again = {.refused = &refused};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_ACCEPT, &again, msg, sizeof msg), LF_STORE_INVALID);
	assert_int_equal(refused, LF_IN_NONE);
	bad.refused = NULL;
	/* Not routed: the route clock (15 days, to the next working day) runs. */
	expect_flow(t->st, c.case_id, LF_ST_ACCEPTED, "2024-03-18", "route");

	/* 钱九 of 综合科 reads the case only once 综合科 is a co-agency. */
	assert_int_equal(readable_by(t->st, "qian", c.case_id), LF_STORE_DENIED);
	long before = listed_for(t->st, "qian");
	/* Spaces separate names too (ASCII or full-width), as a clerk types
	 * them; a part that is no unit is named. */
	bad.co_units = U_LOWER " 市水务局";
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &bad, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "\"市水务局\""));
	lf_step_args route = {.unit = U_PEER, .co_units = U_LOWER "　" U_DEPT};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &route);
	unit_list l = {0};
	assert_int_equal(lf_store_case_units(t->st, c.case_id, list_unit, &l), LF_STORE_OK);
	assert_string_equal(l.text, "lead:" U_PEER ";co:" U_DEPT ";co:" U_LOWER ";");
	assert_int_equal(readable_by(t->st, "qian", c.case_id), LF_STORE_OK);
	assert_int_equal(listed_for(t->st, "qian"), before + 1);
	/* The printed sheet names them. */
	char pdf[192], cmd[512];
	snprintf(pdf, sizeof pdf, "%s/sheet.pdf", t->dir);
	lf_user sun0 = as(t->st, "sun");
	assert_int_equal(lf_paper_print(t->st, &sun0, c.case_no, LF_PAPER_SHEET, pdf, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&sun0);
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - | tr -d ' \\n\\f'", pdf);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char text[16384];
	size_t got = fread(text, 1, sizeof text - 1, p);
	text[got] = '\0';
	pclose(p);
	if (!strstr(text, "牵头单位：" U_PEER "会办单位：" U_DEPT "、" U_LOWER))
		fail_msg("the sheet does not name the units: %s", text);

	/* A supervisor changes them later; 综合科 no longer reads it. */
	lf_user sun = as(t->st, "sun");
	assert_int_equal(lf_case_set_co_units(t->st, &sun, c.case_id, U_LOWER, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&sun);
	memset(&l, 0, sizeof l);
	assert_int_equal(lf_store_case_units(t->st, c.case_id, list_unit, &l), LF_STORE_OK);
	assert_string_equal(l.text, "lead:" U_PEER ";co:" U_LOWER ";");
	assert_int_equal(readable_by(t->st, "qian", c.case_id), LF_STORE_DENIED);
	lf_user zhang = as(t->st, "zhang");
	assert_int_equal(lf_case_set_co_units(t->st, &zhang, c.case_id, U_DEPT, msg, sizeof msg), LF_STORE_DENIED);
	lf_user_free(&zhang);
}

/* ---- archived means locked, for what this part adds ---- */

static int count_rows(fixture *t, const char *sql)
{
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open_v2(t->db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *q = NULL;
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	int n = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(h);
	return n;
}

static void test_archived_is_locked(void **state)
{
	fixture *t = *state;
	char msg[1024];
	at_hour("2024-03-01", 9);
	lf_saved_case c = in_house_case(t->st, "吴建华", "要求公开征地补偿标准");
	lf_step_args report = {.text = "已书面公开补偿标准。"};
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPORT, &report);
	lf_step_args reply = {.text = "已答复。", .satisfaction = "satisfied", ANSWER_PARTS};
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPLY, &reply);
	STEP_OK(t->st, "wu", c.case_id, LF_STEP_ARCHIVE, NULL);
	int before = n_audit(t->st);

	assert_int_equal(agency_as(t->st, "zhang", c.case_id, LF_AGENCY_RECEIPT, NULL, msg, sizeof msg), LF_STORE_DENIED);
	assert_non_null(strstr(msg, "is archived"));
	lf_user sun = as(t->st, "sun");
	assert_int_equal(lf_case_set_co_units(t->st, &sun, c.case_id, U_LOWER, msg, sizeof msg), LF_STORE_DENIED);
	assert_non_null(strstr(msg, "is archived"));
	lf_user_free(&sun);
	lf_user qian = as(t->st, "qian");
	assert_int_equal(lf_case_mark_unrated(t->st, &qian, c.case_id, "无法联系。", msg, sizeof msg), LF_STORE_DENIED);
	lf_user_free(&qian);
	/* The store's own writes meet its gate. */
	assert_int_equal(lf_store_case_units_set(t->st, c.case_id, NULL, NULL, 0), LF_STORE_DENIED);
	lf_event_in ev = {.case_id = c.case_id, .kind = "agency_receipt", .urgent = -1, .major = -1};
	assert_int_equal(lf_store_agency_answer(t->st, &ev, "2024-03-01", NULL), LF_STORE_DENIED);
	/* The reception-day log of the day it was received would link it: refused. */
	lf_reception_log log;
	memset(&log, 0, sizeof log);
	snprintf(log.day, sizeof log.day, "2024-03-01");
	log.situation = "接待群众 1 批 1 人。";
	assert_int_equal(lf_store_reception_save(t->st, &log), LF_STORE_DENIED);
	assert_non_null(strstr(lf_store_errmsg(t->st), c.case_no));
	assert_int_equal(count_rows(t, "SELECT count(*) FROM reception_log"), 0);
	assert_int_equal(n_audit(t->st), before);
	/* And behind the store's back, the triggers. */
	static const char *const raw[] = {
		"INSERT INTO case_unit (case_id, unit_id, role, added_at) SELECT '%s', id, 'co', 'x' FROM unit LIMIT 1",
		"INSERT INTO case_agency_answer (case_id, seq, kind, on_date) VALUES ('%s', 99, 'agency_result', "
		"'2024-03-01')",
		"INSERT INTO reception_log (id, day, created_at, updated_at) VALUES ('L', '2024-03-01', 'x', 'x'); "
		"INSERT INTO reception_log_case (log_id, case_id) VALUES ('L', '%s')",
	};
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open(t->db, &h), SQLITE_OK);
	for (size_t i = 0; i < sizeof raw / sizeof *raw; i++) {
		char *sql = sqlite3_mprintf(raw[i], c.case_id);
		char *err = NULL;
		int rc = sqlite3_exec(h, "BEGIN", NULL, NULL, NULL);
		rc = sqlite3_exec(h, sql, NULL, NULL, &err);
		if (rc == SQLITE_OK || !err || !strstr(err, "archived"))
			fail_msg("%s: %d %s", sql, rc, err ? err : "(no error)");
		sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_free(err);
		sqlite3_free(sql);
	}
	sqlite3_close(h);
}

/* ---- the command line ---- */

typedef struct run_out {
	char *out, *err;
	size_t out_len, err_len;
} run_out;

static int run_cli(lf_store *st, const char *login, bool check, run_out *r, int argc, char **argv)
{
	lf_user u = as(st, login);
	free(r->out);
	free(r->err);
	FILE *o = open_memstream(&r->out, &r->out_len), *e = open_memstream(&r->err, &r->err_len);
	/* As laifang case STEP ... parses it: the step word first. */
	char *words[16] = {check ? "archive-check" : "agency"};
	for (int i = 0; i < argc && i < 15; i++)
		words[i + 1] = argv[i];
	cli_case_parsed p;
	int rc = cli_case_parse(argc + 1, words, &p, e);
	if (rc == 0)
		rc = cli_case_exec(&p, st, &u, false, o, e);
	cli_case_parsed_free(&p);
	fclose(o);
	fclose(e);
	lf_user_free(&u);
	return rc;
}

static void test_cli(void **state)
{
	fixture *t = *state;
	today("2024-03-01");
	lf_saved_case c = register_case(t->st, "周美玲", "拆迁补偿款未到位");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args route = {.unit = U_LOWER};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ASSIGN, &route);
	char *no = (char *)c.case_no;
	run_out r = {0};
	/* Usage: exit 2, nothing written. */
	int before = n_audit(t->st);
	char *two[] = {no, "--accept", "--result"};
	assert_int_equal(run_cli(t->st, "zhang", false, &r, 3, two), 2);
	char *nothing[] = {no};
	assert_int_equal(run_cli(t->st, "zhang", false, &r, 1, nothing), 2);
	assert_int_equal(n_audit(t->st), before);
	/* Refused: exit 1 with the reason. */
	char *leader[] = {no, "--receipt", "2024-03-01"};
	assert_int_equal(run_cli(t->st, "wang", false, &r, 3, leader), 1);
	assert_non_null(strstr(r.err, "not allowed"));
	/* Done. */
	assert_int_equal(run_cli(t->st, "zhang", false, &r, 3, leader), 0);
	char *accept[] = {no, "--accept", "--date=2024-03-01", "--json"};
	assert_int_equal(run_cli(t->st, "zhang", false, &r, 4, accept), 0);
	assert_non_null(strstr(r.out, "\"ok\": true"));
	assert_non_null(strstr(r.out, "\"state\": \"handling\""));
	expect_flow(t->st, c.case_id, LF_ST_HANDLING, "2024-04-30", "handle");
	char *check[] = {no, "--json"};
	assert_int_equal(run_cli(t->st, "wu", true, &r, 2, check), 1);
	assert_non_null(strstr(r.out, "\"complete\": false"));
	assert_non_null(strstr(r.out, "the agency's result (办理结果) is not recorded"));
	char *result[] = {no, "--result", "--text", "已足额发放补偿款。"};
	assert_int_equal(run_cli(t->st, "zhang", false, &r, 4, result), 0);
	expect_flow(t->st, c.case_id, LF_ST_REPORTED, "", NULL);
	lf_step_args reply = {.text = "已告知信访人。", .satisfaction = "satisfied"};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_REPLY, &reply);
	char *plain[] = {no};
	assert_int_equal(run_cli(t->st, "wu", true, &r, 1, plain), 0);
	assert_non_null(strstr(r.out, "the file is complete"));
	free(r.out);
	free(r.err);
}

/* The co-agency list as the desk's picker edits it, read as the office
 * reads it when the step is taken. */
static void test_co_units_list(void **state)
{
	(void)state;
	assert_true(lf_co_units_hold("市住建局、市人社局", "市人社局"));
	assert_true(lf_co_units_hold("市公安局；市住建局", "市住建局"));
	assert_true(lf_co_units_hold("市公安局 市住建局", "市住建局"));
	assert_true(lf_co_units_hold("市公安局\xe3\x80\x80市住建局", "市公安局"));
	assert_false(lf_co_units_hold("市住建局二分局", "市住建局"));
	assert_false(lf_co_units_hold("区市住建局、市人社局", "市住建局"));
	assert_false(lf_co_units_hold("", "市住建局"));
	assert_false(lf_co_units_hold(NULL, "市住建局"));
	const char *const cases[][3] = {
		{"", "市住建局", "市住建局"},
		{"市人社局", "市住建局", "市人社局、市住建局"},
		{"市人社局、", "市住建局", "市人社局、市住建局"},
		{"市人社局，  ", "市住建局", "市人社局，市住建局"},
		{"市人社局;", "市住建局", "市人社局;市住建局"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *got = lf_co_units_add(cases[i][0], cases[i][1]);
		assert_non_null(got);
		assert_string_equal(got, cases[i][2]);
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_co_units_list),
		cmocka_unit_test_setup_teardown(test_archive_gate_lists_and_refuses, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_archive_gate_allows_complete_file, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_transfer_closed_from_agency_answer, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_objection_returns_to_routing, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_co_agencies, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_cli, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_archived_is_locked, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
