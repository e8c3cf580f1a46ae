/* A case's steps through core against a temporary database, with the days
 * moved by the test clock across the 2024 Spring Festival (02-10 to 02-17
 * off, 02-04 and 02-18 worked) and Qingming (04-04 to 04-06 off, 04-07
 * worked): the whole life with the right roles and the deadline after each
 * step; each step refused for every other role and from the wrong state,
 * with nothing written; decline and referral to the archive; the archive
 * gate's list; a case moved by another desk between reading and writing;
 * a major case needs its owner; the one extension. */
#include "caseflow_fixture.h"
#include "laifang/store_clocks.h"

/* ---- the whole life ---- */

typedef struct action_count {
	const char *action;
	int n;
} action_count;

static int count_action(const lf_audit_entry *e, void *ud)
{
	action_count *a = ud;
	a->n += e->action && !strcmp(e->action, a->action);
	return 0;
}

/* Every login but those holding a role in roles is refused the step, and
 * nothing is written. */
static void refused_for_others(lf_store *st, const char *case_id, lf_step step, const lf_step_args *args,
                               unsigned roles)
{
	int before = n_audit(st);
	for (size_t i = 0; i < N_PEOPLE; i++) {
		if (people[i].roles & roles)
			continue;
		char msg[512] = "";
		lf_store_err e = step_as(st, people[i].login, case_id, step, args, msg, sizeof msg);
		if (e != LF_STORE_DENIED)
			fail_msg("%s by %s: %d, expected DENIED (%s)", lf_step_get(step)->key, people[i].login, e, msg);
		assert_non_null(strstr(msg, "not allowed"));
		assert_int_equal(lf_store_errcode(st), LF_STORE_DENIED);
	}
	assert_int_equal(n_audit(st), before);
}

/* The step refused from the case's present state (the right role), and
 * nothing written. */
static void refused_in_state(lf_store *st, const char *case_id, lf_step step, const char *login,
                             const lf_step_args *args)
{
	int before = n_audit(st);
	char msg[512] = "";
	lf_store_err e = step_as(st, login, case_id, step, args, msg, sizeof msg);
	if (e != LF_STORE_INVALID)
		fail_msg("%s from the wrong state: %d (%s)", lf_step_get(step)->key, e, msg);
	assert_non_null(strstr(msg, "cannot"));
	assert_int_equal(n_audit(st), before);
}

/* The due date of a case's (last) clock of a rule, "" when none. */
typedef struct clock_find {
	const char *rule;
	char due[16];
} clock_find;

static int find_clock(const lf_clock_row *r, void *ud)
{
	clock_find *f = ud;
	if (!strcmp(r->rule, f->rule))
		snprintf(f->due, sizeof f->due, "%s", r->due);
	return 0;
}

static const char *clock_due(lf_store *st, const char *case_id, const char *rule)
{
	static clock_find f;
	memset(&f, 0, sizeof f);
	f.rule = rule;
	assert_int_equal(lf_store_case_clocks(st, case_id, find_clock, &f), LF_STORE_OK);
	return f.due;
}

static void test_life(void **state)
{
	fixture *t = *state;
	char msg[1024];

	/* Saturday 2024-01-27: route within 15 days → 02-11, in the Spring
	 * Festival, so the next working day, Sunday 02-18 (a make-up day). */
	today("2024-01-27");
	lf_saved_case c = register_case(t->st, "李来访", "拖欠工资三个月");
	expect_flow(t->st, c.case_id, LF_ST_REGISTERED, "2024-02-18", "route");

	/* Nothing but accept, decline or refer from registered. */
	lf_step_args to_peer = {.unit = U_PEER};
	refused_in_state(t->st, c.case_id, LF_STEP_TRANSFER, "sun", &to_peer);
	refused_in_state(t->st, c.case_id, LF_STEP_ARCHIVE, "wu", NULL);
	/* A handler cannot even see a case before it reaches the unit. */
	assert_int_equal(step_as(t->st, "zhou", c.case_id, LF_STEP_TAKE_UP, NULL, msg, sizeof msg), LF_STORE_DENIED);
	assert_non_null(strstr(msg, "not among the cases you work on"));

	/* Accept on 2024-02-05: handle within 60 days → 04-05, Qingming, so
	 * Sunday 04-07 (a make-up day). */
	today("2024-02-05");
	refused_for_others(t->st, c.case_no, LF_STEP_ACCEPT, NULL, LF_ROLE_SUPERVISOR);
	STEP_OK(t->st, "sun", c.case_no, LF_STEP_ACCEPT, NULL);
	/* Accepting does not route the case: the route clock (02-18) runs on
	 * and stays the earliest; handling runs beside it. */
	expect_flow(t->st, c.case_id, LF_ST_ACCEPTED, "2024-02-18", "route");
	found_event ev = event_of(t->st, c.case_id, "accept");
	assert_int_equal(ev.n, 1);
	assert_string_equal(ev.by, "孙七");
	refused_in_state(t->st, c.case_id, LF_STEP_ACCEPT, "sun", NULL);

	/* Transfer: a unit of the right kind from the directory, a due date
	 * not after the handling one; without one, the handling date. */
	today("2024-02-06");
	refused_for_others(t->st, c.case_id, LF_STEP_TRANSFER, &to_peer, LF_ROLE_SUPERVISOR);
	int before = n_audit(t->st);
	lf_step_args bad = {.unit = U_LOWER};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &bad, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "same level"));
	bad.unit = "没有这个单位";
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &bad, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "没有这个单位"));
	bad = (lf_step_args){.unit = U_PEER, .due = "2024-04-08"};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &bad, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "2024-04-07"));
	bad.due = "2024-02-05";
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &bad, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "past"));
	bad.due = "2024-02-30";
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &bad, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "due date"));
	bad = (lf_step_args){0};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &bad, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "directory"));
	assert_int_equal(n_audit(t->st), before);
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &to_peer);
	/* Routed: the route clock stops; the agency may object within 5
	 * working days (02-07, 08, 09, 18, 19), before handling's 04-07. */
	expect_flow(t->st, c.case_id, LF_ST_TRANSFERRED, "2024-02-19", "object");
	lf_case_flow f = flow_of(t->st, c.case_id);
	assert_string_equal(f.lead_unit_name, U_PEER);
	lf_case_flow_free(&f);
	/* The notice to the visitor is the event's text. */
	ev = event_of(t->st, c.case_id, "transfer");
	assert_int_equal(ev.n, 1);
	assert_string_equal(ev.unit, U_PEER);
	assert_non_null(strstr(ev.text, U_PEER));
	assert_non_null(strstr(ev.text, c.case_no));
	assert_non_null(strstr(ev.text, "2024-04-07"));

	/* Wednesday 02-07: the leader's instruction asks for a report within 7
	 * working days: 02-08, 02-09, then 02-18 (make-up), 19, 20, 21, 22. */
	today("2024-02-07");
	lf_user asker = as(t->st, "sun"); /* the supervisor asks the leader: now wang may read it */
	assert_int_equal(lf_case_request_instruction(t->st, &asker, c.case_id, "wang", msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&asker);
	lf_user wang = as(t->st, "wang");
	assert_int_equal(lf_case_instruct(t->st, &wang, c.case_id, "请市人社局依法处理。", msg, sizeof msg),
	                 LF_STORE_OK);
	lf_user_free(&wang);
	expect_flow(t->st, c.case_id, LF_ST_TRANSFERRED, "2024-02-19", "object");

	/* The agency's handler takes it up; a handler of another unit may not. */
	today("2024-02-18");
	refused_for_others(t->st, c.case_id, LF_STEP_TAKE_UP, NULL, LF_ROLE_HANDLER);
	before = n_audit(t->st);
	assert_int_equal(step_as(t->st, "qian", c.case_id, LF_STEP_TAKE_UP, NULL, msg, sizeof msg), LF_STORE_DENIED);
	assert_non_null(strstr(msg, "not among the cases you work on")); /* another unit's case is not shown */
	assert_int_equal(n_audit(t->st), before + 1);                     /* the refusal is audited */
	STEP_OK(t->st, "zhou", c.case_id, LF_STEP_TAKE_UP, NULL);
	expect_flow(t->st, c.case_id, LF_ST_HANDLING, "2024-02-22", "report");

	/* The signed report answers the instruction: no deadline left. */
	today("2024-02-20");
	lf_step_args report = {.text = "已责令用人单位补发工资。"};
	refused_for_others(t->st, c.case_id, LF_STEP_REPORT, &report, LF_ROLE_HANDLER);
	lf_step_args empty = {.text = "  \n "};
	assert_int_equal(step_as(t->st, "zhou", c.case_id, LF_STEP_REPORT, &empty, msg, sizeof msg), LF_STORE_INVALID);
	refused_in_state(t->st, c.case_id, LF_STEP_REPLY, "zhou", &report);
	STEP_OK(t->st, "zhou", c.case_id, LF_STEP_REPORT, &report);
	expect_flow(t->st, c.case_id, LF_ST_REPORTED, "", NULL);
	ev = event_of(t->st, c.case_id, "report");
	assert_string_equal(ev.text, "已责令用人单位补发工资。");
	assert_string_equal(ev.by, "周八（科长）");
	/* The sheet shows it, signed by the handler. */
	lf_case sheet;
	assert_int_equal(lf_store_get_case(t->st, c.case_id, &sheet), LF_STORE_OK);
	assert_string_equal(sheet.handling, "已责令用人单位补发工资。");
	assert_string_equal(sheet.handling_signer, "周八（科长）");
	assert_memory_equal(sheet.handling_date, "2024-02-20 ", 11);
	lf_case_free(&sheet);
	f = flow_of(t->st, c.case_id);
	assert_int_equal(f.facts.reports, 1);
	lf_case_flow_free(&f);

	/* The reply needs the visitor's satisfaction. */
	lf_step_args reply = {.text = "已电话答复信访人。", .satisfaction = "satisfied"};
	refused_for_others(t->st, c.case_id, LF_STEP_REPLY, &reply, LF_ROLE_HANDLER);
	lf_step_args nosat = {.text = "已电话答复信访人。", .satisfaction = "happy"};
	assert_int_equal(step_as(t->st, "zhou", c.case_id, LF_STEP_REPLY, &nosat, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "satisf"));
	STEP_OK(t->st, "zhou", c.case_id, LF_STEP_REPLY, &reply);
	expect_flow(t->st, c.case_id, LF_ST_REPLIED, "", NULL);

	/* The archivist closes the complete file. */
	refused_for_others(t->st, c.case_id, LF_STEP_ARCHIVE, NULL, LF_ROLE_ARCHIVIST);
	STEP_OK(t->st, "wu", c.case_id, LF_STEP_ARCHIVE, NULL);
	expect_flow(t->st, c.case_id, LF_ST_ARCHIVED, "", NULL);
	/* Archived means locked (issue 11): the step meets the lock. */
	int n_before = n_audit(t->st);
	assert_int_equal(step_as(t->st, "wu", c.case_id, LF_STEP_ARCHIVE, NULL, msg, sizeof msg), LF_STORE_DENIED);
	assert_non_null(strstr(msg, "is archived"));
	assert_int_equal(n_audit(t->st), n_before);

	/* Read-only: only an annotation is added. */
	lf_user wu = as(t->st, "wu");
	assert_int_equal(lf_case_annotate(t->st, &wu, c.case_id, "卷宗已装订。", msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(event_of(t->st, c.case_id, "annotate").text, "卷宗已装订。");
	lf_user_free(&wu);
	lf_user sun = as(t->st, "sun");
	assert_int_equal(lf_case_annotate(t->st, &sun, c.case_id, "我也来。", msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(lf_case_supervise(t->st, &sun, c.case_id, "请加快。", msg, sizeof msg), LF_STORE_DENIED);
	assert_non_null(strstr(msg, "only an annotation can be added"));
	lf_user_free(&sun);

	/* Every step was audited as case.<step>. */
	static const char *const actions[] = {"case.accept", "case.transfer", "case.take_up", "case.report",
	                                      "case.reply", "case.archive"};
	for (size_t i = 0; i < sizeof actions / sizeof *actions; i++) {
		action_count a = {.action = actions[i]};
		lf_audit_filter af = {.record = c.case_id, .limit = 1000};
		assert_int_equal(lf_store_audit_each(t->st, &af, count_action, &a), LF_STORE_OK);
		/* The report is two records, the step and the sheet's signed
		 * entry, each audited as case.report. */
		int want = strcmp(actions[i], "case.report") ? 1 : 2;
		if (a.n != want)
			fail_msg("%s audited %d times", actions[i], a.n);
	}
}

/* ---- decline and referral ---- */

static void test_decline(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2024-03-01");
	lf_saved_case c = register_case(t->st, "赵来访", "要求撤销法院判决");
	int before = n_audit(t->st);
	lf_step_args none = {0};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_DECLINE, &none, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "reason"));
	assert_int_equal(n_audit(t->st), before);
	lf_step_args why = {.reason = "属于诉讼程序，应通过法定途径解决。"};
	refused_for_others(t->st, c.case_id, LF_STEP_DECLINE, &why, LF_ROLE_SUPERVISOR);
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_DECLINE, &why);
	expect_flow(t->st, c.case_id, LF_ST_DECLINED, "", NULL);
	found_event ev = event_of(t->st, c.case_id, "decline");
	assert_non_null(strstr(ev.text, "属于诉讼程序，应通过法定途径解决。"));
	assert_non_null(strstr(ev.text, "赵来访"));
	assert_non_null(strstr(ev.text, c.case_no));
	refused_in_state(t->st, c.case_id, LF_STEP_ACCEPT, "sun", NULL);
	STEP_OK(t->st, "wu", c.case_id, LF_STEP_ARCHIVE, NULL);
	expect_flow(t->st, c.case_id, LF_ST_ARCHIVED, "", NULL);
}

static void test_refer(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2024-03-01");
	lf_saved_case c = register_case(t->st, "钱来访", "反映某局干部收受红包");
	lf_step_args wrong = {.unit = U_PEER};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_REFER, &wrong, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "discipline"));
	lf_step_args to = {.unit = U_DISC};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_REFER, &to);
	expect_flow(t->st, c.case_id, LF_ST_REFERRED, "", NULL);
	found_event ev = event_of(t->st, c.case_id, "refer");
	assert_non_null(strstr(ev.text, U_DISC));
	/* No further tracking: no supervision, no owner. */
	lf_user sun = as(t->st, "sun");
	assert_int_equal(lf_case_supervise(t->st, &sun, c.case_id, "请跟进。", msg, sizeof msg), LF_STORE_INVALID);
	lf_user_free(&sun);
	STEP_OK(t->st, "wu", c.case_id, LF_STEP_ARCHIVE, NULL);
	expect_flow(t->st, c.case_id, LF_ST_ARCHIVED, "", NULL);
}

/* ---- the archive gate ---- */

static void test_archive_gate(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2024-03-01");
	/* A case that reached "replied" without its file (written straight
	 * into the store, as an old import could): no screening decision, no
	 * routing, no report. The archivist is told each. */
	lf_saved_case c = register_case(t->st, "孙来访", "道路积水");
	lf_event_in ev = {.case_id = c.case_id, .kind = "reply", .to_state = "replied", .text = "已答复。",
	                  .satisfaction = "basically", .urgent = -1, .major = -1};
	assert_int_equal(lf_store_case_event(t->st, &ev), LF_STORE_OK);
	int before = n_audit(t->st);
	assert_int_equal(step_as(t->st, "wu", c.case_id, LF_STEP_ARCHIVE, NULL, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "not complete"));
	assert_non_null(strstr(msg, "no screening decision"));
	assert_non_null(strstr(msg, "not routed"));
	assert_non_null(strstr(msg, "no signed handling report"));
	assert_null(strstr(msg, "no reply"));
	assert_int_equal(n_audit(t->st), before);
	expect_flow(t->st, c.case_id, LF_ST_REPLIED, "2024-03-18", "route");
}

/* ---- two desks ---- */

/* The second desk's move happens inside the first desk's step, after its
 * read and before its write: at the first desk's reading of today. */
static lf_store *other_desk;
static const char *other_case;
static int armed;

/* The clock is read through time(): taking its place runs the other desk's
 * step at the first desk's first reading of the clock inside its step. */
time_t time(time_t *out);
time_t time(time_t *out)
{
	if (armed) {
		armed = 0;
		lf_user sun = as(other_desk, "sun");
		char m[512];
		if (lf_case_step(other_desk, &sun, other_case, LF_STEP_ACCEPT, NULL, m, sizeof m) != LF_STORE_OK)
			fail_msg("the other desk could not accept: %s", m);
		lf_user_free(&sun);
	}
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	if (out)
		*out = ts.tv_sec;
	return ts.tv_sec;
}

static void test_two_desks(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2024-03-01");
	lf_saved_case c = register_case(t->st, "周来访", "噪音扰民");
	other_desk = lf_store_open(t->db, NULL, msg, sizeof msg);
	assert_non_null(other_desk);
	other_case = c.case_id;
	int before = n_audit(t->st);
	armed = 1;
	lf_step_args why = {.reason = "不属于本机关职责。"};
	lf_store_err e = step_as(t->st, "sun", c.case_id, LF_STEP_DECLINE, &why, msg, sizeof msg);
	assert_int_equal(armed, 0); /* the other desk did move it */
	assert_int_equal(e, LF_STORE_CONFLICT);
	assert_non_null(strstr(msg, "just moved by someone else"));
	assert_non_null(strstr(msg, lf_state_label(LF_ST_ACCEPTED)));
	assert_int_equal(lf_store_errcode(t->st), LF_STORE_CONFLICT);
	/* Only the other desk's acceptance was written. */
	assert_int_equal(n_audit(t->st), before + 1);
	/* Accepted: the route clock (03-16, a Saturday: 03-18) runs on. */
	expect_flow(t->st, c.case_id, LF_ST_ACCEPTED, "2024-03-18", "route");
	assert_string_equal(clock_due(t->st, c.case_id, "handle"), "2024-04-30");
	assert_int_equal(event_of(t->st, c.case_id, "decline").n, 0);
	lf_store_close(other_desk);
}

/* ---- major, owner, flags ---- */

static void test_major_needs_owner(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2024-03-01");
	lf_saved_case c = register_case(t->st, "吴来访", "征地补偿");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_user sun = as(t->st, "sun");
	assert_int_equal(lf_case_set_flags(t->st, &sun, c.case_id, -1, -1, msg, sizeof msg), LF_STORE_INVALID);
	assert_int_equal(lf_case_set_flags(t->st, &sun, c.case_id, -1, 1, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&sun);
	lf_user zhang = as(t->st, "zhang");
	assert_int_equal(lf_case_set_flags(t->st, &zhang, c.case_id, 1, -1, msg, sizeof msg), LF_STORE_DENIED);
	lf_user_free(&zhang);
	lf_case_flow f = flow_of(t->st, c.case_id);
	assert_true(f.major);
	assert_false(f.urgent);
	lf_case_flow_free(&f);

	lf_step_args to = {.unit = U_LOWER};
	int before = n_audit(t->st);
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_ASSIGN, &to, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "包案"));
	assert_int_equal(n_audit(t->st), before);

	/* A leader takes only their own; a supervisor names a leader, not a clerk. */
	lf_user wang = as(t->st, "wang");
	assert_int_equal(lf_case_set_owner(t->st, &wang, c.case_id, "zhao", msg, sizeof msg), LF_STORE_DENIED);
	lf_user_free(&wang);
	sun = as(t->st, "sun");
	assert_int_equal(lf_case_set_owner(t->st, &sun, c.case_id, "zhang", msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "zhang"));
	assert_int_equal(lf_case_set_owner(t->st, &sun, c.case_id, "nobody", msg, sizeof msg), LF_STORE_INVALID);
	lf_user_free(&sun);
	lf_user zhou = as(t->st, "zhou");
	assert_int_equal(lf_case_set_owner(t->st, &zhou, c.case_id, NULL, msg, sizeof msg), LF_STORE_DENIED);
	lf_user_free(&zhou);
	assert_int_equal(n_audit(t->st), before);
	wang = as(t->st, "wang");
	assert_int_equal(lf_case_set_owner(t->st, &wang, c.case_id, NULL, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&wang);
	f = flow_of(t->st, c.case_id);
	assert_string_equal(f.owner_name, "王五（副局长）");
	lf_case_flow_free(&f);
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ASSIGN, &to);
	/* The lower agency may object within 5 working days (03-04..03-08). */
	expect_flow(t->st, c.case_id, LF_ST_ASSIGNED, "2024-03-08", "object");
	assert_string_equal(clock_due(t->st, c.case_id, "handle"), "2024-04-30");
	found_event ev = event_of(t->st, c.case_id, "own");
	assert_int_equal(ev.n, 1);
}

/* ---- the one extension ---- */

static void test_extend(void **state)
{
	fixture *t = *state;
	char msg[1024];
	/* Accepted 2024-08-02: handle by 10-01, National Day, so 10-08. */
	today("2024-08-02");
	lf_saved_case c = register_case(t->st, "郑来访", "房屋漏水");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	expect_flow(t->st, c.case_id, LF_ST_ACCEPTED, "2024-08-19", "route");
	assert_string_equal(clock_due(t->st, c.case_id, "handle"), "2024-10-08");
	lf_step_args to = {.unit = U_DEPT, .due = "2024-09-30"};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_IN_HOUSE, &to);
	/* The department takes it up (its objection clock stops): handling
	 * by the date set at routing. */
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_TAKE_UP, NULL);
	expect_flow(t->st, c.case_id, LF_ST_HANDLING, "2024-09-30", "handle");

	today("2024-09-20");
	int before = n_audit(t->st);
	lf_user zhang = as(t->st, "zhang");
	assert_int_equal(lf_case_extend(t->st, &zhang, c.case_id, 30, "wang", "需现场勘验。", msg, sizeof msg),
	                 LF_STORE_DENIED);
	lf_user_free(&zhang);
	lf_user sun = as(t->st, "sun");
	assert_int_equal(lf_case_extend(t->st, &sun, c.case_id, 31, "wang", "需现场勘验。", msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "30"));
	assert_int_equal(lf_case_extend(t->st, &sun, c.case_id, 0, "wang", "需现场勘验。", msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(lf_case_extend(t->st, &sun, c.case_id, 30, "zhang", "需现场勘验。", msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(lf_case_extend(t->st, &sun, c.case_id, 30, "wang", " ", msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "reason"));
	assert_int_equal(n_audit(t->st), before);
	/* From the handling due date 10-08, 30 days: 11-07 (a Thursday). */
	assert_int_equal(lf_case_extend(t->st, &sun, c.case_id, 30, "wang", "需现场勘验。", msg, sizeof msg),
	                 LF_STORE_OK);
	assert_string_equal(msg, "");
	expect_flow(t->st, c.case_id, LF_ST_HANDLING, "2024-11-07", "handle");
	lf_case_flow f = flow_of(t->st, c.case_id);
	assert_true(f.extended);
	lf_case_flow_free(&f);
	found_event ev = event_of(t->st, c.case_id, "extend");
	assert_string_equal(ev.reason, "需现场勘验。");
	/* Once only. */
	before = n_audit(t->st);
	assert_int_equal(lf_case_extend(t->st, &sun, c.case_id, 5, "wang", "再延。", msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "once"));
	assert_int_equal(n_audit(t->st), before);
	lf_user_free(&sun);
}

/* A deadline past the calendar's last year: the step stands, with a
 * warning; once the next year is imported, no warning. */
static void test_uncovered_year(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2026-11-23");
	lf_saved_case c = register_case(t->st, "冯来访", "物业纠纷");
	msg[0] = '\0';
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL, msg, sizeof msg), LF_STORE_OK);
	assert_non_null(strstr(msg, "2026"));
	assert_non_null(strstr(msg, "calendar import"));
	/* 60 days: 2027-01-22, a Friday (the route clock, 12-08, is first). */
	expect_flow(t->st, c.case_id, LF_ST_ACCEPTED, "2026-12-08", "route");
	assert_string_equal(clock_due(t->st, c.case_id, "handle"), "2027-01-22");

	static const char year[] = "date\tkind\tname\n2027-01-01\tholiday\t元旦\n2027-01-22\tholiday\t测试假日\n";
	lf_user admin = as(t->st, "admin");
	int days = -1;
	assert_int_equal(lf_calendar_import(t->st, &admin, year, strlen(year), &days, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(days, 2);
	lf_user_free(&admin);
	assert_int_equal(lf_calendar_last_year(lf_office_calendar(t->st)), 2027);
	lf_saved_case d = register_case(t->st, "冯来访", "物业纠纷（二）");
	msg[0] = 'x';
	assert_int_equal(step_as(t->st, "sun", d.case_id, LF_STEP_ACCEPT, NULL, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(msg, "");
	/* 01-22 is now a day off: Monday 01-25; and the import moved the
	 * running handling clock of the first case with it. */
	expect_flow(t->st, d.case_id, LF_ST_ACCEPTED, "2026-12-08", "route");
	assert_string_equal(clock_due(t->st, d.case_id, "handle"), "2027-01-25");
	assert_string_equal(clock_due(t->st, c.case_id, "handle"), "2027-01-25");
}

int main(void)
{
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_life, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_decline, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_refer, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_archive_gate, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_two_desks, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_major_needs_owner, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_extend, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_uncovered_year, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
