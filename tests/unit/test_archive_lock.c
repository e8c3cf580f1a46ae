/* Archived means locked (issue 11): after 归档 every write path of core and
 * of the store is refused on the case, with the gate's sentence, and leaves
 * the case's rows and the audit log as they were; an annotation still goes
 * in; a raw write through SQLite meets the triggers of db/011; and
 * `laifang check` stays clean. */
#include "caseflow_fixture.h"

#include <sqlite3.h>

#include "laifang/stats.h"
#include "laifang/store_flow.h"

/* Every row of the case in the tables that make its file, as text: "nothing
 * changed" is this string unchanged. Read through a second connection. */
static char *snapshot(const char *db, const char *case_id)
{
	static const char *const sql[] = {
		"SELECT * FROM case_file WHERE id = ?1",
		"SELECT * FROM case_event WHERE case_id = ?1 ORDER BY seq",
		"SELECT * FROM case_entry WHERE case_id = ?1 ORDER BY kind, position",
		"SELECT * FROM case_visitor WHERE case_id = ?1 ORDER BY position",
	};
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	size_t cap = 4096, len = 0;
	char *out = calloc(1, cap);
	assert_non_null(out);
	for (size_t q = 0; q < sizeof sql / sizeof *sql; q++) {
		sqlite3_stmt *s = NULL;
		assert_int_equal(sqlite3_prepare_v2(h, sql[q], -1, &s, NULL), SQLITE_OK);
		sqlite3_bind_text(s, 1, case_id, -1, SQLITE_STATIC);
		while (sqlite3_step(s) == SQLITE_ROW) {
			for (int i = 0; i < sqlite3_column_count(s); i++) {
				const char *v = (const char *)sqlite3_column_text(s, i);
				size_t n = (v ? strlen(v) : 4) + 2;
				if (len + n + 1 > cap) {
					cap = (len + n + 1) * 2;
					out = realloc(out, cap);
					assert_non_null(out);
				}
				len += (size_t)snprintf(out + len, cap - len, "%s|", v ? v : "NULL");
			}
			out[len++] = '\n';
			out[len] = '\0';
		}
		sqlite3_finalize(s);
		out[len++] = '#';
		out[len] = '\0';
	}
	sqlite3_close(h);
	return out;
}

typedef struct locked_case {
	lf_saved_case c;
	char *rows;
	int audit;
} locked_case;

/* The refusal said the gate's sentence with the case's number; nothing was
 * written. */
static void refused(fixture *t, locked_case *k, const char *what, lf_store_err e, const char *msg)
{
	if (e != LF_STORE_DENIED)
		fail_msg("%s on an archived case: %d, expected DENIED (%s)", what, e, msg);
	if (!strstr(msg, "archived") || !strstr(msg, k->c.case_no) || !strstr(msg, "only an annotation"))
		fail_msg("%s: the refusal does not say the case is archived: %s", what, msg);
	char *now = snapshot(t->db, k->c.case_id);
	if (strcmp(now, k->rows))
		fail_msg("%s changed the archived case:\nbefore %s\nafter  %s", what, k->rows, now);
	free(now);
	/* A refused read is itself audited (issue 10): one entry, no row. */
	if (strstr(msg, "not among the cases you work on") && n_audit(t->st) == k->audit + 1)
		k->audit++;
	if (n_audit(t->st) != k->audit)
		fail_msg("%s wrote %d audit entries", what, n_audit(t->st) - k->audit);
}

static void problem(const char *p, void *ud)
{
	(void)ud;
	print_message("check: %s\n", p);
}

/* A case through its whole life to the archive: accepted, transferred to
 * the peer agency (zhou's unit), with a category, a leader's instruction,
 * a handling report and a reply. */
static locked_case archived_case(fixture *t)
{
	char msg[1024] = "";
	today("2024-03-01");
	locked_case k = {.c = register_case(t->st, "孙来访", "要求补发拖欠工资")};
	const char *id = k.c.case_id;
	lf_user admin = as(t->st, "admin");
	assert_int_equal(lf_category_add(t->st, &admin, "劳动保障", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_category_add(t->st, &admin, "城乡建设", msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&admin);
	STEP_OK(t->st, "sun", id, LF_STEP_ACCEPT, NULL);
	lf_step_args to_peer = {.unit = U_PEER};
	STEP_OK(t->st, "sun", id, LF_STEP_TRANSFER, &to_peer);
	lf_user sun = as(t->st, "sun");
	assert_int_equal(lf_category_set_case(t->st, &sun, id, "劳动保障", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_case_request_instruction(t->st, &sun, id, "wang", msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&sun);
	lf_user wang = as(t->st, "wang");
	if (lf_case_instruct(t->st, &wang, id, "请市人社局依法处理。", msg, sizeof msg) != LF_STORE_OK)
		fail_msg("instruct: %s", msg);
	lf_user_free(&wang);
	today("2024-03-04");
	STEP_OK(t->st, "zhou", id, LF_STEP_TAKE_UP, NULL);
	lf_step_args report = {.text = "已责令用人单位补发工资。"};
	STEP_OK(t->st, "zhou", id, LF_STEP_REPORT, &report);
	lf_step_args reply = {.text = "已电话答复信访人。", .satisfaction = "satisfied"};
	STEP_OK(t->st, "zhou", id, LF_STEP_REPLY, &reply);
	STEP_OK(t->st, "wu", id, LF_STEP_ARCHIVE, NULL);
	expect_flow(t->st, id, LF_ST_ARCHIVED, "", NULL);
	k.rows = snapshot(t->db, id);
	k.audit = n_audit(t->st);
	return k;
}

/* Nothing was written by a refusal of any kind (a refusal for not being
 * allowed to read the case says so first). */
static void nothing_written(fixture *t, locked_case *k, const char *what, lf_store_err e, const char *msg)
{
	if (e == LF_STORE_OK)
		fail_msg("%s on an archived case was taken (%s)", what, msg);
	char *now = snapshot(t->db, k->c.case_id);
	if (strcmp(now, k->rows))
		fail_msg("%s changed the archived case", what);
	free(now);
	/* A refused read is itself audited (issue 10): one entry, no row. */
	if (strstr(msg, "not among the cases you work on") && n_audit(t->st) == k->audit + 1)
		k->audit++;
	if (n_audit(t->st) != k->audit)
		fail_msg("%s wrote %d audit entries (%s)", what, n_audit(t->st) - k->audit, msg);
}

/* Every step of the state machine, by someone who holds its permission. */
static void test_steps(void **state)
{
	fixture *t = *state;
	locked_case k = archived_case(t);
	lf_step_args args = {.unit = U_PEER, .due = "2024-04-30", .reason = "重新办理。", .text = "再次答复。",
	                     .satisfaction = "satisfied"};
	for (int s = 0; s < LF_STEP_COUNT; s++) {
		const lf_step_def *def = lf_step_get((lf_step)s);
		assert_non_null(def);
		/* Everyone who holds the step's permission: those who may read
		 * the case hear the lock, the others that it is not theirs. */
		int locked = 0;
		for (size_t i = 0; i < N_PEOPLE; i++) {
			if (!lf_can(people[i].roles, def->perm))
				continue;
			char msg[1024] = "";
			lf_store_err e = step_as(t->st, people[i].login, k.c.case_id, (lf_step)s, &args, msg, sizeof msg);
			nothing_written(t, &k, def->key, e, msg);
			if (!strstr(msg, "not among the cases you work on")) {
				refused(t, &k, def->key, e, msg);
				locked++;
			}
		}
		if (!locked)
			fail_msg("%s: nobody who may read the case was refused with the lock", def->key);
	}
	free(k.rows);
}

/* Everything else core adds to a case: owner, instruction request, flags,
 * 督办, extension, representative, headcount, the visit's flow, a signed
 * instruction, the category. */
static void test_acts(void **state)
{
	fixture *t = *state;
	locked_case k = archived_case(t);
	const char *id = k.c.case_id;
	char msg[1024] = "";
	lf_user sun = as(t->st, "sun");
	refused(t, &k, "own", lf_case_set_owner(t->st, &sun, id, "wang", msg, sizeof msg), msg);
	refused(t, &k, "request_instruction", lf_case_request_instruction(t->st, &sun, id, "wang", msg, sizeof msg),
	        msg);
	refused(t, &k, "flags", lf_case_set_flags(t->st, &sun, id, 1, 1, msg, sizeof msg), msg);
	refused(t, &k, "supervise", lf_case_supervise(t->st, &sun, id, "请抓紧办理。", msg, sizeof msg), msg);
	refused(t, &k, "extend", lf_case_extend(t->st, &sun, id, 10, "wang", "情况复杂。", msg, sizeof msg), msg);
	refused(t, &k, "category", lf_category_set_case(t->st, &sun, k.c.case_no, "城乡建设", msg, sizeof msg), msg);
	refused(t, &k, "category cleared", lf_category_set_case(t->st, &sun, id, "", msg, sizeof msg), msg);
	lf_user_free(&sun);
	lf_user zhang = as(t->st, "zhang");
	refused(t, &k, "representative",
	        lf_case_add_representative(t->st, &zhang, id, "110105194912310046", "李代表", "男", "13912345678",
	                                   "北京市朝阳区", msg, sizeof msg),
	        msg);
	refused(t, &k, "headcount", lf_case_set_headcount(t->st, &zhang, id, 3, msg, sizeof msg), msg);
	for (lf_visit_step v = LF_VISIT_WAIT; v <= LF_VISIT_RETURNED; v++)
		refused(t, &k, "visit", lf_case_visit(t->st, &zhang, id, v, msg, sizeof msg), msg);
	lf_user_free(&zhang);
	lf_user wang = as(t->st, "wang");
	refused(t, &k, "own (a leader for themselves)", lf_case_set_owner(t->st, &wang, id, NULL, msg, sizeof msg), msg);
	refused(t, &k, "instruct", lf_case_instruct(t->st, &wang, k.c.case_no, "再请研究。", msg, sizeof msg), msg);
	lf_user_free(&wang);
	free(k.rows);
}

/* The store's own writes, called without core (the gate is in the store). */
static void test_store_gate(void **state)
{
	fixture *t = *state;
	locked_case k = archived_case(t);
	const char *id = k.c.case_id;
	lf_user wang = as(t->st, "wang");
	lf_store_err e = lf_store_case_unlocked(t->st, k.c.case_no);
	refused(t, &k, "unlocked?", e, lf_store_errmsg(t->st));
	lf_event_in flag = {.case_id = id, .kind = "flag", .urgent = 1, .major = -1};
	e = lf_store_case_event(t->st, &flag);
	refused(t, &k, "store flag", e, lf_store_errmsg(t->st));
	lf_event_in back = {.case_id = id, .kind = "accept", .to_state = "accepted", .urgent = -1, .major = -1};
	e = lf_store_case_event(t->st, &back);
	refused(t, &k, "store step back", e, lf_store_errmsg(t->st));
	/* An "annotation" that would move the case is no annotation. */
	lf_event_in sly = {.case_id = id, .kind = "annotate", .to_state = "accepted", .text = "x", .urgent = -1,
	                   .major = -1};
	e = lf_store_case_event(t->st, &sly);
	refused(t, &k, "store annotate with a state", e, lf_store_errmsg(t->st));
	e = lf_store_case_sign(t->st, id, "instruction", "改批。", wang.id, "王五（副局长）", "2024-03-02T10:00:00+08:00");
	refused(t, &k, "store sign", e, lf_store_errmsg(t->st));
	e = lf_store_case_set_category(t->st, id, "城乡建设");
	refused(t, &k, "store category", e, lf_store_errmsg(t->st));
	e = lf_store_case_add_visitor(t->st, id, "110105194912310046", "李代表", NULL, NULL, NULL);
	refused(t, &k, "store representative", e, lf_store_errmsg(t->st));
	e = lf_store_case_set_headcount(t->st, id, 4);
	refused(t, &k, "store headcount", e, lf_store_errmsg(t->st));
	lf_user_free(&wang);
	/* An open case passes the gate. */
	lf_saved_case open = register_case(t->st, "周来访", "反映噪音扰民");
	assert_int_equal(lf_store_case_unlocked(t->st, open.case_id), LF_STORE_OK);
	free(k.rows);
}

/* The annotation still goes in, audited, and touches only the timeline;
 * the log's check stays clean afterwards. */
static void test_annotation(void **state)
{
	fixture *t = *state;
	locked_case k = archived_case(t);
	char msg[1024] = "";
	lf_user wu = as(t->st, "wu");
	assert_int_equal(lf_case_annotate(t->st, &wu, k.c.case_id, "卷宗已装订，存档号A-17。", msg, sizeof msg),
	                 LF_STORE_OK);
	lf_user_free(&wu);
	assert_string_equal(event_of(t->st, k.c.case_id, "annotate").text, "卷宗已装订，存档号A-17。");
	assert_int_equal(n_audit(t->st), k.audit + 1);
	/* case_file itself is as it was: only the timeline grew. */
	char *now = snapshot(t->db, k.c.case_id);
	char *file_then = strndup(k.rows, strcspn(k.rows, "#"));
	assert_int_equal(strncmp(now, file_then, strlen(file_then)), 0);
	assert_true(strlen(now) > strlen(k.rows));
	free(file_then);
	free(now);
	expect_flow(t->st, k.c.case_id, LF_ST_ARCHIVED, "", NULL);
	assert_int_equal(lf_store_check(t->st, problem, NULL), 0);
	free(k.rows);
}

/* A write that goes round laifang meets the triggers. */
static void test_triggers(void **state)
{
	fixture *t = *state;
	locked_case k = archived_case(t);
	static const char *const raw[] = {
		"UPDATE case_file SET content = '改写的诉求' WHERE id = '%s'",
		"UPDATE case_file SET status = 'accepted' WHERE id = '%s'",
		"DELETE FROM case_file WHERE id = '%s'",
		"INSERT INTO case_event (case_id, seq, kind, at, by_name) VALUES ('%s', 99, 'flag', "
		"'2024-03-02T10:00:00+08:00', 'x')",
		"UPDATE case_event SET text = 'x' WHERE case_id = '%s'",
		"DELETE FROM case_event WHERE case_id = '%s'",
		"UPDATE case_entry SET text = '改批' WHERE case_id = '%s'",
		"DELETE FROM case_entry WHERE case_id = '%s'",
		"UPDATE case_visitor SET name = '别人' WHERE case_id = '%s'",
		"DELETE FROM case_visitor WHERE case_id = '%s'",
	};
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open(t->db, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 2000);
	for (size_t i = 0; i < sizeof raw / sizeof *raw; i++) {
		char *sql = sqlite3_mprintf(raw[i], k.c.case_id);
		char *err = NULL;
		int rc = sqlite3_exec(h, sql, NULL, NULL, &err);
		if (rc == SQLITE_OK || !err || !strstr(err, "archived"))
			fail_msg("%s: %d %s", sql, rc, err ? err : "(no error)");
		sqlite3_free(err);
		sqlite3_free(sql);
	}
	/* A raw annotation is what the triggers let through. */
	char *sql = sqlite3_mprintf("INSERT INTO case_event (case_id, seq, kind, at, by_name, text) VALUES ('%s', 99, "
	                            "'annotate', '2024-03-02T10:00:00+08:00', 'x', 'y')",
	                            k.c.case_id);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_free(sql);
	sqlite3_close(h);
	/* The store's message for a trigger's refusal is the lock's. */
	char *now = snapshot(t->db, k.c.case_id);
	assert_int_equal(strncmp(now, k.rows, strcspn(k.rows, "#")), 0);
	free(now);
	free(k.rows);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_steps, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_acts, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_store_gate, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_annotation, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_triggers, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
