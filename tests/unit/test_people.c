/* Administering people through core, against a temporary database: the
 * first administrator, the checks on every field, every non-admin role
 * refused every operation with nothing written, the last administrator
 * kept, passwords reset (lifting a lock) and units. */
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

#include "laifang/auth.h"
#include "laifang/people.h"
#include "laifang/store_audit.h"
#include "test_clock.h"
#include "store_fixture.h"

typedef struct fixture {
	char dir[64];
	char db[128];
	lf_store *st;
} fixture;

/* Users of each single role, added straight through the store with a hash
 * no password matches (no argon2id cost: they never log in here). */
static const struct {
	const char *login;
	unsigned roles;
} staff[] = {
	{"clerk", LF_ROLE_CLERK},         {"leader", LF_ROLE_LEADER},
	{"supervisor", LF_ROLE_SUPERVISOR}, {"handler", LF_ROLE_HANDLER},
	{"archivist", LF_ROLE_ARCHIVIST},
};
#define N_STAFF (sizeof staff / sizeof *staff)

static int open_db(void **state, bool with_admin)
{
	fixture *t = calloc(1, sizeof *t);
	if (!t)
		return -1;
	if (sf_temp_db(t->dir, sizeof t->dir, t->db, sizeof t->db, "people"))
		return -1;
	char msg[512];
	t->st = lf_store_open(t->db, NULL, msg, sizeof msg);
	if (!t->st)
		return -1;
	*state = t;
	if (!with_admin)
		return 0;
	if (lf_people_init_admin(t->st, "admin", "管理员", "admin-pass-1", msg, sizeof msg) != LF_STORE_OK)
		return -1;
	for (size_t i = 0; i < N_STAFF; i++)
		if (lf_store_user_add(t->st, staff[i].login, staff[i].login, NULL, NULL, staff[i].roles, "x", NULL) !=
		    LF_STORE_OK)
			return -1;
	if (lf_store_unit_add(t->st, "办公室", "department", NULL) != LF_STORE_OK)
		return -1;
	return 0;
}

static int setup(void **state)
{
	return open_db(state, true);
}

static int setup_empty(void **state)
{
	return open_db(state, false);
}

SF_TEARDOWN(teardown)

static lf_user get(lf_store *st, const char *login)
{
	return sf_user(st, login);
}

static int count_entry(const lf_audit_entry *e, void *ud)
{
	(void)e;
	++*(int *)ud;
	return 0;
}

static int n_audit(lf_store *st)
{
	int n = 0;
	lf_audit_filter f = {.limit = 100000};
	assert_int_equal(lf_store_audit_each(st, &f, count_entry, &n), LF_STORE_OK);
	return n;
}

static int count_unit(const lf_unit *u, void *ud)
{
	(void)u;
	++*(int *)ud;
	return 0;
}

static int n_units(lf_store *st)
{
	int n = 0;
	assert_int_equal(lf_store_unit_each(st, count_unit, &n), LF_STORE_OK);
	return n;
}

static void test_login_rules(void **state)
{
	(void)state;
	char why[256] = "";
	assert_true(lf_login_acceptable("zhang.san", why, sizeof why));
	assert_true(lf_login_acceptable("li_4-x", NULL, 0));
	assert_true(lf_login_acceptable("ab", NULL, 0));
	assert_true(lf_login_acceptable("a2345678901234567890123456789012", NULL, 0)); /* 32 */
	assert_false(lf_login_acceptable("a23456789012345678901234567890123", why, sizeof why));
	assert_non_null(strstr(why, "login"));
	assert_false(lf_login_acceptable("a", NULL, 0));
	assert_false(lf_login_acceptable("", NULL, 0));
	assert_false(lf_login_acceptable(NULL, NULL, 0));
	assert_false(lf_login_acceptable("1abc", NULL, 0));
	assert_false(lf_login_acceptable("_abc", NULL, 0));
	assert_false(lf_login_acceptable("Zhang", NULL, 0));
	assert_false(lf_login_acceptable("zhang san", NULL, 0));
	assert_false(lf_login_acceptable("张三", NULL, 0));
	assert_false(lf_login_acceptable("a@b", NULL, 0));
}

static void test_init_admin(void **state)
{
	fixture *t = *state;
	char msg[256];
	assert_int_equal(lf_store_user_count(t->st), 0);
	assert_int_equal(lf_people_init_admin(t->st, "Admin", "管理员", "admin-pass-1", msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "login"));
	assert_int_equal(lf_people_init_admin(t->st, "admin", " \t　", "admin-pass-1", msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "name"));
	assert_int_equal(lf_people_init_admin(t->st, "admin", "管理员", "short", msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "password"));
	/* The refusal is the handle's last error too. */
	assert_int_equal(lf_store_errcode(t->st), LF_STORE_INVALID);
	assert_string_equal(lf_store_errmsg(t->st), msg);
	assert_int_equal(lf_store_user_count(t->st), 0);

	assert_int_equal(lf_people_init_admin(t->st, "admin", " 管理员\x1b[31m ", "admin-pass-1", msg, sizeof msg),
	                 LF_STORE_OK);
	lf_user a = get(t->st, "admin");
	assert_string_equal(a.name, "管理员"); /* cleaned and trimmed */
	assert_int_equal(a.roles, LF_ROLE_ADMIN);
	assert_true(a.active);
	lf_user_free(&a);
	/* Only once. */
	assert_int_equal(lf_people_init_admin(t->st, "other", "别人", "admin-pass-2", msg, sizeof msg),
	                 LF_STORE_CONFLICT);
	assert_int_equal(lf_store_user_count(t->st), 1);
	lf_user u;
	assert_int_equal(lf_login(t->st, "admin", "admin-pass-1", &u, msg, sizeof msg), LF_LOGIN_OK);
	lf_user_free(&u);
}

static void test_add_user(void **state)
{
	fixture *t = *state;
	char msg[256];
	lf_user admin = get(t->st, "admin");
	int users = lf_store_user_count(t->st);

	/* Each field checked, with the field named; nothing written. */
	assert_int_equal(lf_people_add_user(t->st, &admin, "wang", "王五", "副局长", "不存在的处", LF_ROLE_LEADER,
	                                    "leader-pass", msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "department"));
	assert_non_null(strstr(msg, "不存在的处"));
	assert_int_equal(lf_people_add_user(t->st, &admin, "wang", "王五", NULL, NULL, 0, "leader-pass", msg,
	                                    sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "role"));
	assert_int_equal(lf_people_add_user(t->st, &admin, "wang", "王五", NULL, NULL, 1u << 9, "leader-pass",
	                                    msg, sizeof msg),
	                 LF_STORE_INVALID);
	char long_name[65 * 3 + 1] = "";
	for (int i = 0; i < 65; i++)
		strcat(long_name, "王");
	assert_int_equal(lf_people_add_user(t->st, &admin, "wang", long_name, NULL, NULL, LF_ROLE_LEADER,
	                                    "leader-pass", msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "64"));
	assert_int_equal(lf_people_add_user(t->st, &admin, "wang", "", NULL, NULL, LF_ROLE_LEADER, "leader-pass",
	                                    msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(lf_people_add_user(t->st, &admin, "wang wu", "王五", NULL, NULL, LF_ROLE_LEADER,
	                                    "leader-pass", msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(lf_people_add_user(t->st, &admin, "wang", "王五", NULL, NULL, LF_ROLE_LEADER, "1234",
	                                    msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(lf_store_user_count(t->st), users);

	/* 64 characters is the limit, not over it. */
	long_name[64 * 3] = '\0';
	assert_int_equal(lf_people_add_user(t->st, &admin, "wang", "王五", " 副局长 ", "办公室",
	                                    LF_ROLE_LEADER | LF_ROLE_CLERK, "leader-pass", msg, sizeof msg),
	                 LF_STORE_OK);
	lf_user w = get(t->st, "wang");
	assert_string_equal(w.name, "王五");
	assert_string_equal(w.title, "副局长");
	assert_string_equal(w.unit_name, "办公室");
	assert_int_equal(w.roles, LF_ROLE_LEADER | LF_ROLE_CLERK);
	/* The unit by id works as well as by name. */
	char unit_id[37];
	snprintf(unit_id, sizeof unit_id, "%s", w.unit_id);
	lf_user_free(&w);
	assert_int_equal(lf_people_add_user(t->st, &admin, "zhao", long_name, "", unit_id, LF_ROLE_HANDLER, "x",
	                                    msg, sizeof msg),
	                 LF_STORE_INVALID); /* the password still counts */
	assert_int_equal(lf_people_add_user(t->st, &admin, "zhao", long_name, "", unit_id, LF_ROLE_HANDLER,
	                                    "handler-pass", msg, sizeof msg),
	                 LF_STORE_OK);
	lf_user z = get(t->st, "zhao");
	assert_string_equal(z.unit_id, unit_id);
	assert_null(z.title);
	lf_user_free(&z);
	/* A login is taken once. */
	assert_int_equal(lf_people_add_user(t->st, &admin, "wang", "另一个王五", NULL, NULL, LF_ROLE_CLERK,
	                                    "other-pass", msg, sizeof msg),
	                 LF_STORE_CONFLICT);
	assert_non_null(strstr(msg, "wang"));
	assert_int_equal(lf_store_user_count(t->st), users + 2);
	lf_user u;
	assert_int_equal(lf_login(t->st, "wang", "leader-pass", &u, msg, sizeof msg), LF_LOGIN_OK);
	lf_user_free(&u);
	lf_user_free(&admin);
}

/* Every role but admin, and nobody, and a deactivated admin, is refused
 * every people operation, and nothing reaches the database. */
static void test_non_admin_refused(void **state)
{
	fixture *t = *state;
	char msg[256];
	int users = lf_store_user_count(t->st), entries = n_audit(t->st), units = n_units(t->st);
	lf_user actors[N_STAFF + 2];
	for (size_t i = 0; i < N_STAFF; i++)
		actors[i] = get(t->st, staff[i].login);
	actors[N_STAFF] = get(t->st, "admin");
	actors[N_STAFF].active = false; /* as if deactivated meanwhile */
	unsigned leader = LF_ROLE_LEADER;
	for (size_t i = 0; i < N_STAFF + 2; i++) {
		const lf_user *a = i <= N_STAFF ? &actors[i] : NULL;
		const char *who = a ? a->login : "(nobody)";
		lf_store_err r[] = {
			lf_people_add_user(t->st, a, "newbie", "新人", NULL, NULL, LF_ROLE_CLERK, "newbie-pass", msg,
			                   sizeof msg),
			lf_people_update_user(t->st, a, "clerk", "改名", NULL, NULL, &leader, msg, sizeof msg),
			lf_people_set_active(t->st, a, "leader", false, msg, sizeof msg),
			lf_people_set_active(t->st, a, "leader", true, msg, sizeof msg),
			lf_people_set_password(t->st, a, "admin", "taken-over", msg, sizeof msg),
			lf_people_unlock(t->st, a, "leader", msg, sizeof msg),
			lf_people_add_unit(t->st, a, "新处室", "department", msg, sizeof msg),
		};
		for (size_t k = 0; k < sizeof r / sizeof *r; k++)
			if (r[k] != LF_STORE_DENIED)
				fail_msg("%s: operation %zu gave %d, not DENIED", who, k, r[k]);
		assert_int_equal(lf_store_errcode(t->st), LF_STORE_DENIED);
		assert_non_null(strstr(msg, "not allowed"));
		if (a && a->active)
			assert_non_null(strstr(msg, lf_role_label(LF_ROLE_ADMIN)));
	}
	assert_int_equal(lf_store_user_count(t->st), users);
	assert_int_equal(n_audit(t->st), entries);
	assert_int_equal(n_units(t->st), units);
	lf_user c = get(t->st, "clerk");
	assert_string_equal(c.name, "clerk");
	assert_int_equal(c.roles, LF_ROLE_CLERK);
	lf_user_free(&c);
	for (size_t i = 0; i <= N_STAFF; i++)
		lf_user_free(&actors[i]);
}

static void test_update_and_last_admin(void **state)
{
	fixture *t = *state;
	char msg[256];
	lf_user admin = get(t->st, "admin");
	unsigned roles = LF_ROLE_LEADER;
	assert_int_equal(lf_people_update_user(t->st, &admin, "clerk", " 李四 ", "处长", "办公室", &roles, msg,
	                                       sizeof msg),
	                 LF_STORE_OK);
	lf_user c = get(t->st, "clerk");
	assert_string_equal(c.name, "李四");
	assert_string_equal(c.title, "处长");
	assert_string_equal(c.unit_name, "办公室");
	assert_int_equal(c.roles, LF_ROLE_LEADER);
	lf_user_free(&c);
	/* NULL keeps a field, "" clears title and unit. */
	assert_int_equal(lf_people_update_user(t->st, &admin, "clerk", NULL, "", "", NULL, msg, sizeof msg),
	                 LF_STORE_OK);
	c = get(t->st, "clerk");
	assert_string_equal(c.name, "李四");
	assert_null(c.title);
	assert_string_equal(c.unit_id, "");
	assert_int_equal(c.roles, LF_ROLE_LEADER);
	lf_user_free(&c);
	roles = 0;
	assert_int_equal(lf_people_update_user(t->st, &admin, "clerk", NULL, NULL, NULL, &roles, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(lf_people_update_user(t->st, &admin, "clerk", "", NULL, NULL, NULL, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(lf_people_update_user(t->st, &admin, "clerk", NULL, NULL, "火星", NULL, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(lf_people_update_user(t->st, &admin, "ghost", "鬼", NULL, NULL, NULL, msg, sizeof msg),
	                 LF_STORE_NOTFOUND);

	/* The only active administrator keeps the role and stays active. */
	roles = LF_ROLE_CLERK;
	int entries = n_audit(t->st);
	assert_int_equal(lf_people_update_user(t->st, &admin, "admin", NULL, NULL, NULL, &roles, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "last active administrator"));
	assert_int_equal(lf_people_set_active(t->st, &admin, "admin", false, msg, sizeof msg), LF_STORE_INVALID);
	assert_int_equal(n_audit(t->st), entries);
	lf_user a = get(t->st, "admin");
	assert_int_equal(a.roles, LF_ROLE_ADMIN);
	assert_true(a.active);
	lf_user_free(&a);

	/* With a second administrator the first may step down; then the second
	 * is the last one. */
	roles = LF_ROLE_ADMIN | LF_ROLE_ARCHIVIST;
	assert_int_equal(lf_people_update_user(t->st, &admin, "archivist", NULL, NULL, NULL, &roles, msg,
	                                       sizeof msg),
	                 LF_STORE_OK);
	roles = LF_ROLE_CLERK;
	assert_int_equal(lf_people_update_user(t->st, &admin, "admin", NULL, NULL, NULL, &roles, msg, sizeof msg),
	                 LF_STORE_OK);
	lf_user_free(&admin);
	lf_user arch = get(t->st, "archivist");
	roles = LF_ROLE_ARCHIVIST;
	assert_int_equal(lf_people_update_user(t->st, &arch, "archivist", NULL, NULL, NULL, &roles, msg,
	                                       sizeof msg),
	                 LF_STORE_INVALID);
	/* Deactivating and reactivating someone else. */
	assert_int_equal(lf_people_set_active(t->st, &arch, "leader", false, msg, sizeof msg), LF_STORE_OK);
	lf_user l = get(t->st, "leader");
	assert_false(l.active);
	lf_user_free(&l);
	assert_int_equal(lf_people_set_active(t->st, &arch, "leader", true, msg, sizeof msg), LF_STORE_OK);
	l = get(t->st, "leader");
	assert_true(l.active);
	lf_user_free(&l);
	lf_user_free(&arch);
}

static void test_passwords(void **state)
{
	fixture *t = *state;
	char msg[256];
	lf_user admin = get(t->st, "admin");
	lf_user clerk = get(t->st, "clerk");
	/* Lock the clerk out. */
	assert_int_equal(lf_store_user_login_failed(t->st, clerk.id, "2099-01-01T00:00:00+08:00"), LF_STORE_OK);
	assert_int_equal(lf_people_set_password(t->st, &admin, "clerk", "short", msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "password"));
	/* The administrator's reset sets the password and lifts the lock. */
	assert_int_equal(lf_people_set_password(t->st, &admin, "clerk", "clerk-new-1", msg, sizeof msg),
	                 LF_STORE_OK);
	lf_user c = get(t->st, "clerk");
	assert_string_equal(c.locked_until, "");
	assert_int_equal(c.failed_logins, 0);
	lf_user_free(&c);
	lf_user u;
	assert_int_equal(lf_login(t->st, "clerk", "clerk-new-1", &u, msg, sizeof msg), LF_LOGIN_OK);
	lf_user_free(&u);
	/* A user changes their own, not someone else's. */
	assert_int_equal(lf_people_set_password(t->st, &clerk, "clerk", "clerk-new-2", msg, sizeof msg),
	                 LF_STORE_OK);
	assert_int_equal(lf_people_set_password(t->st, &clerk, "leader", "clerk-new-2", msg, sizeof msg),
	                 LF_STORE_DENIED);
	assert_int_equal(lf_login(t->st, "clerk", "clerk-new-1", &u, msg, sizeof msg), LF_LOGIN_BAD);
	assert_int_equal(lf_login(t->st, "clerk", "clerk-new-2", &u, msg, sizeof msg), LF_LOGIN_OK);
	lf_user_free(&u);
	assert_int_equal(lf_people_set_password(t->st, &admin, "ghost", "ghost-pass", msg, sizeof msg),
	                 LF_STORE_NOTFOUND);
	lf_user_free(&clerk);
	lf_user_free(&admin);
}

static void test_units(void **state)
{
	fixture *t = *state;
	char msg[256];
	lf_user admin = get(t->st, "admin");
	int units = n_units(t->st);
	assert_int_equal(lf_people_add_unit(t->st, &admin, "市纪委监委", "discipline", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_people_add_unit(t->st, &admin, " 越秀区信访局 ", "lower", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_people_add_unit(t->st, &admin, "越秀区信访局", "lower", msg, sizeof msg),
	                 LF_STORE_CONFLICT);
	assert_non_null(strstr(msg, "越秀区信访局"));
	assert_int_equal(lf_people_add_unit(t->st, &admin, "某局", "ministry", msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "kind"));
	assert_int_equal(lf_people_add_unit(t->st, &admin, "  ", "peer", msg, sizeof msg), LF_STORE_INVALID);
	assert_int_equal(n_units(t->st), units + 2);
	lf_unit u = {0};
	assert_int_equal(lf_store_unit_get(t->st, "越秀区信访局", &u), LF_STORE_OK);
	assert_string_equal(u.kind, "lower");
	lf_unit_free(&u);

	assert_string_equal(lf_unit_kind_label("department"), "department of this office");
	assert_non_null(lf_unit_kind_label("peer"));
	assert_non_null(lf_unit_kind_label("lower"));
	assert_non_null(lf_unit_kind_label("discipline"));
	assert_null(lf_unit_kind_label("ministry"));
	assert_null(lf_unit_kind_label(NULL));
	lf_user_free(&admin);
}

/* One user or unit for the faces: a user for whoever may list users and
 * for oneself; a unit for anyone logged in. */
static void test_get_one(void **state)
{
	fixture *t = *state;
	char msg[256];
	lf_user admin = get(t->st, "admin"), clerk = get(t->st, "clerk"), sup = get(t->st, "supervisor");
	lf_user u;
	assert_int_equal(lf_people_get_user(t->st, &admin, "leader", &u, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(u.login, "leader");
	lf_user_free(&u);
	/* A supervisor reads the audit log, which names users. */
	assert_int_equal(lf_people_get_user(t->st, &sup, "leader", &u, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&u);
	/* A clerk gets themself, by login or id, and nobody else. */
	assert_int_equal(lf_people_get_user(t->st, &clerk, "clerk", &u, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(u.id, clerk.id);
	lf_user_free(&u);
	assert_int_equal(lf_people_get_user(t->st, &clerk, clerk.id, &u, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(u.login, "clerk");
	lf_user_free(&u);
	assert_int_equal(lf_people_get_user(t->st, &clerk, "leader", &u, msg, sizeof msg), LF_STORE_DENIED);
	assert_null(u.login);
	assert_non_null(strstr(msg, "not allowed"));
	assert_int_equal(lf_people_get_user(t->st, &admin, "nobody", &u, msg, sizeof msg), LF_STORE_NOTFOUND);
	assert_non_null(strstr(msg, "nobody"));
	assert_int_equal(lf_people_get_user(t->st, NULL, "clerk", &u, msg, sizeof msg), LF_STORE_DENIED);

	lf_unit un;
	assert_int_equal(lf_people_get_unit(t->st, &clerk, "办公室", &un, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(un.kind, "department");
	lf_unit_free(&un);
	assert_int_equal(lf_people_get_unit(t->st, &clerk, "无此处室", &un, msg, sizeof msg), LF_STORE_NOTFOUND);
	assert_non_null(strstr(msg, "无此处室"));
	clerk.active = false;
	assert_int_equal(lf_people_get_unit(t->st, &clerk, "办公室", &un, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(lf_people_get_unit(t->st, NULL, "办公室", &un, msg, sizeof msg), LF_STORE_DENIED);
	lf_user_free(&admin);
	lf_user_free(&clerk);
	lf_user_free(&sup);
}

int main(void)
{
	test_clock_day("2026-11-23");
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_rules),
		cmocka_unit_test_setup_teardown(test_init_admin, setup_empty, teardown),
		cmocka_unit_test_setup_teardown(test_add_user, setup, teardown),
		cmocka_unit_test_setup_teardown(test_non_admin_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_and_last_admin, setup, teardown),
		cmocka_unit_test_setup_teardown(test_passwords, setup, teardown),
		cmocka_unit_test_setup_teardown(test_units, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get_one, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
