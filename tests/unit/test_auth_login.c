/* Logging in against a temporary database: the right password, a wrong
 * one and an unknown name answered alike, the lock-out by default and by
 * the office's settings, a disabled account and unlocking it. (Roles,
 * permissions and passwords: test_auth.c.) */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "laifang/auth.h"
#include "laifang/date.h"
#include "laifang/people.h"
#include "laifang/store_audit.h"
#include "test_clock.h"
#include "store_fixture.h"

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
	if (sf_temp_db(t->dir, sizeof t->dir, t->db, sizeof t->db, "auth"))
		return -1;
	char msg[512];
	t->st = lf_store_open(t->db, NULL, msg, sizeof msg);
	if (!t->st)
		return -1;
	/* One administrator and one clerk (two hashes). */
	if (lf_people_init_admin(t->st, "admin", "管理员", "admin-pass-1", msg, sizeof msg) != LF_STORE_OK)
		return -1;
	char hash[LF_PWHASH_LEN];
	if (lf_password_hash("clerk-pass-1", hash) != 0 ||
	    lf_store_user_add(t->st, "zhang", "张三", NULL, NULL, LF_ROLE_CLERK, hash, NULL) != LF_STORE_OK)
		return -1;
	*state = t;
	return 0;
}

SF_TEARDOWN(teardown)

static lf_user get(lf_store *st, const char *login)
{
	lf_user u = {0};
	assert_int_equal(lf_store_user_get(st, login, &u, NULL), LF_STORE_OK);
	return u;
}

typedef struct tally {
	const char *action;
	int n;
	char last_login[64];
	char last_record[64];
} tally;

static int count_action(const lf_audit_entry *e, void *ud)
{
	tally *t = ud;
	if (!t->action || !strcmp(e->action, t->action)) {
		if (t->n++ == 0) { /* newest first: remember the latest */
			snprintf(t->last_login, sizeof t->last_login, "%s", e->login ? e->login : "");
			snprintf(t->last_record, sizeof t->last_record, "%s", e->record ? e->record : "");
		}
	}
	return 0;
}

static tally audited(lf_store *st, const char *action)
{
	tally t = {.action = action};
	lf_audit_filter f = {.limit = 100000};
	assert_int_equal(lf_store_audit_each(st, &f, count_action, &t), LF_STORE_OK);
	return t;
}

static void test_login_ok(void **state)
{
	fixture *t = *state;
	lf_user u;
	char msg[256] = "";
	assert_int_equal(lf_login(t->st, "zhang", "clerk-pass-1", &u, msg, sizeof msg), LF_LOGIN_OK);
	assert_string_equal(u.login, "zhang");
	assert_string_equal(u.name, "张三");
	assert_int_equal(u.roles, LF_ROLE_CLERK);
	assert_true(u.active);
	tally ok = audited(t->st, "login.ok");
	assert_int_equal(ok.n, 1);
	assert_string_equal(ok.last_login, "zhang"); /* the store's actor is the user now */
	assert_string_equal(ok.last_record, u.id);
	/* A write after logging in is the user's. */
	assert_int_equal(lf_store_audit(t->st, "export", NULL, NULL), LF_STORE_OK);
	assert_string_equal(audited(t->st, "export").last_login, "zhang");
	/* The id is not a login. */
	char id[37];
	snprintf(id, sizeof id, "%s", u.id);
	lf_user_free(&u);
	assert_int_equal(lf_login(t->st, id, "clerk-pass-1", &u, msg, sizeof msg), LF_LOGIN_BAD);
	assert_int_equal(audited(t->st, "login.ok").n, 1);
}

static void test_login_bad_same_message(void **state)
{
	fixture *t = *state;
	lf_user u;
	char unknown[256], wrong[256];
	assert_int_equal(lf_login(t->st, "nobody", "clerk-pass-1", &u, unknown, sizeof unknown), LF_LOGIN_BAD);
	assert_int_equal(lf_login(t->st, "zhang", "clerk-pass-2", &u, wrong, sizeof wrong), LF_LOGIN_BAD);
	assert_string_equal(unknown, wrong);
	assert_string_equal(wrong, "wrong login or password");
	assert_null(u.login);
	tally fail = audited(t->st, "login.fail");
	assert_int_equal(fail.n, 2);
	assert_int_equal(audited(t->st, "login.ok").n, 0);
	lf_user z = get(t->st, "zhang");
	assert_int_equal(z.failed_logins, 1); /* only the known user's count moves */
	lf_user_free(&z);
	/* No password is ever in the log. */
	tally all = audited(t->st, NULL);
	assert_true(all.n >= 2);
	assert_int_equal(lf_login(t->st, "", "x", &u, wrong, sizeof wrong), LF_LOGIN_BAD);
	assert_int_equal(lf_login(t->st, NULL, "x", &u, wrong, sizeof wrong), LF_LOGIN_BAD);
}

/* The lock-out with the defaults: five failures lock for 15 minutes; while
 * locked even the right password is refused without being checked; the
 * administrator lifts the lock. */
static void test_lockout_default(void **state)
{
	fixture *t = *state;
	lf_user u;
	char msg[256];
	for (int i = 1; i <= 4; i++) {
		assert_int_equal(lf_login(t->st, "zhang", "nope-nope", &u, msg, sizeof msg), LF_LOGIN_BAD);
		lf_user z = get(t->st, "zhang");
		assert_int_equal(z.failed_logins, i);
		assert_string_equal(z.locked_until, "");
		lf_user_free(&z);
	}
	time_t before = (time_t)lf_clock_now();
	assert_int_equal(lf_login(t->st, "zhang", "nope-nope", &u, msg, sizeof msg), LF_LOGIN_LOCKED);
	assert_int_equal(audited(t->st, "login.fail").n, 4);
	assert_int_equal(audited(t->st, "login.locked").n, 1); /* the failure that locked */
	lf_user z = get(t->st, "zhang");
	assert_true(z.locked_until[0] != '\0');
	/* Locked until about 15 minutes from now, shown as local HH:MM. */
	struct tm tm;
	time_t at = before + 15 * 60;
	localtime_r(&at, &tm);
	char hhmm[8], hhmm2[8];
	strftime(hhmm, sizeof hhmm, "%H:%M", &tm);
	at += 60;
	localtime_r(&at, &tm);
	strftime(hhmm2, sizeof hhmm2, "%H:%M", &tm);
	if (strncmp(z.locked_until + 11, hhmm, 5) && strncmp(z.locked_until + 11, hhmm2, 5))
		fail_msg("locked until %s, expected about %s", z.locked_until, hhmm);
	char shown[8];
	snprintf(shown, sizeof shown, "%.5s", z.locked_until + 11);
	assert_non_null(strstr(msg, shown));

	/* Locked: the right password too is refused, with the time. */
	assert_int_equal(lf_login(t->st, "zhang", "clerk-pass-1", &u, msg, sizeof msg), LF_LOGIN_LOCKED);
	assert_non_null(strstr(msg, "locked"));
	assert_non_null(strstr(msg, shown));
	assert_null(u.login);
	assert_int_equal(audited(t->st, "login.locked").n, 2); /* and the attempt while locked */
	assert_int_equal(audited(t->st, "login.ok").n, 0);
	lf_user_free(&z);
	z = get(t->st, "zhang");
	assert_int_equal(z.failed_logins, 5); /* the locked attempt was not a new failure */
	lf_user_free(&z);

	/* Only an administrator may lift it. */
	lf_user clerk = get(t->st, "zhang");
	assert_int_equal(lf_people_unlock(t->st, &clerk, "zhang", msg, sizeof msg), LF_STORE_DENIED);
	lf_user_free(&clerk);
	lf_user admin = get(t->st, "admin");
	assert_int_equal(lf_people_unlock(t->st, &admin, "zhang", msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&admin);
	z = get(t->st, "zhang");
	assert_int_equal(z.failed_logins, 0);
	assert_string_equal(z.locked_until, "");
	lf_user_free(&z);
	assert_int_equal(lf_login(t->st, "zhang", "clerk-pass-1", &u, msg, sizeof msg), LF_LOGIN_OK);
	lf_user_free(&u);
}

/* Office settings change the count and the length; a lock that has run
 * out lets the user in, and a success clears the count. */
static void test_lockout_settings(void **state)
{
	fixture *t = *state;
	lf_user u;
	char msg[256];
	assert_int_equal(lf_store_setting_set(t->st, "lockout_failures", "2"), LF_STORE_OK);
	assert_int_equal(lf_store_setting_set(t->st, "lockout_minutes", "120"), LF_STORE_OK);
	assert_int_equal(lf_login(t->st, "zhang", "wrong-1", &u, msg, sizeof msg), LF_LOGIN_BAD);
	time_t before = (time_t)lf_clock_now();
	assert_int_equal(lf_login(t->st, "zhang", "wrong-2", &u, msg, sizeof msg), LF_LOGIN_LOCKED);
	lf_user z = get(t->st, "zhang");
	struct tm tm;
	time_t at = before + 120 * 60;
	localtime_r(&at, &tm);
	char hhmm[8];
	strftime(hhmm, sizeof hhmm, "%H:%M", &tm);
	if (strncmp(z.locked_until + 11, hhmm, 4)) /* to the ten minutes: no flake at a minute's edge */
		fail_msg("locked until %s, expected about %s", z.locked_until, hhmm);
	lf_user_free(&z);

	/* Still locked a minute before the end, even for the right password. */
	lf_clock_set_for_tests((long long)before + 119 * 60);
	assert_int_equal(lf_login(t->st, "zhang", "clerk-pass-1", &u, msg, sizeof msg), LF_LOGIN_LOCKED);
	/* A lock that ran out no longer holds. */
	lf_clock_set_for_tests((long long)before + 121 * 60);
	assert_int_equal(lf_login(t->st, "zhang", "clerk-pass-1", &u, msg, sizeof msg), LF_LOGIN_OK);
	lf_clock_set_for_tests(0);
	assert_int_equal(u.failed_logins, 0);
	lf_user_free(&u);
	z = get(t->st, "zhang");
	assert_int_equal(z.failed_logins, 0);
	assert_string_equal(z.locked_until, "");
	lf_user_free(&z);
}

static void test_disabled_and_unlock(void **state)
{
	fixture *t = *state;
	lf_user u, me;
	char msg[256];
	assert_int_equal(lf_login(t->st, "zhang", "clerk-pass-1", &me, msg, sizeof msg), LF_LOGIN_OK);
	/* The idle screen lock: the same user's password. */
	assert_int_equal(lf_unlock(t->st, &me, "clerk-pass-1", msg, sizeof msg), LF_LOGIN_OK);
	assert_int_equal(lf_unlock(t->st, &me, "wrong-pass", msg, sizeof msg), LF_LOGIN_BAD);
	lf_user z = get(t->st, "zhang");
	assert_int_equal(z.failed_logins, 1);
	lf_user_free(&z);

	lf_user admin = get(t->st, "admin");
	assert_int_equal(lf_people_set_active(t->st, &admin, "zhang", false, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&admin);
	/* Deactivated: said only to someone with the right password. */
	assert_int_equal(lf_login(t->st, "zhang", "clerk-pass-1", &u, msg, sizeof msg), LF_LOGIN_DISABLED);
	assert_non_null(strstr(msg, "deactivated"));
	assert_int_equal(lf_login(t->st, "zhang", "wrong-pass", &u, msg, sizeof msg), LF_LOGIN_BAD);
	assert_int_equal(lf_unlock(t->st, &me, "clerk-pass-1", msg, sizeof msg), LF_LOGIN_DISABLED);
	lf_user_free(&me);
}

int main(void)
{
	test_clock_day("2026-11-23");
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_login_ok, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_bad_same_message, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lockout_default, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lockout_settings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disabled_and_unlock, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
