/* Logins from many processes at once (issue 10): wrong guesses lock an
 * account after exactly the configured count, an unknown login is locked
 * out too, the attempts reserved are released, right passwords all pass,
 * and concurrent first starts make one administrator. Each racer is a
 * process with its own handle, started together by a pipe. */
#include "login_fixture.h"

/* ---- many processes at once ---- */

/* n children, each with its own handle on the database, start together
 * (a pipe is the starting gun) and run fn; their exit statuses are
 * tallied in out (indexed by status, 0..15). */
typedef int (*child_fn)(lf_store *st, int i, void *ud);

static void race(const char *db, int n, child_fn fn, void *ud, int out[16])
{
	int gun[2];
	pid_t pids[64];
	assert_true(n <= 64);
	assert_int_equal(pipe(gun), 0);
	memset(out, 0, 16 * sizeof out[0]);
	for (int i = 0; i < n; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			close(gun[1]);
			lf_store *st = open_db(db);
			char c;
			if (read(gun[0], &c, 1) < 0 || !st)
				_exit(15);
			int r = fn(st, i, ud);
			lf_store_close(st);
			_exit(r & 15);
		}
	}
	close(gun[0]);
	close(gun[1]); /* every child's read returns now */
	for (int i = 0; i < n; i++) {
		int status = 0;
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		out[WEXITSTATUS(status)]++;
	}
}

static int guess(lf_store *st, int i, void *ud)
{
	char pw[32];
	snprintf(pw, sizeof pw, "wrong-guess-%02d", i);
	lf_user u;
	char msg[256];
	lf_login_result r = lf_login(st, (const char *)ud, pw, &u, msg, sizeof msg);
	if (r == LF_LOGIN_OK)
		lf_user_free(&u);
	return (int)r;
}

/* 40 processes guess zhang's password at the same moment: exactly five
 * get their guess checked (four told "wrong", the fifth that the account
 * is now locked), the other 35 are told it is locked, as with guesses one
 * after another. The right password is then refused too. */
static void test_parallel_guesses_lock(void **state)
{
	fixture *t = *state;
	lf_store_close(t->st); /* no handle across fork */
	t->st = NULL;
	int out[16];
	race(t->db, 40, guess, (void *)"zhang", out);
	assert_int_equal(out[LF_LOGIN_OK], 0);
	assert_int_equal(out[LF_LOGIN_ERROR], 0);
	assert_int_equal(out[15], 0);
	assert_int_equal(out[LF_LOGIN_BAD], 4);
	assert_int_equal(out[LF_LOGIN_LOCKED], 36);
	/* Five failures counted, the fifth set the lock; the rest were
	 * refused without a look at the password. */
	assert_int_equal(count(t, "SELECT failed_logins FROM app_user WHERE login = 'zhang'"), 5);
	assert_int_equal(count(t, "SELECT count(*) FROM audit_log WHERE action = 'login.fail'"), 4);
	assert_int_equal(count(t, "SELECT count(*) FROM audit_log WHERE action = 'login.locked'"), 36);
	assert_int_equal(count(t, "SELECT count(*) FROM audit_log WHERE action = 'login.locked' "
	                          "AND changes LIKE '%locked_until%'"), 1);
	assert_int_equal(count(t, "SELECT failures FROM login_guard"), 5);

	assert_non_null(t->st = open_db(t->db));
	lf_user u;
	char msg[256];
	assert_int_equal(lf_login(t->st, "zhang", CLERK_PW, &u, msg, sizeof msg), LF_LOGIN_LOCKED);
	assert_non_null(strstr(msg, "locked"));
}

/* The same for a name that is no user's: locked out after five, so a
 * lock-out does not tell which logins exist. */
static void test_parallel_unknown_lock(void **state)
{
	fixture *t = *state;
	lf_store_close(t->st);
	t->st = NULL;
	int out[16];
	race(t->db, 12, guess, (void *)"nobody", out);
	assert_int_equal(out[LF_LOGIN_BAD], 4);
	assert_int_equal(out[LF_LOGIN_LOCKED], 8);
	assert_int_equal(count(t, "SELECT failures FROM login_guard"), 5);
	assert_non_null(t->st = open_db(t->db));
}

/* The guard's count alone, without any password work: 40 processes ask
 * for a place at once with a limit of 7; exactly 7 get one, the others
 * are told to wait. Seven failures then lock the name. */
static int reserve_one(lf_store *st, int i, void *ud)
{
	(void)i;
	lf_login_gate g;
	if (lf_store_login_reserve(st, (const char *)ud, lf_clock_now(), 7, 86400, &g) != LF_STORE_OK)
		return 15;
	return g.locked ? 1 : g.wait ? 3 : g.attempt_id > 0 ? 0 : 14;
}

static void test_parallel_reserve(void **state)
{
	fixture *t = *state;
	lf_store_close(t->st);
	t->st = NULL;
	char key[LF_LOGIN_KEY_LEN];
	lf_login_key("zhang", key);
	int out[16];
	race(t->db, 40, reserve_one, key, out);
	assert_int_equal(out[15], 0);
	assert_int_equal(out[14], 0);
	assert_int_equal(out[0], 7);
	assert_int_equal(out[3], 33);
	assert_int_equal(count(t, "SELECT count(*) FROM login_attempt"), 7);

	/* The seven fail, one after another: the seventh locks. */
	assert_non_null(t->st = open_db(t->db));
	long long ids[7];
	sqlite3 *db;
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_open(t->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT id FROM login_attempt ORDER BY id", -1, &s, NULL), SQLITE_OK);
	for (int i = 0; i < 7; i++) {
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		ids[i] = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	lf_login_gate g;
	for (int i = 0; i < 7; i++) {
		assert_int_equal(lf_store_login_done(t->st, key, ids[i], true, lf_clock_now(), 7, 900, 86400, &g),
		                 LF_STORE_OK);
		assert_int_equal(g.failures, i + 1);
		assert_int_equal(g.until != 0, i == 6);
	}
	assert_int_equal(lf_store_login_reserve(t->st, key, lf_clock_now(), 7, 86400, &g), LF_STORE_OK);
	assert_true(g.locked);
	assert_int_equal(count(t, "SELECT count(*) FROM login_attempt"), 0);
	/* Another name is not touched. */
	char other[LF_LOGIN_KEY_LEN];
	lf_login_key("zhanga", other);
	assert_int_equal(lf_store_login_reserve(t->st, other, lf_clock_now(), 7, 86400, &g), LF_STORE_OK);
	assert_false(g.locked || g.wait);
}

/* Eight processes log in at once with the right password, more than the
 * lock-out's count: all get in (the extra ones wait their turn). */
static int right_one(lf_store *st, int i, void *ud)
{
	(void)i;
	(void)ud;
	lf_user u;
	char msg[256];
	lf_login_result r = lf_login(st, "zhang", CLERK_PW, &u, msg, sizeof msg);
	if (r == LF_LOGIN_OK)
		lf_user_free(&u);
	return (int)r;
}

static void test_parallel_right(void **state)
{
	fixture *t = *state;
	lf_store_close(t->st);
	t->st = NULL;
	lf_store *st = open_db(t->db);
	assert_int_equal(lf_store_setting_set(st, "lockout_failures", "3"), LF_STORE_OK);
	lf_store_close(st);
	int out[16];
	race(t->db, 8, right_one, NULL, out);
	assert_int_equal(out[LF_LOGIN_OK], 8);
	assert_int_equal(count(t, "SELECT count(*) FROM audit_log WHERE action = 'login.ok'"), 8);
	assert_int_equal(count(t, "SELECT count(*) FROM login_attempt"), 0);
	assert_non_null(t->st = open_db(t->db));
}

/* ---- the same work, the same words ---- */

/* ---- the first administrator, from several terminals at once ---- */

static int init_one(lf_store *st, int i, void *ud)
{
	(void)ud;
	char login[16], msg[256];
	snprintf(login, sizeof login, "admin%d", i);
	lf_store_err e = lf_people_init_admin(st, login, "管理员", ADMIN_PW, msg, sizeof msg);
	return e == LF_STORE_OK ? 0 : e == LF_STORE_CONFLICT ? 1 : 2;
}

static void test_parallel_init(void **state)
{
	fixture *t = *state;
	/* The file is made (and migrated) by the racers themselves. */
	int out[16];
	race(t->db, 8, init_one, NULL, out);
	assert_int_equal(out[15], 0);
	assert_int_equal(out[2], 0);
	assert_int_equal(out[0], 1);
	assert_int_equal(out[1], 7);
	assert_int_equal(count(t, "SELECT count(*) FROM app_user"), 1);
	assert_int_equal(count(t, "SELECT count(*) FROM audit_log WHERE action = 'user.add'"), 1);
	assert_non_null(t->st = open_db(t->db));
	char msg[256];
	assert_int_equal(lf_people_init_admin(t->st, "late", "迟到", ADMIN_PW, msg, sizeof msg), LF_STORE_CONFLICT);
}

int main(void)
{
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_parallel_guesses_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parallel_unknown_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parallel_reserve, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parallel_right, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parallel_init, setup_empty, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
