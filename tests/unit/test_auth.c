/* Roles and permissions against a table written out here independently,
 * the refusal messages, ids and labels, docs/permissions.md, and passwords
 * (rules, argon2id, reading without echo through a real pseudo-terminal).
 * Logging in and the lock-out: test_auth_login.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "laifang/auth.h"
#include "laifang/date.h"
#include "laifang/people.h"
#include "laifang/store_audit.h"
#include "test_clock.h"
#include "store_fixture.h"

/* ---- the table, written out by hand from the agreed behaviour ---- */

/* Columns in lf_perm order: register view_full_id instruct screen route
 * report reply archive export administer view_audit, then read_all
 * read_referrals export_personal_data look_up_visitor approve_report correct_registration
 * approve_extension review_publication. */
static const struct {
	lf_role role;
	const char *id;
	bool may[LF_PERM_COUNT];
} expected[LF_ROLE_COUNT] = {
	{LF_ROLE_CLERK, "clerk", {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0}},
	{LF_ROLE_LEADER, "leader", {0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1}},
	{LF_ROLE_SUPERVISOR, "supervisor", {0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1}},
	{LF_ROLE_HANDLER, "handler", {0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
	{LF_ROLE_ARCHIVIST, "archivist", {0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0}},
	{LF_ROLE_ADMIN, "admin", {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
	/* Issue 11: the unit head approves its unit's reports, nothing else. */
	{LF_ROLE_UNIT_HEAD, "unit_head", {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0}},
};
static const char *const perm_ids[LF_PERM_COUNT] = {
	"register", "view_full_id", "instruct", "screen",     "route",      "report",
	"reply",    "archive",      "export",   "administer", "view_audit", "read_all",
	"read_referrals", "export_personal_data", "look_up_visitor", "approve_report", "correct_registration",
	"approve_extension", "review_publication", "review_request", "review_decide",
};

static void test_table(void **state)
{
	(void)state;
	for (int r = 0; r < LF_ROLE_COUNT; r++)
		for (int p = 0; p < LF_PERM_COUNT; p++)
			if (lf_can(expected[r].role, (lf_perm)p) != expected[r].may[p])
				fail_msg("%s / %s: lf_can says %d", expected[r].id, perm_ids[p],
				         lf_can(expected[r].role, (lf_perm)p));
	/* Several roles: anything either allows. */
	for (int p = 0; p < LF_PERM_COUNT; p++) {
		assert_int_equal(lf_can(LF_ROLE_CLERK | LF_ROLE_LEADER, (lf_perm)p),
		                 expected[0].may[p] || expected[1].may[p]);
		assert_false(lf_can(0, (lf_perm)p));
		bool any = false;
		for (int r = 0; r < LF_ROLE_COUNT; r++)
			any |= expected[r].may[p];
		assert_int_equal(lf_can(LF_ROLES_ALL, (lf_perm)p), any);
	}
	assert_false(lf_can(LF_ROLES_ALL, LF_PERM_COUNT));
	assert_false(lf_can(LF_ROLES_ALL, (lf_perm)-1));
}

static void test_require(void **state)
{
	(void)state;
	char msg[512];
	lf_user u = {.login = "x", .name = "某人", .active = true};
	for (int r = 0; r < LF_ROLE_COUNT; r++) {
		u.roles = expected[r].role;
		for (int p = 0; p < LF_PERM_COUNT; p++) {
			snprintf(msg, sizeof msg, "untouched");
			bool ok = lf_require(&u, (lf_perm)p, msg, sizeof msg);
			assert_int_equal(ok, expected[r].may[p]);
			if (ok) {
				assert_string_equal(msg, "untouched");
				continue;
			}
			/* The refusal names the action and every role that allows it. */
			assert_non_null(strstr(msg, lf_perm_label((lf_perm)p)));
			for (int q = 0; q < LF_ROLE_COUNT; q++)
				if (expected[q].may[p] && !strstr(msg, lf_role_label(expected[q].role)))
					fail_msg("refusal of %s to %s does not name %s: %s", expected[r].id, perm_ids[p],
					         expected[q].id, msg);
		}
	}
	/* The exact sentence for one and for several roles (untranslated in tests;
	 * labels joined with the enumeration comma). */
	u.roles = LF_ROLE_CLERK;
	assert_false(lf_require(&u, LF_PERM_INSTRUCT, msg, sizeof msg));
	assert_string_equal(msg, "not allowed: sign an instruction needs the role leader on duty");
	u.roles = LF_ROLE_HANDLER;
	assert_false(lf_require(&u, LF_PERM_EXPORT, msg, sizeof msg));
	assert_string_equal(msg, "not allowed: export cases needs one of the roles archivist、administrator");

	/* Nobody, or a deactivated account, may do nothing at all. */
	assert_false(lf_require(NULL, LF_PERM_REGISTER, msg, sizeof msg));
	assert_non_null(strstr(msg, "nobody is logged in"));
	u.roles = LF_ROLES_ALL;
	u.active = false;
	for (int p = 0; p < LF_PERM_COUNT; p++)
		assert_false(lf_require(&u, (lf_perm)p, NULL, 0));
	assert_false(lf_require(&u, LF_PERM_REGISTER, msg, sizeof msg));
	assert_non_null(strstr(msg, "deactivated"));
	/* A short buffer is cut, not overrun. */
	char tiny[8];
	memset(tiny, '#', sizeof tiny);
	u.active = true;
	u.roles = LF_ROLE_CLERK;
	assert_false(lf_require(&u, LF_PERM_ARCHIVE, tiny, 4));
	assert_int_equal(strlen(tiny), 3);
	assert_int_equal(tiny[4], '#');
}

static void test_ids_and_roles(void **state)
{
	(void)state;
	for (int r = 0; r < LF_ROLE_COUNT; r++) {
		assert_string_equal(lf_role_id(expected[r].role), expected[r].id);
		assert_non_null(lf_role_label(expected[r].role));
		unsigned m = 0;
		assert_true(lf_roles_parse(expected[r].id, &m, NULL, 0));
		assert_int_equal(m, expected[r].role);
	}
	for (int p = 0; p < LF_PERM_COUNT; p++) {
		assert_string_equal(lf_perm_id((lf_perm)p), perm_ids[p]);
		assert_non_null(lf_perm_label((lf_perm)p));
	}
	assert_null(lf_role_id(0));
	assert_null(lf_role_id(LF_ROLE_CLERK | LF_ROLE_LEADER));
	assert_null(lf_role_label((lf_role)(1u << LF_ROLE_COUNT)));
	assert_null(lf_perm_id(LF_PERM_COUNT));
	assert_null(lf_perm_label(LF_PERM_COUNT));
	assert_string_equal(lf_role_label(LF_ROLE_LEADER), "leader on duty");

	unsigned m = 99;
	char bad[16];
	assert_true(lf_roles_parse("clerk,leader", &m, bad, sizeof bad));
	assert_int_equal(m, LF_ROLE_CLERK | LF_ROLE_LEADER);
	assert_true(lf_roles_parse(" admin , archivist ", &m, NULL, 0));
	assert_int_equal(m, LF_ROLE_ADMIN | LF_ROLE_ARCHIVIST);
	assert_true(lf_roles_parse("clerk,clerk", &m, NULL, 0));
	assert_int_equal(m, LF_ROLE_CLERK);
	m = 99;
	assert_false(lf_roles_parse("", &m, bad, sizeof bad));
	assert_false(lf_roles_parse(NULL, &m, bad, sizeof bad));
	assert_false(lf_roles_parse("clerk,,leader", &m, bad, sizeof bad));
	assert_string_equal(bad, "");
	assert_false(lf_roles_parse("clerk,boss", &m, bad, sizeof bad));
	assert_string_equal(bad, "boss");
	assert_false(lf_roles_parse("Clerk", &m, bad, sizeof bad));
	assert_string_equal(bad, "Clerk");
	assert_false(lf_roles_parse("clerk,", &m, NULL, 0));
	assert_int_equal(m, 99); /* untouched on failure */

	char buf[128];
	lf_roles_format(LF_ROLE_LEADER | LF_ROLE_CLERK, false, buf, sizeof buf);
	assert_string_equal(buf, "clerk,leader");
	lf_roles_format(LF_ROLES_ALL, false, buf, sizeof buf);
	assert_string_equal(buf, "clerk,leader,supervisor,handler,archivist,admin,unit_head");
	assert_true(lf_roles_parse(buf, &m, NULL, 0));
	assert_int_equal(m, LF_ROLES_ALL);
	lf_roles_format(LF_ROLE_ARCHIVIST | LF_ROLE_ADMIN, true, buf, sizeof buf);
	assert_string_equal(buf, "archivist、administrator");
	lf_roles_format(0, true, buf, sizeof buf);
	assert_string_equal(buf, "");
	/* Out of room: whole words only. */
	lf_roles_format(LF_ROLE_CLERK | LF_ROLE_LEADER, false, buf, 10);
	assert_string_equal(buf, "clerk");
}

/* docs/permissions.md is the table printed: the file in the tree must be
 * exactly what lf_permissions_markdown writes, and its ticks the table's. */
static void test_markdown(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	lf_permissions_markdown(f);
	assert_int_equal(fclose(f), 0);
	assert_non_null(strstr(text, "laifang permissions"));

	int rows = 0;
	for (char *line = text; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		for (int p = 0; p < LF_PERM_COUNT; p++) {
			char tag[32];
			snprintf(tag, sizeof tag, "(`%s`) |", perm_ids[p]);
			if (strncmp(line, "| ", 2) || !strstr(line, tag))
				continue;
			rows++;
			/* Cells after the action: one per role, in role order. */
			char *cell = strstr(line, tag) + strlen(tag);
			for (int r = 0; r < LF_ROLE_COUNT; r++) {
				char *end = strchr(cell, '|');
				assert_non_null(end);
				*end = '\0';
				bool tick = strstr(cell, "✓") != NULL;
				if (tick != expected[r].may[p])
					fail_msg("permissions.md: %s / %s shows %d", perm_ids[p], expected[r].id, tick);
				cell = end + 1;
			}
		}
		line = nl ? nl + 1 : NULL;
	}
	assert_int_equal(rows, LF_PERM_COUNT);
	free(text);

	/* The committed document is the same output, byte for byte. */
	f = open_memstream(&text, &len);
	lf_permissions_markdown(f);
	fclose(f);
	FILE *doc = fopen("docs/permissions.md", "r");
	if (!doc)
		fail_msg("docs/permissions.md: %s (tests run from the repository root)", strerror(errno));
	char *disk = calloc(1, len + 2);
	size_t got = fread(disk, 1, len + 1, doc);
	fclose(doc);
	if (got != len || memcmp(disk, text, len))
		fail_msg("docs/permissions.md differs from `laifang permissions`: regenerate it");
	free(disk);
	free(text);
}

/* ---- passwords ---- */

static void test_password_rules(void **state)
{
	(void)state;
	char why[256];
	why[0] = '\0';
	assert_false(lf_password_acceptable("", why, sizeof why));
	assert_non_null(strstr(why, "password"));
	assert_false(lf_password_acceptable(NULL, why, sizeof why));
	assert_false(lf_password_acceptable("1234567", why, sizeof why));
	assert_non_null(strstr(why, "8"));
	assert_true(lf_password_acceptable("12345678", NULL, 0));
	/* Characters, not bytes: four Chinese characters are 12 bytes but short. */
	assert_false(lf_password_acceptable("密码密码", why, sizeof why));
	assert_true(lf_password_acceptable("来访登记密码一二", why, sizeof why));
	char big[300];
	memset(big, 'a', sizeof big);
	big[256] = '\0';
	assert_true(lf_password_acceptable(big, why, sizeof why));
	big[256] = 'a';
	big[257] = '\0';
	assert_false(lf_password_acceptable(big, why, sizeof why));
	assert_non_null(strstr(why, "256"));
	assert_false(lf_password_acceptable("\xff\xfe" "abcdefgh", why, sizeof why));
	assert_false(lf_password_acceptable("abcd\tefgh", why, sizeof why));
	assert_false(lf_password_acceptable("abcd\x1b[2Jefgh", why, sizeof why));
}

static void test_password_hash(void **state)
{
	(void)state;
	char h1[LF_PWHASH_LEN], h2[LF_PWHASH_LEN];
	assert_int_equal(lf_password_hash("correct horse", h1), 0);
	assert_int_equal(lf_password_hash("correct horse", h2), 0);
	assert_memory_equal(h1, "$argon2id$", 10);
	assert_string_not_equal(h1, h2); /* salted */
	assert_null(strstr(h1, "correct horse"));
	assert_true(lf_password_verify(h1, "correct horse"));
	assert_true(lf_password_verify(h2, "correct horse"));
	assert_false(lf_password_verify(h1, "correct horsE"));
	assert_false(lf_password_verify(h1, ""));
	assert_false(lf_password_verify(h1, NULL));
	assert_false(lf_password_verify(NULL, "correct horse"));
	assert_false(lf_password_verify("", "correct horse"));
	assert_false(lf_password_verify("correct horse", "correct horse"));
}

static void test_password_read_stream(void **state)
{
	(void)state;
	char data[] = "first pw\r\nsecond\n\nlast without newline";
	FILE *in = fmemopen(data, strlen(data), "r");
	assert_non_null(in);
	char *p = lf_password_read("unused", in);
	assert_string_equal(p, "first pw");
	lf_password_free(p);
	p = lf_password_read(NULL, in);
	assert_string_equal(p, "second");
	lf_password_free(p);
	p = lf_password_read(NULL, in);
	assert_string_equal(p, "");
	lf_password_free(p);
	p = lf_password_read(NULL, in);
	assert_string_equal(p, "last without newline");
	lf_password_free(p);
	assert_null(lf_password_read(NULL, in));
	fclose(in);
	lf_password_free(NULL);
}

/* Everything the pseudo-terminal shows until the child closes it. */
static size_t drain(int fd, char *buf, size_t have, size_t cap, const char *until)
{
	for (;;) {
		if (until && strstr(buf, until))
			return have;
		struct pollfd pfd = {fd, POLLIN, 0};
		if (poll(&pfd, 1, 10000) <= 0)
			fail_msg("the pseudo-terminal went quiet");
		ssize_t n = read(fd, buf + have, cap - have - 1);
		if (n <= 0)
			return have; /* EIO: the child closed its side */
		have += (size_t)n;
		buf[have] = '\0';
	}
}

/* The terminal path: a child on a real pseudo-terminal reads a password;
 * the typed text is not echoed, the terminal's echo is on again afterwards. */
static void test_password_read_tty(void **state)
{
	(void)state;
	int master;
	pid_t pid = forkpty(&master, NULL, NULL, NULL);
	if (pid < 0)
		skip();
	if (pid == 0) {
		char *pw = lf_password_read("Password: ", NULL);
		struct termios t;
		bool echo = tcgetattr(0, &t) == 0 && (t.c_lflag & ECHO);
		int ok = pw && !strcmp(pw, "s3cret w0rd") && echo;
		lf_password_free(pw);
		fprintf(stderr, "[%s]\n", ok ? "child ok" : "child bad");
		_exit(ok ? 0 : 1);
	}
	char out[4096] = "";
	size_t have = drain(master, out, 0, sizeof out, "Password: ");
	const char *typed = "s3cret w0rd\n";
	assert_int_equal(write(master, typed, strlen(typed)), (ssize_t)strlen(typed));
	have = drain(master, out, have, sizeof out, NULL);
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	close(master);
	if (strstr(out, "s3cret"))
		fail_msg("the password was echoed: %s", out);
	assert_non_null(strstr(out, "[child ok]"));
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void)
{
	test_clock_day("2026-11-23");
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_require),
		cmocka_unit_test(test_ids_and_roles),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_password_rules),
		cmocka_unit_test(test_password_hash),
		cmocka_unit_test(test_password_read_stream),
		cmocka_unit_test(test_password_read_tty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
