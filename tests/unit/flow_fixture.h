/* What the store flow tests share (test_store_flow.c, test_store_queue.c):
 * a temporary database with four units (one of each kind), two leaders and
 * a supervisor acting, raw SQL behind laifang's back, registering a case
 * and recording an event. */
#ifndef LAIFANG_TEST_FLOW_FIXTURE_H
#define LAIFANG_TEST_FLOW_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "laifang/store.h"
#include "laifang/store_audit.h"
#include "laifang/store_flow.h"
#include "laifang/store_people.h"
#include "store_fixture.h"
#include "../../src/store/sqlite/sqlite_driver.h"
#include "../../src/store/store_internal.h" /* the queue's SQL text, for its plan */

typedef struct fixture {
	char dir[64];
	char db[160];
	lf_store *st;
	char dept[37], peer[37], lower[37], disc[37]; /* units */
	char leader1[37], leader2[37], super[37];     /* users */
} fixture;

static inline int setup(void **state)
{
	fixture *t = calloc(1, sizeof *t);
	char msg[512];
	lf_store_err e;
	if (!t)
		return -1;
	if (sf_temp_db(t->dir, sizeof t->dir, t->db, sizeof t->db, "flow"))
		return -1;
	if (!(t->st = lf_store_open(t->db, &e, msg, sizeof msg)))
		return -1;
	if (lf_store_unit_add(t->st, "办公室", "department", t->dept) || lf_store_unit_add(t->st, "市住建局", "peer", t->peer) ||
	    lf_store_unit_add(t->st, "越秀区信访局", "lower", t->lower) ||
	    lf_store_unit_add(t->st, "市纪委监委", "discipline", t->disc) ||
	    lf_store_user_add(t->st, "lijun", "李军", "副局长", NULL, 2, "x", t->leader1) ||
	    lf_store_user_add(t->st, "zhaomin", "赵敏", NULL, NULL, 2, "x", t->leader2) ||
	    lf_store_user_add(t->st, "chenjing", "陈静", NULL, NULL, 4, "x", t->super))
		return -1;
	lf_store_set_actor(t->st, t->super, "chenjing");
	*state = t;
	return 0;
}

static inline int teardown(void **state)
{
	fixture *t = *state;
	lf_store_close(t->st);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
	if (system(cmd) != 0)
		return -1;
	free(t);
	return 0;
}

/* First column of the first row of sql on a raw connection (-1: no row). */
static inline long long raw(const fixture *t, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	long long v = -1;
	assert_int_equal(sqlite3_open(t->db, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

static inline char *raw_text(const fixture *t, const char *sql, char *buf, size_t len)
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
	return buf;
}

/* Register a case; its number goes to no. */
static inline void reg(fixture *t, const char *date, const char *name, const char *idno, const char *due, char no[16])
{
	lf_registration r = {.receptionist = "王芳", .received_on = date, .name = name, .sex = "女",
	                     .phone = "13812345678", .id_number = idno, .address = "广州市越秀区",
	                     .content = "反映拖欠工资问题", .due_on = due, .due_rule = "route"};
	lf_saved_case c;
	if (lf_store_save_registration(t->st, &r, &c) != LF_STORE_OK)
		fail_msg("save: %s", lf_store_errmsg(t->st));
	snprintf(no, 16, "%s", c.case_no);
}

static inline void event_ok(fixture *t, lf_event_in ev)
{
	if (lf_store_case_event(t->st, &ev) != LF_STORE_OK)
		fail_msg("event %s: %s", ev.kind, lf_store_errmsg(t->st));
}

static inline void flow_of(fixture *t, const char *no, lf_case_flow *f)
{
	if (lf_store_case_flow(t->st, no, f) != LF_STORE_OK)
		fail_msg("flow: %s", lf_store_errmsg(t->st));
}

/* The latest audit entry's action and changes. */
static inline void last_audit(fixture *t, char action[64], char changes[2048])
{
	raw_text(t, "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1", action, 64);
	raw_text(t, "SELECT changes FROM audit_log ORDER BY seq DESC LIMIT 1", changes, 2048);
}

#endif
