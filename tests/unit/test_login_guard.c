/* Logins and sessions that hold against someone who tries (issue 10): an
 * unknown login costs the same work and gets the same answers; a password
 * typed as the login is stored nowhere; a session ends at its next write
 * once the account is deactivated or changed. Many processes at once:
 * test_login_parallel.c. */
#define _GNU_SOURCE /* memmem */
#include "login_fixture.h"

/* Every argon2id check a login makes, seen on its way to libsodium: the
 * work of a login is its checks, and two checks with the same parameters
 * cost the same. Counted, not timed: a timing is a benchmark's business
 * and a shared machine's noise. */
static int checks;
static char checked[LF_PWHASH_LEN];

int crypto_pwhash_str_verify(const char str[crypto_pwhash_STRBYTES], const char *const passwd,
                             unsigned long long passwdlen)
{
	static int (*real)(const char *, const char *, unsigned long long);
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "crypto_pwhash_str_verify");
	if (!real)
		abort();
	checks++;
	snprintf(checked, sizeof checked, "%s", str);
	return real(str, passwd, passwdlen);
}

/* The hash's algorithm and cost ("$argon2id$v=19$m=...,t=...,p=...$"), without its salt and digest. */
static void parameters(const char *hash, char *out, size_t len)
{
	const char *p = hash;
	for (int dollars = 0; *p && dollars < 4; p++)
		if (*p == '$')
			dollars++;
	snprintf(out, len, "%.*s", (int)(p - hash), hash);
}

/* One login: its result, and the one hash it checked. */
static void login_checks(lf_store *st, const char *login, const char *pw, lf_login_result want, char *hash,
                         size_t len)
{
	lf_user u;
	char msg[256];
	checks = 0;
	checked[0] = '\0';
	lf_login_result r = lf_login(st, login, pw, &u, msg, sizeof msg);
	assert_int_equal(r, want);
	if (r == LF_LOGIN_OK)
		lf_user_free(&u);
	if (checks != 1)
		fail_msg("%s: %d argon2id checks, not one", login, checks);
	snprintf(hash, len, "%s", checked);
}

static void test_decoy(void **state)
{
	(void)state;
	const char *d = lf_password_decoy();
	assert_non_null(d);
	/* libsodium's own format, today's parameters: the same work. */
	assert_memory_equal(d, "$argon2id$", 10);
	assert_int_equal(crypto_pwhash_str_needs_rehash(d, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                                                crypto_pwhash_MEMLIMIT_INTERACTIVE),
	                 0);
	assert_false(lf_password_verify(d, ""));
	assert_false(lf_password_verify(d, "laifang: no such user"));
	/* Made once, not again at each call. */
	assert_ptr_equal(lf_password_decoy(), d);
	/* The login key: a fixed-length digest, never the name. */
	char k1[LF_LOGIN_KEY_LEN], k2[LF_LOGIN_KEY_LEN];
	lf_login_key("zhang", k1);
	lf_login_key("zhanG", k2);
	assert_int_equal(strlen(k1), 64);
	assert_string_not_equal(k1, k2);
	assert_null(strstr(k1, "zhang"));
}

static void test_unknown_same_cost(void **state)
{
	fixture *t = *state;
	lf_store_setting_set(t->st, "lockout_failures", "50");
	const char *decoy = lf_password_decoy();
	char wrong[LF_PWHASH_LEN], unknown[LF_PWHASH_LEN], ok[LF_PWHASH_LEN], locked[LF_PWHASH_LEN];
	login_checks(t->st, "zhang", "wrong-pass-1", LF_LOGIN_BAD, wrong, sizeof wrong);
	login_checks(t->st, "nobody", "wrong-pass-1", LF_LOGIN_BAD, unknown, sizeof unknown);
	login_checks(t->st, "zhang", CLERK_PW, LF_LOGIN_OK, ok, sizeof ok);
	/* The known name checks its own hash; the unknown one the decoy. */
	assert_string_equal(wrong, ok);
	assert_string_not_equal(wrong, decoy);
	assert_string_equal(unknown, decoy);
	/* A locked account checks the decoy, never its own hash. */
	lf_store_setting_set(t->st, "lockout_failures", "1");
	lf_user u;
	char msg[256];
	assert_int_equal(lf_login(t->st, "zhang", "wrong-pass-2", &u, msg, sizeof msg), LF_LOGIN_LOCKED);
	login_checks(t->st, "zhang", CLERK_PW, LF_LOGIN_LOCKED, locked, sizeof locked);
	assert_string_equal(locked, decoy);
	/* One check each, and each the same cost. */
	char p_real[64], p_decoy[64];
	parameters(wrong, p_real, sizeof p_real);
	parameters(decoy, p_decoy, sizeof p_decoy);
	assert_memory_equal(p_real, "$argon2id$", 10);
	assert_string_equal(p_real, p_decoy);
}

/* Five wrong tries at an unknown name and at a known one: word for word
 * the same answers, the same lock. */
static void test_unknown_same_words(void **state)
{
	fixture *t = *state;
	char known[6][256], unknown[6][256];
	lf_login_result rk[6], ru[6];
	lf_user u;
	/* One moment for all the tries: the lock's end is in the words, to the
	 * minute, and a minute may turn between two tries on a busy machine. */
	lf_clock_set_for_tests(lf_clock_now());
	for (int i = 0; i < 6; i++) {
		rk[i] = lf_login(t->st, "zhang", "wrong-pass-1", &u, known[i], sizeof known[i]);
		ru[i] = lf_login(t->st, "zhangsan", "wrong-pass-1", &u, unknown[i], sizeof unknown[i]);
		assert_int_equal(rk[i], ru[i]);
		assert_string_equal(known[i], unknown[i]);
	}
	assert_int_equal(rk[3], LF_LOGIN_BAD);
	assert_int_equal(rk[4], LF_LOGIN_LOCKED);
	assert_non_null(strstr(known[4], "after 5 failed attempts"));
	assert_int_equal(rk[5], LF_LOGIN_LOCKED);
	/* The lock runs out for both. */
	lf_clock_set_for_tests(lf_clock_now() + 16 * 60);
	assert_int_equal(lf_login(t->st, "zhangsan", "wrong-pass-1", &u, unknown[0], sizeof unknown[0]), LF_LOGIN_BAD);
	assert_int_equal(lf_login(t->st, "zhang", CLERK_PW, &u, known[0], sizeof known[0]), LF_LOGIN_OK);
	lf_user_free(&u);
	lf_clock_set_for_tests(0);
}

/* ---- nothing typed into the login field is kept ---- */

static bool file_holds(const char *path, const char *needle)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	size_t cap = 1 << 20, n = 0;
	char *buf = malloc(cap);
	for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
		n += got;
		if (n == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	bool found = buf && memmem(buf, n, needle, strlen(needle)) != NULL;
	free(buf);
	return found;
}

static void test_password_as_login(void **state)
{
	fixture *t = *state;
	/* Looks like a login (lower case, digits): the old rule logged it. */
	const char *typed = "zhangpw2026secret";
	lf_user u;
	char msg[256];
	for (int i = 0; i < 6; i++)
		assert_int_not_equal(lf_login(t->st, typed, CLERK_PW, &u, msg, sizeof msg), LF_LOGIN_OK);
	assert_int_equal(lf_login(t->st, "zhang", "wrong-pass-1", &u, msg, sizeof msg), LF_LOGIN_BAD);
	/* The unknown name's attempts are in the log, without any name. */
	assert_int_equal(count(t, "SELECT count(*) FROM audit_log WHERE action LIKE 'login.%' AND record IS NULL"), 6);
	assert_int_equal(count(t, "SELECT count(*) FROM audit_log WHERE action = 'login.fail' AND record = "
	                          "(SELECT id FROM app_user WHERE login = 'zhang')"), 1);
	/* Nowhere in the file, its log or the guard. */
	char wal[160];
	snprintf(wal, sizeof wal, "%s-wal", t->db);
	assert_false(file_holds(t->db, typed));
	assert_false(file_holds(wal, typed));
	lf_store_close(t->st);
	t->st = NULL;
	assert_false(file_holds(t->db, typed));
	assert_false(file_holds(wal, typed));
	assert_non_null(t->st = open_db(t->db));
}

/* ---- sessions end when the account changes ---- */

static lf_registration sheet(void)
{
	return (lf_registration){.receptionist = "张三", .received_on = "2026-11-23", .name = "李四", .id_number = "440104198501011234",
	                         .content = "反映小区噪音问题"};
}

/* zhang logs in on one handle (a desk); the administrator, on another,
 * deactivates them; the desk's next save is refused and writes nothing. */
static void test_session_disabled(void **state)
{
	fixture *t = *state;
	lf_user me, admin;
	char msg[256];
	lf_store *desk = open_db(t->db);
	assert_non_null(desk);
	assert_int_equal(lf_login(desk, "zhang", CLERK_PW, &me, msg, sizeof msg), LF_LOGIN_OK);
	lf_registration reg = sheet();
	lf_saved_case out;
	if (lf_store_save_registration(desk, &reg, &out) != LF_STORE_OK)
		fail_msg("save: %s", lf_store_errmsg(desk));
	assert_false(lf_store_session_ended(desk));

	assert_int_equal(lf_login(t->st, "admin", ADMIN_PW, &admin, msg, sizeof msg), LF_LOGIN_OK);
	assert_int_equal(lf_people_set_active(t->st, &admin, "zhang", false, msg, sizeof msg), LF_STORE_OK);
	long long cases = count(t, "SELECT count(*) FROM case_file");
	long long entries = count(t, "SELECT count(*) FROM audit_log");

	assert_int_equal(lf_store_save_registration(desk, &reg, &out), LF_STORE_SESSION);
	assert_true(lf_store_session_ended(desk));
	assert_non_null(strstr(lf_store_errmsg(desk), "deactivated"));
	/* Any write, not only a save. */
	assert_int_equal(lf_store_audit(desk, "case.view", NULL, NULL), LF_STORE_SESSION);
	assert_int_equal(count(t, "SELECT count(*) FROM case_file"), cases);
	assert_int_equal(count(t, "SELECT count(*) FROM audit_log"), entries);

	/* Logging in again is refused while deactivated (the password is right). */
	assert_int_equal(lf_unlock(desk, &me, CLERK_PW, msg, sizeof msg), LF_LOGIN_DISABLED);
	assert_int_equal(lf_store_save_registration(desk, &reg, &out), LF_STORE_SESSION);
	/* Reactivated: logging in again goes on. */
	assert_int_equal(lf_people_set_active(t->st, &admin, "zhang", true, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_unlock(desk, &me, CLERK_PW, msg, sizeof msg), LF_LOGIN_OK);
	assert_false(lf_store_session_ended(desk));
	assert_int_equal(lf_store_save_registration(desk, &reg, &out), LF_STORE_OK);
	assert_int_equal(count(t, "SELECT count(*) FROM case_file"), cases + 1);
	lf_user_free(&me);
	lf_user_free(&admin);
	lf_store_close(desk);
}

/* A changed role or a new password set by the administrator end the
 * session too; the user's own new password does not end their own. */
static void test_session_changed(void **state)
{
	fixture *t = *state;
	lf_user me, admin;
	char msg[256];
	lf_store *desk = open_db(t->db);
	assert_non_null(desk);
	assert_int_equal(lf_login(t->st, "admin", ADMIN_PW, &admin, msg, sizeof msg), LF_LOGIN_OK);
	assert_int_equal(lf_login(desk, "zhang", CLERK_PW, &me, msg, sizeof msg), LF_LOGIN_OK);

	unsigned roles = LF_ROLE_CLERK | LF_ROLE_LEADER;
	assert_int_equal(lf_people_update_user(t->st, &admin, "zhang", NULL, NULL, NULL, &roles, msg, sizeof msg),
	                 LF_STORE_OK);
	assert_int_equal(lf_store_audit(desk, "case.view", NULL, NULL), LF_STORE_SESSION);
	assert_non_null(strstr(lf_store_errmsg(desk), "roles"));
	/* Logging in again brings the new roles. */
	assert_int_equal(lf_unlock(desk, &me, CLERK_PW, msg, sizeof msg), LF_LOGIN_OK);
	assert_int_equal(me.roles, roles);
	assert_int_equal(lf_store_audit(desk, "case.view", NULL, NULL), LF_STORE_OK);

	/* A name or title change alone does not end it. */
	assert_int_equal(lf_people_update_user(t->st, &admin, "zhang", "张三丰", NULL, NULL, NULL, msg, sizeof msg),
	                 LF_STORE_OK);
	assert_int_equal(lf_store_audit(desk, "case.view", NULL, NULL), LF_STORE_OK);

	/* The administrator resets the password. */
	assert_int_equal(lf_people_set_password(t->st, &admin, "zhang", "new-pass-22", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_store_audit(desk, "case.view", NULL, NULL), LF_STORE_SESSION);
	assert_int_equal(lf_unlock(desk, &me, CLERK_PW, msg, sizeof msg), LF_LOGIN_BAD);
	assert_int_equal(lf_unlock(desk, &me, "new-pass-22", msg, sizeof msg), LF_LOGIN_OK);

	/* Their own new password: this session goes on, another of theirs ends. */
	lf_store *other = open_db(t->db);
	lf_user me2;
	assert_int_equal(lf_login(other, "zhang", "new-pass-22", &me2, msg, sizeof msg), LF_LOGIN_OK);
	assert_int_equal(lf_people_set_password(desk, &me, "zhang", "own-pass-33", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_store_audit(desk, "case.view", NULL, NULL), LF_STORE_OK);
	assert_int_equal(lf_store_audit(other, "case.view", NULL, NULL), LF_STORE_SESSION);
	lf_user_free(&me2);
	lf_store_close(other);

	/* The administrator's own session ends when their roles change under
	 * them (another administrator does it). */
	assert_int_equal(lf_people_add_user(t->st, &admin, "admin2", "管理员二", NULL, NULL, LF_ROLE_ADMIN,
	                                    "admin-pass-2", msg, sizeof msg),
	                 LF_STORE_OK);
	lf_user admin2;
	assert_int_equal(lf_login(desk, "admin2", "admin-pass-2", &admin2, msg, sizeof msg), LF_LOGIN_OK);
	roles = LF_ROLE_CLERK;
	assert_int_equal(lf_people_update_user(desk, &admin2, "admin", NULL, NULL, NULL, &roles, msg, sizeof msg),
	                 LF_STORE_OK);
	/* admin still believes they are an administrator: the store says no. */
	assert_int_equal(lf_people_add_unit(t->st, &admin, "新处室", "department", msg, sizeof msg), LF_STORE_SESSION);
	assert_int_equal(count(t, "SELECT count(*) FROM unit"), 0);
	lf_user_free(&admin2);
	lf_user_free(&me);
	lf_user_free(&admin);
	lf_store_close(desk);
}

int main(void)
{
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decoy),
		cmocka_unit_test_setup_teardown(test_unknown_same_cost, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_same_words, setup, teardown),
		cmocka_unit_test_setup_teardown(test_password_as_login, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_disabled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_changed, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
