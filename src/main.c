/* laifang: arguments → the terminal desk or a batch command. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "laifang/office.h"
#include "laifang/auth.h"
#include "laifang/cli.h"
#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/paths.h"
#include "laifang/store.h"
#include "laifang/store_people.h"
#include "laifang/tui.h"

#ifndef LAIFANG_VERSION
#define LAIFANG_VERSION "0.0.0"
#endif

/* Options that take a value. */
enum opt {
	O_DB, O_LANG, O_USER, O_FORMAT, O_OUTPUT, O_ADMIN, O_NAME, O_ROLES, O_UNIT, O_TITLE, O_KIND,
	O_NOTICE, /* print (issue 6, paper) */
	O_RULE, O_FROM, O_TO, O_POSTPONE, O_LEADERS, O_TIME, O_LOCATION, O_DEPARTMENT, O_MODE, /* schedule (issue 5) */
	O_SCREEN, /* hidden: --screen reception-log|schedule (issue 5, end-to-end tests) */
	O_QUEUE, O_STATUS, O_CASE, O_YEAR, O_MONTH, /* export's ledger, stats (issue 6) */
	O_LOG, /* print --log DAY: the reception log (issue 6, paper) */
	O_TRAINING, /* init --training DAY */
	O_EXPECT, /* check --expect SEQ:HASH (issue 10) */
	O_APPROVER, O_APPROVER_PW_FILE, /* schedule import/publish: the approving leader (issue 11) */
	O_ATTACHMENTS, /* db copy: the server's folder for attached files (issue 14) */
	O_MAP, /* import --map FILE: another system's export (issue 13) */
	N_OPTS
};
static const char *const opt_names[N_OPTS] = {
	"--db", "--lang", "--user", "--format", "--output", "--admin", "--name", "--roles", "--unit",
	"--title", "--kind", "--notice",
	"--rule", "--from", "--to", "--postpone", "--leaders", "--time", "--location", "--department", "--mode",
	"--screen",
	"--queue", "--status", "--case", "--year", "--month",
	"--log",
	"--training",
	"--expect",
	"--approver", "--approver-password-file",
	"--attachments",
	"--map",
};
#define BIT(o) (1ull << (o))
/* Options every command takes. */
#define GLOBAL_OPTS (BIT(O_DB) | BIT(O_LANG) | BIT(O_USER) | BIT(O_SCREEN))

enum cmd {
	C_TUI, C_INIT, C_CHECK, C_PERMISSIONS, C_IMPORT, C_EXPORT, C_USER_ADD, C_USER_LIST, C_USER_PASSWD,
	C_USER_DISABLE, C_USER_ENABLE, C_USER_UNLOCK, C_UNIT_ADD, C_UNIT_LIST, C_CONFIG_SET, C_CONFIG_LIST,
	C_CALENDAR_IMPORT,
	C_PRINT, /* issue 6, paper */
	C_SEARCH, /* issue 6, search */
	C_SCHEDULE_CHECK, C_SCHEDULE_GENERATE, C_SCHEDULE_IMPORT, C_SCHEDULE_LIST, C_SCHEDULE_PUBLISH, /* issue 5 */
	C_SCHEDULE_APPROVE, C_USER_PORTFOLIO, /* issue 15 */
	C_STATS, C_CATEGORY_LIST, C_CATEGORY_ADD, C_CATEGORY_IMPORT, C_CATEGORY_SET, /* issue 6, statistics */
	C_KEY_EXPORT, C_KEY_IMPORT, /* issue 10, the office key */
	C_QUERY, /* issues 13, 15: a case by its query code */
	C_DB_COPY, /* issue 14: the office into a new PostgreSQL database */
	C_RECEPTION_PHOTO, /* issue 15: reception photo add DAY FILE */
};

static const struct command {
	const char *word, *sub; /* "user", "add"; sub NULL for a one-word command */
	enum cmd id;
	int nargs;          /* arguments after the command words; -1: none or one */
	bool login;         /* acts as a logged-in user */
	unsigned long long opts;     /* options it takes besides the global ones */
	unsigned long long required; /* options it cannot do without */
	const char *synopsis;
} commands[] = {
	{"init", NULL, C_INIT, 0, false, BIT(O_ADMIN) | BIT(O_NAME) | BIT(O_TRAINING), 0,
	 "init [--admin LOGIN --name NAME] [--training DAY]"},
	{"check", NULL, C_CHECK, 0, false, BIT(O_EXPECT), 0, "check [--head] [--expect SEQ:HASH]"},
	{"key", "export", C_KEY_EXPORT, 1, true, 0, 0, "key export FILE"},
	{"key", "import", C_KEY_IMPORT, 1, false, 0, 0, "key import FILE"},
	{"db", "copy", C_DB_COPY, 0, true, BIT(O_FROM) | BIT(O_TO) | BIT(O_ATTACHMENTS), BIT(O_TO),
	 "db copy [--from DB] --to postgresql:...|FILE [--attachments DIR]"},
	{"permissions", NULL, C_PERMISSIONS, 0, false, 0, 0, "permissions"},
	{"import", NULL, C_IMPORT, 1, true, BIT(O_MAP), 0, "import FILE [--map MAPFILE]"},
	{"export", NULL, C_EXPORT, 0, true,
	 BIT(O_FORMAT) | BIT(O_OUTPUT) | BIT(O_FROM) | BIT(O_TO) | BIT(O_QUEUE) | BIT(O_UNIT) | BIT(O_STATUS) | BIT(O_CASE),
	 BIT(O_FORMAT),
	 "export --format json|csv [--from DATE] [--to DATE] [--queue Q] [--unit U] [--status S[,S]...] "
	 "[--output FILE], or export --case CASE_NO --format json [--output FILE]"},
	{"stats", NULL, C_STATS, 0, true, BIT(O_YEAR) | BIT(O_MONTH) | BIT(O_FORMAT) | BIT(O_OUTPUT), BIT(O_YEAR),
	 "stats --year YYYY [--month M] [--format text|csv] [--output FILE]"},
	{"category", "list", C_CATEGORY_LIST, 0, true, 0, 0, "category list"},
	{"category", "add", C_CATEGORY_ADD, 1, true, 0, 0, "category add NAME"},
	{"category", "import", C_CATEGORY_IMPORT, 1, true, 0, 0, "category import FILE"},
	{"category", "set", C_CATEGORY_SET, 2, true, 0, 0, "category set CASE_NO NAME"},
	{"user", "add", C_USER_ADD, 1, true, BIT(O_NAME) | BIT(O_ROLES) | BIT(O_UNIT) | BIT(O_TITLE),
	 BIT(O_NAME) | BIT(O_ROLES), "user add LOGIN --name NAME --roles ROLE[,ROLE]... [--unit UNIT] [--title TITLE]"},
	{"user", "list", C_USER_LIST, 0, true, 0, 0, "user list"},
	{"user", "passwd", C_USER_PASSWD, 1, true, 0, 0, "user passwd LOGIN"},
	{"user", "disable", C_USER_DISABLE, 1, true, 0, 0, "user disable LOGIN"},
	{"user", "enable", C_USER_ENABLE, 1, true, 0, 0, "user enable LOGIN"},
	{"user", "unlock", C_USER_UNLOCK, 1, true, 0, 0, "user unlock LOGIN"},
	{"user", "portfolio", C_USER_PORTFOLIO, 2, true, 0, 0, "user portfolio LOGIN TEXT"},
	{"unit", "add", C_UNIT_ADD, 1, true, BIT(O_KIND), BIT(O_KIND), "unit add NAME --kind department|peer|lower|discipline"},
	{"unit", "list", C_UNIT_LIST, 0, true, 0, 0, "unit list"},
	{"config", "set", C_CONFIG_SET, 2, true, 0, 0, "config set KEY VALUE"},
	{"config", "list", C_CONFIG_LIST, 0, true, 0, 0, "config list"},
	{"calendar", "import", C_CALENDAR_IMPORT, 1, true, 0, 0, "calendar import FILE"},
	{"print", NULL, C_PRINT, -1, true, BIT(O_NOTICE) | BIT(O_OUTPUT) | BIT(O_LOG), BIT(O_OUTPUT),
	 "print CASE_NO --sheet|--notice KIND|--receipt -o FILE.pdf, print --blank -o FILE.pdf, "
	 "or print --log YYYY-MM-DD -o FILE.pdf"},
	{"search", NULL, C_SEARCH, 1, true, 0, 0, "search QUERY"},
	{"query", NULL, C_QUERY, 1, true, 0, 0, "query CODE"},
	{"schedule", "check", C_SCHEDULE_CHECK, 1, false, BIT(O_POSTPONE) | BIT(O_LEADERS), 0,
	 "schedule check FILE [--postpone official|weekday] [--leaders NAME,...]"},
	{"schedule", "generate", C_SCHEDULE_GENERATE, 0, true,
	 BIT(O_RULE) | BIT(O_FROM) | BIT(O_TO) | BIT(O_POSTPONE) | BIT(O_LEADERS) | BIT(O_TIME) | BIT(O_LOCATION) |
	 BIT(O_DEPARTMENT) | BIT(O_KIND) | BIT(O_MODE),
	 BIT(O_RULE) | BIT(O_FROM) | BIT(O_TO) | BIT(O_LEADERS),
	 "schedule generate --rule day:N|rotation --from YYYY-MM --to YYYY-MM --leaders LOGIN[,LOGIN]... "
	 "[--postpone official|weekday] [--time HH:MM-HH:MM] [--location TEXT] [--department TEXT] "
	 "[--kind reception|field_visit] [--mode MODE]"},
	{"schedule", "import", C_SCHEDULE_IMPORT, 1, true, BIT(O_APPROVER) | BIT(O_APPROVER_PW_FILE), 0,
	 "schedule import FILE [--approver LOGIN [--approver-password-file FILE] --allow-days-off]"},
	{"schedule", "list", C_SCHEDULE_LIST, 1, true, 0, 0, "schedule list YYYY-MM"},
	{"schedule", "publish", C_SCHEDULE_PUBLISH, 1, true, BIT(O_OUTPUT) | BIT(O_APPROVER) | BIT(O_APPROVER_PW_FILE),
	 BIT(O_OUTPUT), "schedule publish YYYY-MM|YYYY -o DIR [--approver LOGIN [--approver-password-file FILE] "
	 "[--allow-days-off]]"},
	{"schedule", "approve", C_SCHEDULE_APPROVE, 1, true, BIT(O_OUTPUT), BIT(O_OUTPUT),
	 "schedule approve YYYY-MM|YYYY -o DIR [--allow-days-off]"},
	{"reception", "photo", C_RECEPTION_PHOTO, 3, true, 0, 0, "reception photo add YYYY-MM-DD FILE"},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

#define MAX_POS 8

typedef struct args {
	const char *opt[N_OPTS];
	bool password_stdin, help, version;
	bool sheet, blank; /* print --sheet, --blank */
	bool receipt;      /* print --receipt (issue 15) */
	bool head;         /* check --head */
	bool days_off;     /* schedule import/publish --allow-days-off (issue 11) */
	const char *pos[MAX_POS];
	int n_pos;
} args;

/* The value of an option given as "--opt VALUE" or "--opt=VALUE"; advances *i. */
static const char *option_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		fprintf(stderr, _("laifang: %s needs a value\n"), name);
		exit(2);
	}
	return argv[++*i];
}

/* Options anywhere on the line, as before the command or after it.
 * Returns 0, or the exit status of a usage error (reported). */
static int parse(int argc, char **argv, args *a)
{
	for (int i = 1; i < argc; i++) {
		/* print --log --blank: --log without a day (a day never starts with -). */
		if (!strcmp(argv[i], "--log") && (i + 1 >= argc || argv[i + 1][0] == '-')) {
			a->opt[O_LOG] = "";
			continue;
		}
		bool matched = false;
		for (int o = 0; o < N_OPTS && !matched; o++) {
			const char *v = option_value(argc, argv, &i, opt_names[o]);
			if (v) {
				a->opt[o] = v;
				matched = true;
			}
		}
		if (matched)
			continue;
		const char *o = option_value(argc, argv, &i, "-o"); /* print -o FILE: --output */
		if (o) {
			a->opt[O_OUTPUT] = o;
			continue;
		}
		if (!strcmp(argv[i], "--sheet"))
			a->sheet = true;
		else if (!strcmp(argv[i], "--blank"))
			a->blank = true;
		else if (!strcmp(argv[i], "--receipt"))
			a->receipt = true;
		else if (!strcmp(argv[i], "--head"))
			a->head = true;
		else if (!strcmp(argv[i], "--password-stdin"))
			a->password_stdin = true;
		else if (!strcmp(argv[i], "--allow-days-off"))
			a->days_off = true;
		else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			a->help = true;
		else if (!strcmp(argv[i], "--version") || !strcmp(argv[i], "-V"))
			a->version = true;
		else if (!strcmp(argv[i], "--")) {
			while (++i < argc && a->n_pos < MAX_POS)
				a->pos[a->n_pos++] = argv[i];
			if (i < argc) {
				fprintf(stderr, "%s", _("laifang: too many arguments (see laifang --help)\n"));
				return 2;
			}
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, _("laifang: unknown option %s (see laifang --help)\n"), argv[i]);
			return 2;
		} else if (a->n_pos < MAX_POS)
			a->pos[a->n_pos++] = argv[i];
		else {
			fprintf(stderr, "%s", _("laifang: too many arguments (see laifang --help)\n"));
			return 2;
		}
	}
	return 0;
}

/* Which command the words name, with its arguments checked. NULL (and the
 * usage error reported) when they do not make one; *tui for none. */
static const struct command *find_command(const args *a, int *first_arg, bool *tui)
{
	*tui = false;
	if (a->n_pos == 0) {
		for (int o = 0; o < N_OPTS; o++)
			if (a->opt[o] && !(BIT(o) & GLOBAL_OPTS)) {
				fprintf(stderr, _("laifang: %s goes with a command (see laifang --help)\n"), opt_names[o]);
				return NULL;
			}
		*tui = true;
		return NULL;
	}
	const struct command *c = NULL;
	for (size_t i = 0; i < N_COMMANDS && !c; i++) {
		if (strcmp(commands[i].word, a->pos[0]))
			continue;
		if (!commands[i].sub)
			c = &commands[i];
		else if (a->n_pos > 1 && !strcmp(commands[i].sub, a->pos[1]))
			c = &commands[i];
	}
	if (!c) {
		if (a->n_pos > 1)
			fprintf(stderr, _("laifang: unknown command %s %s (see laifang --help)\n"), a->pos[0], a->pos[1]);
		else
			fprintf(stderr, _("laifang: unknown command %s (see laifang --help)\n"), a->pos[0]);
		return NULL;
	}
	*first_arg = c->sub ? 2 : 1;
	int n_args = a->n_pos - *first_arg;
	bool ok = c->nargs < 0 ? n_args <= 1 : n_args == c->nargs;
	if (a->head && c->id != C_CHECK) {
		fprintf(stderr, _("laifang: %s does not go with this command\n"), "--head");
		ok = false;
	}
	if (a->days_off && c->id != C_SCHEDULE_IMPORT && c->id != C_SCHEDULE_PUBLISH &&
	    c->id != C_SCHEDULE_APPROVE) {
		fprintf(stderr, _("laifang: %s does not go with this command\n"), "--allow-days-off");
		ok = false;
	}
	if (a->receipt && c->id != C_PRINT) {
		fprintf(stderr, _("laifang: %s does not go with this command\n"), "--receipt");
		ok = false;
	}
	if ((a->sheet || a->blank) && c->id != C_PRINT) {
		fprintf(stderr, _("laifang: %s does not go with this command\n"), a->sheet ? "--sheet" : "--blank");
		ok = false;
	}
	for (int o = 0; o < N_OPTS && ok; o++) {
		unsigned long long b = BIT(o);
		if (a->opt[o] && !(b & (c->opts | GLOBAL_OPTS))) {
			fprintf(stderr, _("laifang: %s does not go with this command\n"), opt_names[o]);
			ok = false;
		} else if (!a->opt[o] && (b & c->required))
			ok = false;
	}
	if (!ok) {
		fprintf(stderr, _("laifang: usage: laifang [--user LOGIN [--password-stdin]] %s\n"), c->synopsis);
		return NULL;
	}
	return c;
}

/* A command that acts as a person: log in, run, log out. */
/* Before a long upgrade at open, on the terminal (the screen is not up yet). */
static void say_upgrading(const char *path, int from, int to, void *ud)
{
	(void)ud;
	char shown[1024];
	lf_path_redact(path, shown, sizeof shown);
	fprintf(stderr, _("laifang: bringing %s up to date (schema %d to %d); on a large office this can take some "
	                  "minutes, do not stop it\n"),
	        shown, from, to);
}

static int run_as_user(lf_store *st, const struct command *c, const args *a, const char *const *arg)
{
	if (!a->opt[O_USER]) {
		if (lf_office_user_count(st) == 0)
			fprintf(stderr, "%s", _("laifang: the database has no users yet: create the administrator first with laifang init\n"));
		else
			fprintf(stderr, _("laifang: %s needs a login: laifang --user LOGIN %s (add --password-stdin to read the password from standard input)\n"),
			        c->word, c->synopsis);
		return 1;
	}
	FILE *pw_in = a->password_stdin ? stdin : NULL;
	lf_user me = {0};
	int rc = lf_cli_login(st, a->opt[O_USER], pw_in, &me, stderr);
	if (rc != 0) {
		lf_user_free(&me);
		return rc;
	}
	lf_cli_approval_opts ap = {a->opt[O_APPROVER], a->opt[O_APPROVER_PW_FILE], a->days_off, pw_in};
	switch (c->id) {
	case C_IMPORT: rc = lf_cli_import_mapped(st, &me, arg[0], a->opt[O_MAP], stdout, stderr); break;
	case C_KEY_EXPORT: rc = lf_cli_key_export(st, &me, arg[0], stdout, stderr); break;
	case C_DB_COPY: rc = lf_cli_db_copy(st, &me, a->opt[O_TO], a->opt[O_ATTACHMENTS], stdout, stderr); break;
	case C_EXPORT: {
		lf_cli_export_opts eo = {a->opt[O_FORMAT], a->opt[O_OUTPUT], a->opt[O_FROM], a->opt[O_TO], a->opt[O_QUEUE],
		                         a->opt[O_UNIT], a->opt[O_STATUS], a->opt[O_CASE]};
		rc = lf_cli_export_opts_run(st, &me, &eo, stdout, stderr);
		break;
	}
	case C_STATS:
		rc = lf_cli_stats(st, &me, a->opt[O_YEAR], a->opt[O_MONTH], a->opt[O_FORMAT], a->opt[O_OUTPUT], stdout,
		                  stderr);
		break;
	case C_CATEGORY_LIST: rc = lf_cli_category_list(st, &me, stdout, stderr); break;
	case C_CATEGORY_ADD: rc = lf_cli_category_add(st, &me, arg[0], stdout, stderr); break;
	case C_CATEGORY_IMPORT: rc = lf_cli_category_import(st, &me, arg[0], stdout, stderr); break;
	case C_CATEGORY_SET: rc = lf_cli_category_set(st, &me, arg[0], arg[1], stdout, stderr); break;
	case C_USER_ADD:
		rc = lf_cli_user_add(st, &me, arg[0], a->opt[O_NAME], a->opt[O_ROLES], a->opt[O_UNIT],
		                     a->opt[O_TITLE], pw_in, stdout, stderr);
		break;
	case C_USER_LIST: rc = lf_cli_user_list(st, &me, stdout, stderr); break;
	case C_USER_PASSWD: rc = lf_cli_user_passwd(st, &me, arg[0], pw_in, stdout, stderr); break;
	case C_USER_DISABLE: rc = lf_cli_user_set_active(st, &me, arg[0], false, stdout, stderr); break;
	case C_USER_ENABLE: rc = lf_cli_user_set_active(st, &me, arg[0], true, stdout, stderr); break;
	case C_USER_UNLOCK: rc = lf_cli_user_unlock(st, &me, arg[0], stdout, stderr); break;
	case C_UNIT_ADD: rc = lf_cli_unit_add(st, &me, arg[0], a->opt[O_KIND], stdout, stderr); break;
	case C_UNIT_LIST: rc = lf_cli_unit_list(st, &me, stdout, stderr); break;
	case C_CONFIG_SET: rc = lf_cli_config_set(st, &me, arg[0], arg[1], stdout, stderr); break;
	case C_CONFIG_LIST: rc = lf_cli_config_list(st, &me, stdout, stderr); break;
	case C_CALENDAR_IMPORT: rc = lf_cli_calendar_import(st, &me, arg[0], stdout, stderr); break;
	case C_PRINT:
		if (a->receipt) {
			rc = lf_cli_print_receipt(st, &me, a->n_pos > 1 ? arg[0] : NULL,
			                          a->sheet || a->blank || a->opt[O_NOTICE] || a->opt[O_LOG], a->opt[O_OUTPUT],
			                          stdout, stderr);
			break;
		}
		if (a->opt[O_LOG] && a->blank) {
			rc = lf_cli_print_log_blank(st, &me, a->opt[O_LOG][0] || a->n_pos > 1 || a->sheet || a->opt[O_NOTICE],
			                            a->opt[O_OUTPUT], stdout, stderr);
			break;
		}
		if (a->opt[O_LOG]) {
			rc = lf_cli_print_log(st, &me, a->opt[O_LOG],
			                      a->n_pos > 1 || a->sheet || a->blank || a->opt[O_NOTICE], a->opt[O_OUTPUT],
			                      stdout, stderr);
			break;
		}
		rc = lf_cli_print(st, &me, a->n_pos > 1 ? arg[0] : NULL, a->sheet, a->opt[O_NOTICE], a->blank,
		                  a->opt[O_OUTPUT], stdout, stderr);
		break;
	case C_SEARCH: rc = lf_cli_search(st, &me, arg[0], stdout, stderr); break;
	case C_QUERY: rc = lf_cli_query(st, &me, arg[0], stdout, stderr); break;
	case C_SCHEDULE_GENERATE: {
		lf_cli_schedule_opts so = {a->opt[O_RULE], a->opt[O_FROM], a->opt[O_TO], a->opt[O_POSTPONE],
		                           a->opt[O_LEADERS], a->opt[O_TIME], a->opt[O_LOCATION], a->opt[O_DEPARTMENT],
		                           a->opt[O_KIND], a->opt[O_MODE]};
		rc = lf_cli_schedule_generate(st, &me, &so, stdout, stderr);
		break;
	}
	case C_SCHEDULE_IMPORT: rc = lf_cli_schedule_import(st, &me, arg[0], &ap, stdout, stderr); break;
	case C_SCHEDULE_LIST: rc = lf_cli_schedule_list(st, &me, arg[0], stdout, stderr); break;
	case C_SCHEDULE_PUBLISH: rc = lf_cli_schedule_publish(st, &me, arg[0], a->opt[O_OUTPUT], &ap, stdout, stderr); break;
	case C_SCHEDULE_APPROVE:
		rc = lf_cli_schedule_approve(st, &me, arg[0], a->opt[O_OUTPUT], a->days_off, stdout, stderr);
		break;
	case C_USER_PORTFOLIO: rc = lf_cli_user_portfolio(st, &me, arg[0], arg[1], stdout, stderr); break;
	case C_RECEPTION_PHOTO: rc = lf_cli_reception_photo(st, &me, arg[0], arg[1], arg[2], stdout, stderr); break;
	default: rc = 2; break;
	}
	lf_user_free(&me);
	return rc;
}

int main(int argc, char **argv)
{
	args a = {0};

	/* Nothing quoted in a message reaches the terminal raw (clean_stream.c). */
	lf_cli_clean_stderr();

	/* The language must be known before any message, so look for it first. */
	const char *lang = NULL;
	for (int i = 1; i < argc; i++) {
		const char *v = option_value(argc, argv, &i, "--lang");
		if (v)
			lang = v;
	}
	bool utf8 = lf_i18n_init(lang);

	/* laifang case STEP ...: the steps have options of their own (src/cli/case.c). */
	if (lf_cli_case_wanted(argc, argv))
		return lf_cli_case_main(argc, argv);
	/* laifang exchange ...: between offices (src/cli/exchange.c). */
	if (lf_cli_exchange_wanted(argc, argv))
		return lf_cli_exchange_main(argc, argv);
	/* laifang stats --annual YYYY: the annual report (src/cli/annual.c). */
	if (lf_cli_annual_wanted(argc, argv))
		return lf_cli_annual_main(argc, argv);
	/* laifang suggestion ...: the office's suggestions (src/cli/suggestion.c). */
	if (lf_cli_suggestion_wanted(argc, argv))
		return lf_cli_suggestion_main(argc, argv);
	/* laifang view ... / queue ...: saved views (src/cli/view.c). */
	if (lf_cli_view_wanted(argc, argv))
		return lf_cli_view_main(argc, argv);

	int rc = parse(argc, argv, &a);
	if (rc != 0)
		return rc;
	if (a.help) {
		lf_cli_usage(stdout);
		return 0;
	}
	if (a.version) {
		printf("laifang %s\n", LAIFANG_VERSION);
		return 0;
	}

	bool tui;
	int first_arg = 0;
	const struct command *c = find_command(&a, &first_arg, &tui);
	if (!c && !tui)
		return 2;
	if (!tui)
		lf_cli_clean_stdout();
	if (c && c->id == C_INIT && a.password_stdin && (!a.opt[O_ADMIN] || !a.opt[O_NAME])) {
		fprintf(stderr, "%s", _("laifang: init --password-stdin needs --admin LOGIN and --name NAME\n"));
		return 2;
	}
	lf_date training_day;
	if (c && c->id == C_INIT && a.opt[O_TRAINING] && !lf_date_parse(a.opt[O_TRAINING], &training_day)) {
		fprintf(stderr, _("laifang: --training needs a date (YYYY-MM-DD), not \"%s\"\n"), a.opt[O_TRAINING]);
		return 2;
	}
	if (c && c->id == C_PERMISSIONS) { /* from the table in the binary: no database */
		lf_permissions_markdown(stdout);
		return fflush(stdout) == 0 ? 0 : 2;
	}
	if (tui && !utf8) {
		fprintf(stderr, "laifang: the terminal's locale is not UTF-8, so Chinese text cannot be shown.\n"
		                "Set a UTF-8 locale, for example: export LANG=C.UTF-8\n");
		return 2;
	}

	/* db copy --from names the source as --db would. */
	if (c && c->id == C_DB_COPY && a.opt[O_FROM]) {
		if (a.opt[O_DB] && strcmp(a.opt[O_DB], a.opt[O_FROM])) {
			fprintf(stderr, "%s", _("laifang: db copy takes its source from --from or --db, not both\n"));
			return 2;
		}
		a.opt[O_DB] = a.opt[O_FROM];
	}
	char *db_path = lf_cli_database(a.opt[O_DB]);
	if (!db_path) {
		fprintf(stderr, "%s", _("laifang: cannot tell where the database goes: HOME is not set; use --db FILE\n"));
		return 2;
	}
	/* Only init and the desk make a new database: a mistyped --db given to
	 * check, export or any other command says so instead of leaving an empty
	 * office file behind (and reporting it "consistent"). */
	/* schedule check needs no login and no office yet: it may run on a new file. */
	if (!tui && c->id != C_INIT && c->id != C_SCHEDULE_CHECK && lf_office_absent(db_path)) {
		char shown[1024];
		lf_path_redact(db_path, shown, sizeof shown);
		fprintf(stderr, _("laifang: there is no database at %s; laifang init creates one\n"), shown);
		free(db_path);
		return 2;
	}
	lf_store_err err;
	char msg[512];
	if (isatty(STDERR_FILENO))
		lf_office_on_upgrading(say_upgrading, NULL);
	lf_store *st = lf_office_open(db_path, &err, msg, sizeof msg);
	if (!st) {
		fprintf(stderr, "laifang: %s\n", msg);
		free(db_path);
		return 2;
	}

	lf_cli_training_apply(st);
	if (tui && a.opt[O_SCREEN])
		rc = lf_tui_run_screen(st, db_path, lf_os_user(), a.opt[O_SCREEN]);
	else if (tui)
		rc = lf_tui_run(st, db_path, lf_os_user());
	else if (c->id == C_INIT) {
		rc = lf_cli_init(st, a.opt[O_ADMIN], a.opt[O_NAME], stdin, a.password_stdin ? stdin : NULL, stdout,
		                 stderr);
		if (rc == 0 && a.opt[O_TRAINING])
			rc = lf_cli_init_training(st, a.opt[O_TRAINING], stdout, stderr);
	} else if (c->id == C_CHECK)
		rc = lf_cli_check_head(st, a.head, a.opt[O_EXPECT], stdout, stderr);
	else if (c->id == C_KEY_IMPORT)
		rc = lf_cli_key_import(st, a.pos[first_arg], stdout, stderr);
	else if (c->id == C_SCHEDULE_CHECK)
		rc = lf_cli_schedule_check(st, a.pos[first_arg], a.opt[O_POSTPONE], a.opt[O_LEADERS], stdout, stderr);
	else
		rc = run_as_user(st, c, &a, a.pos + first_arg);

	lf_office_close(st);
	free(db_path);
	return rc;
}
