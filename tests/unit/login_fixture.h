/* What the login tests share (test_login_guard.c, test_login_parallel.c):
 * a database in a folder of its own, an administrator "admin" and a clerk
 * "zhang" (setup) or nothing yet (setup_empty), a count read by sqlite3. */
#ifndef LAIFANG_TEST_LOGIN_FIXTURE_H
#define LAIFANG_TEST_LOGIN_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "laifang/auth.h"
#include "laifang/date.h"
#include "laifang/people.h"
#include "laifang/store.h"
#include "laifang/store_audit.h"
#include "laifang/store_people.h"
#include "store_fixture.h"

#define CLERK_PW "clerk-pass-1"
#define ADMIN_PW "admin-pass-1"

typedef struct fixture {
	char dir[64];
	char db[128];
	lf_store *st;
} fixture;

static inline lf_store *open_db(const char *path)
{
	char msg[512] = "";
	lf_store *st = lf_store_open(path, NULL, msg, sizeof msg);
	if (!st)
		fprintf(stderr, "open %s: %s\n", path, msg);
	return st;
}

static inline int setup_empty(void **state)
{
	fixture *t = calloc(1, sizeof *t);
	if (!t)
		return -1;
	if (sf_temp_db(t->dir, sizeof t->dir, t->db, sizeof t->db, "guard"))
		return -1;
	*state = t;
	return 0;
}

/* An administrator "admin" and a clerk "zhang". */
static inline int setup(void **state)
{
	if (setup_empty(state))
		return -1;
	fixture *t = *state;
	char msg[512];
	if (!(t->st = open_db(t->db)))
		return -1;
	if (lf_people_init_admin(t->st, "admin", "管理员", ADMIN_PW, msg, sizeof msg) != LF_STORE_OK)
		return -1;
	lf_user admin = {0};
	if (lf_store_user_get(t->st, "admin", &admin, NULL) != LF_STORE_OK)
		return -1;
	lf_store_err e = lf_people_add_user(t->st, &admin, "zhang", "张三", NULL, NULL, LF_ROLE_CLERK, CLERK_PW, msg,
	                                    sizeof msg);
	lf_user_free(&admin);
	lf_store_set_actor(t->st, NULL, NULL);
	return e == LF_STORE_OK ? 0 : -1;
}

SF_TEARDOWN(teardown)

static inline long long count(fixture *t, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	long long n = -1;
	if (sqlite3_open_v2(t->db, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	else
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_finalize(s);
	sqlite3_close(db);
	return n;
}

#endif
