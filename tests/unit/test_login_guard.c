/* Logins and sessions that hold against someone who tries (issue 10):
 * wrong guesses from many processes at once lock an account after exactly
 * the configured count; an unknown login costs the same work, gets the
 * same answers and is locked out too; a password typed as the login is
 * stored nowhere; a session ends at its next write once the account is
 * deactivated or changed; concurrent first starts make one administrator. */
#define _GNU_SOURCE /* memmem */
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

static lf_store *open_db(const char *path)
{
	char msg[512] = "";
	lf_store *st = lf_store_open(path, NULL, msg, sizeof msg);
	if (!st)
		fprintf(stderr, "open %s: %s\n", path, msg);
	return st;
}

static int setup_empty(void **state)
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
static int setup(void **state)
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

static long long count(fixture *t, const char *sql)
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
		cmocka_unit_test(test_decoy),
		cmocka_unit_test_setup_teardown(test_parallel_guesses_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parallel_unknown_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parallel_reserve, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parallel_right, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_same_cost, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_same_words, setup, teardown),
		cmocka_unit_test_setup_teardown(test_password_as_login, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_disabled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_changed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parallel_init, setup_empty, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
