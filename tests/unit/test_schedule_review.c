/* The confidentiality review of a publication (issue 15): prepared by one
 * person, approved by another with review_publication, never by the
 * preparer; only the approved table is written out as final; a table
 * changed after it was prepared is refused; the year's table with the
 * leaders' 分管工作 and an accepted day off. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "laifang/auth.h"
#include "laifang/people.h"
#include "laifang/reception.h"
#include "laifang/store.h"
#include "laifang/store_people.h"
#include "laifang/store_reception.h"
#include "test_clock.h"

#include "reception_fixture.h"

static int setup(void **state)
{
	return fx_setup(state, "/tmp/laifang-rev-XXXXXX", "chief", "张主任", "主任", LF_ROLE_ADMIN | LF_ROLE_LEADER);
}

static int teardown(void **state)
{
	return fx_teardown(state);
}

/* A slot on y-m-d, 09:30-11:30, of a leader. */
static lf_slot_rec slot_of(int y, int m, int d, const char *leader, const char *title, const char *dept)
{
	lf_slot_rec r;
	memset(&r, 0, sizeof r);
	r.slot.date = (lf_date){y, m, d};
	r.slot.start = 9 * 60 + 30;
	r.slot.end = 11 * 60 + 30;
	snprintf(r.slot.leader.name, sizeof r.slot.leader.name, "%s", leader);
	snprintf(r.slot.leader.title, sizeof r.slot.leader.title, "%s", title);
	snprintf(r.slot.department, sizeof r.slot.department, "%s", dept);
	snprintf(r.slot.location, sizeof r.slot.location, "信访接待室");
	snprintf(r.slot.contact, sizeof r.slot.contact, "王贤熙");
	return r;
}

static void add_ok(fx *t, lf_slot_rec *r, size_t n)
{
	char msg[512];
	if (lf_schedule_store_add(t->st, &t->admin, r, n, msg, sizeof msg) != LF_STORE_OK)
		fail_msg("add: %s", msg);
}


/* The whole file as text (the public tables are small). */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	static char buf[65536];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static bool exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

/* One prepares (the chief: administrator and leader), another approves: the
 * preparer may not, a clerk may not, an administrator without the
 * permission may not; only the approved table is written out as final. */
static void test_prepare_then_approve(void **state)
{
	fx *t = *state;
	const lf_user *chief = &t->handler;
	char msg[1024], html[512], csv[512], out[600], path[700];
	lf_slot_rec r = slot_of(2026, 12, 23, "李明", "副局长", "办公室");
	add_ok(t, &r, 1);
	snprintf(out, sizeof out, "%s/public", t->dir);
	assert_int_equal(lf_schedule_approve(t->st, &t->leader, 2026, 12, out, false, html, csv, sizeof html, msg,
	                                     sizeof msg),
	                 LF_STORE_NOTFOUND); /* nothing prepared */
	assert_int_equal(lf_schedule_prepare(t->st, &t->clerk, 2026, 12, out, html, csv, sizeof html, msg, sizeof msg),
	                 LF_STORE_DENIED);
	assert_int_equal(lf_schedule_prepare(t->st, chief, 2026, 12, out, html, csv, sizeof html, msg, sizeof msg),
	                 LF_STORE_OK);
	snprintf(path, sizeof path, "%s/schedule-2026-12.draft.csv", out);
	assert_string_equal(csv, path);
	assert_non_null(strstr(slurp(html), "送审稿：待保密审查"));
	snprintf(path, sizeof path, "%s/schedule-2026-12.csv", out);
	assert_false(exists(path));
	assert_false(lf_schedule_published(t->st, 2026, 12, NULL));
	assert_int_equal(raw(t, "SELECT count(*) FROM audit_log WHERE action = 'schedule.prepare'"), 1);

	assert_int_equal(lf_schedule_approve(t->st, chief, 2026, 12, out, false, html, csv, sizeof html, msg, sizeof msg),
	                 LF_STORE_DENIED);
	assert_non_null(strstr(msg, "someone other than who prepared"));
	assert_int_equal(lf_schedule_approve(t->st, &t->clerk, 2026, 12, out, false, html, csv, sizeof html, msg,
	                                     sizeof msg),
	                 LF_STORE_DENIED);
	assert_int_equal(lf_schedule_approve(t->st, &t->admin, 2026, 12, out, false, html, csv, sizeof html, msg,
	                                     sizeof msg),
	                 LF_STORE_DENIED);
	assert_non_null(strstr(msg, "confidentiality review"));
	assert_false(exists(path));

	assert_int_equal(lf_schedule_approve(t->st, &t->leader, 2026, 12, out, false, html, csv, sizeof html, msg,
	                                     sizeof msg),
	                 LF_STORE_OK);
	assert_string_equal(csv, path);
	assert_true(lf_schedule_published(t->st, 2026, 12, NULL));
	const char *c = slurp(csv);
	assert_non_null(strstr(c, "印发日期,2026年11月23日"));
	assert_null(strstr(c, "送审稿"));
	char text[512];
	raw_text(t, "SELECT by_name || '|' || approver_name || '|' || (approved_at IS NOT NULL) || '|' || "
	            "length(draft_sha256) || '|' || length(csv_sha256) FROM schedule_publication",
	         text, sizeof text);
	assert_string_equal(text, "张主任（主任）|李明（副局长）|1|64|64");
	/* The approver in the audit entry (the actor is the session's: the e2e
	 * test checks it under the approver's login). */
	assert_int_equal(raw(t, "SELECT count(*) FROM audit_log a JOIN app_user u ON u.id = "
	                        "json_extract(a.changes, '$.approver_id') WHERE a.action = 'schedule.approve' AND "
	                        "a.record = '2026-12' AND u.login = 'leader'"),
	                 1);
	/* Approved once: nothing awaits a second approval. */
	assert_int_equal(lf_schedule_approve(t->st, &t->leader2, 2026, 12, out, false, html, csv, sizeof html, msg,
	                                     sizeof msg),
	                 LF_STORE_NOTFOUND);
}

/* The reviewer approves what they read: a table that changed after it was
 * prepared is refused, nothing written. */
static void test_changed_after_prepare(void **state)
{
	fx *t = *state;
	char msg[1024], html[512], csv[512], out[600], path[700];
	lf_slot_rec r = slot_of(2026, 12, 23, "李明", "副局长", "办公室");
	add_ok(t, &r, 1);
	snprintf(out, sizeof out, "%s/public", t->dir);
	assert_int_equal(lf_schedule_prepare(t->st, &t->admin, 2026, 12, out, html, csv, sizeof html, msg, sizeof msg),
	                 LF_STORE_OK);
	lf_slot_rec more = slot_of(2026, 12, 24, "杨伟强", "局长", "人事处");
	add_ok(t, &more, 1);
	assert_int_equal(lf_schedule_approve(t->st, &t->leader, 2026, 12, out, false, html, csv, sizeof html, msg,
	                                     sizeof msg),
	                 LF_STORE_CONFLICT);
	assert_non_null(strstr(msg, "changed after it was prepared"));
	snprintf(path, sizeof path, "%s/schedule-2026-12.csv", out);
	assert_false(exists(path));
	assert_false(lf_schedule_published(t->st, 2026, 12, NULL));
}

/* A leader's 分管工作 on the year's table, the slots of two months numbered
 * in one series; a day off needs the approver's acceptance and is noted. */
static void test_year_portfolio_days_off(void **state)
{
	fx *t = *state;
	char msg[1024], html[512], csv[512], out[600];
	assert_int_equal(lf_people_set_portfolio(t->st, &t->clerk, "leader", "分管信访", msg, sizeof msg),
	                 LF_STORE_DENIED);
	assert_int_equal(lf_people_set_portfolio(t->st, &t->admin, "leader", "分管信访、执法监督", msg, sizeof msg),
	                 LF_STORE_OK);
	lf_slot_rec r[2] = {slot_of(2026, 3, 12, "李明", "副局长", "办公室"),
	                    slot_of(2026, 12, 26, "杨伟强", "局长", "人事处")}; /* a Saturday */
	add_ok(t, &r[0], 1);
	/* The day off goes in with the leader's acceptance (issue 11). */
	lf_approval ok = boss_ok;
	ok.days_off = true;
	if (lf_schedule_import(t->st, &t->admin, &r[1], 1, &ok, msg, sizeof msg) != LF_STORE_OK)
		fail_msg("import: %s", msg);
	snprintf(out, sizeof out, "%s/public", t->dir);
	assert_int_equal(lf_schedule_prepare(t->st, &t->admin, 2026, 0, out, html, csv, sizeof html, msg, sizeof msg),
	                 LF_STORE_OK);
	assert_non_null(strstr(msg, "2026-12-26"));
	assert_int_equal(lf_schedule_approve(t->st, &t->leader, 2026, 0, out, false, html, csv, sizeof html, msg,
	                                     sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(lf_schedule_approve(t->st, &t->leader, 2026, 0, out, true, html, csv, sizeof html, msg,
	                                     sizeof msg),
	                 LF_STORE_OK);
	char path[700];
	snprintf(path, sizeof path, "%s/schedule-2026.csv", out);
	assert_string_equal(csv, path);
	const char *c = slurp(csv);
	assert_non_null(strstr(c, "2026年度领导干部公开接访安排表"));
	assert_non_null(strstr(c, "1,2026年3月12日 星期四,09:30-11:30,李明,副局长,分管信访、执法监督,定点接访"));
	assert_non_null(strstr(c, "2,2026年12月26日 星期六,09:30-11:30,杨伟强,局长,,定点接访"));
	assert_non_null(strstr(c, "经批准在休息日接访"));
	char text[256];
	raw_text(t, "SELECT month || '|' || exceptions FROM schedule_publication", text, sizeof text);
	assert_string_equal(text, "2026|[\"2026-12-26\"]");
	/* The year's publication is not a month's. */
	assert_false(lf_schedule_published(t->st, 2026, 3, NULL));
}

/* Two administrators edit one slot: the second form opened before the
 * first saved, so its save is refused and the first's change stays. */
static void test_slot_edited_at_two_desks(void **state)
{
	fx *t = *state;
	char msg[512];
	lf_slot_rec r = slot_of(2027, 3, 16, "张主任", "主任", "办公室");
	add_ok(t, &r, 1);
	lf_slot_rec seen_a, seen_b;
	assert_int_equal(lf_store_slot_get(t->st, r.id, &seen_a), LF_STORE_OK);
	seen_b = seen_a;
	/* Desk B moves it to another room. */
	lf_slot_rec b = seen_b;
	snprintf(b.slot.location, sizeof b.slot.location, "第二接待室");
	assert_int_equal(lf_schedule_edit_seen(t->st, &t->admin, &seen_b, &b, NULL, msg, sizeof msg), LF_STORE_OK);
	/* Desk A, opened on the old room, changes the contact. */
	lf_slot_rec a = seen_a;
	snprintf(a.slot.contact, sizeof a.slot.contact, "李贤");
	assert_int_equal(lf_schedule_edit_seen(t->st, &t->admin, &seen_a, &a, NULL, msg, sizeof msg),
	                 LF_STORE_CONFLICT);
	assert_non_null(strstr(msg, "changed at another desk"));
	lf_slot_rec now;
	assert_int_equal(lf_store_slot_get(t->st, r.id, &now), LF_STORE_OK);
	assert_string_equal(now.slot.location, "第二接待室");
	assert_string_equal(now.slot.contact, "王贤熙");
	/* Opened again, on what is there now, desk A's change goes in. */
	a = now;
	snprintf(a.slot.contact, sizeof a.slot.contact, "李贤");
	assert_int_equal(lf_schedule_edit_seen(t->st, &t->admin, &now, &a, NULL, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_store_slot_get(t->st, r.id, &now), LF_STORE_OK);
	assert_string_equal(now.slot.location, "第二接待室");
	assert_string_equal(now.slot.contact, "李贤");
}

int main(void)
{
	test_clock_day("2026-11-23");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_prepare_then_approve, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_after_prepare, setup, teardown),
		cmocka_unit_test_setup_teardown(test_year_portfolio_days_off, setup, teardown),
		cmocka_unit_test_setup_teardown(test_slot_edited_at_two_desks, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
