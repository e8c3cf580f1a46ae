/* What the tests of the batch commands share: a temporary database copied
 * from one made once with an administrator (admin), a clerk (wangfang,
 * 王芳), a leader (zhaoli, 赵丽, 副局长) and an archivist (chenjing, 陈静) —
 * password hashing is slow on purpose, so it is done once per program —, and
 * memory streams for a command's output and its --password-stdin lines.
 * Included by test_cli.c and test_cli_people.c only. */
#ifndef LAIFANG_TEST_CLI_FIXTURE_H
#define LAIFANG_TEST_CLI_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "laifang/cli.h"
#include "laifang/csv.h"
#include "laifang/store.h"
#include "laifang/text.h"

#include "laifang/auth.h"
#include "laifang/people.h"
#include "laifang/store_audit.h"
#include "laifang/store_people.h"
#include "store_fixture.h"

#define ADMIN_PW "admin-pass-1"
#define CLERK_PW "clerk-pass-1"
#define LEADER_PW "leader-pass-1"
#define ARCHIVIST_PW "archivist-pass-1"

static char template_dir[64];
static char template_db[128];

typedef struct fixture {
	char dir[64];
	char db[128];
	lf_store *st;
	lf_user admin, clerk, leader, archivist;
	char *out, *err; /* what the last command wrote */
	size_t out_len, err_len;
	FILE *o, *e, *pw; /* the streams of the command being run */
} fixture;

static inline int make_template(void **state)
{
	(void)state;
	snprintf(template_dir, sizeof template_dir, "/tmp/laifang-cli-tpl-XXXXXX");
	if (!mkdtemp(template_dir))
		return -1;
	snprintf(template_db, sizeof template_db, "%s/template.db", template_dir);
	char msg[512];
	lf_store *st = lf_store_open(template_db, NULL, msg, sizeof msg);
	if (!st) {
		fprintf(stderr, "%s\n", msg);
		return -1;
	}
	int rc = -1;
	lf_user admin = {0};
	if (lf_people_init_admin(st, "admin", "管理员", ADMIN_PW, msg, sizeof msg) != LF_STORE_OK ||
	    lf_store_user_get(st, "admin", &admin, NULL) != LF_STORE_OK)
		goto done;
	if (lf_people_add_user(st, &admin, "wangfang", "王芳", NULL, NULL, LF_ROLE_CLERK, CLERK_PW, msg,
	                       sizeof msg) != LF_STORE_OK ||
	    lf_people_add_user(st, &admin, "zhaoli", "赵丽", "副局长", NULL, LF_ROLE_LEADER, LEADER_PW, msg,
	                       sizeof msg) != LF_STORE_OK ||
	    lf_people_add_user(st, &admin, "chenjing", "陈静", NULL, NULL, LF_ROLE_ARCHIVIST, ARCHIVIST_PW,
	                       msg, sizeof msg) != LF_STORE_OK)
		goto done;
	rc = 0;
done:
	if (rc)
		fprintf(stderr, "template: %s\n", msg);
	lf_user_free(&admin);
	lf_store_close(st);
	return rc;
}

static inline int remove_template(void **state)
{
	(void)state;
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", template_dir);
	return system(cmd) == 0 ? 0 : -1;
}

static inline void copy_file(const char *from, const char *to)
{
	FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
	assert_non_null(a);
	assert_non_null(b);
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, a)) > 0)
		assert_int_equal(fwrite(buf, 1, n, b), n);
	fclose(a);
	assert_int_equal(fclose(b), 0);
}

/* A copy of the template database in the fixture's directory. */
static inline lf_store *open_copy(fixture *t, const char *name)
{
	char path[192];
	snprintf(path, sizeof path, "%s/%s", t->dir, name);
	copy_file(template_db, path);
	return lf_store_open(path, NULL, NULL, 0);
}

static inline void get_user(lf_store *st, const char *login, lf_user *u)
{
	lf_user_free(u);
	assert_int_equal(lf_store_user_get(st, login, u, NULL), LF_STORE_OK);
}

static inline int setup(void **state)
{
	fixture *t = calloc(1, sizeof *t);
	if (sf_temp_db(t->dir, sizeof t->dir, t->db, sizeof t->db, "cli"))
		return -1;
	t->st = open_copy(t, "laifang.db");
	if (!t->st)
		return -1;
	get_user(t->st, "admin", &t->admin);
	get_user(t->st, "wangfang", &t->clerk);
	get_user(t->st, "zhaoli", &t->leader);
	get_user(t->st, "chenjing", &t->archivist);
	*state = t;
	return 0;
}

static inline int teardown(void **state)
{
	fixture *t = *state;
	lf_user_free(&t->admin);
	lf_user_free(&t->clerk);
	lf_user_free(&t->leader);
	lf_user_free(&t->archivist);
	free(t->out);
	free(t->err);
	int rc = sf_close_remove(t->st, t->dir);
	free(t);
	return rc;
}

/* Write a file into the fixture's directory; returns its path (static). */
static inline const char *put_file(fixture *t, const char *name, const char *data, size_t len)
{
	static char path[192];
	snprintf(path, sizeof path, "%s/%s", t->dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	return path;
}

static inline const char *put_text(fixture *t, const char *name, const char *text)
{
	return put_file(t, name, text, strlen(text));
}

/* The user the store records writes as, as a login would set it. */
static inline const lf_user *as(fixture *t, const lf_user *u)
{
	lf_store_set_actor(t->st, u->id, u->login);
	return u;
}

/* Open the streams of a command: its output lands in t->out and t->err;
 * lines (may be NULL) is what --password-stdin would give, in t->pw. */
static inline void begin(fixture *t, const char *lines)
{
	free(t->out);
	free(t->err);
	t->out = t->err = NULL;
	t->o = open_memstream(&t->out, &t->out_len);
	t->e = open_memstream(&t->err, &t->err_len);
	t->pw = lines ? fmemopen((void *)lines, strlen(lines), "r") : NULL;
	assert_non_null(t->o);
	assert_non_null(t->e);
}

static inline int end(fixture *t, int rc)
{
	fclose(t->o);
	fclose(t->e);
	if (t->pw)
		fclose(t->pw);
	t->o = t->e = t->pw = NULL;
	return rc;
}

/* Run one command: CALL(t, "password\n", lf_cli_...(..., t->pw, t->o, t->e)). */
#define CALL(t, lines, expr) (begin((t), (lines)), end((t), (expr)))

static inline int count_one(const lf_case *c, void *ud)
{
	(void)c;
	(*(int *)ud)++;
	return 0;
}

static inline int n_cases(fixture *t)
{
	int n = 0;
	assert_int_equal(lf_store_each_case(t->st, count_one, &n), LF_STORE_OK);
	return n;
}

/* ---- the audit log ---- */

typedef struct audit_count {
	const char *action;
	int n;
	char changes[512]; /* of the newest match */
	const char *needle; /* a text no entry may hold */
	bool needle_seen;
} audit_count;

static inline int count_entry(const lf_audit_entry *e, void *ud)
{
	audit_count *c = ud;
	if (c->needle && ((e->changes && strstr(e->changes, c->needle)) || (e->record && strstr(e->record, c->needle))))
		c->needle_seen = true;
	if (c->action && e->action && !strcmp(e->action, c->action)) {
		if (c->n == 0)
			snprintf(c->changes, sizeof c->changes, "%s", e->changes ? e->changes : "");
		c->n++;
	}
	return 0;
}

/* How many audit entries of action (by login, when not NULL) there are. */
static inline int n_audit(fixture *t, const char *action, const char *login, char *changes, size_t len)
{
	audit_count c = {.action = action};
	lf_audit_filter f = {.login = login, .limit = 100000};
	assert_int_equal(lf_store_audit_each(t->st, &f, count_entry, &c), LF_STORE_OK);
	if (changes)
		snprintf(changes, len, "%s", c.changes);
	return c.n;
}

static inline bool audit_holds(fixture *t, const char *text)
{
	audit_count c = {.needle = text};
	lf_audit_filter f = {.limit = 100000};
	assert_int_equal(lf_store_audit_each(t->st, &f, count_entry, &c), LF_STORE_OK);
	return c.needle_seen;
}

#endif
