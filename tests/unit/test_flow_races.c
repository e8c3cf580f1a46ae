/* Two desks on one case: what core checked before the write is checked
 * again inside it, so a desk that read the case just before another desk
 * changed it cannot undo or contradict that change.
 * - The one extension (第三十四条): a second one, read before the first was
 *   saved, is refused and the first's deadline stays.
 * - The archive gate: an instruction signed while the archivist's desk
 *   judged the file complete keeps the case from being archived with an
 *   unanswered instruction.
 * - The flags: setting one flag leaves the other as another desk set it.
 * - A form's owning leader, leader asked and headcount: saved only over
 *   what the form showed.
 * - The waiting list's steps and a hearing's start and end: each once.
 * - At most five representatives, counted inside the write.
 * - An outside agency's receipt, once after its routing.
 * - A delivery never reopens an evaluation period closed meanwhile.
 * Each is shown twice: at the store, the second desk's write given the case
 * as it read it (deterministic), and with desk B a process of its own whose
 * office reads happen while desk A holds the write lock (the two people
 * pressing Enter at once). */
#include "caseflow_fixture.h"

#include <sys/wait.h>

#include "laifang/agency.h"
#include "laifang/case_eval.h"
#include "laifang/caseops.h"
#include "laifang/store_agency.h"

/* A case being handled in house, its handling clock running. */
static lf_saved_case handled_case(fixture *t)
{
	today("2024-08-02");
	lf_saved_case c = register_case(t->st, "郑来访", "房屋漏水，物业不予维修。");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args to = {.unit = U_DEPT, .due = "2024-09-30"};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_IN_HOUSE, &to);
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_TAKE_UP, NULL);
	today("2024-09-20");
	return c;
}

/* A case replied to and rated: its file is complete, ready to archive. */
static lf_saved_case replied_case(fixture *t)
{
	char msg[1024];
	today("2024-01-27");
	lf_saved_case c = register_case(t->st, "李来访", "拖欠工资三个月。");
	today("2024-02-05");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args to_peer = {.unit = U_PEER};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &to_peer);
	lf_user asker = as(t->st, "sun"); /* the leader may then read the case */
	assert_int_equal(lf_case_request_instruction(t->st, &asker, c.case_id, "wang", msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&asker);
	today("2024-02-18");
	STEP_OK(t->st, "zhou", c.case_id, LF_STEP_TAKE_UP, NULL);
	today("2024-02-20");
	lf_step_args report = {.text = "已责令用人单位补发工资。"};
	STEP_OK(t->st, "zhou", c.case_id, LF_STEP_REPORT, &report);
	lf_step_args reply = {.text = "已电话答复信访人。", .satisfaction = "satisfied"};
	STEP_OK(t->st, "zhou", c.case_id, LF_STEP_REPLY, &reply);
	today("2024-02-21");
	return c;
}

static void instruct(fixture *t, const char *case_id)
{
	char msg[1024];
	lf_user wang = as(t->st, "wang");
	assert_int_equal(lf_case_instruct(t->st, &wang, case_id, "请再核查补发金额，三日内报告。", msg, sizeof msg),
	                 LF_STORE_OK);
	lf_user_free(&wang);
}

/* ---- at the store: the second write with what its desk read ---- */

static void test_second_extension_refused(void **state)
{
	fixture *t = *state;
	char msg[1024];
	lf_saved_case c = handled_case(t);
	lf_user sun = as(t->st, "sun");
	lf_user wang = sf_user(t->st, "wang");
	/* Desk A extends by 10 days. */
	assert_int_equal(lf_case_extend(t->st, &sun, c.case_id, 10, "wang", "desk A", msg, sizeof msg), LF_STORE_OK);
	lf_case_flow a = flow_of(t->st, c.case_id);
	char due_a[LF_DATE_LEN];
	snprintf(due_a, sizeof due_a, "%s", a.due_on);
	lf_case_flow_free(&a);
	/* Desk B read the case before that (not extended) and writes its 30 days. */
	lf_event_in ev = {.case_id = c.case_id, .kind = "extend", .expect_state = "handling", .reason = "desk B",
	                  .approver_id = wang.id, .due_on = "2024-11-07", .due_rule = "extend", .signer_name = "孙七",
	                  .urgent = -1, .major = -1};
	assert_int_equal(lf_store_case_event(t->st, &ev), LF_STORE_CONFLICT);
	assert_non_null(strstr(lf_store_errmsg(t->st), "extended only once"));
	assert_int_equal(event_of(t->st, c.case_id, "extend").n, 1);
	lf_case_flow f = flow_of(t->st, c.case_id);
	assert_string_equal(f.due_on, due_a); /* desk A's deadline stays */
	lf_case_flow_free(&f);
	lf_user_free(&wang);
	lf_user_free(&sun);
}

static void test_archive_gate_read_again(void **state)
{
	fixture *t = *state;
	lf_saved_case c = replied_case(t);
	/* The archivist's desk judged the file complete... */
	lf_case_flow seen = flow_of(t->st, c.case_id);
	assert_int_equal(lf_store_archive_facts(t->st, c.case_id, &seen.facts), LF_STORE_OK);
	char missing[1024];
	assert_int_equal(lf_archive_missing(&seen.facts, missing, sizeof missing), 0);
	/* ...when the leader signed another instruction. */
	instruct(t, c.case_id);
	lf_event_in ev = {.case_id = c.case_id, .kind = "archive", .expect_state = "replied", .to_state = "archived",
	                  .signer_name = "吴八", .urgent = -1, .major = -1, .archive_gate = &seen.facts};
	assert_int_equal(lf_store_case_event(t->st, &ev), LF_STORE_CONFLICT);
	assert_non_null(strstr(lf_store_errmsg(t->st), "changed at another desk while it was being archived"));
	assert_non_null(strstr(lf_store_errmsg(t->st), "instructions with no handling report after them: 1"));
	lf_case_flow f = flow_of(t->st, c.case_id);
	assert_int_equal(f.state, LF_ST_REPLIED);
	lf_case_flow_free(&f);
	/* Without the instruction the same write archives. */
	lf_case_flow_free(&seen);
}

static void test_gate_passes_when_complete(void **state)
{
	fixture *t = *state;
	lf_saved_case c = replied_case(t);
	lf_case_flow seen = flow_of(t->st, c.case_id);
	assert_int_equal(lf_store_archive_facts(t->st, c.case_id, &seen.facts), LF_STORE_OK);
	lf_event_in ev = {.case_id = c.case_id, .kind = "archive", .expect_state = "replied", .to_state = "archived",
	                  .signer_name = "吴八", .urgent = -1, .major = -1, .archive_gate = &seen.facts};
	assert_int_equal(lf_store_case_event(t->st, &ev), LF_STORE_OK);
	lf_case_flow f = flow_of(t->st, c.case_id);
	assert_int_equal(f.state, LF_ST_ARCHIVED);
	lf_case_flow_free(&f);
	lf_case_flow_free(&seen);
}

/* Setting one flag (the other -1) leaves the other as another desk set it:
 * what the flags form sends since it sends only what was changed. */
static void test_one_flag_keeps_the_other(void **state)
{
	fixture *t = *state;
	char msg[1024];
	lf_saved_case c = handled_case(t);
	lf_store *b = lf_store_open(t->db, NULL, msg, sizeof msg);
	assert_non_null(b);
	lf_user sun_b = as(b, "sun");
	assert_int_equal(lf_case_set_flags(b, &sun_b, c.case_id, 1, -1, msg, sizeof msg), LF_STORE_OK);
	lf_user sun_a = as(t->st, "sun");
	assert_int_equal(lf_case_set_flags(t->st, &sun_a, c.case_id, -1, 1, msg, sizeof msg), LF_STORE_OK);
	lf_case_flow f = flow_of(t->st, c.case_id);
	assert_true(f.urgent);
	assert_true(f.major);
	lf_case_flow_free(&f);
	lf_user_free(&sun_a);
	lf_user_free(&sun_b);
	lf_store_close(b);
}

/* What a form showed, another desk changed meanwhile: the owning leader,
 * the leader asked for an instruction, the headcount. */
static void test_forms_see_another_desk(void **state)
{
	fixture *t = *state;
	char msg[1024];
	lf_saved_case c = handled_case(t);
	lf_store *b = lf_store_open(t->db, NULL, msg, sizeof msg);
	assert_non_null(b);
	lf_user sun_a = as(t->st, "sun"), sun_b = as(b, "sun");
	lf_user wang = sf_user(t->st, "wang");

	/* 包案: desk A's form showed nobody; desk B names 王五. */
	assert_int_equal(lf_case_set_owner_seen(b, &sun_b, c.case_id, "wang", "", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_case_set_owner_seen(t->st, &sun_a, c.case_id, "zhao", "", msg, sizeof msg),
	                 LF_STORE_CONFLICT);
	assert_non_null(strstr(msg, "another owning leader at another desk"));
	lf_case_flow f = flow_of(t->st, c.case_id);
	assert_string_equal(f.owner_id, wang.id);
	lf_case_flow_free(&f);
	/* Shown 王五, desk A names 赵六: that is its decision. */
	assert_int_equal(lf_case_set_owner_seen(t->st, &sun_a, c.case_id, "zhao", wang.id, msg, sizeof msg),
	                 LF_STORE_OK);
	assert_int_equal(event_of(t->st, c.case_id, "own").n, 2);

	/* 请示: desk B asks 王五; desk A, shown nobody asked, asks 赵六. */
	assert_int_equal(lf_case_request_instruction_seen(b, &sun_b, c.case_id, "wang", "", msg, sizeof msg),
	                 LF_STORE_OK);
	assert_int_equal(lf_case_request_instruction_seen(t->st, &sun_a, c.case_id, "zhao", "", msg, sizeof msg),
	                 LF_STORE_CONFLICT);
	assert_non_null(strstr(msg, "asked to instruct"));
	f = flow_of(t->st, c.case_id);
	assert_string_equal(f.instruction_leader_id, wang.id);
	lf_case_flow_free(&f);

	/* 到访人数: desk A's form showed 1; desk B saved 12; desk A's 11 is refused. */
	lf_user zhang_a = as(t->st, "zhang"), zhang_b = as(b, "zhang");
	assert_int_equal(lf_case_set_headcount_seen(b, &zhang_b, c.case_id, 1, 12, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_case_set_headcount_seen(t->st, &zhang_a, c.case_id, 1, 11, msg, sizeof msg),
	                 LF_STORE_CONFLICT);
	assert_non_null(strstr(msg, "headcount of case"));
	f = flow_of(t->st, c.case_id);
	assert_int_equal(f.headcount, 12);
	lf_case_flow_free(&f);
	assert_int_equal(lf_case_set_headcount_seen(t->st, &zhang_a, c.case_id, 12, 11, msg, sizeof msg), LF_STORE_OK);
	/* Without a form (the command line, -1) the count is set as asked. */
	assert_int_equal(lf_case_set_headcount(t->st, &zhang_a, c.case_id, 9, msg, sizeof msg), LF_STORE_OK);
	f = flow_of(t->st, c.case_id);
	assert_int_equal(f.headcount, 9);
	lf_case_flow_free(&f);

	lf_user_free(&zhang_a);
	lf_user_free(&zhang_b);
	lf_user_free(&wang);
	lf_user_free(&sun_a);
	lf_user_free(&sun_b);
	lf_store_close(b);
}

/* The waiting list and a hearing, at the store: a step another desk took
 * meanwhile is not taken twice. */
static void test_visit_and_hearing_once(void **state)
{
	fixture *t = *state;
	char msg[1024];
	lf_saved_case c = handled_case(t);
	lf_user zhang = as(t->st, "zhang");
	/* Desk B puts the visitor on the waiting list... */
	assert_int_equal(lf_case_visit(t->st, &zhang, c.case_id, LF_VISIT_WAIT, msg, sizeof msg), LF_STORE_OK);
	/* ...desk A had read them as not on it. */
	lf_event_in wait = {.case_id = c.case_id, .kind = "visit.waiting", .expect_state = "handling",
	                    .signer_name = "张三", .urgent = -1, .major = -1, .expect_visit_state = ""};
	assert_int_equal(lf_store_case_event(t->st, &wait), LF_STORE_CONFLICT);
	assert_non_null(strstr(lf_store_errmsg(t->st), "moved on at another desk"));
	assert_int_equal(event_of(t->st, c.case_id, "visit.waiting").n, 1);
	/* Read as waiting, the interview goes ahead. */
	lf_event_in talk = {.case_id = c.case_id, .kind = "visit.interview", .expect_state = "handling",
	                    .signer_name = "张三", .urgent = -1, .major = -1, .expect_visit_state = "waiting"};
	assert_int_equal(lf_store_case_event(t->st, &talk), LF_STORE_OK);
	lf_user_free(&zhang);

	/* A hearing begun at two desks at once: the second is refused; so is a
	 * second end. */
	lf_event_in begin = {.case_id = c.case_id, .kind = "hearing_start", .expect_state = "handling",
	                     .text = "听证：双方陈述", .signer_name = "王五", .urgent = -1, .major = -1};
	assert_int_equal(lf_store_case_event(t->st, &begin), LF_STORE_OK);
	assert_int_equal(lf_store_case_event(t->st, &begin), LF_STORE_CONFLICT);
	assert_non_null(strstr(lf_store_errmsg(t->st), "just begun at another desk"));
	lf_event_in end = begin;
	end.kind = "hearing_end";
	end.text = "听证结束";
	assert_int_equal(lf_store_case_event(t->st, &end), LF_STORE_OK);
	assert_int_equal(lf_store_case_event(t->st, &end), LF_STORE_CONFLICT);
	assert_non_null(strstr(lf_store_errmsg(t->st), "just ended at another desk"));
	assert_int_equal(event_of(t->st, c.case_id, "hearing_start").n, 1);
	assert_int_equal(event_of(t->st, c.case_id, "hearing_end").n, 1);
}

/* The fifth representative (第二十条: at most five people) added at two
 * desks at once: each desk counted four; the second write is refused. */
static void test_fifth_representative_once(void **state)
{
	fixture *t = *state;
	char msg[1024];
	lf_saved_case c = handled_case(t);
	lf_user zhang = as(t->st, "zhang");
	static const char *const ids[] = {"110105194912310046", "110105194912310062", "110105194912310089"};
	for (int i = 0; i < 3; i++)
		assert_int_equal(lf_case_add_representative(t->st, &zhang, c.case_id, ids[i], "代表", NULL, NULL, NULL,
		                                            msg, sizeof msg),
		                 LF_STORE_OK);
	lf_case_flow f = flow_of(t->st, c.case_id);
	assert_int_equal(f.representatives, 4);
	assert_int_equal(f.headcount, 4); /* grown with them */
	lf_case_flow_free(&f);
	/* Both desks passed core's count of four; the store adds one. */
	assert_int_equal(lf_store_case_add_visitor_upto(t->st, c.case_id, LF_MAX_REPRESENTATIVES, "11010519491231010X",
	                                                "甲代表", NULL, NULL, NULL),
	                 LF_STORE_OK);
	assert_int_equal(lf_store_case_add_visitor_upto(t->st, c.case_id, LF_MAX_REPRESENTATIVES, "110105194912310126",
	                                                "乙代表", NULL, NULL, NULL),
	                 LF_STORE_CONFLICT);
	assert_non_null(strstr(lf_store_errmsg(t->st), "another desk added one just now"));
	f = flow_of(t->st, c.case_id);
	assert_int_equal(f.representatives, LF_MAX_REPRESENTATIVES);
	lf_case_flow_free(&f);
	lf_user_free(&zhang);
}

/* The outside agency's receipt (收到) recorded at two desks at once: the
 * second write, read as "no receipt yet", is refused; after a new routing
 * a new agency's receipt is taken. */
static void test_agency_receipt_once(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2024-03-01");
	lf_saved_case c = register_case(t->st, "王桂兰", "用人单位拖欠工资三个月");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args route = {.unit = U_PEER};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &route);
	today("2024-03-04");
	lf_user zhang = as(t->st, "zhang");
	lf_agency_args receipt = {.date = "2024-03-04"};
	assert_int_equal(lf_case_agency(t->st, &zhang, c.case_id, LF_AGENCY_RECEIPT, &receipt, msg, sizeof msg),
	                 LF_STORE_OK);
	lf_case_flow f = flow_of(t->st, c.case_id);
	lf_event_in again = {.case_id = c.case_id, .kind = "agency_receipt", .expect_state = lf_state_id(f.state),
	                     .signer_name = "张三", .urgent = -1, .major = -1};
	lf_case_flow_free(&f);
	assert_int_equal(lf_store_case_event(t->st, &again), LF_STORE_CONFLICT);
	assert_non_null(strstr(lf_store_errmsg(t->st), "receipt of case"));
	assert_int_equal(event_of(t->st, c.case_id, "agency_receipt").n, 1);
	lf_user_free(&zhang);
}

/* The answer's delivery moves an open evaluation period; one evaluated at
 * another desk meanwhile stays closed (not 超期未评价 later). */
static void test_delivery_keeps_evaluation_closed(void **state)
{
	fixture *t = *state;
	char msg[1024];
	lf_saved_case c = replied_case(t);
	char due[32];
	sf_raw(t->db, "SELECT coalesce(evaluation_due, '') FROM case_file", due, sizeof due);
	assert_true(due[0] != '\0'); /* the reply opened the period */
	lf_event_in deliver = {.case_id = c.case_id, .kind = "deliver", .text = "信访处理意见书 直接送达",
	                       .signer_name = "张三", .urgent = -1, .major = -1, .evaluation_due = "2024-03-25"};
	assert_int_equal(lf_store_case_event(t->st, &deliver), LF_STORE_OK);
	sf_raw(t->db, "SELECT coalesce(evaluation_due, '') FROM case_file", due, sizeof due);
	assert_string_equal(due, "2024-03-25"); /* moved to count from the delivery */
	/* Evaluated at another desk; a delivery read before that comes after. */
	lf_user zhou = as(t->st, "zhou");
	assert_int_equal(lf_case_evaluate(t->st, &zhou, c.case_id, "satisfied", "satisfied", NULL, msg, sizeof msg),
	                 LF_STORE_OK);
	lf_user_free(&zhou);
	assert_int_equal(lf_store_case_event(t->st, &deliver), LF_STORE_OK);
	sf_raw(t->db, "SELECT coalesce(evaluation_due, '') FROM case_file", due, sizeof due);
	assert_string_equal(due, "");
}

/* ---- two processes: desk B reads while desk A holds the write lock ---- */

/* Desk B: this program run again (a fresh process, its own handle). Exit
 * status: 0 done, 3 refused as changed at another desk, 4 refused by the
 * office's own check (it read after A's write), else broken. */
static int desk_b_main(const char *db, const char *case_id, const char *action, const char *day)
{
	/* 3 only with the store's own words: the case did not move. */
	today(day);
	char msg[1024] = "";
	lf_store *b = lf_store_open(db, NULL, msg, sizeof msg);
	if (!b)
		return 90;
	lf_store_err e;
	lf_user u = as(b, !strcmp(action, "extend") ? "sun" : "wu");
	if (!strcmp(action, "extend"))
		e = lf_case_extend(b, &u, case_id, 30, "wang", "desk B: 30 days", msg, sizeof msg);
	else
		e = lf_case_step(b, &u, case_id, LF_STEP_ARCHIVE, NULL, msg, sizeof msg);
	lf_user_free(&u);
	lf_store_close(b);
	fprintf(stderr, "desk B (%s): %d %s\n", action, (int)e, msg);
	bool own_words = strstr(msg, "extended only once") || strstr(msg, "while it was being archived");
	return e == LF_STORE_OK ? 0 : e == LF_STORE_CONFLICT && own_words ? 3 : e == LF_STORE_INVALID ? 4 : 5;
}

static pid_t desk_b(const char *db, const char *case_id, const char *action, const char *day)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		execl("/proc/self/exe", "test_flow_races", "deskb", db, case_id, action, day, (char *)NULL);
		_exit(91);
	}
	return pid;
}

static int desk_b_wait(pid_t pid)
{
	int status = 0;
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Whichever desk B's reads saw, it does not write: refused (3 or 4). */
static void test_two_extensions_at_once(void **state)
{
	fixture *t = *state;
	char msg[1024];
	lf_saved_case c = handled_case(t);
	assert_int_equal(lf_store_begin(t->st), LF_STORE_OK); /* desk A holds the write lock */
	pid_t b = desk_b(t->db, c.case_id, "extend", "2024-09-20");
	sleep(1); /* desk B reads the case (not extended) and waits for the lock */
	lf_user sun = as(t->st, "sun");
	assert_int_equal(lf_case_extend(t->st, &sun, c.case_id, 10, "wang", "desk A", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_store_commit(t->st), LF_STORE_OK);
	int rb = desk_b_wait(b);
	assert_true(rb == 3 || rb == 4);
	assert_int_equal(event_of(t->st, c.case_id, "extend").n, 1);
	lf_user_free(&sun);
}

static void test_archive_while_instructed(void **state)
{
	fixture *t = *state;
	lf_saved_case c = replied_case(t);
	assert_int_equal(lf_store_begin(t->st), LF_STORE_OK);
	pid_t b = desk_b(t->db, c.case_id, "archive", "2024-02-21");
	sleep(1); /* the archivist's desk has judged the file complete */
	instruct(t, c.case_id);
	assert_int_equal(lf_store_commit(t->st), LF_STORE_OK);
	int rb = desk_b_wait(b);
	assert_true(rb == 3 || rb == 4);
	lf_case_flow f = flow_of(t->st, c.case_id);
	assert_int_equal(f.state, LF_ST_REPLIED);
	lf_case_flow_free(&f);
}

int main(int argc, char **argv)
{
	unsetenv("LANGUAGE");
	if (argc == 6 && !strcmp(argv[1], "deskb"))
		return desk_b_main(argv[2], argv[3], argv[4], argv[5]);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_second_extension_refused, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_archive_gate_read_again, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_gate_passes_when_complete, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_one_flag_keeps_the_other, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_forms_see_another_desk, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_visit_and_hearing_once, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_fifth_representative_once, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_agency_receipt_once, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_delivery_keeps_evaluation_closed, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_two_extensions_at_once, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_archive_while_instructed, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
