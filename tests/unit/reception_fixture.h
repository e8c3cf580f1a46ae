/* The office of the reception-day unit tests (test_reception.c,
 * test_schedule_review.c): a fresh SQLite file with an administrator, a
 * clerk, two leaders (杨伟强 approves with his own password) and a fifth
 * user each test file chooses; raw reads of the file. */
#ifndef LAIFANG_TEST_RECEPTION_FIXTURE_H
#define LAIFANG_TEST_RECEPTION_FIXTURE_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "laifang/auth.h"
#include "laifang/reception.h"
#include "laifang/store.h"
#include "laifang/store_people.h"

#define BOSS_PW "局长的密码-2026"
/* The approval of a publication: 杨伟强 types his own password. */
static const lf_approval boss_ok = {"boss", BOSS_PW, NULL, false};

typedef struct fx {
	char dir[64], db[160];
	lf_store *st;
	lf_user admin, clerk, leader, leader2, handler;
} fx;

static inline void get_user(fx *t, const char *login, lf_user *u)
{
	if (lf_store_user_get(t->st, login, u, NULL) != LF_STORE_OK)
		fail_msg("user %s: %s", login, lf_store_errmsg(t->st));
}

/* fifth: the handler of the tests, a user with these words and roles. */
static int fx_setup(void **state, const char *dir_template, const char *fifth, const char *fifth_name,
                    const char *fifth_title, unsigned fifth_roles)
{
	fx *t = calloc(1, sizeof *t);
	char msg[512];
	lf_store_err e;
	snprintf(t->dir, sizeof t->dir, "%s", dir_template);
	if (!mkdtemp(t->dir))
		return -1;
	snprintf(t->db, sizeof t->db, "%s/laifang.db", t->dir);
	if (!(t->st = lf_store_open(t->db, &e, msg, sizeof msg)))
		return -1;
	/* The approving leader confirms with a password of their own. */
	char boss_hash[LF_PWHASH_LEN];
	if (lf_password_hash(BOSS_PW, boss_hash) != 0)
		return -1;
	if (lf_store_user_add(t->st, "admin", "管理员", NULL, NULL, LF_ROLE_ADMIN, "x", NULL) ||
	    lf_store_user_add(t->st, "clerk", "王小红", NULL, NULL, LF_ROLE_CLERK, "x", NULL) ||
	    lf_store_user_add(t->st, "leader", "李明", "副局长", NULL, LF_ROLE_LEADER, "x", NULL) ||
	    lf_store_user_add(t->st, "boss", "杨伟强", "局长", NULL, LF_ROLE_LEADER, boss_hash, NULL) ||
	    lf_store_user_add(t->st, fifth, fifth_name, fifth_title, NULL, fifth_roles, "x", NULL))
		return -1;
	get_user(t, "admin", &t->admin);
	get_user(t, "clerk", &t->clerk);
	get_user(t, "leader", &t->leader);
	get_user(t, "boss", &t->leader2);
	get_user(t, fifth, &t->handler);
	*state = t;
	return 0;
}

static int fx_teardown(void **state)
{
	fx *t = *state;
	lf_store_close(t->st);
	lf_user_free(&t->admin);
	lf_user_free(&t->clerk);
	lf_user_free(&t->leader);
	lf_user_free(&t->leader2);
	lf_user_free(&t->handler);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "chmod -R u+w '%s'; rm -rf '%s'", t->dir, t->dir);
	if (system(cmd) != 0)
		return -1;
	free(t);
	return 0;
}

static inline long long raw(const fx *t, const char *sql)
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

static inline void raw_text(const fx *t, const char *sql, char *buf, size_t len)
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

#endif
