/* What the SQLite store's file tests (test_store.c, test_store_open.c)
 * share: a fixture whose database lies in a folder not made yet, opening it,
 * reading it behind laifang's back, and a registration to save. Include
 * after cmocka.h. */
#ifndef LAIFANG_TEST_STORE_FILE_FIXTURE_H
#define LAIFANG_TEST_STORE_FILE_FIXTURE_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "laifang/store.h"
#include "store_fixture.h"

typedef struct fixture {
	char dir[64];
	char db[160]; /* in a folder that does not exist yet */
	lf_store *st;
} fixture;

static inline int setup(void **state)
{
	fixture *t = calloc(1, sizeof *t);
	if (!t)
		return -1;
	if (sf_temp_db(t->dir, sizeof t->dir, t->db, sizeof t->db, "store"))
		return -1;
	/* The database in a folder not made yet: opening makes it. */
	snprintf(t->db, sizeof t->db, "%s/数据/laifang.db", t->dir);
	*state = t;
	return 0;
}

static inline int teardown(void **state)
{
	fixture *t = *state;
	lf_store_close(t->st);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "chmod -R u+w '%s'; rm -rf '%s'", t->dir, t->dir);
	if (system(cmd) != 0)
		return -1;
	free(t);
	return 0;
}

static inline lf_store *open_ok(const char *path)
{
	char msg[512] = "";
	lf_store_err err = LF_STORE_IO;
	lf_store *st = lf_store_open(path, &err, msg, sizeof msg);
	if (!st)
		fail_msg("open %s: %s", path, msg);
	assert_int_equal(err, LF_STORE_OK);
	return st;
}

/* Run SQL on the file behind laifang's back; returns the first column of
 * the last row as an integer (or -1 when there is none). */
static inline long long raw(const char *path, const char *sql)
{
	return sf_raw(path, sql, NULL, 0);
}

static inline const char *raw_text(const char *path, const char *sql, char *buf, size_t len)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	snprintf(buf, len, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
	return buf;
}

static inline lf_registration sheet(const char *date, const char *name, const char *id_number, const char *content)
{
	return (lf_registration){
		.receptionist = "wangfang",
		.received_on = date,
		.name = name,
		.sex = "男",
		.phone = "13812345678",
		.id_number = id_number,
		.address = "广州市越秀区府前路1号",
		.content = content,
		/* The clerk answers "the same matter" on every sheet: the store saves
		 * a repeat only where the visitor has an earlier case (issue 11). */
		.repeat = true,
	};
}

static inline void save_ok(lf_store *st, lf_registration r, const char *want_no, bool want_repeat)
{
	lf_saved_case c;
	lf_store_err e = lf_store_save_registration(st, &r, &c);
	if (e != LF_STORE_OK)
		fail_msg("save: %s", lf_store_errmsg(st));
	assert_string_equal(c.case_no, want_no);
	assert_int_equal(strlen(c.case_id), 36);
	assert_int_equal(c.repeat, want_repeat);
}

static inline int count_cb(const lf_case *c, void *ud)
{
	(void)c;
	(*(int *)ud)++;
	return 0;
}

static inline int n_cases(lf_store *st)
{
	int n = 0;
	assert_int_equal(lf_store_each_case(st, count_cb, &n), LF_STORE_OK);
	return n;
}

#endif
