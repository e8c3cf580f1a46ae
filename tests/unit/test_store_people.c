/* The store's people: users (add, read, change, conflicts, the lock-out
 * counter), units and settings, each write audited, no password in the log. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "laifang/auth.h"
#include "laifang/store.h"
#include "laifang/store_audit.h"
#include "laifang/store_people.h"
#include "test_clock.h"
#include "store_fixture.h"

#define HASH_A "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA"
#define HASH_B "$argon2id$v=19$m=65536,t=2,p=1$b3RoZXJzYWx0b3RoZXI$bmV3aGFzaG5ld2hhc2g"

typedef struct fixture {
	char dir[64];
	char db[128];
	lf_store *st;
} fixture;

static int setup(void **state)
{
	fixture *t = calloc(1, sizeof *t);
	if (!t)
		return -1;
	if (sf_temp_db(t->dir, sizeof t->dir, t->db, sizeof t->db, "people"))
		return -1;
	char msg[512] = "";
	t->st = lf_store_open(t->db, NULL, msg, sizeof msg);
	if (!t->st) {
		fprintf(stderr, "open: %s\n", msg);
		return -1;
	}
	*state = t;
	return 0;
}

SF_TEARDOWN(teardown)

/* The first column of the first row of sql, read behind laifang's back
 * (-1 when no row); text into buf when buf is given. */
static long long raw(const char *path, const char *sql, char *buf, size_t len)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	long long v = -1;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (buf)
		buf[0] = '\0';
	if (sqlite3_step(s) == SQLITE_ROW) {
		v = sqlite3_column_int64(s, 0);
		if (buf)
			snprintf(buf, len, "%s", sqlite3_column_text(s, 0) ? (const char *)sqlite3_column_text(s, 0) : "");
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

static long long count(fixture *t, const char *sql)
{
	return raw(t->db, sql, NULL, 0);
}

/* The action, record and changes of the newest audit entry. */
static void last_entry(fixture *t, char *action, char *record, char *changes)
{
	raw(t->db, "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1", action, 64);
	raw(t->db, "SELECT coalesce(record, '') FROM audit_log ORDER BY seq DESC LIMIT 1", record, 64);
	raw(t->db, "SELECT coalesce(changes, '') FROM audit_log ORDER BY seq DESC LIMIT 1", changes, 512);
}

static void test_users(void **state)
{
	fixture *t = *state;
	char admin[37], clerk[37], unit[37], action[64], record[64], changes[512];
	lf_user u;
	char *pw = NULL;

	assert_int_equal(lf_store_user_count(t->st), 0);
	/* The first administrator is made by "system". */
	assert_int_equal(lf_store_user_add(t->st, "admin", "管理员", NULL, NULL, 1u << 5, HASH_A, admin),
	                 LF_STORE_OK);
	assert_int_equal(strlen(admin), 36);
	assert_int_equal(lf_store_user_count(t->st), 1);
	last_entry(t, action, record, changes);
	assert_string_equal(action, "user.add");
	assert_string_equal(record, admin);
	assert_string_equal(changes, "{\"login\":\"admin\",\"name\":\"管理员\",\"roles\":32}");
	assert_int_equal(count(t, "SELECT count(*) FROM audit_log WHERE login = 'system' AND user_id IS NULL"), 1);

	lf_store_set_actor(t->st, admin, "admin");
	assert_int_equal(lf_store_unit_add(t->st, "信访接待处", "department", unit), LF_STORE_OK);
	assert_int_equal(lf_store_user_add(t->st, "wangfang", "王芳", "科员", unit, 1u << 0, HASH_A, clerk),
	                 LF_STORE_OK);
	assert_int_equal(count(t, "SELECT count(*) FROM audit_log WHERE login = 'admin'"), 2);

	/* By login and by id, with the unit's name and the hash on request. */
	assert_int_equal(lf_store_user_get(t->st, "wangfang", &u, &pw), LF_STORE_OK);
	assert_string_equal(u.id, clerk);
	assert_string_equal(u.name, "王芳");
	assert_string_equal(u.title, "科员");
	assert_string_equal(u.unit_id, unit);
	assert_string_equal(u.unit_name, "信访接待处");
	assert_int_equal(u.roles, 1u << 0);
	assert_true(u.active);
	assert_int_equal(u.failed_logins, 0);
	assert_string_equal(u.locked_until, "");
	assert_string_equal(pw, HASH_A);
	free(pw);
	lf_user_free(&u);
	assert_int_equal(lf_store_user_get(t->st, admin, &u, NULL), LF_STORE_OK);
	assert_string_equal(u.login, "admin");
	assert_null(u.title);
	assert_null(u.unit_name);
	assert_string_equal(u.unit_id, "");
	lf_user_free(&u);
	assert_int_equal(lf_store_user_get(t->st, "WangFang", &u, NULL), LF_STORE_NOTFOUND); /* case-sensitive */
	assert_non_null(strstr(lf_store_errmsg(t->st), "WangFang"));

	/* A login taken, a unit that does not exist: refused, nothing logged. */
	long long before = count(t, "SELECT count(*) FROM audit_log");
	assert_int_equal(lf_store_user_add(t->st, "wangfang", "另一个王芳", NULL, NULL, 1, HASH_B, NULL),
	                 LF_STORE_CONFLICT);
	assert_non_null(strstr(lf_store_errmsg(t->st), "wangfang is already taken"));
	assert_int_equal(lf_store_user_add(t->st, "lisi", "李四", NULL, "no-such-unit", 1, HASH_B, NULL),
	                 LF_STORE_NOTFOUND);
	assert_non_null(strstr(lf_store_errmsg(t->st), "no-such-unit"));
	assert_int_equal(lf_store_user_add(t->st, "lisi", "", NULL, NULL, 1, HASH_B, NULL), LF_STORE_INVALID);
	assert_int_equal(count(t, "SELECT count(*) FROM audit_log"), before);
	assert_int_equal(lf_store_user_count(t->st), 2);

	/* Changes: NULL keeps, "" clears. */
	unsigned roles = (1u << 0) | (1u << 1);
	assert_int_equal(lf_store_user_update(t->st, clerk, "王芳芳", "副局长", "", &roles, NULL), LF_STORE_OK);
	last_entry(t, action, record, changes);
	assert_string_equal(action, "user.update");
	assert_string_equal(record, clerk);
	assert_string_equal(changes, "{\"name\":\"王芳芳\",\"title\":\"副局长\",\"unit_id\":null,\"roles\":3}");
	assert_int_equal(lf_store_user_update(t->st, clerk, NULL, "", NULL, NULL, NULL), LF_STORE_OK);
	assert_int_equal(lf_store_user_get(t->st, clerk, &u, NULL), LF_STORE_OK);
	assert_string_equal(u.name, "王芳芳");
	assert_null(u.title);
	assert_string_equal(u.unit_id, "");
	assert_int_equal(u.roles, 3);
	lf_user_free(&u);

	bool off = false, on = true;
	assert_int_equal(lf_store_user_update(t->st, clerk, NULL, NULL, NULL, NULL, &off), LF_STORE_OK);
	last_entry(t, action, record, changes);
	assert_string_equal(action, "user.disable");
	assert_int_equal(count(t, "SELECT active FROM app_user WHERE login = 'wangfang'"), 0);
	assert_int_equal(lf_store_user_update(t->st, clerk, NULL, NULL, NULL, NULL, &on), LF_STORE_OK);
	last_entry(t, action, record, changes);
	assert_string_equal(action, "user.enable");
	assert_int_equal(lf_store_user_update(t->st, "no-such-id", "某人", NULL, NULL, NULL, NULL),
	                 LF_STORE_NOTFOUND);

	/* A new password: logged without the hash. */
	assert_int_equal(lf_store_user_set_password(t->st, clerk, HASH_B), LF_STORE_OK);
	last_entry(t, action, record, changes);
	assert_string_equal(action, "user.password");
	assert_string_equal(changes, "");
	assert_int_equal(lf_store_user_get(t->st, "wangfang", &u, &pw), LF_STORE_OK);
	assert_string_equal(pw, HASH_B);
	free(pw);
	lf_user_free(&u);
	assert_int_equal(count(t, "SELECT count(*) FROM audit_log WHERE changes LIKE '%argon2id%'"), 0);
	assert_int_equal(lf_store_check(t->st, NULL, NULL), 0);
}

typedef struct logins {
	int n;
	char v[4][16];
} logins;

static int collect_user(const lf_user *u, void *ud)
{
	logins *l = ud;
	snprintf(l->v[l->n++], sizeof l->v[0], "%s", u->login);
	return l->n == 4;
}

/* Two administrators demoting each other at once: core counted two
 * active ones at each desk; the store keeps the last one, counted inside
 * the write. Others change freely. */
static void test_last_admin_kept(void **state)
{
	fixture *t = *state;
	char a[37], b[37], c[37];
	assert_int_equal(lf_store_user_add(t->st, "anna", "安娜", NULL, NULL, LF_ROLE_ADMIN, HASH_A, a), LF_STORE_OK);
	assert_int_equal(lf_store_user_add(t->st, "bo", "博", NULL, NULL, LF_ROLE_ADMIN | LF_ROLE_CLERK, HASH_B, b),
	                 LF_STORE_OK);
	assert_int_equal(lf_store_user_add(t->st, "chen", "陈", NULL, NULL, LF_ROLE_CLERK, HASH_B, c), LF_STORE_OK);
	bool off = false;
	unsigned clerk = LF_ROLE_CLERK;
	assert_int_equal(lf_store_user_update(t->st, a, NULL, NULL, NULL, NULL, &off), LF_STORE_OK);
	/* bo is now the last: neither the role nor the account goes. */
	assert_int_equal(lf_store_user_update(t->st, b, NULL, NULL, NULL, &clerk, NULL), LF_STORE_CONFLICT);
	assert_non_null(strstr(lf_store_errmsg(t->st), "last active administrator"));
	assert_int_equal(lf_store_user_update(t->st, b, NULL, NULL, NULL, NULL, &off), LF_STORE_CONFLICT);
	assert_int_equal(count(t, "SELECT count(*) FROM app_user WHERE active <> 0 AND (roles & 32) <> 0"), 1);
	/* A clerk is deactivated, and bo's name changes, as ever. */
	assert_int_equal(lf_store_user_update(t->st, c, NULL, NULL, NULL, NULL, &off), LF_STORE_OK);
	assert_int_equal(lf_store_user_update(t->st, b, "博文", NULL, NULL, NULL, NULL), LF_STORE_OK);
	/* With anna back, bo may go. */
	bool on = true;
	assert_int_equal(lf_store_user_update(t->st, a, NULL, NULL, NULL, NULL, &on), LF_STORE_OK);
	assert_int_equal(lf_store_user_update(t->st, b, NULL, NULL, NULL, &clerk, NULL), LF_STORE_OK);
}

static void test_user_each(void **state)
{
	fixture *t = *state;
	const char *names[] = {"zhaoliu", "admin", "lisi", "wangfang"};
	for (int i = 0; i < 4; i++)
		assert_int_equal(lf_store_user_add(t->st, names[i], "某人", NULL, NULL, 1, HASH_A, NULL), LF_STORE_OK);
	logins l = {0};
	assert_int_equal(lf_store_user_each(t->st, collect_user, &l), LF_STORE_OK);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[0], "admin");
	assert_string_equal(l.v[1], "lisi");
	assert_string_equal(l.v[2], "wangfang");
	assert_string_equal(l.v[3], "zhaoliu");
}

static void test_lockout(void **state)
{
	fixture *t = *state;
	char id[37], action[64], record[64], changes[512];
	lf_user u;
	assert_int_equal(lf_store_user_add(t->st, "wangfang", "王芳", NULL, NULL, 1, HASH_A, id), LF_STORE_OK);
	lf_store_set_actor(t->st, id, "wangfang");
	assert_int_equal(lf_store_user_login_failed(t->st, id, NULL), LF_STORE_OK);
	last_entry(t, action, record, changes);
	assert_string_equal(action, "login.fail");
	assert_string_equal(record, id);
	assert_string_equal(changes, "{\"failed_logins\":1}");
	assert_int_equal(lf_store_user_login_failed(t->st, id, NULL), LF_STORE_OK);
	assert_int_equal(lf_store_user_login_failed(t->st, id, "2026-11-23T09:45:00+08:00"), LF_STORE_OK);
	last_entry(t, action, record, changes);
	assert_string_equal(action, "login.locked");
	assert_string_equal(changes, "{\"locked_until\":\"2026-11-23T09:45:00+08:00\",\"failed_logins\":3}");
	assert_int_equal(lf_store_user_get(t->st, id, &u, NULL), LF_STORE_OK);
	assert_int_equal(u.failed_logins, 3);
	assert_string_equal(u.locked_until, "2026-11-23T09:45:00+08:00");
	lf_user_free(&u);
	/* A failure while locked keeps the lock. */
	assert_int_equal(lf_store_user_login_failed(t->st, id, NULL), LF_STORE_OK);
	assert_int_equal(lf_store_user_get(t->st, id, &u, NULL), LF_STORE_OK);
	assert_int_equal(u.failed_logins, 4);
	assert_string_equal(u.locked_until, "2026-11-23T09:45:00+08:00");
	lf_user_free(&u);

	/* The administrator lifts it. */
	lf_store_set_actor(t->st, NULL, NULL);
	assert_int_equal(lf_store_user_unlock(t->st, id), LF_STORE_OK);
	last_entry(t, action, record, changes);
	assert_string_equal(action, "user.unlock");
	assert_int_equal(lf_store_user_get(t->st, id, &u, NULL), LF_STORE_OK);
	assert_int_equal(u.failed_logins, 0);
	assert_string_equal(u.locked_until, "");
	lf_user_free(&u);

	/* A success clears the count. */
	assert_int_equal(lf_store_user_login_failed(t->st, id, NULL), LF_STORE_OK);
	assert_int_equal(lf_store_user_login_ok(t->st, id), LF_STORE_OK);
	last_entry(t, action, record, changes);
	assert_string_equal(action, "login.ok");
	assert_int_equal(count(t, "SELECT failed_logins FROM app_user"), 0);
	assert_int_equal(lf_store_user_login_failed(t->st, "no-such-id", NULL), LF_STORE_NOTFOUND);
	assert_int_equal(lf_store_user_login_ok(t->st, "no-such-id"), LF_STORE_NOTFOUND);
	assert_int_equal(count(t, "SELECT count(*) FROM audit_log WHERE action LIKE 'login.%'"), 6);
}

typedef struct units {
	int n;
	char name[4][32], kind[4][16];
} units;

static int collect_unit(const lf_unit *u, void *ud)
{
	units *l = ud;
	snprintf(l->name[l->n], sizeof l->name[0], "%s", u->name);
	snprintf(l->kind[l->n++], sizeof l->kind[0], "%s", u->kind);
	return 0;
}

static void test_units(void **state)
{
	fixture *t = *state;
	char id[37], action[64], record[64], changes[512];
	lf_unit u;
	assert_int_equal(lf_store_unit_add(t->st, "区纪委监委", "discipline", id), LF_STORE_OK);
	last_entry(t, action, record, changes);
	assert_string_equal(action, "unit.add");
	assert_string_equal(record, id);
	assert_string_equal(changes, "{\"name\":\"区纪委监委\",\"kind\":\"discipline\"}");
	assert_int_equal(lf_store_unit_add(t->st, "A市住建局", "peer", NULL), LF_STORE_OK);
	assert_int_equal(lf_store_unit_add(t->st, "区纪委监委", "lower", NULL), LF_STORE_CONFLICT);
	assert_non_null(strstr(lf_store_errmsg(t->st), "区纪委监委"));
	assert_int_equal(lf_store_unit_add(t->st, "某某局", "ministry", NULL), LF_STORE_INVALID);
	assert_int_equal(lf_store_unit_add(t->st, "", "peer", NULL), LF_STORE_INVALID);

	assert_int_equal(lf_store_unit_get(t->st, "区纪委监委", &u), LF_STORE_OK);
	assert_string_equal(u.id, id);
	assert_string_equal(u.kind, "discipline");
	assert_true(u.active);
	lf_unit_free(&u);
	assert_int_equal(lf_store_unit_get(t->st, id, &u), LF_STORE_OK);
	assert_string_equal(u.name, "区纪委监委");
	lf_unit_free(&u);
	assert_int_equal(lf_store_unit_get(t->st, "不存在的局", &u), LF_STORE_NOTFOUND);
	assert_non_null(strstr(lf_store_errmsg(t->st), "不存在的局"));

	units l = {0};
	assert_int_equal(lf_store_unit_each(t->st, collect_unit, &l), LF_STORE_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.name[0], "A市住建局");
	assert_string_equal(l.kind[0], "peer");
	assert_string_equal(l.name[1], "区纪委监委");
	assert_int_equal(count(t, "SELECT count(*) FROM audit_log WHERE action = 'unit.add'"), 2);
}

static void test_settings(void **state)
{
	fixture *t = *state;
	char action[64], record[64], changes[512];
	assert_int_equal(lf_store_setting_int(t->st, "idle_lock_seconds", 900), 900);
	assert_int_equal(lf_store_setting_set(t->st, "idle_lock_seconds", "300"), LF_STORE_OK);
	assert_int_equal(lf_store_setting_int(t->st, "idle_lock_seconds", 900), 300);
	last_entry(t, action, record, changes);
	assert_string_equal(action, "setting.set");
	assert_string_equal(record, "idle_lock_seconds");
	assert_string_equal(changes, "{\"value\":\"300\"}");
	assert_int_equal(lf_store_setting_set(t->st, "idle_lock_seconds", "120"), LF_STORE_OK);
	assert_int_equal(lf_store_setting_int(t->st, "idle_lock_seconds", 900), 120);
	assert_int_equal(count(t, "SELECT count(*) FROM setting"), 1);
	/* Not a number, or too big for an int: the default. */
	assert_int_equal(lf_store_setting_set(t->st, "lockout_failures", "five"), LF_STORE_OK);
	assert_int_equal(lf_store_setting_int(t->st, "lockout_failures", 5), 5);
	assert_int_equal(lf_store_setting_set(t->st, "lockout_failures", "99999999999"), LF_STORE_OK);
	assert_int_equal(lf_store_setting_int(t->st, "lockout_failures", 5), 5);
	assert_int_equal(lf_store_setting_set(t->st, "lockout_failures", ""), LF_STORE_OK);
	assert_int_equal(lf_store_setting_int(t->st, "lockout_failures", 5), 5);
	assert_int_equal(lf_store_setting_set(t->st, "", "1"), LF_STORE_INVALID);
	assert_int_equal(count(t, "SELECT count(*) FROM audit_log WHERE action = 'setting.set'"), 5);
	assert_int_equal(lf_store_check(t->st, NULL, NULL), 0);
}

int main(void)
{
	test_clock_day("2026-11-23");
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_users, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_each, setup, teardown),
		cmocka_unit_test_setup_teardown(test_last_admin_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lockout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_units, setup, teardown),
		cmocka_unit_test_setup_teardown(test_settings, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
