/* Issue 11, reception days: slots on days off (a public holiday, a weekend
 * not worked) refuse an import and a publication, naming each, unless an
 * approving leader confirms them; the approval is the leader's own password
 * at that moment (counted and locked out like a login); a published slot
 * that changes makes the publication stale; no photo after the leader has
 * signed the log; quotas over whole periods for every leader on the roster.
 * The office calendar of 2026 (db/calendar): 10-01..07 国庆节, Saturday
 * 10-10 worked in exchange, Sunday 10-11 not. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "laifang/auth.h"
#include "laifang/reception.h"
#include "laifang/store.h"
#include "laifang/store_audit.h"
#include "laifang/store_people.h"
#include "laifang/store_reception.h"
#include "test_clock.h"

#define BOSS_PW "局长的密码-2026"

typedef struct fx {
	char dir[64], db[160], out[200];
	lf_store *st;
	lf_user admin, leader, boss;
} fx;

static void get_user(fx *t, const char *login, lf_user *u)
{
	if (lf_store_user_get(t->st, login, u, NULL) != LF_STORE_OK)
		fail_msg("user %s: %s", login, lf_store_errmsg(t->st));
}

static int setup(void **state)
{
	fx *t = calloc(1, sizeof *t);
	char msg[512], hash[LF_PWHASH_LEN];
	lf_store_err e;
	test_clock_day("2026-09-15");
	snprintf(t->dir, sizeof t->dir, "/tmp/laifang-srl-XXXXXX");
	if (!mkdtemp(t->dir))
		return -1;
	snprintf(t->db, sizeof t->db, "%s/laifang.db", t->dir);
	snprintf(t->out, sizeof t->out, "%s/public", t->dir);
	if (!(t->st = lf_store_open(t->db, &e, msg, sizeof msg)) || lf_password_hash(BOSS_PW, hash) != 0)
		return -1;
	if (lf_store_user_add(t->st, "admin", "管理员", NULL, NULL, LF_ROLE_ADMIN | LF_ROLE_LEADER, hash, NULL) ||
	    lf_store_user_add(t->st, "leader", "李明", "副局长", NULL, LF_ROLE_LEADER, "x", NULL) ||
	    lf_store_user_add(t->st, "boss", "杨伟强", "局长", NULL, LF_ROLE_LEADER, hash, NULL) ||
	    lf_store_user_add(t->st, "clerk", "王小红", NULL, NULL, LF_ROLE_CLERK, hash, NULL) ||
	    lf_store_user_add(t->st, "zhao", "赵敏", "副县长", NULL, LF_ROLE_LEADER, "x", NULL))
		return -1;
	get_user(t, "admin", &t->admin);
	get_user(t, "leader", &t->leader);
	get_user(t, "boss", &t->boss);
	lf_store_set_actor(t->st, t->admin.id, t->admin.login);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	fx *t = *state;
	lf_store_close(t->st);
	lf_user_free(&t->admin);
	lf_user_free(&t->leader);
	lf_user_free(&t->boss);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
	if (system(cmd) != 0)
		return -1;
	free(t);
	return 0;
}

static void raw_text(const fx *t, const char *sql, char *buf, size_t len)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	buf[0] = '\0';
	assert_int_equal(sqlite3_open(t->db, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		snprintf(buf, len, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
}

static long long raw(const fx *t, const char *sql)
{
	char buf[64];
	raw_text(t, sql, buf, sizeof buf);
	return buf[0] ? atoll(buf) : -1;
}

static lf_slot_rec slot_of(int y, int m, int d, const char *leader, const char *level)
{
	lf_slot_rec r;
	memset(&r, 0, sizeof r);
	r.slot.date = (lf_date){y, m, d};
	r.slot.start = 9 * 60 + 30;
	r.slot.end = 11 * 60 + 30;
	snprintf(r.slot.leader.name, sizeof r.slot.leader.name, "%s", leader);
	snprintf(r.slot.leader.level, sizeof r.slot.leader.level, "%s", level ? level : "");
	snprintf(r.slot.department, sizeof r.slot.department, "办公室");
	snprintf(r.slot.location, sizeof r.slot.location, "信访接待室");
	return r;
}

/* October 2026: the holiday, a make-up Saturday, a Sunday off, a Monday. */
static void october(lf_slot_rec r[4])
{
	r[0] = slot_of(2026, 10, 1, "李明", "county");
	r[1] = slot_of(2026, 10, 10, "李明", "county");
	r[2] = slot_of(2026, 10, 11, "杨伟强", "county");
	r[3] = slot_of(2026, 10, 12, "杨伟强", "county");
}

static void test_import_days_off(void **state)
{
	fx *t = *state;
	char msg[5120], text[512];
	lf_slot_rec r[4];
	october(r);
	assert_int_equal(lf_schedule_days_off(t->st, r, 4, msg, sizeof msg, text, sizeof text), 2);
	assert_string_equal(text, "\"2026-10-01\",\"2026-10-11\"");

	/* Refused, naming each day off (not the make-up Saturday), nothing in. */
	assert_int_equal(lf_schedule_import(t->st, &t->admin, r, 4, NULL, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "2026-10-01 is a public holiday (国庆节), yet 李明 is booked on it"));
	assert_non_null(strstr(msg, "2026-10-11 is a Sunday and not a working day, yet 杨伟强 is booked on it"));
	assert_null(strstr(msg, "2026-10-10"));
	assert_null(strstr(msg, "2026-10-12"));
	assert_non_null(strstr(msg, "2 slot(s) fall on days off"));
	assert_int_equal(raw(t, "SELECT count(*) FROM schedule_slot"), 0);
	/* An approval that does not confirm the days off is no exception. */
	lf_approval plain = {"boss", BOSS_PW, NULL, false};
	assert_int_equal(lf_schedule_import(t->st, &t->admin, r, 4, &plain, msg, sizeof msg), LF_STORE_INVALID);
	/* A login name typed without the leader's password is not approval. */
	lf_approval typed = {"boss", NULL, NULL, true};
	assert_int_equal(lf_schedule_import(t->st, &t->admin, r, 4, &typed, msg, sizeof msg), LF_STORE_INVALID);
	lf_approval wrong = {"boss", "不是这个密码", NULL, true};
	assert_int_equal(lf_schedule_import(t->st, &t->admin, r, 4, &wrong, msg, sizeof msg), LF_STORE_DENIED);
	assert_non_null(strstr(msg, "wrong login or password"));
	/* Not a leader: a clerk's right password approves nothing. */
	lf_approval clerk = {"clerk", BOSS_PW, NULL, true};
	assert_int_equal(lf_schedule_import(t->st, &t->admin, r, 4, &clerk, msg, sizeof msg), LF_STORE_DENIED);
	assert_non_null(strstr(msg, "接访领导"));
	/* Nor one's own approval, though the administrator is also a leader. */
	lf_approval self = {"admin", BOSS_PW, NULL, true};
	assert_int_equal(lf_schedule_import(t->st, &t->admin, r, 4, &self, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(raw(t, "SELECT count(*) FROM schedule_slot"), 0);

	lf_approval ok = {"boss", BOSS_PW, NULL, true};
	assert_int_equal(lf_schedule_import(t->st, &t->admin, r, 4, &ok, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(raw(t, "SELECT count(*) FROM schedule_slot"), 4);
	raw_text(t, "SELECT json_extract(a.changes, '$.days_off') || '|' || u.login FROM audit_log a "
	            "JOIN app_user u ON u.id = json_extract(a.changes, '$.approver_id') "
	            "WHERE a.action = 'schedule.exception'", text, sizeof text);
	assert_string_equal(text, "[\"2026-10-01\",\"2026-10-11\"]|boss");
	/* The leader's confirmation is logged under them. */
	assert_int_equal(raw(t, "SELECT count(*) FROM audit_log a JOIN app_user u ON u.id = a.record "
	                        "WHERE a.action = 'login.confirm' AND u.login = 'boss'"), 1);
	/* A clean schedule needs no approval at all. */
	lf_slot_rec nov = slot_of(2026, 11, 23, "李明", "county");
	assert_int_equal(lf_schedule_import(t->st, &t->admin, &nov, 1, NULL, msg, sizeof msg), LF_STORE_OK);
}

static void test_publish_days_off_and_approval(void **state)
{
	fx *t = *state;
	char msg[5120], html[512], csv[512], text[512];
	lf_slot_rec r[4];
	october(r);
	assert_int_equal(lf_schedule_store_add(t->st, &t->admin, r, 4, msg, sizeof msg), LF_STORE_OK);
	/* Every publication is approved (seeds 001, 002). */
	assert_int_equal(lf_schedule_publish(t->st, &t->admin, 2026, 10, t->out, NULL, html, csv, sizeof html, msg,
	                                     sizeof msg),
	                 LF_STORE_INVALID);
	lf_approval plain = {"boss", BOSS_PW, NULL, false};
	assert_int_equal(lf_schedule_publish(t->st, &t->admin, 2026, 10, t->out, &plain, html, csv, sizeof html, msg,
	                                     sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "2026-10-01 is a public holiday (国庆节)"));
	assert_non_null(strstr(msg, "2026-10-11 is a Sunday"));
	assert_non_null(strstr(msg, "Not published"));
	assert_false(lf_schedule_published(t->st, 2026, 10, NULL));
	struct stat sb;
	assert_int_not_equal(stat(t->out, &sb), 0); /* nothing written */

	lf_approval ok = {"boss", BOSS_PW, NULL, true};
	assert_int_equal(lf_schedule_publish(t->st, &t->admin, 2026, 10, t->out, &ok, html, csv, sizeof html, msg,
	                                     sizeof msg),
	                 LF_STORE_OK);
	assert_non_null(strstr(msg, "杨伟强（局长）"));
	raw_text(t, "SELECT approver_name || '|' || exceptions || '|' || (stale_at IS NULL) FROM schedule_publication",
	         text, sizeof text);
	assert_string_equal(text, "杨伟强（局长）|[\"2026-10-01\",\"2026-10-11\"]|1");
	raw_text(t, "SELECT json_extract(changes, '$.approver') || '|' || json_extract(changes, '$.days_off[1]') "
	            "FROM audit_log WHERE action = 'schedule.publish'", text, sizeof text);
	assert_string_equal(text, "杨伟强（局长）|2026-10-11");
}

/* Five wrong passwords lock the approver out like a login: then even the
 * right one approves nothing until the lock ends. */
static void test_approval_lock_out(void **state)
{
	fx *t = *state;
	char msg[5120], html[512], csv[512];
	lf_slot_rec r = slot_of(2026, 12, 23, "李明", "county");
	assert_int_equal(lf_schedule_store_add(t->st, &t->admin, &r, 1, msg, sizeof msg), LF_STORE_OK);
	lf_approval wrong = {"boss", "猜一猜-000", NULL, false};
	for (int i = 0; i < 5; i++)
		assert_int_equal(lf_schedule_publish(t->st, &t->admin, 2026, 12, t->out, &wrong, html, csv, sizeof html,
		                                     msg, sizeof msg),
		                 LF_STORE_DENIED);
	assert_non_null(strstr(msg, "locked"));
	lf_approval ok = {"boss", BOSS_PW, NULL, false};
	assert_int_equal(lf_schedule_publish(t->st, &t->admin, 2026, 12, t->out, &ok, html, csv, sizeof html, msg,
	                                     sizeof msg),
	                 LF_STORE_DENIED);
	assert_non_null(strstr(msg, "locked"));
	assert_false(lf_schedule_published(t->st, 2026, 12, NULL));
	assert_true(raw(t, "SELECT count(*) FROM audit_log a JOIN app_user u ON u.id = a.record "
	                   "WHERE a.action IN ('login.fail', 'login.locked') AND u.login = 'boss'") >= 5);
	/* The desk stays the administrator's: their next write is theirs. */
	raw_text(t, "SELECT login FROM audit_log ORDER BY seq DESC LIMIT 1", msg, sizeof msg);
	assert_string_equal(msg, "admin");
}

static void test_changed_slot_makes_publication_stale(void **state)
{
	fx *t = *state;
	char msg[5120], html[512], csv[512], at[LF_TIMESTAMP_LEN];
	lf_slot_rec r = slot_of(2026, 12, 23, "李明", "county");
	assert_int_equal(lf_schedule_store_add(t->st, &t->admin, &r, 1, msg, sizeof msg), LF_STORE_OK);
	lf_approval ok = {"boss", BOSS_PW, "领导另有公务", false};
	assert_int_equal(lf_schedule_publish(t->st, &t->admin, 2026, 12, t->out, &ok, html, csv, sizeof html, msg,
	                                     sizeof msg),
	                 LF_STORE_OK);
	assert_false(lf_schedule_stale(t->st, 2026, 12, NULL));
	assert_false(lf_schedule_stale_notice(t->st, (lf_date){2026, 12, 1}, msg, sizeof msg));

	lf_slot_rec ch = r;
	ch.slot.date.d = 24;
	assert_int_equal(lf_schedule_edit(t->st, &t->admin, &ch, &ok, msg, sizeof msg), LF_STORE_OK);
	assert_true(lf_schedule_stale(t->st, 2026, 12, at));
	assert_memory_equal(at, "2026-09-15", 10);
	assert_true(lf_schedule_stale_notice(t->st, (lf_date){2026, 12, 1}, msg, sizeof msg));
	assert_non_null(strstr(msg, "2026-12"));
	assert_non_null(strstr(msg, "publish it again"));
	/* Once the month is over, it is no news. */
	assert_false(lf_schedule_stale_notice(t->st, (lf_date){2027, 1, 4}, msg, sizeof msg));
	/* Published again: fresh. */
	assert_int_equal(lf_schedule_publish(t->st, &t->admin, 2026, 12, t->out, &ok, html, csv, sizeof html, msg,
	                                     sizeof msg),
	                 LF_STORE_OK);
	assert_false(lf_schedule_stale(t->st, 2026, 12, NULL));
	assert_false(lf_schedule_stale_notice(t->st, (lf_date){2026, 12, 1}, msg, sizeof msg));
	/* A slot added to a published month makes it stale too. */
	lf_slot_rec more = slot_of(2026, 12, 28, "杨伟强", "county");
	assert_int_equal(lf_schedule_store_add(t->st, &t->admin, &more, 1, msg, sizeof msg), LF_STORE_OK);
	assert_true(lf_schedule_stale(t->st, 2026, 12, NULL));
	/* A month not published is never stale. */
	assert_false(lf_schedule_stale(t->st, 2027, 1, NULL));
}

static void test_no_photo_after_leader_signs(void **state)
{
	fx *t = *state;
	char msg[512], path[300];
	lf_slot_rec r = slot_of(2026, 11, 23, "李明", "county");
	assert_int_equal(lf_schedule_store_add(t->st, &t->admin, &r, 1, msg, sizeof msg), LF_STORE_OK);
	lf_reception_log l;
	assert_int_equal(lf_reception_open(t->st, &t->leader, "2026-11-23", &l, msg, sizeof msg), LF_STORE_OK);
	l.situation = strdup("接待群众 2 批 3 人。");
	l.instruction = strdup("请住建局核查。");
	assert_int_equal(lf_reception_save(t->st, &t->leader, &l, msg, sizeof msg), LF_STORE_OK);
	lf_reception_log_free(&l);
	snprintf(path, sizeof path, "%s/接访现场.jpg", t->dir);
	FILE *f = fopen(path, "wb");
	fputs("photo-1", f);
	fclose(f);
	assert_int_equal(lf_reception_attach(t->st, &t->leader, "2026-11-23", path, NULL, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_reception_sign(t->st, &t->leader, "2026-11-23", LF_RLOG_INSTRUCTION, msg, sizeof msg),
	                 LF_STORE_OK);
	f = fopen(path, "wb");
	fputs("photo-2", f);
	fclose(f);
	assert_int_equal(lf_reception_attach(t->st, &t->leader, "2026-11-23", path, NULL, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "signed"));
	/* The store refuses too, whoever calls it. */
	lf_attachment a = {.size = 7};
	snprintf(a.sha256, sizeof a.sha256, "%064d", 0);
	snprintf(a.name, sizeof a.name, "后补.jpg");
	snprintf(a.type, sizeof a.type, "image/jpeg");
	assert_int_equal(lf_store_reception_attach(t->st, "2026-11-23", &a, t->leader.id), LF_STORE_INVALID);
	assert_int_equal(raw(t, "SELECT count(*) FROM reception_attachment"), 1);
}

static bool has(const lf_shortfalls *r, const char *text)
{
	for (size_t i = 0; i < r->n; i++)
		if (strstr(r->items[i].message, text))
			return true;
	return false;
}

static void test_quota_whole_periods_whole_roster(void **state)
{
	fx *t = *state;
	char msg[512], unranked[256];
	/* 李明 (county: a day a month) was last on a slot in November; 王强
	 * (town: a day a week) is on every Monday from 11-30 but the last week;
	 * 周丽 (deputy: a day a quarter) came in October; 赵敏 is a leader
	 * with no slot ever. */
	lf_slot_rec r[] = {
		slot_of(2026, 11, 23, "李明", "county"), slot_of(2026, 11, 30, "王强", "town"),
		slot_of(2026, 12, 7, "王强", "town"),    slot_of(2026, 12, 14, "王强", "town"),
		slot_of(2026, 12, 21, "王强", "town"),   slot_of(2026, 10, 15, "周丽", "deputy"),
	};
	assert_int_equal(lf_schedule_store_add(t->st, &t->admin, r, sizeof r / sizeof *r, msg, sizeof msg),
	                 LF_STORE_OK);
	lf_shortfalls s;
	lf_shortfalls_init(&s);
	assert_int_equal(lf_schedule_quota_month(t->st, 2026, 12, &s, unranked, sizeof unranked), LF_STORE_OK);
	/* No slot in December, yet on the roster. */
	assert_true(has(&s, "李明: 0 of 1 reception days in the month 2026-12-01 to 2026-12-31"));
	/* The week of 11-30 counts its Monday in November: no shortfall. */
	assert_false(has(&s, "王强: 0 of 1 reception days in the week 2026-11-30"));
	assert_false(has(&s, "2026-12-01 to 2026-12-06"));
	/* The last week runs into January and is checked whole. */
	assert_true(has(&s, "王强: 0 of 1 reception days in the week 2026-12-28 to 2027-01-03"));
	/* The quarter: October's day counts for December's check. */
	assert_false(has(&s, "周丽"));
	assert_int_equal(s.n, 2);
	/* Leaders whose level no slot gives are named, not silently passed. */
	assert_non_null(strstr(unranked, "赵敏"));
	assert_non_null(strstr(unranked, "杨伟强"));
	assert_null(strstr(unranked, "李明"));
	lf_shortfalls_free(&s);
}

int main(void)
{
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_import_days_off, setup, teardown),
		cmocka_unit_test_setup_teardown(test_publish_days_off_and_approval, setup, teardown),
		cmocka_unit_test_setup_teardown(test_approval_lock_out, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_slot_makes_publication_stale, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_photo_after_leader_signs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quota_whole_periods_whole_roster, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
