/* The commands that set up people, each acting as a logged-in user: init,
 * logging in (--user, --password-stdin), user add|list|passwd|disable|
 * enable|unlock, unit add|list, config set|list. Checked in the output and
 * in the database. The test clock reads 2026-11-23. */
#include "cli_fixture.h"
#include "laifang/settings.h"
#include "test_clock.h"

/* ---- output ---- */

/* The line of text that starts with start; fails if none. The copy is
 * static: the next call overwrites it. */
static const char *line_starting(const char *text, const char *start)
{
	static char line[512];
	size_t n = strlen(start);
	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (!strncmp(p, start, n) && (p[n] == ' ' || p[n] == '\n' || p[n] == '\0')) {
			size_t len = strcspn(p, "\n");
			snprintf(line, sizeof line, "%.*s", (int)len, p);
			return line;
		}
	}
	fail_msg("no line starts with \"%s\" in:\n%s", start, text);
	return NULL;
}

/* The display column at which what starts in line; -1 when absent. */
static int column(const char *line, const char *what)
{
	const char *p = strstr(line, what);
	if (!p)
		return -1;
	char prefix[512];
	snprintf(prefix, sizeof prefix, "%.*s", (int)(p - line), line);
	return lf_text_width(prefix);
}

static int n_lines(const char *text)
{
	int n = 0;
	for (; *text; text++)
		n += *text == '\n';
	return n;
}

static int login_as(fixture *t, const char *login, const char *lines, lf_user *u)
{
	lf_user_free(u);
	return CALL(t, lines, lf_cli_login(t->st, login, t->pw, u, t->e));
}

/* ---- init and login ---- */

static void test_init(void **state)
{
	fixture *t = *state;
	char path[192];
	snprintf(path, sizeof path, "%s/empty.db", t->dir);
	lf_store *main_st = t->st;
	t->st = lf_store_open(path, NULL, NULL, 0);
	assert_non_null(t->st);

	/* Refused input creates no one. */
	assert_int_equal(CALL(t, "short\n", lf_cli_init(t->st, "root", "张管理", NULL, t->pw, t->o, t->e)), 1);
	assert_non_null(strstr(t->err, "laifang: "));
	assert_int_equal(CALL(t, "root-pass-1\n", lf_cli_init(t->st, "9root", "张管理", NULL, t->pw, t->o, t->e)), 1);
	assert_int_equal(CALL(t, "", lf_cli_init(t->st, "root", "张管理", NULL, t->pw, t->o, t->e)), 1);
	assert_non_null(strstr(t->err, "new password is missing"));
	assert_int_equal(lf_store_user_count(t->st), 0);

	/* The questions of the interactive form, answered from a stream. */
	FILE *in = fmemopen((void *)" root \n张管理\n", strlen(" root \n张管理\n"), "r");
	assert_int_equal(CALL(t, "root-pass-1\n", lf_cli_init(t->st, NULL, NULL, in, t->pw, t->o, t->e)), 0);
	fclose(in);
	assert_non_null(strstr(t->err, "Administrator's login"));
	assert_non_null(strstr(t->err, "Full name"));
	assert_null(strstr(t->err, "root-pass-1"));
	assert_string_equal(t->out, "administrator root created; log in with laifang --user root\n");
	assert_int_equal(lf_store_user_count(t->st), 1);
	lf_user u = {0};
	get_user(t->st, "root", &u);
	assert_string_equal(u.name, "张管理");
	assert_int_equal(u.roles, LF_ROLE_ADMIN);
	assert_true(u.active);
	assert_int_equal(login_as(t, "root", "root-pass-1\n", &u), 0);
	assert_string_equal(u.login, "root");

	/* Once there is a user, never again. */
	assert_int_equal(CALL(t, "other-pass-1\n", lf_cli_init(t->st, "other", "李", NULL, t->pw, t->o, t->e)), 1);
	assert_non_null(strstr(t->err, "already has users"));
	assert_int_equal(lf_store_user_count(t->st), 1);
	lf_user_free(&u);
	lf_store_close(t->st);
	t->st = main_st;
	assert_int_equal(CALL(t, "other-pass-1\n", lf_cli_init(t->st, "other", "李", NULL, t->pw, t->o, t->e)), 1);
	assert_int_equal(lf_store_user_count(t->st), 4);
}

static void test_login(void **state)
{
	fixture *t = *state;
	lf_user u = {0};
	assert_int_equal(login_as(t, "zhaoli", LEADER_PW "\nnext line\n", &u), 0);
	assert_string_equal(u.login, "zhaoli");
	assert_string_equal(u.name, "赵丽");
	assert_string_equal(u.title, "副局长");
	assert_int_equal(u.roles, LF_ROLE_LEADER);
	assert_string_equal(t->err, "");
	assert_int_equal(n_audit(t, "login.ok", "zhaoli", NULL, 0), 1);

	assert_int_equal(login_as(t, "zhaoli", "wrong-password\n", &u), 1);
	assert_non_null(strstr(t->err, "laifang: "));
	assert_null(u.login);
	assert_null(strstr(t->err, "wrong-password"));
	assert_int_equal(login_as(t, "nobody", "whatever-1\n", &u), 1);
	assert_int_equal(login_as(t, "zhaoli", "", &u), 1);
	assert_non_null(strstr(t->err, "first line of standard input"));
	assert_true(n_audit(t, "login.fail", NULL, NULL, 0) >= 2);
	assert_false(audit_holds(t, "wrong-password"));
	lf_user_free(&u);
}

/* ---- users ---- */

static void test_user_add_and_list(void **state)
{
	fixture *t = *state;
	assert_int_equal(CALL(t, NULL, lf_cli_unit_add(t->st, as(t, &t->admin), "督查室", "department", t->o, t->e)), 0);
	assert_int_equal(CALL(t, "lisi-pass-1\n", lf_cli_user_add(t->st, as(t, &t->admin), "lisi", "李四",
	                                                          "handler,supervisor", "督查室", "科长", t->pw, t->o, t->e)), 0);
	assert_string_equal(t->out, "user lisi added\n");
	assert_string_equal(t->err, "");
	lf_user u = {0};
	get_user(t->st, "lisi", &u);
	assert_string_equal(u.name, "李四");
	assert_string_equal(u.title, "科长");
	assert_string_equal(u.unit_name, "督查室");
	assert_int_equal(u.roles, LF_ROLE_HANDLER | LF_ROLE_SUPERVISOR);
	assert_int_equal(n_audit(t, "user.add", "admin", NULL, 0), 1);
	assert_int_equal(login_as(t, "lisi", "lisi-pass-1\n", &u), 0);
	lf_user_free(&u);

	assert_int_equal(CALL(t, NULL, lf_cli_user_list(t->st, as(t, &t->admin), t->o, t->e)), 0);
	assert_string_equal(t->err, "");
	assert_int_equal(n_lines(t->out), 6); /* header and five users, in login order */
	const char *head = line_starting(t->out, "Login");
	int c_name = column(head, "Name"), c_title = column(head, "Title"), c_unit = column(head, "Unit"),
	    c_roles = column(head, "Roles"), c_active = column(head, "Active"), c_locked = column(head, "Locked");
	assert_true(c_name > 0 && c_title > c_name && c_unit > c_title && c_roles > c_unit &&
	            c_active > c_roles && c_locked > c_active);
	const char *row = line_starting(t->out, "lisi");
	assert_int_equal(column(row, "李四"), c_name);
	assert_int_equal(column(row, "科长"), c_title);
	assert_int_equal(column(row, "督查室"), c_unit);
	assert_int_equal(column(row, "supervisor,handler"), c_roles);
	assert_int_equal(column(row, "yes"), c_active);
	assert_int_equal(column(row, "no"), c_locked);
	row = line_starting(t->out, "zhaoli");
	assert_int_equal(column(row, "赵丽"), c_name);
	assert_int_equal(column(row, "副局长"), c_title);
	assert_int_equal(column(row, "leader"), c_roles);
	row = line_starting(t->out, "admin");
	assert_int_equal(column(row, "管理员"), c_name);
	assert_int_equal(column(row, "admin"), 0);
	assert_non_null(strstr(t->out, "\nchenjing "));
	assert_true(strstr(t->out, "\nadmin ") < strstr(t->out, "\nchenjing ") &&
	            strstr(t->out, "\nchenjing ") < strstr(t->out, "\nlisi ") &&
	            strstr(t->out, "\nlisi ") < strstr(t->out, "\nwangfang ") &&
	            strstr(t->out, "\nwangfang ") < strstr(t->out, "\nzhaoli "));
	assert_null(strstr(t->out, "lisi-pass-1"));
	assert_null(strstr(t->out, "$argon2"));
	assert_false(audit_holds(t, "lisi-pass-1"));

	/* Only an administrator sees the list. */
	assert_int_equal(CALL(t, NULL, lf_cli_user_list(t->st, as(t, &t->clerk), t->o, t->e)), 1);
	assert_string_equal(t->out, "");
	assert_non_null(strstr(t->err, "laifang: "));
}

static void test_user_add_refused(void **state)
{
	fixture *t = *state;
	/* A clerk: refused before the new password is read. */
	begin(t, "new-pass-1\n");
	assert_int_equal(end(t, lf_cli_user_add(t->st, as(t, &t->clerk), "lisi", "李四", "clerk", NULL, NULL,
	                                        t->pw, t->o, t->e)), 1);
	assert_non_null(strstr(t->err, "laifang: "));
	assert_int_equal(CALL(t, "new-pass-1\n", lf_cli_user_add(t->st, as(t, &t->admin), "lisi", "李四", "clerk,boss",
	                                                         NULL, NULL, t->pw, t->o, t->e)), 1);
	assert_non_null(strstr(t->err, "\"boss\""));
	assert_int_equal(CALL(t, "new-pass-1\n", lf_cli_user_add(t->st, as(t, &t->admin), "wangfang", "王二", "clerk",
	                                                         NULL, NULL, t->pw, t->o, t->e)), 1);
	assert_non_null(strstr(t->err, "wangfang"));
	assert_int_equal(CALL(t, "", lf_cli_user_add(t->st, as(t, &t->admin), "lisi", "李四", "clerk", NULL, NULL,
	                                             t->pw, t->o, t->e)), 1);
	assert_non_null(strstr(t->err, "new password is missing"));
	assert_int_equal(CALL(t, "short\n", lf_cli_user_add(t->st, as(t, &t->admin), "lisi", "李四", "clerk", NULL,
	                                                    NULL, t->pw, t->o, t->e)), 1);
	assert_int_equal(CALL(t, "new-pass-1\n", lf_cli_user_add(t->st, as(t, &t->admin), "lisi", "李四", "clerk",
	                                                         "没有这个处室", NULL, t->pw, t->o, t->e)), 1);
	assert_int_equal(CALL(t, "new-pass-1\n", lf_cli_user_add(t->st, as(t, &t->admin), "Li Si", "李四", "clerk",
	                                                         NULL, NULL, t->pw, t->o, t->e)), 1);
	assert_string_equal(t->out, "");
	lf_user u = {0};
	assert_int_equal(lf_store_user_get(t->st, "lisi", &u, NULL), LF_STORE_NOTFOUND);
	assert_int_equal(lf_store_user_count(t->st), 4);
	assert_int_equal(n_audit(t, "user.add", NULL, NULL, 0), 4); /* the template's own */
}

static void test_user_passwd(void **state)
{
	fixture *t = *state;
	lf_user u = {0};
	assert_int_equal(CALL(t, "new-clerk-pass\n", lf_cli_user_passwd(t->st, as(t, &t->admin), "wangfang", t->pw, t->o, t->e)), 0);
	assert_string_equal(t->out, "password of wangfang changed\n");
	assert_int_equal(login_as(t, "wangfang", CLERK_PW "\n", &u), 1);
	assert_int_equal(login_as(t, "wangfang", "new-clerk-pass\n", &u), 0);
	/* Anyone for themselves; not for someone else. */
	assert_int_equal(CALL(t, "mine-pass-22\n", lf_cli_user_passwd(t->st, as(t, &t->clerk), "wangfang", t->pw, t->o, t->e)), 0);
	assert_int_equal(login_as(t, "wangfang", "mine-pass-22\n", &u), 0);
	assert_int_equal(CALL(t, "hijack-pass-1\n", lf_cli_user_passwd(t->st, as(t, &t->clerk), "zhaoli", t->pw, t->o, t->e)), 1);
	assert_int_equal(login_as(t, "zhaoli", LEADER_PW "\n", &u), 0);
	assert_int_equal(CALL(t, "short\n", lf_cli_user_passwd(t->st, as(t, &t->admin), "zhaoli", t->pw, t->o, t->e)), 1);
	assert_int_equal(CALL(t, "long-enough-1\n", lf_cli_user_passwd(t->st, as(t, &t->admin), "nobody", t->pw, t->o, t->e)), 1);
	assert_int_equal(n_audit(t, "user.password", NULL, NULL, 0), 2);
	assert_false(audit_holds(t, "new-clerk-pass"));
	assert_false(audit_holds(t, "mine-pass-22"));
	lf_user_free(&u);
}

static void test_user_disable_enable(void **state)
{
	fixture *t = *state;
	lf_user u = {0};
	assert_int_equal(CALL(t, NULL, lf_cli_user_set_active(t->st, as(t, &t->admin), "zhaoli", false, t->o, t->e)), 0);
	assert_string_equal(t->out, "user zhaoli disabled\n");
	assert_int_equal(login_as(t, "zhaoli", LEADER_PW "\n", &u), 1);
	assert_non_null(strstr(t->err, "laifang: "));
	assert_int_equal(CALL(t, NULL, lf_cli_user_list(t->st, as(t, &t->admin), t->o, t->e)), 0);
	const char *head = line_starting(t->out, "Login");
	int c_active = column(head, "Active");
	assert_int_equal(column(line_starting(t->out, "zhaoli"), "no"), c_active);
	get_user(t->st, "zhaoli", &u);
	assert_false(u.active);

	assert_int_equal(CALL(t, NULL, lf_cli_user_set_active(t->st, as(t, &t->clerk), "zhaoli", true, t->o, t->e)), 1);
	get_user(t->st, "zhaoli", &u);
	assert_false(u.active);
	assert_int_equal(CALL(t, NULL, lf_cli_user_set_active(t->st, as(t, &t->admin), "zhaoli", true, t->o, t->e)), 0);
	assert_string_equal(t->out, "user zhaoli enabled\n");
	assert_int_equal(login_as(t, "zhaoli", LEADER_PW "\n", &u), 0);
	/* The last administrator stays. */
	assert_int_equal(CALL(t, NULL, lf_cli_user_set_active(t->st, as(t, &t->admin), "admin", false, t->o, t->e)), 1);
	get_user(t->st, "admin", &u);
	assert_true(u.active);
	assert_int_equal(CALL(t, NULL, lf_cli_user_set_active(t->st, as(t, &t->admin), "nobody", false, t->o, t->e)), 1);
	assert_int_equal(n_audit(t, "user.disable", "admin", NULL, 0), 1);
	assert_int_equal(n_audit(t, "user.enable", "admin", NULL, 0), 1);
	lf_user_free(&u);
}

static void test_user_unlock_and_config(void **state)
{
	fixture *t = *state;
	lf_user u = {0};
	assert_int_equal(CALL(t, NULL, lf_cli_config_list(t->st, as(t, &t->clerk), t->o, t->e)), 0);
	size_t n_settings;
	lf_settings(&n_settings); /* one line per setting of the table */
	assert_int_equal(n_lines(t->out), n_settings);
	assert_non_null(strstr(line_starting(t->out, "office_name"), "信访办公室"));
	assert_non_null(strstr(line_starting(t->out, "schedule_publish_day"), " 20 "));
	assert_non_null(strstr(line_starting(t->out, "postpone_rule"), " 0 "));
	assert_non_null(strstr(line_starting(t->out, "staff_on_duty"), " 0 "));
	assert_non_null(strstr(line_starting(t->out, "lockout_failures"), " 5 "));
	assert_non_null(strstr(line_starting(t->out, "idle_lock_seconds"), " 900 "));
	assert_non_null(strstr(line_starting(t->out, "lockout_minutes"), " 15 "));

	/* Only an administrator sets, only known keys, only numbers in range. */
	assert_int_equal(CALL(t, NULL, lf_cli_config_set(t->st, as(t, &t->clerk), "lockout_failures", "3", t->o, t->e)), 1);
	assert_int_equal(lf_store_setting_int(t->st, "lockout_failures", 5), 5);
	const char *bad[] = {"0", "abc", "-3", "", "3x", "101", "+3"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(CALL(t, NULL, lf_cli_config_set(t->st, as(t, &t->admin), "lockout_failures", bad[i], t->o, t->e)), 1);
		assert_non_null(strstr(t->err, "lockout_failures must be a whole number from 1 to 100"));
	}
	assert_int_equal(CALL(t, NULL, lf_cli_config_set(t->st, as(t, &t->admin), "colour", "3", t->o, t->e)), 1);
	assert_non_null(strstr(t->err, "unknown setting colour"));
	assert_int_equal(lf_store_setting_int(t->st, "lockout_failures", 5), 5);
	assert_int_equal(CALL(t, NULL, lf_cli_config_set(t->st, as(t, &t->admin), "lockout_failures", "3", t->o, t->e)), 0);
	assert_string_equal(t->out, "lockout_failures = 3\n");
	assert_int_equal(lf_store_setting_int(t->st, "lockout_failures", 5), 3);
	assert_int_equal(CALL(t, NULL, lf_cli_config_list(t->st, as(t, &t->admin), t->o, t->e)), 0);
	assert_non_null(strstr(line_starting(t->out, "lockout_failures"), " 3 "));
	assert_int_equal(n_audit(t, "setting.set", "admin", NULL, 0), 1);

	/* A text setting: one line, cleaned, at most 64 characters. */
	assert_int_equal(CALL(t, NULL, lf_cli_config_set(t->st, as(t, &t->admin), "office_name", " 广州市应急管理局信访办\x1b[31m ", t->o, t->e)), 0);
	assert_string_equal(t->out, "office_name = 广州市应急管理局信访办\n");
	assert_int_equal(CALL(t, NULL, lf_cli_config_set(t->st, as(t, &t->admin), "office_name", "  ", t->o, t->e)), 1);
	assert_non_null(strstr(t->err, "office_name must be one line"));

	/* Three wrong passwords now lock the account; even the right one then fails. */
	for (int i = 0; i < 3; i++)
		assert_int_equal(login_as(t, "wangfang", "wrong-pass-1\n", &u), 1);
	assert_int_equal(login_as(t, "wangfang", CLERK_PW "\n", &u), 1);
	assert_int_equal(CALL(t, NULL, lf_cli_user_list(t->st, as(t, &t->admin), t->o, t->e)), 0);
	int c_locked = column(line_starting(t->out, "Login"), "Locked");
	assert_int_equal(column(line_starting(t->out, "wangfang"), "2026-11-23 "), c_locked);
	assert_int_equal(column(line_starting(t->out, "zhaoli"), "no"), c_locked);

	assert_int_equal(CALL(t, NULL, lf_cli_user_unlock(t->st, as(t, &t->clerk), "wangfang", t->o, t->e)), 1);
	assert_int_equal(CALL(t, NULL, lf_cli_user_unlock(t->st, as(t, &t->admin), "wangfang", t->o, t->e)), 0);
	assert_string_equal(t->out, "user wangfang unlocked\n");
	assert_int_equal(n_audit(t, "user.unlock", "admin", NULL, 0), 1);
	assert_int_equal(login_as(t, "wangfang", CLERK_PW "\n", &u), 0);
	lf_user_free(&u);
}

/* ---- units ---- */

static void test_units(void **state)
{
	fixture *t = *state;
	assert_int_equal(CALL(t, NULL, lf_cli_unit_add(t->st, as(t, &t->admin), "信访局办公室", "department", t->o, t->e)), 0);
	assert_string_equal(t->out, "unit 信访局办公室 added\n");
	/* The confirmation quotes the name cleaned, as it was stored: no
	 * escape sequence or bidi control reaches the terminal. */
	assert_int_equal(CALL(t, NULL, lf_cli_unit_add(t->st, as(t, &t->admin), "督查\033[2J\u202e科", "department", t->o,
	                                               t->e)), 0);
	assert_null(strchr(t->out, '\033'));
	assert_null(strstr(t->out, "\u202e"));
	assert_non_null(strstr(t->out, "科 added\n"));
	assert_int_equal(CALL(t, NULL, lf_cli_unit_add(t->st, as(t, &t->admin), "市公安局", "peer", t->o, t->e)), 0);
	assert_int_equal(CALL(t, NULL, lf_cli_unit_add(t->st, as(t, &t->admin), "区信访局", "lower", t->o, t->e)), 0);
	assert_int_equal(CALL(t, NULL, lf_cli_unit_add(t->st, as(t, &t->admin), "市纪委监委", "discipline", t->o, t->e)), 0);
	assert_int_equal(CALL(t, NULL, lf_cli_unit_add(t->st, as(t, &t->admin), "某某公司", "agency", t->o, t->e)), 1);
	assert_int_equal(CALL(t, NULL, lf_cli_unit_add(t->st, as(t, &t->admin), "市公安局", "peer", t->o, t->e)), 1);
	assert_int_equal(CALL(t, NULL, lf_cli_unit_add(t->st, as(t, &t->clerk), "市教育局", "peer", t->o, t->e)), 1);
	assert_string_equal(t->out, "");
	lf_unit u = {0};
	assert_int_equal(lf_store_unit_get(t->st, "市教育局", &u), LF_STORE_NOTFOUND);
	assert_int_equal(lf_store_unit_get(t->st, "市纪委监委", &u), LF_STORE_OK);
	assert_string_equal(u.kind, "discipline");
	lf_unit_free(&u);
	assert_int_equal(n_audit(t, "unit.add", "admin", NULL, 0), 5);

	/* Anyone logged in may read the directory. */
	assert_int_equal(CALL(t, NULL, lf_cli_unit_list(t->st, as(t, &t->clerk), t->o, t->e)), 0);
	assert_int_equal(n_lines(t->out), 6);
	const char *head = line_starting(t->out, "Unit");
	int c_kind = column(head, "Kind"), c_label = column(head, "Kind (label)"), c_active = column(head, "Active");
	assert_true(c_kind > 0 && c_label > c_kind && c_active > c_label);
	const char *row = line_starting(t->out, "信访局办公室");
	assert_int_equal(column(row, "department"), c_kind);
	assert_int_equal(column(row, lf_unit_kind_label("department")), c_label);
	assert_int_equal(column(row, "yes"), c_active);
	row = line_starting(t->out, "市纪委监委");
	assert_int_equal(column(row, "discipline"), c_kind);
	assert_int_equal(column(row, lf_unit_kind_label("discipline")), c_label);
	assert_int_equal(CALL(t, NULL, lf_cli_unit_list(t->st, NULL, t->o, t->e)), 1);
}

int main(void)
{
	test_clock_day("2026-11-23");
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_init, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_add_and_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_add_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_passwd, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_disable_enable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_unlock_and_config, setup, teardown),
		cmocka_unit_test_setup_teardown(test_units, setup, teardown),
	};
	return cmocka_run_group_tests(tests, make_template, remove_template);
}
