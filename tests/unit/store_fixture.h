/* What the unit tests that open a store in a directory of their own share:
 * making and removing that directory, reading the database behind
 * laifang's back, and fetching a user. Include after <cmocka.h>; every
 * helper is static inline, so a test uses what it needs. */
#ifndef LAIFANG_STORE_FIXTURE_H
#define LAIFANG_STORE_FIXTURE_H

#include <grp.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "laifang/store.h"
#include "laifang/store_people.h"

/* A new directory /tmp/laifang-<tag>-XXXXXX into dir and the path of
 * laifang.db in it into db: 0, or -1 when it cannot be made. */
static inline int sf_temp_db(char *dir, size_t dirlen, char *db, size_t dblen, const char *tag)
{
	snprintf(dir, dirlen, "/tmp/laifang-%s-XXXXXX", tag);
	if (!mkdtemp(dir))
		return -1;
	snprintf(db, dblen, "%s/laifang.db", dir);
	return 0;
}

/* Close the store (when open) and remove the directory with all in it: 0,
 * or -1 when it could not be removed. */
static inline int sf_close_remove(lf_store *st, const char *dir)
{
	char cmd[160];
	lf_store_close(st);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) != 0 ? -1 : 0;
}

/* Defines a cmocka teardown called name for a test's own struct fixture
 * (its store st and its directory dir): the store closed, the directory
 * removed, the fixture freed. */
/* Root reads and writes whatever a file's mode says: a test of a mode runs
 * part(arg) in a child that became nobody (uid and gid 65534) once the
 * caller gave it its files. part's exit status (0: it held), 9 when the
 * child could not become nobody, -1 when it did not exit. */
static inline int sf_as_nobody(int (*part)(const char *arg), const char *arg)
{
	fflush(NULL);
	pid_t kid = fork();
	if (kid < 0)
		return -1;
	if (kid == 0)
		_exit(setgroups(0, NULL) || setgid(65534) || setuid(65534) ? 9 : part(arg));
	int status = 0;
	if (waitpid(kid, &status, 0) != kid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

#define SF_TEARDOWN(name)                                      \
	static inline int name(void **state)                   \
	{                                                      \
		fixture *t_ = *state;                          \
		int rc_ = sf_close_remove(t_->st, t_->dir);    \
		free(t_);                                      \
		return rc_;                                    \
	}

/* Behind laifang's back: run sql (one or more statements); the first column
 * of the last row as a number (-1 for none), and as text into buf when
 * given. laifang_rows_json(rows) reads an entry's packed rows as JSON. */
int store_rows_register(sqlite3 *db); /* laifang_rows_json: an entry's rows as JSON (db/038) */
static inline long long sf_raw(const char *path, const char *sql, char *buf, size_t len)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	long long v = -1;
	const char *tail = sql;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(store_rows_register(db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	if (buf)
		buf[0] = '\0';
	while (tail && *tail) {
		if (sqlite3_prepare_v2(db, tail, -1, &s, &tail) != SQLITE_OK)
			fail_msg("%s: %s", sql, sqlite3_errmsg(db));
		if (!s)
			break;
		int rc;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			v = sqlite3_column_int64(s, 0);
			if (buf)
				snprintf(buf, len, "%s", sqlite3_column_text(s, 0) ? (const char *)sqlite3_column_text(s, 0) : "");
		}
		if (rc != SQLITE_DONE)
			fail_msg("%s: %s", sql, sqlite3_errmsg(db));
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	return v;
}

/* Behind laifang's back: run sql, no rows wanted; an SQLite result code. */
static inline int sf_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open(path, &db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc;
}

/* The user with this login; the test fails when there is none. */
static inline lf_user sf_user(lf_store *st, const char *login)
{
	lf_user u = {0};
	if (lf_store_user_get(st, login, &u, NULL) != LF_STORE_OK)
		fail_msg("no user %s", login);
	return u;
}

/* lf_store_check with every problem it names, one a line, into buf (size
 * bytes); its count of problems. */
typedef struct sf_problems {
	char *buf;
	size_t size;
} sf_problems;

static inline void sf_problem(const char *problem, void *ud)
{
	sf_problems *p = ud;
	size_t len = strlen(p->buf);
	snprintf(p->buf + len, p->size - len, "%s\n", problem);
}

static inline int sf_check(lf_store *st, char *buf, size_t size)
{
	sf_problems p = {buf, size};
	buf[0] = '\0';
	return lf_store_check(st, sf_problem, &p);
}

#endif
