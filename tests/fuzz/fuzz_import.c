/* libFuzzer target: `laifang import` (lf_cli_import) of any bytes, CSV or
 * JSON, into a fresh copy of a small database (an administrator and a
 * clerk, made once). Besides not crashing: the exit status is 0, 1 or 2;
 * a refusal writes a message; and whatever happened, the database stays
 * consistent (lf_store_check finds nothing). */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define FUZZ_OWN_INIT
#include "fuzz_common.h"
#include "fuzz_store.h"

#include "laifang/auth.h"
#include "laifang/cli.h"
#include "laifang/date.h"
#include "laifang/people.h"
#include "laifang/store.h"
#include "laifang/store_audit.h"
#include "laifang/store_people.h"

static char dir[64], db[128], input[128];
static char *tpl;
static size_t tpl_len;

static void die(const char *what)
{
	fprintf(stderr, "fuzz_import: %s\n", what);
	abort();
}

static void put_file(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0)
		die(path);
}

/* The working directory goes when the run ends (libFuzzer exits through
 * exit(); a crash leaves it for a look). */
static void remove_dir(void)
{
	unlink(input);
	fuzz_unlink_db(db);
	fuzz_remove_keys(dir);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setlocale(LC_ALL, "C.UTF-8");
	{ struct tm tm = {.tm_year = 126, .tm_mon = 10, .tm_mday = 23, .tm_hour = 12, .tm_isdst = -1}; lf_clock_set_for_tests((long long)mktime(&tm)); }
	if (!fuzz_temp_dir(dir, sizeof dir, "import"))
		die("mkdtemp");
	setenv("XDG_CONFIG_HOME", dir, 1); /* the office key, beside the database */
	snprintf(db, sizeof db, "%s/t.db", dir);
	snprintf(input, sizeof input, "%s/in", dir);
	char msg[512];
	lf_store *st = lf_store_open(db, NULL, msg, sizeof msg);
	if (!st)
		die(msg);
	if (!fuzz_admin_and_clerk(st, msg, sizeof msg))
		die(msg);
	lf_store_close(st); /* checkpoints: the whole database is in t.db */
	FILE *f = fopen(db, "rb");
	if (!f)
		die(db);
	fseek(f, 0, SEEK_END);
	tpl_len = (size_t)ftell(f);
	rewind(f);
	tpl = malloc(tpl_len);
	if (fread(tpl, 1, tpl_len, f) != tpl_len)
		die("read template");
	fclose(f);
	atexit(remove_dir);
	return 0;
}

static void no_problem(const char *problem, void *ud)
{
	(void)ud;
	fprintf(stderr, "fuzz_import: check: %s\n", problem);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char side[160];
	snprintf(side, sizeof side, "%s-wal", db);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", db);
	unlink(side);
	put_file(db, tpl, tpl_len);
	put_file(input, data, size);
	char msg[512];
	lf_store *st = lf_store_open(db, NULL, msg, sizeof msg);
	if (!st)
		die(msg);
	lf_user clerk = {0};
	if (lf_store_user_get(st, "clerk", &clerk, NULL) != LF_STORE_OK)
		die("no clerk");
	lf_store_set_actor(st, clerk.id, clerk.login);
	char *o = NULL, *e = NULL;
	size_t ol = 0, el = 0;
	FILE *out = open_memstream(&o, &ol), *err = open_memstream(&e, &el);
	int rc = lf_cli_import(st, &clerk, input, out, err);
	fclose(out);
	fclose(err);
	if (rc < 0 || rc > 2)
		die("exit status out of range");
	if (rc != 0 && el == 0)
		die("refused without a word");
	if (lf_store_check(st, no_problem, NULL) != 0)
		die("check did not run");
	free(o);
	free(e);
	lf_user_free(&clerk);
	lf_store_close(st);
	return 0;
}
